//! Turns recognised expressions into values: explicit dates stand alone, relative ones are
//! resolved against the publication date (news) or the narrative's own time, the last date
//! the text gave (history), decided as the text goes (see [`Anchors::narrative`]).

use super::tense::{deadline_ahead, tense_at, Tense};
use super::{DateHit, DateKind, DatesMode, Resolution};
use crate::time::{calendar, DayPart, Part, Precision, Season, Timex};

/// What a recogniser understood, before any anchoring.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    /// Fully specified in the text ("August 15, 2021", "1979", "the 1990s", "summer 1942").
    Absolute(Timex),
    /// Month and day without a year ("July 3").
    MonthDay { month: u8, day: u8 },
    /// A month named alone ("in April", "mid-July").
    BareMonth(u8),
    /// A month in the anchor's year plus `year_offset` ("April last year").
    Month { month: u8, year_offset: i32 },
    /// The nearest named month before (-1), after (+1) or in (0) the anchor ("last April").
    MonthNear { month: u8, dir: i8 },
    /// The anchor's year plus an offset ("this year", "four years ago").
    YearOffset(i32),
    /// The anchor's month plus an offset ("this month", "last month"); needs a month anchor.
    MonthOffset(i32),
    /// The publication day plus an offset ("yesterday", "ten days ago", "tonight").
    DayOffset(i32, Option<DayPart>),
    /// The named day of the week (0 is Monday) nearest the publication day: on or `after` it,
    /// or on or before it; `strict` leaves the publication day itself out ("last Friday" on a
    /// Friday is a week before); `after` is `None` when only the sentence's tense can tell.
    Weekday {
        weekday: u8,
        after: Option<bool>,
        strict: bool,
        part: Option<DayPart>,
    },
    /// The ISO week (or its weekend) `k` weeks from the publication day's ("last week");
    /// a weekend without a direction (`k` is `None`) takes the sentence's tense.
    Week { k: Option<i32>, weekend: bool },
    /// A season `year_offset` years from the anchor's, or for "last"/"next" (`dir`) the one
    /// nearest before or after it; `None` is the narrative's year ("the summer").
    Season {
        season: Season,
        dir: i8,
        year_offset: Option<i32>,
    },
    /// A quarter (1–4) or, with `half`, a half of the year `year_offset` years from the
    /// anchor's; `None` is the year of the report's period ("the third quarter").
    Quarter {
        q: u8,
        half: bool,
        year_offset: Option<i32>,
    },
    /// The quarter a report is about ("the latest quarter"), `k` years from it ("the
    /// year-ago quarter", "year-earlier").
    ReportQuarter(i32),
    /// The quarter the publication date falls in ("the current quarter").
    CurrentQuarter,
    /// The report's quarter in another year ("the 1988 period"); the year when it has none.
    ReportQuarterOf(i32),
    /// A fixed or movable feast (month, day or rule) in the anchor's year plus an offset,
    /// or the nearest one before (-1) or after (+1) when `dir` says so.
    Holiday { feast: Feast, dir: i8 },
    /// The last day-precise date of the article plus an offset ("the same day", "the next day").
    SameDay(i32),
    /// A part of that day plus an offset ("that night", "the next morning").
    SameDayPart(i32, DayPart),
    /// The year of the article's previous date plus an offset ("that year", "two years later").
    PreviousYear(i32),
    /// The month of the article's previous date plus an offset ("that month", "the following
    /// month", "two months later"); needs a previous date of month precision or finer.
    PreviousMonth(i32),
    /// A vague reference to the present, past or future (`PRESENT_REF`…): exported, never on
    /// the timeline.
    Vague(&'static str),
    /// A vague reference only a narrative makes ("former" in a history); nothing in news.
    NarrativeVague(&'static str),
    /// The first reading in a narrative, the second in news ("the next year" is a year of a
    /// history, an amount of time in a report).
    NarrativeOr(Box<Expr>, Box<Expr>),
    /// Counted back from now ("four years ago"): a sign of news, where now is the
    /// publication date.
    Ago(Box<Expr>),
    /// An amount of time with its ISO 8601 value ("P4Y").
    Duration(String),
    /// A recurring time ("every week", "a year" after an amount), with its TIMEX3 value.
    Set(String),
    /// A span that must not yield any mention (ages, URLs).
    Ignore,
}

/// A day of the year by rule, so its date can be computed for any year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Feast {
    /// The same month and day every year (Christmas).
    Fixed(u8, u8),
    /// The `nth` weekday (0 is Monday) of a month; negative counts from the end.
    Nth { month: u8, nth: i8, weekday: u8 },
    /// The Tuesday after the first Monday of November (US election day).
    ElectionDay,
    /// Easter Sunday plus an offset in days (Good Friday is -2).
    Easter(i8),
}

