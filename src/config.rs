//! Configuration stage: reads `site.toml` into typed settings before anything else runs.
//!
//! Every table denies unknown keys, so a typo is reported with its line and column instead of
//! being silently ignored; the `toml` crate's error already carries the position and a caret.

use crate::diagnostic::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::time::{Precision, Timex};

mod natural;
mod spans;

pub use spans::Spans;

/// The whole of `site.toml`: one place that says what the site is and what it reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown in every page's title and header.
    pub title: String,
    /// One-line description for the home page and `<meta name="description">`.
    #[serde(default)]
    pub description: String,
    /// BCP 47 language tag for `<html lang>`, so screen readers pronounce the text right.
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute public address, used only for canonical links and feeds, never for internal links.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Where the site is written, relative to `site.toml`.
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Where the articles are read from, relative to `site.toml`.
    #[serde(default = "default_seeds")]
    pub seeds_dir: PathBuf,
    /// Newest articles the Atom feed lists (0: all). A feed is for news, and a reader
    /// fetches it again and again: all 10,000 articles of a big site made it 4 MB.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Metadata for articles whose text carries none (plain-text seeds), keyed by article id.
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleMeta>,
    /// The actors every article is annotated with; each gets an index page.
    #[serde(default)]
    pub actors: Vec<ActorConfig>,
    /// Where things are written in the file, for messages about them (not a key).
    #[serde(skip)]
    pub spans: Spans,
}

/// Metadata of one article, from `site.toml` or a Markdown article's front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The headline; inferred from the text when absent.
    #[serde(default, deserialize_with = "natural::opt_text")]
    pub title: Option<String>,
    /// True when the title was written by the editor rather than taken from the source,
    /// so the reader can tell the two apart.
    #[serde(default)]
    pub title_editorial: bool,
    /// Standfirst shown under the title when the text has no standfirst line of its own
    /// (a recovered one is shown instead, because it can carry annotations).
    #[serde(default, deserialize_with = "natural::opt_text")]
    pub subtitle: Option<String>,
    /// The publication the text comes from.
    #[serde(default, deserialize_with = "natural::opt_text")]
    pub outlet: Option<String>,
    /// Who wrote it.
    #[serde(default, deserialize_with = "natural::opt_text")]
    pub author: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; relative dates in the text resolve against it.
    #[serde(default, deserialize_with = "natural::published")]
    pub published: Option<String>,
    /// `news`, `narrative` or `auto` (the default): what underspecified dates ("in March",
    /// "on Tuesday") count from, see docs/src/dates.md.
    pub dates: Option<crate::time::DatesMode>,
    /// Where the original can be read.
    #[serde(default, deserialize_with = "natural::opt_text")]
    pub url: Option<String>,
}

/// One configured actor: the surface forms that name it and the ones that must not.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActorConfig {
    /// Stable slug used in URLs and the data export.
    pub id: String,
    /// Display name; also matched in the text.
    pub name: String,
    /// Free-form category shown on the actor page (state, armed group, organisation…).
    #[serde(default)]
    pub kind: String,
    /// A sentence or two of context for readers.
    #[serde(default)]
    pub description: String,
    /// Surface forms that always mean this actor.
    #[serde(default, deserialize_with = "natural::aliases")]
    pub aliases: Vec<String>,
    /// Place names that mean this actor only when they act as the state ("Moscow accepted…").
    #[serde(default, deserialize_with = "natural::metonyms")]
    pub metonyms: Vec<String>,
    /// Phrases that contain an alias but must never count for this actor.
    #[serde(default, deserialize_with = "natural::exclude")]
    pub exclude: Vec<String>,
    /// Entities nobody configured that belong to this actor ("Vladimir Putin" for Russia):
    /// the actor page lists them with their mentions, while they keep pages of their own.
    #[serde(default, deserialize_with = "natural::members")]
    pub members: Vec<String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_output() -> PathBuf {
    "public".into()
}
/// The feed's default length: within the 20–50 other generators and feed readers use.
pub const DEFAULT_FEED_LIMIT: usize = 30;

