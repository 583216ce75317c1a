//! Behaviour tests of the whole extractor on made-up news sentences: explicit dates and the
//! things that must not be read as dates. Shared helpers live here too.

use super::*;

pub(super) fn dct(s: &str) -> DateResolver {
    DateResolver::new(Timex::parse(s))
}

/// (text, value, kind) of every hit.
pub(super) fn hits(r: &mut DateResolver, text: &str) -> Vec<(String, String, DateKind)> {
    r.find(text)
        .into_iter()
        .map(|h| (text[h.start..h.end].to_string(), h.value, h.kind))
        .collect()
}

pub(super) fn dates(r: &mut DateResolver, text: &str) -> Vec<(String, String)> {
    hits(r, text)
        .into_iter()
        .filter(|h| h.2 == DateKind::Date)
        .map(|h| (h.0, h.1))
        .collect()
}

pub(super) fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn smoke() {
    let mut r = dct("2025-07");
    let text = "On July 3, Kabul fell. The same day, in April this year and since 2021.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("July 3", "2025-07-03"),
            ("The same day", "2025-07-03"),
            ("April this year", "2025-04"),
            ("2021", "2021")
        ])
    );
}

#[test]
fn full_dates_in_all_spellings() {
    let mut r = dct("2025-07");
    let text = "Talks began on August 15, 2021, resumed on 15 August 2022, paused Aug. 15, 2023 \
                and ended Monday, August 16, 2024 (2024-09-30; 25/12/2019).";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("August 15, 2021", "2021-08-15"),
            ("15 August 2022", "2022-08-15"),
            ("Aug. 15, 2023", "2023-08-15"),
            ("Monday, August 16, 2024", "2024-08-16"),
            ("2024-09-30", "2024-09-30"),
            ("25/12/2019", "2019-12-25"),
        ])
    );
    // Ambiguous numeric day/month is left alone.
    assert!(dates(&mut r, "Filed 03/04/2020.").is_empty());
}

#[test]
fn exact_offsets_and_resolution() {
    let mut r = dct("2025-07");
    let text = "It fell in August 2021 — twice. On July 3, again.";
    let found = r.find(text);
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].start, found[0].end), (11, 22));
    assert_eq!(found[0].resolution, Resolution::Explicit);
    assert_eq!(found[0].timex, Timex::parse("2021-08"));
    let july = text.find("July").unwrap();
    assert_eq!((found[1].start, found[1].end), (july, july + 6));
    assert_eq!(found[1].value, "2025-07-03");
    assert_eq!(found[1].resolution, Resolution::PublicationDate);
}

#[test]
fn months_with_years_and_bare_years() {
    let mut r = dct("2025-07");
    let text = "In 2022 the plan, drafted by 1992 and revised since 2021, was set for May 2024; \
                the 2019 election and the Soviet invasion of 1979 shaped it.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("2022", "2022"),
            ("1992", "1992"),
            ("2021", "2021"),
            ("May 2024", "2024-05"),
            ("2019", "2019"),
            ("1979", "1979"),
        ])
    );
}

#[test]
fn decades_and_nine_eleven() {
    let mut r = dct("2025-07");
    let text =
        "Throughout the 1990s and the '90s revival, into the 2010s and after the 9/11 attacks.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("the 1990s", "199"),
            ("the '90s", "199"),
            ("the 2010s", "201"),
            ("9/11", "2001-09-11"),
        ])
    );
    let t = r.find("in the mid-1980s")[0].timex.unwrap();
    assert_eq!(
        (t.value(), t.label()),
        ("198".to_string(), "the 1980s".to_string())
    );
}

#[test]
fn numbers_that_are_not_years() {
    let mut r = dct("2025-07");
    let text = "The attack killed 133 people and 1979 people fled; 15,000 Soviet lives were lost, \
                $9 billion and $2000 were frozen, 2,000 troops and some 1500 soldiers stayed, \
                turnout was 2012% of 1999 voters; see Resolution 2593 and room 2019.";
    assert_eq!(dates(&mut r, text), pairs(&[]));
}

#[test]
fn ages_and_percentages_are_not_dates_or_durations() {
    let mut r = dct("2025-07");
    let text = "A 17-year-old girl, girls older than 12, a boy aged 12 and a 40 years old man; \
                20 percent of the 25-year-olds.";
    assert_eq!(hits(&mut r, text), vec![]);
}

