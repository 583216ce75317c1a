//! Notes stage, file format: splits a `*.notes.md` file into notes, keeping the line of every
//! part so each problem can be reported as `file:line:col`.
//!
//! ```text
//! Anything before the first `---` line is a preamble for editors, ignored.
//! ---
//! > the exact words of the article
//! prefix: words just before them
//! suffix: words just after them
//! id: short-name
//!
//! The note, in Markdown, with [[actor:russia]] references.
//! ---
//! quote: another passage
//!
//! Another note.
//! ```
//!
//! A line `---` (outside fenced code) starts a note. Its header runs to the first blank line:
//! the quote as `> …` lines (joined with spaces) or a `quote:` field, optional `prefix:`,
//! `suffix:` and `id:` fields. A value in double quotes is read as a JSON string, so leading or
//! trailing spaces and escapes survive. The rest, to the next `---`, is the note's Markdown.

use std::ops::Range;

/// Longest quote accepted, in characters: anchoring (the fuzzy step above all) is bounded by
/// the quote's length, and a note is about a passage, not a page.
pub const MAX_QUOTE: usize = 1000;

/// Longest prefix or suffix accepted, in characters: they only tell equal quotes apart.
pub const MAX_CONTEXT: usize = 200;

/// One note as written, before anchoring.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    /// The editor's id (`id:`), used in the page anchor; `None` for a numbered one.
    pub id: Option<String>,
    /// The exact words the note is about.
    pub quote: String,
    /// Words right before the quote, to tell several matches apart (may be empty).
    pub prefix: String,
    /// Words right after the quote (may be empty).
    pub suffix: String,
    /// 1-based line of the note's first header line: where messages point.
    pub line: usize,
    /// The Markdown body.
    pub body: String,
    /// 1-based line of the body's first line, to place problems inside the body.
    pub body_line: usize,
}

/// A syntax error, at a 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong and what to do.
    pub message: String,
}

fn error(line: usize, col: usize, message: impl Into<String>) -> FormatError {
    FormatError {
        line,
        col,
        message: message.into(),
    }
}

/// Parses a notes file; every syntax error is returned, in line order.
pub fn parse(text: &str) -> Result<Vec<Note>, Vec<FormatError>> {
    match parse_all(text) {
        (notes, errors) if errors.is_empty() => Ok(notes),
        (_, errors) => Err(errors),
    }
}

/// Parses a notes file into the notes that are well formed and every syntax error (in line
/// order), so the notes stage can still check the good notes' references and anchors and
/// report all of a file's problems at once.
pub fn parse_all(text: &str) -> (Vec<Note>, Vec<FormatError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    let segments = segments(&lines);
    if let Some(first) = segments.first().filter(|s| !s.starts_note) {
        // A preamble that looks like a note is a note missing its `---`.
        if let Some(i) = first.lines.clone().find(|&i| header_like(lines[i])) {
            errors.push(error(
                i + 1,
                1,
                "this looks like a note before the first `---` line; start every note with a line `---`",
            ));
        }
    }
    for seg in segments.iter().filter(|s| s.starts_note) {
        match note(&lines, seg.lines.clone()) {
            Ok(Some(n)) => notes.push(n),
            Ok(None) => {}
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for n in &notes {
        if let Some(id) = &n.id {
            match seen.iter().find(|(s, _)| s == id) {
                Some((_, first)) => errors.push(error(
                    n.line,
                    1,
                    format!("note id {id:?} is used twice (first at line {first}); ids must be unique in a file"),
                )),
                None => seen.push((id, n.line)),
            }
        }
    }
    errors.sort_by_key(|e| (e.line, e.col));
    (notes, errors)
}

/// A run of lines between `---` separators.
struct Segment {
    /// Indices into the file's lines (0-based), the separator excluded.
    lines: Range<usize>,
    /// True when a `---` line opened it (false only for the preamble).
    starts_note: bool,
}

/// Splits at `---` lines outside fenced code.
fn segments(lines: &[&str]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let (mut start, mut starts_note) = (0, false);
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            if let Some(c) = trimmed.chars().next().filter(|c| matches!(c, '`' | '~')) {
                let run = trimmed.chars().take_while(|&x| x == c).count();
                if run >= 3 {
                    fence = match fence {
                        None => Some((c, run)),
                        Some((f, n)) if f == c && run >= n && trimmed[run..].trim().is_empty() => {
                            None
                        }
                        open => open,
                    };
                }
            }
        }
        if fence.is_none() && line.trim_end() == "---" {
            out.push(Segment {
                lines: start..i,
                starts_note,
            });
            (start, starts_note) = (i + 1, true);
        }
    }
    out.push(Segment {
        lines: start..lines.len(),
        starts_note,
    });
    out
}

