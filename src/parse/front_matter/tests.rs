//! Front matter: TOML and YAML read alike, hostile YAML refused quickly with a position.

use std::time::{Duration, Instant};

use super::*;

/// The error as `FILE:LINE:COL: message; hint`.
fn err(src: &str) -> String {
    split(src, "a.md").unwrap_err().located()
}

#[test]
fn splits_toml_front_matter() {
    let src = "+++\ntitle = \"T\"\npublished = \"2024\"\n+++\nBody\n";
    let (meta, body) = split(src, "a.md").unwrap();
    assert_eq!(meta.title.as_deref(), Some("T"));
    assert_eq!(&src[body..], "Body\n");
}

#[test]
fn no_front_matter_is_fine() {
    assert_eq!(split("# Hi\n", "a.md").unwrap().1, 0);
}

#[test]
fn bad_key_names_file_line_and_column() {
    let err = err("+++\ntitle = \"T\"\ncolor = 1\n+++\n");
    assert!(
        err.starts_with("a.md:3:1:") && err.contains("color"),
        "{err}"
    );
}

#[test]
fn yaml_front_matter_reads_the_same_keys() {
    let src = "---\ntitle: \"Poland Signs Nuclear Deal\"\npublished: 2024-12-12\noutlet: Notes from Poland\ntitle_editorial: true\n---\nBody\n";
    let (meta, body) = split(src, "a.md").unwrap();
    assert_eq!(meta.title.as_deref(), Some("Poland Signs Nuclear Deal"));
    assert_eq!(meta.published.as_deref(), Some("2024-12-12"));
    assert_eq!(meta.outlet.as_deref(), Some("Notes from Poland"));
    assert!(meta.title_editorial);
    assert_eq!(&src[body..], "Body\n");
    let toml = "+++\ntitle = \"Poland Signs Nuclear Deal\"\npublished = 2024-12-12\noutlet = \"Notes from Poland\"\ntitle_editorial = true\n+++\nBody\n";
    assert_eq!(split(toml, "a.md").unwrap().0, meta);
}

#[test]
fn yaml_takes_a_year_a_number_title_and_crlf() {
    let (meta, body) = split(
        "---\r\ntitle: 1984\r\npublished: 2024\r\n---\r\nText\r\n",
        "a.md",
    )
    .unwrap();
    assert_eq!(meta.title.as_deref(), Some("1984"));
    assert_eq!(meta.published.as_deref(), Some("2024"));
    assert!(body > 0);
    // YAML's end-of-document marker closes it too.
    assert_eq!(
        split("---\ntitle: T\n...\nBody", "a.md")
            .unwrap()
            .0
            .title
            .as_deref(),
        Some("T")
    );
}

#[test]
fn a_leading_thematic_break_is_not_front_matter() {
    assert_eq!(split("---\n\nSome text.\n", "a.md").unwrap().1, 0);
    assert_eq!(split("---\nJust a line\n", "a.md").unwrap().1, 0);
    // Two rules around a paragraph are not front matter either.
    assert_eq!(
        split("---\n\nA paragraph.\n\n---\n\nMore.\n", "a.md")
            .unwrap()
            .1,
        0
    );
    // Empty fences are empty front matter; a comment may come before the keys.
    assert_eq!(split("---\n---\nBody", "a.md").unwrap().1, 8);
    let (meta, _) = split("---\n# from the exporter\ntitle: T\n---\nBody", "a.md").unwrap();
    assert_eq!(meta.title.as_deref(), Some("T"));
}

#[test]
fn yaml_errors_name_the_line_and_column() {
    let e = err("---\ntitle: T\ncolour: red\n---\n");
    assert!(e.starts_with("a.md:3:1:") && e.contains("colour"), "{e}");
    let e = err("---\ntitle: [a, b]\n---\n");
    assert!(e.starts_with("a.md:2:"), "{e}");
    let e = err("---\ntitle: T\npublished: soon\n---\n");
    assert!(
        e.starts_with("a.md:3:12:") && e.contains("YYYY-MM-DD"),
        "{e}"
    );
    let e = err("---\ntitle: T\n  bad: indent\n---\n");
    assert!(e.starts_with("a.md:"), "{e}");
    let e = err("---\ntitle: T\nno end\n");
    assert!(e.contains("never closed"), "{e}");
    let e = err("---\ntitle_editorial: maybe\n---\n");
    assert!(e.starts_with("a.md:2:"), "{e}");
}

fn quick(src: &str) -> String {
    let start = Instant::now();
    let e = err(src);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "took {:?}",
        start.elapsed()
    );
    assert!(e.starts_with("a.md:"), "{e}");
    e
}

#[test]
fn hostile_yaml_is_a_quick_error() {
    // Billion laughs: nine levels of ten aliases each.
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("title: *i\n---\n");
    quick(&bomb);
    // Deep nesting.
    quick(&format!(
        "---\ntitle: {}{}\n---\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    ));
    let nested: String = (0..200)
        .map(|i| format!("{}k:\n", "  ".repeat(i)))
        .collect();
    quick(&format!("---\n{nested}---\n"));
    // A huge document.
    let e = quick(&format!("---\ntitle: \"{}\"\n---\n", "x".repeat(200_000)));
    assert!(e.contains("at most"), "{e}");
}

#[test]
fn a_misspelt_key_suggests_the_key_meant() {
    let e = err("---\ntitle: T\nautor: X\n---\n");
    assert!(
        e.starts_with("a.md:3:1: front matter: unknown field `autor`")
            && e.ends_with("; did you mean `author`?"),
        "{e}"
    );
    let e = err("+++\ntitel = \"T\"\n+++\n");
    assert!(
        e.starts_with("a.md:2:1:") && e.ends_with("; did you mean `title`?"),
        "{e}"
    );
    let e = err("---\ntitle: T\nlayout: post\n---\n");
    assert!(
        !e.contains("did you mean"),
        "nothing is close to `layout`: {e}"
    );
}
