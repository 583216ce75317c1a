//! Recognisers for dates named by a word rather than a number: the present and its deixis
//! ("now", "today", "tonight", "this morning"), weeks and weekends, seasons, quarters and
//! halves of a report's year, feasts, the end of a year or month, centuries, and recurring
//! times ("every week").

use std::sync::LazyLock;

use super::cues::{cue::*, Caps, Cues};
use super::relative::{day_part, rule, run, Rule};
use super::resolve::{Cand, Expr, Feast};
use super::words::duration_value;
use crate::time::{Season, Timex};

const MONTHS: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";
const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const UNITS: &str = "one|two|three|four|five|six|seven|eight|nine";
const TEENS: &str =
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const ORDINAL_QUARTER: &str = r"first|second|third|fourth|1st|2nd|3rd|4th";
const POSITION_WORD: &str = r"(?:(?:early|late|mid|earlier|later)[\s-]+)";

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The vague references in one pass: each alternative names what it refers to.
        rule(
            |c| c.any(NOW | CURRENTLY | RECENT),
            r"\b(?:(?P<now>(?:right\s+)?now)|(?P<present>currently|nowadays|at\s+present|(?:the\s+)?present[\s-]+day|modern[\s-]+day)|(?P<past>(?:more\s+|most\s+|until\s+)?recently))\b".into(),
            vague,
        ),
        rule(
            |c| c.all(PAST),
            r"\bin\s+(?P<hit>the\s+past)\b".into(),
            |text, caps| {
                // "in the past two quarters" is an amount of time.
                let next = super::context::word_after(text, caps.get(0)?.end()).to_ascii_lowercase();
                let counted = super::words::number_value(&next).is_some()
                    || ["few", "several", "decade", "century", "year", "month", "week", "quarter"].iter().any(|w| next.starts_with(w));
                let digits = text[caps.get(0)?.end()..].trim_start().starts_with(|c: char| c.is_ascii_digit());
                (!counted && !digits).then_some(Expr::Vague("PAST_REF"))
            },
        ),
        rule(
            |c| c.any(QUARTER | PERIOD),
            r"\bthe\s+(?P<year>1[0-9]{3}|20[0-9]{2})\s+(?:fiscal\s+)?(?:quarter|period)\b".into(),
            |_, caps| Some(Expr::ReportQuarterOf(caps.name("year")?.as_str().parse().ok()?)),
        ),
        // "the future" and "in future" in any text; "future" and "former" alone only in a
        // narrative.
        rule(
            |c| c.all(FUTURE),
            r"\b(?:(?P<the>(?:the\s+(?:near\s+|distant\s+)?|in\s+))?future|(?P<former>former))\b".into(),
            |_, caps| {
                let former = caps.name("former").is_some();
                Some(match (former, caps.name("the").is_some()) {
                    (false, true) => Expr::Vague("FUTURE_REF"),
                    (false, false) => Expr::NarrativeVague("FUTURE_REF"),
                    (true, _) => Expr::NarrativeVague("PAST_REF"),
                })
            },
        ),
        rule(
            |c| c.all(RECENT),
            r"\b(?:in\s+)?(?P<hit>recent\s+(?P<unit>years|months|weeks|days|decades|quarters))\b".into(),
            recent_units,
        ),
        rule(
            |c| c.all(COMING | WS_UNIT),
            r"\b(?:the\s+)?coming\s+(?P<unit>years|months|weeks|days|decades|quarters)\b".into(),
            vague_amount,
        ),
        // "the current year" (the publication year); "the rest of the year", "for the
        // year", "the first nine months of the year": the year the text is about, the
        // publication year in news. One pass for all.
        rule(
            |c| c.all(WS_YEAR),
            r"\b(?:(?P<current>the\s+(?:current|full|present)\s+(?:calendar\s+)?year)|(?:most\s+of\s+)?the\s+(?:rest|remainder|balance|latter\s+part)\s+of\s+the\s+year|(?:earlier|later|early|late)\s+in\s+the\s+year|(?P<lead>for|during|throughout|through|of)\s+(?P<hit>the\s+year))\b".into(),
            the_year,
        ),
        rule(
            |c| c.all(QUARTER),
            r"\bthis\s+(?:fiscal\s+)?quarter\b".into(),
            |_, _| Some(Expr::ReportQuarter(0)),
        ),
        rule(
            |c| c.all(SPELLED),
            r"\bthe\s+(?:(?P<pos>early|late|mid)[\s-]+)?(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b".into(),
            |_, caps| {
                const DECADES: [&str; 8] = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
                let d = caps.name("dec")?.as_str().to_ascii_lowercase();
                let i = DECADES.iter().position(|x| *x == d)? as i32;
                Timex::decade(1920 + 10 * i).map(Expr::Absolute)
            },
        ),
        rule(
            |c| c.all(SLASH | WS_UNIT),
            r"\b(?P<n>\d{1,3})\s+1/2\s+(?P<unit>years|months|days|hours)\b".into(),
            |_, caps| {
                let n = caps.name("n")?.as_str();
                Some(Expr::Duration(match caps.name("unit")?.as_str().to_ascii_lowercase().as_str() {
                    "years" => format!("P{n}Y6M"),
                    "months" => format!("P{n}M15D"),
                    "days" => format!("P{n}DT12H"),
                    _ => format!("PT{n}H30M"),
                }))
            },
        ),
        rule(
            |c| c.all(TODAY),
            format!(r"\b{POSITION_WORD}?(?P<word>today|tonight)\b"),
            |text, caps| {
                let word = caps.name("word")?;
                // "today's world", "the people of today": the present age, no day.
                if super::context::age_not_day(text, word.start(), word.end()) {
                    return None;
                }
                Some(Expr::DayOffset(0, day_part(word.as_str())))
            },
        ),
        rule(
            |c| c.all(DAYPART),
            format!(r"\b{POSITION_WORD}?(?:(?P<rel>this|yesterday|tomorrow|last)\s+)(?P<part>morning|afternoon|evening|night)\b"),
            part_of_day,
        ),
        rule(
            |c| c.all(YESTERDAY),
            format!(r"\b{POSITION_WORD}(?P<word>yesterday|tomorrow)\b"),
            |_, caps| {
                let k = if caps.name("word")?.as_str().eq_ignore_ascii_case("yesterday") { -1 } else { 1 };
                Some(Expr::DayOffset(k, None))
            },
        ),
        rule(
            |c| c.all(WS_WEEK) && c.any(THIS | REL),
            format!(r"\b{POSITION_WORD}?(?P<rel>this|last|next)\s+week(?P<end>end)?\b"),
            week,
        ),
        rule(|c| c.all(WS_WEEK), r"\bthe\s+week(?P<end>end)\b".into(), week),
        rule(
            |c| c.all(SEASON),
            format!(r"\b{POSITION_WORD}?(?:(?P<rel>this\s+past|this|last|next|the)\s+)?{POSITION_WORD}?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?:(?P<year>1[0-9]{{3}}|20[0-9]{{2}})|(?P<bcy>[0-9]{{1,4}})\s+BCE?))?\b"),
            season,
        ),
        rule(
            |c| c.any(QUARTER | HALF),
            format!(r"\b(?:the\s+)?(?:(?P<year>1[0-9]{{3}}|20[0-9]{{2}})\s+|(?P<rel>this|last|next)\s+year(?:'s|’s)\s+|(?P<ago>year-ago|year-earlier)\s+)?(?P<ord>{ORDINAL_QUARTER}|latter|last)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half|two\s+quarters)(?:\s+of\s+(?:fiscal\s+)?(?P<year2>1[0-9]{{3}}|20[0-9]{{2}}))?\b"),
            quarter,
        ),
        rule(
            |c| c.any(QUARTER | PERIOD),
            r"\bthe\s+(?P<which>latest|current|most\s+recent|recent|just[\s-]+ended)\s+(?:fiscal\s+)?(?:quarter|period)\b".into(),
            |_, caps| {
                let current = caps.name("which")?.as_str().eq_ignore_ascii_case("current");
                Some(if current { Expr::CurrentQuarter } else { Expr::ReportQuarter(0) })
            },
        ),
        rule(
            |c| c.all(WS_YEAR) && c.any(AGO | LATER),
            r"\b(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+(?:fiscal\s+)?(?:quarter|period))?\b".into(),
            |_, _| Some(Expr::ReportQuarter(-1)),
        ),
        rule(
            |c| c.any(QUARTER | PERIOD),
            r"\b(?:the\s+)?(?:same|corresponding|comparable|year-ago)\s+(?:period|quarter)(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|in\s+1[0-9]{3}|in\s+20[0-9]{2}))?\b".into(),
            |_, _| Some(Expr::ReportQuarter(-1)),
        ),
        rule(
            |c| c.all(QUARTER),
            r"\bthe\s+(?:fiscal\s+)?quarter(?P<ago>\s+a\s+year\s+(?:ago|earlier))?\b".into(),
            |text, caps| {
                // "the quarter of a century", "the quarter-final": no period of a report.
                let end = caps.get(0)?.end();
                let tail = &text[end..];
                let of = tail.trim_start().starts_with("of ") || tail.starts_with('-');
                // "the quarter a year ago" is the report's quarter of the year before.
                let k = if caps.name("ago").is_some() { -1 } else { 0 };
                (!of).then_some(Expr::ReportQuarter(k))
            },
        ),
        rule(
            |c| c.all(WS_UNIT | FOR),
            r"\b(?:for|within|over)\s+(?P<hit>(?:the\s+)?(?P<unit>years|months|weeks|days|decades|centuries))\b".into(),
            vague_amount,
        ),
        rule(
            |c| c.all(SPELLED),
            format!(r"\b(?:(?P<mon>{MONTHS})\s+)?(?P<spelled>nineteen[\s-](?:{TENS})(?:[\s-](?:{UNITS}))?|nineteen[\s-](?:{TEENS}))\b"),
            spelled_year,
        ),
        rule(
            |c| c.all(SPELLED | WS_YEAR),
            r"\bthe\s+year\s+two\s+thousand\b".into(),
            |_, _| Timex::year_only(2000).map(Expr::Absolute),
        ),
        rule(
            |c| c.any(QUARTER | PERIOD),
            r"\blast\s+year(?:'s|’s)\s+(?:fiscal\s+)?(?:quarter|period)\b".into(),
            |_, _| Some(Expr::ReportQuarter(-1)),
        ),
        // "for the year ended March 31": a report's twelve months up to a day it names.
        rule(
            |c| c.all(WS_YEAR | ENDED),
            format!(r"\b(?P<hit>the\s+(?:fiscal\s+)?year)\s+(?:that\s+)?(?:ended|ending|ends)\s+(?:(?:{MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|(?:today|tomorrow|yesterday)\b)"),
            |_, _| Some(Expr::Duration("P1Y".into())),
        ),
        rule(
            |c| c.all(FISCAL | WS_YEAR),
            r"\b(?:the\s+)?(?P<rel>current|this|last|next|previous|coming|the)\s+fiscal\s+year\b".into(),
            fiscal_year,
        ),
        rule(
            |c| c.all(FISCAL),
            r"\bfiscal\s+(?:year\s+)?(?P<year>1[0-9]{3}|20[0-9]{2})\b".into(),
            |_, caps| Timex::year_only(caps.name("year")?.as_str().parse().ok()?).map(Expr::Absolute),
        ),
        rule(
            |c| c.all(FEAST),
            r"\b(?:(?P<rel>last|next|this)\s+)?(?P<f>christmas\s+eve|christmas(?:\s+day)?|new\s+year's\s+(?:day|eve)|new\s+year’s\s+(?:day|eve)|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|election\s+day)\b".into(),
            feast,
        ),
        rule(
            |c| c.any(END | POSITION) && c.any(WS_YEAR | WS_MONTH | WS_UNIT),
            r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>year|month|week)\b".into(),
            this_unit,
        ),
        rule(
            |c| c.all(END),
            r"\b(?P<unit>year|month)(?:-|\s+|'s\s+|’s\s+)end\b".into(),
            this_unit,
        ),
        rule(
            |c| c.all(CENTURY),
            r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?:\s+(?P<bc>BC|BCE))?\b".into(),
            century,
        ),
        rule(
            |c| c.all(EVERY),
            r"\b(?:every|each|per)\s+(?:other\s+)?(?P<unit>year|month|week|day|quarter)\b".into(),
            |_, caps| {
                let unit = caps.name("unit")?.as_str().to_ascii_lowercase();
                let v = if unit == "quarter" { Some("P3M".to_string()) } else { duration_value(Some(1), &unit) };
                v.map(Expr::Set)
            },
        ),
    ]
});

