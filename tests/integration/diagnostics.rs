//! What each authoring mistake prints, snapshotted (insta): every problem at once, sorted by
//! file and position, `error: FILE:LINE:COL: message; hint`, the same in `build`, `check` and
//! `serve`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A site in a temporary folder: `site.toml` and seeds given as (path, text).
fn site(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("site.toml"), config).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Runs dossier in `dir`: success, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
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

/// `build`'s stderr, which must fail; and `check`'s, whose problem lines must be the same.
fn build_error(dir: &Path) -> String {
    let (ok, _, stderr) = run(dir, &["build"]);
    assert!(!ok, "the build should fail:\n{stderr}");
    let (ok, _, checked) = run(dir, &["check"]);
    assert!(!ok, "check should fail:\n{checked}");
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    let checked: Vec<&str> = checked
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(
        problems, checked,
        "build and check print one problem one way"
    );
    stderr
}

const ACTORS: &str = "title = \"T\"\n\n[[actors]]\nid = \"russia\"\nname = \"Russia\"\n";

#[test]
fn a_misspelt_key_in_site_toml_says_which_was_meant() {
    let dir = site(
        &format!("{ACTORS}descripton = \"A state\"\n"),
        &[("seeds/a.txt", "Russia spoke.\n")],
    );
    insta::assert_snapshot!(build_error(dir.path()));
}

#[test]
fn every_config_problem_is_reported_at_once_with_both_places_of_a_shared_alias() {
    let config = format!(
        "{ACTORS}aliases = [\"Moscow\"]\n\n[[actors]]\nid = \"Kremlin\"\nname = \"Kremlin\"\naliases = [\"moscow\"]\n\n[[actors]]\nid = \"russia\"\nname = \"Russian Federation\"\n"
    );
    let dir = site(&config, &[("seeds/a.txt", "Russia spoke.\n")]);
    insta::assert_snapshot!(build_error(dir.path()));
}

#[test]
fn a_misspelt_article_table_names_its_line_and_the_nearest_id() {
    let config = format!(
        "{ACTORS}\n[articles.gas-capp]\noutlet = \"Ledger\"\n\n[articles.zzz]\noutlet = \"X\"\n"
    );
    let dir = site(&config, &[("seeds/gas-cap.txt", "Russia spoke.\n")]);
    insta::assert_snapshot!(build_error(dir.path()));
}

#[test]
fn every_seed_that_cannot_be_read_is_reported_at_once() {
    let dir = site(
        ACTORS,
        &[
            ("seeds/a.txt", "Russia.\n"),
            ("seeds/A.md", "Russia.\n"),
            ("seeds/b c.txt", "Russia.\n"),
        ],
    );
    std::fs::write(dir.path().join("seeds/latin1.txt"), b"Russia\ncaf\xe9\n").unwrap();
    insta::assert_snapshot!(build_error(dir.path()));
}

#[test]
fn front_matter_problems_of_every_article_are_reported_at_once() {
    let dir = site(
        ACTORS,
        &[
            (
                "seeds/a.md",
                "---\ntitle: A\nautor: Me\n---\nRussia spoke.\n",
            ),
            ("seeds/b.md", "+++\ntitel = \"B\"\n+++\nRussia spoke.\n"),
            (
                "seeds/c.md",
                "---\ntitle: C\npublished: next week\n---\nRussia spoke.\n",
            ),
        ],
    );
    insta::assert_snapshot!(build_error(dir.path()));
}

