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
    let sentences = p.read_gz_lines("public/data/sentences-001.jsonl.gz");
    for m in json["mentions"].as_array().unwrap() {
        let n = m["sentence"].as_u64().unwrap() as usize;
        assert_eq!(sentences[n]["sentence"], n);
        let sentence = sentences[n]["text"].as_str().unwrap();
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

/// Parse and annotate time of one article of `bytes` bytes in `ext` format: the best of
/// `runs`, so a noisy machine does not make a run look slower than the code is.
fn analysis_time(ext: &str, bytes: usize, runs: usize) -> std::time::Duration {
    let p = Project::new();
    let paragraphs = [
        "Russia said on 3 May 2024 that talks with the *UN* would resume in Moscow.",
        "The United Nations had warned last year that aid was running out.",
        "Officials in Kabul declined to comment on the meeting.",
    ];
    let mut text = String::from("A Long Article\n\n");
    let mut i = 0usize;
    while text.len() < bytes {
        text.push_str(&format!("{} ({i})\n\n", paragraphs[i % paragraphs.len()]));
        i += 1;
    }
    p.seed(&format!("long.{ext}"), &text);
    let site = dossier::config::Site::load(&p.path("site.toml")).unwrap();
    (0..runs)
        .map(|_| {
            let started = std::time::Instant::now();
            let analysis = dossier::pipeline::analyse(&site).unwrap();
            assert_eq!(analysis.articles.len(), 1);
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// Four times the text takes about four times as long, in Markdown as in plain text (debug
/// build, so `cargo test` runs it): a quadratic step, like counting lines from byte 0 for
/// every block, makes it sixteen.
#[test]
fn robustness_size_markdown_and_text_parse_in_linear_time() {
    for ext in ["md", "txt"] {
        let small = analysis_time(ext, 1 << 20, 2);
        let large = analysis_time(ext, 4 << 20, 2);
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        eprintln!(".{ext}: 1 MB in {small:?}, 4 MB in {large:?} ({ratio:.1}x)");
        assert!(ratio < 6.0, ".{ext}: 4x the text took {ratio:.1}x the time");
    }
}
