//! What a reader sees of counts, sources, events, the chart, orphans and the wide-screen
//! layout: the shipped corpus, the events fixture and a notes fixture with a quote that lost
//! its place.

use crate::cli::dossier;
use crate::common::*;

/// The number written just before `phrase` in `text` ("25" of "25 dated mentions").
fn count_before(text: &str, phrase: &str) -> usize {
    let at = text
        .find(phrase)
        .unwrap_or_else(|| panic!("no {phrase:?} in the page"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no count before {phrase:?}"))
}

/// The wide artboard of a page's timeline chart.
fn wide_board(html: &str) -> &str {
    let start = html
        .find("<svg class=\"tl-svg tl-wide\"")
        .expect("wide chart");
    let rest = &html[start..];
    &rest[..rest.find("</svg>").unwrap()]
}

#[test]
fn the_timeline_count_is_said_the_same_way_everywhere() {
    let site = shipped();
    let home = strip_tags(&site.read("index.html"));
    let timeline_html = site.read("timeline.html");
    let timeline = strip_tags(&timeline_html);
    let n = count_before(&timeline, " dated mentions from every article");
    assert_eq!(count_before(&home, " dated mentions →"), n);
    assert!(home.contains(&format!("Timeline of {n} dated mentions")));
    // The chart's long description counts the same things in the same words.
    assert_eq!(count_before(&timeline_html, " dated mentions from 1"), n);
    for (page, text) in [("index", &home), ("timeline", &timeline)] {
        for other in ["dated events", "dated sentences", "dated dates"] {
            assert!(!text.contains(other), "{page} says {other:?}");
        }
    }
}

#[test]
fn readers_see_outlets_not_source_files() {
    let site = shipped();
    for page in files(&site.out) {
        let rel = page.to_string_lossy().into_owned();
        if !rel.ends_with(".html") {
            continue;
        }
        let text = strip_tags(&site.read(&rel));
        assert!(!text.contains("seeds/"), "{rel} shows a source file path");
        assert!(!text.contains("Source: "), "{rel} shows a Source: line");
    }
}

#[test]
fn every_busy_year_of_the_wide_chart_has_a_label() {
    for site in [shipped(), events_fixture()] {
        let html = site.read("timeline.html");
        let board = wide_board(&html);
        let years: Vec<&str> = board.split("<a class=\"tl-year\"").skip(1).collect();
        assert!(!years.is_empty());
        for y in years {
            let column = &y[..y.find("</a>").unwrap()];
            assert!(
                column.contains("class=\"tl-label\""),
                "unlabelled: {column}"
            );
        }
    }
}

#[test]
fn a_disagreeing_event_says_so_once() {
    let site = build_site(&repo().join("tests/fixtures/events/site.toml"));
    let html = site.read("timeline.html");
    let blocks: Vec<&str> = html
        .split("class=\"multi-source\"")
        .skip(1)
        .map(|b| &b[..b.find("</section>").unwrap()])
        .filter(|b| b.contains("date-disagreement"))
        .collect();
    assert!(!blocks.is_empty(), "the fixture has a disagreeing event");
    for block in blocks {
        let heading = &block[block.find("<h3").unwrap()..block.find("</h3>").unwrap()];
        let caption = &block[block.find("<caption>").unwrap()..block.find("</caption>").unwrap()];
        let says = |s: &str| s.to_lowercase().contains("disagree");
        assert!(
            says(heading) != says(caption),
            "heading and caption both say it: {heading} / {caption}"
        );
    }
}

#[test]
fn an_orphan_shows_its_closest_passage_once_and_is_not_marked_as_placed() {
    let dir = tempfile::tempdir().unwrap();
    copy_site_sources(&repo().join("tests/fixtures/notes"), dir.path());
    let seed = dir.path().join("seeds/harbour.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    let quote = "Zürich’s bankers — and Ålesund’s — financed";
    assert!(text.contains(quote));
    std::fs::write(
        &seed,
        text.replacen(quote, "Local bankers and lenders financed", 1),
    )
    .unwrap();
    let run = dossier(&["build", "--allow-orphans"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(dir.path().join("public/orphans.html")).unwrap();
    let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    let orphan = &main[main.find("<li class=\"orphan\"").unwrap()..];
    let reason = &orphan[orphan.find("class=\"orphan-reason\"").unwrap()..];
    let reason = &reason[..reason.find("</p>").unwrap()];
    assert_eq!(reason.matches("similarity").count(), 1, "{reason}");
    assert!(!reason.contains("closest candidate"), "{reason}");
    assert!(reason.contains("Local bankers"), "{reason}");
    assert!(
        !reason.contains('\n'),
        "the passage keeps its line breaks: {reason}"
    );
    // An anchored note's highlight means "the note is about these words, here"; an orphan has no here.
    assert!(
        !main.contains("note-anchor"),
        "an orphan is highlighted as placed"
    );
    assert!(main.contains("class=\"orphan-words\">Zürich’s bankers — and Ålesund’s</span>"));
}

#[test]
fn an_actor_page_keeps_its_lookups_in_a_side_column() {
    let site = shipped();
    let mut split = 0;
    for page in files(&site.out.join("actors")) {
        let rel = format!("actors/{}", page.display());
        let html = site.read(&rel);
        let main = html
            .find("class=\"actor-main\"")
            .unwrap_or_else(|| panic!("{rel}: no main column"));
        let lookups: Vec<usize> = ["id=\"co-h\"", "id=\"tl-h\""]
            .iter()
            .filter_map(|id| html.find(id))
            .collect();
        let Some(side) = html.find("class=\"actor-side\"") else {
            // Nothing to look up: no empty margin column either.
            assert!(lookups.is_empty(), "{rel}: lookups outside a side column");
            assert!(
                !html.contains("actor-layout-split"),
                "{rel}: a split with no side"
            );
            continue;
        };
        assert!(html.contains("actor-layout-split"), "{rel}");
        assert!(main < side, "{rel}: the text comes first");
        assert!(
            lookups.iter().all(|&at| at > side),
            "{rel}: a lookup outside the side column"
        );
        for id in ["id=\"mentions-h\"", "id=\"members-h\"", "id=\"quotes-h\""] {
            if let Some(at) = html.find(id) {
                assert!(
                    at > main && at < side,
                    "{rel}: {id} outside the main column"
                );
            }
        }
        split += 1;
    }
    assert!(split > 0);
}

/// Every mention link and bare `<b>` of an article page's body (margin cells left out), as
/// `(opening tag or None, words)` in order, the words without tags.
fn body_mentions(html: &str) -> Vec<(Option<String>, String)> {
    let body = &html[html.find("<div class=\"body\">").expect("a body")..];
    let margins =
        regex::Regex::new(r#"<div class="margin">(?:<details[\s\S]*?</details>)*</div>"#).unwrap();
    let body = margins.replace_all(body, "");
    let mention = regex::Regex::new(
        r#"(<a href="\.\./(?:actors/|timeline|entities/)[^"]*"[^>]*>)(.*?)</a>|<b>(.*?)</b>"#,
    )
    .unwrap();
    // The words as the script reads them: the text, without an editorial note's highlight.
    mention
        .captures_iter(&body)
        .map(|c| match c.get(1) {
            Some(tag) => (Some(tag.as_str().to_owned()), strip_tags(&c[2])),
            None => (None, strip_tags(&c[3])),
        })
        .collect()
}

#[test]
fn a_mention_in_the_words_of_the_latest_link_is_a_bare_b_and_no_other_is() {
    let site = shipped();
    let mut repeats = 0;
    for page in files(&site.out.join("articles")) {
        let html = site.read(&format!("articles/{}", page.display()));
        let mut latest: std::collections::HashMap<String, String> = Default::default();
        for (tag, words) in body_mentions(&html) {
            match tag {
                Some(tag) => {
                    assert_ne!(
                        latest.get(&words),
                        Some(&tag),
                        "{page:?}: {words:?} links again where it could repeat"
                    );
                    latest.insert(words, tag);
                }
                None => {
                    assert!(
                        latest.contains_key(&words),
                        "{page:?}: {words:?} repeats no link before it"
                    );
                    repeats += 1;
                }
            }
        }
    }
    assert!(
        repeats > 50,
        "only {repeats} repeated mentions in the shipped site"
    );
}
