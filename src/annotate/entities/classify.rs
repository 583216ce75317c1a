//! Classing a candidate name by the words around it: titles, head nouns, saying verbs,
//! appositives, prepositions, the gazetteer, what the corpus shows about its words, and the
//! shape of the name itself.

use std::ops::Range;

use super::gazetteer::{self, GeoKind};
use super::lexicon::Lexicon;
use super::tokens::Tok;
use super::words::*;
use super::Candidate;
use crate::model::{EntityKind, Evidence};

/// Part of a run that names one thing, with what was learnt cutting it out.
#[derive(Clone, Debug)]
pub struct Piece {
    /// Token range of the name proper.
    pub range: Range<usize>,
    /// Where the title before the name starts (a token index before `range.start`), when a
    /// title introduced it ("Defense Secretary" of "Defense Secretary Ash Carter").
    pub title: Option<usize>,
    /// The function word stripped from its start ("in" of "In Doha"), if any.
    pub lead: Option<String>,
}

/// Titles that precede a given name rather than a surname ("King Abdullah", "Pope Francis",
/// "Sheikh Mohammed"): with one name word after them, the title is part of the person's name.
const REGNAL_TITLES: &[&str] = &[
    "king", "queen", "prince", "princess", "emir", "sheikh", "pope",
];

/// Whether any token is a head noun or a title, which lets "of" continue a name.
pub fn has_head(toks: &[Tok]) -> bool {
    toks.iter()
        .any(|t| t.is(ORG_HEADS) || t.is(PLACE_HEADS) || t.is(TITLES))
}

/// Whether the run's head words are titles only, no organisation or place head: "of" and a
/// place after them end a person's name ("President Rafsanjani of Iran").
pub fn only_titles(toks: &[Tok]) -> bool {
    !toks.iter().any(|t| t.is(ORG_HEADS) || t.is(PLACE_HEADS))
}

/// Whether a sentence-initial word is a common word capitalised only by its position: the
/// corpus writes it in lowercase and never capitalises it inside a sentence, and the
/// gazetteer does not know it.
pub fn common_opener(t: &Tok, lex: &Lexicon) -> bool {
    t.initial
        && !t.acronym
        && lex.seen_lower(&t.key)
        && !lex.seen_capital_inside(&t.key)
        && gazetteer::lookup_key(&t.key, &t.key).is_none_or(|e| !e.kind.is_place())
}

/// Cuts a run into the names it holds: leading function words go, and a title splits what
/// precedes it, which becomes the title part, from the person it introduces.
pub fn pieces(toks: &[Tok], run: Range<usize>, lex: &Lexicon) -> Vec<Piece> {
    let mut start = run.start;
    let mut lead = None;
    let opener =
        |t: &Tok| t.initial && t.key.len() > 4 && (t.key.ends_with("ly") || t.key.ends_with("ing"));
    while start < run.end
        && ((!toks[start].acronym && toks[start].is_stop())
            || (start == run.start && (opener(&toks[start]) || common_opener(&toks[start], lex))))
    {
        lead = Some(toks[start].key.to_string());
        start += 1;
    }
    let end = run.end;
    if start >= end {
        return Vec::new();
    }
    let last = &toks[end - 1];
    // A title with no name after it ("the Deputy Secretary", "Special Presidential Envoy") is
    // a role, not a name.
    if last.is(TITLES) && !last.possessive {
        return Vec::new();
    }
    let whole = |lead| {
        vec![Piece {
            range: start..end,
            title: None,
            lead,
        }]
    };
    if last.is(ORG_HEADS) || last.is(PLACE_HEADS) {
        return whole(lead);
    }
    let title_at = (start..end - 1).rev().find(|&i| toks[i].is(TITLES));
    let Some(i) = title_at else {
        return whole(lead);
    };
    let mut name = i + 1;
    while name < end - 1 && (toks[name].is(TITLE_MODIFIERS) || toks[name].is(TITLES)) {
        name += 1;
    }
    // "Director of National Intelligence Avril Haines": after "of", the name is at most its
    // last three words.
    if toks[i + 1..name].iter().any(|t| t.key == "of") && end - name > 3 {
        name = end - 3;
    }
    vec![Piece {
        range: name..end,
        title: Some(start),
        lead,
    }]
}

