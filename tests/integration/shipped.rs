//! The shipped five-article corpus: structure, annotations, pages and export.

use crate::common::*;

const A000: &str = "000_8fefd90fdbec9dd5";
const A001: &str = "001_c5d4f6595bce87c3";
const A002: &str = "002_f09ae1030d639c2c";
const A003: &str = "003_a2ebef9a25d52dce";
const A004: &str = "004_5cfbe151e982db66";

#[test]
fn builds_every_page_type() {
    let site = shipped();
    for page in [
        "index.html",
        "timeline.html",
        "404.html",
        ".nojekyll",
        "static/style.css",
        "data/annotations.json",
    ] {
        assert!(site.out.join(page).exists(), "{page} missing");
    }
    for id in [A000, A001, A002, A003, A004] {
        assert!(site.out.join(format!("articles/{id}.html")).exists());
    }
    for actor in [
        "russia",
        "taliban",
        "is-k",
        "haqqani",
        "ttp",
        "united-states",
        "china",
        "pakistan",
        "iran",
        "un",
    ] {
        assert!(
            site.out.join(format!("actors/{actor}.html")).exists(),
            "{actor}"
        );
    }
    assert_eq!(site.report.articles, 5);
}

#[test]
fn export_has_schema_and_exact_offsets() {
    let site = shipped();
    let json = site.json();
    assert_eq!(json["version"], 2);
    let first = &json["articles"][0];
    assert_eq!(first["id"], A000);
    assert_eq!(first["url"], format!("articles/{A000}.html"));
    assert_eq!(first["source"], format!("seeds/{A000}.txt"));
    assert_eq!(first["published"], "2025-07");
    assert_offsets_point_at_text(site, &repo());
    let dates = site.mentions(A003, "date");
    let july3 = dates
        .iter()
        .find(|m| m["text"].as_str().unwrap().contains("July 3"))
        .expect("July 3");
    assert_eq!(july3["value"], "2025-07-03");
    assert!(site.sentence_of(july3).contains("formally recognize"));
}

#[test]
fn actors_follow_metonymy_and_exclusions() {
    let site = shipped();
    let ttp: Vec<String> = site
        .mentions(A003, "actor")
        .iter()
        .filter(|m| m["actor"] == "ttp")
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ttp.iter().any(|t| t == "Tehrik-e-Taliban-e-Pakistan"),
        "{ttp:?}"
    );
    let html = site.read(&format!("articles/{A003}.html"));
    // An editorial note highlights this passage, so the words may sit inside a <mark>.
    assert!(
        html.contains("a concert in Moscow in ") && !html.contains("a concert in <a"),
        "Moscow as a place must not be linked"
    );
    let a004 = site.mentions(A004, "actor");
    assert!(a004
        .iter()
        .any(|m| m["text"] == "Pakistani Taliban" && m["actor"] == "ttp"));
    assert!(!a004
        .iter()
        .any(|m| m["actor"] == "taliban" && m["text"].as_str().unwrap().contains("Pakistani")));
}

#[test]
fn durations_counts_and_money_are_not_dates() {
    let site = shipped();
    for id in [A000, A001, A002, A003, A004] {
        for m in site.mentions(id, "date") {
            // Vague references ("recent years" is PAST_REF) are no points in time.
            if m["value"].as_str().is_some_and(|v| v.ends_with("_REF")) {
                continue;
            }
            let text = m["text"].as_str().unwrap().to_lowercase();
            for bad in ["year-old", "years", "billion", "lives", "older than", "may"] {
                assert!(
                    !text.contains(bad) || text.contains("this year"),
                    "{id}: {text:?} exported as a date"
                );
            }
        }
    }
    let durations = site.mentions(A003, "duration");
    assert!(
        durations
            .iter()
            .any(|m| m["text"] == "four long years" && m["value"] == "P4Y"),
        "{durations:?}"
    );
}

#[test]
fn structure_is_recovered() {
    let site = shipped();
    let a004 = site.read(&format!("articles/{A004}.html"));
    for heading in [
        "Bitter Enemies to Pragmatic Partners",
        "What Does Recognition Mean?",
        "Who Might Be Next?",
    ] {
        assert!(
            a004.contains(&format!(">{heading}</h2>")),
            "heading {heading}"
        );
    }
    assert!(a004.contains("<ul>\n<li id="), "list in 004");
    let trailer = a004.split("class=\"trailer\"").nth(1).expect("004 trailer");
    assert!(
        trailer.contains("0 Comment") && trailer.contains(">The views expressed in this content")
    );
    let a000 = site.read(&format!("articles/{A000}.html"));
    let trailer = a000.split("class=\"trailer\"").nth(1).expect("000 trailer");
    assert!(trailer.contains("Ismail Miakhil is the former Director General"));
    assert!(
        !trailer.contains("class=\"m "),
        "trailing matter must not be annotated"
    );
    let a003 = site.read(&format!("articles/{A003}.html"));
    assert!(a003
        .split("class=\"trailer\"")
        .nth(1)
        .expect("003 trailer")
        .contains("published by FPIF"));
    let a001 = site.read(&format!("articles/{A001}.html"));
    assert!(a001.contains("class=\"standfirst\""));
    let title = "Recognizing the Taliban Won’t Make Them Legitimate";
    assert!(a001.contains(&format!("<title>{title}")));
    // The head repeats it in og:title and twitter:title; the body shows it once.
    let body = a001.split("<body").nth(1).unwrap();
    assert_eq!(body.matches(title).count(), 1, "title once in <h1>");
}

