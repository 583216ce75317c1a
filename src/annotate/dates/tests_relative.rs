//! Behaviour tests of relative dates and durations against each kind of publication date.

use super::tests::{dates, dct, hits, pairs};
use super::*;

#[test]
fn relative_to_a_month_precise_publication_date() {
    let mut r = dct("2025-07");
    let text =
        "Earlier this year the ban came; later this year a vote; last year a deal; next year \
                talks. This month it rained, last month it snowed, and four years ago it fell. \
                In April this year and in early March, it changed; last September too.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("Earlier this year", "2025"),
            ("later this year", "2025"),
            ("last year", "2024"),
            ("next year", "2026"),
            ("This month", "2025-07"),
            ("last month", "2025-06"),
            ("four years ago", "2021"),
            ("April this year", "2025-04"),
            ("early March", "2025-03"),
            ("last September", "2024-09"),
        ])
    );
}

#[test]
fn vague_references_are_no_timeline_points() {
    let mut r = dct("2025-07-10");
    let text = "Today, now and recently, last week, in the near term, in the short term, over \
                time and in recent years, things changed years ago.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[("Today", "2025-07-10"), ("last week", "2025-W27")])
    );
    let vague: Vec<_> = hits(&mut r, text)
        .into_iter()
        .filter(|h| h.2 == DateKind::Vague)
        .map(|h| (h.0, h.1))
        .collect();
    assert_eq!(
        vague,
        pairs(&[
            ("now", "PRESENT_REF"),
            ("recently", "PAST_REF"),
            ("recent years", "PAST_REF")
        ])
    );
}

#[test]
fn day_precise_publication_date() {
    let mut r = dct("2025-03-01");
    let text = "Yesterday the envoy arrived; this month talks start. On March 4, they met.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("Yesterday", "2025-02-28"),
            ("this month", "2025-03"),
            ("March 4", "2025-03-04"),
        ])
    );
    let mut r = dct("2025-03-01");
    assert_eq!(
        dates(&mut r, "The next day, nothing."),
        pairs(&[]),
        "no day mentioned yet"
    );
}

#[test]
fn year_only_publication_date_invents_no_month() {
    let mut r = dct("2025");
    assert_eq!(
        dates(
            &mut r,
            "This month and last month, but last year and in April."
        ),
        pairs(&[("last year", "2024"), ("April", "2025-04")])
    );
    assert!(dates(&mut r, "Yesterday.").is_empty());
}

#[test]
fn without_publication_date_resolves_against_previous_date() {
    let mut r = DateResolver::new(None);
    assert!(dates(&mut r, "In April, nothing. On July 3, nothing.").is_empty());
    let found = r.find("The city fell on August 15, 2021.");
    assert_eq!(found[0].resolution, Resolution::Explicit);
    let found =
        r.find("On August 30, the last flight left. The same day, a blast; that year ended badly.");
    let got: Vec<_> = found
        .iter()
        .map(|h| (h.value.as_str(), h.resolution))
        .collect();
    assert_eq!(
        got,
        [
            ("2021-08-30", Resolution::PreviousDate),
            ("2021-08-30", Resolution::PreviousDate),
            ("2021", Resolution::PreviousDate)
        ]
    );
    assert_eq!(
        dates(
            &mut r,
            "In 2019 talks began. Two years later, the deal; the following year, war."
        ),
        pairs(&[
            ("2019", "2019"),
            ("Two years later", "2021"),
            ("the following year", "2022"),
        ])
    );
}

#[test]
fn counted_offsets_from_the_previous_date() {
    let mut r = dct("2024-03");
    let text = "The deal was signed on 4 June 2019. Ten days later it was ratified, and three \
                weeks earlier it had been drafted. The following month brought talks; that \
                month ended badly. Two months later a review began, a year earlier a draft.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("4 June 2019", "2019-06-04"),
            ("Ten days later", "2019-06-14"),
            ("three weeks earlier", "2019-05-24"),
            // Each counts from the date just before it, as a reader does.
            ("The following month", "2019-06"),
            ("that month", "2019-06"),
            ("Two months later", "2019-08"),
            ("a year earlier", "2018"),
        ])
    );
    // A delay, a vague count and an offset with nothing before it are no dates.
    let mut r = dct("2024-03");
    let text = "It opened three days later than planned; several years later it closed. \
                Ten years later nobody knew.";
    assert_eq!(dates(&mut r, "Two years later it collapsed."), pairs(&[]));
    assert_eq!(dates(&mut r, text), pairs(&[]));
}

