//! `dossier init`: a new site builds as it is and an existing one is never overwritten.

use crate::cli::dossier;

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let run = dossier(&["init", "site"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = dir.path().join("site");
    assert!(site.join("site.toml").is_file());
    assert!(site.join("seeds/welcome.md").is_file());
    assert!(!site.join("templates").exists(), "templates stay built in");
    let build = dossier(&["build"], &site);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stdout.starts_with("built 1 article, 1 actor "),
        "{}",
        build.stdout
    );
    assert!(site.join("public/articles/welcome.html").is_file());
    assert!(site.join("public/actors/example-city.html").is_file());
    let check = dossier(&["check"], &site);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "", "the example has no warnings");
}

#[test]
fn every_key_of_the_new_config_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(dossier(&["init"], dir.path()).code, 0);
    let text = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    for key in [
        "title",
        "description",
        "language",
        "base_url",
        "output_dir",
        "seeds_dir",
        "[articles.",
        "title_editorial",
        "subtitle",
        "outlet",
        "author",
        "url",
        "published",
        "[[actors]]",
        "id",
        "name",
        "kind",
        "aliases",
        "metonyms",
        "exclude",
    ] {
        assert!(text.contains(key), "{key} missing");
    }
    assert!(text.lines().filter(|l| l.starts_with('#')).count() > 20);
}

#[test]
fn init_refuses_to_overwrite_a_site() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), "title = \"Mine\"\n").unwrap();
    let run = dossier(&["init"], dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: site.toml already exists; dossier init never overwrites a site (choose an empty folder: dossier init NEW_DIR)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
    assert!(!dir.path().join("seeds").exists());
}
