//! `dossier check`: every stage of a build up to the link check, without writing anything, and
//! every problem reported at once with the file, line and column to fix.
//!
//! A build stops at the first stage that fails and says so in prose; an author fixing a site
//! wants a list instead, in the `file:line:col: message` form editors and CI annotate.

mod dates;
mod external;
mod position;

use std::path::{Path, PathBuf};

use crate::config::Site;
use crate::model::{Article, Format};
use crate::{load, pipeline};

use crate::position::line_col;
pub use dates::unresolved_dates as unresolved_dates_of;
pub use external::check_external;
use position::locate;

pub use crate::diagnostic::{Diagnostic as Problem, Severity};

/// What a check found, and how much it looked at, for the summary line.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems, errors and warnings, in the order found.
    pub problems: Vec<Problem>,
    /// Articles read.
    pub articles: usize,
    /// Pages rendered (and link-checked).
    pub pages: usize,
    /// External links checked (with `--external`).
    pub external: usize,
}

impl Report {
    /// Number of problems of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// Checks the site whose configuration is at `config_path`; `external` also fetches every
/// external link of the output. Never writes anything. Orphaned editorial notes are errors.
pub fn check(config_path: &Path, external: bool) -> Report {
    check_with(config_path, external, false)
}

/// [`check`], with orphaned editorial notes reported as warnings when `allow_orphans` is set
/// (what `dossier build --allow-orphans` would accept).
pub fn check_with(config_path: &Path, external: bool, allow_orphans: bool) -> Report {
    let mut report = Report::default();
    let Some(site) = check_config(config_path, &mut report.problems) else {
        return report;
    };
    let seeds = site.seeds_dir();
    let shown_all = |problems: Vec<Problem>| {
        problems
            .into_iter()
            .map(|d| d.shown_through(|f| shown(&site, f)))
    };
    let loaded = match load::load_sources_with(&seeds, &site.root, false) {
        Ok(l) => l,
        Err(e) => {
            report
                .problems
                .extend(shown_all(crate::diagnostic::of_error(&e)));
            return report;
        }
    };
    report.problems.extend(shown_all(loaded.warnings));
    report.articles = loaded.sources.len();
    let hooks = pipeline::Hooks::default();
    let stages = &mut pipeline::Stages::default();
    let analysis =
        match pipeline::analyse_loaded(&site, loaded.sources, &loaded.notes, hooks, stages) {
            Ok(a) => a,
            Err(e) => {
                // Already shown as the user can open them.
                report.problems.extend(crate::diagnostic::of_error(&e));
                return report;
            }
        };
    for article in &analysis.articles {
        report.problems.extend(shown_all(article.warnings.clone()));
        report.problems.extend(unresolved_dates(&site, article));
    }
    let mentions = analysis.index.actors.iter().map(|a| a.mentions);
    report
        .problems
        .extend(shown_all(site.unmentioned_actors(mentions)));
    report
        .problems
        .extend(note_problems(&site, &analysis.note_problems, allow_orphans));
    let (pages, broken) = match pipeline::emit_to_memory(&analysis.input(&site)) {
        Ok(p) => p,
        Err(e) => {
            report.problems.push(Problem::error(None, format!("{e:#}")));
            return report;
        }
    };
    report.pages = pages.keys().filter(|p| p.ends_with(".html")).count();
    report.problems.extend(broken_links(&site, &pages, broken));
    if external {
        let (checked, problems) = check_external(&site, &analysis.articles.raw, &pages);
        report.external = checked;
        report.problems.extend(problems);
    }
    crate::diagnostic::sort(&mut report.problems);
    report
}

/// The notes stage's problems: syntax and reference errors, unknown-language warnings, and
/// orphans (errors, or warnings when they are allowed).
fn note_problems(
    site: &Site,
    attached: &crate::notes::NoteProblems,
    allow_orphans: bool,
) -> Vec<Problem> {
    attached.diagnostics(allow_orphans, |f| shown(site, f))
}

/// Parses `site.toml`, reporting a syntax error or an unknown key at its line and column.
fn check_config(path: &Path, problems: &mut Vec<Problem>) -> Option<Site> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem::error(
                Some(path.display().to_string()),
                format!("cannot read the site configuration: {e}"),
            ));
            return None;
        }
    };
    match Site::from_text(path, &text) {
        Ok(site) => Some(site),
        Err(e) => {
            problems.extend(crate::diagnostic::of_error(&e));
            None
        }
    }
}

/// Relative dates the build dropped, at their line and column in the article as the user can
/// open it; the hint says how to give the date in `site.toml` or the front matter.
fn unresolved_dates(site: &Site, article: &Article) -> Vec<Problem> {
    let field = match article.format {
        Format::Markdown => "a `published` date in its front matter".to_string(),
        Format::Text => format!("`published` in [articles.{}] in site.toml", article.id),
    };
    dates::unresolved_dates(article, &field)
        .into_iter()
        .map(|d| d.shown_through(|f| shown(site, f)))
        .collect()
}

/// Broken internal links, one problem per distinct link: at the line of a site template that
/// writes it when one does (an override is the usual culprit), else at the first page holding it.
fn broken_links(site: &Site, pages: &crate::output::Pages, broken: Vec<String>) -> Vec<Problem> {
    // (page, link, reason, pages with it), from the checker's "page: link (reason)" lines.
    let mut groups: Vec<(String, String, String, usize)> = Vec::new();
    for line in broken {
        let Some((page, rest)) = line.split_once(": ") else {
            continue;
        };
        let (link, reason) = rest
            .strip_suffix(')')
            .and_then(|r| r.rsplit_once(" ("))
            .unwrap_or((rest, ""));
        // "about.html" on the home page and "../about.html" one folder down are one mistake.
        match groups
            .iter_mut()
            .find(|(_, l, r, _)| position::unrooted(l) == position::unrooted(link) && r == reason)
        {
            Some((.., n)) => *n += 1,
            None => groups.push((page.into(), link.into(), reason.into(), 1)),
        }
    }
    let templates = site.root.join("templates");
    groups
        .into_iter()
        .map(|(page, link, reason, n)| {
            let on = match n {
                1 => format!("on {page}"),
                _ => format!("on {n} pages, first {page}"),
            };
            let message = format!("broken link \"{link}\" {on}: {reason}");
            let at = locate(&templates, &link).map_or_else(
                || {
                    let text = String::from_utf8_lossy(&pages[&page]);
                    let offset = ["href=\"", "src=\""]
                        .iter()
                        .find_map(|attr| {
                            text.find(&format!("{attr}{link}\""))
                                .map(|at| at + attr.len())
                        })
                        .unwrap_or(0);
                    let (line, col) = line_col(&text, offset);
                    format!("{page} (rendered):{line}:{col}")
                },
                |(file, line, col)| {
                    let rel = file.strip_prefix(&site.root).unwrap_or(&file).to_path_buf();
                    format!("{}:{line}:{col}", shown(site, &display(&rel)))
                },
            );
            Problem::error(Some(at), message)
        })
        .collect()
}

/// A path relative to the site root as the user can open it from where they ran dossier.
fn shown(site: &Site, rel: &str) -> String {
    site.shown(rel)
}

fn display(path: &Path) -> String {
    PathBuf::from(path).to_string_lossy().replace('\\', "/")
}
