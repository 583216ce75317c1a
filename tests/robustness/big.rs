//! Size limits, run in release by `.ci/run` (`cargo test --release --test robustness --
//! --ignored robustness_big`): in the debug build `cargo test` uses, the 50 MB article alone
//! takes minutes, while the guarantee is about release builds finishing in seconds.

use crate::support::*;

/// A 5 MB paragraph without a full stop: once a crash by memory (every mention copied the
/// whole "sentence": 24 GB) and a quadratic index; now linear.
#[test]
#[ignore = "release only: .ci/run runs `cargo test --release -- --ignored robustness_big`"]
fn robustness_big_single_five_megabyte_line() {
    let p = Project::new();
    let words = [
        "Russia",
        "said",
        "on",
        "3 May 2024",
        "that",
        "Moscow",
        "talks",
        "UN",
        "resume,",
    ];
    let mut line = String::with_capacity(5_100_000);
    let mut i = 0usize;
    while line.len() < 5_000_000 {
        line.push_str(words[(i * 7 + i / 9) % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.push_str("end.\n");
    p.seed("line.txt", &line);
    let r = p.ok();
    assert_eq!(r.articles, 1);
    assert!(r.mentions > 100_000, "{}", r.mentions);
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/annotations.json")).unwrap();
    for m in json["mentions"].as_array().unwrap() {
        let sentence = m["sentence"].as_str().unwrap();
        assert!(
            sentence.len() <= 610,
            "sentence kept whole: {} bytes",
            sentence.len()
        );
        assert!(sentence.contains(m["text"].as_str().unwrap()));
    }
}

/// A 50 MB article of ordinary paragraphs builds in linear time and memory.
#[test]
#[ignore = "release only: .ci/run runs `cargo test --release -- --ignored robustness_big`"]
fn robustness_big_fifty_megabyte_article() {
    let p = Project::new();
    let paragraphs = [
        "Russia said on 3 May 2024 that talks with the UN would resume in Moscow.",
        "The United Nations had warned last year that aid was running out.",
        "Officials in Kabul declined to comment on the meeting, and the statement gave no date.",
        "In April this year, Moscow accepted the credentials of a new ambassador.",
    ];
    let mut text = String::from("A Very Long Article\n\n");
    let mut i = 0usize;
    while text.len() < 50 * 1024 * 1024 {
        // Numbered, so paragraphs are not verbatim repeats of each other.
        text.push_str(&format!("{} ({i})\n\n", paragraphs[i % paragraphs.len()]));
        i += 1;
    }
    p.seed("big.txt", &text);
    let started = std::time::Instant::now();
    let r = p.ok();
    assert_eq!(r.articles, 1);
    assert!(r.mentions > 500_000, "{}", r.mentions);
    assert!(p.path("public/articles/big.html").is_file());
    eprintln!("50 MB article built in {:?}", started.elapsed());
}
