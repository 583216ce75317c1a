//! `dossier check`: every kind of problem, with its exact message and position, and the exit
//! codes; nothing is ever written.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use crate::cli::{dossier, Run};
use crate::common::repo;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Checks a fixture from its own folder, and that nothing was written there.
fn check_fixture(name: &str) -> Run {
    let dir = fixture(name);
    let run = dossier(&["check"], &dir);
    assert!(!dir.join("public").exists(), "check wrote {name}/public");
    run
}

#[test]
fn unknown_config_key_is_reported_at_its_line_and_column() {
    let run = check_fixture("check-config");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: site.toml:6:1: unknown field `alias`, expected one of `id`, `name`, `kind`, `description`, `aliases`, `metonyms`, `exclude`, `members`; did you mean `aliases`?\n"
    );
}

#[test]
fn broken_link_in_an_overridden_template_points_at_the_template() {
    let run = check_fixture("check-template");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: templates/base.html:35:30: broken link \"../about.html\" on 5 pages, first articles/a.html: no file about.html\n"
    );
    assert_eq!(
        run.stdout,
        "checked 1 article, 6 pages: 1 error, 0 warnings\n"
    );
}

#[test]
fn unresolvable_relative_date_is_a_warning_with_exit_code_0() {
    let run = check_fixture("check-warning");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: seeds/undated.txt:2:26: date \"last year\" could not be resolved: the article has no publication date and no earlier date; give it `published` in [articles.undated] in site.toml\n"
    );
    // From elsewhere, paths are given from where dossier ran, so editors can open them.
    let run = dossier(
        &["check", "-c", "tests/fixtures/check-warning/site.toml"],
        &repo(),
    );
    assert!(
        run.stderr
            .starts_with("warning: tests/fixtures/check-warning/seeds/undated.txt:2:26: "),
        "{}",
        run.stderr
    );
    // --quiet keeps only errors.
    let run = dossier(&["check", "--quiet"], &fixture("check-warning"));
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn a_dropped_date_says_what_would_place_it() {
    let run = check_fixture("check-warning-kinds");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let at = "warning: seeds/monthly.txt:2";
    let day = "it needs the day the article was published; give it `published` in [articles.monthly] in site.toml as a full date (YYYY-MM-DD)";
    assert_eq!(
        run.stderr,
        format!(
            "{at}:1: date \"Two years later\" could not be resolved: it counts from an earlier date in the text, and none comes before it at a fine enough precision; give the date it counts from in the text\n\
             {at}:33: date \"Yesterday\" could not be resolved: {day}\n\
             {at}:67: date \"Tuesday\" could not be resolved: {day}\n\
             warning: seeds/yearly.txt:2:1: date \"Last month\" could not be resolved: the article's publication date is too coarse for it and no earlier date is fine enough; give it `published` in [articles.yearly] in site.toml with a month or day\n"
        )
    );
}

#[test]
fn invalid_utf8_seed_is_reported_at_its_line_and_column() {
    let run = check_fixture("check-utf8");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: seeds/latin1.txt:2:4: not valid UTF-8 (byte 15); re-save the file as UTF-8 (or build with --lossy to replace the bad bytes)\n"
    );
}

#[test]
fn a_clean_site_passes() {
    let run = dossier(&["check"], &fixture("europe"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(": 0 errors"), "{}", run.stdout);
}

#[test]
fn a_missing_config_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = dossier(&["check"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error: site.toml: cannot read the site configuration: "),
        "{}",
        run.stderr
    );
}

/// A one-thread HTTP server: 200 for `/ok`, 404 for anything else. Returns its address.
fn serve(requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request.split(' ').nth(1).unwrap_or("");
            let status = if path == "/ok" {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    format!("http://{addr}")
}

fn site_with_links(dir: &Path, base: &str) {
    std::fs::create_dir(dir.join("seeds")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        format!("title = \"Links\"\n\n[articles.plain]\nurl = \"{base}/ok\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("seeds/plain.txt"), "A text with no links.\n").unwrap();
    std::fs::write(
        dir.join("seeds/links.md"),
        format!("# Links\n\nSee [the good one]({base}/ok) and\n[the bad one]({base}/missing).\n"),
    )
    .unwrap();
}

#[test]
fn external_links_are_fetched_only_when_asked() {
    let base = serve(16);
    let dir = tempfile::tempdir().unwrap();
    site_with_links(dir.path(), &base);
    let run = dossier(&["check"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["check", "--external"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("error: seeds/links.md:4:15: external link {base}/missing returned HTTP 404\n")
    );
    assert!(
        run.stdout.contains("2 external links: 1 error,"),
        "{}",
        run.stdout
    );
}

#[test]
fn unreachable_hosts_are_errors_not_hangs() {
    // A port nothing listens on: refused at once.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    site_with_links(dir.path(), &format!("http://127.0.0.1:{port}"));
    let started = std::time::Instant::now();
    let run = dossier(&["check", "--external"], dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("could not be fetched"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed().as_secs() < 20);
}