impl Feast {
    fn in_year(self, y: i32) -> Option<Timex> {
        match self {
            Feast::Fixed(m, d) => Timex::day_of(y, m, d),
            Feast::Nth {
                month,
                nth,
                weekday,
            } => calendar::nth_weekday_of_month(y, month, nth, weekday),
            Feast::ElectionDay => {
                calendar::add_days(calendar::nth_weekday_of_month(y, 11, 1, 0)?, 1)
            }
            Feast::Easter(k) => calendar::add_days(calendar::easter(y)?, i32::from(k)),
        }
    }
}

/// A recognised span of a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

/// Keeps the longest candidates that do not overlap, returned in text order.
pub(crate) fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
    // Kept spans are disjoint, so ordered by start they are ordered by end too: the one
    // starting last before a candidate ends is the only one that can overlap it. A map keyed
    // by start keeps this O(n log n) for a paragraph with tens of thousands of dates.
    let mut kept: std::collections::BTreeMap<usize, Cand> = std::collections::BTreeMap::new();
    for c in cands {
        let clear = kept
            .range(..c.end)
            .next_back()
            .is_none_or(|(_, k)| k.end <= c.start);
        if clear && !kept.contains_key(&c.start) {
            kept.insert(c.start, c);
        }
    }
    kept.into_values().collect()
}

/// The article-level memory relative expressions resolve against.
#[derive(Clone, Debug, Default)]
pub(crate) struct Anchors {
    pub published: Option<Timex>,
    /// News, narrative, or decided from the text.
    pub mode: DatesMode,
    /// The last date (year precision or finer) mentioned so far.
    pub reference: Option<Timex>,
    /// The last day-precise date mentioned so far.
    pub last_day: Option<Timex>,
    /// The last month- or day-precise date mentioned so far.
    pub last_month: Option<Timex>,
    /// Explicit years so far within a year of the publication date, and further from it.
    pub near: u32,
    pub far: u32,
    /// Day-level references to the publication day so far ("Tuesday", "yesterday").
    pub deictic: u32,
    /// The quarter the article reports on, once one is named.
    pub report_quarter: Option<Timex>,
    /// The last counted offset ("a year earlier") and the date it counted from, so the same
    /// offset again counts from the same date instead of drifting.
    pub last_offset: Option<(Expr, Timex)>,
    /// How many dates were resolved so far: the ordinal the next one gets.
    pub dates: usize,
    /// The ordinals of the dates `reference`, `last_day` and `last_offset` came from.
    pub reference_hit: Option<usize>,
    pub last_day_hit: Option<usize>,
    pub last_offset_hit: Option<usize>,
    /// The ordinal of the date `report_quarter` came from.
    pub report_quarter_hit: Option<usize>,
    /// The ordinal of the explicit date whose year the sentence lends (see [`Self::resolve`]).
    pub sentence_hit: Option<usize>,
    /// An explicit day-precise date earlier in the sentence, with its ordinal: the day a
    /// weekday of that sentence counts from.
    pub sentence_day: Option<(Timex, usize)>,
    /// The last month named without a year in news and the year it was given, with its
    /// ordinal: the same month named again is the same month ("expected to join in April ...
    /// the summit in April").
    pub bare_month: Option<(i32, u8, usize)>,
    /// The ordinal of the earlier date the value being resolved was completed from.
    pub used: std::cell::Cell<Option<usize>>,
}

/// A hit's value before it becomes a [`DateHit`].
enum Value {
    Date(Timex, Resolution),
    Other(DateKind, String),
}

