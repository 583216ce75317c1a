//! Render stage, templates: built-in templates embedded in the binary, overridable file by
//! file from the site's own `templates/` folder (as Zola and mdBook do).

use std::path::Path;

use anyhow::{Context, Result};
use tera::Tera;

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("orphans.html", include_str!("../../templates/orphans.html")),
];

/// Built-in static files, by output name.
pub const STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("dossier.js", include_str!("../../static/dossier.js")),
    ("search.js", include_str!("../../static/search.js")),
    ("search.css", include_str!("../../static/search.css")),
    ("porter2.js", include_str!("../../static/porter2.js")),
    (
        "search-words.js",
        include_str!("../../static/search-words.js"),
    ),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];

/// The loaded templates, and which of them the site replaced.
pub struct Templates {
    /// Every template, built-in or the site's own.
    pub tera: Tera,
    /// Names of the templates the site replaced: where a page's template and the macros are
    /// both built-in, the renderer may write parts of the page itself (`timeline_item.rs`).
    overridden: Vec<&'static str>,
    /// A digest of every template's name and text: part of what every page is made from
    /// (`deps::site_inputs`).
    pub digest: crate::output::Inputs,
}

impl Templates {
    /// Whether every one of `names` is the built-in template.
    pub fn all_builtin(&self, names: &[&str]) -> bool {
        names.iter().all(|n| !self.overridden.contains(n))
    }
}

/// Loads the templates: a site file `templates/<name>` replaces the built-in one.
pub fn load(site_root: &Path) -> Result<Templates> {
    let mut tera = Tera::default();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut overridden = Vec::new();
    for (name, builtin) in BUILTIN {
        let own = site_root.join("templates").join(name);
        let text = if own.is_file() {
            overridden.push(*name);
            std::fs::read_to_string(&own)
                .with_context(|| format!("cannot read {}", own.display()))?
        } else {
            (*builtin).to_string()
        };
        files.push((name.to_string(), text));
    }
    let mut digest = xxhash_rust::xxh3::Xxh3Default::new();
    for (name, text) in &files {
        for part in [name, text] {
            digest.update(&(part.len() as u64).to_le_bytes());
            digest.update(part.as_bytes());
        }
    }
    let digest = digest.digest128();
    tera.add_raw_templates(files)
        .map_err(|e| anyhow::anyhow!("templates: {}", chain(&e)))?;
    tera.autoescape_on(vec![".html"]);
    // Tera escapes `/` too, which makes every link unreadable in the source; ours does not.
    tera.set_escape_fn(crate::html::escape);
    Ok(Templates {
        tera,
        overridden,
        digest,
    })
}

/// The static files: a site file `static/<name>` replaces the built-in one, and every other
/// file in the site's `static/` (images, fonts, a favicon) is copied as it is.
pub fn static_files(site_root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for (name, builtin) in STATIC {
        let own = site_root.join("static").join(name);
        let bytes = if own.is_file() {
            std::fs::read(&own).with_context(|| format!("cannot read {}", own.display()))?
        } else {
            builtin.as_bytes().to_vec()
        };
        out.push((format!("static/{name}"), bytes));
    }
    out.extend(extra_static_files(site_root)?);
    Ok(out)
}

/// The site's own static files that replace no built-in one, sorted by path. Hidden files
/// (`.DS_Store`, editor swap files) are skipped.
fn extra_static_files(site_root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = site_root.join("static");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if !entry.file_type().is_file() || hidden || STATIC.iter().any(|(n, _)| *n == rel) {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        out.push((format!("static/{rel}"), bytes));
    }
    Ok(out)
}

/// Tera's errors hide the useful part in their source chain.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}
