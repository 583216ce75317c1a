//! Parse stage: turns a loaded file into an [`Article`] with metadata and blocks.
//!
//! Plain text goes through structure recovery ([`crate::text`]); Markdown through pulldown-cmark.
//! Both produce the same [`Block`]s whose text points back into the source bytes, so the later
//! stages never care which format an article came in.

mod front_matter;
pub mod highlight;
pub mod markdown;
mod plain;

use anyhow::Result;

use crate::config::{check_published, ArticleMeta, SiteConfig};
use crate::model::{Article, Block, BlockKind, Format, Meta, SourceFile};

/// Builds the article: metadata from front matter and `site.toml`, blocks from the text.
pub fn parse_article(file: SourceFile, config: &SiteConfig) -> Result<Article> {
    let mut warnings = Vec::new();
    let (front, blocks, inferred) = match file.format {
        Format::Text => {
            let (blocks, title) = plain::blocks(&file.text);
            (ArticleMeta::default(), blocks, title)
        }
        Format::Markdown => {
            let (front, body_start) = front_matter::split(&file.text, &file.display_path)?;
            let (blocks, found) = markdown::blocks(&file.text, body_start);
            let path = &file.display_path;
            warnings.extend(
                found
                    .into_iter()
                    .map(|(line, w)| format!("{path}:{line}: {w}")),
            );
            let title = first_text(&file.text, &blocks);
            (front, blocks, title)
        }
    };
    let configured = config.articles.get(&file.id).cloned().unwrap_or_default();
    let mut meta = merge_meta(front, configured, inferred, &file.display_path)?;
    if meta.title.trim().is_empty() {
        // An empty or unreadable article still needs a heading and a link text.
        meta.title = file.id.clone();
    }
    if let Some(url) = meta.url.take_if(|u| !crate::config::is_web_url(u)) {
        warnings.push(format!(
            "{}: url {url:?} is not a web address (http:// or https://); it is not linked",
            file.display_path
        ));
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
        warnings,
        corpus_digest: 0,
    };
    number_anchors(&mut article.blocks);
    Ok(article)
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
        Some(p) => {
            Some(check_published(&p).map_err(|e| anyhow::anyhow!("{path}: published: {e}"))?)
        }
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
        let shown = block.repeat_of.is_none()
            && !matches!(block.kind, BlockKind::Raw(_) | BlockKind::Title);
        if shown {
            n += 1;
            block.anchor = format!("p{n}");
        }
    }
}
