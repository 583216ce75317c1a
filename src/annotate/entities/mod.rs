//! Entities nobody configured: the people, organisations and places a paragraph names, found
//! with general rules rather than lists of names.
//!
//! 1. `tokens` splits the paragraph into words; runs of capitalised words and acronyms (with
//!    particles such as "bin" and "of" inside organisation names) are candidate names, cut
//!    wherever a configured actor or a date was already found, since those are not entities.
//! 2. Leading function words go ("In Doha" → "Doha", remembering "in" as a place cue), and so
//!    does a sentence-initial word the corpus writes in lowercase elsewhere ([`lexicon`]);
//!    a title before a name becomes the mention's title part ("Gen." of "Gen. Votel").
//! 3. Each name is classed by its cues (`classify`): a title, a saying verb, an appositive or
//!    "who" make a person; a head noun an organisation or place; the [`gazetteer`] a place; an
//!    acronym an organisation; a locative preposition a place; two to four plain name words a
//!    person. A demonym before a group noun is an organisation ("Iraqi security forces"), and
//!    an acronym in brackets after its long form names it (`acronyms`).
//! 4. Per article ([`resolve`], [`propagate`]): a bare surname joins the full name ("Putin" →
//!    "Vladimir Putin"), an acronym its long form, a name found with a cue lends its class to
//!    its other mentions and is found again where no cue marks it (one sense per discourse).
//!    The index stage merges surnames across the corpus.

mod acronyms;
mod classify;
mod cue_words;
pub mod gazetteer;
mod groups;
pub mod key;
pub mod lexicon;
mod name_heads;
mod not_names;
mod person_cues;
mod propagate;
pub mod quotes;
mod stop_words;
mod titles;
pub mod tokens;
mod words;

#[cfg(test)]
mod tests;

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{EntityKind, Evidence};
use lexicon::Lexicon;
pub use propagate::{propagate, BlockView};
use tokens::Tok;
use words::{is_stop, PARTICLES};

/// A candidate name in one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Byte range in the paragraph text, a title before the name included.
    pub start: usize,
    /// Where the name proper starts (after its title; `start` when there is none).
    pub name_start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The name as written, or the fuller name it stands for.
    pub name: String,
    /// Its class; `None` for a lone capitalised word with no cue, kept only if it turns out
    /// to be the surname of a person the article names in full.
    pub kind: Option<EntityKind>,
    /// What showed it to be a name of that class.
    pub evidence: Evidence,
    /// For an acronym given in brackets after its long form, that long form.
    pub long: Option<String>,
    /// The title before the name, inside the span ("Gen." of "Gen. Votel").
    pub title: Option<Range<usize>>,
}

/// Finds candidate names in one paragraph. `claimed` are the ranges already taken by actors
/// and dates; `headline` paragraphs (Title Case) yield nothing, since every word is capitalised.
/// `toks` are the paragraph's [`tokens::tokens`], shared with the quote finder; `lex` is what
/// the corpus shows about its words.
pub fn find(
    text: &str,
    toks: &[tokens::Tok],
    claimed: &[Range<usize>],
    headline: bool,
    lex: &Lexicon,
) -> Vec<Candidate> {
    find_in(text, toks, &overlapped(toks, claimed), headline, lex)
}

/// [`find`], given which tokens a claimed range overlaps ([`overlapped_tokens`]).
pub fn find_in(
    text: &str,
    toks: &[tokens::Tok],
    taken: &[bool],
    headline: bool,
    lex: &Lexicon,
) -> Vec<Candidate> {
    if headline {
        return Vec::new();
    }
    let mut out = Vec::new();
    for run in runs(toks, taken) {
        for piece in classify::pieces(toks, run, lex) {
            if let Some(c) = classify::classify(text, toks, taken, piece, lex) {
                out.push(c);
            }
        }
    }
    groups::find(text, toks, taken, &mut out);
    acronyms::define(text, toks, taken, &mut out);
    for c in &mut out {
        take_article(toks, taken, c);
    }
    out.sort_by_key(|c| c.start);
    out
}

