//! The GitHub Action (`action.yml`): its shell steps, run here as a runner would run them, on a
//! content-only site made by `dossier init`. The steps that need GitHub (the cache, the Rust
//! toolchain) are left out as on a cache hit: the binary under test stands in for the cached
//! one. Expressions are evaluated for the forms the action uses (`inputs.*`, `steps.*.outputs.*`,
//! `github.action_ref`, `x == 'y'`), so a step that reads an input or output it was not given
//! fails here as it would on GitHub.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use crate::cli::dossier;
use crate::common::repo;

#[derive(Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    outputs: BTreeMap<String, Output>,
    runs: Runs,
}

#[derive(Deserialize)]
struct Input {
    default: Option<String>,
}

#[derive(Deserialize)]
struct Output {
    value: String,
}

#[derive(Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    name: String,
    id: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    uses: Option<String>,
    run: Option<String>,
    shell: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

fn action() -> Action {
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// What the steps so far have produced.
struct Context {
    inputs: BTreeMap<String, String>,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
}

impl Context {
    fn value(&self, expr: &str) -> String {
        let expr = expr.trim();
        if let Some((a, b)) = expr.split_once("==") {
            let quoted = b.trim().trim_matches('\'');
            return (self.value(a) == quoted).to_string();
        }
        if let Some((a, b)) = expr.split_once("!=") {
            let quoted = b.trim().trim_matches('\'');
            return (self.value(a) != quoted).to_string();
        }
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["inputs", name] => self
                .inputs
                .get(*name)
                .cloned()
                .unwrap_or_else(|| panic!("no input {name}")),
            ["steps", id, "outputs", key] => self
                .outputs
                .get(*id)
                .and_then(|o| o.get(*key))
                .cloned()
                .unwrap_or_default(),
            ["github", "action_ref"] => String::new(),
            _ => panic!("the test does not evaluate {expr:?}"),
        }
    }

    /// `text` with every `${{ … }}` replaced by its value.
    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("${{") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find("}}").expect("unclosed ${{") + at;
            out.push_str(&self.value(&rest[at + 3..end]));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// Runs the action's steps in `site` with `inputs` over the defaults; returns its outputs.
fn run_action(site: &Path, inputs: &[(&str, &str)]) -> BTreeMap<String, String> {
    let action = action();
    assert_eq!(action.runs.using, "composite");
    let home = tempfile::tempdir().unwrap();
    // The cached binary, where the install step would have put it.
    let bin = home.path().join(".dossier-action/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_dossier"), bin.join("dossier")).unwrap();
    let mut ctx = Context {
        inputs: (action.inputs.iter())
            .map(|(k, v)| (k.clone(), v.default.clone().unwrap_or_default()))
            .collect(),
        outputs: BTreeMap::new(),
    };
    for (k, v) in inputs {
        assert!(ctx.inputs.contains_key(*k), "the action has no input {k}");
        ctx.inputs.insert(k.to_string(), v.to_string());
    }
    let mut path = std::env::var("PATH").unwrap_or_default();
    for step in &action.runs.steps {
        if let Some(cond) = &step.condition {
            if cond.contains("cache-hit") {
                continue; // a cache hit: nothing to install
            }
            if ctx.value(cond) != "true" {
                continue;
            }
        }
        let Some(script) = &step.run else {
            assert!(step.uses.is_some(), "{}: neither run nor uses", step.name);
            continue;
        };
        assert_eq!(step.shell.as_deref(), Some("bash"), "{}", step.name);
        assert!(
            !script.contains("${{"),
            "{}: expressions belong in env, not in the script",
            step.name
        );
        let output = home.path().join("output");
        let github_path = home.path().join("path");
        std::fs::write(&output, "").unwrap();
        std::fs::write(&github_path, "").unwrap();
        let mut cmd = Command::new("bash");
        cmd.arg("-eo")
            .arg("pipefail")
            .arg("-c")
            .arg(script)
            .current_dir(site);
        cmd.env("HOME", home.path())
            .env("PATH", &path)
            .env("GITHUB_ACTION_PATH", repo())
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64");
        for (k, v) in &step.env {
            cmd.env(k, ctx.expand(v));
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "step {:?} failed:\n{}{}",
            step.name,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for dir in std::fs::read_to_string(&github_path).unwrap().lines() {
            path = format!("{dir}:{path}");
        }
        if let Some(id) = &step.id {
            let written = std::fs::read_to_string(&output).unwrap();
            let map = ctx.outputs.entry(id.clone()).or_default();
            for line in written.lines() {
                let (k, v) = line.split_once('=').expect("KEY=VALUE");
                map.insert(k.to_string(), v.to_string());
            }
        }
    }
    (action.outputs.iter())
        .map(|(k, v)| (k.clone(), ctx.expand(&v.value)))
        .collect()
}

fn init_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(dossier(&["init", "site"], dir.path()).code, 0);
    let site = dir.path().join("site");
    assert!(!site.join("Cargo.toml").exists());
    (dir, site)
}

#[test]
fn the_action_checks_and_builds_a_content_only_site_into_its_output_dir() {
    let (_dir, site) = init_site();
    let outputs = run_action(&site, &[("base-url", "https://me.github.io/news/")]);
    assert_eq!(outputs["output-dir"], "public");
    assert!(site.join("public/index.html").is_file());
    let article = std::fs::read_to_string(site.join("public/articles/welcome.html")).unwrap();
    assert!(
        article.contains("https://me.github.io/news/articles/welcome.html"),
        "the base URL reaches the canonical link"
    );
}

#[test]
fn the_output_folder_comes_from_site_toml_unless_given() {
    let (_dir, site) = init_site();
    let config = site.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("output_dir = \"public\"", "output_dir = \"_site\""),
    )
    .unwrap();
    let outputs = run_action(&site, &[]);
    assert_eq!(outputs["output-dir"], "_site");
    assert!(site.join("_site/index.html").is_file());
    let outputs = run_action(&site, &[("output-dir", "elsewhere"), ("check", "false")]);
    assert_eq!(outputs["output-dir"], "elsewhere");
    assert!(site.join("elsewhere/index.html").is_file());
}

#[test]
fn a_broken_site_fails_the_check_step() {
    let (_dir, site) = init_site();
    std::fs::write(site.join("site.toml"), "title = 3\n").unwrap();
    let failed = std::panic::catch_unwind(|| run_action(&site, &[("output-dir", "public")]));
    let message = failed
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(message.contains("Check the site"), "{message}");
}

#[test]
fn the_init_workflow_uploads_what_the_action_built() {
    let (_dir, site) = init_site();
    let workflow = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let ours = std::fs::read_to_string(repo().join(".github/workflows/pages.yml")).unwrap();
    for w in [&workflow, &ours] {
        assert!(w.contains("path: ${{ steps.dossier.outputs.output-dir }}"));
        assert!(w.contains("actions/upload-pages-artifact@v4"));
        assert!(w.contains("base-url: ${{ steps.pages.outputs.base_url }}/"));
    }
    assert!(
        ours.contains("uses: ./\n"),
        "this repository builds with its own action"
    );
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert_eq!(
        ignore,
        "/public/\n/.dossier-cache/\n/.public.new-*/\n/.public.old-*/\n"
    );
}
