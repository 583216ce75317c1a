//! Calendar arithmetic on day-precise [`Timex`] values, done by `jiff` (proleptic Gregorian):
//! day offsets, weekdays, ISO weeks, the n-th weekday of a month, and Easter.

use jiff::civil::{Date, Weekday};
use jiff::{civil, Span};

use super::Timex;

/// Number of days in `month` (1–12) of `year`, leap years included.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The jiff date of a day-precise value (of the common era; jiff's range is ±9999).
fn date(t: Timex) -> Option<Date> {
    let year = i16::try_from(t.year()).ok()?;
    Date::new(year, t.month()? as i8, t.day()? as i8).ok()
}

fn timex(d: Date) -> Option<Timex> {
    Timex::day_of(i32::from(d.year()), d.month() as u8, d.day() as u8)
}

/// The day `k` days after a day-precise value.
pub fn add_days(t: Timex, k: i32) -> Option<Timex> {
    timex(date(t)?.checked_add(Span::new().try_days(k).ok()?).ok()?)
}

/// The day of the week of a day-precise value, 0 for Monday.
pub fn weekday(t: Timex) -> Option<u8> {
    Some(date(t)?.weekday().to_monday_zero_offset() as u8)
}

/// The ISO week of a day-precise value: (week-year, week 1–53, month of its Thursday).
pub fn iso_week(t: Timex) -> Option<(i32, u8, u8)> {
    let d = date(t)?;
    let iso = d.iso_week_date();
    let thursday = iso
        .date()
        .checked_add(Span::new().days(3 - i64::from(iso.weekday().to_monday_zero_offset())))
        .ok()?;
    Some((
        i32::from(iso.year()),
        iso.week() as u8,
        thursday.month() as u8,
    ))
}

/// The Monday of ISO week `week` of week-year `year`.
pub fn iso_week_monday(year: i32, week: u8) -> Option<Timex> {
    let year = i16::try_from(year).ok()?;
    let d = civil::ISOWeekDate::new(year, week as i8, Weekday::Monday).ok()?;
    timex(d.date())
}

/// The `nth` (1-based; negative counts from the end) weekday (0 is Monday) of a month:
/// Thanksgiving is the fourth Thursday of November.
pub fn nth_weekday_of_month(year: i32, month: u8, nth: i8, weekday: u8) -> Option<Timex> {
    let first = Date::new(i16::try_from(year).ok()?, month as i8, 1).ok()?;
    let wd = Weekday::from_monday_zero_offset(weekday as i8).ok()?;
    timex(first.nth_weekday_of_month(nth, wd).ok()?)
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
pub fn easter(year: i32) -> Option<Timex> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Timex::day_of(year, month as u8, day as u8)
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
    fn weekdays_from_a_known_calendar() {
        // 1970-01-01 was a Thursday, 2000-02-29 a Tuesday, 2024-03-15 a Friday.
        assert_eq!(weekday(t("1970-01-01")), Some(3));
        assert_eq!(weekday(t("2000-02-29")), Some(1));
        assert_eq!(weekday(t("2024-03-15")), Some(4));
        assert_eq!(weekday(t("1899-12-31")), Some(6));
        assert_eq!(weekday(t("2024-03")), None);
    }

    #[test]
    fn iso_weeks_and_feasts() {
        assert_eq!(iso_week(t("1998-02-22")), Some((1998, 8, 2)));
        assert_eq!(iso_week(t("2024-12-30")), Some((2025, 1, 1)));
        assert_eq!(iso_week_monday(1998, 8), Some(t("1998-02-16")));
        assert_eq!(nth_weekday_of_month(1999, 11, 4, 3), Some(t("1999-11-25")));
        assert_eq!(easter(2024), Some(t("2024-03-31")));
        assert_eq!(easter(1998), Some(t("1998-04-12")));
        assert_eq!(easter(2000), Some(t("2000-04-23")));
    }
}