#[test]
fn durations() {
    let mut r = dct("2025-07");
    let text = "After four long years, nearly four years after the fall and over the past four \
                years, a 25-year deal ended a decade-long war of two decades; an hour-long call, \
                three months of talks and a two-day visit.";
    let got: Vec<(String, String)> = hits(&mut r, text)
        .into_iter()
        .inspect(|h| assert_eq!(h.2, DateKind::Duration, "{h:?}"))
        .map(|h| (h.0, h.1))
        .collect();
    assert_eq!(
        got,
        pairs(&[
            ("four long years", "P4Y"),
            ("nearly four years", "P4Y"),
            ("the past four years", "P4Y"),
            ("25-year", "P25Y"),
            ("decade-long", "P10Y"),
            ("two decades", "P20Y"),
            ("hour-long", "PT1H"),
            ("three months", "P3M"),
            ("two-day", "P2D"),
        ])
    );
    assert!(r
        .find("four years ago")
        .iter()
        .all(|h| h.kind == DateKind::Date));
}

#[test]
fn month_without_year_takes_the_year_of_its_sentence() {
    let mut r = dct("2025-07");
    let text = "Kabul fell on Aug. 15, 2021, and the airlift ended on Aug. 30. On Aug. 31, calm; \
                in 2019 talks began in September.";
    let found = r.find(text);
    let got: Vec<_> = found
        .iter()
        .map(|h| (&text[h.start..h.end], h.value.as_str(), h.resolution))
        .collect();
    assert_eq!(
        got,
        [
            ("Aug. 15, 2021", "2021-08-15", Resolution::Explicit),
            ("Aug. 30", "2021-08-30", Resolution::PreviousDate),
            ("Aug. 31", "2025-08-31", Resolution::PublicationDate),
            ("2019", "2019", Resolution::Explicit),
            ("September", "2019-09", Resolution::PreviousDate),
        ]
    );
}

#[test]
fn weekdays_resolve_around_a_day_precise_publication_date() {
    // 2024-03-15 was a Friday.
    let mut r = dct("2024-03-15");
    let text = "Officials met on Tuesday and again last Friday; the ministry said Wednesday that \
                talks will resume next Monday. The delegation will arrive on Thursday. The \
                Taliban on Saturday denied it, and this Friday was calm.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("Tuesday", "2024-03-12"),
            ("last Friday", "2024-03-08"),
            ("Wednesday", "2024-03-13"),
            ("next Monday", "2024-03-18"),
            ("Thursday", "2024-03-21"),
            ("Saturday", "2024-03-09"),
            ("this Friday", "2024-03-15"),
        ])
    );
}

#[test]
fn named_recurring_and_unanchored_weekdays_are_no_dates() {
    let mut r = dct("2024-03-15");
    let text = "Friday prayers were cancelled and Super Tuesday came early; the Sunday Times \
                reported it. Markets close every Friday, on Fridays, and the last Sunday of the \
                month. Good Friday passed; nobody works on a tuesday.";
    assert_eq!(dates(&mut r, text), pairs(&[]));
    // Without a day-precise publication date a weekday cannot be placed.
    let mut r = dct("2024-03");
    assert_eq!(dates(&mut r, "They met on Tuesday."), pairs(&[]));
    // A full date keeps its weekday as part of it.
    let mut r = dct("2024-03-15");
    assert_eq!(
        dates(&mut r, "On Friday, March 8, 2024, it began."),
        pairs(&[("Friday, March 8, 2024", "2024-03-08")])
    );
}

#[test]
fn a_weekday_after_until_is_a_deadline_ahead_unless_the_clause_is_past() {
    // 2024-03-14 was a Thursday.
    let text = "The court has given the family until Tuesday to sign.";
    assert_eq!(
        dates(&mut dct("2024-03-14"), text),
        pairs(&[("Tuesday", "2024-03-19")])
    );
    let text = "Officials postponed until Tuesday any decision.";
    assert_eq!(
        dates(&mut dct("2024-03-14"), text),
        pairs(&[("Tuesday", "2024-03-19")])
    );
    // A past clause keeps the day behind: the talks are over.
    let text = "The talks lasted until Tuesday.";
    assert_eq!(
        dates(&mut dct("2024-03-14"), text),
        pairs(&[("Tuesday", "2024-03-12")])
    );
    // A plan is of what comes after it.
    let text = "The team planned to leave Nairobi on Saturday.";
    assert_eq!(
        dates(&mut dct("2024-03-14"), text),
        pairs(&[("Saturday", "2024-03-16")])
    );
}

