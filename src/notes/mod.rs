//! Notes stage (after index, before render): editorial notes from `seeds/<id>.notes.md`,
//! parsed ([`format`]), anchored to the words they quote in article `<id>` ([`anchor`] over
//! the reader's text, [`text`]), and their references resolved ([`refs`]).
//!
//! A note that cannot be anchored with confidence, or whose quote is ambiguous, is an
//! **orphan**: never attached elsewhere, reported at its file and line with the closest
//! candidate, and an error unless the build allows orphans (then listed on `orphans.html`).

pub mod anchor;
pub mod format;
pub mod fuzzy;
pub mod refs;
pub mod text;

use std::fmt;
use std::ops::Range;

use anyhow::Result;
use rayon::prelude::*;

use crate::ids::{ArticleIx, TiVec};
use crate::model::{Article, NotesSource};
use crate::position::line_col;
use anchor::{Anchoring, Method, Selector, MIN_SCORE};
use format::Note;
use refs::{Names, Reference};
use text::ReaderText;

/// Characters of context kept on each side of an anchored quote for the export's
/// TextQuoteSelector (Hypothesis keeps 32).
const CONTEXT: usize = 32;

/// Every note of the site, placed or orphaned; read-only for render and export.
#[derive(Debug, Default)]
pub struct NoteSet {
    /// Per article (by index), its anchored notes in file order.
    pub placed: TiVec<ArticleIx, Vec<Placed>>,
    /// Notes that could not be anchored, by article then file order.
    pub orphans: Vec<Orphan>,
    /// True when some note has code, so the highlighting stylesheet is needed.
    pub has_code: bool,
    /// Notes files read.
    pub files: usize,
}

impl NoteSet {
    /// The anchored notes of article `i` (none for an article without notes).
    pub fn of(&self, i: ArticleIx) -> &[Placed] {
        self.placed.get(i).map_or(&[], Vec::as_slice)
    }

    /// How many notes of article `i` are orphans.
    pub fn orphans_of(&self, i: ArticleIx) -> usize {
        self.orphans.iter().filter(|o| o.article == i).count()
    }

    /// Every note, placed or not.
    pub fn count(&self) -> usize {
        self.placed.iter().map(Vec::len).sum::<usize>() + self.orphans.len()
    }
}

/// A note anchored in its article.
#[derive(Clone, Debug)]
pub struct Placed {
    /// The note as written.
    pub note: Note,
    /// The notes file, for messages.
    pub file: String,
    /// The note's anchor on the article page (`note-3`, or `note-<id>`).
    pub html_id: String,
    /// `(block, range in the block's plain text)` for each block the quote touches.
    pub segments: Vec<(usize, Range<usize>)>,
    /// The words anchored, as the reader text has them now.
    pub exact: String,
    /// Up to 32 characters of reader text before them.
    pub prefix: String,
    /// Up to 32 characters of reader text after them.
    pub suffix: String,
    /// Position in the reader text, in code points: start (inclusive) and end (exclusive).
    pub position: (usize, usize),
    /// Which anchoring step found it.
    pub method: Method,
    /// Its similarity score (1 unless fuzzy).
    pub score: f64,
    /// The note's references, in order.
    pub refs: Vec<Reference>,
}

/// A note that could not be anchored.
#[derive(Clone, Debug)]
pub struct Orphan {
    /// The article it was written for.
    pub article: ArticleIx,
    /// The note as written.
    pub note: Note,
    /// The notes file.
    pub file: String,
    /// Why: not found, or ambiguous, in words.
    pub reason: String,
    /// The closest passage and its score, when there is one.
    pub closest: Option<(String, f64)>,
    /// The note's references, in order.
    pub refs: Vec<Reference>,
}

