//! The Atom feed, the sitemap, Open Graph meta, the favicon and a site's extra static files.

use dossier::pipeline::{build, BuildOptions};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::common::{repo, Built};

fn build_with_base(base_url: Option<&str>) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let report = build(
        &repo().join("site.toml"),
        &BuildOptions {
            output: Some(out.clone()),
            base_url: base_url.map(String::from),
            ..Default::default()
        },
    )
    .unwrap();
    Built {
        _dir: dir,
        out,
        report,
    }
}

/// Parses the whole document, failing on any well-formedness error; returns the text of every
/// element named `name`, in order.
fn xml_texts(xml: &str, name: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => inside = e.name().into_inner() == name,
            Ok(Event::Text(t)) if inside => out.push(t.into_inner().into_owned()),
            Ok(Event::End(_)) => inside = false,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    out
}

#[test]
fn atom_feed_is_well_formed_and_newest_first() {
    let built = crate::common::shipped();
    let feed = built.read("atom.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    let entries = feed.matches("<entry>").count();
    assert_eq!(entries, built.report.articles);
    let updated = xml_texts(&feed, "updated");
    assert_eq!(updated.len(), entries + 1, "feed and every entry");
    let mut sorted = updated[1..].to_vec();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated[1..], sorted[..], "newest first");
    let ids = xml_texts(&feed, "id");
    assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")), "{ids:?}");
    assert!(
        feed.contains("href=\"articles/"),
        "relative links without base_url"
    );
    assert!(
        !built.out.join("sitemap.xml").exists(),
        "no sitemap without base_url"
    );
}

#[test]
fn with_a_base_url_the_feed_is_absolute_and_a_sitemap_lists_every_page() {
    let built = build_with_base(Some("https://user.github.io/repo/"));
    let feed = built.read("atom.xml");
    xml_texts(&feed, "id");
    assert!(feed.contains("<id>https://user.github.io/repo/articles/"));
    let sitemap = built.read("sitemap.xml");
    let locs = xml_texts(&sitemap, "loc");
    assert_eq!(
        locs.len(),
        built.report.pages - 1,
        "every page but 404.html"
    );
    assert!(locs.contains(&"https://user.github.io/repo/index.html".to_string()));
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://user.github.io/repo/")));
    let article = built.read("articles/003_a2ebef9a25d52dce.html");
    assert!(article.contains(
        "<meta property=\"og:url\" content=\"https://user.github.io/repo/articles/003_a2ebef9a25d52dce.html\">"
    ));
}

#[test]
fn pages_carry_open_graph_feed_and_favicon_links() {
    let built = crate::common::shipped();
    let article = built.read("articles/003_a2ebef9a25d52dce.html");
    for needle in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\" content=\"",
        "<meta property=\"og:description\" content=\"",
        "<meta name=\"twitter:card\" content=\"summary\">",
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"",
        "href=\"../atom.xml\">",
        "<link rel=\"icon\" type=\"image/svg+xml\" href=\"../static/favicon.svg\">",
    ] {
        assert!(article.contains(needle), "{needle}");
    }
    assert!(!article.contains("og:url"), "og:url only with base_url");
    let home = built.read("index.html");
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(home.contains("href=\"static/favicon.svg\""));
    let favicon = built.read("static/favicon.svg");
    xml_texts(&favicon, "svg");
}

#[test]
fn extra_static_files_are_copied_and_overrides_replace() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::create_dir_all(site.join("seeds")).unwrap();
    std::fs::create_dir_all(site.join("static/img")).unwrap();
    std::fs::write(site.join("site.toml"), "title = \"S\"\n").unwrap();
    std::fs::write(site.join("seeds/a.txt"), "Text.\n").unwrap();
    std::fs::write(site.join("static/img/logo.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(
        site.join("static/favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(site.join("static/.DS_Store"), "x").unwrap();
    let built = crate::common::build_site(&site.join("site.toml"));
    assert_eq!(
        std::fs::read(built.out.join("static/img/logo.png")).unwrap(),
        b"\x89PNG\r\n"
    );
    assert_eq!(
        built.read("static/favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    assert!(!built.out.join("static/.DS_Store").exists());
}

/// The feed lists the newest `feed_limit` articles, not the archive: 2 of 3 here, the two
/// most recent; 0 lists all.
#[test]
fn the_feed_lists_only_the_newest_articles() {
    for (limit, expected) in [
        (2, vec!["Third", "Second"]),
        (0, vec!["Third", "Second", "First"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        let mut toml = format!("title = \"Feed\"\nfeed_limit = {limit}\n");
        for (id, title, date) in [
            ("a", "First", "2020-01-01"),
            ("b", "Second", "2021-01-01"),
            ("c", "Third", "2022-01-01"),
        ] {
            std::fs::write(
                dir.path().join(format!("seeds/{id}.txt")),
                format!("{title}\n\nSome text.\n"),
            )
            .unwrap();
            toml.push_str(&format!(
                "[articles.{id}]\ntitle = \"{title}\"\npublished = \"{date}\"\n"
            ));
        }
        std::fs::write(dir.path().join("site.toml"), toml).unwrap();
        let site = crate::common::build_site(&dir.path().join("site.toml"));
        let feed = site.read("atom.xml");
        let titles = xml_texts(&feed, "title");
        assert_eq!(titles[1..], expected[..], "{feed}");
    }
}
