use super::*;

fn t(s: &str) -> Timex {
    Timex::parse(s).unwrap()
}

#[test]
fn inflections_meet() {
    for group in [
        &["removed", "removal", "remove", "removes"][..],
        &["list", "listing", "lists", "listed"][..],
        &["organisation", "organization"][..],
    ] {
        let stems: Vec<String> = group.iter().map(|w| words::stem(w)).collect();
        assert!(stems.iter().all(|s| *s == stems[0]), "{stems:?}");
    }
    assert_eq!(words::stem("crisis"), "crisis");
    assert_eq!(words::stem("status"), "status");
}

#[test]
fn date_words_and_stopwords_are_left_out() {
    let words = content_words(
        "In April this year, Russia dropped the Taliban from its list of 2003.",
        "In April this year",
    );
    assert_eq!(words, ["russia", "dropp", "taliban", "list"]);
}

#[test]
fn containment_is_compatibility() {
    assert_eq!(
        relation(&t("2025"), &t("2025-04")),
        DateRelation::Compatible
    );
    assert_eq!(
        relation(&t("2025-04-17"), &t("2025-04")),
        DateRelation::Compatible
    );
    assert_eq!(
        relation(&t("2025-04"), &t("2025-04")),
        DateRelation::Compatible
    );
    assert!(
        matches!(relation(&t("2024-04"), &t("2025")), DateRelation::Disagree(g) if g > 0 && g < 372)
    );
    assert!(matches!(
        relation(&t("2025-03"), &t("2025-04")),
        DateRelation::Disagree(0)
    ));
    assert!(matches!(relation(&t("2003"), &t("2025")), DateRelation::Disagree(g) if g > 372 * 20));
}

#[test]
fn rare_shared_words_score_high_and_common_ones_low() {
    // Feature 1 is common (low weight); the others are rare.
    let weights = [0.0, 0.2, 3.0, 3.0, 3.0, 3.0, 3.0];
    let norm = |fs: &[u32]| {
        fs.iter()
            .map(|&f| weights[f as usize] * weights[f as usize])
            .sum::<f64>()
            .sqrt()
    };
    let (a, b, c): (&[u32], &[u32], &[u32]) = (&[1, 2, 3], &[1, 2, 4], &[1, 5, 6]);
    assert!(cosine(a, b, &weights, (norm(a), norm(b))) > 0.45);
    assert!(cosine(a, c, &weights, (norm(a), norm(c))) < 0.01);
    assert_eq!(cosine(a, &[], &weights, (norm(a), 0.0)), 0.0);
}

proptest::proptest! {
    /// The one-pass clause finder cuts where searching for each break separately cut, on text
    /// dense with breaks, partial breaks and repeats of the date's words.
    #[test]
    fn clause_of_matches_the_reference(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "; ", " — ", " – ", ": ", ", and ", ", but ", ", which ", ", while ",
                ", whereas ", ", who ", ", as ", ",", ";", " ", "—", ", a", "as ", "In May",
                "May", "Kabul", "é", "2021",
            ]),
            0..24,
        ),
        words in proptest::sample::select(vec!["In May", "May", "2021", "", "as", ", and "]),
    ) {
        let sentence: String = parts.concat();
        proptest::prop_assert_eq!(
            words::clause_of(&sentence, words),
            words::clause_of_reference(&sentence, words)
        );
    }

    /// Reading runs of letters byte by byte finds the words `str::split` found.
    #[test]
    fn alphanumeric_runs_are_the_pieces_split_finds(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", ", ", "’s", "-", "Talks", "Kabul", "É", "café", "²", "x2021", "2021",
                "ΣΊΣΥΦΟΣ", "١٢٣", "naïve", "\u{00A0}", "a", "😀",
            ]),
            0..24,
        ),
    ) {
        let text: String = parts.concat();
        let runs: Vec<&str> = words::alphanumeric_runs(&text).collect();
        let pieces: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        proptest::prop_assert_eq!(runs, pieces);
    }
}
