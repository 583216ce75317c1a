//! Load stage: walks the seeds folder and reads every article, in a stable order.
//!
//! Reading is the only place file-system errors can occur for content, so every message here
//! names the file; invalid UTF-8 names the byte offset as well.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Format, NotesSource, SourceFile};

/// Reads every `.txt` and `.md` article under `dir` (recursively), sorted by path, strictly:
/// invalid UTF-8 is an error. Warnings (skipped symbolic links) are dropped; the build uses
/// [`load_sources_with`] to report them.
pub fn load_sources(dir: &Path, root: &Path) -> Result<Vec<SourceFile>> {
    load_sources_with(dir, root, false).map(|l| l.sources)
}

/// What the load stage read, and what it chose not to read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The articles, sorted by path.
    pub sources: Vec<SourceFile>,
    /// The editorial notes files (`*.notes.md`), sorted by path; which article each belongs to
    /// is checked by the notes stage, which knows the articles.
    pub notes: Vec<NotesSource>,
    /// Problems that did not stop the build, files named relative to the site root, so a
    /// user learns that a file was skipped or a byte replaced instead of wondering where an
    /// article went.
    pub warnings: Vec<Diagnostic>,
}

/// Reads every `.txt` and `.md` article under `dir` (recursively), sorted by path.
///
/// Editorial side files (`*.notes.md`) are not articles: they are read into [`Loaded::notes`]
/// (strictly UTF-8, whatever `lossy` says: a repaired note would anchor wrongly). Hidden files
/// are skipped.
/// Symbolic links are never followed (a link could publish a file from outside the seeds
/// folder, or loop), and each one is reported as a warning. With `lossy`, invalid UTF-8 is
/// replaced by U+FFFD with a warning naming the first bad byte, instead of failing the build;
/// offsets in the export then point into the repaired text, as the warning says. Files of other
/// kinds are skipped with a warning. Authoring errors (a file name that cannot be an id, two
/// files with one id, invalid UTF-8) are reported all at once, as [`Diagnostics`]; a file that
/// cannot be read stops the walk.
pub fn load_sources_with(dir: &Path, root: &Path, lossy: bool) -> Result<Loaded> {
    if !dir.is_dir() {
        bail!(
            "seeds folder {} does not exist; create it or set seeds_dir in site.toml",
            dir.display()
        );
    }
    let mut found = Vec::new();
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let walk = WalkDir::new(dir).sort_by_file_name().follow_links(false);
    for entry in walk {
        let entry = entry.map_err(|e| {
            // One cause, named once: walkdir's own message repeats the OS error.
            let at = e
                .path()
                .map_or_else(|| shown(dir, root), |p| shown(p, root));
            match e.io_error() {
                Some(io) => anyhow::anyhow!("cannot read {at}: {io}"),
                None => anyhow::anyhow!("cannot read {at}: {e}"),
            }
        })?;
        let path = entry.path();
        if entry.path_is_symlink() {
            found.push(Walked::Skipped(
                Diagnostic::warning(Some(shown(path, root)), "symbolic link skipped").hint(
                    "dossier reads only regular files inside the seeds folder (copy the file in instead)",
                ),
            ));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(article) = name
            .strip_suffix(".notes.md")
            .filter(|_| !name.starts_with('.'))
        {
            notes.push(read_notes(path, root, article)?);
            continue;
        }
        let format = match path.extension().and_then(|e| e.to_str()) {
            _ if name.starts_with('.') => continue,
            Some("txt") => Format::Text,
            Some("md") => Format::Markdown,
            other => {
                found.push(Walked::Skipped(skipped(&shown(path, root), other)));
                continue;
            }
        };
        let display_path = shown(path, root);
        let id = match article_id(path) {
            Ok(id) => id,
            Err(e) => {
                errors.push(
                    Diagnostic::error(Some(display_path), "the file name cannot be an article id")
                        .hint(e.to_string()),
                );
                continue;
            }
        };
        if let Some(other) = ids.insert(id.to_lowercase(), display_path.clone()) {
            errors.push(
                Diagnostic::error(
                    Some(display_path),
                    format!("article id {id:?} collides with {other}"),
                )
                .hint("rename one of them"),
            );
            continue;
        }
        found.push(Walked::Article(Found {
            id,
            path: path.to_path_buf(),
            display_path,
            format,
        }));
    }
    // Reading is system time, one file after another; spread over the cores it overlaps.
    // Results come back in path order, so the warnings keep that order and the error is the
    // first unreadable file's.
    let read: Vec<Result<Read>> = found
        .into_par_iter()
        .map(|walked| match walked {
            Walked::Article(f) => read_article(f, lossy),
            Walked::Skipped(warning) => Ok(Read::Warning(warning)),
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for result in read {
        match result? {
            Read::Source(source, warning) => {
                out.push(source);
                warnings.extend(warning);
            }
            Read::Warning(warning) => warnings.push(warning),
            Read::Error(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics::sorted(errors).into());
    }
    read_notes_folder(&root.join(NOTES_DIR), root, &mut notes)?;
    notes.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    Ok(Loaded {
        sources: out,
        notes,
        warnings,
    })
}

/// What the walk found, in path order.
enum Walked {
    /// An article to read.
    Article(Found),
    /// Something passed over, with the warning that says so.
    Skipped(Diagnostic),
}

/// What reading one walked entry gave.
enum Read {
    /// An article, and the warning about its repair (with `lossy`).
    Source(SourceFile, Option<Diagnostic>),
    /// A warning about something passed over.
    Warning(Diagnostic),
    /// An article that cannot be read as text.
    Error(Diagnostic),
}

/// The warning for a file the walk passes over, `ext` being its extension: a user who saved
/// an article as `.markdown` or `.html` learns why it is missing.
fn skipped(file: &str, ext: Option<&str>) -> Diagnostic {
    let warning = Diagnostic::warning(Some(file.to_string()), "skipped: not a .txt or .md article");
    let lower = ext.map(str::to_ascii_lowercase);
    match lower.as_deref() {
        Some("markdown" | "mdown" | "mkd" | "mkdn" | "mdwn" | "mdtxt" | "mdtext") => {
            warning.hint("rename it to .md to read it as Markdown")
        }
        Some("text" | "asc" | "rst" | "adoc" | "org" | "html" | "htm" | "xhtml") => {
            warning.hint("save it as .txt (plain text) or .md (Markdown) to read it")
        }
        _ => warning.hint("only .txt and .md files (and .notes.md notes) are read"),
    }
}

/// An article file the walk found, before it is read.
struct Found {
    id: String,
    path: std::path::PathBuf,
    display_path: String,
    format: Format,
}

/// Reads one article; invalid UTF-8 is an error at its line and column, or with `lossy` is
/// replaced and comes back with the warning that says so.
fn read_article(found: Found, lossy: bool) -> Result<Read> {
    let Found {
        id,
        path,
        display_path,
        format,
    } = found;
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {display_path}"))?;
    let (text, warning) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if !lossy {
                return Ok(Read::Error(not_utf8(display_path, e.as_bytes(), at).hint(
                    "re-save the file as UTF-8 (or build with --lossy to replace the bad bytes)",
                )));
            }
            let warning = Diagnostic::warning(
                Some(display_path.clone()),
                format!("not valid UTF-8 at byte {at}"),
            )
            .hint("bad bytes replaced by U+FFFD (--lossy), so exported offsets refer to the repaired text");
            (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(warning),
            )
        }
    };
    let source = SourceFile {
        id,
        path,
        display_path,
        text,
        format,
    };
    Ok(Read::Source(source, warning))
}

/// "not valid UTF-8" in `file` at the line and column of byte `at`, the first bad one.
pub fn not_utf8(file: String, bytes: &[u8], at: usize) -> Diagnostic {
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let (line, col) = crate::position::line_col(valid, at);
    Diagnostic::error(Some(file), format!("not valid UTF-8 (byte {at})")).at(line, Some(col))
}

/// The folder beside `site.toml` that may hold the editorial notes (`notes/<id>.notes.md`)
/// instead of the seeds folder: tools that find an article's source by globbing
/// `seeds/<id>.*` (the shared evaluation scripts do) would otherwise find its notes.
pub const NOTES_DIR: &str = "notes";

/// Adds the `*.notes.md` files of `dir` (if it exists) to `notes`; hidden files and symbolic
/// links are skipped as in the seeds folder.
fn read_notes_folder(dir: &Path, root: &Path, notes: &mut Vec<NotesSource>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(dir).sort_by_file_name().follow_links(false) {
        let entry = entry.map_err(|e| anyhow::anyhow!("cannot read {}: {e}", shown(dir, root)))?;
        if entry.path_is_symlink() || !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_str().unwrap_or_default();
        if let Some(article) = name
            .strip_suffix(".notes.md")
            .filter(|_| !name.starts_with('.'))
        {
            notes.push(read_notes(entry.path(), root, article)?);
        }
    }
    Ok(())
}

/// Reads one notes file, which must be UTF-8.
fn read_notes(path: &Path, root: &Path, article: &str) -> Result<NotesSource> {
    let display_path = shown(path, root);
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {display_path}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let problem = not_utf8(display_path.clone(), e.as_bytes(), at);
        Diagnostics(vec![problem.hint("re-save the notes file as UTF-8")])
    })?;
    Ok(NotesSource {
        article: article.to_string(),
        display_path,
        text,
    })
}