/// Classes one piece, or drops it (`None`) when it cannot be a name.
pub fn classify(
    text: &str,
    toks: &[Tok],
    taken: &[bool],
    piece: Piece,
    lex: &Lexicon,
) -> Option<Candidate> {
    let r = piece.range.clone();
    let n = r.len();
    let first = &toks[r.start];
    let lastt = &toks[r.end - 1];
    let name = text[first.start..lastt.end].to_string();
    let keys: Vec<&str> = toks[r.clone()].iter().map(|t| t.key.as_str()).collect();
    let last = keys[n - 1];
    let before = piece
        .lead
        .clone()
        .or_else(|| (r.start > 0 && first.joined).then(|| toks[r.start - 1].key.to_string()));
    let before = before.as_deref();
    let span_start = piece.title.map_or(first.start, |t| toks[t].start);
    let named = |name: &str, kind, evidence| {
        Some(Candidate {
            start: span_start,
            name_start: first.start,
            end: lastt.end,
            name: name.to_string(),
            kind,
            evidence,
            long: None,
            title: piece.title.map(|t| toks[t].start..toks[r.start - 1].end),
        })
    };
    let cand = |kind, evidence| named(&name, kind, evidence);
    if piece.title.is_some() {
        // A sovereign's or a sheikh's title goes with a given name, and the two are the
        // person's name: "King Hussein" is not Saddam Hussein.
        let regnal = toks[r.start - 1].key.as_str();
        if n == 1 && REGNAL_TITLES.contains(&regnal) {
            let titled = format!(
                "{} {name}",
                &text[toks[r.start - 1].start..toks[r.start - 1].end]
            );
            return named(&titled, Some(EntityKind::Person), Evidence::Cue);
        }
        return cand(Some(EntityKind::Person), Evidence::Cue);
    }
    // Times and vessels are names, but of no person, organisation or place.
    if (n >= 2 && lastt.is(TEMPORAL_HEADS))
        || (n >= 2 && first.is(VESSEL_PREFIXES) && first.acronym)
    {
        return None;
    }
    // Operations and exercises are events ("Operation Inherent Resolve").
    if n >= 2 && first.is(OPERATION_FIRSTS) {
        return None;
    }
    let plural_opener = n == 1 && first.initial && last.ends_with('s');
    let speaks = || !plural_opener && person_cue_after(text, toks, taken, r.end);
    let geo = if n == 1 {
        // "Southern", "Eastern": adjectives, whatever province bears the name.
        gazetteer::lookup_key(&first.key, &name)
            .filter(|g| g.kind == GeoKind::Country || !(first.is(COMPASS) || first.is_adjective()))
    } else {
        gazetteer::lookup(&name)
    };
    if let Some(geo) = geo {
        // A country by any of its names is one entity ("U.S.", "US", "United States").
        let cand = |kind, evidence| match geo.kind {
            GeoKind::Country if !geo.country.is_empty() => named(geo.country, kind, evidence),
            _ => named(&name, kind, evidence),
        };
        return match geo.kind {
            // A city or province may share a person's name ("Jackson said").
            GeoKind::City | GeoKind::Province if speaks() => {
                cand(Some(EntityKind::Person), Evidence::Cue)
            }
            // A state that acts is an organisation ("the United States will", "U.S. forces"),
            // not after "of": "the Queen of Ghana met" is the queen acting.
            GeoKind::Country
                if acts(toks, r.end)
                    && !before.is_some_and(|b| is(PLACE_PREPS, b) || b == "of") =>
            {
                cand(Some(EntityKind::Organisation), Evidence::Gazetteer)
            }
            k if k.is_place() => cand(Some(EntityKind::Place), Evidence::Gazetteer),
            GeoKind::Organisation => cand(Some(EntityKind::Organisation), Evidence::Gazetteer),
            _ => None,
        };
    }
    let has_of = keys.contains(&"of");
    let words = &toks[r.clone()];
    if (lastt.is(ORG_HEADS) || (has_of && words.iter().any(|t| t.is(ORG_HEADS))))
        && (n >= 2 || !first.initial)
    {
        return cand(Some(EntityKind::Organisation), Evidence::Cue);
    }
    let place_first =
        first.is(PLACE_FIRSTS) || (first.is(PLACE_HEADS) && keys.get(1) == Some(&"of"));
    if (lastt.is(PLACE_HEADS) || place_first) && (n >= 2 || !first.initial) {
        return cand(Some(EntityKind::Place), Evidence::Cue);
    }
    // "East Mosul", "northern Syria": a compass word before a known place.
    if n >= 2 && first.is(COMPASS) {
        let rest = &text[toks[r.start + 1].start..lastt.end];
        if gazetteer::lookup(rest).is_some_and(|g| g.kind.is_place()) {
            return cand(Some(EntityKind::Place), Evidence::Gazetteer);
        }
    }
    if n == 1 && first.acronym {
        if !acronym(first, &name, lex) || countable(toks, r.start) {
            return None;
        }
        return cand(Some(EntityKind::Organisation), Evidence::Acronym);
    }
    let common = words
        .iter()
        .all(|t| t.is(NOT_NAME) || t.is_adjective() || t.is_stop());
    if common || (n == 1 && prefixed(&name)) {
        return None;
    }
    if speaks() {
        // "the Pentagon said": a person takes no article, a speaking body does.
        if n == 1 && before == Some("the") {
            return cand(Some(EntityKind::Organisation), Evidence::Cue);
        }
        return cand(Some(EntityKind::Person), Evidence::Cue);
    }
    // "Daesh fighters", "ISIL-held": a group noun or "-held" right after makes a body.
    if toks
        .get(r.end)
        .is_some_and(|t| t.joined && !t.cap && t.is(GROUP_NOUNS) && !lastt.possessive)
        || text[lastt.end..].starts_with("-held")
    {
        return cand(Some(EntityKind::Organisation), Evidence::Cue);
    }
    // "the town of Tel Tamer", "the vicinity of Ayn Issa".
    let place_of = r.start >= 2
        && toks[r.start - 1].key == "of"
        && first.joined
        && toks[r.start - 1].joined
        && toks[r.start - 2].is(PLACE_NOUNS);
    let place_prep =
        place_of || before.is_some_and(|b| is(PLACE_PREPS, b) || (n == 1 && b == "to"));
    if place_prep || (n == 1 && last.ends_with("stan")) {
        return cand(Some(EntityKind::Place), Evidence::Cue);
    }
    let article_before = before.is_some_and(|b| matches!(b, "the" | "a" | "an"));
    // A person's given names are rarely common words ("Greenwich Mean Time", "Operation
    // Inherent Resolve" are no people); a surname may be one ("Peter Cook").
    let common_given = words[..n - 1]
        .iter()
        .any(|t| lex.seen_lower(&t.key) && !t.is(PARTICLES));
    let name_like = words
        .iter()
        .all(|t| !t.is(NOT_NAME) && !t.is(ORG_HEADS) && !t.is(PLACE_HEADS))
        && !first.is_adjective()
        && !first.is(PARTICLES)
        && toks[r.clone()].iter().all(|t| !t.acronym)
        && !common_given;
    if (2..=4).contains(&n) && name_like && !article_before {
        return cand(Some(EntityKind::Person), Evidence::Shape);
    }
    if n >= 2 {
        return cand(Some(EntityKind::Other), Evidence::Shape);
    }
    // One word with no cue: a name when it is capitalised inside a sentence, or when the
    // corpus capitalises it there and never writes it in lowercase.
    if gazetteer::is_nationality_key(last) || first.initial && lex.seen_lower(last) {
        return None;
    }
    if first.initial {
        if lex.seen_capital_inside(last) && !lex.seen_lower(last) {
            return cand(Some(EntityKind::Other), Evidence::Corpus);
        }
        return None;
    }
    if prefixed(&name) {
        return None;
    }
    cand(Some(EntityKind::Other), Evidence::Shape)
}

