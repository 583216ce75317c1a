//! Context checks that keep numbers, names and links from being read as dates: token
//! boundaries, the surroundings of a bare four-digit number, and link spans.

use std::sync::LazyLock;

use regex::Regex;

use super::cues::{cue, Cues};
use super::resolve::{Cand, Expr};
use super::words::{COUNT_NOUNS, NOT_YEAR_BEFORE, YEAR_BEFORE};

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// The word (letters and digits, lowercased) that ends just before `at`, skipping spaces and
/// one trailing period ("No. 5" gives "no").
pub(crate) fn word_before(text: &str, at: usize) -> String {
    let head = text[..at].trim_end();
    let head = head.strip_suffix('.').unwrap_or(head);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..].to_lowercase()
}

/// The word (letters only, as written) that starts after `at`, skipping spaces.
pub(crate) fn word_after(text: &str, at: usize) -> &str {
    let tail = text[at..].trim_start();
    let end = tail
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Nouns of people, the world and the ways of an era: after "today's" or "tomorrow's" they
/// make the word the present age or the future, not a day ("today's youth", "tomorrow's
/// leaders"), where an event or an issue of the day keeps the day ("today's vote").
const AGE_NOUNS: &[&str] = &[
    "world",
    "youth",
    "young",
    "society",
    "societies",
    "generation",
    "generations",
    "children",
    "kids",
    "teenagers",
    "teens",
    "students",
    "leaders",
    "families",
    "people",
    "women",
    "men",
    "culture",
    "standards",
    "technology",
    "technologies",
    "economy",
    "modern",
    "global",
];

/// Whether "today", "tomorrow" or "yesterday" at `start..end` is the present age, the future
/// or the past rather than a day: after "of" ("the people of tomorrow") or as a possessive of
/// an age noun ("today's youth").
pub(crate) fn age_not_day(text: &str, start: usize, end: usize) -> bool {
    if word_before(text, start) == "of" {
        return true;
    }
    let tail = &text[end..];
    let Some(rest) = tail.strip_prefix("'s").or_else(|| tail.strip_prefix("’s")) else {
        return false;
    };
    let next = word_after(rest, 0).to_ascii_lowercase();
    AGE_NOUNS.contains(&next.as_str())
}

/// True when the span is a whole token: no letter, digit or link character glued to it.
pub(crate) fn bounded(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric() || matches!(c, '/' | '_' | '@' | '#');
    if char_before(text, start).is_some_and(glued) || char_after(text, end).is_some_and(glued) {
        return false;
    }
    // "2,000" or "3.1999": a number continuing to the left.
    let starts_with_digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
    let left = &text[..start];
    !(starts_with_digit
        && (left.ends_with(',') || left.ends_with('.'))
        && left[..left.len() - 1].ends_with(|c: char| c.is_ascii_digit()))
}

/// Whether the bare four-digit number at `start..end` reads as a year in its context.
pub(crate) fn year_ok(text: &str, start: usize, end: usize) -> bool {
    year_ok_after(text, start, end, false)
}

/// [`year_ok`] for a number written after a month or a day ("June 17, 1775"), which is a
/// year however early.
pub(crate) fn year_ok_after(text: &str, start: usize, end: usize, after_month: bool) -> bool {
    match char_before(text, start) {
        Some('$' | '€' | '£' | '¥' | '.' | '\\') => return false,
        Some('-') => {
            let before = &text[..start - 1];
            let range = before.ends_with(|c: char| c.is_ascii_digit());
            let prefix = ["mid", "pre", "post", "early", "late"]
                .iter()
                .any(|p| word_before(text, start - 1) == *p);
            if !(range || prefix) {
                return false;
            }
        }
        _ => {}
    }
    let tail = &text[end..];
    let next_is = |i: usize, f: fn(char) -> bool| tail[i..].chars().next().is_some_and(f);
    match tail.chars().next() {
        Some('%') => return false,
        Some('.' | ',') if next_is(1, |c| c.is_ascii_digit()) => return false,
        Some('-') if next_is(1, char::is_alphabetic) => return false,
        _ => {}
    }
    year_words_ok(text, start, end, after_month)
}

/// The word lists [`year_words_ok`] consults, as sets built once: it runs for every
/// four-digit number, and scanning the lists word by word showed up in profiles.
static COUNT: LazyLock<WordSet> = LazyLock::new(|| COUNT_NOUNS.split_whitespace().collect());
static NOT_YEAR: LazyLock<WordSet> = LazyLock::new(|| NOT_YEAR_BEFORE.split_whitespace().collect());
static YEAR: LazyLock<WordSet> = LazyLock::new(|| YEAR_BEFORE.split_whitespace().collect());

/// A set of short words hashed with Fx: on keys of a few bytes SipHash's rounds cost more
/// than the lookup, and the sets are fixed, so no text can fill them with colliding keys.
type WordSet = rustc_hash::FxHashSet<&'static str>;

/// The word-level half of [`year_ok`]: counting nouns after, amount or label words before.
fn year_words_ok(text: &str, start: usize, end: usize, after_month: bool) -> bool {
    // "+93 2021 5555": one group of a longer number.
    let numeric_neighbour = text[..start]
        .trim_end_matches(' ')
        .ends_with(|c: char| c.is_ascii_digit())
        && text[..start].ends_with(' ')
        || text[end..]
            .strip_prefix(' ')
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
    if numeric_neighbour {
        return false;
    }
    let prev = word_before(text, start);
    let next = word_after(text, end);
    let next_lower = next.to_lowercase();
    if COUNT.contains(next_lower.as_str()) || NOT_YEAR.contains(prev.as_str()) {
        return false;
    }
    if model_year(text, start, end, &prev, next) {
        return false;
    }
    let year: u32 = text[start..end].parse().unwrap_or(0);
    // "(1790)", "(1789-1791)", "1778-1783": a bracket or a range makes an early number a year.
    let bracketed =
        text[..start].ends_with('(') || matches!(text.as_bytes().get(end), Some(b')' | b'-'));
    let range_end = text[..start].ends_with('-') && prev.len() == 4;
    if year < 1800 && !after_month && !bracketed && !range_end && !YEAR.contains(prev.as_str()) {
        return false;
    }
    // "1979 deaths": a lowercase plural right after a number that no preposition introduces.
    let plural = next.len() > 3
        && next.starts_with(|c: char| c.is_lowercase())
        && next.ends_with('s')
        && !["ss", "us", "is"].iter().any(|s| next.ends_with(s));
    let introduced = [
        "in", "since", "by", "until", "till", "during", "before", "after", "the", "its", "their",
        "his", "her", "our", "this", "that", "for",
    ]
    .contains(&prev.as_str());
    !plural || introduced
}

/// Whether the number names the model of a thing, not a time: "a 1982 Bordeaux", "Kopp's 1987
/// Chevrolet", "the 1980 Chevrolet." (a capitalised name right after; after "the", a name that
/// ends the phrase).
fn model_year(text: &str, start: usize, end: usize, prev: &str, next: &str) -> bool {
    let capitalised = next.starts_with(char::is_uppercase)
        && text[end..].starts_with(' ')
        && !super::words::is_calendar_word(&next.to_lowercase());
    if !capitalised {
        return false;
    }
    let possessive =
        text[..start].trim_end().ends_with("'s") || text[..start].trim_end().ends_with("’s");
    if possessive || prev == "a" || prev == "an" {
        return true;
    }
    // "the 1980 Chevrolet." ends its phrase with the name; "the 1968 Democratic National
    // Convention" and "the 1975 Algiers Agreement" name events of that year.
    let after_name = text[end..].trim_start()[next.len()..].trim_start();
    prev == "the"
        && next.chars().count() > 2
        && (after_name.is_empty() || after_name.starts_with(['.', ',', ';', ':', '!', '?', ')']))
}

/// Whether `[start, end)` is followed by a possessive ("May's"), marking a name.
pub(crate) fn possessive_after(text: &str, end: usize) -> bool {
    let tail = &text[end..];
    tail.starts_with("'s") || tail.starts_with("’s")
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|org|net|gov|af|ru|uk)/\S*")
        .expect("valid link regex")
});

