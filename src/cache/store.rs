//! The cache on disk: analyses in [`BUCKETS`] files, each article in the one its path hashes
//! to, so an edit rewrites one small file and a build reads a few dozen rather than one per
//! article.
//!
//! A file is a header (magic, the writer's [`identity`](super::key::identity), an entry count)
//! then entries of key, corpus digest, length, payload and an XXH3 checksum of the lot, then a
//! checksum of the whole file. Anything that does not check out — a truncated file, a flipped
//! byte, a header from another binary — drops the whole file: it is rewritten by the build.
//! Files are replaced by writing a sibling and renaming it over, so a reader never sees half
//! of one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::bytes::{Corrupt, Read, Reader, Writer};
use super::key::Key;

/// How many files the cache is spread over.
pub const BUCKETS: usize = 64;

const MAGIC: &[u8; 16] = b"dossier-analysis";

/// One stored analysis: where its payload sits in the bucket's bytes.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The corpus digest it was made under.
    pub digest: u64,
    /// Byte range of the payload in its bucket.
    pub payload: std::ops::Range<usize>,
}

/// One bucket file as read: its bytes and its entries by key; empty when the file was
/// missing or did not check out.
#[derive(Debug, Default)]
pub struct Bucket {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its entries.
    pub entries: HashMap<Key, Entry>,
    /// The file existed but was refused (damaged, or from another binary).
    pub refused: bool,
    /// [`signature`] of its entries in file order: an empty list's when the file is missing.
    pub signature: u64,
}

impl Bucket {
    /// The payload of `entry`.
    pub fn payload(&self, entry: &Entry) -> &[u8] {
        &self.bytes[entry.payload.clone()]
    }
}

/// The bucket an article's analysis lives in, from its path (which an edit does not change).
pub fn bucket_of(display_path: &str) -> usize {
    (xxhash_rust::xxh3::xxh3_64(display_path.as_bytes()) % BUCKETS as u64) as usize
}

fn path(dir: &Path, bucket: usize) -> PathBuf {
    dir.join(format!("{bucket:02}.bin"))
}

/// A digest of a bucket's entries (key and corpus digest, in order): two files with equal
/// signatures hold the same analyses.
pub fn signature<'a>(entries: impl Iterator<Item = (&'a Key, u64)>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for (key, digest) in entries {
        h.update(key);
        h.update(&digest.to_le_bytes());
    }
    h.digest()
}

/// Reads the bucket files under `dir` that `wanted` names (in parallel); the others, and a
/// missing folder or file, read as empty.
pub fn read_some(dir: &Path, identity: &Key, wanted: &[bool]) -> Vec<Bucket> {
    (0..BUCKETS)
        .into_par_iter()
        .map(|b| {
            let empty = Bucket {
                signature: signature(std::iter::empty()),
                ..Bucket::default()
            };
            if !wanted[b] {
                return empty;
            }
            match std::fs::read(path(dir, b)) {
                Ok(bytes) => parse(bytes, identity).unwrap_or(Bucket {
                    refused: true,
                    ..empty
                }),
                Err(_) => empty,
            }
        })
        .collect()
}

/// Reads every bucket file under `dir`.
#[cfg(test)]
pub fn read_all(dir: &Path, identity: &Key) -> Vec<Bucket> {
    read_some(dir, identity, &[true; BUCKETS])
}

/// Checks a bucket file and indexes its entries.
fn parse(bytes: Vec<u8>, identity: &Key) -> Read<Bucket> {
    let body_len = bytes
        .len()
        .checked_sub(8)
        .ok_or(Corrupt("file too short"))?;
    let mut tail = Reader::new(&bytes[body_len..]);
    if tail.fixed()? != xxhash_rust::xxh3::xxh3_64(&bytes[..body_len]) {
        return Err(Corrupt("file checksum"));
    }
    let mut r = Reader::new(&bytes[..body_len]);
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Corrupt("not a cache file"));
    }
    if r.take(32)? != identity {
        return Err(Corrupt("written by another version"));
    }
    let n = r.count()?;
    let mut entries = HashMap::with_capacity(n);
    let mut order = Vec::with_capacity(n);
    for _ in 0..n {
        let start = body_len - r.left();
        let key: Key = r.take(32)?.try_into().map_err(|_| Corrupt("key"))?;
        let digest = r.fixed()?;
        let len = r.size()?;
        let at = body_len - r.left();
        r.take(len)?;
        let end = body_len - r.left();
        if r.fixed()? != xxhash_rust::xxh3::xxh3_64(&bytes[start..end]) {
            return Err(Corrupt("entry checksum"));
        }
        order.push((key, digest));
        entries.insert(
            key,
            Entry {
                digest,
                payload: at..end,
            },
        );
    }
    if !r.is_done() {
        return Err(Corrupt("bytes after the entries"));
    }
    Ok(Bucket {
        bytes,
        entries,
        refused: false,
        signature: signature(order.iter().map(|(k, d)| (k, *d))),
    })
}

