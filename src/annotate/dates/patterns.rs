//! Recognisers for calendar expressions written with month names, digits or decades:
//! "August 15, 2021", "15 August 2021", "April 2024", "July 3", "in April", "1979",
//! "the 1990s", "2021-08-15", "9/11".

use std::sync::LazyLock;

use regex::Regex;

use super::bare_month::{bare_months, BareMonth};
use super::context::{bounded, possessive_after, word_after, year_ok, year_ok_after};
use super::cues::{around, cue::*, group_names, next_slot, Caps, Cues, Flags};
use super::resolve::{Cand, Expr};
use super::words::{month_number, MONTH_ANY, MONTH_FULL};
use crate::time::Timex;

/// One regex and how to read its captures; the `hit` group, when present, is the mention span.
struct Rule {
    re: Regex,
    /// `re`'s group names, for reading its captures.
    names: Vec<Option<String>>,
    /// `re`'s slot for [`Cues::each_capture`].
    slot: usize,
    read: fn(&str, &Caps) -> Option<Expr>,
    /// A necessary condition of a match, so paragraphs that cannot match skip the regex.
    need: fn(Flags) -> bool,
    /// Every match holds a month name near its start (see [`Cues::month_windows`]).
    near_month: bool,
    /// The [`around`] flags every match's month group has (month rules only).
    around: u32,
}

impl Rule {
    /// The same rule, searched only around months with every flag of `around`.
    fn around(self, around: u32) -> Rule {
        Rule { around, ..self }
    }
}

const WEEKDAY: &str = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?";
const ORDINAL: &str = r"(?:st|nd|rd|th)?";

fn rule(need: fn(Flags) -> bool, pattern: String, read: fn(&str, &Caps) -> Option<Expr>) -> Rule {
    let re = Regex::new(&ascii_boundaries(&pattern)).expect("valid date regex");
    Rule {
        names: group_names(&re),
        slot: next_slot(),
        re,
        read,
        need,
        // The month-name rules spell their month group out in full.
        near_month: pattern.contains("(?P<mon>January|"),
        around: 0,
    }
}

