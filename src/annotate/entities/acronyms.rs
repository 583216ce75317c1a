//! Acronyms defined in the text: "the Islamic State of Iraq and the Levant (ISIL)", "World
//! Monuments Fund (WMF)". The long form before the brackets becomes one name, whatever the
//! run rules cut it into, and the acronym stands for it.

use super::tokens::Tok;
use super::words::{is, ORG_HEADS, PLACE_HEADS};
use super::{gazetteer, Candidate};
use crate::model::{EntityKind, Evidence};

/// Words an acronym's letters may skip ("of", "and", "the").
const SKIPPED: &[&str] = &["of", "and", "the", "for", "in", "on", "to", "al", "de", "&"];

/// For each acronym in brackets right after a long form whose initials spell it, replaces the
/// candidates inside the long form by one, and gives the acronym's candidate the long form.
pub fn define(text: &str, toks: &[Tok], taken: &[bool], out: &mut Vec<Candidate>) {
    for a in 1..toks.len() {
        let t = &toks[a];
        if !t.acronym || taken[a] {
            continue;
        }
        let open = &text[toks[a - 1].end..t.start];
        let closes = text[t.end..].starts_with(')');
        if open.trim() != "(" || !closes {
            continue;
        }
        let Some(first) = long_form(toks, taken, a) else {
            continue;
        };
        let (start, end) = (toks[first].start, toks[a - 1].end);
        let long = text[start..end].to_string();
        let last = &toks[a - 1].key;
        let kind = match gazetteer::lookup(&long) {
            Some(g) if g.kind.is_place() => EntityKind::Place,
            _ if is(PLACE_HEADS, last) && !is(ORG_HEADS, last) => EntityKind::Place,
            _ => EntityKind::Organisation,
        };
        out.retain(|c| c.end <= start || c.start >= end);
        out.push(Candidate {
            start,
            name_start: start,
            end,
            name: long.clone(),
            kind: Some(kind),
            evidence: Evidence::Acronym,
            long: None,
            title: None,
        });
        let acronym = &text[t.start..t.end];
        out.retain(|c| !(c.start == t.start && c.end == t.end));
        out.push(Candidate {
            start: t.start,
            name_start: t.start,
            end: t.end,
            name: acronym.to_string(),
            kind: Some(kind),
            evidence: Evidence::Acronym,
            long: Some(long),
            title: None,
        });
    }
}

/// The first token of the long form before the acronym at `a` (its "(" between), when the
/// capitalised words before it, skipping function words, start with the acronym's letters.
fn long_form(toks: &[Tok], taken: &[bool], a: usize) -> Option<usize> {
    let letters: Vec<char> = toks[a].key.chars().filter(|c| c.is_alphabetic()).collect();
    let mut want = letters.len();
    let mut i = a;
    let mut first = None;
    while want > 0 && i > 0 {
        i -= 1;
        let t = &toks[i];
        if taken[i] || (i + 1 < a && !toks[i + 1].joined) {
            return None;
        }
        if SKIPPED.contains(&t.key.as_str()) && i + 1 < a {
            continue;
        }
        if !(t.cap || t.acronym) {
            return None;
        }
        // A word gives its initial; an acronym inside ("U.S. Central Command (USCENTCOM)")
        // gives all its letters.
        let given: Vec<char> = if t.acronym {
            t.key.chars().filter(|c| c.is_alphabetic()).collect()
        } else {
            t.key.chars().take(1).collect()
        };
        if given.len() > want || letters[want - given.len()..want] != given[..] {
            return None;
        }
        want -= given.len();
        first = Some(i);
    }
    (want == 0).then_some(first).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::entities::tokens::tokens;

    fn defined(text: &str) -> Vec<(String, Option<String>)> {
        let toks = tokens(text);
        let mut out = Vec::new();
        define(text, &toks, &vec![false; toks.len()], &mut out);
        out.into_iter().map(|c| (c.name, c.long)).collect()
    }

    #[test]
    fn a_long_form_spelling_the_acronym_names_it() {
        let d = defined("against the Islamic State of Iraq and the Levant (ISIL) in Syria");
        assert_eq!(d[0].0, "Islamic State of Iraq and the Levant");
        assert_eq!(
            d[1],
            (
                "ISIL".into(),
                Some("Islamic State of Iraq and the Levant".into())
            )
        );
        let d = defined("a grant to the World Monuments Fund (WMF) will help");
        assert_eq!(d[1].1.as_deref(), Some("World Monuments Fund"));
    }

    #[test]
    fn brackets_that_do_not_spell_the_acronym_define_nothing() {
        assert!(defined("the Syrian Democratic Forces (ISIL) said").is_empty());
        assert!(defined("fighters (SDF) said").is_empty());
        assert!(defined("he met Kerry (SDF) today").is_empty());
    }
}
