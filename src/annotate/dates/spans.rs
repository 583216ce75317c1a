//! Span adjustments after recognition: a date's span takes in the position words before it
//! ("the end of", "early", "mid-"), which give its TIMEX3 `mod`, and relative words that are
//! part of a title ("60 Minutes", "This Week", "VOA Today") are no dates.

use super::resolve::{Cand, Expr};
use super::words::{duration_value, number_value};

/// Phrases that, right before a date, say which part of it is meant; longest first so that
/// "the end of" wins over "end of".
const POSITION_BEFORE: &[&str] = &[
    "the early morning hours of ",
    "early in the morning of ",
    "the early morning of ",
    "the afternoon of ",
    "the morning of ",
    "the evening of ",
    "the night of ",
    "the beginning of ",
    "the week of ",
    "the middle of ",
    "the start of ",
    "the close of ",
    "the end of ",
    "the early ",
    "the late ",
    "beginning of ",
    "early in ",
    "late in ",
    "end of ",
    "the mid-",
    "around ",
    "early ",
    "late ",
    "mid-",
];

/// Halves of a decade or a century ("the last half of the '80s"); a year's halves are dates
/// of their own ("the second half of 2008" is `2008-H2`).
const HALF_BEFORE: &[&str] = &[
    "the first half of ",
    "the second half of ",
    "the latter half of ",
    "the last half of ",
];

/// Whether the expression is a decade or a century written out.
fn is_decade_or_century(e: &Expr) -> bool {
    use crate::time::Precision;
    matches!(e, Expr::Absolute(t) if t.precision() <= Precision::Decade)
}

/// Whether a span opens with "the week of": the ISO week of the day that follows ("a hearing
/// the week of March 6").
pub(crate) fn week_named_before(span: &str) -> bool {
    span.get(..12)
        .is_some_and(|p| p.eq_ignore_ascii_case("the week of "))
}

/// The part of the day a span's opening words name ("the night of 20 June 1791").
pub(crate) fn part_named_before(span: &str) -> Option<crate::time::DayPart> {
    use crate::time::DayPart;
    let (before_of, _) = span.split_once(" of ")?;
    let before_of = before_of.strip_suffix(" hours").unwrap_or(before_of);
    let ends = |w: &str| {
        before_of.len() >= w.len()
            && before_of.is_char_boundary(before_of.len() - w.len())
            && before_of[before_of.len() - w.len()..].eq_ignore_ascii_case(w)
    };
    [
        ("morning", DayPart::Morning),
        ("afternoon", DayPart::Afternoon),
        ("evening", DayPart::Evening),
        ("night", DayPart::Night),
    ]
    .into_iter()
    .find(|(w, _)| ends(w))
    .map(|(_, p)| p)
}

/// Whether the expression is a point in time that a position word can qualify.
fn is_point(e: &Expr) -> bool {
    !matches!(
        e,
        Expr::Duration(_) | Expr::Set(_) | Expr::Vague(_) | Expr::NarrativeVague(_) | Expr::Ignore
    )
}

/// Moves `c.start` back over a position phrase that ends right before it, unless that would
/// reach into the text before `floor` (the end of the previous mention).
pub(crate) fn take_position(text: &str, c: &mut Cand, floor: usize) {
    if !is_point(&c.expr) {
        return;
    }
    let head = &text[floor..c.start];
    // Every phrase ends in "of ", a position word and a space, or "mid-".
    let Some((&sep, rest)) = head.as_bytes().split_last() else {
        return;
    };
    if sep != b' ' && sep != b'-' {
        return;
    }
    let word_start = rest
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let last = &rest[word_start..];
    let candidate = [&b"of"[..], b"early", b"late", b"around", b"mid", b"in"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w));
    if !candidate {
        return;
    }
    if is_decade_or_century(&c.expr) && take_phrase(text, c, head, HALF_BEFORE) {
        return;
    }
    take_phrase(text, c, head, POSITION_BEFORE);
}

/// Moves `c.start` back over the first of `phrases` that `head` (the text right before the
/// mention) ends with, unless the phrase is glued to a word before it; whether it did.
fn take_phrase(text: &str, c: &mut Cand, head: &str, phrases: &[&str]) -> bool {
    for p in phrases {
        if head.len() >= p.len() && head.is_char_boundary(head.len() - p.len()) {
            let tail = &head[head.len() - p.len()..];
            let start = c.start - p.len();
            let glued = text[..start].ends_with(|ch: char| ch.is_alphanumeric());
            if tail.eq_ignore_ascii_case(p) && !glued {
                c.start = start;
                return true;
            }
        }
    }
    false
}