impl Anchors {
    /// Whether underspecified dates take the narrative's time rather than the publication
    /// date: when told so, when there is no publication date, or (by default) when the text
    /// has named clearly more years far from its publication date (two years or more) than
    /// near it, and refers to its publication day less often than that.
    pub fn narrative(&self) -> bool {
        match self.mode {
            DatesMode::News => false,
            DatesMode::Narrative => true,
            DatesMode::Auto => {
                let distant = |r: Timex| self.published.is_some_and(|p| p.year() - r.year() >= 10);
                self.published.is_none()
                    || (self.far >= 2 && self.far > 2 * self.near + 3 * self.deictic)
                    || (self.near + self.deictic == 0 && self.reference.is_some_and(distant))
            }
        }
    }

    /// A narrative beyond doubt, for words only histories use as times ("former"): told so,
    /// or five far years or more and three times as many as near ones and references to now.
    fn clearly_narrative(&self) -> bool {
        match self.mode {
            DatesMode::News => false,
            DatesMode::Narrative => true,
            DatesMode::Auto => {
                self.published.is_none()
                    || (self.far >= 5 && self.far > 3 * (self.near + self.deictic))
            }
        }
    }

    /// The date "now" means for year- and month-level expressions, and how it was chosen.
    fn anchor(&self) -> Option<(Timex, Resolution)> {
        let narrative = self.reference.filter(|_| self.narrative());
        let previous = |r| {
            self.used.set(self.reference_hit);
            Some((r, Resolution::PreviousDate))
        };
        match (narrative, self.published, self.reference) {
            (Some(r), _, _) => previous(r),
            (None, Some(p), _) => Some((p, Resolution::PublicationDate)),
            (None, None, Some(r)) => previous(r),
            _ => None,
        }
    }

    /// The day "today" means: the publication day in news, the last day named in a narrative.
    fn today(&mut self) -> Option<(Timex, Resolution)> {
        self.deictic += 1;
        if self.narrative() {
            let d = self.last_day?;
            self.used.set(self.last_day_hit);
            return Some((d, Resolution::PreviousDate));
        }
        let p = self.published.filter(|p| p.precision() == Precision::Day)?;
        Some((p, Resolution::PublicationDate))
    }

    /// Resolves one candidate and remembers it for later ones; `None` drops it.
    /// `sentence_year` is the year of an explicit date earlier in the same sentence, which a
    /// month without a year then belongs to ("on August 15, 2021 ... on August 30").
    pub fn resolve(&mut self, text: &str, c: &Cand, sentence_year: Option<i32>) -> Option<DateHit> {
        self.used.set(None);
        let value = self.value(text, c, sentence_year)?;
        let mut anchor = None;
        debug_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        let (kind, value, timex, resolution) = match value {
            Value::Other(kind, v) => (kind, v, None, Resolution::Explicit),
            Value::Date(mut t, how) => {
                if let Some(p) = super::spans::part_named_before(&text[c.start..c.end]) {
                    t = t.at_part_of_day(p).unwrap_or(t);
                }
                if t.precision() == Precision::Day
                    && super::spans::week_named_before(&text[c.start..c.end])
                {
                    t = Timex::week_of(t, false).unwrap_or(t);
                }
                // The quarter a report is about is the latest complete one it names itself.
                let complete = self
                    .published
                    .and_then(last_full_quarter)
                    .is_none_or(|last| t <= last && t.year() >= last.year() - 1);
                if matches!(c.expr, Expr::Absolute(_) | Expr::Quarter { .. })
                    && matches!(t.part(), Part::Quarter(_))
                    && complete
                    && self.report_quarter.is_none_or(|r| r < t)
                {
                    self.report_quarter = Some(t);
                    self.report_quarter_hit = Some(self.dates);
                }
                if how == Resolution::PreviousDate {
                    anchor = self.used.get();
                }
                self.remember(t, how);
                (DateKind::Date, t.value(), Some(t), how)
            }
        };
        Some(DateHit {
            start: c.start,
            end: c.end,
            kind,
            value,
            timex,
            resolution,
            modifier: modifier(&text[c.start..c.end]).or_else(|| {
                timex
                    .filter(|t| t.precision() <= Precision::Decade)
                    .and_then(|_| half_modifier(&text[c.start..c.end]))
            }),
            anchor,
        })
    }

