//! Entities nobody configured: the people, organisations and places a paragraph names, found
//! with general rules rather than lists of names.
//!
//! 1. `tokens` splits the paragraph into words; runs of capitalised words (with particles
//!    such as "bin" and "of" inside organisation names) are candidate names, cut wherever a
//!    configured actor or a date was already found, since those are not entities.
//! 2. Leading function words go ("In Doha" → "Doha", remembering "in" as a place cue), and
//!    titles split a run ("Balkh Governor Atta Mohammad Noor" → a person after "Governor").
//! 3. Each name is classed by its cues (`classify`): a title, a saying verb, an appositive or
//!    "who" make a person; a head noun an organisation or place; a locative preposition a
//!    place; two to four plain name words a person.
//! 4. [`resolve`] merges, within the article, a bare surname ("Putin") into the full name
//!    ("Vladimir Putin"); the index stage does the same across the corpus.

mod classify;
pub mod quotes;
pub mod tokens;
mod words;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

use crate::model::EntityKind;
use tokens::Tok;
use words::{is, is_stop, PARTICLES};

/// A candidate name in one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Byte range in the paragraph text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The name as written.
    pub name: String,
    /// Its class; `None` for a lone capitalised word with no cue, kept only if it turns out
    /// to be the surname of a person the article names in full.
    pub kind: Option<EntityKind>,
}

/// Finds candidate names in one paragraph. `claimed` are the ranges already taken by actors
/// and dates; `headline` paragraphs (Title Case) yield nothing, since every word is capitalised.
/// `toks` are the paragraph's [`tokens::tokens`], shared with the quote finder.
pub fn find(
    text: &str,
    toks: &[tokens::Tok],
    claimed: &[Range<usize>],
    headline: bool,
) -> Vec<Candidate> {
    if headline {
        return Vec::new();
    }
    let taken = overlapped(toks, claimed);
    let mut out = Vec::new();
    for run in runs(toks, &taken) {
        for piece in classify::pieces(toks, run) {
            if let Some(c) = classify::classify(text, toks, &taken, piece) {
                out.push(c);
            }
        }
    }
    out
}

/// For each token, whether a claimed range overlaps it. Sorted starts and a running maximum
/// of ends make it O((words + claims) log claims): a long paragraph has thousands of both.
fn overlapped(toks: &[tokens::Tok], claimed: &[Range<usize>]) -> Vec<bool> {
    let mut sorted: Vec<&Range<usize>> = claimed.iter().collect();
    sorted.sort_by_key(|c| c.start);
    let mut max_end = Vec::with_capacity(sorted.len());
    let mut running = 0;
    for c in &sorted {
        running = running.max(c.end);
        max_end.push(running);
    }
    toks.iter()
        .map(|t| {
            // Claims starting before the token ends; one of them overlaps it iff the furthest
            // end among them passes the token's start.
            let before = sorted.partition_point(|c| c.start < t.end);
            before > 0 && max_end[before - 1] > t.start
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
        if !toks[i].cap || taken[i] {
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
                && (is(PARTICLES, &toks[j].key) || toks[j].key == "of" || toks[j].key == "the")
                && j - end < 2
            {
                j += 1;
            }
            let inner_ok = toks[end..j]
                .iter()
                .all(|t| is(PARTICLES, &t.key) || classify::has_head(&toks[start..end]));
            if j < toks.len() && toks[j].joined && toks[j].cap && !taken[j] && inner_ok {
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
            if j > end && is(words::ORG_HEADS, &toks[j - 1].key) && j - start <= 8 {
                end = j;
            }
        }
        out.push(start..end);
        i = end;
    }
    out
}

/// Merges, within one article, short names into the full person names they end ("Putin" →
/// "Vladimir Putin", "Muttaqi" → "Amir Khan Muttaqi"), and drops uncued words that merge
/// into nothing. Ambiguous surnames (two full names end with them) stay as they are.
pub fn resolve(cands: &mut Vec<(usize, Candidate)>) -> Vec<Option<usize>> {
    let mut full: HashMap<String, Option<String>> = HashMap::new();
    let mut persons: HashMap<String, String> = HashMap::new();
    for (_, c) in cands.iter() {
        if c.kind != Some(EntityKind::Person) {
            continue;
        }
        let words: Vec<&str> = c.name.split(' ').collect();
        persons.insert(key(&c.name), c.name.clone());
        for k in 1..words.len() {
            let suffix = key(&words[k..].join(" "));
            if is_stop(&suffix) {
                continue;
            }
            let entry = full.entry(suffix).or_insert_with(|| Some(c.name.clone()));
            if entry.as_ref().is_some_and(|n| key(n) != key(&c.name)) {
                let longer = entry.as_ref().is_some_and(|n| {
                    key(n).ends_with(&key(&c.name)) || key(&c.name).ends_with(&key(n))
                });
                if !longer {
                    *entry = None;
                } else if c.name.len() > entry.as_ref().map_or(0, String::len) {
                    *entry = Some(c.name.clone());
                }
            }
        }
    }
    // A person named in full at least once: keep the longest form of each.
    let mut kept_index: Vec<Option<usize>> = Vec::with_capacity(cands.len());
    let mut kept = Vec::with_capacity(cands.len());
    for (block, mut c) in cands.drain(..) {
        let k = key(&c.name);
        let merged = full.get(&k).cloned().flatten();
        match (merged, c.kind) {
            (Some(name), Some(EntityKind::Person) | None) => {
                c.name = name;
                c.kind = Some(EntityKind::Person);
            }
            (Some(name), Some(_)) if !k.contains(' ') => {
                c.name = name;
                c.kind = Some(EntityKind::Person);
            }
            (_, Some(EntityKind::Other)) if persons.contains_key(&k) => {
                c.kind = Some(EntityKind::Person);
            }
            _ => {}
        }
        if c.kind.is_some() {
            kept_index.push(Some(kept.len()));
            kept.push((block, c));
        } else {
            kept_index.push(None);
        }
    }
    *cands = kept;
    kept_index
}

/// The comparison key of a name: lowercase, one apostrophe.
pub fn key(name: &str) -> String {
    name.to_lowercase().replace('’', "'")
}