/// "now", "currently", "recently"…; "now" is no time as the discourse word that opens a
/// sentence ("Now, he says, ...").
fn vague(text: &str, caps: &Caps) -> Option<Expr> {
    if let Some(m) = caps.name("now") {
        let opening = m.as_str().starts_with('N') && super::spans::sentence_start(text, m.start());
        return (!opening).then_some(Expr::Vague("PRESENT_REF"));
    }
    Some(Expr::Vague(if caps.name("past").is_some() {
        "PAST_REF"
    } else {
        "PRESENT_REF"
    }))
}

/// "nineteen ninety-six", "January nineteen ninety-seven": a year as it is spoken.
fn spelled_year(_: &str, caps: &Caps) -> Option<Expr> {
    let spelled = caps.name("spelled")?.as_str().to_ascii_lowercase();
    let rest = spelled.get("nineteen".len() + 1..)?.replace(' ', "-");
    let n = super::words::number_value(&rest).filter(|n| (10..100).contains(n))?;
    let year = 1900 + n as i32;
    match caps.name("mon") {
        Some(m) => Timex::month_of(year, super::words::month_number(m.as_str())?),
        None => Timex::year_only(year),
    }
    .map(Expr::Absolute)
}

/// "recent years": an unspecified amount of the unit.
/// "recent years" and "recent decades" place something in the vague past (PAST_REF), as
/// "recently" does; "recent weeks" and shorter are an amount of time up to now ("sales fell
/// in recent weeks").
fn recent_units(text: &str, caps: &Caps) -> Option<Expr> {
    let unit = caps.name("unit")?.as_str().to_ascii_lowercase();
    if unit == "years" || unit == "decades" {
        return Some(Expr::Vague("PAST_REF"));
    }
    vague_amount(text, caps)
}