    fn remember(&mut self, t: Timex, how: Resolution) {
        if how == Resolution::Explicit && t.precision() >= Precision::Decade {
            match self.published {
                Some(p) if (t.year() - p.year()).abs() <= 1 => self.near += 1,
                _ => self.far += 1,
            }
        }
        let ordinal = self.dates;
        self.dates += 1;
        if how == Resolution::Explicit {
            // A date stated anew is what the next counted offset counts from.
            self.last_offset = None;
        }
        if t.precision() >= Precision::Year {
            self.reference = Some(t.whole());
            self.reference_hit = Some(ordinal);
        }
        if t.precision() == Precision::Day {
            self.last_day = Some(t.whole());
            self.last_day_hit = Some(ordinal);
        }
        if t.precision() >= Precision::Month && !matches!(t.part(), Part::Week { .. }) {
            self.last_month = Some(t.whole());
        }
    }

    fn value(&mut self, text: &str, c: &Cand, sentence_year: Option<i32>) -> Option<Value> {
        let date = |t: Timex, how| Some(Value::Date(t, how));
        // The sentence's tense, read at most once per mention.
        let once = std::cell::OnceCell::new();
        let tense = || *once.get_or_init(|| tense_at(text, c.start));
        // "repay the loan by February": a deadline is ahead, whatever the sentence's tense.
        let tense_or_deadline = || {
            if deadline_ahead(text, c.start) {
                Tense::Future
            } else {
                tense()
            }
        };
        // A past year earlier in the sentence is no year of what a report says will happen
        // ("invited in July 1997, will join on March 12").
        let sentence_year = sentence_year.filter(|&y| {
            self.narrative()
                || self.published.is_none_or(|p| y >= p.year())
                || tense() != Tense::Future
        });
        match &c.expr {
            Expr::Ignore => None,
            Expr::NarrativeOr(narrative, news) => {
                let expr = if self.narrative() { narrative } else { news };
                let c = Cand {
                    start: c.start,
                    end: c.end,
                    expr: (**expr).clone(),
                };
                self.value(text, &c, sentence_year)
            }
            Expr::Ago(inner) => {
                let c = Cand {
                    start: c.start,
                    end: c.end,
                    expr: (**inner).clone(),
                };
                self.value(text, &c, None)
            }
            Expr::Duration(v) => Some(Value::Other(DateKind::Duration, v.clone())),
            Expr::Set(v) => Some(Value::Other(DateKind::Set, v.clone())),
            Expr::Vague(v) => Some(Value::Other(DateKind::Vague, (*v).to_string())),
            Expr::NarrativeVague(v) => self
                .clearly_narrative()
                .then(|| Value::Other(DateKind::Vague, (*v).to_string())),
            Expr::Absolute(t) => {
                let t = self.in_era(*t);
                date(t, Resolution::Explicit)
            }
            Expr::SameDay(k) => {
                self.used.set(self.last_day_hit);
                date(
                    calendar::add_days(self.last_day?, *k)?,
                    Resolution::PreviousDate,
                )
            }
            &Expr::SameDayPart(k, part) => {
                self.used.set(self.last_day_hit);
                let day = calendar::add_days(self.last_day?, k)?;
                date(with_part(day, Some(part)), Resolution::PreviousDate)
            }
            Expr::PreviousYear(k) => {
                if let Some(q) = self
                    .report_quarter
                    .filter(|_| *k == -1 && !self.narrative() && several_quarters(text, c))
                {
                    // The year before the report's, not a year before the last date named.
                    self.used.set(self.report_quarter_hit);
                    return date(Timex::year_only(q.year() - 1)?, Resolution::PreviousDate);
                }
                let from = self.offset_base(&c.expr, self.reference?);
                if let Some(q) = self
                    .report_quarter
                    .filter(|_| *k == -1 && !self.narrative() && !several_quarters(text, c))
                {
                    self.used.set(self.report_quarter_hit);
                    return date(
                        Timex::quarter(q.year() - 1, quarter_of(q)?)?,
                        Resolution::PreviousDate,
                    );
                }
                date(Timex::year_only(from.year() + k)?, Resolution::PreviousDate)
            }
            Expr::PreviousMonth(k) => {
                self.used.set(self.reference_hit);
                date(
                    resolve_relative(&Expr::MonthOffset(*k), self.reference?)?,
                    Resolution::PreviousDate,
                )
            }
            Expr::MonthDay { month, day } if sentence_year.is_some() => {
                self.used.set(self.sentence_hit);
                date(
                    Timex::day_of(sentence_year?, *month, *day)?,
                    Resolution::PreviousDate,
                )
            }
            Expr::BareMonth(month) if sentence_year.is_some() => {
                self.used.set(self.sentence_hit);
                date(
                    Timex::month_of(sentence_year?, *month)?,
                    Resolution::PreviousDate,
                )
            }
            &Expr::MonthDay { month, day } => {
                let (y, how) = self.year_of_month(month, tense_or_deadline)?;
                date(Timex::day_of(y, month, day)?, how)
            }
            &Expr::BareMonth(month) => {
                let (y, how) = self.year_of_month(month, tense_or_deadline)?;
                date(Timex::month_of(y, month)?, how)
            }
            &Expr::DayOffset(0, None) if self.narrative() => {
                // A history's "today" is the writer's present.
                Some(Value::Other(DateKind::Vague, "PRESENT_REF".into()))
            }
            &Expr::DayOffset(k, part) => {
                let (d, how) = self.today()?;
                let day = calendar::add_days(d, k)?;
                date(with_part(day, part), how)
            }
            &Expr::Weekday {
                weekday,
                after,
                strict,
                part,
            } => {
                let (d, how) = match self.sentence_day {
                    Some((d, hit)) => {
                        self.used.set(Some(hit));
                        (d, Resolution::PreviousDate)
                    }
                    None => self.today()?,
                };
                let after = after.unwrap_or_else(|| tense() == Tense::Future);
                let day = nearest_weekday(d, weekday, after, strict)?;
                date(with_part(day, part), how)
            }
            &Expr::Week { k, weekend } => {
                let (d, how) = self.today()?;
                let k = k.unwrap_or(if tense() == Tense::Future { 0 } else { -1 });
                let mut day = calendar::add_days(d, 7 * k)?;
                if weekend && k == -1 && calendar::weekday(d)? >= 5 {
                    // "the weekend" said on a Saturday or Sunday is that weekend.
                    day = d;
                }
                date(Timex::week_of(day, weekend)?, how)
            }
            &Expr::Season {
                season,
                dir,
                year_offset,
            } => {
                let (a, how) = self.anchor()?;
                let y = match (dir, year_offset) {
                    (0, Some(k)) => a.year() + k,
                    (0, None) => a.year(),
                    (d, _) => nearest_season(a, season, d)?,
                };
                date(Timex::season(y, season)?, how)
            }
            &Expr::Quarter {
                q,
                half,
                year_offset,
            } => {
                // A report's quarters count from its publication date, whatever its mode.
                let (a, how) = match self.published {
                    Some(p) => (p, Resolution::PublicationDate),
                    None => self.anchor()?,
                };
                let y = match year_offset {
                    Some(k) => a.year() + k,
                    None => match self.report_quarter {
                        Some(r) => r.year(),
                        // A quarter that has not begun by the publication date is last year's.
                        None if !half && a.month().is_some_and(|m| 3 * q - 2 > m) => a.year() - 1,
                        None => a.year(),
                    },
                };
                let t = if half {
                    Timex::half(y, q)?
                } else {
                    Timex::quarter(y, q)?
                };
                date(t, how)
            }
            Expr::CurrentQuarter => {
                let p = self.published.filter(|p| p.month().is_some())?;
                date(
                    Timex::quarter(p.year(), quarter_of(p)?)?,
                    Resolution::PublicationDate,
                )
            }
            &Expr::ReportQuarterOf(y) if several_quarters(text, c) => {
                date(Timex::year_only(y)?, Resolution::Explicit)
            }
            &Expr::ReportQuarterOf(y) => match self.report_quarter.and_then(quarter_of) {
                Some(q) => {
                    self.used.set(self.report_quarter_hit);
                    date(Timex::quarter(y, q)?, Resolution::PreviousDate)
                }
                None => date(Timex::year_only(y)?, Resolution::Explicit),
            },
            &Expr::ReportQuarter(k) => {
                let (q, how) = match self.report_quarter {
                    Some(q) => {
                        self.used.set(self.report_quarter_hit);
                        (q, Resolution::PreviousDate)
                    }
                    None => {
                        let p = self.published.filter(|p| p.month().is_some())?;
                        (last_full_quarter(p)?, Resolution::PublicationDate)
                    }
                };
                if k != 0 && several_quarters(text, c) {
                    return date(Timex::year_only(q.year() + k)?, how);
                }
                date(Timex::quarter(q.year() + k, quarter_of(q)?)?, how)
            }
            &Expr::Holiday { feast, dir } => {
                let (a, how) = self.anchor()?;
                let y = a.year();
                let t = match dir {
                    0 if a.precision() == Precision::Day && how == Resolution::PublicationDate => {
                        let this = feast.in_year(y)?;
                        match tense() {
                            Tense::Past if this > a => feast.in_year(y - 1)?,
                            Tense::Future if this < a => feast.in_year(y + 1)?,
                            _ => this,
                        }
                    }
                    0 => feast.in_year(y)?,
                    d => {
                        let this = feast.in_year(y)?;
                        match (d < 0, this < a) {
                            (true, true) | (false, false) => this,
                            (true, false) => feast.in_year(y - 1)?,
                            (false, true) => feast.in_year(y + 1)?,
                        }
                    }
                };
                date(t, how)
            }
            relative => {
                // "this year", "last month", "four years ago" speak from the writer's now: a
                // sign of news.
                self.deictic += 1;
                let (a, how) = self.anchor()?;
                let a = self.offset_base(relative, a);
                // "a year ago" in a report on a quarter is that quarter a year before.
                let year_ago = text[c.start..c.end]
                    .to_ascii_lowercase()
                    .ends_with("year ago");
                if let (Expr::YearOffset(-1), Some(q), true) = (
                    relative,
                    self.report_quarter,
                    year_ago && !self.narrative() && !several_quarters(text, c),
                ) {
                    // Counted from the report's quarter, not from the publication date.
                    self.used.set(self.report_quarter_hit);
                    return date(
                        Timex::quarter(q.year() - 1, quarter_of(q)?)?,
                        Resolution::PreviousDate,
                    );
                }
                date(resolve_relative(relative, a)?, how)
            }
        }
    }

