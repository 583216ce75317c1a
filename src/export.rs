//! Export stage: `data/annotations.json`, the machine-readable twin of the site.
//!
//! Offsets are byte offsets into the source files as stored, so `source[start..end] == text`
//! holds for every mention and other tools can verify or reuse the annotations.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Article, MentionKind};
use crate::render::links::article_path;

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    articles: Vec<ArticleRecord<'a>>,
    actors: Vec<ActorRecord<'a>>,
    mentions: Vec<MentionRecord<'a>>,
}

#[derive(Serialize)]
struct ArticleRecord<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    source: &'a str,
    published: Option<String>,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    original_url: Option<&'a str>,
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    url: String,
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    article: &'a str,
    kind: &'static str,
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'a str>,
    paragraph: &'a str,
    sentence: &'a str,
}

/// The export as pretty JSON bytes, in article order then source order.
pub fn annotations_json(config: &SiteConfig, articles: &[Article]) -> Vec<u8> {
    let mut mentions = Vec::new();
    for article in articles {
        for m in &article.mentions {
            let (kind, value, actor) = match &m.kind {
                MentionKind::Actor(id) => ("actor", None, Some(config.actors[*id].id.as_str())),
                MentionKind::Date { timex, .. } => ("date", Some(timex.value()), None),
                MentionKind::Duration(v) => ("duration", Some(v.clone()), None),
            };
            mentions.push(MentionRecord {
                article: &article.id,
                kind,
                text: &article.source[m.span.clone()],
                start: m.span.start,
                end: m.span.end,
                value,
                actor,
                paragraph: &article.blocks[m.block].anchor,
                sentence: &m.sentence,
            });
        }
    }
    let export = Export {
        version: 1,
        articles: articles
            .iter()
            .map(|a| ArticleRecord {
                id: &a.id,
                title: &a.meta.title,
                url: article_path(&a.id),
                source: &a.source_path,
                published: a.meta.published.map(|p| p.value()),
                outlet: a.meta.outlet.as_deref(),
                author: a.meta.author.as_deref(),
                original_url: a.meta.url.as_deref(),
            })
            .collect(),
        actors: config
            .actors
            .iter()
            .map(|a| ActorRecord {
                id: &a.id,
                name: &a.name,
                kind: &a.kind,
                url: crate::render::links::actor_path(&a.id),
            })
            .collect(),
        mentions,
    };
    records_per_line(&export)
}

/// JSON with one record per line: compact enough for 10,000 articles (indentation alone
/// doubled the file), yet diffable and greppable line by line.
fn records_per_line(export: &Export) -> Vec<u8> {
    let mut out = format!("{{\"version\":{}", export.version).into_bytes();
    list(&mut out, "articles", &export.articles);
    list(&mut out, "actors", &export.actors);
    list(&mut out, "mentions", &export.mentions);
    out.extend_from_slice(b"\n}\n");
    out
}

fn list<T: Serialize>(out: &mut Vec<u8>, name: &str, items: &[T]) {
    out.extend_from_slice(format!(",\n\"{name}\":[").as_bytes());
    for (i, item) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        // Serialising plain structs of strings and numbers cannot fail.
        let _ = serde_json::to_writer(&mut *out, item);
    }
    out.extend_from_slice(b"\n]");
}
