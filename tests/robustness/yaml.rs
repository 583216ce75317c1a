//! YAML front matter: read like TOML front matter, and hostile YAML is a quick error that names
//! the file, line and column, with nothing written.

use std::time::{Duration, Instant};

use crate::support::*;

/// The build's error for one Markdown seed, checked to come quickly and to name a position.
fn quick_error(text: &str) -> String {
    let p = Project::new();
    p.seed("ok.txt", "Russia spoke.\n");
    p.seed("hostile.md", text);
    let start = Instant::now();
    // Shown as the command line shows it, relative to the project folder.
    let root = format!("error: {}/", p.root().display());
    let err = p.error().replacen(&root, "", 1);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    assert!(!p.path("public").exists(), "nothing written");
    assert!(err.starts_with("seeds/hostile.md:"), "{err}");
    let position = err["seeds/hostile.md:".len()..]
        .split(':')
        .take(2)
        .collect::<Vec<_>>();
    assert!(
        position.iter().all(|n| n.parse::<u32>().is_ok()),
        "no line:col in {err}"
    );
    err
}

#[test]
fn yaml_front_matter_builds_like_toml() {
    let p = Project::new();
    p.seed(
        "deal.md",
        "---\ntitle: \"Poland Signs Nuclear Deal\"\npublished: 2024-12-12\noutlet: Notes from Poland\n---\nRussia objected on Monday.\n",
    );
    p.ok();
    let page = p.read("public/articles/deal.html");
    let doc = check_page("deal.html", &page);
    assert_eq!(text_of(&doc, "h1"), "Poland Signs Nuclear Deal");
    assert!(
        !page.contains("title:"),
        "the front matter leaked into the page"
    );
    assert!(page.contains("Notes from Poland"));
    assert!(page.contains("2024-12-12"), "published date");
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut yaml = String::from("---\ntitle: T\nsubtitle: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let levels = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for name in levels {
        let refs = vec![format!("*{prev}"); 8].join(",");
        yaml.push_str(&format!("x{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    yaml.push_str("---\nBody.\n");
    quick_error(&yaml);
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let flow = format!(
        "---\ntitle: {}x{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    quick_error(&flow);
    let block: String = (0..2_000)
        .map(|i| format!("{}- \n", " ".repeat(i)))
        .collect();
    quick_error(&format!("---\ntitle:\n{block}---\n"));
}

#[test]
fn a_huge_front_matter_is_refused_quickly() {
    let err = quick_error(&format!(
        "---\ntitle: T\nsubtitle: \"{}\"\n---\n",
        "x".repeat(5_000_000)
    ));
    assert!(err.contains("bytes; at most"), "{err}");
}

#[test]
fn wrong_types_name_their_line() {
    let err = quick_error("---\ntitle: T\ntitle_editorial: [1, 2]\n---\n");
    assert!(err.starts_with("seeds/hostile.md:3:"), "{err}");
    let err = quick_error("---\ntitle: T\npublished: next week\n---\n");
    assert!(
        err.starts_with("seeds/hostile.md:3:") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
    let err = quick_error("---\ntitle: T\nlayout: post\n---\n");
    assert!(
        err.starts_with("seeds/hostile.md:3:1:") && err.contains("layout"),
        "{err}"
    );
    let err = quick_error("---\ntitle: \"unclosed\n---\n");
    assert!(err.contains("front matter"), "{err}");
}
