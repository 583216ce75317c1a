//! `dossier extract`: the annotations of loose texts as JSON lines, for use in pipelines.
//!
//! The same parse and annotate code as a build, on files outside any site: one JSON object per
//! mention on stdout, with byte offsets into the file as stored, so `jq`, `grep` and scripts can
//! consume them without building a site.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{json, Value};

use crate::annotate::Annotator;
use crate::config::{ArticleMeta, Site, SiteConfig};
use crate::model::{Article, Format, MentionKind, SourceFile};

/// What to extract from and with.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// The texts: `.md` files are read as Markdown, anything else as plain text.
    pub files: Vec<PathBuf>,
    /// Publication date relative dates resolve against, for every file.
    pub published: Option<String>,
    /// A site configuration whose actors (and article metadata) to use; `None` for no actors.
    pub config: Option<PathBuf>,
}

/// Writes one JSON line per mention of every file to `out`, files in the order given.
pub fn extract(options: &ExtractOptions, out: &mut impl Write) -> Result<usize> {
    let mut config = match &options.config {
        Some(path) => Site::load(path)?.config,
        None => crate::config::parse("title = \"\"")?,
    };
    let annotator = Annotator::new(&config.actors)?;
    let mut count = 0;
    for path in &options.files {
        let file = read(path)?;
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
        for line in mention_lines(&article, &config) {
            writeln!(out, "{line}").context("cannot write to stdout")?;
            count += 1;
        }
    }
    Ok(count)
}

/// Reads one loose text; the article id is its file stem, as in a site.
fn read(path: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let display_path = path.to_string_lossy().replace('\\', "/");
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{display_path}: not valid UTF-8 at byte {}; re-save the file as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
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
                MentionKind::Actor(i) => ("actor", "actor", config.actors[*i].id.clone()),
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
