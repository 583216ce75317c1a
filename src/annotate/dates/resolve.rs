//! Turns recognised expressions into values: explicit dates stand alone, relative ones are
//! resolved against the publication date or the article's running reference date.

use super::timex::{days_in_month, Precision, Timex};
use super::{DateHit, DateKind, Resolution};

/// What a recogniser understood, before any anchoring.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    /// Fully specified in the text ("August 15, 2021", "1979", "the 1990s").
    Absolute(Timex),
    /// Month and day without a year ("July 3").
    MonthDay { month: u8, day: u8 },
    /// A month named alone ("in April", "mid-July").
    BareMonth(u8),
    /// A month in the anchor's year plus `year_offset` ("in April", "April last year").
    Month { month: u8, year_offset: i32 },
    /// The nearest named month before (-1), after (+1) or in (0) the anchor ("last April").
    MonthNear { month: u8, dir: i8 },
    /// The anchor's year plus an offset ("this year", "four years ago").
    YearOffset(i32),
    /// The anchor's month plus an offset ("this month", "last month"); needs a month anchor.
    MonthOffset(i32),
    /// The publication day plus an offset ("yesterday"); needs a day-precise publication date.
    DayOffset(i32),
    /// The named day of the week (0 is Monday) nearest the publication day: on or `after` it,
    /// or on or before it; `strict` leaves the publication day itself out ("last Friday" on a
    /// Friday is a week before). Needs a day-precise publication date.
    Weekday {
        weekday: u8,
        after: bool,
        strict: bool,
    },
    /// The last day-precise date of the article plus an offset ("the same day", "the next day").
    SameDay(i32),
    /// The year of the article's previous date plus an offset ("that year", "two years later").
    PreviousYear(i32),
    /// The month of the article's previous date plus an offset ("that month", "the following
    /// month", "two months later"); needs a previous date of month precision or finer.
    PreviousMonth(i32),
    /// An amount of time with its ISO 8601 value ("P4Y").
    Duration(String),
    /// A span that must not yield any mention (ages, URLs).
    Ignore,
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
    /// The last date (year precision or finer) mentioned so far.
    pub reference: Option<Timex>,
    /// The last day-precise date mentioned so far.
    pub last_day: Option<Timex>,
}

impl Anchors {
    /// The date "now" means for this article, and how it was chosen.
    fn anchor(&self) -> Option<(Timex, Resolution)> {
        match (self.published, self.reference) {
            (Some(p), _) => Some((p, Resolution::PublicationDate)),
            (None, Some(r)) => Some((r, Resolution::PreviousDate)),
            _ => None,
        }
    }

    /// Resolves one candidate and remembers it for later ones; `None` drops it.
    /// `sentence_year` is the year of an explicit date earlier in the same sentence, which a
    /// month without a year then belongs to ("on August 15, 2021 ... on August 30").
    pub fn resolve(&mut self, text: &str, c: &Cand, sentence_year: Option<i32>) -> Option<DateHit> {
        let (timex, resolution) = match &c.expr {
            Expr::Ignore => return None,
            Expr::Duration(v) => {
                return Some(DateHit {
                    start: c.start,
                    end: c.end,
                    kind: DateKind::Duration,
                    value: v.clone(),
                    timex: None,
                    resolution: Resolution::Explicit,
                })
            }
            Expr::Absolute(t) => (*t, Resolution::Explicit),
            Expr::SameDay(k) => (add_days(self.last_day?, *k)?, Resolution::PreviousDate),
            Expr::PreviousYear(k) => {
                let r = self.reference?;
                (Timex::year_only(r.year() + k)?, Resolution::PreviousDate)
            }
            Expr::PreviousMonth(k) => (
                resolve_relative(&Expr::MonthOffset(*k), self.reference?)?,
                Resolution::PreviousDate,
            ),
            Expr::MonthDay { month, day } if sentence_year.is_some() => (
                Timex::day_of(sentence_year?, *month, *day)?,
                Resolution::PreviousDate,
            ),
            Expr::BareMonth(month) if sentence_year.is_some() => (
                Timex::month_of(sentence_year?, *month)?,
                Resolution::PreviousDate,
            ),
            Expr::DayOffset(k) => {
                let p = self.published.filter(|p| p.precision() == Precision::Day)?;
                (add_days(p, *k)?, Resolution::PublicationDate)
            }
            &Expr::Weekday {
                weekday,
                after,
                strict,
            } => {
                let p = self.published.filter(|p| p.precision() == Precision::Day)?;
                (
                    nearest_weekday(p, weekday, after, strict)?,
                    Resolution::PublicationDate,
                )
            }
            relative => {
                let (a, how) = self.anchor()?;
                (resolve_relative(relative, a)?, how)
            }
        };
        debug_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        if timex.precision() >= Precision::Year {
            self.reference = Some(timex);
        }
        if timex.precision() == Precision::Day {
            self.last_day = Some(timex);
        }
        Some(DateHit {
            start: c.start,
            end: c.end,
            kind: DateKind::Date,
            value: timex.value(),
            timex: Some(timex),
            resolution,
        })
    }
}

