//! Write stage: puts the rendered site on disk without ever leaving a half-written one.
//!
//! The site is written to a fresh sibling folder, then swapped in with renames; a failure at
//! any point before the swap leaves the previous output untouched. dossier refuses to replace
//! a folder it did not create (it recognises its own by a marker file).
//!
//! The marker also holds a manifest — the inputs' fingerprint and each file's content hash —
//! so a file whose bytes did not change is hard-linked from the previous output instead of
//! written again, and a build whose inputs did not change is skipped altogether.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::fingerprint;
use crate::output::{Inputs, Pages};

/// Marker file that says "dossier made this folder, it may replace it".
pub const MARKER: &str = ".dossier-output";

const MARKER_HEAD: &str = "This folder was written by dossier; the next build replaces it.";

/// What the last build left: its inputs' fingerprint, each file's hash and length, and what
/// each page was made from (see [`crate::output::Inputs`]).
#[derive(Debug, Default)]
struct Manifest {
    inputs: String,
    files: BTreeMap<String, (String, u64)>,
    made_from: HashMap<String, Inputs>,
}

fn read_manifest(out: &Path) -> Manifest {
    let mut manifest = Manifest::default();
    let Ok(text) = std::fs::read_to_string(out.join(MARKER)) else {
        return manifest;
    };
    for line in text.lines() {
        if let Some(hash) = line.strip_prefix("inputs ") {
            manifest.inputs = hash.to_string();
        } else if let Some(rest) = line.strip_prefix("file ") {
            let mut parts = rest.splitn(3, ' ');
            if let (Some(hash), Some(len), Some(path)) = (parts.next(), parts.next(), parts.next())
            {
                if let Ok(len) = len.parse() {
                    manifest
                        .files
                        .insert(path.to_string(), (hash.to_string(), len));
                }
            }
        } else if let Some((made, path)) = line
            .strip_prefix("made ")
            .and_then(|rest| rest.split_once(' '))
        {
            if let Ok(made) = Inputs::from_str_radix(made, 16) {
                manifest.made_from.insert(path.to_string(), made);
            }
        }
    }
    manifest
}

/// Number of files in `out` when the last build there had these inputs and every file it
/// wrote is still in place with its size; `None` when a build is needed.
pub fn up_to_date(out: &Path, inputs: &str) -> Option<usize> {
    let manifest = read_manifest(out);
    if manifest.inputs != inputs || manifest.files.is_empty() {
        return None;
    }
    let intact = manifest.files.iter().all(|(path, (_, len))| {
        std::fs::metadata(out.join(path)).is_ok_and(|m| m.is_file() && m.len() == *len)
    });
    intact.then_some(manifest.files.len() + 1)
}

/// The files the output `out` holds by its manifest, and a digest of their hashes: two
/// outputs with equal digests have the same files with the same bytes (`serve` reloads pages
/// only when it changes).
pub fn listing(out: &Path) -> (HashSet<String>, u128) {
    let manifest = read_manifest(out);
    let mut digest = xxhash_rust::xxh3::Xxh3Default::new();
    for (path, (hash, len)) in &manifest.files {
        for part in [path.as_bytes(), hash.as_bytes(), &len.to_le_bytes()] {
            digest.update(&(part.len() as u64).to_le_bytes());
            digest.update(part);
        }
    }
    (manifest.files.into_keys().collect(), digest.digest128())
}

/// A build's output in the making: a staging folder beside the output, filled as pages are
/// rendered (from any thread), then swapped in by [`Staging::finish`]. Dropped unfinished —
/// a failed build — it removes itself, and the previous output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    previous: Manifest,
    lines: Mutex<Vec<String>>,
    folders: Mutex<HashSet<PathBuf>>,
    /// The sweep of what earlier builds left beside the output ([`sweep_stale_siblings`]).
    sweep: Option<std::thread::JoinHandle<()>>,
    finished: bool,
}