    /// The date a counted offset counts from: the one the same offset counted from last time
    /// when it repeats ("a year earlier ... a year earlier"), else `from`.
    fn offset_base(&mut self, expr: &Expr, from: Timex) -> Timex {
        match &self.last_offset {
            Some((e, base)) if e == expr => {
                self.used.set(self.last_offset_hit);
                *base
            }
            _ => {
                self.last_offset = Some((expr.clone(), from));
                self.last_offset_hit = self.reference_hit;
                self.used.set(self.reference_hit);
                from
            }
        }
    }

    /// The year of a month named without one and how it was found; in news the same month
    /// named again, in a sentence whose tense says nothing, takes the year it was given before.
    fn year_of_month(&mut self, month: u8, tense: impl Fn() -> Tense) -> Option<(i32, Resolution)> {
        let (a, how) = self.anchor()?;
        if how != Resolution::PublicationDate {
            return Some((self.year_by_tense(a, how, month, tense), how));
        }
        let again = self.bare_month.filter(|&(_, m, _)| m == month);
        if let Some((y, _, hit)) = again.filter(|_| tense() == Tense::Unknown) {
            self.used.set(Some(hit));
            return Some((y, Resolution::PreviousDate));
        }
        let y = self.year_by_tense(a, how, month, tense);
        self.bare_month = Some((y, month, self.dates));
        Some((y, how))
    }

