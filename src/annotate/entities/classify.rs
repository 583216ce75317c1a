//! Classing a candidate name by the words around it: titles, head nouns, saying verbs,
//! appositives, prepositions and the shape of the name itself.

use std::ops::Range;

use super::tokens::Tok;
use super::words::*;
use super::Candidate;
use crate::model::EntityKind;

/// Part of a run that names one thing, with what was learnt cutting it out.
#[derive(Clone, Debug)]
pub struct Piece {
    /// Token range.
    pub range: Range<usize>,
    /// A title came right before ("President", "Foreign Minister").
    pub titled: bool,
    /// The function word stripped from its start ("in" of "In Doha"), if any.
    pub lead: Option<String>,
}

/// Whether any token is a head noun or a title, which lets "of" continue a name.
pub fn has_head(toks: &[Tok]) -> bool {
    toks.iter()
        .any(|t| is(ORG_HEADS, &t.key) || is(PLACE_HEADS, &t.key) || is(TITLES, &t.key))
}

/// Cuts a run into the names it holds: leading function words go, and a title splits what
/// precedes it ("Balkh") from the person it introduces ("Atta Mohammad Noor").
pub fn pieces(toks: &[Tok], run: Range<usize>) -> Vec<Piece> {
    let mut start = run.start;
    let mut lead = None;
    let opener =
        |t: &Tok| t.initial && t.key.len() > 4 && (t.key.ends_with("ly") || t.key.ends_with("ing"));
    while start < run.end
        && (is_stop(&toks[start].key) || (start == run.start && opener(&toks[start])))
    {
        lead = Some(toks[start].key.to_string());
        start += 1;
    }
    let end = run.end;
    if start >= end {
        return Vec::new();
    }
    let last = &toks[end - 1].key;
    if is(ORG_HEADS, last) || is(PLACE_HEADS, last) {
        return vec![Piece {
            range: start..end,
            titled: false,
            lead,
        }];
    }
    let title_at = (start..end - 1).rev().find(|&i| is(TITLES, &toks[i].key));
    let Some(i) = title_at else {
        return vec![Piece {
            range: start..end,
            titled: false,
            lead,
        }];
    };
    let mut name = i + 1;
    while name < end - 1 && (is(TITLE_MODIFIERS, &toks[name].key) || is(TITLES, &toks[name].key)) {
        name += 1;
    }
    let mut title = i;
    while title > start
        && (is(TITLE_MODIFIERS, &toks[title - 1].key) || is(TITLES, &toks[title - 1].key))
    {
        title -= 1;
    }
    let mut out = Vec::new();
    if title > start {
        out.push(Piece {
            range: start..title,
            titled: false,
            lead,
        });
    }
    out.push(Piece {
        range: name..end,
        titled: true,
        lead: None,
    });
    out
}

/// Classes one piece, or drops it (`None`) when it cannot be a name.
pub fn classify(text: &str, toks: &[Tok], taken: &[bool], piece: Piece) -> Option<Candidate> {
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
    let common = keys
        .iter()
        .all(|k| is(NOT_NAME, k) || is_adjective(k) || is_stop(k));
    let cand = |kind| {
        Some(Candidate {
            start: first.start,
            end: lastt.end,
            name: name.clone(),
            kind,
        })
    };
    let has_of = keys.contains(&"of");
    if (is(ORG_HEADS, last) || (has_of && keys.iter().any(|k| is(ORG_HEADS, k)))) && n >= 2 {
        return cand(Some(EntityKind::Organisation));
    }
    if is(PLACE_HEADS, last) && n >= 2 {
        return cand(Some(EntityKind::Place));
    }
    if common && !piece.titled {
        return None;
    }
    if piece.titled {
        return cand(Some(EntityKind::Person));
    }
    let plural_opener = n == 1 && first.initial && last.ends_with('s');
    if !plural_opener && person_cue_after(text, toks, taken, r.end) {
        return cand(Some(EntityKind::Person));
    }
    let place_prep = before.is_some_and(|b| is(PLACE_PREPS, b) || (n == 1 && b == "to"));
    if place_prep || (n == 1 && last.ends_with("stan")) {
        return cand(Some(EntityKind::Place));
    }
    let article_before = before.is_some_and(|b| matches!(b, "the" | "a" | "an"));
    let name_like = keys
        .iter()
        .all(|k| !is(NOT_NAME, k) && !is(ORG_HEADS, k) && !is(PLACE_HEADS, k))
        && !is_adjective(keys[0])
        && !is(PARTICLES, keys[0]);
    if (2..=4).contains(&n) && name_like && !article_before {
        return cand(Some(EntityKind::Person));
    }
    if n >= 2 {
        return cand(Some(EntityKind::Other));
    }
    cand(None)
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
            && (is(AUXILIARIES, &toks[i].key) || toks[i].key.ends_with("ly"))
        {
            i += 1;
        }
        return toks
            .get(i)
            .is_some_and(|t| t.joined && is(SAYING_VERBS, &t.key));
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
        if is(PERSON_NOUNS, &toks[i].key) && !taken[i] {
            return true;
        }
    }
    false
}
