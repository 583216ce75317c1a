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
pub(crate) fn binary_identity() -> String {
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
///
/// Every byte of the site passes through here (1.3 GB at 10,000 articles), so it is XXH3-128,
/// several times faster than BLAKE3. A match only lets the next build hard-link the old copy
/// instead of writing it again, and the lengths must match too; the hash need not resist
/// someone crafting collisions, only tell a page from its edited self.
pub fn content(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// [`content`] computed over a stream written piece by piece (the JSON export).
#[derive(Default)]
pub struct ContentHasher(xxhash_rust::xxh3::Xxh3Default);

impl ContentHasher {
    /// Adds the next piece of the file.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The hash of everything added, as [`content`] writes it.
    pub fn finish(&self) -> String {
        format!("{:032x}", self.0.digest128())
    }
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

    #[test]
    fn streamed_hash_equals_whole_hash() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut h = ContentHasher::default();
        for piece in bytes.chunks(3_333) {
            h.update(piece);
        }
        assert_eq!(h.finish(), content(&bytes));
    }
}
