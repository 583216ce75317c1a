//! A throwaway project (site.toml + seeds) in a temp folder, built through the library or the
//! real binary, and checks on the HTML it produced.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::pipeline::{build, BuildOptions, BuildReport};
use scraper::{Html, Selector};

/// The config most cases use: two actors with the features the matcher has.
pub const CONFIG: &str = r#"title = "Robust"
[[actors]]
id = "russia"
name = "Russia"
aliases = ["Russian"]
metonyms = ["Moscow"]
[[actors]]
id = "un"
name = "United Nations"
aliases = ["UN"]
"#;

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A project with [`CONFIG`] and an empty seeds folder.
    pub fn new() -> Project {
        Project::with_config(CONFIG)
    }

    pub fn with_config(config: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("site.toml"), config).unwrap();
        Project { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes `seeds/<name>`, creating folders.
    pub fn seed(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Project {
        let p = self.path("seeds").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    pub fn config(&self, text: &str) {
        std::fs::write(self.path("site.toml"), text).unwrap();
    }

    /// Builds through the library into `public/`.
    pub fn build(&self) -> anyhow::Result<BuildReport> {
        self.build_with(BuildOptions::default())
    }

    pub fn build_with(&self, options: BuildOptions) -> anyhow::Result<BuildReport> {
        build(&self.path("site.toml"), &options)
    }

    /// The error message of a build that must fail, as the command line prints it.
    pub fn error(&self) -> String {
        match self.build() {
            Ok(r) => panic!("build should fail, but built {} articles", r.articles),
            Err(e) => format!("{e:#}"),
        }
    }

    /// A build's warnings as printed, with this project's folder left out of their paths.
    pub fn warnings(&self, r: &BuildReport) -> Vec<String> {
        let root = format!("{}/", self.root().display());
        r.warnings
            .iter()
            .map(|d| d.located().replace(&root, ""))
            .collect()
    }

    pub fn ok(&self) -> BuildReport {
        self.build()
            .unwrap_or_else(|e| panic!("build failed: {e:#}"))
    }

    /// Runs the real binary in the project folder.
    pub fn run(&self, args: &[&str]) -> Output {
        dossier_cmd(self.root()).args(args).output().unwrap()
    }

    /// Every line of a gzipped JSON Lines file of the output (the export's parts).
    pub fn read_gz_lines(&self, rel: &str) -> Vec<serde_json::Value> {
        let file = std::fs::File::open(self.path(rel)).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Every `.html` page of the built site checked with [`check_page`].
    pub fn check_all_pages(&self) {
        for f in files(&self.path("public")) {
            if f.extension().is_some_and(|e| e == "html") {
                let rel = f.to_string_lossy().into_owned();
                check_page(&rel, &self.read(&format!("public/{rel}")));
            }
        }
    }
}

pub fn dossier_cmd(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.current_dir(dir);
    c
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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

/// Every file under `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The scripts a page may load: the site's own files, never inline code.
const OWN_SCRIPTS: [&str; 5] = [
    "dossier.js",
    "porter2.js",
    "search-words.js",
    "search.js",
    "search/manifest.js",
];

/// The page parses as HTML5 without a single parse error, runs no script but the site's own,
/// has no event-handler attribute and no `javascript:` link.
/// Attributes whose value a browser loads or navigates to.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "poster",
    "data",
];

pub fn check_page(name: &str, html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(
        doc.errors.is_empty(),
        "{name}: HTML parse errors {:?}",
        doc.errors
    );
    for script in doc.select(&Selector::parse("script").unwrap()) {
        let src = script
            .value()
            .attr("src")
            .unwrap_or_else(|| panic!("{name}: inline script {:?}", script.inner_html()));
        assert!(
            OWN_SCRIPTS.iter().any(|own| src.ends_with(own)) && !src.contains(':'),
            "{name}: foreign script {src}"
        );
        assert!(script.inner_html().trim().is_empty(), "{name}: script body");
    }
    for el in doc.select(&Selector::parse("*").unwrap()) {
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "{name}: handler {attr}={value:?}");
            // Only attributes a browser follows as a URL can run a `javascript:` address; the
            // same words as text (a title in `og:title`'s `content`) are harmless.
            if !URL_ATTRS.contains(&attr) {
                continue;
            }
            let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                !v.to_ascii_lowercase().starts_with("javascript:"),
                "{name}: {attr}={value:?}"
            );
        }
    }
    doc
}

/// The visible text of the elements matching `selector`, joined.
pub fn text_of(doc: &Html, selector: &str) -> String {
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
