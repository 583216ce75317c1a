//! Positions for `check`'s messages: where a rendered link was written in the site's own
//! templates.

use std::path::{Path, PathBuf};

use crate::position::line_col;

/// A page-relative link without its leading `../` and `./`: what a template writes after
/// `{{ root }}`.
pub fn unrooted(link: &str) -> &str {
    let mut rest = link;
    while let Some(r) = rest.strip_prefix("../").or_else(|| rest.strip_prefix("./")) {
        rest = r;
    }
    rest
}

/// The first place, in the site's templates folder (sorted by name), that writes `link`
/// after the `{{ root }}` prefix; `None` when no template of the site's own has it.
pub fn locate(templates: &Path, link: &str) -> Option<(PathBuf, usize, usize)> {
    let needle = unrooted(link);
    if needle.is_empty() || !templates.is_dir() {
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(templates)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files.into_iter().find_map(|file| {
        let text = std::fs::read_to_string(&file).ok()?;
        let at = text.find(needle)?;
        let (line, col) = line_col(&text, at);
        Some((file, line, col))
    })
}
