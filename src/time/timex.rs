//! The calendar value of a date mention, kept at the precision the text gives so that the
//! timeline never shows a day or month the article did not state.

use std::fmt;

use super::calendar;

/// How fine a [`Timex`] is; ordered coarse to fine so that a coarser value sorts first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A century such as "the 20th century" (TIMEX3 value "19").
    Century,
    /// A decade such as "the 1990s" (TIMEX3 value "199").
    Decade,
    /// A calendar year ("2021"), or a part of one named by [`Part`] (a quarter, half, season).
    Year,
    /// A month of a year ("2021-08"), or an ISO week (shown at the month of its Thursday).
    Month,
    /// A single day ("2021-08-15"), possibly with a part of the day ("…TNI").
    Day,
}

/// A season, as TIMEX3 writes it ("1998-SU").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    /// Spring, `SP`.
    Spring,
    /// Summer, `SU`.
    Summer,
    /// Autumn or fall, `FA`.
    Autumn,
    /// Winter, `WI`.
    Winter,
}

/// A part of a day, as TIMEX3 writes it after a date ("2000-01-05TNI").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DayPart {
    /// Morning, `MO`.
    Morning,
    /// Afternoon, `AF`.
    Afternoon,
    /// Evening, `EV`.
    Evening,
    /// Night, `NI`.
    Night,
}

/// What refines a value below its [`Precision`]: the timeline places the value at its
/// precision, the TIMEX3 value and the label name the part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Nothing more than the precision says.
    Whole,
    /// A quarter (1–4) of a year: "1988-Q3".
    Quarter(u8),
    /// A half (1–2) of a year: "2008-H2".
    Half(u8),
    /// A season of a year: "1942-SU".
    Season(Season),
    /// An ISO week (1–53) of an ISO week-year, or its weekend: "1998-W08", "1998-W08-WE".
    Week {
        /// The week number.
        week: u8,
        /// Only its Saturday and Sunday.
        weekend: bool,
    },
    /// A part of a day: "2000-01-05TNI".
    DayPart(DayPart),
}

/// A calendar point at the precision the text gives (century to day), with an optional
/// [`Part`]. Years before the common era are negative (480 BC is -480, written "BC0480").
///
/// Field order makes the derived `Ord` chronological by first year, then month and day, with
/// the coarser precision first when two values start at the same moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timex {
    first_year: i32,
    month: u8,
    day: u8,
    precision: Precision,
    part: Part,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const YEARS: std::ops::RangeInclusive<i32> = -9999..=9999;

impl Timex {
    /// A century starting at `first_year` (rounded down to a multiple of a hundred).
    pub fn century(first_year: i32) -> Option<Timex> {
        YEARS
            .contains(&first_year)
            .then(|| Timex::new(first_year - first_year % 100, 0, 0, Precision::Century))
    }

    /// A decade starting at `first_year` (rounded down to a multiple of ten).
    pub fn decade(first_year: i32) -> Option<Timex> {
        YEARS
            .contains(&first_year)
            .then(|| Timex::new(first_year - first_year % 10, 0, 0, Precision::Decade))
    }

    /// A calendar year.
    pub fn year_only(year: i32) -> Option<Timex> {
        YEARS
            .contains(&year)
            .then(|| Timex::new(year, 0, 0, Precision::Year))
    }

    /// A month of a year; `None` when the month is out of range.
    pub fn month_of(year: i32, month: u8) -> Option<Timex> {
        (YEARS.contains(&year) && (1..=12).contains(&month))
            .then(|| Timex::new(year, month, 0, Precision::Month))
    }

    /// A single day; `None` when the day does not exist in that month.
    pub fn day_of(year: i32, month: u8, day: u8) -> Option<Timex> {
        Timex::month_of(year, month)?;
        (1..=calendar::days_in_month(year, month))
            .contains(&day)
            .then(|| Timex::new(year, month, day, Precision::Day))
    }

