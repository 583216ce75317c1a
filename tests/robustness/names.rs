//! Article file names and actor ids: nothing escapes the output folder, nothing collides.

use crate::support::*;

#[test]
fn same_id_in_two_formats_or_folders_is_an_error() {
    let p = Project::new();
    p.seed("a.md", "A\n").seed("a.txt", "A\n");
    assert_eq!(
        p.error(),
        "error: seeds/a.txt: article id \"a\" collides with seeds/a.md; rename one of them"
    );
    let p = Project::new();
    p.seed("x/n.txt", "A\n").seed("y/n.txt", "A\n");
    assert_eq!(
        p.error(),
        "error: seeds/y/n.txt: article id \"n\" collides with seeds/x/n.txt; rename one of them"
    );
}

#[test]
fn names_differing_only_in_case_collide() {
    let p = Project::new();
    p.seed("Report.txt", "A\n").seed("report.txt", "B\n");
    assert_eq!(
        p.error(),
        "error: seeds/report.txt: article id \"report\" collides with seeds/Report.txt; rename one of them"
    );
    let p = Project::new();
    p.seed("ÉTÉ.txt", "A\n").seed("été.txt", "B\n");
    assert_eq!(
        p.error(),
        "error: seeds/été.txt: article id \"été\" collides with seeds/ÉTÉ.txt; rename one of them"
    );
}

#[test]
fn unsafe_file_names_are_refused_with_the_rule() {
    for name in [
        "with space.txt",
        "semi;colon.txt",
        "quote\".txt",
        "amp&lt.txt",
        "a%2F..%2Fb.txt",
        "e\u{301}.txt",
    ] {
        let p = Project::new();
        p.seed(name, "A\n");
        assert_eq!(
            p.error(),
            format!("error: seeds/{name}: the file name cannot be an article id; use only letters, digits, '-', '_' and '.' in article file names"),
            "{name}"
        );
    }
}

#[test]
fn dots_and_unicode_stay_inside_the_output_folder() {
    let p = Project::new();
    // `..` inside a name is only dots; a leading dot makes a hidden file, which is skipped.
    p.seed("a..b.txt", "Dots\n");
    p.seed("...txt", "Hidden\n");
    p.seed("..hidden.md", "Hidden\n");
    p.seed("日本語-記事.txt", "Unicode\n");
    p.seed("Ωmega_1.2.md", "Greek\n");
    let r = p.ok();
    assert_eq!(r.articles, 3);
    let out = files(&p.path("public"));
    let articles: Vec<String> = out
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|f| f.starts_with("articles/"))
        .collect();
    assert_eq!(
        articles,
        [
            "articles/a..b.html",
            "articles/Ωmega_1.2.html",
            "articles/日本語-記事.html"
        ]
    );
    // Nothing was written outside public/ but the analysis cache (the project holds only
    // what the test made).
    let mut top: Vec<String> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, [".dossier-cache", "public", "seeds", "site.toml"]);
    p.check_all_pages();
}

#[test]
fn actor_ids_must_be_slugs() {
    for (id, col) in [
        ("../etc", 6),
        ("Ru", 6),
        ("a b", 6),
        ("<x>", 6),
        ("-a", 6),
        ("", 6),
        ("ä", 6),
    ] {
        let p = Project::with_config(&format!(
            "title = \"T\"\n[[actors]]\nid = \"{id}\"\nname = \"N\"\n"
        ));
        assert_eq!(
            p.error(),
            format!(
                "error: {}:3:{col}: actor id {id:?} must be lowercase letters, digits and '-' (it becomes a file name)",
                p.path("site.toml").display()
            ),
            "{id}"
        );
    }
}

#[test]
fn aliases_with_odd_characters_are_matched_or_refused_cleanly() {
    let config = |aliases: &str| {
        format!(
            "title = \"T\"\n[[actors]]\nid = \"odd\"\nname = \"A&B <Co>\"\naliases = [{aliases}]\n"
        )
    };
    for bad in [".*", "\u{200B}", "--", " "] {
        let p = Project::with_config(&config(&format!("\"{bad}\"")));
        p.seed("a.txt", "x\n");
        assert_eq!(
            p.error(),
            format!("site.toml: actors: actor `odd`: empty alias {bad:?} (a surface form needs at least one letter or digit)")
        );
    }
    let p = Project::with_config(&config(
        r#""C++", "(x)", "İstanbul", "👍 fans", "a\\b", "{{ x }}""#,
    ));
    p.seed(
        "a.txt",
        "A&B <Co> and C++ met (x) in İstanbul, 👍 fans, a\\b {{ x }} here.\n",
    );
    p.ok();
    p.check_all_pages();
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/annotations.json")).unwrap();
    let texts: Vec<&str> = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "A&B <Co>",
            "C++",
            "(x)",
            "İstanbul",
            "👍 fans",
            "a\\b",
            "{{ x }}"
        ]
    );
}

#[test]
fn an_alias_claimed_by_two_actors_is_an_error() {
    let p = Project::with_config(
        "title = \"T\"\n[[actors]]\nid = \"a\"\nname = \"A\"\naliases = [\"Shared\"]\n[[actors]]\nid = \"b\"\nname = \"B\"\naliases = [\"shared\"]\n",
    );
    p.seed("a.txt", "Shared.\n");
    // Both places are named: where the second actor claims it, and where the first does.
    let config = p.path("site.toml").display().to_string();
    assert_eq!(
        p.error(),
        format!("error: {config}:9:12: \"shared\" is claimed by two actors: `b` here and `a` at {config}:5:12; a mention can mean only one actor; keep the form in one of them")
    );
}