fn vague_amount(_: &str, caps: &Caps) -> Option<Expr> {
    duration_value(None, caps.name("unit")?.as_str()).map(Expr::Duration)
}

/// "this morning", "yesterday evening", "last night": the publication day's part.
fn part_of_day(_: &str, caps: &Caps) -> Option<Expr> {
    let rel = caps.name("rel")?.as_str().to_ascii_lowercase();
    let part = day_part(caps.name("part")?.as_str())?;
    let k = match rel.as_str() {
        "yesterday" => -1,
        "tomorrow" => 1,
        // "last night" is the one before the publication day; "last morning" is no date.
        "last" if part == crate::time::DayPart::Night => -1,
        "last" => return None,
        _ => 0,
    };
    Some(Expr::DayOffset(k, Some(part)))
}

/// "this week", "last week", "next weekend", "the weekend".
fn week(_: &str, caps: &Caps) -> Option<Expr> {
    let weekend = caps.name("end").is_some();
    let k = match caps
        .name("rel")
        .map(|r| r.as_str().to_ascii_lowercase())
        .as_deref()
    {
        Some("last") => Some(-1),
        Some("next") => Some(1),
        Some("this") => Some(0),
        _ => None,
    };
    Some(Expr::Week { k, weekend })
}

/// "last fall", "this summer", "the spring of 1942", "winter"; "fall" alone is the verb, and
/// "the fall of Saigon" an event.
fn season(text: &str, caps: &Caps) -> Option<Expr> {
    let word = caps.name("s")?.as_str().to_ascii_lowercase();
    let season = match word.as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        _ => Season::Winter,
    };
    let end = caps.get(0)?.end();
    let rel = caps.name("rel").map(|r| r.as_str().to_ascii_lowercase());
    if let Some(y) = caps.name("year") {
        return Timex::season(y.as_str().parse().ok()?, season).map(Expr::Absolute);
    }
    if let Some(y) = caps.name("bcy") {
        return Timex::season(-y.as_str().parse::<i32>().ok()?, season).map(Expr::Absolute);
    }
    let tail = text[end..].trim_start();
    let event = tail.starts_with("of ") && tail[3..].starts_with(|c: char| c.is_uppercase());
    // "fall" is a season after "last", "this", "next", or "the" introduced by a preposition
    // of time ("in the fall"); "after the fall" may be a collapse.
    let start = caps.get(0)?.start();
    let timed = matches!(
        super::context::word_before(text, start).as_str(),
        "in" | "during" | "by" | "until" | "through" | "since" | "that" | "late" | "early"
    );
    let fall_ok = match rel.as_deref() {
        None => false,
        Some("the") => timed,
        Some(_) => true,
    };
    if word == "fall" && (!fall_ok || event) {
        return None;
    }
    if event || tail.starts_with("of ") {
        return None;
    }
    let (dir, year_offset) = match rel.as_deref() {
        Some("last" | "this past") => (-1, None),
        Some("next") => (1, None),
        Some("this") => (0, Some(0)),
        _ => (0, None),
    };
    Some(Expr::Season {
        season,
        dir,
        year_offset,
    })
}

