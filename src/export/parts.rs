//! Export stage, parts: every mention and every sentence of the corpus as gzipped JSON Lines,
//! `data/mentions-NNN.jsonl.gz` and `data/sentences-NNN.jsonl.gz`, cut into parts of whole
//! articles so that no file grows with the corpus.
//!
//! Each sentence is stored once, in its article's sentence table; mentions refer to it by
//! index. One line per record keeps the parts streamable (`zcat | jq`) and loadable as a table
//! (`pandas.read_json(…, lines=True)`); gzip takes away the repeated keys and article ids,
//! which made the uncompressed export several times the size of the corpus.

use std::io::Write;
use std::ops::Range;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::mention_json::{number, string, MentionRecord};
use crate::config::SiteConfig;
use crate::index::entities::EntityIndex;
use crate::model::Article;
use crate::output::Sink;

/// Records (mentions of every kind) one part holds at most, unless a single article has more:
/// about 9 MB of JSON Lines before compression, 1–3 MB after, so every file stays well under
/// the 50 MB a file may weigh even when a reader unpacks it, and an edit to one article
/// compresses a quarter of what a part four times the size would make it compress again.
pub const RECORDS_PER_PART: usize = 50_000;

/// gzip level: 4 packs the parts 10–12 times at about 230 MB/s a core with zlib-rs; level 1
/// leaves them half as big again for a third of the time, level 6 gains a tenth for twice it.
const LEVEL: u32 = 4;

/// One part of the export: a run of articles, and what its two files hold.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Its mentions file, relative to `data/`.
    pub mentions: String,
    /// Its sentences file, relative to `data/`.
    pub sentences: String,
    /// Id of its first article, in export order.
    pub first: String,
    /// Number of articles.
    pub articles: usize,
    /// Lines in the mentions file.
    pub mention_count: usize,
    /// Lines in the sentences file.
    pub sentence_count: usize,
    /// Which articles (indices in export order) it holds.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// How the articles are cut into parts: consecutive runs of at most [`RECORDS_PER_PART`]
/// records, counted before filtering (an upper bound), so the plan needs no serialising.
pub fn plan(articles: &[Article]) -> Vec<Range<usize>> {
    cut(
        articles
            .iter()
            .map(|a| a.mentions.len() + a.entities.len() + a.quotes.len()),
        RECORDS_PER_PART,
    )
}

/// Consecutive runs of articles whose record counts add up to at most `budget`, cut as the
/// paged lists are ([`crate::routes::split`]).
fn cut(counts: impl IntoIterator<Item = usize>, budget: usize) -> Vec<Range<usize>> {
    crate::routes::split(counts, budget)
}

/// File names of part `n` (0-based): `mentions-001.jsonl.gz`, `sentences-001.jsonl.gz`.
pub fn file_names(n: usize) -> (String, String) {
    (
        format!("mentions-{:03}.jsonl.gz", n + 1),
        format!("sentences-{:03}.jsonl.gz", n + 1),
    )
}

/// One article's records: its sentence table (text and paragraph anchor, in reading order)
/// and its mentions, each pointing into the table.
pub(super) struct ArticleRecords<'a> {
    pub(super) sentences: Vec<(&'a str, &'a str)>,
    pub(super) mentions: Vec<MentionRecord<'a>>,
}

/// Numbers the distinct sentences of `records` (each given as its block and text) in reading
/// order, by block then first mention, and points every record at its sentence.
pub(super) fn with_sentence_table<'a>(
    article: &'a Article,
    mut records: Vec<(MentionRecord<'a>, usize, &'a str)>,
) -> ArticleRecords<'a> {
    let mut keys: Vec<(usize, usize, &str)> = records
        .iter()
        .map(|(r, block, s)| (*block, r.start, *s))
        .collect();
    keys.sort_unstable();
    let mut numbers: FxHashMap<(usize, &str), usize> = FxHashMap::default();
    let mut sentences = Vec::new();
    for (block, _, text) in keys {
        numbers.entry((block, text)).or_insert_with(|| {
            sentences.push((text, article.blocks[block].anchor.as_str()));
            sentences.len() - 1
        });
    }
    for (record, block, text) in &mut records {
        record.sentence = numbers[&(*block, *text)];
    }
    ArticleRecords {
        sentences,
        mentions: records.into_iter().map(|(r, _, _)| r).collect(),
    }
}

/// Appends one sentence line: `{"article":…,"sentence":n,"paragraph":…,"text":…}`.
fn sentence_line(out: &mut Vec<u8>, article: &str, n: usize, paragraph: &str, text: &str) {
    out.extend_from_slice(b"{\"article\":");
    string(out, article);
    out.extend_from_slice(b",\"sentence\":");
    number(out, n);
    out.extend_from_slice(b",\"paragraph\":");
    string(out, paragraph);
    out.extend_from_slice(b",\"text\":");
    string(out, text);
    out.extend_from_slice(b"}\n");
}

