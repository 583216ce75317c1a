//! Editorial notes: the fixture `tests/fixtures/notes/` (placed notes, references, markup,
//! hostile HTML, code), variants of it with edited text (fuzzy re-anchoring, orphans), the
//! command line's messages and exit codes, and the shipped corpus's notes.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::dossier;
use crate::common::*;

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/notes")
}

/// A copy of the notes fixture in a temporary folder, to edit.
fn copy_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for rel in [
        "site.toml",
        "seeds/harbour.txt",
        "seeds/harbour.notes.md",
        "seeds/quay.md",
        "seeds/quay.notes.md",
    ] {
        std::fs::copy(fixture().join(rel), dir.path().join(rel)).unwrap();
    }
    dir
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn jsonld(built: &Built) -> Value {
    serde_json::from_str(&built.read("data/notes.jsonld")).unwrap()
}

fn items(doc: &Value) -> Vec<Value> {
    doc["first"]["items"].as_array().unwrap().clone()
}

/// The text of every `<mark class="note-anchor">` of one note, joined.
fn marked_text(html: &str, note: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("mark.note-anchor[data-note=\"{note}\"]")).unwrap();
    doc.select(&sel).flat_map(|m| m.text()).collect()
}

#[test]
fn notes_highlight_their_quotes_and_sit_in_the_margin() {
    let site = notes_fixture();
    let page = site.read("articles/harbour.html");
    assert!(page.contains(
        "<mark class=\"note-anchor\" data-note=\"note-1\" id=\"note-1-quote\">signed the harbour deal on "
    ));
    assert_eq!(
        marked_text(&page, "note-1"),
        "signed the harbour deal on 3 March 2024"
    );
    assert!(page.contains("<details class=\"ednote\" id=\"note-1\"><summary><span class=\"ednote-label\">Editor’s note</span>"));
    // The suffix chose the second of two equal passages.
    let second = page.find("Weeks later").unwrap();
    assert!(page.find("id=\"note-2-quote\"").unwrap() > second);
    // An editor's id names the anchor; several scripts and a dash survive.
    assert_eq!(
        marked_text(&page, "note-bankers"),
        "Zürich’s bankers — and Ålesund’s"
    );
    // References resolve to page-relative links; a bare one shows the target's name.
    assert!(page.contains("<a href=\"../actors/port-authority.html\">Port Authority</a>"));
    assert!(page.contains("<a href=\"../actors/fishers-union.html\">union</a>"));
    assert!(page.contains("<a href=\"../articles/quay.html\">the quay story</a>"));
    assert!(page.contains("<a href=\"../articles/quay.html#p2\">Quay works</a>"));
    assert!(page.contains("href=\"../timeline.html#t2024-03-03\""));
    // Raw HTML is text, script links are neutralised, code is highlighted.
    assert!(page.contains("<p>&lt;script&gt;alert(\"note\")&lt;/script&gt; is shown as text."));
    assert!(!page.contains("<script>alert") && !page.contains("javascript:"));
    assert!(page.contains("So is a <a href=\"#\">bad link</a>."));
    assert!(page.contains("<pre class=\"code\" data-lang=\"rust\">") && page.contains("hl-"));
    assert!(page.contains("static/highlight.css"));
    assert!(page.contains("data/notes.jsonld"));
}

#[test]
fn a_quote_across_markup_and_mentions_stays_well_formed() {
    let site = notes_fixture();
    let page = site.read("articles/quay.html");
    assert_eq!(
        marked_text(&page, "note-1"),
        "The new quay opens in June for the Port Authority fleet"
    );
    let p = &page[page.find("<p id=\"p2\">").unwrap()..];
    let p = &p[..p.find("</p>").unwrap()];
    assert_eq!(p.matches("<mark").count(), p.matches("</mark>").count());
    // Marks wrap text only: inside the emphasis and the actor's link, never around them.
    assert!(p.contains("<em><mark class=\"note-anchor\" data-note=\"note-1\">new quay</mark></em>"));
    assert!(p.contains("<strong><a href=\"../actors/port-authority.html\"><mark class=\"note-anchor\" data-note=\"note-1\">Port Authority</mark></a></strong>"));
    assert!(super::common::without_entity_links(&page).contains("&lt;b&gt;Raw HTML&lt;/b&gt;"));
}

