//! Rebuild avoidance: one hash of everything a build reads.
//!
//! The output is a pure function of the binary, `site.toml`, the site's template and static
//! overrides, the seeds with their notes files and the command-line options (builds are deterministic), so when that
//! hash matches the one the last build left in the output folder, and the output is intact,
//! there is nothing to do — the way `make` and Cargo decide, without trusting file times.

use std::path::Path;

use crate::config::Site;
use crate::model::{NotesSource, SourceFile};

/// Hashes every input of a build; `options` describes the command-line overrides. Notes files
/// count like seeds: editing a note rebuilds.
pub fn inputs(site: &Site, sources: &[SourceFile], notes: &[NotesSource], options: &str) -> String {
    let mut h = blake3::Hasher::new();
    let mut field = |tag: &str, bytes: &[u8]| {
        h.update(tag.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field("version", env!("CARGO_PKG_VERSION").as_bytes());
    field("binary", binary_identity().as_bytes());
    field("options", options.as_bytes());
    field(
        "config",
        &std::fs::read(&site.config_path).unwrap_or_default(),
    );
    for folder in ["templates", "static"] {
        for (rel, bytes) in tree(&site.root.join(folder)) {
            field(folder, rel.as_bytes());
            field("bytes", &bytes);
        }
    }
    for s in sources {
        field("seed", s.display_path.as_bytes());
        field("text", s.text.as_bytes());
    }
    for n in notes {
        field("notes", n.display_path.as_bytes());
        field("text", n.text.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// The running executable's size and modification time: a rebuilt dossier, whose embedded
/// templates or rules may differ, never reuses an output made by another build of itself.
fn binary_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}

/// Files under `dir` with their bytes, sorted by relative path; nothing when it is absent.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

/// A short content hash of one output file, for the output manifest.
pub fn content(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_stable_and_short() {
        assert_eq!(content(b"a"), content(b"a"));
        assert_ne!(content(b"a"), content(b"b"));
        assert_eq!(content(b"").len(), 32);
    }
}