#[test]
fn a_report_year_ended_on_a_day_is_twelve_months() {
    let mut r = dct("1989-10-30");
    let text = "Net income for the year ended March 31 rose, and for the fiscal year ending \
                Sept. 30 it will fall.";
    let found: Vec<(String, String)> = hits(&mut r, text)
        .into_iter()
        .filter(|h| h.2 == DateKind::Duration)
        .map(|h| (h.0, h.1))
        .collect();
    assert_eq!(
        found,
        pairs(&[("the year", "P1Y"), ("the fiscal year", "P1Y")])
    );
    // A year that "ended" otherwise is no such period.
    let mut r = dct("1989-10-30");
    let none: Vec<_> = hits(&mut r, "The year ended badly for the bank.")
        .into_iter()
        .filter(|h| h.2 == DateKind::Duration)
        .collect();
    assert!(none.is_empty());
}

#[test]
fn months_with_a_position_word_or_opening_a_sentence_as_a_modifier() {
    let text = "The accession was planned for early March. The March accession will follow.";
    assert_eq!(
        dates(&mut dct("1999-02-10"), text),
        pairs(&[("early March", "1999-03"), ("March", "1999-03")])
    );
    // "May" stays the verb, and a capitalised word after a month makes it a name.
    let text = "The May figures may come. Songs from June Carter played.";
    assert_eq!(dates(&mut dct("1999-02-10"), text), pairs(&[]));
}

#[test]
fn recent_years_are_the_vague_past_and_recent_weeks_an_amount() {
    let mut r = dct("1989-10-30");
    let found: Vec<_> = hits(
        &mut r,
        "Sales grew in recent years but fell in recent weeks.",
    )
    .into_iter()
    .map(|h| (h.0, h.1))
    .collect();
    assert_eq!(
        found,
        pairs(&[("recent years", "PAST_REF"), ("recent weeks", "PXW")])
    );
}

#[test]
fn the_quarter_a_year_ago_is_the_year_befores() {
    let mut r = dct("1989-10-26");
    let text = "Sales rose in the third quarter. For the quarter a year ago, it lost money.";
    let found: Vec<_> = hits(&mut r, text).into_iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(
        found,
        pairs(&[
            ("the third quarter", "1989-Q3"),
            ("the quarter a year ago", "1988-Q3")
        ])
    );
}

#[test]
fn a_month_after_a_deadline_word_is_ahead() {
    // In a late-October report February is last year's unless something looks ahead.
    let text = "The plan is to pay down the loan by February.";
    assert_eq!(
        dates(&mut dct("1989-10-30"), text),
        pairs(&[("February", "1990-02")])
    );
    let text = "The loan was repaid in February.";
    assert_eq!(
        dates(&mut dct("1989-10-30"), text),
        pairs(&[("February", "1989-02")])
    );
    // The day a change takes effect is ahead of its announcement.
    let text = "The bank also created an office of the chairman, effective Feb. 1.";
    assert_eq!(
        dates(&mut dct("1989-10-26"), text),
        pairs(&[("Feb. 1", "1990-02-01")])
    );
}

#[test]
fn a_date_completed_from_an_earlier_one_names_it() {
    let mut r = DateResolver::new(None);
    let text = "Talks began on March 3, 2021, in Doha. The same day, envoys met; two years later \
                a deal came, and in 1990 a war.";
    let found: Vec<(String, Resolution, Option<usize>)> = r
        .find(text)
        .into_iter()
        .map(|h| (text[h.start..h.end].to_string(), h.resolution, h.anchor))
        .collect();
    assert_eq!(
        found,
        [
            ("March 3, 2021".to_string(), Resolution::Explicit, None),
            (
                "The same day".to_string(),
                Resolution::PreviousDate,
                Some(0)
            ),
            (
                "two years later".to_string(),
                Resolution::PreviousDate,
                Some(1)
            ),
            ("1990".to_string(), Resolution::Explicit, None),
        ]
    );
    // Across paragraphs the ordinals go on; a publication date is no mention.
    let text = "In 1995 it ended; two years later peace came.";
    let later: Vec<(String, Option<usize>)> = r
        .find(text)
        .into_iter()
        .map(|h| (h.value, h.anchor))
        .collect();
    // A date stated anew is what the next "two years later" counts from.
    assert_eq!(later, [("1995".into(), None), ("1997".into(), Some(4))]);
    let mut news = dct("2025-07-10");
    assert!(news
        .find("Last year it ended.")
        .iter()
        .all(|h| h.anchor.is_none()));
}