/// The bytes of a bucket file holding `entries` (key, corpus digest, payload), in order.
pub fn file_bytes<'a>(
    identity: &Key,
    entries: impl ExactSizeIterator<Item = (&'a Key, u64, &'a [u8])>,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.bytes.extend_from_slice(identity);
    w.size(entries.len());
    for (key, digest, payload) in entries {
        let start = w.bytes.len();
        w.bytes.extend_from_slice(key);
        w.fixed(digest);
        w.size(payload.len());
        w.bytes.extend_from_slice(payload);
        let check = xxhash_rust::xxh3::xxh3_64(&w.bytes[start..]);
        w.fixed(check);
    }
    let check = xxhash_rust::xxh3::xxh3_64(&w.bytes);
    w.fixed(check);
    w.bytes
}

/// Replaces bucket `bucket` under `dir` with `bytes` (removes it when `None`): written beside
/// it and renamed over, so a concurrent reader sees the old file or the new one.
pub fn write(dir: &Path, bucket: usize, bytes: Option<&[u8]>) -> std::io::Result<()> {
    let target = path(dir, bucket);
    let Some(bytes) = bytes else {
        return match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    };
    let temp = dir.join(format!(".{bucket:02}.{}.tmp", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, &target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Removes the half-written files (`.NN.PID.tmp`) that builds killed while writing left,
/// those of processes that are gone.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id().to_string();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let pid = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.split_once('.'))
            .map(|(_, pid)| pid);
        let Some(pid) = pid.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let gone =
            pid != me && Path::new("/proc/self").exists() && !Path::new("/proc").join(pid).exists();
        if gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates the cache folder, tagged so backup tools skip it (<https://bford.info/cachedir/>).
pub fn create(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        std::fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This folder is dossier's analysis cache; it is rebuilt when deleted.\n",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: Key = [7; 32];

    fn one() -> Vec<u8> {
        let key: Key = [1; 32];
        file_bytes(&ID, [(&key, 42u64, b"payload".as_slice())].into_iter())
    }

    #[test]
    fn entries_read_back() {
        let b = parse(one(), &ID).unwrap();
        let e = &b.entries[&[1; 32]];
        assert_eq!(e.digest, 42);
        assert_eq!(b.payload(e), b"payload");
    }

    #[test]
    fn any_damage_refuses_the_file() {
        let good = one();
        for cut in 0..good.len() {
            assert!(
                parse(good[..cut].to_vec(), &ID).is_err(),
                "truncated at {cut}"
            );
        }
        for at in 0..good.len() {
            for bit in [0x01, 0x80] {
                let mut bad = good.clone();
                bad[at] ^= bit;
                assert!(parse(bad, &ID).is_err(), "byte {at} flipped ({bit:#x})");
            }
        }
        assert!(parse(good, &[8; 32]).is_err(), "another version's file");
    }

    #[test]
    fn writes_replace_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        create(dir.path()).unwrap();
        write(dir.path(), 3, Some(&one())).unwrap();
        let all = read_all(dir.path(), &ID);
        assert_eq!(all[3].entries.len(), 1);
        assert!(all
            .iter()
            .enumerate()
            .all(|(i, b)| i == 3 || b.entries.is_empty()));
        write(dir.path(), 3, None).unwrap();
        write(dir.path(), 3, None).unwrap();
        assert!(read_all(dir.path(), &ID)[3].entries.is_empty());
        assert!(dir.path().join("CACHEDIR.TAG").is_file());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn sweeps_what_killed_writers_left() {
        let dir = tempfile::tempdir().unwrap();
        // No process has this id: above Linux's largest `pid_max`.
        let dead = dir.path().join(".03.4194305.tmp");
        let mine = dir.path().join(format!(".04.{}.tmp", std::process::id()));
        let other = dir.path().join("notes.tmp");
        for f in [&dead, &mine, &other] {
            std::fs::write(f, "x").unwrap();
        }
        sweep(dir.path());
        assert!(!dead.exists() || !Path::new("/proc/self").exists());
        assert!(mine.exists() && other.exists());
    }
}
