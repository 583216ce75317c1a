//! Parse stage: turns a loaded file into an [`Article`] with metadata and blocks.
//!
//! Plain text goes through structure recovery ([`crate::text`]); Markdown through pulldown-cmark.
//! Both produce the same [`Block`]s whose text points back into the source bytes, so the later
//! stages never care which format an article came in.

mod front_matter;
pub mod highlight;
pub mod markdown;
mod plain;

use std::collections::BTreeSet;

use anyhow::Result;

use crate::config::{check_published, ArticleMeta, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Article, Block, BlockKind, Format, Meta, SourceFile};

/// Builds the article: metadata from front matter and `site.toml`, blocks from the text.
/// Problems fail with [`Diagnostics`] naming the file relative to the site root. Links to
/// other articles by their files are not checked (see [`parse_article_in`]).
pub fn parse_article(file: SourceFile, config: &SiteConfig) -> Result<Article> {
    parse_article_in(file, config, None)
}

/// [`parse_article`] in a site whose article ids are `articles`: a Markdown link to an
/// article by its file (`[see](other.md)`) that names none of them is an error at the link's
/// line and column, with the nearest id when one is close.
pub fn parse_article_in(
    file: SourceFile,
    config: &SiteConfig,
    articles: Option<&BTreeSet<String>>,
) -> Result<Article> {
    let mut warnings = Vec::new();
    let path = Some(file.display_path.clone());
    let (front, blocks, inferred) = match file.format {
        Format::Text => {
            let (blocks, title) = plain::blocks(&file.text);
            (ArticleMeta::default(), blocks, title)
        }
        Format::Markdown => {
            let (front, body_start) = front_matter::split(&file.text, &file.display_path)
                .map_err(|d| Diagnostics(vec![d]))?;
            let body = markdown::body(&file.text, body_start);
            if let Some(ids) = articles {
                let broken = broken_links(&file, &body.links, ids);
                if !broken.is_empty() {
                    return Err(Diagnostics(broken).into());
                }
            }
            let blocks = body.blocks;
            warnings.extend(
                body.warnings
                    .into_iter()
                    .map(|(line, w)| Diagnostic::warning(path.clone(), w).at(line, None)),
            );
            let title = first_text(&file.text, &blocks);
            (front, blocks, title)
        }
    };
    let configured = config.articles.get(&file.id).cloned().unwrap_or_default();
    let from_config = configured.url.is_some();
    let mut meta = merge_meta(front, configured, inferred, &file.display_path)?;
    if meta.title.trim().is_empty() {
        // An empty or unreadable article still needs a heading and a link text.
        meta.title = file.id.clone();
    }
    if let Some(url) = meta.url.take_if(|u| !crate::config::is_web_url(u)) {
        // The address comes from the article's table in site.toml when it has one there.
        let warning = match from_config {
            true => {
                let w = Diagnostic::warning(
                    config.spans.file.clone(),
                    format!(
                        "[articles.{}] url {url:?} is not a web address (http:// or https://)",
                        file.id
                    ),
                );
                match config.spans.urls.get(&file.id) {
                    Some(&(line, col)) => w.at(line, Some(col)),
                    None => w,
                }
            }
            false => Diagnostic::warning(
                path.clone(),
                format!("url {url:?} is not a web address (http:// or https://)"),
            ),
        };
        warnings.push(warning.hint("it is not linked"));
    }
    let mut article = Article {
        id: file.id,
        source_path: file.display_path,
        source: file.text,
        format: file.format,
        meta,
        blocks,
        mentions: Vec::new(),
        entities: Vec::new(),
        quotes: Vec::new(),
        event_words: Default::default(),
        warnings,
        corpus_digest: 0,
    };
    number_anchors(&mut article.blocks);
    Ok(article)
}

/// An error for every link of `file` to an article that is none of `ids`.
fn broken_links(
    file: &SourceFile,
    links: &[markdown::ArticleLink],
    ids: &BTreeSet<String>,
) -> Vec<Diagnostic> {
    let lines = crate::position::LineIndex::new(&file.text);
    links
        .iter()
        .filter(|l| !ids.contains(&l.id))
        .map(|l| {
            let (line, col) = lines.line_col(&file.text, l.at);
            let problem = Diagnostic::error(
                Some(file.display_path.clone()),
                format!("link \"{}\" names no article {:?}", l.dest, l.id),
            )
            .at(line, Some(col));
            match crate::diagnostic::nearest(&l.id, ids.iter().map(String::as_str)) {
                Some(near) => problem.hint(format!("did you mean `{near}`?")),
                None => problem.hint("an article's file name, without the folder, is its id"),
            }
        })
        .collect()
}

/// Configuration wins over front matter, which wins over what the text suggests.
fn merge_meta(
    front: ArticleMeta,
    config: ArticleMeta,
    inferred: String,
    path: &str,
) -> Result<Meta> {
    let pick = |a: Option<String>, b: Option<String>| a.or(b).filter(|s| !s.trim().is_empty());
    let published = match pick(config.published, front.published) {
        Some(p) => Some(check_published(&p).map_err(|e| {
            Diagnostics(vec![Diagnostic::error(
                Some(path.to_string()),
                format!("published: {e}"),
            )])
        })?),
        None => None,
    };
    let explicit_title = pick(config.title, front.title);
    Ok(Meta {
        title_editorial: explicit_title.is_some()
            && (config.title_editorial || front.title_editorial),
        title: explicit_title.unwrap_or(inferred),
        subtitle: pick(config.subtitle, front.subtitle),
        outlet: pick(config.outlet, front.outlet),
        author: pick(config.author, front.author),
        published,
        dates: config.dates.or(front.dates).unwrap_or_default(),
        url: pick(config.url, front.url),
    })
}

/// A Markdown article without a title takes its first heading, else its first words.
fn first_text(source: &str, blocks: &[Block]) -> String {
    let pick = blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Heading(_)))
        .or_else(|| blocks.iter().find(|b| b.kind == BlockKind::Paragraph));
    let text = pick.map(|b| b.plain_text(source).0).unwrap_or_default();
    shorten(&text, 80)
}

/// Cuts text at a word boundary to at most `max` characters, marking the cut with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
    )
}

/// Gives every shown text block a stable anchor, in document order.
fn number_anchors(blocks: &mut [Block]) {
    let mut n = 0;
    for block in blocks.iter_mut() {
        let shown =
            block.repeat_of.is_none() && block.kind.is_text() && block.kind != BlockKind::Title;
        if shown {
            n += 1;
            block.anchor = format!("p{n}");
        }
    }
}
