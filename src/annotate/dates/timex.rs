//! The calendar value of a date mention, kept at the precision the text gives so that the
//! timeline never shows a day or month the article did not state.

use std::fmt;

/// How fine a [`Timex`] is; ordered coarse to fine so that a coarser value sorts first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A decade such as "the 1990s" (TIMEX3 value "199").
    Decade,
    /// A calendar year ("2021").
    Year,
    /// A month of a year ("2021-08").
    Month,
    /// A single day ("2021-08-15").
    Day,
}

/// A calendar point at the precision the text gives (decade, year, month, day).
///
/// Field order makes the derived `Ord` chronological by first year, then month and day, with
/// the coarser precision first when two values start at the same moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timex {
    first_year: i32,
    month: u8,
    day: u8,
    precision: Precision,
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

/// Number of days in `month` (1–12) of `year`, leap years included.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timex {
    /// A decade starting at `first_year` (rounded down to a multiple of ten).
    pub(crate) fn decade(first_year: i32) -> Option<Timex> {
        (0..=9999)
            .contains(&first_year)
            .then(|| Timex::new(first_year - first_year % 10, 0, 0, Precision::Decade))
    }

    /// A calendar year.
    pub(crate) fn year_only(year: i32) -> Option<Timex> {
        (0..=9999)
            .contains(&year)
            .then(|| Timex::new(year, 0, 0, Precision::Year))
    }

    /// A month of a year; `None` when the month is out of range.
    pub(crate) fn month_of(year: i32, month: u8) -> Option<Timex> {
        ((0..=9999).contains(&year) && (1..=12).contains(&month))
            .then(|| Timex::new(year, month, 0, Precision::Month))
    }

    /// A single day; `None` when the day does not exist in that month.
    pub(crate) fn day_of(year: i32, month: u8, day: u8) -> Option<Timex> {
        Timex::month_of(year, month)?;
        (1..=days_in_month(year, month).max(1))
            .contains(&day)
            .then(|| Timex::new(year, month, day, Precision::Day))
    }

    fn new(first_year: i32, month: u8, day: u8, precision: Precision) -> Timex {
        Timex {
            first_year,
            month,
            day,
            precision,
        }
    }

    /// Parses a TIMEX3 value: "2025-07-03", "2025-07", "2025" or a decade such as "199".
    pub fn parse(s: &str) -> Option<Timex> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [d] if d.len() == 3 => Timex::decade(num(d, 3)? as i32 * 10),
            [y] => Timex::year_only(num(y, 4)? as i32),
            [y, m] => Timex::month_of(num(y, 4)? as i32, num(m, 2)? as u8),
            [y, m, d] => Timex::day_of(num(y, 4)? as i32, num(m, 2)? as u8, num(d, 2)? as u8),
            _ => None,
        }
    }

    /// The TIMEX3 string, the inverse of [`Timex::parse`].
    pub fn value(&self) -> String {
        match self.precision {
            Precision::Decade => format!("{:03}", self.first_year / 10),
            Precision::Year => format!("{:04}", self.first_year),
            Precision::Month => format!("{:04}-{:02}", self.first_year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.first_year, self.month, self.day),
        }
    }

    /// The (first) year, so a timeline can group entries by year.
    pub fn year(&self) -> i32 {
        self.first_year
    }

    /// The month (1–12) when the value is month- or day-precise.
    pub(crate) fn month(&self) -> Option<u8> {
        (self.month > 0).then_some(self.month)
    }

    /// The day of the month when the value is day-precise.
    pub(crate) fn day(&self) -> Option<u8> {
        (self.day > 0).then_some(self.day)
    }

    /// Human text at the real precision ("3 July 2025", "July 2025", "2025", "the 1990s").
    pub fn label(&self) -> String {
        let month = || MONTH_NAMES[usize::from(self.month.max(1)) - 1];
        match self.precision {
            Precision::Decade => format!("the {}s", self.first_year),
            Precision::Year => self.first_year.to_string(),
            Precision::Month => format!("{} {}", month(), self.first_year),
            Precision::Day => format!("{} {} {}", self.day, month(), self.first_year),
        }
    }

    /// How fine the value is, so callers can tell "2025" from "2025-07-03".
    pub fn precision(&self) -> Precision {
        self.precision
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
        for s in ["2025-07-03", "2025-07", "2025", "199", "201", "1979"] {
            assert_eq!(Timex::parse(s).unwrap().value(), s);
        }
    }

    #[test]
    fn parse_rejects_invalid_values() {
        for s in [
            "2025-13",
            "2025-02-30",
            "25",
            "2025-7",
            "abcd",
            "",
            "2025-07-03-01",
            "20",
        ] {
            assert_eq!(Timex::parse(s), None, "{s}");
        }
        assert!(Timex::parse("2024-02-29").is_some());
        assert!(Timex::parse("2023-02-29").is_none());
    }

    #[test]
    fn labels_keep_the_real_precision() {
        assert_eq!(Timex::parse("2025-07-03").unwrap().label(), "3 July 2025");
        assert_eq!(Timex::parse("2025-07").unwrap().label(), "July 2025");
        assert_eq!(Timex::parse("2025").unwrap().label(), "2025");
        assert_eq!(Timex::parse("199").unwrap().label(), "the 1990s");
    }

    #[test]
    fn order_is_chronological_and_coarse_first() {
        let mut v: Vec<Timex> = ["2021-08-15", "2021", "199", "2021-08", "1990", "1979"]
            .iter()
            .map(|s| Timex::parse(s).unwrap())
            .collect();
        v.sort();
        let values: Vec<String> = v.iter().map(Timex::value).collect();
        assert_eq!(
            values,
            ["1979", "199", "1990", "2021", "2021-08", "2021-08-15"]
        );
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
    }
}