    /// The year of a month named without one: the anchor's, except that in news a month
    /// after the publication month in a sentence about the past is last year's, and one
    /// before it in a sentence about the future next year's.
    fn year_by_tense(
        &self,
        a: Timex,
        how: Resolution,
        month: u8,
        tense: impl Fn() -> Tense,
    ) -> i32 {
        let y = a.year();
        if how == Resolution::PreviousDate {
            // A narrative moves on: "December 7, 1941 ... in January" is January 1942 (a month
            // named three quarters of a year before the last one).
            return match self.last_month {
                Some(m) if m.year() == y && m.month().is_some_and(|lm| month + 9 <= lm) => y + 1,
                _ => y,
            };
        }
        let Some(am) = a.month() else {
            return y;
        };
        // The nearer of this year's and the neighbouring year's month, then by tense: an
        // event told in the past three months or more after publication is last year's.
        // News tells the past more than the future: a month early in the year is this
        // year's unless the report is from its last quarter.
        let diff = i32::from(month) - i32::from(am);
        let near = match diff {
            d if d > 5 => y - 1,
            d if d < -8 => y + 1,
            _ => y,
        };
        let ahead = (near - y) * 12 + diff;
        match tense() {
            Tense::Past if ahead >= 3 => near - 1,
            Tense::Future if ahead <= -3 => near + 1,
            _ => near,
        }
    }