fn default_feed_limit() -> usize {
    DEFAULT_FEED_LIMIT
}
fn default_seeds() -> PathBuf {
    "seeds".into()
}

/// The configuration plus where it was read from, so relative paths resolve against its folder.
#[derive(Debug, Clone)]
pub struct Site {
    /// Parsed settings.
    pub config: SiteConfig,
    /// Folder that holds `site.toml`; relative paths in it are taken from here.
    pub root: PathBuf,
    /// Path of the config file itself, for messages.
    pub config_path: PathBuf,
}

impl Site {
    /// Reads and validates `site.toml`; errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Site> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Site::from_text(path, &text)
    }

    /// [`Site::load`] from the text of the file at `path`, already read.
    /// Problems fail with [`Diagnostics`], every one at its line and column.
    pub fn from_text(path: &Path, text: &str) -> Result<Site> {
        let file = Some(path.display().to_string());
        let config: SiteConfig = toml::from_str(text)
            .map_err(|e| Diagnostics(vec![toml_error(file.clone(), text, &e)]))?;
        let mut config = config;
        config.spans = Spans::of(text);
        // Article warnings name files relative to the site root, as this one.
        config.spans.file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let problems = validate(&config, text, &config.spans, file.as_deref());
        if !problems.is_empty() {
            return Err(Diagnostics::sorted(problems).into());
        }
        Ok(Site::with_config(path, config))
    }

    /// An error for every `[articles.ID]` table whose id is none of `ids` (the articles the
    /// seeds folder holds), at the table's line, with the nearest real id when one is close.
    pub fn unknown_article_tables<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Vec<Diagnostic> {
        let file = Some(self.config_path.display().to_string());
        let seeds = self.seeds_dir();
        self.config
            .articles
            .keys()
            .filter(|id| !ids.clone().into_iter().any(|a| a == id.as_str()))
            .map(|id| {
                let problem = Diagnostic::error(
                    file.clone(),
                    format!("[articles.{id}] names no article in {}", seeds.display()),
                );
                let problem = match self.config.spans.articles.get(id) {
                    Some(&(line, col)) => problem.at(line, Some(col)),
                    None => problem,
                };
                match crate::diagnostic::nearest(id, ids.clone()) {
                    Some(near) => problem.hint(format!("did you mean `{near}`?")),
                    None => problem.hint(
                        "fix the id (the file name without its extension) or remove the table",
                    ),
                }
            })
            .collect()
    }

    /// A warning for every actor no article mentions (its page would be empty), at its id;
    /// `mentions` gives each actor's count, in configuration order.
    /// The file is named relative to the site root, as article warnings are.
    pub fn unmentioned_actors(&self, mentions: impl Iterator<Item = usize>) -> Vec<Diagnostic> {
        let file = self.config.spans.file.clone();
        let mut out = Vec::new();
        for (i, (actor, n)) in self.config.actors.iter().zip(mentions).enumerate() {
            if n > 0 {
                continue;
            }
            let warning = Diagnostic::warning(
                file.clone(),
                format!(
                    "actor `{}` is mentioned in no article, so its page is empty",
                    actor.id
                ),
            )
            .hint("check its name and aliases against the articles' spelling, or remove it");
            out.push(match self.config.spans.actor_id(i) {
                Some((line, col)) => warning.at(line, Some(col)),
                None => warning,
            });
        }
        out
    }

    /// The site whose configuration, read from `path`, is `config`.
    pub fn with_config(path: &Path, config: SiteConfig) -> Site {
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Site {
            config,
            root,
            config_path: path.to_path_buf(),
        }
    }

    /// A path relative to the site root as the user can open it from where they ran dossier,
    /// with `/` separators: what every message names.
    pub fn shown(&self, rel: &str) -> String {
        if self.root == Path::new(".") {
            rel.to_string()
        } else {
            self.root.join(rel).to_string_lossy().replace('\\', "/")
        }
    }

    /// Absolute-or-relative path of the seeds folder.
    pub fn seeds_dir(&self) -> PathBuf {
        self.resolve(&self.config.seeds_dir)
    }

    /// Absolute-or-relative path of the output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.resolve(&self.config.output_dir)
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        if self.root == Path::new(".") {
            path.to_path_buf()
        } else {
            self.root.join(path)
        }
    }
}