/// "the third quarter", "third-quarter", "the 1988 second quarter", "the second half of 2008".
fn quarter(text: &str, caps: &Caps) -> Option<Expr> {
    let unit = caps.name("unit")?.as_str().to_ascii_lowercase();
    if unit == "half" && caps.name("year2").is_none() && half_of_longer(&text[caps.get(0)?.end()..])
    {
        // "the last half of the '80s" is part of the decade, which takes the phrase.
        return None;
    }
    // "the first two quarters of 1990" is its first half; without a year it is an amount.
    let two = unit.starts_with("two");
    if two && caps.name("year2").is_none() {
        return None;
    }
    let half = two || unit == "half";
    let q = match caps.name("ord")?.as_str().to_ascii_lowercase().as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "latter" | "last" if half => 2,
        _ => return None,
    };
    if half && q > 2 {
        return None;
    }
    if caps.name("ago").is_some() {
        return Some(Expr::ReportQuarter(-1));
    }
    if let Some(y) = caps.name("year").or_else(|| caps.name("year2")) {
        let y = y.as_str().parse().ok()?;
        let t = if half {
            Timex::half(y, q)
        } else {
            Timex::quarter(y, q)
        };
        return t.map(Expr::Absolute);
    }
    let year_offset = match caps
        .name("rel")
        .map(|r| r.as_str().to_ascii_lowercase())
        .as_deref()
    {
        Some("last") => Some(-1),
        Some("next") => Some(1),
        Some(_) => Some(0),
        None => None,
    };
    Some(Expr::Quarter {
        q,
        half,
        year_offset,
    })
}

