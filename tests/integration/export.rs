//! The export: every site's validates against the committed JSON Schema, and its parts hold
//! the same mentions as the inline list (`tools/check_export.py` checks both).

use std::process::Command;

use crate::common::{europe, events_fixture, notes_fixture, repo, shipped, Built};

/// Runs `tools/check_export.py` on a built site. Without Python's `jsonschema` the check is
/// skipped with a notice, except under CI (`CI` set), where `.ci/run` installs it.
fn check_export(site: &Built) {
    let script = repo().join("tools/check_export.py");
    let run = Command::new("python3").arg(&script).arg(&site.out).output();
    let missing = match &run {
        Err(_) => true,
        Ok(out) => out.status.code() == Some(2),
    };
    if missing {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with jsonschema is needed for the export check"
        );
        eprintln!("skipped: python3 with the jsonschema package is not installed");
        return;
    }
    let out = run.unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn shipped_export_validates_against_its_schema() {
    check_export(shipped());
}

#[test]
fn fixture_exports_validate_against_their_schema() {
    for site in [europe(), events_fixture(), notes_fixture()] {
        check_export(site);
    }
}

/// Sentences are stored once: mentions of one sentence share its number, and the parts hold
/// as many sentence lines as the index says.
#[test]
fn sentences_are_stored_once_and_shared_by_their_mentions() {
    let site = shipped();
    let json = site.json();
    let sentences = site.part_lines("sentences");
    assert_eq!(
        sentences.len() as u64,
        json["parts"][0]["sentence_count"].as_u64().unwrap()
    );
    let mut seen = std::collections::BTreeSet::new();
    for s in &sentences {
        assert!(
            seen.insert((
                s["article"].to_string(),
                s["text"].to_string(),
                s["paragraph"].to_string()
            )),
            "{s} twice"
        );
    }
    let mentions = json["mentions"].as_array().unwrap();
    let same: Vec<&serde_json::Value> = mentions
        .iter()
        .filter(|m| m["article"] == mentions[0]["article"] && m["paragraph"] == "p1")
        .collect();
    assert!(same.len() >= 2, "the first paragraph names several things");
    assert!(same.iter().all(|m| m["sentence"] == same[0]["sentence"]));
    assert!(mentions
        .iter()
        .all(|m| m.get("sentence").is_some_and(|s| s.is_u64())));
}

/// A part kept from an earlier build is counted without making its records again
/// (`export::article_counts`): the index written from counts alone, as if every part were
/// kept, is the one a cold build writes from the records.
#[test]
fn kept_parts_are_counted_as_their_records_would_be() {
    use dossier::config::Site;
    for (dir, built) in [
        (repo(), shipped()),
        (crate::common::fixture_dir("europe"), europe()),
        (crate::common::fixture_dir("events"), events_fixture()),
        (crate::common::fixture_dir("notes"), notes_fixture()),
    ] {
        let site = Site::load(&dir.join("site.toml")).unwrap();
        let analysis = dossier::pipeline::analyse(&site).unwrap();
        let counted = dossier::export::annotations_json(
            &site.config,
            &analysis.articles.raw,
            &analysis.index,
        );
        assert_eq!(
            String::from_utf8(counted).unwrap(),
            built.read("data/annotations.json"),
            "{dir:?}"
        );
    }
}