#[test]
fn notes_are_exported_as_web_annotations() {
    let site = notes_fixture();
    let doc = jsonld(site);
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert_eq!(doc["total"], 4);
    let items = items(&doc);
    let bankers = items
        .iter()
        .find(|i| i["id"] == "#harbour-note-bankers")
        .unwrap();
    assert_eq!(bankers["type"], "Annotation");
    assert_eq!(bankers["target"]["source"], "../articles/harbour.html");
    let quote = &bankers["target"]["selector"][0];
    assert_eq!(quote["type"], "TextQuoteSelector");
    assert_eq!(quote["exact"], "Zürich’s bankers — and Ålesund’s");
    assert_eq!(quote["suffix"], " — financed the new quay, which ");
    let pos = &bankers["target"]["selector"][1];
    assert_eq!(pos["type"], "TextPositionSelector");
    // Code points of the reader text: the two earlier paragraphs and their separators.
    let before = "The Port Authority signed the harbour deal on 3 March 2024 after a long dispute over the old pier.\n\nThe Fishers Union said the deal ignored its members. Weeks later the Fishers Union said the deal ignored its members' boats.\n\n";
    let start = before.chars().count() as u64;
    assert_eq!(pos["start"], start);
    assert_eq!(pos["end"], start + 32);
    let body = &bankers["body"];
    assert_eq!(body[0]["format"], "text/markdown");
    assert_eq!(body[1]["format"], "text/html");
    assert!(items.iter().all(|i| i.get("dossier:orphan").is_none()));
    // Deterministic: the same input gives the same bytes.
    let again = build_copy(&fixture());
    assert_eq!(
        site.read("data/notes.jsonld"),
        again.read("data/notes.jsonld")
    );
}

#[test]
fn edited_text_re_anchors_fuzzily() {
    let dir = copy_fixture();
    edit(
        dir.path(),
        "seeds/harbour.txt",
        "signed the harbour deal on 3 March 2024",
        "signed the new harbor deal on 3 March 2024",
    );
    let site = build_site(&dir.path().join("site.toml"));
    let page = site.read("articles/harbour.html");
    assert_eq!(
        marked_text(&page, "note-1"),
        "signed the new harbor deal on 3 March 2024"
    );
    assert!(page.contains("re-anchored to the closest passage (similarity 0.8"));
    let doc = jsonld(&site);
    let first = &items(&doc)[0];
    assert_eq!(
        first["target"]["selector"][0]["exact"],
        "signed the new harbor deal on 3 March 2024"
    );
}

#[test]
fn an_orphan_fails_the_build_and_keeps_the_previous_site() {
    let dir = copy_fixture();
    let ok = dossier(&["build"], dir.path());
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let before = std::fs::read(dir.path().join("public/articles/harbour.html")).unwrap();
    edit(
        dir.path(),
        "seeds/harbour.txt",
        "Zürich’s bankers — and Ålesund’s — financed",
        "Local bankers and lenders financed",
    );
    let run = dossier(&["build"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: seeds/harbour.notes.md:24: note quote \"Zürich’s bankers — and Ålesund’s\" not found in seeds/harbour.txt; closest candidate \""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("below 0.80); fix the quote or pass --allow-orphans"),
        "{}",
        run.stderr
    );
    let after = std::fs::read(dir.path().join("public/articles/harbour.html")).unwrap();
    assert_eq!(before, after, "a failed build touched the previous site");

    let run = dossier(&["build", "--allow-orphans"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: seeds/harbour.notes.md:24: note quote"),
        "{}",
        run.stderr
    );
    let public = dir.path().join("public");
    let orphans = std::fs::read_to_string(public.join("orphans.html")).unwrap();
    assert!(orphans.contains("<code>seeds/harbour.notes.md:24</code>"));
    assert!(orphans.contains("Zürich’s bankers — and Ålesund’s"));
    assert!(orphans.contains("A quote in several scripts"));
    let page = std::fs::read_to_string(public.join("articles/harbour.html")).unwrap();
    assert!(page.contains("href=\"../orphans.html#orphans-harbour\""));
    assert!(page.contains("href=\"../orphans.html\">Orphaned editorial notes</a>"));
    assert!(!page.contains("data-note=\"note-bankers\""));
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("data/notes.jsonld")).unwrap())
            .unwrap();
    let orphan = items(&doc)
        .into_iter()
        .find(|i| i["dossier:orphan"] == true)
        .unwrap();
    assert_eq!(
        orphan["target"]["selector"][0]["exact"],
        "Zürich’s bankers — and Ålesund’s"
    );
    assert_eq!(orphan["target"]["selector"].as_array().unwrap().len(), 1);
}