/// Word boundaries as ASCII ones. A Unicode `\b` makes the regex engine give up its fast DFA
/// on any non-ASCII text (a curly quote is enough) and fall back to backtracking, which took a
/// third of a build. Every pattern's boundaries sit beside its own ASCII digits and month
/// names, where the two kinds agree, and [`bounded`] re-checks each match with Unicode letters.
pub(super) fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(
                r"\b{WEEKDAY}(?P<mon>{MONTH_ANY})\s+(?P<day>\d{{1,2}}){ORDINAL},?\s+(?P<year>\d{{4}})\b"
            ),
            full_date,
        )
        .around(around::DAY_YEAR_AFTER),
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(
                r"\b{WEEKDAY}(?:the\s+)?(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?(?P<mon>{MONTH_ANY}),?\s+(?P<year>\d{{4}})\b"
            ),
            full_date,
        )
        .around(around::NUM_BEFORE | around::YEAR_AFTER),
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(r"\b(?:(?i:early|late|mid)[\s-]+)?(?P<mon>{MONTH_ANY})(?:\s+of)?,?\s+(?P<year>\d{{4}})\b"),
            month_year,
        )
        .around(around::YEAR_AFTER),
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(r"\b{WEEKDAY}(?P<mon>{MONTH_ANY})\s+(?P<day>\d{{1,2}}){ORDINAL}\b"),
            month_day,
        )
        .around(around::NUM_AFTER),
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(r"\b(?:the\s+)?(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?(?P<mon>{MONTH_ANY})"),
            month_day,
        )
        .around(around::NUM_BEFORE),
        rule(
            |c| c.all(MONTH | WS_YEAR),
            format!(r"\b(?P<mon>{MONTH_FULL})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
            month_rel_year,
        ),
        rule(
            |c| c.all(MONTH),
            format!(r"\b(?P<rel>(?i:this|last|next))\s+(?P<mon>{MONTH_FULL})\b"),
            month_near,
        )
        .around(around::REL_BEFORE),
        rule(
            |c| c.all(DIGIT | DASH),
            r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b".into(), iso),
        rule(
            |c| c.all(DIGIT | SLASH),
            r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b".into(), numeric),
        rule(
            |c| c.all(ASCII_DIGIT | SLASH),
            r"\b9/11\b".into(), |_, _| Timex::day_of(2001, 9, 11).map(Expr::Absolute)),
        rule(
            |c| c.all(ASCII_DIGIT) && c.any(ZERO_S | ZERO_QUOTE),
            r"\b(?i:the\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<dec>1[0-9]{2}0|20[0-9]0)(?:s|['’]s)\b".into(),
            decade,
        ),
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(
                r"\b(?:the\s+)?(?P<hit>(?P<day>\d{{1,2}}){ORDINAL})\s*(?:-|to|and)\s*\d{{1,2}}{ORDINAL}\s+(?:of\s+)?(?P<mon>{MONTH_ANY})(?:,?\s+(?P<year>\d{{4}}))?"
            ),
            day_range,
        )
        .around(around::NUM_BEFORE),
        rule(
            |c| c.all(MONTH | DIGIT),
            format!(
                r"\b(?P<hit>(?P<day>\d{{1,2}})\s+(?P<mon>{MONTH_FULL}))\s*-\s*\d{{1,2}}\s+(?:{MONTH_FULL}),?\s+(?P<year>\d{{4}})\b"
            ),
            day_range,
        )
        .around(around::NUM_BEFORE),
        rule(
            |c| c.all(MONTH | DIGIT | BC),
            format!(r"\b(?P<mon>{MONTH_ANY})\s+(?P<y>\d{{1,4}})\s+(?:BCE?|B\.C\.?)"),
            bc_month,
        )
        .around(around::NUM_AFTER),
        rule(
            |c| c.all(DIGIT | BC),
            r"\b(?P<hit>(?P<y>\d{1,4}))\s*(?:-|to|and|or)\s*\d{1,4}\s+(?:BCE?\b|B\.C)".into(),
            bc_year,
        ),
        rule(|c| c.all(DIGIT | BC), r"\b(?P<y>\d{1,4})\s+(?:BCE?\b|B\.C\.?)".into(), bc_year),
        rule(
            |c| c.all(DIGIT | BC),
            r"\b(?:(?i:the)\s+)?(?P<d>\d{1,3}0)s\s+BCE?\b".into(),
            |_, caps| Timex::decade(-num::<i32>(caps, "d")?).map(Expr::Absolute),
        ),
        rule(
            |c| c.all(ZERO_S),
            r"\b(?i:the)\s+(?:(?i:early|late|mid)[\s-]+)?['’‘]?(?P<short>[0-9])0s\b".into(),
            decade,
        ),
        rule(
            |c| c.all(ZERO_S),
            r"(?:^|[\s(])(?P<hit>['’‘](?P<short>[0-9])0s)\b".into(), decade),
    ]
});

fn num<T: std::str::FromStr>(caps: &Caps, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

fn month(caps: &Caps) -> Option<u8> {
    month_number(caps.name("mon")?.as_str())
}

/// A year written after a month must not be the start of a count ("in May, 2000 people").
fn year_tail_ok(text: &str, caps: &Caps) -> bool {
    caps.name("year")
        .is_none_or(|y| year_ok_after(text, y.start(), y.end(), true))
}

fn full_date(text: &str, caps: &Caps) -> Option<Expr> {
    year_tail_ok(text, caps).then_some(())?;
    Timex::day_of(num(caps, "year")?, month(caps)?, num(caps, "day")?).map(Expr::Absolute)
}

fn month_year(text: &str, caps: &Caps) -> Option<Expr> {
    year_tail_ok(text, caps).then_some(())?;
    Timex::month_of(num(caps, "year")?, month(caps)?).map(Expr::Absolute)
}

fn month_day(text: &str, caps: &Caps) -> Option<Expr> {
    let end = caps.get(0)?.end();
    let tail = &text[end..];
    if tail.starts_with('%') || tail.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (month, day) = (month(caps)?, num::<u8>(caps, "day")?);
    Timex::day_of(2000, month, day)?; // valid in a leap year
    Some(Expr::MonthDay { month, day })
}

fn offset(word: &str) -> i32 {
    match word.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    }
}

