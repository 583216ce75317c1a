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
    let v = |fs: &[(u32, f64)]| Vector {
        features: fs.to_vec(),
        norm: fs.iter().map(|(_, w)| w * w).sum::<f64>().sqrt(),
    };
    let a = v(&[(1, 0.2), (2, 3.0), (3, 3.0)]);
    let b = v(&[(1, 0.2), (2, 3.0), (4, 3.0)]);
    let c = v(&[(1, 0.2), (5, 3.0), (6, 3.0)]);
    assert!(cosine(&a, &b) > 0.45);
    assert!(cosine(&a, &c) < 0.01);
    assert_eq!(cosine(&a, &v(&[])), 0.0);
}