/// Whether `rest`, the text after "the first half", goes on with a decade or a century
/// ("of the 1980s", "of the '80s", "of the 20th century", "of the century").
fn half_of_longer(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(" of ") else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let mut words = rest.split_whitespace();
    let first = words.next().unwrap_or("");
    let digits = first.trim_start_matches(['\'', '’', '‘']);
    let decade = digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .ends_with("0s");
    let century = [first, words.next().unwrap_or("")]
        .iter()
        .any(|w| w.to_ascii_lowercase().starts_with("centur"));
    decade || century
}

/// "the current fiscal year", "last fiscal year".
fn fiscal_year(_: &str, caps: &Caps) -> Option<Expr> {
    Some(Expr::YearOffset(
        match caps.name("rel")?.as_str().to_ascii_lowercase().as_str() {
            "last" | "previous" => -1,
            "next" | "coming" => 1,
            _ => 0,
        },
    ))
}

/// "Christmas", "last Thanksgiving", "Easter", "Election Day".
fn feast(_: &str, caps: &Caps) -> Option<Expr> {
    let f = caps.name("f")?.as_str().to_ascii_lowercase();
    if !caps
        .name("f")?
        .as_str()
        .starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let feast = if f.starts_with("christmas eve") {
        Feast::Fixed(12, 24)
    } else if f.starts_with("christmas") {
        Feast::Fixed(12, 25)
    } else if f.starts_with("new year") && f.ends_with("eve") {
        Feast::Fixed(12, 31)
    } else if f.starts_with("new year") {
        Feast::Fixed(1, 1)
    } else if f.starts_with("thanksgiving") {
        Feast::Nth {
            month: 11,
            nth: 4,
            weekday: 3,
        }
    } else if f.starts_with("easter") {
        Feast::Easter(0)
    } else {
        Feast::ElectionDay
    };
    let dir = match caps
        .name("rel")
        .map(|r| r.as_str().to_ascii_lowercase())
        .as_deref()
    {
        Some("last") => -1,
        Some("next") => 1,
        _ => 0,
    };
    Some(Expr::Holiday { feast, dir })
}

/// Words after "the year" that make it another year or an amount ("the year before", "the
/// year ended Sept. 30", "the year 2000", "the year in which").
const NOT_THE_YEAR_AFTER: &[&str] = &[
    "before",
    "after",
    "earlier",
    "later",
    "ago",
    "ended",
    "ending",
    "ends",
    "end",
    "to",
    "that",
    "when",
    "of",
    "which",
    "nineteen",
    "two",
    "one",
    "since",
    "following",
];

