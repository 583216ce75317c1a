//! Recognisers for expressions that need an anchor ("this year", "four years ago", "the same
//! day"), for durations ("four long years", "a 25-year deal", "decade-long"), and for ages,
//! which must yield nothing ("17-year-old").

use std::sync::LazyLock;

use regex::Regex;

use super::context::{bounded, word_after, word_before};
use super::cues::{cue::*, group_names, next_slot, Caps, Cues, Flags};
use super::resolve::{Cand, Expr};
use super::tense::deadline_ahead;
use super::words::{duration_value, number_value, NUMBER_WORDS, WEEKDAYS};
use crate::time::DayPart;

/// One case-insensitive regex and how to read its captures, searched only where `need` holds.
pub(super) struct Rule {
    re: Regex,
    /// `re`'s group names, for reading its captures.
    names: Vec<Option<String>>,
    /// `re`'s slot for [`Cues::each_capture`].
    slot: usize,
    read: fn(&str, &Caps) -> Option<Expr>,
    /// A necessary condition of a match, so paragraphs that cannot match skip the regex.
    need: fn(Flags) -> bool,
}

/// Hedges before an amount of time ("nearly four years").
const APPROX: &str = r"(?:nearly|almost|about|some|more\s+than|over|at\s+least|roughly|around|approximately|just|only|less\s+than|fewer\s+than|up\s+to|under|barely|close\s+to)";
const VAGUE: &str = r"a\s+few|few|several|many|a\s+couple\s+of|couple\s+of|a\s+number\s+of|some";
const UNIT: &str =
    r"years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century|quarters";

/// A [`Rule`] for `pattern`, matched case-insensitively with ASCII word boundaries.
pub(super) fn rule(
    need: fn(Flags) -> bool,
    pattern: String,
    read: fn(&str, &Caps) -> Option<Expr>,
) -> Rule {
    let re = Regex::new(&super::patterns::ascii_boundaries(&format!(
        "(?i){pattern}"
    )))
    .expect("valid relative-date regex");
    Rule {
        names: group_names(&re),
        slot: next_slot(),
        re,
        read,
        need,
    }
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let n = format!(r"(?P<n>{NUMBER_WORDS}|\d{{1,3}}|an?|{VAGUE})");
    vec![
        rule(
            |c| c.all(OLD),
            format!(r"\b(?:\d{{1,3}}|{NUMBER_WORDS}|an?)[\s-]+(?:{UNIT})[\s-]+olds?\b"), ignore),
        rule(
            |c| c.all(DIGIT | AGE),
            r"\b(?:aged|ages|age\s+of|older\s+than|younger\s+than)\s+\d{1,3}\b".into(), ignore),
        rule(
            |c| c.all(AGO),
            format!(r"\b(?:{APPROX}\s+)?{n}\s+(?P<unit>{UNIT})\s+ago\b"), ago),
        rule(
            |c| c.any(WS_YEAR | WS_MONTH) && c.any(THIS | REL),
            r"\b(?:(?:earlier|later|early|late)\s+|mid-)?(?P<rel>this|last|next)\s+(?P<unit>year|month)\b".into(), this_year),
        rule(
            |c| c.all(WS_YEAR) && c.any(SAME | REL),
            r"\b(?:(?:earlier|later|early|late)\s+)?(?:that\s+(?:same\s+)?|the\s+(?P<dir>same|following|previous|prior)\s+)year\b".into(), that_year),
        rule(
            |c| c.all(WS_MONTH) && c.any(SAME | REL),
            r"\b(?:(?:earlier|later|early|late)\s+)?(?:that\s+(?:same\s+)?|the\s+(?P<dir>same|following|previous|prior)\s+)month\b".into(), that_month),
        rule(
            |c| c.all(WS_UNIT | LATER),
            format!(r"\b(?:{APPROX}\s+)?{n}\s+(?P<unit>years?|months?|weeks?|days?)\s+(?P<dir>later|earlier|previously)\b"), later),
        rule(
            |c| c.all(WS_UNIT | BEFORE),
            format!(r"\b(?P<hit>(?:{APPROX}\s+)?{n}\s+(?P<unit>years?|months?|weeks?|days?))\s+(?P<dir>before|after)\s+[a-z]"), later),
        rule(
            |c| c.any(WS_DAY | DAYPART),
            r"\b(?:the\s+same\s+(?P<p1>day|morning|afternoon|evening|night)|that\s+(?:same\s+)?(?P<p2>day|morning|afternoon|evening|night)|the\s+(?P<dir>next|following|previous|prior)\s+(?P<p3>day|morning|afternoon|evening|night)|the\s+day\s+(?P<dir2>before|after))\b".into(), same_day),
        rule(
            |c| c.all(YESTERDAY),
            r"\b(?P<word>yesterday|tomorrow)\b".into(), yesterday),
        rule(
            |c| c.all(WEEKDAY),
            r"\b(?:(?:early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?P<part>morning|afternoon|evening|night))?\b".into(), weekday),
        rule(
            |c| c.all(WS_UNIT),
            format!(
                r"\b(?:(?:the\s+)?(?:past|last|next|previous|coming|following|first|final)\s+)?(?:{APPROX}\s+)?{n}\s+(?:(?:long|full|short|whole|straight|consecutive|more|additional|extra|further|hard|brutal|difficult|turbulent|painful|bloody|trading|business|working)\s+)?(?P<unit>{UNIT})\b"
            ),
            duration,
        ),
        rule(
            |c| c.all(WS_UNIT) && c.any(PAST | COMING | REL),
            r"\bthe\s+(?:past|last|next|previous|coming)\s+(?P<unit>year|month|week|decade|century)\b".into(), duration),

        rule(
            |c| c.all(DASH_UNIT),
            format!(r"\b(?P<n>\d{{1,3}}|{NUMBER_WORDS}|an?)-(?P<unit>year|month|week|day|hour|minute|decade|century)(?:-long)?\b"), duration),
        rule(
            |c| c.all(LONG),
            r"\b(?P<unit>year|month|week|day|hour|minute|decade|century|years|months|weeks|days|hours|decades|centuries)-long\b".into(), duration),
    ]
});