/// Parses and validates config text; the error message carries line and column
/// ("line L, column C: …", one problem per line).
pub fn parse(text: &str) -> Result<SiteConfig> {
    let config: SiteConfig = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
    let problems = validate(&config, text, &Spans::of(text), None);
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| match p.span {
                Some(crate::diagnostic::Span { line, col }) => {
                    format!("line {line}, column {}: {}", col.unwrap_or(1), p.text())
                }
                None => p.text(),
            })
            .collect();
        bail!("{}", lines.join("\n"));
    }
    Ok(config)
}

/// Every problem serde cannot see, in `file`: ids that are not slugs or are defined twice,
/// empty names, a surface form claimed by two actors (with both places), a bad `base_url` or
/// `published`.
pub fn validate(
    config: &SiteConfig,
    text: &str,
    spans: &Spans,
    file: Option<&str>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = file.map(str::to_string);
    let at = |d: Diagnostic, pos: Option<spans::At>| match pos {
        Some((line, col)) => d.at(line, Some(col)),
        None => d,
    };
    // Id -> the first actor with it: a second definition is reported where the first is.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    // Lower-cased form -> (actor index, the form as written): matching ignores case.
    let mut forms: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for (i, actor) in config.actors.iter().enumerate() {
        let id_at = spans.actor_id(i);
        if !is_slug(&actor.id) {
            out.push(at(Diagnostic::error(file.clone(), format!(
                "actor id {:?} must be lowercase letters, digits and '-' (it becomes a file name)", actor.id
            )), id_at));
        }
        if let Some(&first) = seen.get(actor.id.as_str()) {
            out.push(at(
                Diagnostic::error(
                    file.clone(),
                    format!(
                        "actor id {:?} is defined twice; merge the two [[actors]] tables",
                        actor.id
                    ),
                ),
                spans.actor_id(first),
            ));
        } else {
            seen.insert(&actor.id, i);
        }
        if actor.name.trim().is_empty() {
            out.push(at(
                Diagnostic::error(
                    file.clone(),
                    format!("actor {:?} has an empty name", actor.id),
                ),
                id_at,
            ));
        }
        let matched = std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .chain(&actor.metonyms);
        for form in matched.filter(|f| !f.trim().is_empty()) {
            let key = form.trim().to_lowercase();
            match forms.get(&key) {
                Some(&(other, first)) if other != i => {
                    let theirs = &config.actors[other].id;
                    let there = match (&file, spans.actor_form(other, first)) {
                        (Some(f), Some((line, col))) => format!(" at {f}:{line}:{col}"),
                        _ => String::new(),
                    };
                    out.push(at(
                        Diagnostic::error(file.clone(), format!(
                            "{form:?} is claimed by two actors: `{}` here and `{theirs}`{there}", actor.id
                        ))
                        .hint("a mention can mean only one actor; keep the form in one of them"),
                        spans.actor_form(i, form),
                    ));
                }
                Some(_) => {}
                None => {
                    forms.insert(key, (i, form.as_str()));
                }
            }
        }
    }
    if let Some(base) = &config.base_url {
        if let Err(e) = check_base_url(base) {
            out.push(at(
                Diagnostic::error(file.clone(), format!("base_url: {e}")),
                position_of(text, base),
            ));
        }
    }
    for (id, meta) in &config.articles {
        if let Some(p) = &meta.published {
            if let Err(e) = check_published(p) {
                let pos = spans.articles.get(id).and_then(|&(line, _)| {
                    let after = text
                        .split_inclusive('\n')
                        .take(line)
                        .map(str::len)
                        .sum::<usize>();
                    text[after..]
                        .find(p.as_str())
                        .map(|o| crate::position::line_col(text, after + o))
                });
                out.push(at(
                    Diagnostic::error(file.clone(), format!("[articles.{id}] published: {e}")),
                    pos.or_else(|| position_of(text, p)),
                ));
            }
        }
    }
    out
}