/// A problem in a notes file, printed `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The notes file, relative to the site root.
    pub file: String,
    /// 1-based line, when there is one.
    pub line: Option<usize>,
    /// 1-based column, when there is one.
    pub col: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    /// `file:line:col` (as much as is known), for `dossier check`.
    pub fn location(&self) -> String {
        match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

impl Diagnostic {
    /// This problem as the crate's [`crate::diagnostic::Diagnostic`] of `severity`, its file
    /// shown through `shown` (the path the user can open).
    pub fn to_problem(
        &self,
        severity: crate::diagnostic::Severity,
        shown: impl Fn(&str) -> String,
    ) -> crate::diagnostic::Diagnostic {
        let problem = crate::diagnostic::Diagnostic {
            severity,
            ..crate::diagnostic::Diagnostic::error(Some(shown(&self.file)), self.message.clone())
        };
        match self.line {
            Some(line) => problem.at(line, self.col),
            None => problem,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// The outcome of the notes stage: the notes, and the problems for the command to judge.
#[derive(Debug, Default)]
pub struct Attached {
    /// The notes.
    pub notes: NoteSet,
    /// What went wrong on the way.
    pub problems: NoteProblems,
}

/// The notes stage's problems, before the command decides what fails it.
#[derive(Debug, Default)]
pub struct NoteProblems {
    /// Syntax errors, unknown references, notes files without an article: always errors.
    pub errors: Vec<Diagnostic>,
    /// Orphans, each with what to do: errors unless orphans are allowed.
    pub orphans: Vec<(Diagnostic, &'static str)>,
    /// Problems that never fail a build (code in an unknown language).
    pub warnings: Vec<Diagnostic>,
}

impl NoteProblems {
    /// Every problem as a diagnostic, files shown through `shown`: orphans are warnings when
    /// they are allowed, else errors that say what to do.
    pub fn diagnostics(
        &self,
        allow_orphans: bool,
        shown: impl Fn(&str) -> String,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        use crate::diagnostic::Severity;
        let of = |d: &Diagnostic, severity| d.to_problem(severity, &shown);
        let mut out: Vec<_> = self.errors.iter().map(|d| of(d, Severity::Error)).collect();
        out.extend(self.warnings.iter().map(|d| of(d, Severity::Warning)));
        for (d, fix) in &self.orphans {
            out.push(match allow_orphans {
                true => of(d, Severity::Warning).hint("listed on orphans.html"),
                false => of(d, Severity::Error).hint(*fix),
            });
        }
        out
    }

    /// The warnings to print when nothing fails the build; else every error at once, as
    /// [`crate::diagnostic::Diagnostics`].
    pub fn into_result(
        self,
        allow_orphans: bool,
        shown: impl Fn(&str) -> String,
    ) -> Result<Vec<crate::diagnostic::Diagnostic>> {
        let (errors, warnings): (Vec<_>, Vec<_>) = self
            .diagnostics(allow_orphans, shown)
            .into_iter()
            .partition(|d| d.severity == crate::diagnostic::Severity::Error);
        if !errors.is_empty() {
            return Err(crate::diagnostic::Diagnostics::sorted(errors).into());
        }
        Ok(warnings)
    }
}

/// Anchors every notes file's notes in its article and resolves their references.
pub fn attach(names: Names, files: &[NotesSource]) -> Attached {
    let mut out = Attached {
        notes: NoteSet {
            placed: vec![Vec::new(); names.articles.len()].into(),
            files: files.len(),
            ..NoteSet::default()
        },
        ..Attached::default()
    };
    let done: Vec<FileResult> = files.par_iter().map(|f| one_file(names, f)).collect();
    for r in done {
        out.problems.errors.extend(r.errors);
        out.problems.warnings.extend(r.warnings);
        out.problems.orphans.extend(r.orphan_diagnostics);
        out.notes.has_code |= r.code;
        out.notes.orphans.extend(r.orphans);
        if let Some(i) = r.article {
            out.notes.placed[i].extend(r.placed);
        }
    }
    out
}

/// What one notes file gave.
#[derive(Default)]
struct FileResult {
    article: Option<ArticleIx>,
    placed: Vec<Placed>,
    orphans: Vec<Orphan>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    orphan_diagnostics: Vec<(Diagnostic, &'static str)>,
    code: bool,
}

fn one_file(names: Names, file: &NotesSource) -> FileResult {
    let mut out = FileResult::default();
    let diag = |line: Option<usize>, col: Option<usize>, message: String| Diagnostic {
        file: file.display_path.clone(),
        line,
        col,
        message,
    };
    let Some(a) = names.articles.position(|x| x.id == file.article) else {
        out.errors.push(diag(None, None, format!(
            "no article {:?} for this notes file: a notes file is named after its article (<id>.notes.md beside <id>.txt or <id>.md); rename or remove it",
            file.article
        )));
        return out;
    };
    out.article = Some(a);
    // The well-formed notes are still anchored and their references checked, so one run
    // reports every problem of the file.
    let (notes, syntax) = format::parse_all(&file.text);
    out.errors.extend(
        syntax
            .into_iter()
            .map(|e| diag(Some(e.line), Some(e.col), e.message)),
    );
    let article = &names.articles[a];
    let reader = ReaderText::of(article);
    for (n, note) in notes.into_iter().enumerate() {
        let collected = refs::collect(&note.body, names);
        out.code |= collected.code;
        let at = |offset: usize| {
            let (line, col) = line_col(&note.body, offset);
            (Some(note.body_line + line - 1), Some(col))
        };
        for (offset, msg) in collected.errors {
            let (line, col) = at(offset);
            out.errors.push(diag(line, col, msg));
        }
        for (offset, msg) in collected.warnings {
            let (line, col) = at(offset);
            out.warnings.push(diag(line, col, msg));
        }
        let sel = Selector {
            exact: &note.quote,
            prefix: &note.prefix,
            suffix: &note.suffix,
        };
        let html_id = match &note.id {
            Some(id) => format!("note-{id}"),
            None => format!("note-{}", n + 1),
        };
        let shown_quote = short(&note.quote);
        let line = Some(note.line);
        match anchor::anchor(&reader.text, &sel) {
            Anchoring::Found {
                range,
                method,
                score,
            } => out.placed.push(placed(
                &reader,
                note,
                file,
                html_id,
                range,
                method,
                score,
                collected.refs,
            )),
            Anchoring::Ambiguous { places, method } => {
                let lines: Vec<String> = places
                    .iter()
                    .take(5)
                    .map(|r| source_line(article, &reader, r).to_string())
                    .collect();
                let reason = format!(
                    "note quote {shown_quote} is ambiguous in {}: {} equally good places ({} match, at lines {})",
                    article.source_path,
                    places.len(),
                    method.as_str(),
                    lines.join(", ")
                );
                out.orphan_diagnostics.push((
                    diag(line, None, reason.clone()),
                    "add prefix: or suffix: (the words around the quote) to say which, or pass --allow-orphans",
                ));
                out.orphans.push(Orphan {
                    article: a,
                    note,
                    file: file.display_path.clone(),
                    reason,
                    closest: None,
                    refs: collected.refs,
                });
            }
            Anchoring::NotFound { closest } => {
                let closest = closest.map(|(r, s)| (reader.text[r].to_string(), s));
                let reason = match &closest {
                    Some((words, score)) => format!(
                        "note quote {shown_quote} not found in {}; closest candidate {} (score {score:.2}, below {MIN_SCORE:.2})",
                        article.source_path,
                        short(words)
                    ),
                    None => format!(
                        "note quote {shown_quote} not found in {}, and no passage shares a word with it",
                        article.source_path
                    ),
                };
                out.orphan_diagnostics.push((
                    diag(line, None, reason.clone()),
                    "fix the quote or pass --allow-orphans",
                ));
                out.orphans.push(Orphan {
                    article: a,
                    note,
                    file: file.display_path.clone(),
                    reason,
                    closest,
                    refs: collected.refs,
                });
            }
        }
    }
    out
}

/// A placed note, with its segments, position and the context the export carries.
#[allow(clippy::too_many_arguments)]
fn placed(
    reader: &ReaderText,
    note: Note,
    file: &NotesSource,
    html_id: String,
    range: Range<usize>,
    method: Method,
    score: f64,
    refs: Vec<Reference>,
) -> Placed {
    let text = &reader.text;
    let start = reader.chars_before(range.start);
    let len = text[range.clone()].chars().count();
    let before = &text[..range.start];
    let prefix_at = before
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[range.end..];
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT)
        .map_or(after.len(), |(i, _)| i);
    Placed {
        note,
        file: file.display_path.clone(),
        html_id,
        segments: reader.segments(range.clone()),
        exact: text[range.clone()].to_string(),
        prefix: before[prefix_at..].to_string(),
        suffix: after[..suffix_end].to_string(),
        position: (start, start + len),
        method,
        score,
        refs,
    }
}

/// The source line of the block where reader range `r` starts.
fn source_line(article: &Article, reader: &ReaderText, r: &Range<usize>) -> usize {
    reader
        .segments(r.clone())
        .first()
        .map_or(0, |(b, _)| article.blocks[*b].line)
}

/// A quote for messages: in quotation marks, shortened to about 60 characters.
fn short(quote: &str) -> String {
    let one_line: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        format!("{one_line:?}")
    } else {
        let cut: String = one_line.chars().take(57).collect();
        format!("\"{}…\"", cut.trim_end())
    }
}
