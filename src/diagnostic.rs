//! Low layer, diagnostics: one problem as data — severity, file, position, message, hint — and
//! one way to print it, `error: FILE:LINE:COL: message; hint`, the same in `build`, `check`,
//! `serve`'s terminal and its overlay. Stages that find problems fail with [`Diagnostics`]; a
//! command that collects them (check) takes the list from the error instead of re-reading text.

use std::fmt;

/// How bad a problem is: errors fail the command (exit code 1), warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built, or builds wrong.
    Error,
    /// The site builds, but probably not as the author meant.
    Warning,
}

/// A 1-based line and column (in characters), from [`crate::position::LineIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters; `None` when only the line is known.
    pub col: Option<usize>,
}

/// One problem, printed as `error: FILE:LINE:COL: message; hint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file to open, as the user can open it from where they ran dossier.
    pub file: Option<String>,
    /// Where in the file.
    pub span: Option<Span>,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when the message does not already say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file` (when there is one).
    pub fn error(file: Option<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file,
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file` (when there is one).
    pub fn warning(file: Option<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// The same problem at `line:col`.
    pub fn at(mut self, line: usize, col: Option<usize>) -> Diagnostic {
        self.span = Some(Span { line, col });
        self
    }

    /// The same problem with what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// `FILE:LINE:COL` (as much as is known), or `None` without a file.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match self.span {
            Some(Span {
                line,
                col: Some(col),
            }) => format!("{file}:{line}:{col}"),
            Some(Span { line, col: None }) => format!("{file}:{line}"),
            None => file.clone(),
        })
    }

    /// The message and its hint, without severity or location.
    pub fn text(&self) -> String {
        match &self.hint {
            Some(hint) => format!("{}; {hint}", self.message),
            None => self.message.clone(),
        }
    }

    /// `FILE:LINE:COL: message; hint`, without the severity: how a problem reads inside a
    /// list of problems of one kind (a build's warnings).
    pub fn located(&self) -> String {
        match self.location() {
            Some(at) => format!("{at}: {}", self.text()),
            None => self.text(),
        }
    }

    /// The same problem with its file (a path relative to the site root) shown through
    /// `shown`, as the user can open it from where they ran dossier.
    pub fn shown_through(mut self, shown: impl Fn(&str) -> String) -> Diagnostic {
        self.file = self.file.map(|f| shown(&f));
        self
    }

    /// The order problems are printed in: by file, then position, errors first.
    fn key(&self) -> (Option<&str>, Option<Span>, Severity, &str) {
        (
            self.file.as_deref(),
            self.span,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.location() {
            Some(at) => write!(f, "{tag}: {at}: {}", self.text()),
            None => write!(f, "{tag}: {}", self.text()),
        }
    }
}

/// Every problem a stage found, sorted by file and position: the error a stage fails with
/// when it has more than one thing to say, printed one problem per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", lines(.0))]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The problems, sorted by file, position and severity.
    pub fn sorted(mut problems: Vec<Diagnostic>) -> Diagnostics {
        sort(&mut problems);
        Diagnostics(problems)
    }
}

/// Sorts problems by file, then position, errors before warnings at the same place.
pub fn sort(problems: &mut [Diagnostic]) {
    problems.sort_by(|a, b| a.key().cmp(&b.key()));
}

/// The problems of an error: the [`Diagnostics`] it carries, or the whole error as one
/// problem without a place.
pub fn of_error(error: &anyhow::Error) -> Vec<Diagnostic> {
    match error.downcast_ref::<Diagnostics>() {
        Some(d) => d.0.clone(),
        None => vec![Diagnostic::error(None, format!("{error:#}"))],
    }
}

/// `n` and the noun, singular for one: "1 article", "2 articles". `plural` is the noun's plural
/// when it is not the singular plus "s" ("entries").
pub fn count(n: usize, singular: &str) -> String {
    count_as(n, singular, &format!("{singular}s"))
}

/// [`count`] with an irregular plural.
pub fn count_as(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// The candidate closest to `word`, when it is close enough to be the one meant: a typo
/// (one or two letters wrong, swapped, missing or extra in a word of ordinary length, one in
/// a short word) or a shortened form ("alias" for "aliases"). Case is ignored; ties go to the first candidate.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let c = candidate.to_lowercase();
        if c == word {
            return Some(candidate);
        }
        let similarity = strsim::normalized_damerau_levenshtein(&word, &c);
        let shorter = word.chars().count().min(c.chars().count());
        let extends = shorter >= 4 && (c.starts_with(&word) || word.starts_with(&c));
        // One letter wrong in a short word is still a typo ("oyl" for "oil").
        let one_off = shorter >= 3 && strsim::damerau_levenshtein(&word, &c) == 1;
        let score = if extends || one_off {
            similarity.max(0.7)
        } else {
            similarity
        };
        if score >= 0.7 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

fn lines(problems: &[Diagnostic]) -> String {
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    shown.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_severity_location_message_and_hint() {
        let d = Diagnostic::error(Some("site.toml".into()), "unknown field `alias`")
            .at(6, Some(1))
            .hint("did you mean `aliases`?");
        assert_eq!(
            d.to_string(),
            "error: site.toml:6:1: unknown field `alias`; did you mean `aliases`?"
        );
        let w = Diagnostic::warning(Some("a.notes.md".into()), "odd").at(3, None);
        assert_eq!(w.to_string(), "warning: a.notes.md:3: odd");
        assert_eq!(Diagnostic::error(None, "x").to_string(), "error: x");
    }

    #[test]
    fn sorts_by_file_then_position_then_severity() {
        let at = |f: &str, l: usize, s: Severity| Diagnostic {
            severity: s,
            ..Diagnostic::error(Some(f.into()), "m").at(l, Some(1))
        };
        let sorted = Diagnostics::sorted(vec![
            at("b.txt", 1, Severity::Error),
            at("a.txt", 10, Severity::Warning),
            at("a.txt", 2, Severity::Warning),
            at("a.txt", 10, Severity::Error),
        ]);
        let order: Vec<String> = sorted.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            order,
            [
                "warning: a.txt:2:1: m",
                "error: a.txt:10:1: m",
                "warning: a.txt:10:1: m",
                "error: b.txt:1:1: m"
            ]
        );
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(2, "article"), "2 articles");
        assert_eq!(count_as(1, "entry", "entries"), "1 entry");
        assert_eq!(count_as(3, "entry", "entries"), "3 entries");
    }

    #[test]
    fn nearest_finds_typos_and_short_forms_but_not_other_words() {
        let keys = ["title", "description", "aliases", "metonyms", "base_url"];
        assert_eq!(nearest("descripton", keys), Some("description"));
        assert_eq!(nearest("Title", keys), Some("title"));
        assert_eq!(nearest("alias", keys), Some("aliases"));
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("gas-capp", ["gas-cap", "oil"]), Some("gas-cap"));
        assert_eq!(nearest("oyl", ["gas", "oil"]), Some("oil"));
        assert_eq!(nearest("oxx", ["gas", "oil"]), None);
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(
            nearest("url", keys),
            None,
            "a short word is not a prefix match"
        );
        assert_eq!(nearest("x", keys), None);
        assert_eq!(nearest("anything", []), None);
    }

    #[test]
    fn an_error_without_diagnostics_is_one_problem() {
        let plain = anyhow::anyhow!("disk full");
        assert_eq!(of_error(&plain), vec![Diagnostic::error(None, "disk full")]);
        let typed: anyhow::Error = Diagnostics(vec![Diagnostic::warning(None, "w")]).into();
        assert_eq!(of_error(&typed)[0].severity, Severity::Warning);
    }
}