#[test]
fn a_report_quarter_names_the_mention_it_came_from() {
    let mut r = dct("1989-10-26");
    let text = "Net rose in the 1989 third quarter. In the quarter, sales grew.";
    let found: Vec<(String, Option<usize>)> = r
        .find(text)
        .into_iter()
        .map(|h| (h.value, h.anchor))
        .collect();
    assert_eq!(
        found,
        [
            ("1989-Q3".to_string(), None),
            ("1989-Q3".to_string(), Some(0))
        ]
    );
}

#[test]
fn a_year_ago_counted_from_the_report_quarter_names_it() {
    let mut r = dct("1989-11-02");
    let text = "Profit rose in the third quarter. A year ago, it lost money.";
    let found: Vec<(String, Resolution, Option<usize>)> = r
        .find(text)
        .into_iter()
        .map(|h| (h.value, h.resolution, h.anchor))
        .collect();
    assert_eq!(
        found,
        [
            ("1989-Q3".to_string(), Resolution::PublicationDate, None),
            ("1988-Q3".to_string(), Resolution::PreviousDate, Some(0)),
        ]
    );
    // Without a quarter named, "a year ago" is the publication year's predecessor.
    let mut r = dct("1989-11-02");
    let found: Vec<_> = r
        .find("A year ago, it lost money.")
        .into_iter()
        .map(|h| (h.value, h.resolution, h.anchor))
        .collect();
    assert_eq!(
        found,
        [("1988".to_string(), Resolution::PublicationDate, None)]
    );
}

#[test]
fn a_weekday_counts_from_a_day_its_sentence_states() {
    // 3 May 2024 is a Friday: "last Friday" is the one before it, whatever the publication day.
    for mut r in [dct("2024-06-10"), DateResolver::new(None)] {
        let text = "3 May 2024, a week after last Friday, the court met again.";
        assert_eq!(
            hits(&mut r, text),
            [
                ("3 May 2024".into(), "2024-05-03".into(), DateKind::Date),
                ("a week".into(), "P1W".into(), DateKind::Duration),
                ("last Friday".into(), "2024-04-26".into(), DateKind::Date),
            ]
        );
    }
    let mut r = dct("2024-06-10");
    let text = "On 3 May 2024 the court sat; it will meet again on Tuesday.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[("3 May 2024", "2024-05-03"), ("Tuesday", "2024-05-07")])
    );
    // The resolved weekday names the date it counted from.
    let anchors: Vec<_> = r.find(text).into_iter().map(|h| h.anchor).collect();
    assert_eq!(anchors, [None, Some(2)]);
    // A day stated in another sentence lends nothing: the weekday is the publication week's.
    let text = "The court sat on 3 May 2024. It met again last Friday.";
    assert_eq!(
        dates(&mut dct("2024-06-10"), text),
        pairs(&[("3 May 2024", "2024-05-03"), ("last Friday", "2024-06-07")])
    );
    // Counted from an event the text names, "two days after" is still a date of a history.
    let mut r = DateResolver::new(None);
    let text = "On 3 May 2024 the court sat. Two days after the ruling, it met again.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[("3 May 2024", "2024-05-03"), ("Two days", "2024-05-05")])
    );
}

#[test]
fn the_day_s_events_are_days_and_the_age_s_people_are_not() {
    let mut r = dct("1998-03-03");
    let text = "Today's vote matters, tomorrow's session too, and yesterday's announcement.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("Today", "1998-03-03"),
            ("tomorrow", "1998-03-04"),
            ("yesterday", "1998-03-02")
        ])
    );
    let text = "Today's youth, tomorrow's leaders and the world of tomorrow, in today's world.";
    assert_eq!(dates(&mut r, text), pairs(&[]));
}

#[test]
fn a_month_named_again_is_the_same_month_unless_its_tense_says_otherwise() {
    let mut r = dct("1998-12-05");
    let text = "The three are expected to join in April. They can take part in the summit in \
                April.";
    let found: Vec<_> = r
        .find(text)
        .into_iter()
        .map(|h| (h.value, h.anchor))
        .collect();
    assert_eq!(
        found,
        [
            ("1999-04".to_string(), None),
            ("1999-04".to_string(), Some(0))
        ]
    );
    // A past tense places the second one anew.
    let mut r = dct("1989-10-30");
    let text = "It must repay the loan by February. Since it bought the firm in February, it sold \
                assets.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[("February", "1990-02"), ("February", "1989-02")])
    );
}

