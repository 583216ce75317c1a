//! Search, ranking: an inverted index with Okapi BM25 scores from whole-corpus statistics.
//!
//! Scores are computed here, once, because the client only ever sees the few shards a query
//! needs and so cannot know the corpus-wide document frequencies BM25 depends on. Each list
//! keeps only its best [`TOP_K`] postings: a reader looks at the top results, and the cap is
//! what bounds the bytes one query loads at any corpus size.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::docs::{Doc, Kind};
use super::tokenize::tokens;

/// Postings kept per term, best first.
pub const TOP_K: usize = 64;
/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;

/// One document's entry in a term's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posting {
    /// Document number (position in the document list).
    pub doc: u32,
    /// BM25 score × 100, rounded: integers keep the output byte-identical across platforms.
    pub score: u32,
    /// Unit of the first shown occurrence, for the excerpt.
    pub unit: u32,
    /// Byte range of that occurrence in the unit's text.
    pub at: (u32, u32),
}

/// A raw hit before scoring: document, boosted frequency, unit, byte range.
type Hit = (u32, u32, u32, (u32, u32));

/// What one document contributes: per term, boosted frequency and first occurrence.
struct DocTerms {
    len: u32,
    terms: Vec<(String, u32, u32, (u32, u32))>,
}

fn doc_terms(doc: &Doc) -> DocTerms {
    // (tf, unit, at, shown): a later shown occurrence replaces a first one that is not shown.
    let mut map: HashMap<String, (u32, u32, (u32, u32), bool)> = HashMap::new();
    let mut len = 0;
    for (u, unit) in doc.units.iter().enumerate() {
        for t in tokens(&unit.text) {
            len += 1;
            let at = (t.start as u32, t.end as u32);
            let e = map.entry(t.term).or_insert((0, u as u32, at, unit.show));
            e.0 += unit.boost;
            if unit.show && !e.3 {
                (e.1, e.2, e.3) = (u as u32, at, true);
            }
        }
    }
    let mut terms: Vec<_> = map
        .into_iter()
        .map(|(t, (tf, u, at, _))| (t, tf, u, at))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    DocTerms { len, terms }
}

/// Documents tokenised at a time: enough to keep both cores busy, few enough that the
/// per-document term lists (a String per term) never all sit in memory at once.
const CHUNK: usize = 1024;

/// The index: every term in byte order with its best postings, best first (ties by document).
pub fn build(docs: &[Doc]) -> Vec<(String, Vec<Posting>)> {
    // Each term's text is stored once, numbered in order of first appearance; the hits refer
    // to it by number.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut hits: Vec<Vec<Hit>> = Vec::new();
    let mut lens: Vec<u32> = Vec::with_capacity(docs.len());
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let per_doc: Vec<DocTerms> = chunk.par_iter().map(doc_terms).collect();
        for (k, dt) in per_doc.into_iter().enumerate() {
            let d = (c * CHUNK + k) as u32;
            lens.push(dt.len);
            for (term, tf, unit, at) in dt.terms {
                let next = hits.len() as u32;
                let id = *ids.entry(term).or_insert(next);
                if id == next {
                    hits.push(Vec::new());
                }
                hits[id as usize].push((d, tf, unit, at));
            }
        }
    }
    // Average length per kind: a timeline sentence is not a short article.
    let mut sums: BTreeMap<Kind, (f64, f64)> = BTreeMap::new();
    for (doc, len) in docs.iter().zip(&lens) {
        let s = sums.entry(doc.kind).or_default();
        s.0 += f64::from(*len);
        s.1 += 1.0;
    }
    let mut lists: Vec<(String, Vec<Hit>)> = ids
        .into_iter()
        .map(|(term, id)| (term, std::mem::take(&mut hits[id as usize])))
        .collect();
    drop(hits);
    lists.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let n = docs.len() as f64;
    lists
        .into_par_iter()
        .map(|(term, hits)| {
            let df = hits.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let mut postings: Vec<Posting> = hits
                .into_iter()
                .map(|(doc, tf, unit, at)| {
                    let (sum, count) = sums[&docs[doc as usize].kind];
                    let avg = (sum / count).max(1.0);
                    let dl = f64::from(lens[doc as usize]);
                    let tf = f64::from(tf);
                    let score = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl / avg));
                    Posting {
                        doc,
                        score: (score * 100.0).round().max(1.0) as u32,
                        unit,
                        at,
                    }
                })
                .collect();
            postings.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
            postings.truncate(TOP_K);
            (term, postings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docs::Unit;

    fn doc(text: &str) -> Doc {
        Doc {
            kind: Kind::Article,
            title: String::new(),
            href: String::new(),
            units: vec![Unit {
                text: text.into(),
                anchor: "p1".into(),
                boost: 1,
                show: true,
            }],
        }
    }

    #[test]
    fn more_mentions_rank_higher() {
        let filler = "talks went on in Doha over weeks";
        let docs = vec![
            doc(&format!("Najibullah spoke. {filler}.")),
            doc(&format!("Najibullah, Najibullah and Najibullah. {filler}.")),
            doc(&format!("Nobody else. {filler}.")),
        ];
        let index = build(&docs);
        let (_, list) = index.iter().find(|(t, _)| t == "najibullah").unwrap();
        assert_eq!(list.iter().map(|p| p.doc).collect::<Vec<_>>(), [1, 0]);
        assert!(list[0].score > list[1].score);
    }

    #[test]
    fn terms_are_sorted_and_lists_capped() {
        let docs: Vec<Doc> = (0..TOP_K + 10)
            .map(|i| doc(&format!("common {}", "word ".repeat(i + 1))))
            .collect();
        let index = build(&docs);
        assert!(index.windows(2).all(|w| w[0].0 < w[1].0));
        let (_, list) = index.iter().find(|(t, _)| t == "common").unwrap();
        assert_eq!(list.len(), TOP_K);
    }
}