fn ignore(_: &str, _: &Caps) -> Option<Expr> {
    Some(Expr::Ignore)
}

fn count(caps: &Caps) -> Option<u32> {
    caps.name("n").and_then(|n| number_value(n.as_str()))
}

fn unit(caps: &Caps) -> String {
    caps.name("unit")
        .map_or(String::new(), |u| u.as_str().to_ascii_lowercase())
}

/// "four years ago" is a year, "three months ago" a month; vaguer ones yield nothing.
fn ago(_: &str, caps: &Caps) -> Option<Expr> {
    let k = count(caps).map(|k| -(k as i32));
    let inner = match (k, unit(caps).trim_end_matches('s')) {
        (Some(k), "year") => Expr::YearOffset(k),
        (Some(k), "decade") => Expr::YearOffset(k.checked_mul(10)?),
        (Some(k), "month") => Expr::MonthOffset(k),
        (Some(k), "week") => Expr::Week {
            k: Some(k),
            weekend: false,
        },
        (Some(k), "day") => Expr::DayOffset(k, None),
        _ => return Some(Expr::Ignore),
    };
    Some(Expr::Ago(Box::new(inner)))
}

/// "this year", "earlier this year", "last month"; "the last year" is a span of time.
fn this_year(text: &str, caps: &Caps) -> Option<Expr> {
    let k = match caps.name("rel")?.as_str().to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let is_year = unit(caps) == "year";
    let start = caps.get(0)?.start();
    if k != 0 && word_before(text, start) == "the" {
        let duration = duration_value(Some(1), &unit(caps)).map(Expr::Duration)?;
        // "the next year" of a history is the year after the one it has reached.
        if k == 1 {
            let narrative = if is_year {
                Expr::PreviousYear(1)
            } else {
                Expr::PreviousMonth(1)
            };
            return Some(Expr::NarrativeOr(Box::new(narrative), Box::new(duration)));
        }
        return Some(duration);
    }
    Some(if is_year {
        Expr::YearOffset(k)
    } else {
        Expr::MonthOffset(k)
    })
}

/// "that year", "the following year": the year of the article's previous date.
fn that_year(_: &str, caps: &Caps) -> Option<Expr> {
    Some(Expr::PreviousYear(step(caps)))
}

/// "that month", "the following month": the month of the article's previous date.
fn that_month(_: &str, caps: &Caps) -> Option<Expr> {
    Some(Expr::PreviousMonth(step(caps)))
}

/// The step a `dir` group names: "following" is the next, "previous" or "prior" the one
/// before, and anything else ("same", none) the same.
fn step(caps: &Caps) -> i32 {
    let dir = caps.name("dir").map(|d| d.as_str().to_ascii_lowercase());
    match dir.as_deref() {
        Some("following") => 1,
        Some("previous" | "prior") => -1,
        _ => 0,
    }
}

