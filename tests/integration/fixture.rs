//! A second corpus written for the tests: other outlets, actors, a Markdown article with code.

use crate::common::*;

#[test]
fn markdown_article_renders_with_highlighting_and_annotations() {
    let site = europe();
    let html = site.read("articles/code-and-nato.html");
    assert!(html.contains("<pre class=\"code\" data-lang=\"python\">") && html.contains("hl-"));
    assert!(html.contains("static/highlight.css"));
    assert!(site
        .read("static/highlight.css")
        .contains("prefers-color-scheme: dark"));
    assert!(
        html.contains(r#"<em><a href="../actors/nato.html""#),
        "mention inside emphasis"
    );
    assert!(!html.contains("<script>"), "raw HTML is shown as text");
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(html.contains("<h1>How We Count NATO Mentions</h1>"));
    assert!(html.contains("<h2 id=\"p1\">Method</h2>"));
    let dates = site.mentions("code-and-nato", "date");
    let june4 = dates
        .iter()
        .find(|m| m["text"].as_str().unwrap().contains("June 4"))
        .expect("June 4");
    assert_eq!(june4["value"], "2024-06-04");
    assert_offsets_point_at_text(site, &repo().join("tests/fixtures/europe"));
    let warnings: Vec<String> = site.report.warnings.iter().map(|d| d.located()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].ends_with(
            "/seeds/code-and-nato.md:22: unknown code language \"klingon\"; shown as plain text"
        ),
        "{warnings:?}"
    );
}

#[test]
fn plain_text_from_another_outlet() {
    let site = europe();
    let html = site.read("articles/brussels-gas.html");
    assert!(
        html.contains("<h1>Brussels Tightens the Gas Cap</h1>"),
        "title recovered from the first line"
    );
    assert!(html.contains("class=\"standfirst\""));
    assert!(html.contains(">What Comes Next</h2>"));
    let trailer = html.split("class=\"trailer\"").nth(1).expect("trailer");
    assert!(
        trailer.contains("senior energy correspondent")
            && trailer.contains("Opinions expressed")
            && trailer.contains("Share this:")
    );
    assert!(
        html.contains("14 March 2023"),
        "day-precise publication date"
    );
    let dates = site.mentions("brussels-gas", "date");
    let value = |t: &str| {
        dates
            .iter()
            .find(|m| m["text"].as_str().unwrap().contains(t))
            .map(|m| m["value"].as_str().unwrap().to_string())
    };
    assert_eq!(value("March 2, 2023").as_deref(), Some("2023-03-02"));
    assert_eq!(value("2014").as_deref(), Some("2014"));
    assert_eq!(value("2010s").as_deref(), Some("201"));
    assert_eq!(value("earlier this year").as_deref(), Some("2023"));
    assert!(
        !dates
            .iter()
            .any(|m| m["text"].as_str().unwrap().contains("1,200")),
        "a count is not a date"
    );
    let actors = site.mentions("brussels-gas", "actor");
    let linked = |t: &str| actors.iter().any(|m| m["text"] == t);
    assert!(linked("European Union") && linked("Kyiv") && linked("Germany"));
    assert!(
        !actors.iter().any(|m| m["text"] == "Berlin"),
        "a concert in Berlin is a place"
    );
    assert!(
        !actors
            .iter()
            .any(|m| m["text"] == "Brussels"
                && site.sentence_of(m).starts_with("Officials in Brussels")),
        "officials in Brussels: a place"
    );
}

#[test]
fn title_is_inferred_without_metadata() {
    let site = europe();
    let json = site.json();
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "no-metadata")
        .unwrap()
        .clone();
    let title = article["title"].as_str().unwrap();
    assert!(
        title.starts_with("Germany and Ukraine signed a grid agreement"),
        "{title}"
    );
    assert!(article["published"].is_null());
    let dates = site.mentions("no-metadata", "date");
    assert_eq!(dates[0]["value"], "2021-05-12");
}

#[test]
fn canonical_links_use_base_url_but_internal_links_stay_relative() {
    let site = europe();
    let html = site.read("articles/brussels-gas.html");
    assert!(html.contains(
        r#"<link rel="canonical" href="https://example.org/energy/articles/brussels-gas.html">"#
    ));
    assert!(html.contains(r#"href="../static/style.css""#));
    assert!(site.read("index.html").contains("lang=\"en-GB\""));
    assert!(
        site.read("404.html")
            .contains("href=\"https://example.org/energy/index.html\""),
        "404 is served at any depth"
    );
}
