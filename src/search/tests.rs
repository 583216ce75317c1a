//! Search, whole-module tests on a small real site: determinism and what the files hold.

use super::*;
use crate::config::Site;

const CONFIG: &str = r#"title = "Test"
[[actors]]
id = "haqqani-network"
name = "Haqqani Network"
aliases = ["Haqqanis"]
description = "An armed group allied with the Taliban."
[[actors]]
id = "is-k"
name = "Islamic State Khorasan"
aliases = ["IS-K"]
"#;

fn files() -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("site.toml"), CONFIG).unwrap();
    std::fs::write(
        dir.path().join("seeds/one.txt"),
        "Talks in Doha\nThe Haqqani Network met envoys on July 3, 2025.\nIS-K claimed an attack in Kabul.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("seeds/two.txt"),
        "Najibullah remembered\nNajibullah ruled until 1992. Najibullah was killed in 1996.\n",
    )
    .unwrap();
    let site = Site::load(&dir.path().join("site.toml")).unwrap();
    let analysis = crate::pipeline::analyse(&site).unwrap();
    search_files(&analysis.input(&site))
}

fn text(files: &[(String, Vec<u8>)]) -> String {
    files
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect()
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(files(), files());
}

#[test]
fn manifest_and_shards_are_scripts_with_the_postings() {
    let files = files();
    assert_eq!(files[0].0, "search/manifest.js");
    assert!(files[1].0.starts_with("search/s-000.js"));
    let all = text(&files);
    assert!(all.starts_with("window.dossierSearch.manifest({"));
    // The article result links to the page, the paragraph anchor rides with the posting.
    assert!(
        all.contains(r#""a","Talks in Doha","articles/one.html",0,0,[0,1]]"#),
        "{all}"
    );
    assert!(all.contains(r#"["haqqani",["#));
    assert!(all.contains(r#""p1","The Haqqani Network met envoys on July 3, 2025.",[1]]"#));
    assert!(all.contains(r#""c","Haqqani Network","actors/haqqani-network.html",0,0,[0]]"#));
    assert!(all.contains(r#"["is-k",["#));
    assert!(all.contains("timeline.html#t2025-07-03"), "{all}");
}

#[test]
fn terms_are_keyed_by_stem_and_the_manifest_has_the_filters() {
    let all = text(&files());
    // "envoys" and "remembered" are indexed by their stems; "Najibullah" is its own stem.
    assert!(all.contains(r#"["envoy",["#), "{all}");
    assert!(all.contains(r#"["rememb",["#), "{all}");
    assert!(!all.contains(r#"["envoys",["#));
    assert!(all.contains(r#""actors":["Haqqani Network","Islamic State Khorasan"]"#));
    assert!(all.contains(r#""outlets":[]"#));
    // The timeline's years: 1992, 1996, 2025.
    assert!(all.contains(r#""years":[1992,1996,2025]"#), "{all}");
}

#[test]
fn kept_terms_give_the_index_of_a_fresh_read_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("site.toml"), CONFIG).unwrap();
    let seed = |name: &str, text: &str| std::fs::write(dir.path().join("seeds").join(name), text);
    seed(
        "one.txt",
        "Talks in Doha\nThe Haqqani Network met envoys on July 3, 2025.\n",
    )
    .unwrap();
    seed(
        "two.txt",
        "Najibullah remembered\nNajibullah ruled until 1992.\n",
    )
    .unwrap();
    let site = Site::load(&dir.path().join("site.toml")).unwrap();
    let mut memo = memo::Memo::default();
    let index_of = |memo: &mut memo::Memo| {
        let analysis = crate::pipeline::analyse(&site).unwrap();
        let input = analysis.input(&site);
        let docs = docs::Docs::new(&input);
        (
            bm25::build_with(&docs, Some(memo)),
            bm25::build_with(&docs, None),
        )
    };
    let (kept, fresh) = index_of(&mut memo);
    assert_eq!(kept, fresh);
    // An edit that adds a word and a date: new documents, other lengths, other scores.
    seed(
        "two.txt",
        "Najibullah remembered\nNajibullah ruled until 1992. Envoys met him in Doha on 4 May 1990.\n",
    )
    .unwrap();
    let (kept, fresh) = index_of(&mut memo);
    assert_eq!(kept, fresh);
    assert!(kept.iter().any(|(t, _)| t == "envoy"));
}