/// "two years later", "a month earlier", "ten days later": counted from the article's
/// previous date, as TIMEX3 reads them. A vague count ("several years later") stays an
/// amount of time, and so does a delay ("three days later than planned").
fn later(text: &str, caps: &Caps) -> Option<Expr> {
    let end = caps.get(0)?.end();
    let dir = caps.name("dir")?.as_str().to_ascii_lowercase();
    let back = matches!(dir.as_str(), "earlier" | "previously" | "before");
    let next = word_after(text, end);
    if next.eq_ignore_ascii_case("than") {
        return None;
    }
    // "two days before the vote", "eight days after the landing": counted from an event the
    // text names; a history has usually just dated it, news gives an amount of time.
    let event = matches!(dir.as_str(), "before" | "after");
    let Some(k) = count(caps).and_then(|k| i32::try_from(k).ok()) else {
        // "a few days later", "weeks earlier": some time after or before, no point.
        return (!event).then_some(Expr::Vague(if back { "PAST_REF" } else { "FUTURE_REF" }));
    };
    let k = if back { -k } else { k };
    let counted = match unit(caps).trim_end_matches('s') {
        "year" => Expr::PreviousYear(k),
        "month" => Expr::PreviousMonth(k),
        "week" => Expr::SameDay(k.checked_mul(7)?),
        _ => Expr::SameDay(k),
    };
    if event {
        // "a week after last Friday", "two days before Christmas": counted from the date that
        // follows, which is a mention of its own; the span is only the amount.
        let dir_end = caps.name("dir")?.end();
        let anchor = word_after(text, dir_end).to_ascii_lowercase();
        if super::words::is_calendar_word(&anchor)
            || matches!(
                anchor.as_str(),
                "last" | "next" | "this" | "yesterday" | "today" | "tomorrow"
            )
        {
            return duration_value(Some(k.unsigned_abs()), &unit(caps)).map(Expr::Duration);
        }
        // The span is the amount; in news it stays one ("a day after" is no amount).
        let whole = caps.name("hit")?.as_str().to_ascii_lowercase();
        let amount = if whole.starts_with("a ") || whole.starts_with("one ") {
            Expr::Ignore
        } else {
            duration_value(Some(k.unsigned_abs()), &unit(caps)).map(Expr::Duration)?
        };
        return Some(Expr::NarrativeOr(Box::new(counted), Box::new(amount)));
    }
    Some(counted)
}

fn same_day(text: &str, caps: &Caps) -> Option<Expr> {
    let dir = caps.name("dir").or_else(|| caps.name("dir2"));
    // "Oct. 12, the day before the crash": in apposition to a day, and counted from the
    // event that follows, it is that day.
    if let Some(d) = caps.name("dir2") {
        let start = caps.get(0)?.start();
        let appositive = text[..start]
            .strip_suffix(", ")
            .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()));
        let event_follows = text[d.end()..]
            .strip_prefix(' ')
            .is_some_and(|t| t.starts_with(|c: char| c.is_alphabetic()));
        if appositive && event_follows {
            return Some(Expr::SameDay(0));
        }
    }
    let k = match dir.map(|d| d.as_str().to_ascii_lowercase()).as_deref() {
        Some("next" | "following" | "after") => 1,
        Some("previous" | "prior" | "before") => -1,
        _ => 0,
    };
    // "that night", "the next morning": a part of that day.
    let part = ["p1", "p2", "p3"]
        .iter()
        .find_map(|n| caps.name(n))
        .and_then(|p| day_part(p.as_str()));
    Some(match part {
        Some(part) => Expr::SameDayPart(k, part),
        None => Expr::SameDay(k),
    })
}

fn yesterday(text: &str, caps: &Caps) -> Option<Expr> {
    let m = caps.name("word")?;
    // "the people of tomorrow", "tomorrow's leaders": an age, no day.
    if super::context::age_not_day(text, m.start(), m.end()) {
        return None;
    }
    let word = m.as_str().to_ascii_lowercase();
    Some(Expr::DayOffset(
        if word == "yesterday" { -1 } else { 1 },
        None,
    ))
}

/// Words before a weekday that make it a named day, not a date ("Super Tuesday", "Good
/// Friday", "Bloody Sunday"), or a recurring one ("every Friday").
const NOT_A_DAY_BEFORE: &[&str] = &[
    "super", "good", "black", "bloody", "ash", "holy", "easter", "palm", "cyber", "maundy",
    "shrove", "giving", "every", "each",
];

/// Words after a weekday that make it the name of a thing ("Friday prayers", "Sunday
/// school"), not a date.
const NOT_A_DAY_AFTER: &[&str] = &[
    "prayer", "prayers", "sermon", "sermons", "market", "markets", "bazaar", "mosque", "service",
    "services", "school", "edition", "editions",
];