    /// A quarter (1–4) of a year.
    pub fn quarter(year: i32, q: u8) -> Option<Timex> {
        (1..=4).contains(&q).then_some(())?;
        Timex::year_only(year).map(|t| t.with_part(Part::Quarter(q)))
    }

    /// A half (1–2) of a year.
    pub fn half(year: i32, h: u8) -> Option<Timex> {
        (1..=2).contains(&h).then_some(())?;
        Timex::year_only(year).map(|t| t.with_part(Part::Half(h)))
    }

    /// A season of a year.
    pub fn season(year: i32, s: Season) -> Option<Timex> {
        Timex::year_only(year).map(|t| t.with_part(Part::Season(s)))
    }

    /// The ISO week (or its weekend) that holds the day-precise `day`.
    pub fn week_of(day: Timex, weekend: bool) -> Option<Timex> {
        let (year, week, thursday_month) = calendar::iso_week(day)?;
        let t = Timex::new(year, thursday_month, 0, Precision::Month);
        Some(t.with_part(Part::Week { week, weekend }))
    }

    /// The same day with a part of the day named.
    pub fn at_part_of_day(self, p: DayPart) -> Option<Timex> {
        (self.precision == Precision::Day).then(|| self.with_part(Part::DayPart(p)))
    }

    /// The value without its [`Part`]: the year of a quarter, the day of "Tuesday night".
    pub fn whole(self) -> Timex {
        if let Part::Week { .. } = self.part {
            return self;
        }
        self.with_part(Part::Whole)
    }

    fn with_part(mut self, part: Part) -> Timex {
        self.part = part;
        self
    }

    fn new(first_year: i32, month: u8, day: u8, precision: Precision) -> Timex {
        Timex {
            first_year,
            month,
            day,
            precision,
            part: Part::Whole,
        }
    }

