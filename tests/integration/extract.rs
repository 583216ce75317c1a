//! `dossier extract`: JSON lines whose offsets point at the text in the file.

use crate::cli::dossier;
use crate::common::repo;
use serde_json::Value;

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn extract_prints_one_json_object_per_mention_with_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Russia and the Taliban met in Moscow on July 3.\nEarlier this year, Kabul said so.\n";
    std::fs::write(dir.path().join("note.txt"), text).unwrap();
    let config = repo().join("site.toml");
    let run = dossier(
        &[
            "extract",
            "--published",
            "2025-07-04",
            "-c",
            config.to_str().unwrap(),
            "note.txt",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mentions = lines(&run.stdout);
    assert!(mentions.len() >= 4, "{}", run.stdout);
    for m in &mentions {
        let keys: Vec<&str> = m.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let value_key = if m["kind"] == "actor" {
            "actor"
        } else {
            "value"
        };
        assert_eq!(
            keys,
            ["file", "kind", "text", "start", "end", value_key, "sentence"]
        );
        assert_eq!(m["file"], "note.txt");
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    let date = mentions.iter().find(|m| m["text"] == "July 3").unwrap();
    assert_eq!(date["value"], "2025-07-03");
    assert_eq!(
        date["sentence"],
        "Russia and the Taliban met in Moscow on July 3."
    );
    assert!(mentions
        .iter()
        .any(|m| m["text"] == "Earlier this year" && m["value"] == "2025"));
    assert!(mentions.iter().any(|m| m["actor"] == "russia"));
}

#[test]
fn without_a_config_no_actors_are_annotated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# Russia\n\nRussia acted on 3 May 2024.\n",
    )
    .unwrap();
    let run = dossier(&["extract", "a.md"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mentions = lines(&run.stdout);
    assert_eq!(mentions.len(), 1, "{}", run.stdout);
    assert_eq!(mentions[0]["kind"], "date");
    assert_eq!(mentions[0]["value"], "2024-05-03");
}

#[test]
fn bad_input_exits_with_the_right_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"abc\xff").unwrap();
    let run = dossier(&["extract", "bad.txt"], dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: bad.txt:1:4: not valid UTF-8 (byte 3); re-save the file as UTF-8\n"
    );
    let run = dossier(
        &["extract", "--published", "July 2025", "bad.txt"],
        dir.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}