/// True for a line that would open a note's header.
fn header_like(line: &str) -> bool {
    line.starts_with('>') || field(line).is_some_and(|(k, _)| KEYS.contains(&k))
}

const KEYS: [&str; 4] = ["quote", "prefix", "suffix", "id"];

/// `key: value` with a lowercase key, and the byte offset of the value.
fn field(line: &str) -> Option<(&str, usize)> {
    let (key, _) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-');
    ok.then(|| (key, key.len() + 1))
}

/// One note from the lines in `range`; `None` for a segment with nothing in it.
fn note(lines: &[&str], range: Range<usize>) -> Result<Option<Note>, Vec<FormatError>> {
    let mut i = range.start;
    while i < range.end && lines[i].trim().is_empty() {
        i += 1;
    }
    if i == range.end {
        return Ok(None);
    }
    let mut note = Note {
        line: i + 1,
        ..Note::default()
    };
    let mut errors = Vec::new();
    let mut quote_lines: Vec<&str> = Vec::new();
    let mut quote_field = false;
    let mut given: Vec<&str> = Vec::new();
    while i < range.end && !lines[i].trim().is_empty() {
        let (line, n) = (lines[i], i + 1);
        i += 1;
        if let Some(rest) = line.strip_prefix('>') {
            quote_lines.push(rest.strip_prefix(' ').unwrap_or(rest).trim_end());
            continue;
        }
        let Some((key, at)) = field(line) else {
            errors.push(error(n, 1, "expected `> quoted words` or a field (`quote:`, `prefix:`, `suffix:`, `id:`) in the note's header; leave a blank line between the header and the note's text"));
            continue;
        };
        if !KEYS.contains(&key) {
            errors.push(error(
                n,
                1,
                match crate::diagnostic::nearest(key, KEYS) {
                    Some(near) => format!("unknown field `{key}`; did you mean `{near}`?"),
                    None => format!("unknown field `{key}`; a note's fields are `quote`, `prefix`, `suffix` and `id`"),
                },
            ));
            continue;
        }
        if given.contains(&key) {
            errors.push(error(n, 1, format!("field `{key}` is given twice")));
            continue;
        }
        given.push(key);
        let col = line[..at].chars().count() + 1 + leading_spaces(&line[at..]);
        let value = match value(&line[at..]) {
            Ok(v) => v,
            Err(msg) => {
                errors.push(error(n, col, msg));
                continue;
            }
        };
        match key {
            "quote" => {
                quote_field = true;
                note.quote = value;
            }
            "prefix" => note.prefix = value,
            "suffix" => note.suffix = value,
            _ => match check_id(&value) {
                Ok(()) => note.id = Some(value),
                Err(msg) => errors.push(error(n, col, msg)),
            },
        }
    }
    if !quote_lines.is_empty() {
        if quote_field {
            errors.push(error(
                note.line,
                1,
                "the note gives its quote twice (`>` lines and `quote:`); keep one",
            ));
        }
        note.quote = quote_lines.join(" ");
    }
    let quote_len = note.quote.chars().count();
    if note.quote.trim().is_empty() && errors.is_empty() {
        errors.push(error(note.line, 1, "the note has no quote; start it with `> the exact words` of the article (or `quote: …`)"));
    } else if quote_len > MAX_QUOTE {
        errors.push(error(note.line, 1, format!("the quote has {quote_len} characters, more than {MAX_QUOTE}; quote fewer words (prefix: and suffix: can tell equal passages apart)")));
    }
    for (name, v) in [("prefix", &note.prefix), ("suffix", &note.suffix)] {
        if v.chars().count() > MAX_CONTEXT {
            errors.push(error(
                note.line,
                1,
                format!(
                    "the {name} is longer than {MAX_CONTEXT} characters; a few words are enough"
                ),
            ));
        }
    }
    while i < range.end && lines[i].trim().is_empty() {
        i += 1;
    }
    let mut end = range.end;
    while end > i && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    if i == end && errors.is_empty() {
        errors.push(error(
            note.line,
            1,
            "the note has no text: write it after a blank line below the quote",
        ));
    }
    note.body_line = i + 1;
    note.body = lines[i..end].join("\n");
    if errors.is_empty() {
        Ok(Some(note))
    } else {
        Err(errors)
    }
}