/// Widens the span of a name that takes the definite article over it ("the United States",
/// "the Coalition", "the SDF"), as OntoNotes and ACE mark such names: when "the" comes right
/// before and the name heads its phrase, not when it modifies a noun after it ("the Syria
/// conflict", where "the" belongs to "conflict"). People take no article. The name itself
/// never includes it.
pub fn take_article(toks: &[Tok], taken: &[bool], c: &mut Candidate) {
    if c.kind == Some(EntityKind::Person) || c.title.is_some() {
        return;
    }
    let at = toks.partition_point(|t| t.start < c.start);
    if at == 0 || at >= toks.len() || toks[at].start != c.start || !toks[at].joined {
        return;
    }
    let the = &toks[at - 1];
    if the.key != "the" || taken[at - 1] {
        return;
    }
    let after = toks.partition_point(|t| t.start < c.end);
    // "the Iran-Iraq war": a name joined to the next word by a hyphen or slash modifies it.
    let compound = toks
        .get(after)
        .is_some_and(|t| !t.joined && t.start == c.end + 1);
    let modifies = compound
        || toks.get(after).is_some_and(|t| {
            t.joined
                && !t.cap
                && !t.acronym
                && !toks[after - 1].possessive
                && !t.is_stop()
                && !t.is(words::AGENT_VERBS)
                && !t.is(words::SAYING_VERBS)
                && !t.is(words::AUXILIARIES)
                && !t.key.ends_with("ed")
        });
    if !modifies {
        c.start = the.start;
    }
}

/// For each token, whether a claimed range overlaps it.
pub fn overlapped_tokens(toks: &[tokens::Tok], claimed: &[Range<usize>]) -> Vec<bool> {
    overlapped(toks, claimed)
}

/// For each token, whether a claimed range overlaps it. Claims sorted by start and a running
/// maximum of their ends, swept with the tokens in order: O(words + claims log claims), as a
/// long paragraph has thousands of both.
fn overlapped(toks: &[tokens::Tok], claimed: &[Range<usize>]) -> Vec<bool> {
    if claimed.is_empty() {
        return vec![false; toks.len()];
    }
    let mut sorted: Vec<(usize, usize)> = claimed.iter().map(|c| (c.start, c.end)).collect();
    sorted.sort_unstable();
    let mut next = 0;
    let mut max_end = 0;
    toks.iter()
        .map(|t| {
            // Claims starting before the token ends; one of them overlaps it iff the furthest
            // end among them passes the token's start.
            while next < sorted.len() && sorted[next].0 < t.end {
                max_end = max_end.max(sorted[next].1);
                next += 1;
            }
            next > 0 && max_end > t.start
        })
        .collect()
}

/// Maximal runs of name words joined by single spaces, with lowercase particles and "of"
/// inside; a possessive ends a run unless an organisation's name follows ("Afghan Women’s
/// Political Participation Network").
fn runs(toks: &[Tok], taken: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].cap || toks[i].acronym) || taken[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if toks[end - 1].possessive {
                break;
            }
            let mut j = end;
            // Particles and "of (the)" may sit inside a name, never at its end.
            while j < toks.len()
                && toks[j].joined
                && !toks[j].cap
                && (toks[j].is(PARTICLES) || toks[j].key == "of" || toks[j].key == "the")
                && j - end < 2
            {
                j += 1;
            }
            // "of" joins two capitalised parts ("Cessation of Hostilities", "Bank of
            // England"); "of the" only after a head noun or a title ("Council of the EU").
            let inner_ok = toks[end..j].iter().all(|t| {
                t.is(PARTICLES)
                    || (t.key == "of"
                        && j == end + 1
                        && !toks[j].acronym
                        && gazetteer::lookup_key(&toks[end - 1].key, "").is_none()
                        && !is_place_key(&toks[j].key))
                    || (classify::has_head(&toks[start..end])
                        && !(classify::only_titles(&toks[start..end])
                            && j < toks.len()
                            && is_place_key(&toks[j].key)))
            });
            let word = |t: &Tok| t.cap || t.acronym;
            if j < toks.len() && toks[j].joined && word(&toks[j]) && !taken[j] && inner_ok {
                end = j + 1;
            } else {
                break;
            }
        }
        // "Afghan Women’s Political Participation Network": a possessive inside an
        // organisation's name.
        if toks[end - 1].possessive {
            let mut j = end;
            while j < toks.len() && toks[j].joined && toks[j].cap && !taken[j] {
                j += 1;
                if toks[j - 1].possessive {
                    break;
                }
            }
            if j > end && toks[j - 1].is(words::ORG_HEADS) && j - start <= 8 {
                end = j;
            }
        }
        out.push(start..end);
        i = end;
    }
    out
}

