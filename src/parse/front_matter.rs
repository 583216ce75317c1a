//! Parse stage, Markdown: splits front matter from the body — TOML between `+++` lines (as in
//! Zola and Hugo) or YAML between `---` lines (as Jekyll, Hugo, Obsidian and most exporters
//! write it). Both are read into the same [`ArticleMeta`] with the same keys and checks.
//!
//! YAML is read with `serde-saphyr` under a small budget (aliases, anchors, nesting, nodes), and
//! front matter of either kind is refused past [`MAX_BYTES`], so hostile metadata — an alias
//! bomb, a document nested thousands deep, megabytes of it — is a quick error naming the file,
//! line and column rather than a hang. A file whose first line is `---` but whose next line
//! (blank lines and comments aside) is not a `key:` has no front matter: Markdown reads that
//! line as a thematic break.

use crate::config::{check_published, explain_unknown, ArticleMeta};
use crate::diagnostic::Diagnostic;
use crate::position::line_col;

/// A front matter problem in `path`, at a line and column of the whole file.
fn problem(path: &str, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Some(path.to_string()), message).at(line, Some(col))
}

/// Longest front matter read, in bytes: metadata is a few lines.
pub const MAX_BYTES: usize = 64 * 1024;

/// Which fence opened the front matter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Toml,
    Yaml,
}

impl Kind {
    fn fence(self) -> &'static str {
        match self {
            Kind::Toml => "+++",
            Kind::Yaml => "---",
        }
    }
}

/// Returns the metadata and the byte offset where the Markdown body starts.
/// Errors name the file and the line and column inside it.
pub fn split(source: &str, path: &str) -> Result<(ArticleMeta, usize), Diagnostic> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &source[bom..];
    let Some((kind, after_open)) = opening(rest) else {
        return Ok((ArticleMeta::default(), 0));
    };
    let open_len = rest.len() - after_open.len();
    let fence = kind.fence();
    let close = find_close(after_open, kind);
    if kind == Kind::Yaml && !starts_with_key(after_open) {
        // A thematic break, unless the fences hold nothing at all.
        let empty = close.is_some_and(|(at, _)| after_open[..at].trim().is_empty());
        if !empty {
            return Ok((ArticleMeta::default(), 0));
        }
    }
    let Some((close, close_len)) = close else {
        return Err(problem(
            path,
            1,
            1,
            format!("front matter opened with {fence} is never closed"),
        )
        .hint(format!("add a line with {fence} after it")));
    };
    let text = &after_open[..close];
    if text.len() > MAX_BYTES {
        return Err(problem(
            path,
            2,
            1,
            format!(
                "front matter is {} bytes; at most {MAX_BYTES} are read",
                text.len()
            ),
        )
        .hint("it holds a few keys: title, published, …"));
    }
    let meta = match kind {
        Kind::Toml => toml_meta(text, path)?,
        Kind::Yaml => yaml_meta(text, path)?,
    };
    if let Some(p) = &meta.published {
        check_published(p).map_err(|e| {
            let (line, col) = position(text, p);
            problem(path, line + 1, col, format!("front matter: published: {e}"))
        })?;
    }
    let mut body = bom + open_len + close + close_len;
    if source[body..].starts_with("\r\n") {
        body += 2;
    } else if source[body..].starts_with('\n') {
        body += 1;
    }
    Ok((meta, body))
}

/// The fence on the first line and the text after it.
fn opening(text: &str) -> Option<(Kind, &str)> {
    for kind in [Kind::Toml, Kind::Yaml] {
        let fence = kind.fence();
        let after = text
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")));
        if let Some(after) = after {
            return Some((kind, after));
        }
    }
    None
}

/// Whether the first line of `text` that is neither blank nor a comment is a YAML `key:`: what
/// tells front matter from a thematic break on the first line of a document.
fn starts_with_key(text: &str) -> bool {
    let meaningful = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let Some(line) = text.lines().find(meaningful) else {
        return false;
    };
    line.split_once(':').is_some_and(|(key, _)| {
        let key = key.trim();
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// Offset and length of the closing fence line within the front matter text: `+++` for TOML,
/// `---` or YAML's end-of-document `...` for YAML.
fn find_close(text: &str, kind: Kind) -> Option<(usize, usize)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == kind.fence() || (kind == Kind::Yaml && bare == "...") {
            return Some((at, bare.len()));
        }
        at += line.len();
    }
    None
}

fn toml_meta(text: &str, path: &str) -> Result<ArticleMeta, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        let (message, hint) = explain_unknown(e.message().trim());
        let problem = problem(path, line + 1, col, format!("front matter: {message}"));
        match hint {
            Some(hint) => problem.hint(hint),
            None if e.message().contains("date-time") => {
                problem.hint("a year or a month is written in quotes: published = \"2024-12\"")
            }
            None => problem,
        }
    })
}

/// The budget YAML front matter is read under: far above any real metadata, far below what
/// makes an alias bomb or a deep nest slow.
fn yaml_budget() -> serde_saphyr::Budget {
    let mut b = serde_saphyr::Budget::default();
    b.max_events = 20_000;
    b.max_aliases = 64;
    b.max_anchors = 64;
    b.max_recorded_anchor_events = 10_000;
    b.max_depth = 16;
    b.flow_nesting_limit = 16;
    b.max_nodes = 10_000;
    b.max_documents = 1;
    b.max_total_scalar_bytes = MAX_BYTES;
    b
}

fn yaml_meta(text: &str, path: &str) -> Result<ArticleMeta, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(ArticleMeta::default());
    }
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(yaml_budget());
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| {
            (l.line().max(1) as usize, l.column().max(1) as usize)
        });
        let message = e.without_snippet().to_string();
        let message = message.lines().next().unwrap_or_default();
        // The position is given in front, counted from the file's first line.
        let message = match message.rfind(" at line ") {
            Some(at) if message[at..].contains(", column ") => &message[..at],
            _ => message,
        };
        let (message, hint) = explain_unknown(message);
        let problem = problem(path, line + 1, col, format!("front matter: {message}"));
        match hint {
            Some(hint) => problem.hint(hint),
            None => problem,
        }
    })
}

/// 1-based line and column of the first occurrence of `needle` in `text` (its start if none).
fn position(text: &str, needle: &str) -> (usize, usize) {
    line_col(text, text.find(needle).unwrap_or(0))
}

#[cfg(test)]
mod tests;
