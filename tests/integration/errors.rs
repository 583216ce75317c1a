//! Bad input gives a clear error and never costs the previous site.

use std::path::Path;
use std::process::Command;

fn dossier(args: &[&str], dir: &Path) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A tiny valid site in a temp folder.
fn tiny_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(
        dir.path().join("seeds/a.txt"),
        "Russia spoke on 3 May 2024.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"T\"\n[[actors]]\nid = \"russia\"\nname = \"Russia\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn cli_build_prints_one_summary_line() {
    let dir = tiny_site();
    let (ok, stdout, stderr) = dossier(&["build"], dir.path());
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("built 1 article,") && stdout.contains("done in"),
        "{stdout}"
    );
    assert!(dir.path().join("public/articles/a.html").exists());
}

#[test]
fn unknown_key_names_file_line_column_and_keeps_previous_site() {
    let dir = tiny_site();
    assert!(dossier(&["build"], dir.path()).0);
    let before = std::fs::read(dir.path().join("public/index.html")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"T\"\n\n[[actors]]\nid = \"x\"\nname = \"X\"\nalias = [\"y\"]\n",
    )
    .unwrap();
    let (ok, _, stderr) = dossier(&["build"], dir.path());
    assert!(!ok);
    assert!(
        stderr.starts_with("error: site.toml:6:1: unknown field `alias`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("public/index.html")).unwrap(),
        before
    );
}

#[test]
fn non_utf8_seed_names_the_file_and_keeps_previous_site() {
    let dir = tiny_site();
    assert!(dossier(&["build"], dir.path()).0);
    std::fs::write(dir.path().join("seeds/b.txt"), b"caf\xe9\n").unwrap();
    let (ok, _, stderr) = dossier(&["build"], dir.path());
    assert!(!ok);
    assert!(
        stderr.contains("seeds/b.txt") && stderr.contains("UTF-8") && stderr.contains("byte 3"),
        "{stderr}"
    );
    assert!(dir.path().join("public/articles/a.html").exists());
    assert!(!dir.path().join("public/articles/b.html").exists());
}

#[test]
fn broken_link_from_a_template_override_fails_the_build() {
    let dir = tiny_site();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    let base = include_str!("../../templates/404.html").replace(
        "the timeline</a>",
        "the timeline</a> <a href=\"{{ root }}nowhere.html\">x</a>",
    );
    std::fs::write(dir.path().join("templates/404.html"), &base).unwrap();
    let idx = include_str!("../../templates/index.html").replace(
        "</h1>",
        "</h1><a href=\"missing.html#x\">x</a><a href=\"timeline.html#nope\">y</a>",
    );
    std::fs::write(dir.path().join("templates/index.html"), idx).unwrap();
    let (ok, _, stderr) = dossier(&["build"], dir.path());
    assert!(!ok);
    assert!(
        stderr.contains("index.html: missing.html#x (no file missing.html)"),
        "{stderr}"
    );
    // Named by re-reading the staged page: the check itself keeps only hashes.
    assert!(
        stderr.contains("index.html: timeline.html#nope (no id \"nope\" in timeline.html)"),
        "{stderr}"
    );
    assert!(!dir.path().join("public").exists());
}

#[test]
fn output_folder_must_not_hold_the_sources() {
    let dir = tiny_site();
    let (ok, _, stderr) = dossier(&["build", "-o", "."], dir.path());
    assert!(
        !ok && stderr.contains("would replace the site's own files"),
        "{stderr}"
    );
    assert!(dir.path().join("seeds/a.txt").exists());
}

#[test]
fn foreign_output_folder_is_never_replaced() {
    let dir = tiny_site();
    std::fs::create_dir(dir.path().join("public")).unwrap();
    std::fs::write(dir.path().join("public/notes.txt"), "mine").unwrap();
    let (ok, _, stderr) = dossier(&["build"], dir.path());
    assert!(!ok && stderr.contains("not made by dossier"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("public/notes.txt")).unwrap(),
        "mine"
    );
}