#[test]
fn warnings_name_the_file_to_fix() {
    let config = format!(
        "{ACTORS}\n[[actors]]\nid = \"nato\"\nname = \"NATO\"\n\n[articles.a]\nurl = \"example.org/a\"\n"
    );
    let dir = site(
        &config,
        &[
            ("seeds/a.txt", "Russia spoke.\n"),
            ("seeds/b.markdown", "Russia spoke.\n"),
            ("seeds/c.html", "<p>Russia</p>\n"),
            (
                "seeds/d.md",
                "---\nurl: javascript:alert(1)\n---\nRussia spoke.\n",
            ),
        ],
    );
    let (ok, stdout, stderr) = run(dir.path(), &["build"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("built 2 articles, 2 actors (2 mentions), 0 dates:"),
        "{stdout}"
    );
    let (ok, stdout, checked) = run(dir.path(), &["check"]);
    assert!(ok, "{checked}");
    assert!(stdout.ends_with(": 0 errors, 5 warnings\n"), "{stdout}");
    assert_eq!(stderr, checked, "build and check warn alike");
    insta::assert_snapshot!(stderr);
}

#[test]
fn every_notes_error_is_reported_at_once() {
    let dir = site(
        ACTORS,
        &[
            ("seeds/a.txt", "Russia spoke on 3 May 2024.\n\nRussia left.\n"),
            (
                "seeds/a.notes.md",
                "---\n> Russia spoke\n\nSee [[actor:nobody]] and [[date:1999-01-01]].\n---\n> q\nqoute: x\n\nA typo in a key.\n---\n> Nothing like this\n\nAn orphan.\n",
            ),
            ("seeds/zzz.notes.md", "> x\n\ny\n"),
        ],
    );
    insta::assert_snapshot!(build_error(dir.path()));
}

/// The first line `dossier serve` prints that contains the URL, then the build error it
/// serves as JSON from `/__dossier/error`.
fn served_error(dir: &Path) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "-p", "0"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut port = None;
    for line in stdout.lines().map_while(Result::ok) {
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().and_then(|p| p.parse::<u16>().ok());
            break;
        }
        assert!(Instant::now() < deadline, "no URL printed");
    }
    let port = port.expect("serve printed its URL");
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__dossier/error HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let _ = child.kill();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = child.wait();
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    let overlay = json["error"].as_str().unwrap_or_default().to_string();
    assert!(
        stderr.starts_with(&overlay),
        "the terminal shows what the overlay shows:\n{stderr}\n---\n{overlay}"
    );
    stderr
}

#[test]
fn serve_shows_the_build_error_and_does_not_claim_a_last_good_site() {
    let dir = site(
        &format!("{ACTORS}descripton = \"A state\"\n"),
        &[("seeds/a.txt", "Russia spoke.\n")],
    );
    let built = build_error(dir.path());
    let served = served_error(dir.path());
    let problems = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("error: "))
            .map(String::from)
            .collect()
    };
    assert_eq!(problems(&built), problems(&served));
    assert!(!served.contains("last good site"), "{served}");
    insta::assert_snapshot!(served);
}

#[test]
fn extract_reads_standard_input_and_warns_about_unresolved_dates() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["extract", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"It rained on Monday.\nIt snowed last year, in March 2024.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"value\":\"2024-03\""), "{stdout}");
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr));
}

#[test]
fn links_between_articles_by_file_reach_the_page_and_a_broken_one_is_named_at_its_source() {
    let dir = site(
        ACTORS,
        &[
            ("seeds/gas-cap.md", "# Gas\n\nRussia agreed. See [the oil story](./oil.md#p2) and [this](gas-cap.md).\n"),
            ("seeds/oil.txt", "Oil\n\nRussia spoke.\n\nRussia left.\n"),
        ],
    );
    let (ok, _, stderr) = run(dir.path(), &["build"]);
    assert!(ok, "{stderr}");
    let page = std::fs::read_to_string(dir.path().join("public/articles/gas-cap.html")).unwrap();
    assert!(page.contains("href=\"../articles/oil.html#p2\""), "{page}");
    assert!(page.contains("href=\"../articles/gas-cap.html\""), "{page}");
    std::fs::write(
        dir.path().join("seeds/gas-cap.md"),
        "# Gas\n\nRussia agreed.\n\nSee [the oil story](./oyl.md) and\n[this](../elsewhere/zzz.md#p1).\n",
    )
    .unwrap();
    insta::assert_snapshot!(build_error(dir.path()));
}
