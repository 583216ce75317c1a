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
    /// A problem fails with [`Diagnostics`] at its line and column.
    pub fn from_text(path: &Path, text: &str) -> Result<Site> {
        let file = Some(path.display().to_string());
        let config: SiteConfig = toml::from_str(text).map_err(|e| {
            let problem = Diagnostic::error(file.clone(), e.message().trim());
            Diagnostics(vec![match e.span() {
                Some(span) => {
                    let (line, col) = crate::position::line_col(text, span.start);
                    problem.at(line, Some(col))
                }
                None => problem,
            }])
        })?;
        validate(&config, text).map_err(|e| {
            // Validation messages start with "line L, column C: " when they have a position.
            let message = e.to_string();
            Diagnostics(vec![match split_position(&message) {
                Some((line, col, rest)) => {
                    Diagnostic::error(file.clone(), rest).at(line, Some(col))
                }
                None => Diagnostic::error(file.clone(), message),
            }])
        })?;
        Ok(Site::with_config(path, config))
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

/// Parses and validates config text; the error message carries line and column.
pub fn parse(text: &str) -> Result<SiteConfig> {
    let config: SiteConfig = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
    validate(&config, text)?;
    Ok(config)
}

/// Checks what serde cannot: unique ids, well-formed slugs and dates; messages about a
/// place in `text` start with "line L, column C: ".
pub fn validate(config: &SiteConfig, text: &str) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for actor in &config.actors {
        let at = position_of(text, &format!("\"{}\"", actor.id));
        if !is_slug(&actor.id) {
            bail!("{at}actor id {:?} must be lowercase letters, digits and '-' (it becomes a file name)", actor.id);
        }
        if !seen.insert(actor.id.as_str()) {
            bail!(
                "{at}actor id {:?} is defined twice; merge the two [[actors]] tables",
                actor.id
            );
        }
        if actor.name.trim().is_empty() {
            bail!("{at}actor {:?} has an empty name", actor.id);
        }
    }
    if let Some(base) = &config.base_url {
        check_base_url(base)
            .map_err(|e| anyhow::anyhow!("{}base_url: {e}", position_of(text, base)))?;
    }
    for (id, meta) in &config.articles {
        if let Some(p) = &meta.published {
            check_published(p).map_err(|e| {
                anyhow::anyhow!("{}[articles.{id}] published: {e}", position_of(text, p))
            })?;
        }
    }
    Ok(())
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

/// "line L, column C: " of the first occurrence of `needle`, for messages about valid TOML
/// whose meaning is wrong (serde has no span for those).
fn position_of(text: &str, needle: &str) -> String {
    match text.find(needle) {
        Some(at) => {
            let (line, col) = crate::position::line_col(text, at);
            format!("line {line}, column {col}: ")
        }
        None => String::new(),
    }
}

/// Splits "line L, column C: rest" ([`position_of`]'s form) into its parts.
fn split_position(msg: &str) -> Option<(usize, usize, &str)> {
    let rest = msg.strip_prefix("line ")?;
    let (line, rest) = rest.split_once(", column ")?;
    let (col, rest) = rest.split_once(": ")?;
    Some((line.parse().ok()?, col.parse().ok()?, rest))
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
    fn splits_the_validator_position() {
        assert_eq!(split_position("line 3, column 6: bad"), Some((3, 6, "bad")));
        assert_eq!(split_position("bad"), None);
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