/// Whether the gazetteer knows the word as a place: "of" before it ends a name ("King
/// Hussein of Jordan" is King Hussein, of Jordan) unless a head noun came first ("Bank of
/// England").
fn is_place_key(key: &str) -> bool {
    gazetteer::lookup_key(key, key).is_some_and(|g| g.kind.is_place())
}

/// Merges, within one article, short names into the full person names they end ("Putin" →
/// "Vladimir Putin", "Muttaqi" → "Amir Khan Muttaqi"), and drops uncued words that merge
/// into nothing. A surname two people of the article share ("Saddam Hussein", "King
/// Hussein") joins the one mentioned last before it, unless both were last mentioned in the
/// same block, or neither yet: then it joins neither ([`referent`]).
pub fn resolve(cands: &mut Vec<(usize, Candidate)>) -> Vec<Option<usize>> {
    expand_acronyms(cands);
    let full = full_names(cands);
    let persons: FxHashSet<String> = cands
        .iter()
        .filter(|(_, c)| c.kind == Some(EntityKind::Person))
        .map(|(_, c)| key(&c.name))
        .collect();
    // Per full name (by key), the block it was last mentioned in, as the article is read.
    let mut last_seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut kept_index: Vec<Option<usize>> = Vec::with_capacity(cands.len());
    let mut kept = Vec::with_capacity(cands.len());
    for (block, mut c) in cands.drain(..) {
        let k = key(&c.name);
        let merged = full
            .get(&k)
            .and_then(|names| referent(names, &last_seen))
            .cloned();
        let mut renamed = false;
        match (merged, c.kind) {
            (Some(name), Some(EntityKind::Person) | None) => {
                c.name = name;
                renamed = true;
                c.kind = Some(EntityKind::Person);
            }
            (Some(name), Some(_)) if !k.contains(' ') && (weak(c.evidence) || town(&c)) => {
                c.name = name;
                renamed = true;
                c.kind = Some(EntityKind::Person);
                // Its class now comes from the full name elsewhere in the article.
                c.evidence = Evidence::Propagation;
            }
            (_, Some(EntityKind::Other)) if persons.contains(&k) => {
                c.kind = Some(EntityKind::Person);
            }
            _ => {}
        }
        if c.kind == Some(EntityKind::Person) && c.name.contains(' ') {
            last_seen.insert(if renamed { key(&c.name) } else { k }, block);
        }
        if c.kind.is_some() {
            kept_index.push(Some(kept.len()));
            kept.push((block, c));
        } else {
            kept_index.push(None);
        }
    }
    one_sense(&mut kept);
    *cands = kept;
    kept_index
}

/// Per word suffix of a person's full name ("putin", "khan muttaqi"), the full names of the
/// article's people that end with it: one per person, the longest form of each ("Vladimir
/// Putin" and "Vladimir Vladimirovich Putin" are one).
fn full_names(cands: &[(usize, Candidate)]) -> FxHashMap<String, Vec<String>> {
    let mut full: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for (_, c) in cands {
        if c.kind != Some(EntityKind::Person) || !c.name.contains(' ') {
            continue;
        }
        let name_key = key(&c.name);
        let mut at = 0;
        while let Some(space) = name_key[at..].find(' ') {
            at += space + 1;
            let suffix = &name_key[at..];
            if is_stop(suffix) {
                continue;
            }
            let names = full.entry(suffix.to_string()).or_default();
            let same = names.iter_mut().find(|n| {
                let n = key(n);
                n == name_key || n.ends_with(&name_key) || name_key.ends_with(&n)
            });
            match same {
                Some(n) if c.name.len() > n.len() => *n = c.name.clone(),
                Some(_) => {}
                None => names.push(c.name.clone()),
            }
        }
    }
    full
}