impl Staging {
    /// Starts writing a new version of `out`; refuses a folder dossier did not make, or one
    /// holding a file the last build did not write (a `CNAME` added by hand): replacing it
    /// would delete that file.
    pub fn begin(out: &Path) -> Result<Staging> {
        if out.exists() && !is_ours(out)? {
            bail!(
                "{} exists and was not made by dossier; move it away or choose another output folder (-o DIR)",
                out.display()
            );
        }
        if let Some(foreign) = foreign_file(out)? {
            bail!(
                "{} holds {foreign}, which dossier did not write; a build replaces the whole folder, so move that file elsewhere first",
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
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let sweep = sweep_stale_siblings(parent.to_path_buf(), name.to_string());
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        // Marked first, so a folder left by a killed build is recognisably ours to clean up.
        std::fs::write(dir.join(MARKER), format!("{MARKER_HEAD}\nstaging\n"))
            .with_context(|| format!("cannot write the marker in {}", dir.display()))?;
        let previous = if out.exists() {
            read_manifest(out)
        } else {
            Manifest::default()
        };
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
            previous,
            lines: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::new()),
            sweep,
            finished: false,
        })
    }

    /// Writes one file into the staging folder, or hard-links the previous output's copy when
    /// its bytes did not change.
    pub fn put_file(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_file_made_from(path, bytes, None)
    }

    /// Creates the folder of `target` unless this build already did.
    fn folder_of(&self, target: &Path) -> Result<()> {
        if let Some(folder) = target.parent() {
            let known = self.folders.lock().is_ok_and(|f| f.contains(folder));
            if !known {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
                if let Ok(mut f) = self.folders.lock() {
                    f.insert(folder.to_path_buf());
                }
            }
        }
        Ok(())
    }

    /// Records a manifest line, and a `made` line when the file's inputs are known.
    fn note(&self, line: String, path: &str, made_from: Option<Inputs>) -> Result<()> {
        let mut lines = self
            .lines
            .lock()
            .map_err(|_| anyhow::anyhow!("a writing thread failed"))?;
        lines.push(line);
        if let Some(made) = made_from {
            lines.push(format!("made {made:032x} {path}"));
        }
        Ok(())
    }

    /// Keeps the previous output's `path` (hard-linked) when it was made from `inputs` and is
    /// still the size the manifest says, with that size; `None` when the file must be made.
    pub fn reuse_file(&self, path: &str, inputs: Inputs) -> Result<Option<u64>> {
        if self.previous.made_from.get(path) != Some(&inputs) {
            return Ok(None);
        }
        let Some((hash, len)) = self.previous.files.get(path) else {
            return Ok(None);
        };
        let old = self.out.join(path);
        if !std::fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == *len) {
            return Ok(None);
        }
        let target = self.dir.join(path);
        self.folder_of(&target)?;
        if std::fs::hard_link(&old, &target).is_err() {
            return Ok(None);
        }
        self.note(format!("file {hash} {len} {path}"), path, Some(inputs))?;
        Ok(Some(*len))
    }

    /// [`Staging::put_file`] for a file made from `made_from`, remembered for the next build.
    pub fn put_file_made_from(
        &self,
        path: &str,
        bytes: &[u8],
        made_from: Option<Inputs>,
    ) -> Result<()> {
        let target = self.dir.join(path);
        self.folder_of(&target)?;
        let hash = fingerprint::content(bytes);
        let same = self
            .previous
            .files
            .get(path)
            .is_some_and(|(h, len)| *h == hash && *len == bytes.len() as u64);
        let linked = same && std::fs::hard_link(self.out.join(path), &target).is_ok();
        if !linked {
            std::fs::write(&target, bytes)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        self.note(
            format!("file {hash} {} {path}", bytes.len()),
            path,
            made_from,
        )
    }

    /// A file already written to the staging folder, read back (to name a broken link).
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.join(path)).ok()
    }

    /// Streams one file into the staging folder through `fill`, for outputs too big to hold
    /// in memory (the JSON export).
    pub fn put_streamed(
        &self,
        path: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        let file = std::fs::File::create(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        let mut tee = HashingWriter {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            hasher: fingerprint::ContentHasher::default(),
            len: 0,
        };
        fill(&mut tee)
            .and_then(|()| std::io::Write::flush(&mut tee))
            .with_context(|| format!("cannot write {}", target.display()))?;
        let hash = tee.hasher.finish();
        self.note(format!("file {hash} {} {path}", tee.len), path, None)
    }

    /// Writes the manifest (with the inputs' fingerprint) and swaps the staging folder in.
    pub fn finish(mut self, inputs: &str) -> Result<()> {
        let mut lines = std::mem::take(
            &mut *self
                .lines
                .lock()
                .map_err(|_| anyhow::anyhow!("a writing thread failed"))?,
        );
        // Sorted by path (a file's `made` line after its `file` line), so the manifest is the
        // same whatever order threads wrote in.
        let path_of = |line: &str| {
            if line.starts_with("made ") {
                (line.splitn(3, ' ').nth(2).map(str::to_string), 1)
            } else {
                (line.splitn(4, ' ').nth(3).map(str::to_string), 0)
            }
        };
        lines.sort_by_cached_key(|l| path_of(l));
        let marker = format!("{MARKER_HEAD}\ninputs {inputs}\n{}\n", lines.join("\n"));
        std::fs::write(self.dir.join(MARKER), marker)
            .with_context(|| format!("cannot write the marker in {}", self.dir.display()))?;
        if let Some(sweep) = self.sweep.take() {
            let _ = sweep.join();
        }
        let background = self.previous.files.len() >= BACKGROUND_DELETE;
        swap(&self.out, &self.dir, &self.old, background)?;
        self.finished = true;
        Ok(())
    }
}