/// A path as messages show it: relative to the project folder, with forward slashes.
fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The file stem, if it is safe to use as a URL segment and a file name.
fn article_id(path: &Path) -> Result<String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .context("the name is not UTF-8")?;
    let ok = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !stem.starts_with('.');
    if !ok {
        bail!("use only letters, digits, '-', '_' and '.' in article file names");
    }
    Ok(stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sorted_and_skips_notes_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "B").unwrap();
        std::fs::write(dir.path().join("a.md"), "A").unwrap();
        std::fs::write(dir.path().join("a.notes.md"), "N").unwrap();
        std::fs::write(dir.path().join("c.pdf"), "C").unwrap();
        let got = load_sources(dir.path(), dir.path()).unwrap();
        let ids: Vec<_> = got.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(got[0].format, Format::Markdown);
        let loaded = load_sources_with(dir.path(), dir.path(), false).unwrap();
        assert_eq!(loaded.notes.len(), 1);
        assert_eq!(loaded.notes[0].article, "a");
        assert_eq!(loaded.notes[0].display_path, "a.notes.md");
    }

    #[test]
    fn invalid_utf8_names_file_and_byte() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), b"abc\xffdef").unwrap();
        let err = load_sources(dir.path(), dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.txt") && err.contains("byte 3"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn warnings_come_in_path_order_whatever_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"bad \xff byte").unwrap();
        std::fs::write(dir.path().join("c.txt"), b"also \xfe bad").unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("b.txt")).unwrap();
        let loaded = load_sources_with(dir.path(), dir.path(), true).unwrap();
        let files: Vec<&str> = loaded
            .warnings
            .iter()
            .map(|w| w.file.as_deref().unwrap())
            .collect();
        assert_eq!(files, ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(loaded.sources.len(), 2);
    }

    #[test]
    fn colliding_ids_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "1").unwrap();
        std::fs::write(dir.path().join("a.md"), "2").unwrap();
        let err = load_sources(dir.path(), dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("collides"), "{err}");
    }

    #[test]
    fn every_authoring_error_is_reported_at_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "1").unwrap();
        std::fs::write(dir.path().join("A.md"), "2").unwrap();
        std::fs::write(dir.path().join("b.txt"), b"ok\nno \xff").unwrap();
        std::fs::write(dir.path().join("c d.txt"), "3").unwrap();
        let err = load_sources(dir.path(), dir.path()).unwrap_err();
        let shown: Vec<String> = crate::diagnostic::of_error(&err)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].starts_with("error: a.txt: article id \"a\" collides with A.md"),
            "{shown:?}"
        );
        assert_eq!(shown[1], "error: b.txt:2:4: not valid UTF-8 (byte 6); re-save the file as UTF-8 (or build with --lossy to replace the bad bytes)");
        assert!(
            shown[2].starts_with("error: c d.txt: the file name cannot be an article id"),
            "{shown:?}"
        );
    }

    #[test]
    fn other_files_are_skipped_with_a_warning_and_hidden_ones_silently() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.markdown"), "A").unwrap();
        std::fs::write(dir.path().join("b.html"), "B").unwrap();
        std::fs::write(dir.path().join("c.png"), "C").unwrap();
        std::fs::write(dir.path().join(".hidden.markdown"), "H").unwrap();
        std::fs::write(dir.path().join("d.txt"), "D").unwrap();
        let loaded = load_sources_with(dir.path(), dir.path(), false).unwrap();
        let shown: Vec<String> = loaded.warnings.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "warning: a.markdown: skipped: not a .txt or .md article; rename it to .md to read it as Markdown",
                "warning: b.html: skipped: not a .txt or .md article; save it as .txt (plain text) or .md (Markdown) to read it",
                "warning: c.png: skipped: not a .txt or .md article; only .txt and .md files (and .notes.md notes) are read",
            ]
        );
        assert_eq!(loaded.sources.len(), 1);
    }
}