/// The `toml` crate's error as a diagnostic in `file` at its position in `text`, an unknown key
/// with the key probably meant.
pub fn toml_error(file: Option<String>, text: &str, e: &toml::de::Error) -> Diagnostic {
    let (message, hint) = explain_unknown(e.message().trim());
    let mut problem = Diagnostic::error(file, message);
    problem.hint = hint;
    match e.span() {
        Some(span) => {
            let (line, col) = crate::position::line_col(text, span.start);
            problem.at(line, Some(col))
        }
        None => problem,
    }
}

/// serde's "unknown field `alias`, expected one of `id`, `name`, …" (or "unknown variant
/// …") and what to write instead, when one expected name is close ("did you mean
/// `aliases`?"). Other messages pass unchanged, without a hint.
pub fn explain_unknown(message: &str) -> (String, Option<String>) {
    let Some((head, expected)) = message
        .starts_with("unknown ")
        .then(|| message.split_once(", expected "))
        .flatten()
    else {
        return (message.to_string(), None);
    };
    let unknown = head.split('`').nth(1).unwrap_or_default();
    // serde quotes the names in backticks; some readers (YAML's) list them bare.
    let names: Vec<&str> = expected
        .trim_start_matches("one of ")
        .split(", ")
        .flat_map(|n| n.split(" or "))
        .map(|n| n.trim().trim_matches('`'))
        .filter(|n| !n.is_empty())
        .collect();
    let hint = crate::diagnostic::nearest(unknown, names.iter().copied())
        .map(|near| format!("did you mean `{near}`?"));
    (message.to_string(), hint)
}

/// Whether `url` is a web address (`http://` or `https://`, with no character a URL may not
/// hold raw): anything else, `javascript:` above all, must never become a link on a published
/// page, and an invalid one would make the page fail HTML validation.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"`{}|\\^".contains(c))
}

/// Validates the public address, which becomes links on the 404 page and canonical links.
pub fn check_base_url(url: &str) -> std::result::Result<(), String> {
    if is_web_url(url) {
        Ok(())
    } else {
        Err(format!(
            "{url:?} is not a web address; write it as https://host/path/"
        ))
    }
}

/// Validates a publication date, keeping only year, month or day precision.
pub fn check_published(value: &str) -> std::result::Result<Timex, String> {
    match Timex::parse(value.trim()) {
        Some(t)
            if t.precision() >= Precision::Year
                && t.part() == crate::time::Part::Whole
                && t.year() > 0 =>
        {
            Ok(t)
        }
        _ => Err(format!(
            "{value:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
        )),
    }
}

