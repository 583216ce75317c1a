//! `site.toml` mistakes: each names the file, line and column and says what to do.

use crate::support::*;

fn error_for(config: &str) -> (String, String) {
    let p = Project::with_config(config);
    p.seed("a.txt", "Russia.\n");
    let path = p.path("site.toml").display().to_string();
    (p.error(), path)
}

#[test]
fn unknown_keys_name_line_and_column() {
    let (err, path) =
        error_for("title = \"T\"\n[[actors]]\nid = \"a\"\nname = \"A\"\nalias = [\"x\"]\n");
    assert!(err.starts_with(&format!("error: {path}:5:1: ")), "{err}");
    assert!(err.contains("unknown field `alias`, expected one of `id`, `name`, `kind`, `description`, `aliases`, `metonyms`, `exclude`"), "{err}");
    let (err, _) = error_for("title = \"T\"\n[articles.a]\ntitel = \"x\"\n");
    assert!(
        err.contains(":3:1: ") && err.contains("unknown field `titel`"),
        "{err}"
    );
}

#[test]
fn wrong_types_name_line_and_column() {
    let (err, path) = error_for("title = 5\n");
    assert!(err.starts_with(&format!("error: {path}:1:9: ")), "{err}");
    assert!(
        err.contains("invalid type: integer `5`, expected a string"),
        "{err}"
    );
    let (err, _) = error_for("title = \"T\"\nactors = \"russia\"\n");
    assert!(
        err.contains(":2:10: ")
            && err.contains("invalid type: string \"russia\", expected a sequence"),
        "{err}"
    );
    let (err, _) =
        error_for("title = \"T\"\n[[actors]]\nid = \"a\"\nname = \"A\"\naliases = \"x\"\n");
    assert!(
        err.contains(":5:11: ") && err.contains(r#"write aliases = ["x"]"#),
        "{err}"
    );
    let (err, _) = error_for("title = \"T\"\noutput_dir = [1]\n");
    assert!(err.contains(":2:14: "), "{err}");
    let (err, _) = error_for("title = \"T\"\n[[actors]]\nid = \"a\"\n");
    assert!(
        err.contains(":2:1: ") && err.contains("missing field `name`"),
        "{err}"
    );
    let (err, _) = error_for("title = \"T\n");
    assert!(err.contains(":1:11: "), "{err}");
}

#[test]
fn duplicate_actors_name_the_second_definition() {
    let (err, path) = error_for(
        "title = \"T\"\n[[actors]]\nid = \"a\"\nname = \"A\"\n[[actors]]\nid = \"a\"\nname = \"B\"\n",
    );
    // The first occurrence of the id is what `position_of` can find; the message says both.
    assert_eq!(
        err,
        format!(
            "error: {path}:3:6: actor id \"a\" is defined twice; merge the two [[actors]] tables"
        )
    );
}

#[test]
fn output_folder_may_not_be_or_contain_the_project_or_seeds() {
    let cases = [
        (".", "the project folder"),
        ("", "the project folder"),
        ("seeds", "the seeds folder"),
        ("..", "the project folder"),
        ("./", "the project folder"),
    ];
    for (out, what) in cases {
        let p = Project::with_config(&format!("title = \"T\"\noutput_dir = \"{out}\"\n"));
        p.seed("a.txt", "Russia.\n");
        let err = p.error();
        assert!(
            err.starts_with("output folder ") && err.ends_with(&format!("would replace the site's own files (it is or contains {what}); choose another output_dir")),
            "{out}: {err}"
        );
    }
    // Seeds inside the output folder.
    let p =
        Project::with_config("title = \"T\"\noutput_dir = \"site\"\nseeds_dir = \"site/seeds\"\n");
    std::fs::create_dir_all(p.path("site/seeds")).unwrap();
    std::fs::write(p.path("site/seeds/a.txt"), "A\n").unwrap();
    let err = p.error();
    assert!(
        err.contains("(it is or contains the seeds folder)"),
        "{err}"
    );
    assert_eq!(std::fs::read(p.path("site/seeds/a.txt")).unwrap(), b"A\n");
}