/// Links and e-mail addresses, as spans that must not yield dates.
#[cfg(test)]
pub(crate) fn link_spans(text: &str) -> Vec<Cand> {
    link_spans_with(text, &Cues::of(text))
}

/// The link regex's matches over the whole paragraph, which [`link_spans_with`] must equal.
#[cfg(test)]
pub(crate) fn link_spans_everywhere(text: &str) -> Vec<Cand> {
    LINK.find_iter(text)
        .map(|m| Cand {
            start: m.start(),
            end: m.end(),
            expr: Expr::Ignore,
        })
        .collect()
}

/// [`link_spans`] with the paragraph's cues already found: every link or address holds an
/// "@", a "/" or "www.", and most paragraphs hold none, so the regex (slow on Unicode word
/// boundaries) runs only where one could match: and there only on the whitespace-free runs
/// that hold one, as no match contains whitespace. Each search starts at its run with the
/// text before in view, so word boundaries read the same, and every match of a search over
/// the whole paragraph lies in such a run, so the searches find the same matches.
pub(crate) fn link_spans_with(text: &str, cues: &Cues) -> Vec<Cand> {
    if !cues.any(cue::AT | cue::SLASH | cue::WWW) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let bytes = word.as_bytes();
        let cued =
            word.contains(['@', '/']) || bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."));
        if !cued {
            continue;
        }
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let hay = &text[..start + word.len()];
        let mut at = start;
        while let Some(m) = LINK.find_at(hay, at) {
            out.push(Cand {
                start: m.start(),
                end: m.end(),
                expr: Expr::Ignore,
            });
            // No alternative matches the empty string; should one, stop rather than loop.
            if m.end() == m.start() {
                break;
            }
            at = m.end();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_in(text: &str, year: &str) -> bool {
        let start = text.find(year).unwrap();
        year_ok(text, start, start + year.len())
    }

    #[test]
    fn years_in_year_contexts() {
        assert!(year_in("The war began in 1979.", "1979"));
        assert!(year_in("the 2022 elections were delayed", "2022"));
        assert!(year_in("By mid-2021 the army had collapsed", "2021"));
        assert!(year_in("from 1992-1996 the city burned", "1996"));
        assert!(year_in("In 1648, the treaty was signed", "1648"));
    }

    #[test]
    fn counts_amounts_and_labels_are_not_years() {
        assert!(!year_in("Some 1979 people died.", "1979"));
        assert!(!year_in("It cost $2000 to fly.", "2000"));
        assert!(!year_in("Turnout rose to 2010%.", "2010"));
        assert!(!year_in("a 2000-strong force", "2000"));
        assert!(!year_in("under Resolution 2593 the council", "2593"));
        assert!(!year_in("They counted 1500 ballots.", "1500"));
        assert!(!year_in("Police detained 1999 protesters", "1999"));
        assert!(!year_in("The ratio was 0.2020 overall", "2020"));
        assert!(!year_in("Call +93 2021 5555 now", "2021"));
    }

    #[test]
    fn model_years_are_not_years() {
        assert!(!year_in(
            "Kopp's 1987 Chevrolet Cavalier was found.",
            "1987"
        ));
        assert!(!year_in("He drove the 1980 Chevrolet.", "1980"));
        assert!(!year_in("They opened a 1982 Bordeaux.", "1982"));
        assert!(year_in("since the 1996 Olympic bombing", "1996"));
        assert!(year_in(
            "at the 1968 Democratic National Convention",
            "1968"
        ));
        assert!(year_in("won the 1960 U.S. election", "1960"));
        assert!(year_in("the 2022 elections were delayed", "2022"));
        assert!(year_in("In 1979 Soviet troops came.", "1979"));
    }

    #[test]
    fn boundaries() {
        let t = "G2021 x 12,2021 y 2021";
        assert!(!bounded(t, 1, 5));
        assert!(!bounded(t, 11, 15));
        assert!(bounded(t, 18, 22));
        assert!(!bounded("see /2021/ here", 5, 9));
    }

    #[test]
    fn words_around() {
        assert_eq!(word_before("see No. 5", 8), "no");
        assert_eq!(word_after("1979 people died", 4), "people");
        assert!(possessive_after("May’s cabinet", 3));
        let spans = link_spans("Read https://x.com/2021/08/15/a now");
        assert_eq!((spans[0].start, spans[0].end), (5, 31));
    }
}