    /// An explicit value as the text's era reads it: a narrative of years before the common
    /// era writes "in 490" for 490 BC once it has said "BC".
    fn in_era(&self, t: Timex) -> Timex {
        t
    }
}

fn with_part(day: Timex, part: Option<DayPart>) -> Timex {
    match part {
        Some(p) => day.at_part_of_day(p).unwrap_or(day),
        None => day,
    }
}

/// Whether the mention, not itself a quarter, stands in a sentence about a report's period of
/// several quarters ("For the nine months, net rose from a year earlier"): then the year
/// before is meant, not the quarter a year before.
fn several_quarters(text: &str, c: &Cand) -> bool {
    !text[c.start..c.end]
        .to_ascii_lowercase()
        .contains("quarter")
        && super::report_period::longer_period_before(text, c.start)
}

fn quarter_of(t: Timex) -> Option<u8> {
    match t.part() {
        Part::Quarter(q) => Some(q),
        _ => t.month().map(|m| (m - 1) / 3 + 1),
    }
}

/// The last quarter that ended before the month-precise `p`.
fn last_full_quarter(p: Timex) -> Option<Timex> {
    let q = (p.month()? - 1) / 3;
    if q == 0 {
        Timex::quarter(p.year() - 1, 4)
    } else {
        Timex::quarter(p.year(), q)
    }
}

/// The year of the nearest `season` before (`dir` < 0) or after the anchor: "last fall" in
/// April 1999 is 1998's, "last summer" in October is this year's.
fn nearest_season(a: Timex, season: Season, dir: i8) -> Option<i32> {
    let y = a.year();
    let Some(m) = a.month() else {
        return Some(y + i32::from(dir.signum()));
    };
    // The months each season spans, winter counted from December of its year.
    let (first, last) = match season {
        Season::Spring => (3, 5),
        Season::Summer => (6, 8),
        Season::Autumn => (9, 11),
        Season::Winter => (12, 14),
    };
    Some(if dir < 0 {
        if last < m {
            y
        } else {
            y - 1
        }
    } else if first > m {
        y
    } else {
        y + 1
    })
}

/// The TIMEX3 `mod` a position word at the start of a span gives ("early 1990" is START).
pub(crate) fn modifier(span: &str) -> Option<&'static str> {
    let starts = |p: &str| {
        span.len() >= p.len()
            && span.is_char_boundary(p.len())
            && span[..p.len()].eq_ignore_ascii_case(p)
    };
    if starts("early") || starts("the early") || starts("the beginning") || starts("the start") {
        Some("START")
    } else if starts("mid") || starts("the middle") || starts("the mid") {
        Some("MID")
    } else if starts("late") || starts("the late") || starts("the end") || starts("end of") {
        Some("END")
    } else if starts("about")
        || starts("around")
        || starts("some")
        || starts("nearly")
        || starts("almost")
        || starts("roughly")
        || starts("approximately")
    {
        Some("APPROX")
    } else if starts("more than") || starts("over") {
        Some("MORE_THAN")
    } else if starts("less than") || starts("under") {
        Some("LESS_THAN")
    } else {
        None
    }
}

/// The `mod` of a half of a decade or a century ("the last half of the '80s" is its END).
fn half_modifier(span: &str) -> Option<&'static str> {
    let lower = span.to_ascii_lowercase();
    if lower.starts_with("the first half") {
        Some("START")
    } else if ["the second half", "the latter half", "the last half"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        Some("END")
    } else {
        None
    }
}

/// Value of an anchor-relative expression; `None` when the anchor is too coarse.
fn resolve_relative(expr: &Expr, anchor: Timex) -> Option<Timex> {
    if anchor.precision() < Precision::Year {
        return None;
    }
    let y = anchor.year();
    match *expr {
        Expr::MonthDay { month, day } => Timex::day_of(y, month, day),
        Expr::Month { month, year_offset } => Timex::month_of(y + year_offset, month),
        Expr::BareMonth(month) => Timex::month_of(y, month),
        Expr::YearOffset(k) => Timex::year_only(y + k),
        Expr::MonthNear { month, dir } => {
            let am = anchor.month()?;
            let year = match dir {
                d if d < 0 && month >= am => y - 1,
                d if d > 0 && month <= am => y + 1,
                _ => y,
            };
            Timex::month_of(year, month)
        }
        Expr::MonthOffset(k) => {
            let index = y * 12 + i32::from(anchor.month()?) - 1 + k;
            Timex::month_of(index.div_euclid(12), (index.rem_euclid(12) + 1) as u8)
        }
        _ => None,
    }
}

