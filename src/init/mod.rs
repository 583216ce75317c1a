//! `dossier init`: a new site that builds as it is, so an author starts from something working.
//!
//! Only `site.toml` (every key explained in comments), one example article and a `.gitignore`
//! are written; templates and static files stay the built-in ones until the author copies one
//! into `templates/` or `static/` to override it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// The commented configuration of a new site.
pub const SITE_TOML: &str = include_str!("site.toml");
/// The example article of a new site.
pub const EXAMPLE_ARTICLE: &str = include_str!("welcome.md");
/// Keeps the built site out of version control: it is rebuilt, or deployed by CI.
pub const GITIGNORE: &str = "/public/\n";

/// Creates a site in `dir` (made if missing) and returns the files written, relative to it.
/// Refuses when `dir` already has a `site.toml`; never overwrites any other file either.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
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
    let files: [(&str, &str); 3] = [
        ("site.toml", SITE_TOML),
        ("seeds/welcome.md", EXAMPLE_ARTICLE),
        (".gitignore", GITIGNORE),
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
    fn refuses_an_existing_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "title = \"x\"").unwrap();
        let err = init(dir.path()).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
    }
}
