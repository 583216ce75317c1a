//! Shared helpers: build a site into a temporary folder and read what came out.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use dossier::pipeline::{build, BuildOptions, BuildReport};
use serde_json::Value;

/// The repository root (where the shipped `site.toml` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A built site in a temporary folder that lives as long as this value.
pub struct Built {
    pub _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub report: BuildReport,
}

impl Built {
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.read("data/annotations.json")).unwrap()
    }
    /// Every line of the export's parts of one kind (`mentions` or `sentences`), in order.
    pub fn part_lines(&self, kind: &str) -> Vec<Value> {
        let json = self.json();
        let mut out = Vec::new();
        for part in json["parts"].as_array().unwrap() {
            let file =
                std::fs::File::open(self.out.join("data").join(part[kind].as_str().unwrap()))
                    .unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text)
                .unwrap();
            out.extend(
                text.lines()
                    .map(|l| serde_json::from_str::<Value>(l).unwrap()),
            );
        }
        out
    }
    /// The text of mention `m`'s sentence, from the sentence table in the parts.
    pub fn sentence_of(&self, m: &Value) -> String {
        self.part_lines("sentences")
            .into_iter()
            .find(|s| s["article"] == m["article"] && s["sentence"] == m["sentence"])
            .unwrap_or_else(|| panic!("no sentence for {m}"))["text"]
            .as_str()
            .unwrap()
            .to_string()
    }
    /// Mentions of one article, optionally of one kind.
    pub fn mentions(&self, article: &str, kind: &str) -> Vec<Value> {
        self.json()["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["article"] == article && m["kind"] == kind)
            .cloned()
            .collect()
    }
}

/// Builds the site whose config is `config` into a fresh temporary folder.
pub fn build_site(config: &Path) -> Built {
    build_site_in(config, tempfile::tempdir().unwrap())
}

/// Builds the site whose config is `config` into `dir/site`.
fn build_site_in(config: &Path, dir: tempfile::TempDir) -> Built {
    let out = dir.path().join("site");
    let report = build(
        config,
        &BuildOptions {
            output: Some(out.clone()),
            base_url: None,
            force: false,
            ..BuildOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("build of {} failed: {e:#}", config.display()));
    Built {
        _dir: dir,
        out,
        report,
    }
}

/// The shipped site, built once per test binary; for tests that only read its output.
pub fn shipped() -> &'static Built {
    static SITE: LazyLock<Built> = LazyLock::new(|| build_shared(&repo()));
    &SITE
}

/// The `europe` fixture, built once per test binary; for tests that only read its output.
pub fn europe() -> &'static Built {
    static SITE: LazyLock<Built> = LazyLock::new(|| build_shared(&fixture_dir("europe")));
    &SITE
}

/// The `events` fixture, built once per test binary; for tests that only read its output.
pub fn events_fixture() -> &'static Built {
    static SITE: LazyLock<Built> = LazyLock::new(|| build_shared(&fixture_dir("events")));
    &SITE
}

/// The `notes` fixture, built once per test binary; for tests that only read its output.
pub fn notes_fixture() -> &'static Built {
    static SITE: LazyLock<Built> = LazyLock::new(|| build_shared(&fixture_dir("notes")));
    &SITE
}

/// The folder of the fixture site `name` in `tests/fixtures/`.
pub fn fixture_dir(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Builds a copy of the site in `from` (a build writes `.dossier-cache/` beside `site.toml`, and
/// tests must never write into the source tree). The copy lives in a folder under Cargo's
/// `CARGO_TARGET_TMPDIR`: a static is never dropped, so its `TempDir` is not removed when the
/// binary exits, and folders left by earlier runs are swept here instead.
fn build_shared(from: &Path) -> Built {
    let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-builds");
    std::fs::create_dir_all(&parent).unwrap();
    sweep_stale(&parent);
    build_copy_in(from, tempfile::tempdir_in(&parent).unwrap())
}

/// Builds a fresh copy of the site in `from` in a temporary folder of its own, for a test that
/// needs a build besides the shared one (to compare two builds) without writing into `from`.
pub fn build_copy(from: &Path) -> Built {
    build_copy_in(from, tempfile::tempdir().unwrap())
}

fn build_copy_in(from: &Path, dir: tempfile::TempDir) -> Built {
    copy_whole_site(from, dir.path());
    build_site_in(&dir.path().join("site.toml"), dir)
}

/// Removes the folders in `parent` that no run has touched for an hour: they are left over
/// from earlier runs, while a run going on at the same time is far younger.
fn sweep_stale(parent: &Path) {
    let hour = std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(parent).unwrap().flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > hour));
        if stale {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Copies everything a site's build reads from the site folder `from` into `to`: its sources
/// and, where they exist, its own `templates/` and `static/`.
fn copy_whole_site(from: &Path, to: &Path) {
    copy_site_sources(from, to);
    for folder in ["templates", "static"] {
        let src = from.join(folder);
        if src.is_dir() {
            copy_tree(&src, &to.join(folder));
        }
    }
}

/// Copies the folder `from` with everything in it to `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

/// Checks the exported offsets against the source files.
pub fn assert_offsets_point_at_text(built: &Built, root: &Path) {
    let json = built.json();
    for article in json["articles"].as_array().unwrap() {
        let source = std::fs::read(root.join(article["source"].as_str().unwrap())).unwrap();
        for m in json["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["article"] == article["id"])
        {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                std::str::from_utf8(&source[s..e]).unwrap(),
                m["text"].as_str().unwrap(),
                "{m}"
            );
        }
    }
}

/// Copies the files a site is built from (`site.toml`, and `seeds/` and `notes/` where they
/// exist) from the site folder `from` into `to`, to build it elsewhere or with changes.
pub fn copy_site_sources(from: &Path, to: &Path) {
    std::fs::copy(from.join("site.toml"), to.join("site.toml")).unwrap();
    for folder in ["seeds", "notes"] {
        copy_tree(&from.join(folder), &to.join(folder));
    }
}

/// `html` without the links entity names get in the text (`<a href="../entities/…">` and
/// its `</a>`), so a test can look for a sentence as the reader sees it.
pub fn without_entity_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<a href=\"../entities/") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let open_end = after.find('>').map_or(after.len(), |i| i + 1);
        let inner = &after[open_end..];
        let close = inner.find("</a>").unwrap_or(inner.len());
        out.push_str(&inner[..close]);
        rest = inner.get(close + 4..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// `html` with every tag removed: the text as the reader sees it.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Month names, for generated corpora whose dates the annotator must read.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
