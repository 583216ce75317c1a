//! The period a financial report's sentence is about, when it is longer than a quarter:
//! "For the nine months, net rose 12% from a year earlier" compares nine months with the same
//! nine months of the year before, so "a year earlier" there is last year, not last year's
//! quarter (which it is in "Third-quarter net rose 12% from a year earlier").

use super::tense::sentence_start;

/// Counts of months that make a report's period longer than one quarter.
const MONTH_COUNTS: &[&str] = &["six", "nine", "twelve", "6", "9", "12"];

/// Words before such a count that make it a period of the report ("the nine months", "the
/// first nine months", "its latest six months"), not an age or a length ("nine months old").
const PERIOD_DETERMINERS: &[&str] = &["the", "first", "latest", "past", "last", "its", "fiscal"];

/// Whether the sentence holding `at`, up to it, names a reporting period of several quarters
/// ("for the nine months", "the first six months", "the nine-month period", "the 12 months
/// ended June 30").
pub(crate) fn longer_period_before(text: &str, at: usize) -> bool {
    let words: Vec<&str> = text[sentence_start(text, at)..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).any(|w| period(w[0], w[1], w[2]))
}

/// Whether `det count unit` reads as a period of several quarters ("the nine months").
fn period(det: &str, count: &str, unit: &str) -> bool {
    let is = |w: &str, list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    is(det, PERIOD_DETERMINERS) && is(count, MONTH_COUNTS) && is(unit, &["months", "month"])
}

#[cfg(test)]
mod tests {
    use super::longer_period_before;

    fn before_end(s: &str) -> bool {
        longer_period_before(s, s.len())
    }

    #[test]
    fn periods_of_several_quarters() {
        assert!(before_end(
            "For the nine months, the company earned $5 million, up from $4 million"
        ));
        assert!(before_end(
            "Net for the first six months rose to $12 million from $9 million"
        ));
        assert!(before_end(
            "In the nine-month period, sales rose to $2 billion from"
        ));
        assert!(before_end(
            "Revenue in the 12 months ended June 30 was $8 million, against"
        ));
    }

    #[test]
    fn quarters_and_other_sentences_are_not() {
        assert!(!before_end(
            "Third-quarter net rose to $5 million from $4 million"
        ));
        assert!(!before_end(
            "In the three months ended Sept. 30, net rose to $5 million from"
        ));
        assert!(!before_end(
            "The boy, nine months old, was found alive; profit rose"
        ));
        assert!(!before_end("Sales rose for months, up from"));
        // Only the sentence of the mention counts.
        assert!(!before_end(
            "For the nine months, net rose. Third-quarter profit fell from"
        ));
    }

    #[test]
    fn a_year_earlier_in_a_sentence_on_nine_months_is_last_year() {
        use crate::annotate::dates::tests::{dates, dct, pairs};
        let mut r = dct("2024-10-30");
        assert_eq!(
            dates(
                &mut r,
                "Third-quarter net rose 8% from a year earlier. For the nine months, net rose 5% from a year earlier, and the year-earlier results included a gain, as did the 2023 period."
            ),
            pairs(&[
                ("Third-quarter", "2024-Q3"),
                ("a year earlier", "2023-Q3"),
                ("a year earlier", "2023"),
                ("the year-earlier", "2023"),
                ("the 2023 period", "2023"),
            ])
        );
        // The quarter a year before stays a quarter, whatever the sentence.
        let mut r = dct("2024-10-30");
        assert_eq!(
            dates(
                &mut r,
                "Third-quarter net rose. For the nine months, and in the year-ago quarter, sales fell."
            ),
            pairs(&[("Third-quarter", "2024-Q3"), ("the year-ago quarter", "2023-Q3")])
        );
    }
}
