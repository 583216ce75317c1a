//! `dossier extract`: the annotations of loose texts as JSON lines, for use in pipelines.
//!
//! The same parse and annotate code as a build, on files outside any site: one JSON object per
//! mention on stdout, with byte offsets into the file as stored, so `jq`, `grep` and scripts can
//! consume them without building a site.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{json, Value};

use crate::annotate::Annotator;
use crate::config::{ArticleMeta, Site, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Article, Format, MentionKind, SourceFile};

/// What to extract from and with.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// The texts: `.md` files are read as Markdown, anything else as plain text; `-` is
    /// standard input, read as plain text.
    pub files: Vec<PathBuf>,
    /// Publication date relative dates resolve against, for every file.
    pub published: Option<String>,
    /// A site configuration whose actors (and article metadata) to use; `None` for no actors.
    pub config: Option<PathBuf>,
}

/// What an extraction did: the lines written, and the problems that did not stop it.
#[derive(Debug, Default)]
pub struct Extracted {
    /// JSON lines written.
    pub mentions: usize,
    /// Relative dates that could not be resolved, as `dossier check` reports them.
    pub warnings: Vec<Diagnostic>,
}

/// Writes one JSON line per mention of every file to `out`, files in the order given;
/// standard input (`-`) is read from `stdin`.
pub fn extract(options: &ExtractOptions, out: &mut impl Write) -> Result<usize> {
    extract_from(options, &mut std::io::stdin().lock(), out).map(|e| e.mentions)
}

/// [`extract`], reading `-` from `stdin` and returning the warnings as well.
pub fn extract_from(
    options: &ExtractOptions,
    stdin: &mut dyn Read,
    out: &mut impl Write,
) -> Result<Extracted> {
    let mut config = match &options.config {
        Some(path) => Site::load(path)?.config,
        None => crate::config::parse("title = \"\"")?,
    };
    let annotator = Annotator::new(&config.actors)?;
    let mut done = Extracted::default();
    let mut stdin_read = false;
    for path in &options.files {
        let file = if path.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_read, true) {
                anyhow::bail!("standard input (-) can be named only once");
            }
            read_stdin(stdin)?
        } else {
            read(path)?
        };
        if let Some(published) = &options.published {
            config.articles.insert(
                file.id.clone(),
                ArticleMeta {
                    published: Some(published.clone()),
                    ..config.articles.get(&file.id).cloned().unwrap_or_default()
                },
            );
        }
        let article = crate::parse::parse_article(file, &config)?;
        let article = annotator.annotate(article);
        let field = match article.format {
            Format::Markdown => "a `published` date in its front matter, or --published",
            Format::Text => "--published",
        };
        done.warnings
            .extend(crate::check::unresolved_dates_of(&article, field));
        for line in mention_lines(&article, &config) {
            writeln!(out, "{line}").context("cannot write to stdout")?;
            done.mentions += 1;
        }
    }
    Ok(done)
}

/// Reads standard input as one plain-text article named `-` (id `stdin`).
fn read_stdin(stdin: &mut dyn Read) -> Result<SourceFile> {
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    let text = into_text("-", bytes)?;
    Ok(SourceFile {
        id: "stdin".into(),
        path: PathBuf::from("-"),
        display_path: "-".into(),
        text,
        format: Format::Text,
    })
}

/// The text of `bytes`, or the load stage's error for invalid UTF-8 in `file`.
fn into_text(file: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let problem = crate::load::not_utf8(file.to_string(), e.as_bytes(), at);
        Diagnostics(vec![problem.hint("re-save the file as UTF-8")]).into()
    })
}

/// Reads one loose text; the article id is its file stem, as in a site.
fn read(path: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let display_path = path.to_string_lossy().replace('\\', "/");
    let text = into_text(&display_path, bytes)?;
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("md") => Format::Markdown,
        _ => Format::Text,
    };
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(SourceFile {
        id,
        path: path.to_path_buf(),
        display_path,
        text,
        format,
    })
}

/// The JSON objects of one article's mentions, in source order.
fn mention_lines(article: &Article, config: &SiteConfig) -> Vec<Value> {
    article
        .mentions
        .iter()
        .map(|m| {
            let text = &article.source[m.span.clone()];
            let mut obj = json!({
                "file": article.source_path,
                "kind": "",
                "text": text,
                "start": m.span.start,
                "end": m.span.end,
            });
            let (kind, key, value) = match &m.kind {
                MentionKind::Actor(i) => ("actor", "actor", config.actors[i.get()].id.clone()),
                MentionKind::Date { timex, .. } => ("date", "value", timex.value()),
                MentionKind::Duration(v) => ("duration", "value", v.clone()),
                MentionKind::Vague(v) => ("date", "value", v.clone()),
                MentionKind::Set(v) => ("set", "value", v.clone()),
            };
            obj["kind"] = kind.into();
            obj[key] = value.into();
            obj["sentence"] = (*m.sentence).into();
            obj
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(files: &[&str], published: Option<&str>) -> ExtractOptions {
        ExtractOptions {
            files: files.iter().map(PathBuf::from).collect(),
            published: published.map(String::from),
            config: None,
        }
    }

    #[test]
    fn standard_input_is_read_once_as_plain_text() {
        let mut out = Vec::new();
        let mut stdin = "It happened on 3 May 2024.\n".as_bytes();
        let done = extract_from(&options(&["-"], None), &mut stdin, &mut out).unwrap();
        assert_eq!(done.mentions, 1);
        let line: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            (line["file"].as_str(), line["value"].as_str()),
            (Some("-"), Some("2024-05-03"))
        );
        let twice = extract_from(
            &options(&["-", "-"], None),
            &mut "x".as_bytes(),
            &mut Vec::new(),
        );
        assert!(twice.unwrap_err().to_string().contains("only once"));
    }

    #[test]
    fn unresolved_relative_dates_are_warnings_and_resolved_ones_are_not() {
        let text = "Nothing happened.\nIt rained last year.\n";
        let done = extract_from(
            &options(&["-"], None),
            &mut text.as_bytes(),
            &mut Vec::new(),
        )
        .unwrap();
        let shown: Vec<String> = done.warnings.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["warning: -:2:11: date \"last year\" could not be resolved: the article has no publication date and no earlier date; give it --published"]
        );
        let dated = extract_from(
            &options(&["-"], Some("2025-07-04")),
            &mut text.as_bytes(),
            &mut Vec::new(),
        )
        .unwrap();
        assert!(dated.warnings.is_empty(), "{:?}", dated.warnings);
    }
}