#[test]
fn an_ambiguous_quote_is_an_orphan_never_a_guess() {
    let dir = copy_fixture();
    edit(
        dir.path(),
        "seeds/harbour.notes.md",
        "suffix: \"' boats\"\n",
        "",
    );
    let run = dossier(&["build"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("seeds/harbour.notes.md:18: note quote \"said the deal ignored its members\" is ambiguous in seeds/harbour.txt: 2 equally good places (exact match, at lines 3, 3); add prefix: or suffix:"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_bad_references_and_syntax_at_their_position() {
    let dir = copy_fixture();
    edit(
        dir.path(),
        "seeds/quay.notes.md",
        "A quote across",
        "See [[actor:nobody]] and [[date:1999-01-01]].\nqoute\n\nA quote across",
    );
    let run = dossier(&["check"], dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: seeds/quay.notes.md:4:5: unknown actor \"nobody\" in [[actor:nobody]]; the actors are: port-authority, fishers-union"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: seeds/quay.notes.md:4:26: no article gives the date 1999-01-01"),
        "{}",
        run.stderr
    );
    edit(
        dir.path(),
        "seeds/quay.notes.md",
        "> The new quay",
        "quote The new quay",
    );
    let run = dossier(&["build"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("seeds/quay.notes.md:2:1: expected `> quoted words` or a field"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_notes_file_without_its_article_is_an_error() {
    let dir = copy_fixture();
    std::fs::write(dir.path().join("seeds/missing.notes.md"), "---\n> x\n\ny\n").unwrap();
    let run = dossier(&["build"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: seeds/missing.notes.md: no article \"missing\" for this notes file"),
        "{}",
        run.stderr
    );
}

#[test]
fn editing_a_note_rebuilds() {
    let dir = copy_fixture();
    assert_eq!(dossier(&["build"], dir.path()).code, 0);
    let again = dossier(&["build"], dir.path());
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    edit(
        dir.path(),
        "seeds/quay.notes.md",
        "A quote across",
        "Now a quote across",
    );
    let changed = dossier(&["build"], dir.path());
    assert!(changed.stdout.starts_with("built"), "{}", changed.stdout);
    let page = std::fs::read_to_string(dir.path().join("public/articles/quay.html")).unwrap();
    assert!(page.contains("Now a quote across"));
}

#[test]
fn every_shipped_article_has_a_note_that_anchors() {
    let site = shipped();
    let doc = jsonld(site);
    let items = items(&doc);
    assert!(items.iter().all(|i| i.get("dossier:orphan").is_none()));
    for article in site.json()["articles"].as_array().unwrap() {
        let id = article["id"].as_str().unwrap();
        let source = format!("../articles/{id}.html");
        assert!(
            items.iter().any(|i| i["target"]["source"] == source),
            "{id} has no note"
        );
        let page = site.read(&format!("articles/{id}.html"));
        assert!(
            page.contains("class=\"note-anchor\""),
            "{id} shows no highlight"
        );
        assert!(
            page.contains("<details class=\"ednote\""),
            "{id} shows no note"
        );
    }
    // The date 004 gets wrong, and the group with many names.
    let p004 = site.read("articles/004_5cfbe151e982db66.html");
    assert!(marked_text(&p004, "note-1").contains("April 2024"));
    assert!(p004.contains("17 April 2025"));
    let p003 = site.read("articles/003_a2ebef9a25d52dce.html");
    assert_eq!(
        marked_text(&p003, "note-1"),
        "Islamic State-Khorasan (IS-K)"
    );
    assert!(p003.contains("<a href=\"../actors/is-k.html\">Islamic State Khorasan</a>"));
}

/// The shipped corpus keeps its notes in `notes/` beside `site.toml`: they anchor, and `seeds/`
/// holds nothing but articles (tools glob `seeds/<id>.*` for an article's source).
#[test]
fn notes_folder_beside_site_toml_is_read() {
    let repo = crate::common::repo();
    let seeds: Vec<String> = std::fs::read_dir(repo.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(seeds.iter().all(|n| !n.ends_with(".notes.md")), "{seeds:?}");
    let site = crate::common::shipped();
    for id in [
        "000_8fefd90fdbec9dd5",
        "001_c5d4f6595bce87c3",
        "002_f09ae1030d639c2c",
        "003_a2ebef9a25d52dce",
        "004_5cfbe151e982db66",
    ] {
        let page = site.read(&format!("articles/{id}.html"));
        assert!(
            page.contains("class=\"note-anchor\""),
            "{id} has no anchored note"
        );
    }
}