    /// Parses a TIMEX3 value: "2025-07-03", "2025-07", "2025", a decade such as "199", a
    /// century "19", and the parts [`Timex::value`] writes ("1988-Q3", "1998-W08-WE",
    /// "2000-01-05TNI", "BC0480").
    pub fn parse(s: &str) -> Option<Timex> {
        if let Some(bc) = s.strip_prefix("BC") {
            let t = Timex::parse(bc)?;
            return (t.first_year > 0).then(|| t.negated());
        }
        if let Some((date, part)) = s.split_once('T') {
            let p = match part {
                "MO" => DayPart::Morning,
                "AF" => DayPart::Afternoon,
                "EV" => DayPart::Evening,
                "NI" => DayPart::Night,
                _ => return None,
            };
            return Timex::parse(date)?.at_part_of_day(p);
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let year = |p: &str| num(p, 4).map(|y| y as i32);
        match parts.as_slice() {
            [c] if c.len() == 2 => Timex::century(num(c, 2)? as i32 * 100),
            [d] if d.len() == 3 => Timex::decade(num(d, 3)? as i32 * 10),
            [y] => Timex::year_only(year(y)?),
            [y, p] if p.len() == 2 && !p.starts_with(|c: char| c.is_ascii_digit()) => {
                let y = year(y)?;
                match p.as_bytes() {
                    [b'Q', q] => Timex::quarter(y, q.wrapping_sub(b'0')),
                    [b'H', h] => Timex::half(y, h.wrapping_sub(b'0')),
                    b"SP" => Timex::season(y, Season::Spring),
                    b"SU" => Timex::season(y, Season::Summer),
                    b"FA" => Timex::season(y, Season::Autumn),
                    b"WI" => Timex::season(y, Season::Winter),
                    _ => None,
                }
            }
            [y, w] | [y, w, "WE"] if w.starts_with('W') => {
                let monday = calendar::iso_week_monday(year(y)?, num(&w[1..], 2)? as u8)?;
                Timex::week_of(monday, parts.len() == 3)
            }
            [y, m] => Timex::month_of(year(y)?, num(m, 2)? as u8),
            [y, m, d] => Timex::day_of(year(y)?, num(m, 2)? as u8, num(d, 2)? as u8),
            _ => None,
        }
    }

    /// The same value counted before the common era.
    fn negated(mut self) -> Timex {
        self.first_year = -self.first_year;
        self
    }

    /// The TIMEX3 string, the inverse of [`Timex::parse`].
    pub fn value(&self) -> String {
        if self.first_year < 0 {
            return format!("BC{}", self.negated().value());
        }
        let y = self.first_year;
        let base = match self.precision {
            Precision::Century => format!("{:02}", y / 100),
            Precision::Decade => format!("{:03}", y / 10),
            Precision::Year => format!("{y:04}"),
            Precision::Month => format!("{y:04}-{:02}", self.month),
            Precision::Day => format!("{y:04}-{:02}-{:02}", self.month, self.day),
        };
        match self.part {
            Part::Whole => base,
            Part::Quarter(q) => format!("{base}-Q{q}"),
            Part::Half(h) => format!("{base}-H{h}"),
            Part::Season(s) => format!("{base}-{}", season_code(s)),
            Part::Week { week, weekend } => {
                let we = if weekend { "-WE" } else { "" };
                format!("{y:04}-W{week:02}{we}")
            }
            Part::DayPart(p) => format!("{base}T{}", day_part_code(p)),
        }
    }

    /// The (first) year, so a timeline can group entries by year (negative before the common
    /// era).
    pub fn year(&self) -> i32 {
        self.first_year
    }

    /// The month (1–12) when the value is month- or day-precise (for a week, its Thursday's).
    pub fn month(&self) -> Option<u8> {
        (self.month > 0).then_some(self.month)
    }

    /// The day of the month when the value is day-precise.
    pub fn day(&self) -> Option<u8> {
        (self.day > 0).then_some(self.day)
    }

    /// What refines the value below its precision.
    pub fn part(&self) -> Part {
        self.part
    }

    /// Human text at the real precision ("3 July 2025", "July 2025", "2025", "the 1990s",
    /// "summer 1942", "Q3 1988", "the night of 5 January 2000", "480 BC").
    pub fn label(&self) -> String {
        if self.first_year < 0 {
            return format!("{} BC", self.negated().label());
        }
        let y = self.first_year;
        let month = || MONTH_NAMES[usize::from(self.month.clamp(1, 12)) - 1];
        let base = match self.precision {
            Precision::Century => format!("the {}", ordinal(y / 100 + 1) + " century"),
            Precision::Decade => format!("the {y}s"),
            Precision::Year => y.to_string(),
            Precision::Month => format!("{} {y}", month()),
            Precision::Day => format!("{} {} {y}", self.day, month()),
        };
        match self.part {
            Part::Whole => base,
            Part::Quarter(q) => format!("Q{q} {y}"),
            Part::Half(h) => format!("H{h} {y}"),
            Part::Season(s) => format!("{} {y}", season_name(s)),
            Part::Week { week, weekend } => {
                let what = if weekend { "weekend of week" } else { "week" };
                format!("{what} {week} of {y}")
            }
            Part::DayPart(p) => format!("{} ({})", base, day_part_name(p)),
        }
    }

    /// How fine the value is, so callers can tell "2025" from "2025-07-03".
    pub fn precision(&self) -> Precision {
        self.precision
    }
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Autumn => "FA",
        Season::Winter => "WI",
    }
}

fn season_name(s: Season) -> &'static str {
    match s {
        Season::Spring => "spring",
        Season::Summer => "summer",
        Season::Autumn => "autumn",
        Season::Winter => "winter",
    }
}

fn day_part_code(p: DayPart) -> &'static str {
    match p {
        DayPart::Morning => "MO",
        DayPart::Afternoon => "AF",
        DayPart::Evening => "EV",
        DayPart::Night => "NI",
    }
}