#[test]
fn repeated_paragraphs_are_shown_once_with_a_note() {
    let site = shipped();
    let html = site.read(&format!("articles/{A002}.html"));
    // The article's own text, without the editorial notes (one of them quotes this passage).
    let text: String = html
        .split("<details class=\"ednote\"")
        .enumerate()
        .map(|(i, part)| match i {
            0 => part,
            _ => part.split_once("</details>").map_or("", |(_, rest)| rest),
        })
        .collect();
    let text = strip_tags(&text);
    assert_eq!(
        text.matches("Fawzia Koofi, a former Afghan politician, condemned")
            .count(),
        1
    );
    assert!(html.contains("class=\"repeat-note\""));
    assert!(
        html.contains("repeats 9 paragraphs"),
        "note counts the nine repeated paragraphs"
    );
    let body = html.split("class=\"body\"").nth(1).unwrap();
    assert!(
        !body.contains(">Russia Becomes First Country to Recognize Taliban Government<"),
        "headline not repeated in the body"
    );
}

#[test]
fn mentions_link_to_actor_pages_and_timeline() {
    let site = shipped();
    let html = site.read(&format!("articles/{A003}.html"));
    assert!(html.contains(r#"<a href="../actors/is-k.html""#));
    assert!(html.contains(r#"<a href="../timeline.html#t2021""#));
    assert!(html.contains("id=\"p1\""), "paragraph anchors");
    assert!(html.contains("Related articles") && html.contains("rel=\"prev\""));
}

#[test]
fn actor_page_has_kwic_forms_cooccurrence_and_timeline() {
    let site = shipped();
    let html = site.read("actors/russia.html");
    assert!(html.contains("class=\"kwic\""));
    assert!(
        html.contains("<q>Moscow</q>") && html.contains("Kremlin</q>"),
        "surface forms per article"
    );
    assert!(
        html.contains(&format!("../articles/{A001}.html#p")),
        "KWIC links to a paragraph"
    );
    assert!(
        html.contains("Named in the same paragraphs") && html.contains("../actors/taliban.html")
    );
    assert!(html.contains("On the timeline"));
}

#[test]
fn timeline_is_chronological_with_real_precision() {
    let site = shipped();
    // A timeline this small is one page, in sections by year (decades on their own).
    let html = site.read("timeline.html");
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(
        pos("id=\"y1979\"") < pos("id=\"d199\"")
            && pos("id=\"d199\"") < pos("id=\"y2001\"")
            && pos("id=\"y2001\"") < pos("id=\"y2025\"")
    );
    assert!(html.contains(">1990s</h2>"));
    assert!(html.contains("<time datetime=\"2001-09-11\">"));
    // One row per date: 2021 is given four times in two articles.
    assert_eq!(html.matches("id=\"t2021\"").count(), 1);
    assert!(html.contains("4 mentions in 2 articles"), "{html}");
    assert!(
        html.contains("publication date (July 2025)"),
        "relative dates explain their resolution"
    );
    assert!(
        !html.contains("1 July 2025"),
        "a month is never given a made-up day"
    );
}

#[test]
fn home_lists_articles_with_metadata_and_actors() {
    let site = shipped();
    let html = site.read("index.html");
    assert_eq!(html.matches("class=\"card\"").count(), 5);
    assert!(
        html.contains("Ismail Miakhil") && html.contains("Amu TV") && html.contains("July 2025")
    );
    assert!(html.contains("editor’s title"));
    assert!(html.contains("href=\"timeline.html\""));
    assert!(html.contains("href=\"actors/russia.html\""));
}

#[test]
fn pages_use_only_relative_links_and_no_external_resources() {
    let site = shipped();
    for file in files(&site.out)
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html = site.read(file.to_str().unwrap());
        assert!(!html.contains("src=\"http"), "{file:?}");
        // Scripts are files of the site, never inline: the page's CSP forbids inline script.
        for tag in html.split("<script").skip(1) {
            let open = &tag[..tag.find('>').unwrap()];
            assert!(open.contains(" src=\""), "{file:?} has an inline script");
            assert!(tag[open.len() + 1..].starts_with("</script>"), "{file:?}");
        }
        assert!(!html.contains(" style=\""), "{file:?} has an inline style");
        assert!(
            html.contains("Content-Security-Policy"),
            "{file:?} has no CSP"
        );
        assert!(
            !html.contains("href=\"/"),
            "{file:?} has a root-absolute link"
        );
        for tag in html
            .split("<link ")
            .skip(1)
            .map(|t| t.split('>').next().unwrap())
        {
            assert!(
                !tag.contains("href=\"http") || tag.starts_with("rel=\"canonical\""),
                "{file:?}: {tag}"
            );
        }
    }
}

#[test]
fn annotated_paragraphs_carry_the_links_their_margin_notes_are_made_from() {
    let site = shipped();
    let html = site.read("articles/002_f09ae1030d639c2c.html");
    // The paragraph that cites 2022 links its actors and the timeline entry; dossier.js makes
    // the margin notes from these links (tests/browser/suites/notes.mjs reads them).
    let para = html
        .split("<p id=\"")
        .find(|p| p.contains(">2022</a>"))
        .expect("a paragraph citing 2022");
    let para = &para[..para.find("</p>").unwrap()];
    assert!(
        para.contains("<a href=\"../actors/russia.html\">"),
        "{para}"
    );
    assert!(
        para.contains("<a href=\"../timeline.html#t2022\""),
        "{para}"
    );
    // Words that say their date carry no label; the page does not write the notes itself.
    assert!(!para.contains("data-d=\"2022\""), "{para}");
    assert!(!html.contains("<details class=\"notes\""));
}