/// "on Tuesday", "said Wednesday", "last Friday", "next Monday": a day of the week near the
/// publication date. Spelled capitalised, as English writes the names; a named day ("Good
/// Friday"), a recurring one ("every Friday"), a thing ("Friday prayers") or a newspaper ("the
/// Sunday Times") is none.
fn weekday(text: &str, caps: &Caps) -> Option<Expr> {
    let wd = caps.name("wd")?;
    if !wd.as_str().starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let weekday = WEEKDAYS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(wd.as_str()))? as u8;
    let start = caps.get(0)?.start();
    let before = word_before(text, start);
    let next_word = word_after(text, wd.end());
    let part = caps.name("part").and_then(|p| day_part(p.as_str()));
    if NOT_A_DAY_BEFORE.contains(&before.as_str())
        || NOT_A_DAY_AFTER.contains(&next_word.to_lowercase().as_str())
        || (before == "the" && next_word.starts_with(char::is_uppercase))
    {
        return None;
    }
    let (after, strict) = match caps.name("rel").map(|r| r.as_str().to_ascii_lowercase()) {
        // "the last Friday of the month" names no one day.
        Some(_) if before == "the" => return None,
        Some(rel) if rel == "last" => (Some(false), true),
        Some(rel) if rel == "next" => (Some(true), true),
        _ if deadline_ahead(text, start) => (Some(true), false),
        _ => (None, false),
    };
    Some(Expr::Weekday {
        weekday,
        after,
        strict,
        part,
    })
}

fn duration(text: &str, caps: &Caps) -> Option<Expr> {
    let m = caps.get(0)?;
    let whole = m.as_str().to_ascii_lowercase();
    // "$2 million a year", "four flights a week": a rate, TIMEX3 a set.
    if whole.starts_with("a ") && after_amount(&text[..m.start()]) {
        return duration_value(Some(1), &unit(caps)).map(Expr::Set);
    }
    // "one day they will return", "twice a day": not amounts of time; "for a day" is.
    let timed = matches!(
        word_before(text, m.start()).as_str(),
        "for" | "within" | "than" | "about" | "only" | "just" | "nearly" | "almost"
    );
    if (whole == "one day" || whole == "a day") && !timed {
        return None;
    }
    let n = match caps.name("n") {
        Some(n) => {
            Some(number_value(n.as_str())).filter(|v| v.is_some() || is_vague(n.as_str()))?
        }
        None if unit(caps).ends_with('s') => None,
        None => Some(1),
    };
    duration_value(n, &unit(caps)).map(Expr::Duration)
}

/// Whether `head` ends with an amount ("$1.76", "358,000", "four flights", "5%"), so the
/// unit after it is a rate.
fn after_amount(head: &str) -> bool {
    let head = head.trim_end();
    if head.ends_with(|c: char| c.is_ascii_digit() || c == '%') {
        return true;
    }
    let last = head
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let before = head[..head.len() - last.len()].trim_end();
    [
        "million", "billion", "thousand", "percent", "cents", "times", "dollars",
    ]
    .contains(&last.as_str())
        || (last.ends_with('s') && before.ends_with(|c: char| c.is_ascii_digit()))
        || number_value(before.rsplit(' ').next().unwrap_or("")).is_some_and(|n| n > 1)
            && last.ends_with('s')
}

/// The part of the day a word names ("night" is `NI`).
pub(super) fn day_part(word: &str) -> Option<DayPart> {
    Some(match word.to_ascii_lowercase().as_str() {
        "morning" => DayPart::Morning,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        "night" | "tonight" => DayPart::Night,
        _ => return None,
    })
}

fn is_vague(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.starts_with("a ") || w == "several" || w == "many" || w == "some" || w == "few"
}

/// All relative-date, duration and age candidates of a paragraph,
/// possibly overlapping; each rule is searched only where the cues allow a match.
pub(crate) fn relative_with(text: &str, cues: &Cues) -> Vec<Cand> {
    let mut out = Vec::new();
    run(&RULES, text, cues, &mut out);
    out
}

/// The candidates of `rules` in `text`, each searched only where the cues allow a match.
pub(super) fn run(rules: &[Rule], text: &str, cues: &Cues, out: &mut Vec<Cand>) {
    for rule in rules {
        if !cues.may_pass(rule.need) {
            continue;
        }
        let windows = cues.windows(rule.need);
        Cues::each_capture((&rule.re, rule.slot), &rule.names, text, windows, |caps| {
            let m = caps.name("hit").or_else(|| caps.get(0)).expect("match");
            if !bounded(text, m.start(), m.end()) {
                return;
            }
            if let Some(expr) = (rule.read)(text, caps) {
                out.push(Cand {
                    start: m.start(),
                    end: m.end(),
                    expr,
                });
            }
        });
    }
}