/// Value of an anchor-relative expression; `None` when the anchor is too coarse.
fn resolve_relative(expr: &Expr, anchor: Timex) -> Option<Timex> {
    if anchor.precision() == Precision::Decade {
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
    let today = i32::from(weekday_of(t)?);
    let weekday = i32::from(weekday);
    let mut k = if after {
        (weekday - today).rem_euclid(7)
    } else {
        -(today - weekday).rem_euclid(7)
    };
    if strict && k == 0 {
        k = if after { 7 } else { -7 };
    }
    add_days(t, k)
}

/// The day of the week of a day-precise value, 0 for Monday (proleptic Gregorian calendar).
fn weekday_of(t: Timex) -> Option<u8> {
    let (y, m, d) = (t.year(), i32::from(t.month()?), i32::from(t.day()?));
    // Days since 1970-01-01 (a Thursday), counting years from March so leap days come last.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some((days + 3).rem_euclid(7) as u8)
}

/// The day `k` days after a day-precise value.
fn add_days(t: Timex, k: i32) -> Option<Timex> {
    let (mut y, mut m, mut d) = (t.year(), t.month()?, i32::from(t.day()?));
    d += k;
    while d < 1 {
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        d += i32::from(days_in_month(y, m));
    }
    while d > i32::from(days_in_month(y, m)) {
        d -= i32::from(days_in_month(y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Timex::day_of(y, m, d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timex {
        Timex::parse(s).unwrap()
    }

    #[test]
    fn day_arithmetic_crosses_months_and_years() {
        assert_eq!(add_days(t("2025-03-01"), -1), Some(t("2025-02-28")));
        assert_eq!(add_days(t("2024-12-31"), 1), Some(t("2025-01-01")));
        assert_eq!(add_days(t("2024-02-28"), 1), Some(t("2024-02-29")));
        assert_eq!(add_days(t("2025-07"), 1), None);
    }

    #[test]
    fn weekdays_are_counted_from_a_known_calendar() {
        // 1970-01-01 was a Thursday, 2000-02-29 a Tuesday, 2024-03-15 a Friday.
        assert_eq!(weekday_of(t("1970-01-01")), Some(3));
        assert_eq!(weekday_of(t("2000-02-29")), Some(1));
        assert_eq!(weekday_of(t("2024-03-15")), Some(4));
        assert_eq!(weekday_of(t("1899-12-31")), Some(6));
        assert_eq!(weekday_of(t("2024-03")), None);
        // Seven days on is the same weekday, across months, years and leap days.
        let mut day = t("1999-12-25");
        for _ in 0..2000 {
            let next = add_days(day, 1).unwrap();
            assert_eq!(weekday_of(next), weekday_of(day).map(|w| (w + 1) % 7));
            day = next;
        }
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
