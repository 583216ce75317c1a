//! Write stage: puts the rendered site on disk without ever leaving a half-written one.
//!
//! The site is written to a fresh sibling folder, then swapped in with renames; a failure at
//! any point before the swap leaves the previous output untouched. dossier refuses to replace
//! a folder it did not create (it recognises its own by a marker file).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::render::Pages;

/// Marker file that says "dossier made this folder, it may replace it".
pub const MARKER: &str = ".dossier-output";

/// Writes `pages` as the new content of `out`, atomically from a reader's point of view.
pub fn write_site(out: &Path, pages: &Pages) -> Result<()> {
    if out.exists() && !is_ours(out)? {
        bail!(
            "{} exists and was not made by dossier; move it away or choose another output folder (-o DIR)",
            out.display()
        );
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_tree(&staging, pages).and_then(|()| swap(out, &staging, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn is_ours(out: &Path) -> Result<bool> {
    if out.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries =
        std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
    Ok(entries.next().is_none())
}

fn write_tree(dir: &Path, pages: &Pages) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (path, bytes) in pages {
        let target: PathBuf = dir.join(path);
        if let Some(p) = target.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    std::fs::write(
        dir.join(MARKER),
        "This folder was written by dossier; the next build replaces it.\n",
    )
    .with_context(|| format!("cannot write the marker in {}", dir.display()))?;
    Ok(())
}

fn swap(out: &Path, staging: &Path, old: &Path) -> Result<()> {
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, old)
            .with_context(|| format!("cannot move the previous {} aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(e).with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    if had_old {
        std::fs::remove_dir_all(old)
            .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_own_output_and_refuses_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut pages = Pages::new();
        pages.insert("a/b.html".into(), b"1".to_vec());
        write_site(&out, &pages).unwrap();
        pages.clear();
        pages.insert("c.html".into(), b"2".to_vec());
        write_site(&out, &pages).unwrap();
        assert!(!out.join("a/b.html").exists());
        assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"2");

        let foreign = dir.path().join("mine");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        let err = write_site(&foreign, &pages).unwrap_err().to_string();
        assert!(err.contains("not made by dossier"), "{err}");
        assert!(foreign.join("keep.txt").exists());
    }
}