/// Writes through to a file while hashing, so a streamed file gets its manifest line.
struct HashingWriter<W: std::io::Write> {
    inner: W,
    hasher: fingerprint::ContentHasher,
    len: u64,
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl crate::output::Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.put_file(&path, &bytes)
    }

    fn put_made_from(&self, path: String, bytes: Vec<u8>, inputs: Inputs) -> Result<()> {
        self.put_file_made_from(&path, &bytes, Some(inputs))
    }

    fn reuse(&self, path: &str, inputs: Inputs) -> Result<Option<u64>> {
        self.reuse_file(path, inputs)
    }

    fn put_streamed(
        &self,
        path: String,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        Staging::put_streamed(self, &path, fill)
    }
}

/// Writes `pages` as the new content of `out`, atomically from a reader's point of view;
/// `inputs` is the fingerprint of what they were built from.
pub fn write_site(out: &Path, pages: &Pages, inputs: &str) -> Result<()> {
    let staging = Staging::begin(out)?;
    pages
        .par_iter()
        .try_for_each(|(path, bytes)| staging.put_file(path, bytes))?;
    staging.finish(inputs)
}

fn is_ours(out: &Path) -> Result<bool> {
    if out.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries =
        std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
    Ok(entries.next().is_none())
}

/// The first file (relative path) in `out` that the last build's manifest does not list, so
/// replacing the folder would delete something dossier never wrote.
fn foreign_file(out: &Path) -> Result<Option<String>> {
    if !out.join(MARKER).is_file() {
        return Ok(None);
    }
    let manifest = read_manifest(out);
    for entry in walkdir::WalkDir::new(out).sort_by_file_name().min_depth(1) {
        let entry = entry.with_context(|| format!("cannot read {}", out.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MARKER && !manifest.files.contains_key(&rel) {
            return Ok(Some(rel));
        }
    }
    Ok(None)
}

/// [`remove_stale_siblings`] on a thread of its own: those folders are no part of the build,
/// and deleting a whole previous site takes a second of system time at 10,000 articles. A
/// process that exits first leaves the rest to the next build's sweep.
/// The build waits for it before its swap ([`Staging::finish`]), by when it has long finished.
fn sweep_stale_siblings(parent: PathBuf, name: String) -> Option<std::thread::JoinHandle<()>> {
    let spawned = std::thread::Builder::new()
        .name("dossier-sweep".into())
        .spawn({
            let (parent, name) = (parent.clone(), name.clone());
            move || remove_stale_siblings(&parent, &name)
        });
    match spawned {
        Ok(handle) => Some(handle),
        Err(_) => {
            remove_stale_siblings(&parent, &name);
            None
        }
    }
}

/// Deletes `dir`, a previous site just swapped out, on a thread of its own (or here, when no
/// thread can be started): the new site is already in place, so a deletion that fails or is
/// cut short by the process's exit loses nothing, and `dir` keeps its marker to the end for
/// the next build's sweep ([`remove_stale_siblings`]) to finish it.
fn delete_in_background(dir: PathBuf) {
    let spawned = std::thread::Builder::new()
        .name("dossier-delete".into())
        .spawn({
            let dir = dir.clone();
            move || {
                let _ = remove_ours(&dir);
            }
        });
    if spawned.is_err() {
        let _ = remove_ours(&dir);
    }
}

/// A name beside `out` for its previous version while that is deleted, unique within this
/// process (`serve` swaps again while an earlier deletion may still run):
/// `.NAME.old-PID-N`.
fn retired_name(out: &Path) -> PathBuf {
    static RETIRED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = RETIRED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.old-{}-{n}", std::process::id()))
}

/// Removes `.NAME.new-PID`, `.NAME.old-PID` and `.NAME.old-PID-N` folders beside the output
/// that a killed (or exited) build left behind: only ones carrying dossier's marker (or
/// empty), and only when process PID is gone.
fn remove_stale_siblings(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(pid) = file_name
            .strip_prefix(&new)
            .or_else(|| file_name.strip_prefix(&old))
        else {
            continue;
        };
        let pid = pid.split_once('-').map_or(pid, |(pid, _)| pid);
        let alive = pid == std::process::id().to_string()
            || Path::new("/proc").join(pid).exists()
            || !Path::new("/proc/self").exists();
        if !alive && pid.bytes().all(|b| b.is_ascii_digit()) {
            let _ = remove_ours(&entry.path());
        }
    }
}

/// Deletes a folder dossier made, its marker last, so an interrupted deletion still leaves a
/// folder that the next build recognises as its own.
fn remove_ours(dir: &Path) -> std::io::Result<()> {
    if !dir.join(MARKER).is_file() {
        // A build killed before writing its marker, or a deletion killed between the marker
        // and the folder, leaves it empty: removing an empty folder loses nothing, and
        // `remove_dir` refuses any other.
        let _ = std::fs::remove_dir(dir);
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    std::fs::remove_file(dir.join(MARKER))?;
    std::fs::remove_dir(dir)
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); `false` when the
/// system or file system cannot, and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Previous outputs of at least this many files are deleted on a thread of their own
/// ([`delete_in_background`]); a smaller one is deleted in less time than a thread would save,
/// and leaves no folder behind when the process exits first.
const BACKGROUND_DELETE: usize = 2_000;

/// Swaps the staging folder in; `background`: delete the previous site on a thread of its own.
fn swap(out: &Path, staging: &Path, old: &Path, background: bool) -> Result<()> {
    let had_old = out.exists();
    if had_old && exchange(staging, out) {
        // `staging` now holds the previous site; the new one is already in place.
        let retired = retired_name(out);
        if background && std::fs::rename(staging, &retired).is_ok() {
            delete_in_background(retired);
            return Ok(());
        }
        remove_ours(staging)
            .with_context(|| format!("cannot remove the previous site at {}", staging.display()))?;
        return Ok(());
    }
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
        let retired = retired_name(out);
        if background && std::fs::rename(old, &retired).is_ok() {
            delete_in_background(retired);
            return Ok(());
        }
        remove_ours(old)
            .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_what_killed_builds_left_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        // No process has this id: above Linux's largest `pid_max`.
        let dead = |kind: &str| dir.path().join(format!(".public.{kind}-4194305"));
        std::fs::create_dir(dead("new")).unwrap();
        std::fs::create_dir(dead("old")).unwrap();
        std::fs::write(dead("old").join(MARKER), "x").unwrap();
        std::fs::write(dead("old").join("a.html"), "x").unwrap();
        let retired = dir.path().join(".public.old-4194305-7");
        std::fs::create_dir(&retired).unwrap();
        std::fs::write(retired.join(MARKER), "x").unwrap();
        let live = dir
            .path()
            .join(format!(".public.old-{}-3", std::process::id()));
        std::fs::create_dir(&live).unwrap();
        std::fs::write(live.join(MARKER), "x").unwrap();
        let foreign = dir.path().join(".public.new-4194306");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("mine.txt"), "keep").unwrap();
        remove_stale_siblings(dir.path(), "public");
        assert!(!dead("new").exists(), "an empty folder a killed build left");
        assert!(!dead("old").exists(), "a marked folder");
        assert!(
            !retired.exists(),
            "a retired site an exited build was deleting"
        );
        assert!(live.exists(), "one this process is still deleting");
        assert!(
            foreign.join("mine.txt").exists(),
            "an unmarked folder with content"
        );
    }

    #[test]
    fn replaces_own_output_and_refuses_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut pages = Pages::new();
        pages.insert("a/b.html".into(), b"1".to_vec());
        write_site(&out, &pages, "x").unwrap();
        pages.clear();
        pages.insert("c.html".into(), b"2".to_vec());
        write_site(&out, &pages, "y").unwrap();
        assert!(!out.join("a/b.html").exists());
        assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"2");

        let foreign = dir.path().join("mine");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        let err = write_site(&foreign, &pages, "x").unwrap_err().to_string();
        assert!(err.contains("not made by dossier"), "{err}");
        assert!(foreign.join("keep.txt").exists());
    }

    #[test]
    fn unchanged_files_are_linked_and_same_inputs_are_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut pages = Pages::new();
        pages.insert("same.html".into(), b"same".to_vec());
        pages.insert("changes.html".into(), b"one".to_vec());
        write_site(&out, &pages, "first").unwrap();
        assert_eq!(up_to_date(&out, "first"), Some(3));
        assert_eq!(up_to_date(&out, "second"), None);
        pages.insert("changes.html".into(), b"two".to_vec());
        write_site(&out, &pages, "second").unwrap();
        assert_eq!(std::fs::read(out.join("changes.html")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("same.html")).unwrap(), b"same");
        // A file the reader deleted or edited makes the output stale again.
        std::fs::write(out.join("same.html"), "edited!").unwrap();
        assert_eq!(up_to_date(&out, "second"), None);
    }
}
