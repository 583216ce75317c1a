//! Export stage: the machine-readable twin of the site. `data/annotations.json` is the index
//! (articles, actors, events, the parts below and, while it stays small, every mention); the
//! parts hold every mention and each article's sentence table as gzipped JSON Lines
//! ([`parts`]). The schema is `docs/src/guide/annotations.schema.json`.
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
pub mod parts;

use crate::output::Sink;
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

/// `data/annotations.json` lists every mention itself (as version 1 did, without the sentence
/// text) while the whole file stays under this size; past it, the mentions are only in the
/// parts it lists, so the file stays small however big the corpus.
pub const INLINE_MENTIONS_LIMIT: usize = 50_000_000;

/// Where the export's index goes.
pub const ANNOTATIONS_PATH: &str = "data/annotations.json";

/// The index file as bytes (tests, `serve`, `check`); the parts it lists are not made.
pub fn annotations_json(config: &SiteConfig, articles: &[Article], index: &SiteIndex) -> Vec<u8> {
    // A sink that claims to keep every part, so none is compressed: only their counts are
    // taken.
    struct Counting;
    impl Sink for Counting {
        fn put(&self, _: String, _: Vec<u8>) -> anyhow::Result<()> {
            Ok(())
        }
        fn reuse(&self, _: &str, _: crate::output::Inputs) -> anyhow::Result<Option<u64>> {
            Ok(Some(0))
        }
    }
    let digests = vec![0; articles.len()];
    let parts = parts::put_parts(config, &index.entities, articles, Some(&digests), &Counting)
        .unwrap_or_default();
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_annotations(config, articles, index, &parts, &mut out);
    out
}

/// Writes the whole export into `sink`: the parts (`data/mentions-NNN.jsonl.gz` and
/// `data/sentences-NNN.jsonl.gz`), then `data/annotations.json`, which lists them.
pub fn write_export(
    config: &SiteConfig,
    articles: &[Article],
    index: &SiteIndex,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    write_export_reusing(config, articles, index, None, sink)
}

/// [`write_export`] that keeps the parts the sink still has from a build with the same
/// inputs, given the articles' analysis `digests` (`Analysis::digests`).
pub fn write_export_reusing(
    config: &SiteConfig,
    articles: &[Article],
    index: &SiteIndex,
    digests: Option<&[u128]>,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    let parts = parts::put_parts(config, &index.entities, articles, digests, sink)?;
    sink.put_streamed(ANNOTATIONS_PATH.into(), &mut |out| {
        write_annotations(config, articles, index, &parts, out)
    })
}

/// Streams the index file, one record per line: the parts, articles, actors and events, then
/// (while the file stays under [`INLINE_MENTIONS_LIMIT`]) every mention in article order then
/// source order, each with its `id` and its sentence's number; compact, diffable and greppable.
pub fn write_annotations(
    config: &SiteConfig,
    articles: &[Article],
    site_index: &SiteIndex,
    parts: &[parts::Part],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write!(out, "{{\"version\":2")?;
    list(out, "parts", parts.iter())?;
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
    list(out, "events", events::records(articles, site_index))?;
    if let Some(mentions) = inline_mentions(config, articles, &site_index.entities) {
        write!(out, ",\n\"mentions\":[")?;
        out.write_all(&mentions)?;
        out.write_all(b"\n]")?;
    }
    out.write_all(b"\n}\n")
}

/// Articles serialised at a time, in parallel, before their bytes are joined in order.
const CHUNK: usize = 256;

/// The `mentions` list's items (each on its own line, comma-separated), or `None` when they
/// would pass [`INLINE_MENTIONS_LIMIT`]. A record takes at least 90 bytes, so a corpus with
/// too many is known without writing any; otherwise the list is written, a chunk of articles
/// at a time on every core, and given up once it is too long.
fn inline_mentions(
    config: &SiteConfig,
    articles: &[Article],
    entities: &crate::index::entities::EntityIndex,
) -> Option<Vec<u8>> {
    use rayon::prelude::*;
    let upper: usize = articles
        .iter()
        .map(|a| a.mentions.len() + a.entities.len() + a.quotes.len())
        .sum();
    if upper.saturating_mul(90) > INLINE_MENTIONS_LIMIT {
        return None;
    }
    let mut out = Vec::new();
    for chunk in articles.chunks(CHUNK) {
        let parts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|a| {
                let mut bytes = Vec::new();
                for record in article_records(config, entities, a, true).mentions {
                    bytes.extend_from_slice(b",\n");
                    record.write_json(&mut bytes);
                }
                bytes
            })
            .collect();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            // The list's first item follows its `[` with a line break, not a comma.
            out.extend_from_slice(if out.is_empty() { &part[1..] } else { part });
        }
        if out.len() > INLINE_MENTIONS_LIMIT {
            return None;
        }
    }
    Some(out)
}

/// One article's sentence table and mention records, in source order per kind: actors and
/// dates, then entities, then quotes (tools reading the first kinds as one non-overlapping
/// sequence per article keep working; quotes may span other mentions). `with_ids` adds each
/// record's `id` and keeps its `paragraph`, which the parts leave out (a part's sentence line
/// gives the paragraph, once per sentence).
fn article_records<'a>(
    config: &'a SiteConfig,
    entities: &'a crate::index::entities::EntityIndex,
    article: &'a Article,
    with_ids: bool,
) -> parts::ArticleRecords<'a> {
    let mut records = mention_records(config, article);
    records.extend(entity_records(entities, article));
    records.extend(quote_records(config, entities, article));
    for (r, _, _) in &mut records {
        if with_ids {
            r.id = Some(mention_id(&article.id, r.start));
        } else {
            r.paragraph = None;
        }
    }
    parts::with_sentence_table(article, records)
}