#[test]
fn the_year_a_text_is_about() {
    let mut r = dct("1989-10-26");
    let text = "For the year, sales rose to a high for the year in the first nine months of the \
                year. Late in the year and for the rest of the year, it rained.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("the year", "1989"),
            ("the year", "1989"),
            ("the year", "1989"),
            ("Late in the year", "1989"),
            ("the rest of the year", "1989"),
        ])
    );
    // A history's year is the one it has reached.
    let mut r = DateResolver::new(None);
    let text = "In March 1947 the war began. Late in the year the French attacked, and through \
                most of the rest of the year each side waited.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("March 1947", "1947-03"),
            ("Late in the year", "1947"),
            ("most of the rest of the year", "1947"),
        ])
    );
    // Another year, an amount, a title: no year here.
    let mut r = dct("1989-10-26");
    let text = "Net fell for the year ended Sept. 30, from the year before; he was Man of the \
                Year, the story of the year-long strike, for the year 2000 and of the year in \
                which it began.";
    let found = dates(&mut r, text);
    assert!(found.iter().all(|(t, _)| t != "the year"), "{found:?}");
}

#[test]
fn later_in_the_year_is_no_sign_of_news() {
    // A history published long after it: "later in the year" says nothing of the publication
    // day, so the text stays a narrative and the year is the one it has reached.
    let mut r = dct("2009-12-19");
    let text = "In 1947 the war began. In 1948 it spread. Late in the year the French attacked. \
                Later in the year they left, and earlier in the year they had come.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("1947", "1947"),
            ("1948", "1948"),
            ("Late in the year", "1948"),
            ("Later in the year", "1948"),
            ("earlier in the year", "1948"),
        ])
    );
}

#[test]
fn ranges_halves_and_couples_of_units() {
    let mut r = dct("1989-10-30");
    let text = "It took a minute and a half, then a year and a half, then two to three weeks, \
                then 12 to 18 months, then two or three days; over the next couple of years and \
                a couple of days it grew.";
    let durations: Vec<(String, String)> = hits(&mut r, text)
        .into_iter()
        .filter(|h| h.2 == DateKind::Duration)
        .map(|h| (h.0, h.1))
        .collect();
    assert_eq!(
        durations,
        pairs(&[
            ("a minute and a half", "PT1M30S"),
            ("a year and a half", "P1Y6M"),
            ("two to three weeks", "P2W"),
            ("12 to 18 months", "P12M"),
            ("two or three days", "P2D"),
            ("the next couple of years", "P2Y"),
            ("a couple of days", "P2D"),
        ])
    );
    // No range without a number before "to", and a half of nothing is no half.
    let text = "From 1 to 5 in three weeks, and up to three weeks and a halfway house.";
    let durations: Vec<(String, String)> = hits(&mut r, text)
        .into_iter()
        .filter(|h| h.2 == DateKind::Duration)
        .map(|h| (h.0, h.1))
        .collect();
    assert_eq!(
        durations,
        pairs(&[("three weeks", "P3W"), ("up to three weeks", "P3W")])
    );
}

#[test]
fn the_day_before_an_event_in_apposition_to_a_day_is_that_day() {
    let mut r = dct("1989-10-30");
    let text = "Prices rose on Oct. 12, the day before the crash. On Oct. 20, the day before, \
                they fell.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("Oct. 12", "1989-10-12"),
            ("the day before", "1989-10-12"),
            ("Oct. 20", "1989-10-20"),
            ("the day before", "1989-10-19"),
        ])
    );
    // "December's figures": the month, even after "to".
    let mut r = dct("1998-02-06");
    let text = "After a revision to December's figures, jobs rose.";
    assert_eq!(dates(&mut r, text), pairs(&[("December", "1997-12")]));
}

#[test]
fn amounts_with_a_kind_of_unit() {
    let mut r = dct("1989-10-30");
    let text = "The loan may be extended for an additional year; eight trading days later, and \
                three business days on, two extra weeks passed.";
    let durations: Vec<(String, String)> = hits(&mut r, text)
        .into_iter()
        .filter(|h| h.2 == DateKind::Duration)
        .map(|h| (h.0, h.1))
        .collect();
    assert_eq!(
        durations,
        pairs(&[
            ("an additional year", "P1Y"),
            ("eight trading days", "P8D"),
            ("three business days", "P3D"),
            ("two extra weeks", "P2W"),
        ])
    );
}
