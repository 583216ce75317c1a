//! The `<main>` of one page of each type, snapshotted (insta): what a reader sees of an article,
//! an actor, an entity, the timeline, the home page, the search page and the orphaned notes,
//! reviewed as a file when a template or the renderer changes it.

use dossier::pipeline::{build, BuildOptions};

use crate::common::*;

/// The `<main>` element of `html`, from its start tag to its end tag.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html[start..].find("</main>").expect("a </main> end tag") + start;
    &html[start..end + "</main>".len()]
}

#[test]
fn article_page() {
    insta::assert_snapshot!(main_of(&europe().read("articles/no-metadata.html")));
}

#[test]
fn actor_page() {
    insta::assert_snapshot!(main_of(&europe().read("actors/nato.html")));
}

#[test]
fn entity_page() {
    insta::assert_snapshot!(main_of(&europe().read("entities/berlin.html")));
}

#[test]
fn timeline_page() {
    insta::assert_snapshot!(main_of(&europe().read("timeline.html")));
}

#[test]
fn home_page() {
    insta::assert_snapshot!(main_of(&europe().read("index.html")));
}

#[test]
fn search_page() {
    insta::assert_snapshot!(main_of(&europe().read("search.html")));
}

/// No fixture has an orphaned note, so the notes fixture is copied and the passage one note
/// quotes is rewritten beyond recognition, then built with orphans allowed.
#[test]
fn orphans_page() {
    let dir = tempfile::tempdir().unwrap();
    copy_site_sources(&fixture_dir("notes"), dir.path());
    let seed = dir.path().join("seeds/harbour.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    let quoted = "Zürich’s bankers — and Ålesund’s — financed";
    assert!(text.contains(quoted), "the fixture's quoted passage moved");
    std::fs::write(
        &seed,
        text.replacen(quoted, "Local bankers and lenders financed", 1),
    )
    .unwrap();
    let out = dir.path().join("site");
    build(
        &dir.path().join("site.toml"),
        &BuildOptions {
            output: Some(out.clone()),
            allow_orphans: true,
            ..BuildOptions::default()
        },
    )
    .unwrap();
    let html = std::fs::read_to_string(out.join("orphans.html")).unwrap();
    insta::assert_snapshot!(main_of(&html));
}