#[test]
fn may_the_verb_and_may_the_month() {
    let mut r = dct("2025-07");
    let text = "May the talks succeed. Others may follow. Since May, talks stalled; on May 9 and \
                in May 2024 they met. Talks may resume.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("May", "2025-05"),
            ("May 9", "2025-05-09"),
            ("May 2024", "2024-05")
        ])
    );
    assert!(dates(
        &mut r,
        "Theresa May said it would change. That was by May's design."
    )
    .is_empty());
}

#[test]
fn no_matches_inside_other_tokens() {
    let mut r = dct("2025-07");
    let text =
        "The G7 met at https://example.com/2021/08/15/story and ref A2021 or 2021b, COVID-19.";
    assert_eq!(hits(&mut r, text), vec![]);
}

#[test]
fn hits_are_sorted_and_disjoint() {
    let mut r = dct("2025-07");
    let text = "In April 2024, on 3 May 2024 and since 2021, over the past two years and in 2020.";
    let found = r.find(text);
    assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    let texts: Vec<&str> = found.iter().map(|h| &text[h.start..h.end]).collect();
    assert_eq!(
        texts,
        [
            "April 2024",
            "3 May 2024",
            "2021",
            "the past two years",
            "2020"
        ]
    );
}

/// The annotator passes its own sentence split: the hits must be those `find` gives.
#[test]
fn given_sentences_find_the_same() {
    let text = "On August 15, 2021 Kabul fell. On August 30 the last flight left; by September 2 \
                and the same day. In 2020, on May 3 and June 4, talks began.";
    let (mut a, mut b) = (dct("2025-07"), DateResolver::new(None));
    let (mut c, mut d) = (dct("2025-07"), DateResolver::new(None));
    let sentences = crate::annotate::sentences::sentences(text);
    assert_eq!(a.find(text), c.find_with_sentences(text, &sentences));
    assert_eq!(b.find(text), d.find_with_sentences(text, &sentences));
}

/// Two quarters of a named year are its half; without a year they stay an amount of time.
#[test]
fn two_quarters_of_a_year_are_its_half() {
    let mut r = dct("1989-10-26");
    let text = "Prices will erode through the first two quarters of 1990 and the last two quarters of 1991.";
    assert_eq!(
        dates(&mut r, text),
        pairs(&[
            ("the first two quarters of 1990", "1990-H1"),
            ("the last two quarters of 1991", "1991-H2"),
        ])
    );
    let mut r = dct("1989-10-26");
    let found = hits(&mut r, "Sales fell in the first two quarters.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, DateKind::Duration);
    let mut r = dct("1989-10-26");
    assert_eq!(
        dates(&mut r, "Sales fell in the third two quarters of 1990."),
        pairs(&[("1990", "1990")])
    );
}

/// A half of a decade or a century is that decade or century, at its start or end.
#[test]
fn halves_of_decades_and_centuries() {
    let text = "Sales were flat in the last half of the '80s and grew in the first half of the 1990s; the second half of 2008 was weak.";
    let found: Vec<(String, String, Option<&str>)> = dct("2010-05-01")
        .find(text)
        .into_iter()
        .map(|h| (text[h.start..h.end].to_string(), h.value, h.modifier))
        .collect();
    let want = |s: &str, v: &str, m: &'static str| (s.to_string(), v.to_string(), Some(m));
    assert_eq!(
        found,
        vec![
            want("the last half of the '80s", "198", "END"),
            want("the first half of the 1990s", "199", "START"),
            (
                "the second half of 2008".to_string(),
                "2008-H2".to_string(),
                None
            ),
        ]
    );
    // The first half of a year without its number stays the report's half.
    assert_eq!(
        dates(
            &mut dct("2010-08-01"),
            "Profit rose in the first half of the year."
        ),
        pairs(&[("the first half", "2010-H1"), ("the year", "2010")])
    );
}

/// "the week of" a day is that day's ISO week; other weeks "of" something are not.
#[test]
fn the_week_of_a_day_is_its_week() {
    let mut r = dct("2000-02-24");
    assert_eq!(
        dates(&mut r, "A hearing is set for the week of March 6."),
        pairs(&[("the week of March 6", "2000-W10")])
    );
    let mut r = dct("2000-02-24");
    assert_eq!(
        hits(
            &mut r,
            "He was killed within a week of his capture, in the last week of August."
        )
        .into_iter()
        .map(|h| h.0)
        .collect::<Vec<_>>(),
        vec![
            "a week".to_string(),
            "the last week".to_string(),
            "August".to_string()
        ]
    );
}