/// "Counter-IED", "Anti-Terrorism": a capitalised word made with a prefix is a common word.
fn prefixed(word: &str) -> bool {
    let Some((head, _)) = word.split_once(['-', '‐']) else {
        return false;
    };
    const PREFIXES: &[&str] = &[
        "anti", "counter", "pro", "non", "post", "pre", "ex", "mid", "multi", "self", "cross",
        "inter", "intra", "sub", "super", "trans", "ultra", "semi", "co", "re", "de",
    ];
    PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(head))
}

/// Whether a lone acronym names something: not a Roman numeral, not a function word in
/// capitals ("IT", "WHO" stay, "OR" goes), not one the corpus pluralises ("IEDs").
fn acronym(t: &Tok, written: &str, lex: &Lexicon) -> bool {
    let roman = t.key.bytes().all(|b| b"ivxlcdm".contains(&b));
    // "IEDs", "NGOs": a plural is a countable thing.
    let plural = written.ends_with('s')
        && written[..written.len() - 1].ends_with(|c: char| c.is_ascii_uppercase());
    !roman && !plural && !t.is(STOP) && !t.is(TIME_ACRONYMS) && !lex.plural_acronym(&t.key)
}

/// Whether the country's name ending at token `end` acts as a state: a group noun follows
/// ("U.S. forces"), or a verb of speech, an auxiliary or a modal ("Turkey said", "the United
/// States will").
fn acts(toks: &[Tok], end: usize) -> bool {
    let Some(next) = toks.get(end) else {
        return false;
    };
    if !next.joined || next.cap || next.acronym {
        return false;
    }
    if toks[end - 1].possessive {
        return next.is(GROUP_NOUNS);
    }
    next.is(GROUP_NOUNS) || next.is(SAYING_VERBS) || next.is(AGENT_VERBS)
}

