//! Behaviour tests of the one-mode decision on made-up passages: news counts from its
//! publication date, a history from the time its narrative has reached.

use super::tests::{dates, pairs};
use super::*;

fn resolver(published: &str, mode: DatesMode) -> DateResolver {
    DateResolver::with_mode(Timex::parse(published), mode)
}

#[test]
fn a_history_counts_from_its_own_years() {
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    let text = "The canal opened in 1869. It was widened in 1887, and in March the first \
                steamers passed. On 12 June a storm closed it; the next day it reopened.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("1869", "1869"),
            ("1887", "1887"),
            ("March", "1887-03"),
            ("12 June", "1887-06-12"),
            ("the next day", "1887-06-13"),
        ])
    );
}

#[test]
fn a_narrative_moves_on_a_year_after_december() {
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    let text = "The siege began in 1811. It held through December 1811. In February the \
                garrison surrendered.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("1811", "1811"),
            ("December 1811", "1811-12"),
            ("February", "1812-02"),
        ])
    );
}

#[test]
fn news_with_background_years_stays_news() {
    // Years long past, but the text speaks from its publication day.
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    let text = "The mayor said on Monday that the bridge, built in 1931 and repaired in 1978, \
                will close in June. Earlier this year it was inspected.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("Monday", "2020-05-04"),
            ("1931", "1931"),
            ("1978", "1978"),
            ("June", "2020-06"),
            ("Earlier this year", "2020"),
        ])
    );
}

#[test]
fn the_mode_can_be_told() {
    let text = "It was founded in 1931 and rebuilt in 1978. In June it reopened.";
    let mut news = resolver("2020-05-04", DatesMode::News);
    assert_eq!(dates(&mut news, text)[2], ("June".into(), "2020-06".into()));
    let mut story = resolver("2020-05-04", DatesMode::Narrative);
    assert_eq!(
        dates(&mut story, text)[2],
        ("June".into(), "1978-06".into())
    );
}

#[test]
fn years_before_the_common_era() {
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    let text = "The revolt (512-508 BC) failed. In August 507 BC the fleet sailed; the winter \
                was hard.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("512", "BC0512"),
            ("508 BC", "BC0508"),
            ("August 507 BC", "BC0507-08"),
            ("the winter", "BC0507-WI"),
        ])
    );
    // A number before an unrelated capitalised word is no era.
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    assert!(dates(&mut r, "Route 66 BCN opened.").is_empty());
}

#[test]
fn day_ranges_give_their_first_day() {
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    assert_eq!(
        dates(&mut r, "The battle (3-6 October 1917) ended the offensive."),
        pairs(&[("3", "1917-10-03"), ("6 October 1917", "1917-10-06")])
    );
}

#[test]
fn news_months_follow_tense_and_nearness() {
    // A May report: a past October is last year's, a coming February next year's only in a
    // late report.
    let mut r = resolver("2020-05-04", DatesMode::News);
    assert_eq!(
        dates(
            &mut r,
            "The suspect was arrested after the Oct. 12 shooting."
        ),
        pairs(&[("Oct. 12", "2019-10-12")])
    );
    let mut r = resolver("2020-11-20", DatesMode::News);
    assert_eq!(
        dates(&mut r, "The dividend is payable Jan. 15."),
        pairs(&[("Jan. 15", "2021-01-15")])
    );
}

#[test]
fn a_part_of_the_day_last_named_is_that_day() {
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    let text = "On 14 April 1865 the president was shot. He died early the next morning; \
                that afternoon the cabinet met, and the previous night was quiet.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("14 April 1865", "1865-04-14"),
            ("early the next morning", "1865-04-15TMO"),
            ("that afternoon", "1865-04-15TAF"),
            ("the previous night", "1865-04-14TNI"),
        ])
    );
    // Without a day named before, no day; a night that is no part of a day is no date.
    let mut r = resolver("2020-05-04", DatesMode::Auto);
    assert!(dates(&mut r, "That night, the city slept. A night at the opera.").is_empty());
}