/// The `weekday` (0 is Monday) nearest the day-precise `t`: on or after it when `after`, on or
/// before it otherwise; a week away rather than `t` itself when `strict`.
fn nearest_weekday(t: Timex, weekday: u8, after: bool, strict: bool) -> Option<Timex> {
    let today = i32::from(calendar::weekday(t)?);
    let weekday = i32::from(weekday);
    let mut k = if after {
        (weekday - today).rem_euclid(7)
    } else {
        -(today - weekday).rem_euclid(7)
    };
    if strict && k == 0 {
        k = if after { 7 } else { -7 };
    }
    calendar::add_days(t, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timex {
        Timex::parse(s).unwrap()
    }

    #[test]
    fn nearest_weekdays_around_a_friday() {
        let friday = t("2024-03-15");
        let near = |w, after, strict| nearest_weekday(friday, w, after, strict);
        assert_eq!(near(1, false, false), Some(t("2024-03-12")));
        assert_eq!(near(4, false, false), Some(t("2024-03-15")));
        assert_eq!(near(4, false, true), Some(t("2024-03-08")));
        assert_eq!(near(0, true, false), Some(t("2024-03-18")));
        assert_eq!(near(4, true, true), Some(t("2024-03-22")));
        assert_eq!(near(5, false, false), Some(t("2024-03-09")));
    }

    #[test]
    fn relative_months() {
        let a = t("2025-01");
        assert_eq!(
            resolve_relative(&Expr::MonthOffset(-1), a),
            Some(t("2024-12"))
        );
        assert_eq!(resolve_relative(&Expr::MonthOffset(0), t("2025")), None);
        let near = |month, dir| resolve_relative(&Expr::MonthNear { month, dir }, t("2025-07"));
        assert_eq!(near(4, -1), Some(t("2025-04")));
        assert_eq!(near(9, -1), Some(t("2024-09")));
        assert_eq!(near(9, 1), Some(t("2025-09")));
        assert_eq!(near(3, 1), Some(t("2026-03")));
        assert_eq!(resolve_relative(&Expr::YearOffset(-4), t("199")), None);
    }

    #[test]
    fn seasons_and_quarters_near_a_date() {
        assert_eq!(nearest_season(t("1999-04"), Season::Autumn, -1), Some(1998));
        assert_eq!(nearest_season(t("1998-10"), Season::Summer, -1), Some(1998));
        assert_eq!(nearest_season(t("1998-10"), Season::Spring, 1), Some(1999));
        assert_eq!(last_full_quarter(t("1989-11-02")), Some(t("1989-Q3")));
        assert_eq!(last_full_quarter(t("1998-01-26")), Some(t("1997-Q4")));
    }

    #[test]
    fn feasts_by_rule() {
        assert_eq!(Feast::ElectionDay.in_year(1998), Some(t("1998-11-03")));
        assert_eq!(Feast::Easter(-2).in_year(2024), Some(t("2024-03-29")));
        let thanksgiving = Feast::Nth {
            month: 11,
            nth: 4,
            weekday: 3,
        };
        assert_eq!(thanksgiving.in_year(1999), Some(t("1999-11-25")));
    }

    #[test]
    fn position_words_give_a_mod() {
        assert_eq!(modifier("early 1990"), Some("START"));
        assert_eq!(modifier("the end of 1990"), Some("END"));
        assert_eq!(modifier("mid-1996"), Some("MID"));
        assert_eq!(modifier("1990"), None);
        assert_eq!(modifier("about five hours"), Some("APPROX"));
    }

    #[test]
    fn longest_candidate_wins() {
        let c = |start, end| Cand {
            start,
            end,
            expr: Expr::Ignore,
        };
        let kept = select(vec![c(0, 6), c(8, 12), c(0, 15), c(16, 20)]);
        let spans: Vec<_> = kept.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(spans, [(0, 15), (16, 20)]);
    }
}
