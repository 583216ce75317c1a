//! `dossier init`: a new site that builds as it is, so an author starts from something working.
//!
//! Only `site.toml` (every key explained in comments), one example article, a `.gitignore` and
//! a GitHub Pages workflow (`.github/workflows/pages.yml`, which builds the site with the
//! dossier action, so a repository of content alone deploys) are written; templates and static
//! files stay the built-in ones until the author copies one into `templates/` or `static/` to
//! override it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// The commented configuration of a new site.
pub const SITE_TOML: &str = include_str!("site.toml");
/// The example article of a new site.
pub const EXAMPLE_ARTICLE: &str = include_str!("welcome.md");
/// Keeps the built site (the template config's `output_dir`), dossier's cache folder and the
/// folders a build stages beside the output (`.public.new-…`, and `.public.old-…` while a big
/// previous output is deleted in the background) out of version control: all are rebuilt, or
/// made by CI.
pub const GITIGNORE: &str = "/public/\n/.dossier-cache/\n/.public.new-*/\n/.public.old-*/\n";
/// The Pages workflow of a new site; `{{ACTION}}` stands for the action's `owner/repo@ref`.
pub const PAGES_WORKFLOW: &str = include_str!("pages.yml");
/// The action a new site's workflow uses when the package names no GitHub repository.
const FALLBACK_ACTION: &str = "dossier/dossier@main";

/// The dossier action as a workflow's `uses:` names it: this package's GitHub repository (its
/// `repository` in Cargo.toml) at `main`.
pub fn default_action() -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    match repo.strip_prefix("https://github.com/") {
        Some(path) if !path.is_empty() => format!("{}@main", path.trim_end_matches('/')),
        _ => FALLBACK_ACTION.to_string(),
    }
}

/// The workflow file for a site whose workflow uses `action` (`owner/repo@ref`).
pub fn pages_workflow(action: &str) -> String {
    PAGES_WORKFLOW.replace("{{ACTION}}", action)
}

/// Creates a site in `dir` (made if missing) and returns the files written, relative to it.
/// Refuses when `dir` already has a `site.toml`; never overwrites any other file either.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    init_with(dir, &default_action())
}

/// [`init`], with the workflow using the dossier action `action` (`owner/repo@ref`).
pub fn init_with(dir: &Path, action: &str) -> Result<Vec<PathBuf>> {
    let config = if dir == Path::new(".") {
        PathBuf::from("site.toml")
    } else {
        dir.join("site.toml")
    };
    if config.exists() {
        bail!(
            "{} already exists; dossier init never overwrites a site (choose an empty folder: dossier init NEW_DIR)",
            config.display()
        );
    }
    let workflow = pages_workflow(action);
    let files: [(&str, &str); 4] = [
        ("site.toml", SITE_TOML),
        ("seeds/welcome.md", EXAMPLE_ARTICLE),
        (".gitignore", GITIGNORE),
        (".github/workflows/pages.yml", &workflow),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_config_is_valid() {
        let c = crate::config::parse(SITE_TOML).unwrap();
        assert_eq!(c.actors.len(), 1);
    }

    #[test]
    fn the_workflow_uses_the_action_and_the_official_pages_flow() {
        let w = pages_workflow("me/dossier@v1");
        assert!(w.contains("uses: me/dossier@v1\n"), "{w}");
        for step in [
            "actions/configure-pages@v5",
            "actions/upload-pages-artifact@v4",
            "actions/deploy-pages@v4",
        ] {
            assert!(w.contains(step), "{step}");
        }
        assert!(w.contains("path: ${{ steps.dossier.outputs.output-dir }}"));
        assert!(
            !w.contains("cargo"),
            "a content-only repository has no Cargo.toml"
        );
        assert!(!w.contains("{{ACTION}}"));
    }

    #[test]
    fn the_default_action_is_a_github_reference() {
        let a = default_action();
        let (repo, rev) = a.split_once('@').unwrap();
        assert_eq!(repo.split('/').count(), 2, "{a}");
        assert!(!rev.is_empty());
    }

    #[test]
    fn the_gitignore_names_the_output_and_the_cache() {
        let c = crate::config::parse(SITE_TOML).unwrap();
        let out = format!("/{}/", c.output_dir.display());
        assert!(GITIGNORE.lines().any(|l| l == out), "{GITIGNORE}");
        assert!(GITIGNORE.lines().any(|l| l == "/.dossier-cache/"));
        let name = c.output_dir.display().to_string();
        for staged in [".new-*", ".old-*"] {
            let line = format!("/.{name}{staged}/");
            assert!(GITIGNORE.lines().any(|l| l == line), "{GITIGNORE}");
        }
    }

    #[test]
    fn refuses_an_existing_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "title = \"x\"").unwrap();
        let err = init(dir.path()).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
    }
}