fn month_rel_year(_: &str, caps: &Caps) -> Option<Expr> {
    let year_offset = offset(caps.name("rel")?.as_str());
    Some(Expr::Month {
        month: month(caps)?,
        year_offset,
    })
}

fn month_near(_: &str, caps: &Caps) -> Option<Expr> {
    let dir = offset(caps.name("rel")?.as_str()) as i8;
    Some(Expr::MonthNear {
        month: month(caps)?,
        dir,
    })
}

/// Words before a bare month name that make it the month (not "May" the verb or a name).
const MONTH_BEFORE: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "during",
    "of",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "between",
    "and",
    "or",
    "to",
    "around",
    "on",
];

/// A month name with the word before it ([`bare_months`]): "in June", "the October slaying".
fn month_alone(text: &str, found: &BareMonth) -> Option<Expr> {
    let raw_pre = &text[found.pre.clone()];
    let pre = raw_pre.to_ascii_lowercase();
    let hit_end = found.hit.end;
    let m = month_number(&text[found.mon.clone()])?;
    // "May's cabinet", "April's letter": names; "December's figures" is the month.
    let name_month = matches!(m, 4..=6);
    if possessive_after(text, hit_end) && name_month {
        return None;
    }
    // "from June Carter": a capitalised word right after suggests a personal name.
    let next = word_after(text, hit_end);
    let gap = text[hit_end..].starts_with(' ');
    let name_like = gap && next.starts_with(|c: char| c.is_uppercase());
    // "planned for early March": a position word makes the month a time whatever precedes.
    let positioned = found.hit.start < found.mon.start;
    if !MONTH_BEFORE.contains(&pre.as_str()) && !positioned {
        // A month naming the time of a thing: "the October slaying", "the costly August
        // battles", "the February Revolution"; never "May", the verb.
        // "The March accession" opens a sentence as "the March accession" goes on one.
        let lowercase_pre = raw_pre.chars().all(|c| c.is_ascii_lowercase()) || raw_pre == "The";
        let noun_after = gap
            && next.starts_with(|c: char| c.is_lowercase())
            && !["and", "or", "of", "to"].contains(&next);
        let modifier = lowercase_pre && m != 5 && (noun_after || (pre == "the" && name_like));
        return modifier.then_some(Expr::BareMonth(m));
    }
    if name_like && ["by", "of", "from", "to", "and", "or", "between"].contains(&pre.as_str()) {
        return None;
    }
    // "April and May", "from April to June": the second month needs a first one nearby;
    // "revised to December's figures", a possessive, is the month itself.
    if ["and", "or", "to"].contains(&pre.as_str()) && !possessive_after(text, hit_end) {
        let start = found.pre.start;
        let window = &text[floor_boundary(text, start.saturating_sub(30))..start];
        let has_month = MONTH_FULL.split('|').any(|m| window.contains(m));
        if !has_month {
            return None;
        }
    }
    Some(Expr::BareMonth(m))
}

/// The largest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn iso(_: &str, caps: &Caps) -> Option<Expr> {
    Timex::day_of(num(caps, "year")?, num(caps, "mon")?, num(caps, "day")?).map(Expr::Absolute)
}