/// Which of the full names a shared suffix stands for: the only one; else the one the article
/// mentioned last, unless another was last mentioned in the same block (both are in play) or
/// none has been mentioned yet.
fn referent<'a>(names: &'a [String], last_seen: &FxHashMap<String, usize>) -> Option<&'a String> {
    if let [only] = names {
        return Some(only);
    }
    let mut seen: Vec<(usize, &String)> = names
        .iter()
        .filter_map(|n| last_seen.get(&key(n)).map(|&b| (b, n)))
        .collect();
    seen.sort_by_key(|&(b, _)| std::cmp::Reverse(b));
    match seen.as_slice() {
        [(_, n)] => Some(n),
        [(b1, n), (b2, _), ..] if b1 != b2 => Some(n),
        _ => None,
    }
}

/// A single word the gazetteer calls a town or province, not a country: it yields to a
/// person the article names in full with it ("Abraham Lincoln" … "Lincoln said").
fn town(c: &Candidate) -> bool {
    use gazetteer::GeoKind;
    c.evidence == Evidence::Gazetteer
        && c.kind == Some(EntityKind::Place)
        && gazetteer::lookup(&c.name)
            .is_some_and(|g| matches!(g.kind, GeoKind::City | GeoKind::Province))
}

/// Evidence that says a word is a name but not of which class.
fn weak(evidence: Evidence) -> bool {
    matches!(
        evidence,
        Evidence::Shape | Evidence::Corpus | Evidence::Propagation
    )
}

/// An acronym the article spells out once ("Islamic State of Iraq and the Levant (ISIL)")
/// stands for its long form, and takes its class, wherever the article writes it.
fn expand_acronyms(cands: &mut [(usize, Candidate)]) {
    let longs: FxHashMap<String, (String, Option<EntityKind>)> = cands
        .iter()
        .filter_map(|(_, c)| {
            let long = c.long.clone()?;
            Some((key(&c.name), (long, c.kind)))
        })
        .collect();
    if longs.is_empty() {
        return;
    }
    for (_, c) in cands.iter_mut() {
        if let Some((long, kind)) = longs.get(&key(&c.name)) {
            c.long = Some(long.clone());
            c.name = long.clone();
            c.kind = *kind;
        }
    }
}

/// One sense per discourse: a name the article classes with a cue, the gazetteer or as an
/// acronym has that class at every mention whose own evidence says nothing of its class.
fn one_sense(cands: &mut [(usize, Candidate)]) {
    // Each name's key once: both passes ask for it.
    let keys: Vec<String> = cands.iter().map(|(_, c)| key(&c.name)).collect();
    let mut votes: FxHashMap<&str, [usize; 4]> = FxHashMap::default();
    for ((_, c), k) in cands.iter().zip(&keys) {
        if let (Some(kind), false) = (c.kind, weak(c.evidence)) {
            if kind != EntityKind::Other {
                votes.entry(k).or_default()[kind as usize] += 1;
            }
        }
    }
    for ((_, c), k) in cands.iter_mut().zip(&keys) {
        if !weak(c.evidence) && c.kind != Some(EntityKind::Other) {
            continue;
        }
        let Some(v) = votes.get(k.as_str()) else {
            continue;
        };
        let best = (0..3).max_by_key(|&i| (v[i], std::cmp::Reverse(i)));
        c.kind = best.map(|i| {
            [
                EntityKind::Person,
                EntityKind::Organisation,
                EntityKind::Place,
            ][i]
        });
    }
}

/// The comparison key of a name: lowercase, one apostrophe.
pub fn key(name: &str) -> String {
    if name.is_ascii() {
        // Nearly every name: one copy, no apostrophe to replace.
        name.to_ascii_lowercase()
    } else {
        name.to_lowercase().replace('’', "'")
    }
}
