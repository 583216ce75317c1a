use super::*;

fn t(s: &str) -> Timex {
    Timex::parse(s).unwrap()
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