/// How many records and distinct sentences [`article_records`] gives `article`, without making
/// them: all a part kept from an earlier build still needs, for the index's counts. Counts
/// what the record makers keep: every mention, and the names and quotes whose entity or
/// speaker resolves; a sentence is its block and text, as [`parts::with_sentence_table`]
/// numbers them.
fn article_counts<'a>(
    config: &SiteConfig,
    entities: &crate::index::entities::EntityIndex,
    article: &'a Article,
) -> (usize, usize) {
    let mut sentences: rustc_hash::FxHashSet<(usize, &'a str)> = Default::default();
    let mut records = 0;
    let mut count = |block: usize, sentence: &'a str| {
        records += 1;
        sentences.insert((block, sentence));
    };
    for m in &article.mentions {
        count(m.block, &m.sentence);
    }
    for e in &article.entities {
        if entities.entity_of(&e.name).is_some() {
            count(e.block, &e.sentence);
        }
    }
    for q in &article.quotes {
        if speaker_id(config, entities, &q.speaker).is_some() {
            count(q.block, &q.sentence);
        }
    }
    (records, sentences.len())
}

/// The id a quote's speaker is exported under: an actor's, or the entity's its name resolves
/// to (`None`: a name with no entity, whose quote is not exported).
fn speaker_id<'a>(
    config: &'a SiteConfig,
    entities: &'a crate::index::entities::EntityIndex,
    speaker: &Speaker,
) -> Option<&'a str> {
    match speaker {
        Speaker::Actor(id) => Some(config.actors[id.get()].id.as_str()),
        Speaker::Entity(name) => Some(entities.entity_of(name)?.id.as_str()),
    }
}

/// A record, the block it sits in and its sentence's text, before sentences are numbered.
type Raw<'a> = (MentionRecord<'a>, usize, &'a str);

fn mention_records<'a>(config: &'a SiteConfig, article: &'a Article) -> Vec<Raw<'a>> {
    article
        .mentions
        .iter()
        .map(|m| {
            let (kind, value, actor) = match &m.kind {
                MentionKind::Actor(id) => {
                    ("actor", None, Some(config.actors[id.get()].id.as_str()))
                }
                MentionKind::Date { timex, .. } => ("date", Some(timex.value()), None),
                MentionKind::Duration(v) => ("duration", Some(v.clone()), None),
                MentionKind::Vague(v) => ("date", Some(v.clone()), None),
                MentionKind::Set(v) => ("set", Some(v.clone()), None),
            };
            let timex = mention_json::TimexFields::of(&m.kind);
            let record = MentionRecord {
                id: None,
                article: &article.id,
                kind,
                text: &article.source[m.span.clone()],
                start: m.span.start,
                end: m.span.end,
                value,
                timex_type: timex.timex_type,
                modifier: timex.modifier,
                resolved: timex.resolved,
                anchor: timex.anchor.map(|start| format!("{}:{start}", article.id)),
                actor,
                entity: None,
                entity_kind: None,
                evidence: None,
                title: None,
                speaker: None,
                paragraph: Some(&article.blocks[m.block].anchor),
                sentence: 0,
            };
            (record, m.block, &*m.sentence)
        })
        .collect()
}

fn entity_records<'a>(
    index: &'a crate::index::entities::EntityIndex,
    article: &'a Article,
) -> Vec<Raw<'a>> {
    article
        .entities
        .iter()
        .filter_map(|e| {
            let entity = index.entity_of(&e.name)?;
            let record = MentionRecord {
                id: None,
                article: &article.id,
                kind: "entity",
                text: &article.source[e.span.clone()],
                start: e.span.start,
                end: e.span.end,
                value: None,
                timex_type: None,
                modifier: None,
                resolved: None,
                anchor: None,
                actor: None,
                entity: Some(&entity.id),
                entity_kind: Some(e.kind.as_str()),
                evidence: Some(e.evidence.as_str()),
                title: e.title.clone().map(|t| &article.source[t]),
                speaker: None,
                paragraph: Some(&article.blocks[e.block].anchor),
                sentence: 0,
            };
            Some((record, e.block, &*e.sentence))
        })
        .collect()
}

fn quote_records<'a>(
    config: &'a SiteConfig,
    index: &'a crate::index::entities::EntityIndex,
    article: &'a Article,
) -> Vec<Raw<'a>> {
    article
        .quotes
        .iter()
        .filter_map(|q| {
            let speaker = speaker_id(config, index, &q.speaker)?;
            let record = MentionRecord {
                id: None,
                article: &article.id,
                kind: "quote",
                text: &article.source[q.span.clone()],
                start: q.span.start,
                end: q.span.end,
                value: None,
                timex_type: None,
                modifier: None,
                resolved: None,
                anchor: None,
                actor: None,
                entity: None,
                entity_kind: None,
                evidence: None,
                title: None,
                speaker: Some(speaker),
                paragraph: Some(&article.blocks[q.block].anchor),
                sentence: 0,
            };
            Some((record, q.block, &*q.sentence))
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