/// Writes the gzipped files of every part into `sink` and says what each holds, in part
/// order. Parts are written side by side; each one's bytes depend only on its articles, so the
/// output is the same whatever the thread count (gzip's header carries no time). With the
/// articles' analysis `digests`, a file the sink still has from a build with the same inputs
/// is kept instead of compressed again (its counts are still taken from the records).
pub fn put_parts(
    config: &SiteConfig,
    entities: &EntityIndex,
    articles: &[Article],
    digests: Option<&[u128]>,
    sink: &dyn Sink,
) -> anyhow::Result<Vec<Part>> {
    plan(articles)
        .into_par_iter()
        .enumerate()
        .map(|(n, range)| {
            let (mentions_name, sentences_name) = file_names(n);
            let (mentions_path, sentences_path) = (
                format!("data/{mentions_name}"),
                format!("data/{sentences_name}"),
            );
            let inputs = digests.map(|d| {
                part_inputs(
                    config,
                    entities,
                    &articles[range.clone()],
                    &d[range.clone()],
                )
            });
            let kept = |path: &str| -> anyhow::Result<bool> {
                Ok(match inputs {
                    Some((m, s)) => sink
                        .reuse(path, if path == mentions_path { m } else { s })?
                        .is_some(),
                    None => false,
                })
            };
            let mut mentions = (!kept(&mentions_path)?)
                .then(|| GzEncoder::new(Vec::new(), Compression::new(LEVEL)));
            let mut sentences = (!kept(&sentences_path)?)
                .then(|| GzEncoder::new(Vec::new(), Compression::new(LEVEL)));
            let (mut mention_count, mut sentence_count) = (0, 0);
            let mut line = Vec::with_capacity(64 * 1024);
            for article in &articles[range.clone()] {
                if mentions.is_none() && sentences.is_none() {
                    let (m, s) = super::article_counts(config, entities, article);
                    mention_count += m;
                    sentence_count += s;
                    continue;
                }
                let records = super::article_records(config, entities, article, false);
                if let Some(out) = &mut mentions {
                    line.clear();
                    for r in &records.mentions {
                        r.write_json(&mut line);
                        line.push(b'\n');
                    }
                    // Writing into memory cannot fail.
                    let _ = out.write_all(&line);
                }
                if let Some(out) = &mut sentences {
                    line.clear();
                    for (i, (text, paragraph)) in records.sentences.iter().enumerate() {
                        sentence_line(&mut line, &article.id, i, paragraph, text);
                    }
                    let _ = out.write_all(&line);
                }
                mention_count += records.mentions.len();
                sentence_count += records.sentences.len();
            }
            let put = |path: String, e: GzEncoder<Vec<u8>>, made: Option<u128>| {
                let bytes = e.finish().unwrap_or_default();
                match made {
                    Some(i) => sink.put_made_from(path, bytes, i),
                    None => sink.put(path, bytes),
                }
            };
            if let Some(e) = mentions {
                put(mentions_path, e, inputs.map(|i| i.0))?;
            }
            if let Some(e) = sentences {
                put(sentences_path, e, inputs.map(|i| i.1))?;
            }
            Ok(Part {
                mentions: mentions_name,
                sentences: sentences_name,
                first: articles
                    .get(range.start)
                    .map_or(String::new(), |a| a.id.clone()),
                articles: range.len(),
                mention_count,
                sentence_count,
                range,
            })
        })
        .collect()
}

/// What a part's two files are made from: the binary, the gzip level, the actors' ids, and
/// per article its analysis digest and the entity ids its names and speakers resolve to
/// (those come from the whole corpus). The second digest is the first's, for the other file.
fn part_inputs(
    config: &SiteConfig,
    entities: &EntityIndex,
    articles: &[Article],
    digests: &[u128],
) -> (u128, u128) {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    let field = |h: &mut xxhash_rust::xxh3::Xxh3Default, b: &[u8]| {
        h.update(&(b.len() as u64).to_le_bytes());
        h.update(b);
    };
    field(&mut h, &crate::cache::key::identity());
    field(&mut h, &LEVEL.to_le_bytes());
    for actor in &config.actors {
        field(&mut h, actor.id.as_bytes());
    }
    let entity = |name: &str| entities.entity_of(name).map_or("\u{0}", |e| e.id.as_str());
    for (article, digest) in articles.iter().zip(digests) {
        field(&mut h, &digest.to_le_bytes());
        for e in &article.entities {
            field(&mut h, entity(&e.name).as_bytes());
        }
        for q in &article.quotes {
            if let crate::model::Speaker::Entity(name) = &q.speaker {
                field(&mut h, entity(name).as_bytes());
            }
        }
    }
    let mentions = h.digest128();
    field(&mut h, b"sentences");
    (mentions, h.digest128())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_hold_whole_articles_within_the_budget() {
        assert_eq!(cut([3, 3, 3, 3], 6), vec![0..2, 2..4]);
        assert_eq!(cut([3, 4], 6), vec![0..1, 1..2]);
        assert_eq!(cut([9, 1, 1], 6), vec![0..1, 1..3], "a big article alone");
        assert_eq!(
            cut([0, 0, 6, 0], 6),
            vec![0..4],
            "articles without mentions ride along"
        );
        assert_eq!(cut(Vec::new(), 6), vec![0..0], "always one part");
    }

    #[test]
    fn parts_are_numbered_from_one_with_three_digits() {
        assert_eq!(
            file_names(0),
            (
                "mentions-001.jsonl.gz".into(),
                "sentences-001.jsonl.gz".into()
            )
        );
        assert_eq!(file_names(1233).0, "mentions-1234.jsonl.gz");
    }

    #[test]
    fn a_sentence_line_is_json_with_the_fields_in_order() {
        let mut out = Vec::new();
        sentence_line(&mut out, "a-1", 3, "p2", "He said \"no\".\n");
        let line = String::from_utf8(out).unwrap();
        assert_eq!(
            line,
            "{\"article\":\"a-1\",\"sentence\":3,\"paragraph\":\"p2\",\"text\":\"He said \\\"no\\\".\\n\"}\n"
        );
        let v: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
        assert_eq!(v["text"], "He said \"no\".\n");
    }
}