/// "a VBIED,", "an IED.": an acronym right after an indefinite article, with no noun after it
/// that the article could belong to ("an ISIL tactical unit"), is a countable thing.
fn countable(toks: &[Tok], i: usize) -> bool {
    let article = i > 0 && toks[i].joined && matches!(toks[i - 1].key.as_str(), "a" | "an");
    let modifier = toks
        .get(i + 1)
        .is_some_and(|t| t.joined && !t.cap && !t.acronym && !t.is_stop() && !toks[i].possessive);
    article && !modifier
}

/// A saying verb ("Muttaqi characterized"), ", who", or an appositive naming a person's role
/// (", a former Afghan politician,") right after the name.
fn person_cue_after(text: &str, toks: &[Tok], taken: &[bool], end: usize) -> bool {
    let Some(next) = toks.get(end) else {
        return false;
    };
    if toks[end - 1].possessive {
        return false;
    }
    if next.joined {
        let mut i = end;
        while i < toks.len()
            && i < end + 2
            && toks[i].joined
            && (toks[i].is(AUXILIARIES) || toks[i].key.ends_with("ly"))
        {
            i += 1;
        }
        return toks.get(i).is_some_and(|t| t.joined && t.is(SAYING_VERBS));
    }
    let gap = &text[toks[end - 1].end..next.start];
    if gap.trim() != "," {
        return false;
    }
    if next.key == "who" {
        return true;
    }
    if !matches!(
        next.key.as_str(),
        "a" | "an" | "the" | "former" | "then" | "now" | "its" | "his" | "her"
    ) {
        return false;
    }
    for i in end + 1..(end + 7).min(toks.len()) {
        if !toks[i].joined && i > end + 1 {
            return false;
        }
        if toks[i].is(PERSON_NOUNS) && !taken[i] {
            return true;
        }
    }
    false
}