/// "15/08/2021": read only when one order is impossible (or both agree).
fn numeric(_: &str, caps: &Caps) -> Option<Expr> {
    let (a, b, year): (u8, u8, i32) = (num(caps, "a")?, num(caps, "b")?, num(caps, "year")?);
    let day_first = Timex::day_of(year, b, a);
    let month_first = Timex::day_of(year, a, b);
    match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => Some(Expr::Absolute(d)),
        (Some(t), None) | (None, Some(t)) => Some(Expr::Absolute(t)),
        _ => None,
    }
}

/// The first day of "22-25 April 1951" or "26 June - 4 August 1952", with the range's year.
fn day_range(text: &str, caps: &Caps) -> Option<Expr> {
    let (month, day) = (month(caps)?, num::<u8>(caps, "day")?);
    match num::<i32>(caps, "year").filter(|_| year_tail_ok(text, caps)) {
        Some(y) => Timex::day_of(y, month, day).map(Expr::Absolute),
        None => {
            Timex::day_of(2000, month, day)?;
            Some(Expr::MonthDay { month, day })
        }
    }
}

/// "480 BC", and the first year of "499-493 BC".
fn bc_year(_: &str, caps: &Caps) -> Option<Expr> {
    let y = num::<i32>(caps, "y").filter(|y| *y > 0)?;
    Timex::year_only(-y).map(Expr::Absolute)
}

/// "August 480 BC".
fn bc_month(_: &str, caps: &Caps) -> Option<Expr> {
    let y = num::<i32>(caps, "y").filter(|y| *y > 0)?;
    Timex::month_of(-y, month(caps)?).map(Expr::Absolute)
}

fn decade(_: &str, caps: &Caps) -> Option<Expr> {
    let first_year = match (num::<i32>(caps, "dec"), num::<i32>(caps, "short")) {
        (Some(y), _) => y,
        (None, Some(d)) if d <= 2 => 2000 + d * 10,
        (None, Some(d)) => 1900 + d * 10,
        _ => return None,
    };
    Timex::decade(first_year).map(Expr::Absolute)
}

fn bare_year(text: &str, start: usize, end: usize) -> Option<Expr> {
    if !year_ok(text, start, end) {
        return None;
    }
    Timex::year_only(text[start..end].parse().ok()?).map(Expr::Absolute)
}

/// All calendar-expression candidates of a paragraph,
/// possibly overlapping; each rule is searched only where the cues allow a match.
pub(crate) fn calendar_with(text: &str, cues: &Cues) -> Vec<Cand> {
    let mut out = Vec::new();
    for rule in RULES.iter() {
        if !cues.may_pass(rule.need) {
            continue;
        }
        let windows = if rule.near_month {
            cues.month_windows(rule.need, rule.around)
        } else {
            cues.windows(rule.need)
        };
        Cues::each_capture((&rule.re, rule.slot), &rule.names, text, windows, |caps| {
            let span = caps.name("hit").or_else(|| caps.get(0)).expect("match");
            if !bounded(text, span.start(), span.end()) {
                return;
            }
            if let Some(expr) = (rule.read)(text, caps) {
                out.push(Cand {
                    start: span.start(),
                    end: span.end(),
                    expr,
                });
            }
        });
    }
    // Bare months after the regex rules, as no regex rule finds a span of letters alone, so
    // no tie in length and start depends on the order.
    for found in bare_months(text, cues.month_starts()) {
        if !bounded(text, found.hit.start, found.hit.end) {
            continue;
        }
        if let Some(expr) = month_alone(text, &found) {
            out.push(Cand {
                start: found.hit.start,
                end: found.hit.end,
                expr,
            });
        }
    }
    // Last, as the bare-year rule came last when it was a regex.
    for y in cues.years() {
        if !bounded(text, y.start, y.end) {
            continue;
        }
        if let Some(expr) = bare_year(text, y.start, y.end) {
            out.push(Cand {
                start: y.start,
                end: y.end,
                expr,
            });
        }
    }
    out
}