/// Words before "of the year" that make it a part of the year ("the first nine months of the
/// year", "the busiest day of the year"); others name a title ("Man of the Year").
const PART_OF_YEAR: &[&str] = &[
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "part",
    "half",
    "quarter",
    "most",
    "rest",
    "remainder",
    "balance",
    "quarters",
    "halves",
];

/// "the rest of the year", "for the year": the year a history has reached, the publication
/// year in news; "the year" of a title, of another year or of an amount is left alone.
fn the_year(text: &str, caps: &Caps) -> Option<Expr> {
    if caps.name("current").is_some() {
        return Some(Expr::YearOffset(0));
    }
    if let Some(hit) = caps.name("hit") {
        let tail = &text[hit.end()..];
        let next = super::context::word_after(text, hit.end()).to_ascii_lowercase();
        let glued = tail.starts_with(['-', '\'', '’']);
        let number = tail.trim_start().starts_with(|c: char| c.is_ascii_digit());
        let relative = tail
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("in which");
        if glued || number || relative || NOT_THE_YEAR_AFTER.contains(&next.as_str()) {
            return None;
        }
        let lead = caps.name("lead")?;
        let part = super::context::word_before(text, lead.start());
        if lead.as_str().eq_ignore_ascii_case("of") && !PART_OF_YEAR.contains(&part.as_str()) {
            return None;
        }
        if hit.as_str().ends_with("Year") {
            return None;
        }
    }
    Some(Expr::NarrativeOr(
        Box::new(Expr::PreviousYear(0)),
        Box::new(Expr::YearOffset(0)),
    ))
}

/// "the end of the year", "year-end", "the end of the month", "later in the year": the
/// anchor's year, month or week.
fn this_unit(_: &str, caps: &Caps) -> Option<Expr> {
    Some(
        match caps.name("unit")?.as_str().to_ascii_lowercase().as_str() {
            "year" => Expr::YearOffset(0),
            "month" => Expr::MonthOffset(0),
            _ => Expr::Week {
                k: Some(0),
                weekend: false,
            },
        },
    )
}

/// Ordinal words and numbers of centuries ("20th", "eighteenth", "twenty-first").
fn ordinal_value(word: &str) -> Option<i32> {
    let w = word.to_ascii_lowercase();
    if let Some(n) = w
        .get(..w.len().saturating_sub(2))
        .and_then(|d| d.parse().ok())
    {
        return Some(n);
    }
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if w == "twenty-first" {
        return Some(21);
    }
    WORDS.iter().position(|x| *x == w).map(|i| i as i32 + 1)
}

/// "the 20th century" is 1900–1999, TIMEX3 "19"; "the 4th century BC" is "BC03".
fn century(_: &str, caps: &Caps) -> Option<Expr> {
    let n = ordinal_value(caps.name("ord")?.as_str()).filter(|n| (1..=30).contains(n))?;
    let first = (n - 1) * 100;
    let first = if caps.name("bc").is_some() {
        -first
    } else {
        first
    };
    if first == 0 {
        return None;
    }
    Timex::century(first).map(Expr::Absolute)
}

