//! Search, ranking: an inverted index with Okapi BM25 scores from whole-corpus statistics.
//!
//! Scores are computed here, once, because the client only ever sees the few shards a query
//! needs and so cannot know the corpus-wide document frequencies BM25 depends on. Each list
//! keeps only its best [`TOP_K`] postings: a reader looks at the top results, and the cap is
//! what bounds the bytes one query loads at any corpus size.

use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::docs::{Doc, Kind};
use super::tokenize::for_each_term;

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

/// One term of a document: its text's range in the document's arena, boosted frequency, unit
/// and byte range of the occurrence an excerpt is cut from, and whether that unit is shown.
#[derive(Clone, Copy)]
struct Term {
    text: (u32, u32),
    tf: u32,
    unit: u32,
    at: (u32, u32),
    shown: bool,
}

/// What one document contributes: its length in tokens and, per distinct term (in no
/// particular order; the hits are sorted by term later), boosted frequency and first occurrence.
/// The terms' texts share one string, so a document costs two allocations, not one per term.
struct DocTerms {
    len: u32,
    arena: String,
    terms: Vec<Term>,
}

/// The terms of the last unit read at one position of a document, in order, with their words'
/// byte ranges. Consecutive timeline entries often repeat a unit (the same date label, or the
/// same sentence `Arc` when one sentence holds two dates), which is then tokenised once.
#[derive(Default)]
struct UnitCache {
    text: Option<Arc<str>>,
    /// The terms one after another.
    arena: String,
    /// Per token: end of its term in `arena` (it starts where the previous one ends), start
    /// and end of its word in the text.
    tokens: Vec<(u32, u32, u32)>,
}

impl UnitCache {
    fn read(&mut self, text: &Arc<str>) {
        if self
            .text
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, text) || **t == **text)
        {
            return;
        }
        self.arena.clear();
        self.tokens.clear();
        for_each_term(text, |term, start, end| {
            self.arena.push_str(term);
            self.tokens
                .push((self.arena.len() as u32, start as u32, end as u32));
        });
        self.text = Some(text.clone());
    }
}

/// Per-thread buffers for reading documents one after another.
#[derive(Default)]
struct Reader {
    /// One per unit position: a timeline entry's sentence, then its date label.
    units: Vec<UnitCache>,
    /// Indices into `terms`, hashed by term text.
    table: HashTable<u32>,
    arena: String,
    terms: Vec<Term>,
}

impl Reader {
    fn doc_terms(&mut self, doc: &Doc) -> DocTerms {
        self.table.clear();
        self.arena.clear();
        self.terms.clear();
        let mut len = 0;
        for (u, unit) in doc.units.iter().enumerate() {
            if self.units.len() <= u {
                self.units.push(UnitCache::default());
            }
            let cache = &mut self.units[u];
            cache.read(&unit.text);
            let u = u as u32;
            let mut from = 0;
            for &(to, start, end) in &cache.tokens {
                let term = &cache.arena[from as usize..to as usize];
                from = to;
                len += 1;
                let at = (start, end);
                let hash = FxBuildHasher.hash_one(term);
                let (arena, terms) = (&self.arena, &self.terms);
                let text = |t: &Term| &arena[t.text.0 as usize..t.text.1 as usize];
                let found = self
                    .table
                    .find(hash, |&i| text(&terms[i as usize]) == term)
                    .copied();
                let i = match found {
                    Some(i) => i as usize,
                    None => {
                        let from = self.arena.len() as u32;
                        self.arena.push_str(term);
                        self.terms.push(Term {
                            text: (from, self.arena.len() as u32),
                            tf: 0,
                            unit: u,
                            at,
                            shown: unit.show,
                        });
                        let (arena, terms) = (&self.arena, &self.terms);
                        let i = terms.len() - 1;
                        self.table.insert_unique(hash, i as u32, |&j| {
                            let t = &terms[j as usize];
                            FxBuildHasher.hash_one(&arena[t.text.0 as usize..t.text.1 as usize])
                        });
                        i
                    }
                };
                // A later shown occurrence replaces a first one that is not shown.
                let e = &mut self.terms[i];
                e.tf += unit.boost;
                if unit.show && !e.shown {
                    (e.unit, e.at, e.shown) = (u, at, true);
                }
            }
        }
        DocTerms {
            len,
            arena: self.arena.clone(),
            terms: self.terms.clone(),
        }
    }
}

/// Documents tokenised at a time: enough to keep both cores busy, few enough that the
/// per-document term lists never all sit in memory at once.
const CHUNK: usize = 1024;
/// Documents one thread reads in a row, reusing its buffers and its last unit's terms.
const RUN: usize = 64;

/// The index: every term in byte order with its best postings, best first (ties by document).
pub fn build(docs: &[Doc]) -> Vec<(String, Vec<Posting>)> {
    // Each term's text is stored once, numbered in order of first appearance; the hits refer
    // to it by number.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut hits: Vec<Vec<Hit>> = Vec::new();
    let mut lens: Vec<u32> = Vec::with_capacity(docs.len());
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let runs: Vec<Vec<DocTerms>> = chunk
            .par_chunks(RUN)
            .map(|run| {
                let mut reader = Reader::default();
                run.iter().map(|d| reader.doc_terms(d)).collect()
            })
            .collect();
        for (k, dt) in runs.into_iter().flatten().enumerate() {
            let d = (c * CHUNK + k) as u32;
            lens.push(dt.len);
            for t in dt.terms {
                let term = &dt.arena[t.text.0 as usize..t.text.1 as usize];
                let id = match ids.get(term) {
                    Some(&id) => id,
                    None => {
                        let id = hits.len() as u32;
                        ids.insert(term.to_string(), id);
                        hits.push(Vec::new());
                        id
                    }
                };
                hits[id as usize].push((d, t.tf, t.unit, t.at));
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
    // Each document's length term of the BM25 denominator, computed once rather than per hit
    // (the same operations in the same order, so the same bits).
    let norms: Vec<f64> = docs
        .iter()
        .zip(&lens)
        .map(|(doc, len)| {
            let (sum, count) = sums[&doc.kind];
            let avg = (sum / count).max(1.0);
            let dl = f64::from(*len);
            K1 * (1.0 - B + B * dl / avg)
        })
        .collect();
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
                    let tf = f64::from(tf);
                    let score = idf * tf * (K1 + 1.0) / (tf + norms[doc as usize]);
                    Posting {
                        doc,
                        score: (score * 100.0).round().max(1.0) as u32,
                        unit,
                        at,
                    }
                })
                .collect();
            // Best first, ties by document: a total order (a document is in a list once), so
            // selecting the best TOP_K before sorting them gives the same list as a full sort.
            let order = |a: &Posting, b: &Posting| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc));
            if postings.len() > TOP_K {
                postings.select_nth_unstable_by(TOP_K, order);
                postings.truncate(TOP_K);
            }
            postings.sort_unstable_by(order);
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