fn day_part_name(p: DayPart) -> &'static str {
    match p {
        DayPart::Morning => "morning",
        DayPart::Afternoon => "afternoon",
        DayPart::Evening => "evening",
        DayPart::Night => "night",
    }
}

impl fmt::Display for Timex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_value_round_trip() {
        for s in [
            "2025-07-03",
            "2025-07",
            "2025",
            "199",
            "201",
            "1979",
            "19",
            "1988-Q3",
            "2008-H2",
            "1942-SU",
            "1998-FA",
            "1998-W08",
            "1998-W08-WE",
            "2025-W01",
            "2000-01-05TNI",
            "1965-01-31TMO",
            "BC0480",
            "BC0480-08",
            "BC047",
        ] {
            assert_eq!(Timex::parse(s).unwrap().value(), s);
        }
    }

    #[test]
    fn parse_rejects_invalid_values() {
        for s in [
            "2025-13",
            "2025-02-30",
            "25x",
            "2025-7",
            "abcd",
            "",
            "2025-07-03-01",
            "2025-Q5",
            "2025-W54",
            "2025-XX",
            "2025-07TNI",
            "BC-1",
        ] {
            assert_eq!(Timex::parse(s), None, "{s}");
        }
        assert!(Timex::parse("2024-02-29").is_some());
        assert!(Timex::parse("2023-02-29").is_none());
    }

    #[test]
    fn labels_keep_the_real_precision() {
        let label = |s: &str| Timex::parse(s).unwrap().label();
        assert_eq!(label("2025-07-03"), "3 July 2025");
        assert_eq!(label("2025-07"), "July 2025");
        assert_eq!(label("2025"), "2025");
        assert_eq!(label("199"), "the 1990s");
        assert_eq!(label("19"), "the 20th century");
        assert_eq!(label("1988-Q3"), "Q3 1988");
        assert_eq!(label("1942-SU"), "summer 1942");
        assert_eq!(label("1998-W08"), "week 8 of 1998");
        assert_eq!(label("2000-01-05TNI"), "5 January 2000 (night)");
        assert_eq!(label("BC0480"), "480 BC");
    }

    #[test]
    fn order_is_chronological_and_coarse_first() {
        let mut v: Vec<Timex> = [
            "2021-08-15",
            "2021",
            "199",
            "2021-08",
            "1990",
            "1979",
            "BC0480",
        ]
        .iter()
        .map(|s| Timex::parse(s).unwrap())
        .collect();
        v.sort();
        let values: Vec<String> = v.iter().map(Timex::value).collect();
        assert_eq!(
            values,
            [
                "BC0480",
                "1979",
                "199",
                "1990",
                "2021",
                "2021-08",
                "2021-08-15"
            ]
        );
    }

    #[test]
    fn weeks_take_the_iso_year() {
        // 2024-12-30 is a Monday in ISO week 1 of 2025.
        let d = Timex::parse("2024-12-30").unwrap();
        assert_eq!(Timex::week_of(d, false).unwrap().value(), "2025-W01");
        let d = Timex::parse("1998-02-22").unwrap();
        assert_eq!(Timex::week_of(d, true).unwrap().value(), "1998-W08-WE");
    }

    #[test]
    fn accessors() {
        let t = Timex::parse("199").unwrap();
        assert_eq!((t.year(), t.precision()), (1990, Precision::Decade));
        let d = Timex::parse("2025-07-03").unwrap();
        assert_eq!(
            (d.year(), d.precision(), d.month()),
            (2025, Precision::Day, Some(7))
        );
        assert_eq!(d.to_string(), "2025-07-03");
        let n = Timex::parse("2000-01-05TNI").unwrap();
        assert_eq!(n.whole().value(), "2000-01-05");
        assert_eq!(n.part(), Part::DayPart(DayPart::Night));
    }
}