/// All candidates of the word-named recognisers in a paragraph, possibly overlapping.
pub(crate) fn named_with(text: &str, cues: &Cues) -> Vec<Cand> {
    let mut out = Vec::new();
    run(&RULES, text, cues, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{dates, dct, hits, pairs};
    use super::super::DateKind;

    #[test]
    fn deixis_is_vague_or_the_publication_day() {
        let mut r = dct("2024-05-08");
        let h = hits(
            &mut r,
            "Today the council said it is now testing a plan it changed recently.",
        );
        let got: Vec<_> = h.iter().map(|(t, v, _)| (t.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Today", "2024-05-08"),
                ("now", "PRESENT_REF"),
                ("recently", "PAST_REF")
            ]
        );
        assert_eq!(h[1].2, DateKind::Vague);
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(
                &mut r,
                "She flies tonight and spoke this morning; yesterday evening she rested."
            ),
            pairs(&[
                ("tonight", "2024-05-08TNI"),
                ("this morning", "2024-05-08TMO"),
                ("yesterday evening", "2024-05-07TEV"),
            ])
        );
        // The discourse word that opens a sentence, and the present age, are no times.
        let mut r = dct("2024-05-08");
        let h = hits(
            &mut r,
            "Now, he argued, today's youth and the leaders of tomorrow differ.",
        );
        assert!(h.is_empty(), "{h:?}");
    }

    #[test]
    fn weeks_and_weekends_are_iso_weeks() {
        // 2024-05-08 is a Wednesday in ISO week 19.
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(
                &mut r,
                "Last week it rained; next week it clears. They will rest over the weekend."
            ),
            pairs(&[
                ("Last week", "2024-W18"),
                ("next week", "2024-W20"),
                ("the weekend", "2024-W19-WE"),
            ])
        );
        // Said on a Sunday, "the weekend" is the one now ending.
        let mut r = dct("2024-05-12");
        assert_eq!(
            dates(&mut r, "Talks stalled over the weekend."),
            pairs(&[("the weekend", "2024-W19-WE")])
        );
    }

    #[test]
    fn seasons_and_feasts() {
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(
                &mut r,
                "The dam broke last fall; repairs end this summer; it flooded last Christmas."
            ),
            pairs(&[
                ("last fall", "2023-FA"),
                ("this summer", "2024-SU"),
                ("last Christmas", "2023-12-25"),
            ])
        );
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(&mut r, "The siege lasted into the winter of 1710."),
            pairs(&[("the winter of 1710", "1710-WI")])
        );
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(&mut r, "Easter fell early."),
            pairs(&[("Easter", "2024-03-31")])
        );
        // "fall" alone is a verb, "the fall of Rome" an event, "after the fall" unclear.
        let mut r = dct("2024-05-08");
        assert!(dates(
            &mut r,
            "Prices fall. They feared the fall of Rome and life after the fall."
        )
        .is_empty());
    }

    #[test]
    fn quarters_of_a_report() {
        let mut r = dct("2024-08-06");
        assert_eq!(
            dates(&mut r, "Sales rose in the second quarter, and second-quarter margins beat the year-ago quarter; the 2023 fourth quarter was weak."),
            pairs(&[
                ("the second quarter", "2024-Q2"),
                ("second-quarter", "2024-Q2"),
                ("the year-ago quarter", "2023-Q2"),
                ("the 2023 fourth quarter", "2023-Q4"),
            ])
        );
        let mut r = dct("2024-08-06");
        assert_eq!(
            dates(
                &mut r,
                "Revenue in the second quarter grew from $8 million a year ago."
            ),
            pairs(&[("the second quarter", "2024-Q2"), ("a year ago", "2023-Q2")])
        );
        // A quarter that has not begun by publication is last year's.
        let mut r = dct("2024-02-20");
        assert_eq!(
            dates(&mut r, "Losses widened in the fourth quarter."),
            pairs(&[("the fourth quarter", "2023-Q4")])
        );
        let mut r = dct("2024-08-06");
        assert_eq!(
            dates(&mut r, "Hiring slowed in the first half of 2022."),
            pairs(&[("the first half of 2022", "2022-H1")])
        );
        // Not a period of a report.
        let mut r = dct("2024-08-06");
        assert!(dates(&mut r, "He lived in the quarter of the old town.").is_empty());
    }

    #[test]
    fn centuries_spoken_years_and_rates() {
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(&mut r, "a 19th century church, a twelfth-century wall, the 2nd century BC, in nineteen eighty-four"),
            pairs(&[
                ("19th century", "18"),
                ("twelfth-century", "11"),
                ("the 2nd century BC", "BC01"),
                ("nineteen eighty-four", "1984"),
            ])
        );
        let mut r = dct("2024-05-08");
        let h = hits(
            &mut r,
            "It costs $40 a month, runs six trains a day, and reports every week.",
        );
        let kinds: Vec<_> = h
            .iter()
            .map(|(t, v, k)| (t.as_str(), v.as_str(), *k))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a month", "P1M", DateKind::Set),
                ("a day", "P1D", DateKind::Set),
                ("every week", "P1W", DateKind::Set),
            ]
        );
        // "nineteen soldiers" is a count.
        let mut r = dct("2024-05-08");
        assert!(dates(&mut r, "nineteen soldiers and nineteen of them").is_empty());
    }

    #[test]
    fn ends_of_periods() {
        let mut r = dct("2024-05-08");
        assert_eq!(
            dates(
                &mut r,
                "The merger should close by year-end, with savings by the end of the month."
            ),
            pairs(&[("year-end", "2024"), ("the end of the month", "2024-05")])
        );
    }
}