/// Widens an amount of time over a range before it and a half after it: "two to three
/// weeks" is the lower bound (`P2W`), "a minute and a half" `PT1M30S`, "a year and a half"
/// `P1Y6M`; nothing before `floor` (the end of the previous mention) is taken.
pub(crate) fn take_amount_edges(text: &str, c: &mut Cand, floor: usize) {
    if !matches!(&c.expr, Expr::Duration(v) if !v.contains('X')) {
        return;
    }
    let span = &text[c.start..c.end];
    let Some((count, unit)) = span.rsplit_once(' ') else {
        return;
    };
    let count = count.rsplit(' ').next().unwrap_or(count);
    // "a minute and a half": the half of the unit, where ISO 8601 can write it.
    let tail = &text[c.end..];
    let half = " and a half";
    if tail.len() >= half.len()
        && tail.is_char_boundary(half.len())
        && tail[..half.len()].eq_ignore_ascii_case(half)
        && !tail[half.len()..].starts_with(|ch: char| ch.is_alphanumeric())
    {
        if let Some(n) = number_value(count) {
            let value = match unit.to_ascii_lowercase().trim_end_matches('s') {
                "year" => Some(format!("P{n}Y6M")),
                "month" => Some(format!("P{n}M15D")),
                "day" => Some(format!("P{n}DT12H")),
                "hour" => Some(format!("PT{n}H30M")),
                "minute" => Some(format!("PT{n}M30S")),
                _ => None,
            };
            if let Some(v) = value {
                c.end += half.len();
                c.expr = Expr::Duration(v);
                return;
            }
        }
    }
    // "two to three weeks", "12 to 18 months", "two or three days": from the first amount.
    if number_value(count).is_none_or(|n| n < 2) {
        return;
    }
    let head = &text[floor..c.start];
    let Some(rest) = [" to ", " or ", "-"]
        .iter()
        .find_map(|sep| head.strip_suffix(sep))
    else {
        return;
    };
    let first_start = rest
        .rfind(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
        .map_or(0, |i| i + 1);
    let first = &rest[first_start..];
    let Some(n) = number_value(first).filter(|&n| n >= 1) else {
        return;
    };
    if let Some(v) = duration_value(Some(n), unit) {
        c.start = floor + first_start;
        c.expr = Expr::Duration(v);
    }
}

/// Whether a relative expression is written as (part of) a title: a word of it capitalised
/// where a sentence does not start ("CBS's 60 Minutes", "ABC's This Week"). Names of days,
/// months, seasons and feasts are capitalised anyway and do not count.
pub(crate) fn title_cased(text: &str, c: &Cand) -> bool {
    let relative = matches!(
        c.expr,
        Expr::Duration(_)
            | Expr::Vague(_)
            | Expr::DayOffset(..)
            | Expr::Week { .. }
            | Expr::YearOffset(_)
            | Expr::MonthOffset(_)
    );
    if !relative {
        return false;
    }
    let at_start = sentence_start(text, c.start);
    text[c.start..c.end]
        .split(|ch: char| !ch.is_alphabetic())
        .filter(|w| !w.is_empty())
        .enumerate()
        .any(|(i, w)| w.starts_with(char::is_uppercase) && !(i == 0 && at_start))
}

/// Whether `at` starts a sentence (or a quote that does), looking back over spaces, quotes
/// and brackets.
pub(crate) fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|ch: char| {
        ch.is_whitespace() || matches!(ch, '"' | '“' | '‘' | '\'' | '`' | '(')
    });
    before.is_empty()
        || matches!(
            before.as_bytes().last(),
            Some(b'.' | b'!' | b'?' | b':' | b';' | b'\n')
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(text: &str, span: &str, expr: Expr) -> Cand {
        let start = text.find(span).unwrap();
        Cand {
            start,
            end: start + span.len(),
            expr,
        }
    }

    #[test]
    fn position_words_join_the_date() {
        let text = "troops by the end of 1990 and in early March";
        let mut c = cand(text, "1990", Expr::YearOffset(0));
        take_position(text, &mut c, 0);
        assert_eq!(&text[c.start..c.end], "the end of 1990");
        let mut c = cand(text, "March", Expr::BareMonth(3));
        take_position(text, &mut c, 0);
        assert_eq!(&text[c.start..c.end], "early March");
        // Not a position word: "yearly" is glued; a duration takes none.
        let text = "yearly 1990 and late five years";
        let mut c = cand(text, "1990", Expr::YearOffset(0));
        take_position(text, &mut c, 0);
        assert_eq!(&text[c.start..c.end], "1990");
        let mut c = cand(text, "five years", Expr::Duration("P5Y".into()));
        take_position(text, &mut c, 0);
        assert_eq!(&text[c.start..c.end], "five years");
    }

    #[test]
    fn titles_are_not_dates() {
        let text = "he said on CBS's ''60 Minutes.'' and ABC's \"This Week\". This is VOA Today.";
        assert!(title_cased(
            text,
            &cand(text, "60 Minutes", Expr::Duration("PT60M".into()))
        ));
        assert!(title_cased(
            text,
            &cand(
                text,
                "This Week",
                Expr::Week {
                    k: Some(0),
                    weekend: false
                }
            )
        ));
        assert!(title_cased(
            text,
            &cand(text, "Today", Expr::DayOffset(0, None))
        ));
        let text = "Today, he left. \"Now we see it,\" she said. Next week, they meet.";
        assert!(!title_cased(
            text,
            &cand(text, "Today", Expr::DayOffset(0, None))
        ));
        assert!(!title_cased(
            text,
            &cand(
                text,
                "Next week",
                Expr::Week {
                    k: Some(1),
                    weekend: false
                }
            )
        ));
    }
}
