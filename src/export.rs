//! Export stage: `data/annotations.json`, the machine-readable twin of the site.
//!
//! Offsets are byte offsets into the source files as stored, so `source[start..end] == text`
//! holds for every mention and other tools can verify or reuse the annotations.

use std::io::Write;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::index::SiteIndex;
use crate::model::{Article, MentionKind, Speaker};
use crate::routes::article_path;

mod events;
mod mention_json;
mod notes;

use mention_json::MentionRecord;

pub use notes::notes_jsonld;

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

/// The export as bytes (tests, `serve`, `check`).
pub fn annotations_json(config: &SiteConfig, articles: &[Article], index: &SiteIndex) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_annotations(config, articles, index, &mut out);
    out
}

/// Streams the export, in article order then source order, one record per line: compact enough
/// for 10,000 articles (indentation alone doubled the file), diffable and greppable, and never
/// held in memory whole.
pub fn write_annotations(
    config: &SiteConfig,
    articles: &[Article],
    site_index: &SiteIndex,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write!(out, "{{\"version\":1")?;
    let records = articles.iter().map(|a| ArticleRecord {
        id: &a.id,
        title: &a.meta.title,
        url: article_path(&a.id),
        source: &a.source_path,
        published: a.meta.published.map(|p| p.value()),
        outlet: a.meta.outlet.as_deref(),
        author: a.meta.author.as_deref(),
        original_url: a.meta.url.as_deref(),
    });
    list(out, "articles", records)?;
    let actors = config.actors.iter().map(|a| ActorRecord {
        id: &a.id,
        name: &a.name,
        kind: &a.kind,
        url: crate::routes::actor_path(&a.id),
    });
    list(out, "actors", actors)?;
    let entities = &site_index.entities;
    // The site index's entities, so the export's ids are the entity pages' own. Entities and
    // quotes come after the other kinds: tools reading `mentions` as one non-overlapping
    // sequence per article keep working, and quotes may span other mentions.
    write!(out, ",\n\"mentions\":[")?;
    let mut first = true;
    par_records(out, &mut first, articles, |a| mention_records(config, a))?;
    par_records(out, &mut first, articles, |a| entity_records(entities, a))?;
    par_records(out, &mut first, articles, |a| {
        quote_records(config, entities, a)
    })?;
    out.write_all(b"\n]")?;
    list(out, "events", events::records(articles, site_index))?;
    out.write_all(b"\n}\n")
}

/// Articles serialised at a time, in parallel, before their bytes are written in order.
const CHUNK: usize = 256;

/// Writes the records `records` makes of each article as list items, in article order; the
/// serialising runs on every core, a chunk of articles at a time, so memory stays bounded.
fn par_records<'a>(
    out: &mut dyn Write,
    first: &mut bool,
    articles: &'a [Article],
    records: impl Fn(&'a Article) -> Vec<MentionRecord<'a>> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    for chunk in articles.chunks(CHUNK) {
        let parts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|a| {
                let mut bytes = Vec::new();
                for record in records(a) {
                    bytes.extend_from_slice(b",\n");
                    record.write_json(&mut bytes);
                }
                bytes
            })
            .collect();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            // The list's first item follows its `[` with a line break, not a comma.
            out.write_all(if *first { &part[1..] } else { part })?;
            *first = false;
        }
    }
    Ok(())
}

fn mention_records<'a>(config: &'a SiteConfig, article: &'a Article) -> Vec<MentionRecord<'a>> {
    article
        .mentions
        .iter()
        .map(|m| {
            let (kind, value, actor) = match &m.kind {
                MentionKind::Actor(id) => ("actor", None, Some(config.actors[*id].id.as_str())),
                MentionKind::Date { timex, .. } => ("date", Some(timex.value()), None),
                MentionKind::Duration(v) => ("duration", Some(v.clone()), None),
                MentionKind::Vague(v) => ("date", Some(v.clone()), None),
                MentionKind::Set(v) => ("set", Some(v.clone()), None),
            };
            let timex = mention_json::TimexFields::of(&m.kind);
            MentionRecord {
                id: mention_id(&article.id, m.span.start),
                article: &article.id,
                kind,
                text: &article.source[m.span.clone()],
                start: m.span.start,
                end: m.span.end,
                value,
                timex_type: timex.timex_type,
                modifier: timex.modifier,
                resolved: timex.resolved,
                actor,
                entity: None,
                entity_kind: None,
                evidence: None,
                title: None,
                speaker: None,
                paragraph: &article.blocks[m.block].anchor,
                sentence: &m.sentence,
            }
        })
        .collect()
}

fn entity_records<'a>(
    index: &'a crate::index::entities::EntityIndex,
    article: &'a Article,
) -> Vec<MentionRecord<'a>> {
    article
        .entities
        .iter()
        .filter_map(|e| {
            let entity = index.entity_of(&e.name)?;
            Some(MentionRecord {
                id: mention_id(&article.id, e.span.start),
                article: &article.id,
                kind: "entity",
                text: &article.source[e.span.clone()],
                start: e.span.start,
                end: e.span.end,
                value: None,
                timex_type: None,
                modifier: None,
                resolved: None,
                actor: None,
                entity: Some(&entity.id),
                entity_kind: Some(e.kind.as_str()),
                evidence: Some(e.evidence.as_str()),
                title: e.title.clone().map(|t| &article.source[t]),
                speaker: None,
                paragraph: &article.blocks[e.block].anchor,
                sentence: &e.sentence,
            })
        })
        .collect()
}

fn quote_records<'a>(
    config: &'a SiteConfig,
    index: &'a crate::index::entities::EntityIndex,
    article: &'a Article,
) -> Vec<MentionRecord<'a>> {
    article
        .quotes
        .iter()
        .filter_map(|q| {
            let speaker = match &q.speaker {
                Speaker::Actor(id) => config.actors[*id].id.as_str(),
                Speaker::Entity(name) => index.entity_of(name)?.id.as_str(),
            };
            Some(MentionRecord {
                id: mention_id(&article.id, q.span.start),
                article: &article.id,
                kind: "quote",
                text: &article.source[q.span.clone()],
                start: q.span.start,
                end: q.span.end,
                value: None,
                timex_type: None,
                modifier: None,
                resolved: None,
                actor: None,
                entity: None,
                entity_kind: None,
                evidence: None,
                title: None,
                speaker: Some(speaker),
                paragraph: &article.blocks[q.block].anchor,
                sentence: &q.sentence,
            })
        })
        .collect()
}

/// A mention's id in the export: article id and byte start, stable across builds.
pub fn mention_id(article: &str, start: usize) -> String {
    format!("{article}:{start}")
}

fn list<T: Serialize>(
    out: &mut dyn Write,
    name: &str,
    items: impl Iterator<Item = T>,
) -> std::io::Result<()> {
    write!(out, ",\n\"{name}\":[")?;
    for (i, item) in items.enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(b"\n]")
}