fn leading_spaces(s: &str) -> usize {
    s.chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

/// A field's value: trimmed, or a JSON string when it starts with `"`.
fn value(raw: &str) -> Result<String, String> {
    let v = raw.trim();
    if v.starts_with('"') {
        serde_json::from_str::<String>(v).map_err(|e| {
            format!("the value starts with `\"` but is not a complete quoted string ({e}); close the quotes, or write it without them")
        })
    } else {
        Ok(v.to_string())
    }
}

/// Ids become page anchors (`#note-<id>`): a letter, then letters, digits and `-`.
fn check_id(id: &str) -> Result<(), String> {
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "note id {id:?} must start with a lowercase letter and use only a-z, 0-9 and `-`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_notes_with_lines() {
        let text = "# Notes on a\n---\n> the exact\n> words\nprefix: \"before \"\nid: first\n\nBody *here*.\n\nMore.\n---\nquote: other\n\nSecond.\n";
        let notes = parse(text).unwrap();
        assert_eq!(notes.len(), 2);
        let n = &notes[0];
        assert_eq!(n.quote, "the exact words");
        assert_eq!(n.prefix, "before ");
        assert_eq!(n.id.as_deref(), Some("first"));
        assert_eq!((n.line, n.body_line), (3, 8));
        assert_eq!(n.body, "Body *here*.\n\nMore.");
        assert_eq!((notes[1].quote.as_str(), notes[1].line), ("other", 12));
    }

    #[test]
    fn the_good_notes_come_back_beside_every_error() {
        let text = "---\n> good one\n\nBody.\n---\n> q\nqoute: x\n\nBad.\n---\n> good two\n\nBody.\n---\n> q\n";
        let (notes, errors) = parse_all(text);
        let quotes: Vec<&str> = notes.iter().map(|n| n.quote.as_str()).collect();
        assert_eq!(quotes, ["good one", "good two"]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].line < errors[1].line);
        assert!(parse(text).is_err(), "parse still refuses the file");
    }

    #[test]
    fn separators_inside_fenced_code_do_not_split() {
        let text = "---\n> q\n\n```text\n---\n```\nafter\n";
        let notes = parse(text).unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].body.contains("---\n```\nafter"));
    }

    #[test]
    fn errors_have_line_and_column() {
        let errs = parse("---\n> q\nqoute: x\nprefix: \"open\n\nBody\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].col), (3, 1));
        assert!(errs[0].message.contains("unknown field `qoute`"));
        assert!(
            errs[0].message.ends_with("did you mean `quote`?"),
            "{}",
            errs[0].message
        );
        assert_eq!((errs[1].line, errs[1].col), (4, 9));
        let errs = parse("---\nNot a header\n\nBody\n").unwrap_err();
        assert!(errs[0].message.contains("expected `> quoted words`"));
        let errs = parse("---\n> q\n").unwrap_err();
        assert!(errs[0].message.contains("no text"), "{errs:?}");
        let errs = parse("> q\n\nBody\n").unwrap_err();
        assert!(errs[0].message.contains("before the first `---`"));
        let errs = parse("---\n> q\nid: A b\n\nx\n").unwrap_err();
        assert_eq!(errs[0].col, 5);
    }

    #[test]
    fn duplicate_ids_and_long_quotes_are_refused() {
        let errs = parse("---\n> a\nid: x\n\nb\n---\n> c\nid: x\n\nd\n").unwrap_err();
        assert!(errs[0].message.contains("used twice"));
        let long = format!("---\n> {}\n\nb\n", "w ".repeat(MAX_QUOTE));
        assert!(parse(&long).unwrap_err()[0]
            .message
            .contains("quote fewer words"));
    }

    #[test]
    fn empty_files_and_crlf_are_fine() {
        assert!(parse("").unwrap().is_empty());
        assert!(parse("just a preamble\n").unwrap().is_empty());
        let notes = parse("---\r\n> q\r\n\r\nBody\r\n").unwrap();
        assert_eq!(notes[0].body, "Body");
    }
}
