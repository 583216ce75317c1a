//! Stage 3 of actor matching: deciding whether a capital city stands for a
//! state ("Moscow accepted the credentials") or is just a place ("a concert
//! in Moscow").
//!
//! The rule is deliberately shallow, because it runs on every metonym
//! candidate and must work on any English news text without a parser:
//! a metonym counts as the actor UNLESS its immediate context marks it as a
//! location. Location cues, all looked up in small tables below, are
//!  * the word before it: a locative preposition ("in", "to", "from", "near",
//!    …), a place modifier ("central", "downtown", "capital"), a verb of
//!    capture or travel ("seized", "visited", "fled"), or "of" after a place
//!    noun ("the fall of", "the streets of");
//!  * the word after it (directly, after a hyphen, or after a possessive):
//!    a place noun ("Moscow Metro", "Kabul airport", "Moscow’s streets"), a
//!    compound noun ("Kabul embassy"), a hyphen suffix ("Moscow-based"), or
//!    an appositive naming it a capital ("Kabul, the Afghan capital");
//!  * being the tail of a longer proper name ("George Washington"), except in
//!    title-case lines such as headlines.
//!
//! A possessive followed by a non-place noun overrides a preceding locative
//! ("in Moscow’s view" is the state's view). In a coordination ("between
//! Moscow and Kabul", "in Moscow and Kabul", "Moscow-Kabul’s romance") the
//! later conjunct inherits the cue that governs the whole list.

use super::cues::{
    COMPOUND_NOUN, HYPHEN_SUFFIX, LOCATIVE, NOT_NAME, PLACE_MODIFIER, PLACE_NOUN, PLACE_OF,
    PLACE_VERB,
};
use super::tokens::{after, before, Tok};

/// Table lookup; tables are tiny, so a linear scan beats hashing.
fn is_in(table: &[&str], word: &str) -> bool {
    table.contains(&word)
}

/// Decides whether the metonym at folded span `s..e` acts as the state.
/// `folded` is the folded paragraph, `titlecase(tok)` tells whether a token
/// starts with a capital letter in the original, `headline` whether the
/// paragraph is written in title case (cheap to compute, asked lazily).
pub(crate) fn acts_as_state(
    folded: &str,
    s: usize,
    e: usize,
    titlecase: &dyn Fn(&Tok) -> bool,
    headline: &dyn Fn() -> bool,
) -> bool {
    // On the stack: this runs for every metonym candidate of the corpus.
    let mut ahead = [Tok::NONE; 16];
    let mut n = 0;
    for (slot, tok) in ahead.iter_mut().zip(after(folded, e)) {
        *slot = tok;
        n += 1;
    }
    let next = &ahead[..n];
    let possessive = matches!(next, [a, b, ..] if a.is("'") && b.is("s") && b.start == a.end);
    if possessive {
        // "Moscow’s streets" is the city, "Moscow’s move" the state, even
        // after a locative ("in Moscow’s view").
        return !next.get(2).is_some_and(|w| is_in(PLACE_NOUN, w.text));
    }
    if let Some(w) = next.first() {
        if is_in(PLACE_NOUN, w.text) || is_in(COMPOUND_NOUN, w.text) {
            return false;
        }
        if w.is("-") && w.start == e {
            if let Some(x) = next.get(1) {
                if is_in(PLACE_NOUN, x.text) || is_in(HYPHEN_SUFFIX, x.text) {
                    return false;
                }
            }
        }
        // Appositive: "Kabul, the Afghan capital" / "Moscow, Russia's capital".
        let mut apposition = next[1..].iter().take_while(|t| t.word || t.is("'"));
        if w.is(",") && apposition.any(|t| t.is("capital")) {
            return false;
        }
        // The head of a longer name is no state ("the Paris Agreement", "Moscow Metro").
        if w.word
            && w.start > e
            && titlecase(w)
            && !is_in(NOT_NAME, w.text)
            && !crate::annotate::dates::words::is_calendar_word(w.text)
            && !headline()
        {
            return false;
        }
        if described_as_place(next) {
            return false;
        }
    }
    !governed_by_place_cue(folded, s, titlecase, headline)
}

/// A copula describing the city as a place: "Moscow has become Europe's largest Muslim
/// city", "Kabul is a city of five million", "Kabul remains the capital".
fn described_as_place(next: &[Tok]) -> bool {
    let copula = match next {
        [a, b, ..] if (a.is("has") || a.is("had")) && b.is("become") => 2,
        [a, b, ..] if (a.is("is") || a.is("was")) && (b.is("now") || b.is("still")) => 2,
        [a, ..] if ["is", "was", "became", "remains", "remained"].contains(&a.text) => 1,
        _ => return false,
    };
    next[copula..]
        .iter()
        .take_while(|t| t.word || t.is("'"))
        .any(|t| {
            [
                "city",
                "cities",
                "town",
                "capital",
                "metropolis",
                "village",
                "port",
            ]
            .contains(&t.text)
        })
}

/// Looks left of the metonym (skipping a coordination) for a location cue.
fn governed_by_place_cue(
    folded: &str,
    s: usize,
    titlecase: &dyn Fn(&Tok) -> bool,
    headline: &dyn Fn() -> bool,
) -> bool {
    let mut prev = before(folded, s).take(12);
    let Some(first) = prev.next() else {
        return false;
    };
    let mut cue = first;
    let coordinated = first.is("and") || first.is("or") || first.is("&");
    let compound = first.is("-") && first.end == s;
    if coordinated || compound {
        // Skip back over the earlier conjuncts: capitalised words, commas,
        // hyphens and further "and"/"or", up to the word that governs them.
        let mut skipped_name = false;
        for t in prev.by_ref() {
            cue = t;
            let conj = t.is("and") || t.is("or") || t.is("&") || t.is(",") || t.is("-");
            let name = t.word && titlecase(&t);
            skipped_name |= name;
            if !(conj || name || t.is("'") || t.is("s")) {
                break;
            }
        }
        if !skipped_name {
            // Not a list of names ("bread and Kabul"): nothing governs it.
            return false;
        }
    }
    let word = cue.text;
    if is_in(LOCATIVE, word) || is_in(PLACE_MODIFIER, word) || is_in(PLACE_VERB, word) {
        return true;
    }
    let prior = before(folded, cue.start).next();
    if word == "of" {
        return prior.is_some_and(|p| is_in(PLACE_OF, p.text));
    }
    if word == "," {
        // "the Afghan capital, Kabul"
        return prior.is_some_and(|p| p.is("capital"));
    }
    // Tail of a longer proper name ("George Washington"), unless the word
    // before starts a sentence or the whole line is in title case.
    if !coordinated
        && !compound
        && cue.word
        && titlecase(&cue)
        && !is_in(NOT_NAME, word)
        && !crate::annotate::dates::words::is_calendar_word(word)
    {
        let sentence_start = prior.is_none_or(|p| !p.word && !p.is(","));
        return !sentence_start && !headline();
    }
    false
}