/// Line and column of the first occurrence of `needle`, for messages about valid TOML
/// whose meaning is wrong (serde has no span for those).
fn position_of(text: &str, needle: &str) -> Option<spans::At> {
    text.find(needle)
        .map(|at| crate::position::line_col(text, at))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_problem_is_one_diagnostic_at_its_line_and_column() {
        let path = Path::new("site.toml");
        let err = Site::from_text(
            path,
            "title = \"T\"\n\n[[actors]]\nid = \"x\"\nname = \"X\"\nalias = [\"y\"]\n",
        )
        .unwrap_err();
        let problems = crate::diagnostic::of_error(&err);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("error: site.toml:6:1: unknown field `alias`"),
            "{}",
            problems[0]
        );
        let err = Site::from_text(
            path,
            "title = \"T\"\n[[actors]]\nid = \"A b\"\nname = \"N\"\n",
        )
        .unwrap_err();
        assert_eq!(
            crate::diagnostic::of_error(&err)[0].location().unwrap(),
            "site.toml:3:6"
        );
    }

    #[test]
    fn an_unknown_key_suggests_the_nearest_one() {
        let message =
            "unknown field `descripton`, expected one of `id`, `name`, `kind`, `description`";
        let (m, h) = explain_unknown(message);
        assert_eq!(m, message, "the list of keys stays");
        assert_eq!(h.as_deref(), Some("did you mean `description`?"));
        let (_, h) = explain_unknown("unknown field `colour`, expected `title` or `language`");
        assert_eq!(h, None);
        let (_, h) =
            explain_unknown("unknown variant `nwes`, expected one of `news`, `narrative`, `auto`");
        assert_eq!(h.as_deref(), Some("did you mean `news`?"));
        let (_, h) = explain_unknown("unknown field `autor`, expected one of title, author, url");
        assert_eq!(h.as_deref(), Some("did you mean `author`?"));
        assert_eq!(
            explain_unknown("invalid type: map"),
            ("invalid type: map".to_string(), None)
        );
    }

    #[test]
    fn every_problem_is_reported_with_both_places_of_a_shared_alias() {
        let path = Path::new("site.toml");
        let text = "title = \"T\"\n[[actors]]\nid = \"eu\"\nname = \"European Union\"\naliases = [\"EU\"]\n[[actors]]\nid = \"Europe\"\nname = \"Europe\"\naliases = [\"eu\"]\n";
        let err = Site::from_text(path, text).unwrap_err();
        let shown: Vec<String> = crate::diagnostic::of_error(&err)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("error: site.toml:7:6: actor id \"Europe\" must be lowercase"),
            "{shown:?}"
        );
        assert!(
            shown[1].starts_with("error: site.toml:9:12: \"eu\" is claimed by two actors: `Europe` here and `eu` at site.toml:5:12"),
            "{shown:?}"
        );
        // One actor repeating its own form is no conflict.
        let ok = "title = \"T\"\n[[actors]]\nid = \"eu\"\nname = \"EU\"\naliases = [\"eu\"]\n";
        assert!(Site::from_text(path, ok).is_ok());
    }

    #[test]
    fn an_article_table_naming_no_article_suggests_the_nearest_id() {
        let text = "title = \"T\"\n\n[articles.gas-capp]\ntitle = \"G\"\n";
        let site = Site::from_text(Path::new("site.toml"), text).unwrap();
        let problems = site.unknown_article_tables(["gas-cap", "oil"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "error: site.toml:3:11: [articles.gas-capp] names no article in seeds; did you mean `gas-cap`?"
        );
        assert!(site.unknown_article_tables(["gas-capp"]).is_empty());
        let far = site.unknown_article_tables(["oil"]);
        assert!(far[0].text().contains("fix the id"), "{}", far[0]);
    }

    #[test]
    fn unknown_key_names_key_line_and_column() {
        let err = parse("title = \"x\"\ncolour = \"red\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("colour"), "{err}");
        assert!(err.contains("line 2, column 1"), "{err}");
    }

    #[test]
    fn unknown_key_in_actor_table_is_an_error() {
        let err = parse("title = \"x\"\n[[actors]]\nid = \"a\"\nname = \"A\"\nalias = []\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("alias") && err.contains("line 5"), "{err}");
    }

    #[test]
    fn duplicate_actor_is_an_error_with_position() {
        let text = "title = \"x\"\n[[actors]]\nid = \"a\"\nname = \"A\"\n[[actors]]\nid = \"a\"\nname = \"B\"\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.contains("defined twice") && err.contains("line 3"),
            "{err}"
        );
    }

    #[test]
    fn bad_published_date_is_an_error() {
        let text = "title = \"x\"\n[articles.a]\npublished = \"July 2025\"\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(err.contains("YYYY-MM") && err.contains("line 3"), "{err}");
    }

    #[test]
    fn defaults_apply() {
        let c = parse("title = \"x\"\n").unwrap();
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.seeds_dir, PathBuf::from("seeds"));
        assert_eq!(c.language, "en");
    }
}
