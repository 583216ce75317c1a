//! Search, ranking: an inverted index with Okapi BM25 scores from whole-corpus statistics.
//!
//! Scores are computed here, once, because the client only ever sees the few shards a query
//! needs and so cannot know the corpus-wide document frequencies BM25 depends on. Each list
//! keeps only its best [`TOP_K`] postings: a reader looks at the top results, and the cap is
//! what bounds the bytes one query loads at any corpus size.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use super::docs::{Corpus, Kind, Unit};
use super::memo::{Memo, Record};
use super::stem::Keys;
use super::tokenize::{count_terms, for_each_term};

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

/// One term of a document: its text's range in its run's arena, its hash (computed once, on
/// the reading thread, and used again by the merge), boosted frequency, unit and byte range of
/// the occurrence an excerpt is cut from, and whether that unit is shown.
#[derive(Clone, Copy)]
struct Term {
    text: (u32, u32),
    hash: u64,
    tf: u32,
    unit: u32,
    at: (u32, u32),
    shown: bool,
}

/// What a run of consecutive documents contributes: per document, per distinct term (in no
/// particular order), boosted frequency and first occurrence. The whole run's terms share one
/// string and one list, so a run of documents costs three allocations.
struct RunTerms {
    arena: String,
    terms: Vec<Term>,
    /// Per document, the end of its terms in `terms` (they start where the previous end).
    ends: Vec<u32>,
}

/// Units at most this long are remembered with their terms ([`UnitCache`]) when they were
/// built for the read: a date label or an actor's kind repeats from one document to the next, a
/// paragraph practically never, and remembering it would only copy it. Units borrowed from the
/// input are remembered whatever their length, by address.
const CACHED_UNIT: usize = 64;

/// Which text a [`UnitCache`] holds the terms of.
#[derive(Default, PartialEq, Eq)]
enum CacheKey {
    /// None yet.
    #[default]
    Empty,
    /// A text borrowed from the input, by address and length: the input outlives the index,
    /// so the same address and length are the same text. A timeline entry's sentence is
    /// shared by every date in it, and the entries are read in mention order.
    Borrowed(usize, usize),
    /// A short text built for the read, by value (held in [`UnitCache::text`]).
    Owned,
}

/// The terms of the last unit read at one position of a document, in order, with their words'
/// byte ranges, so that a unit repeated by the next document is tokenised once.
#[derive(Default)]
struct UnitCache {
    key: CacheKey,
    /// The text, when `key` is [`CacheKey::Owned`].
    text: String,
    /// The terms one after another.
    arena: String,
    /// Per token: end of its term in `arena` (it starts where the previous one ends), start
    /// and end of its word in the text, and the term's hash.
    tokens: Vec<(u32, u32, u32, u64)>,
}

impl UnitCache {
    /// Makes the cache hold `text`'s terms, tokenising it unless it already does; false (and
    /// nothing done) if `text` is not worth remembering. `borrowed`: whether `text` is borrowed
    /// from the input, which makes its address stand for it.
    fn read(&mut self, text: &str, borrowed: bool, keys: &mut Keys) -> bool {
        let key = if borrowed {
            CacheKey::Borrowed(text.as_ptr() as usize, text.len())
        } else if text.len() <= CACHED_UNIT {
            CacheKey::Owned
        } else {
            return false;
        };
        if key == self.key && (key != CacheKey::Owned || self.text == text) {
            return true;
        }
        self.arena.clear();
        self.tokens.clear();
        for_each_term(text, |term, start, end| {
            let term = keys.key(term);
            self.arena.push_str(term);
            let hash = FxBuildHasher.hash_one(term);
            self.tokens
                .push((self.arena.len() as u32, start as u32, end as u32, hash));
        });
        self.text.clear();
        if key == CacheKey::Owned {
            self.text.push_str(text);
        }
        self.key = key;
        true
    }
}

/// The run being read: its terms so far, and the current document's terms by text.
#[derive(Default)]
struct RunBuilder {
    /// Indices into `terms` (of the current document only), hashed by term text.
    table: HashTable<u32>,
    arena: String,
    terms: Vec<Term>,
    ends: Vec<u32>,
}

impl RunBuilder {
    /// Counts one occurrence of `term` (whose hash is `hash`) in unit `u` of the current
    /// document, at byte range `at`.
    #[inline(always)]
    fn add(&mut self, term: &str, hash: u64, u: u32, unit: &Unit, at: (u32, u32)) {
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
                    hash,
                    tf: 0,
                    unit: u,
                    at,
                    shown: unit.show,
                });
                let i = self.terms.len() - 1;
                let terms = &self.terms;
                self.table
                    .insert_unique(hash, i as u32, |&j| terms[j as usize].hash);
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

    /// Adds a kept document's terms as the current document, and ends it.
    fn add_kept(&mut self, record: &Record) {
        let (arena, terms) = (&mut self.arena, &mut self.terms);
        super::memo::unpack(&record.packed, |text, tf, unit, at, shown| {
            let from = arena.len() as u32;
            arena.push_str(text);
            terms.push(Term {
                text: (from, arena.len() as u32),
                hash: FxBuildHasher.hash_one(text),
                tf,
                unit,
                at,
                shown,
            });
        });
        self.end_doc();
    }

    /// Ends the current document.
    fn end_doc(&mut self) {
        self.table.clear();
        self.ends.push(self.terms.len() as u32);
    }
}

/// Per-thread buffers for reading a run of documents one after another.
#[derive(Default)]
struct Reader {
    /// One per unit position: a timeline entry's sentence, then its date label.
    units: Vec<UnitCache>,
    run: RunBuilder,
    keys: Keys,
}

impl Reader {
    /// Reads one document's units into the run.
    fn doc_terms(&mut self, units: &[Unit]) {
        for (u, unit) in units.iter().enumerate() {
            let number = u as u32;
            if self.units.len() <= u {
                self.units.resize_with(u + 1, UnitCache::default);
            }
            let cache = &mut self.units[u];
            if !cache.read(
                &unit.text,
                matches!(unit.text, Cow::Borrowed(_)),
                &mut self.keys,
            ) {
                let (run, keys) = (&mut self.run, &mut self.keys);
                for_each_term(&unit.text, |term, start, end| {
                    let term = keys.key(term);
                    let hash = FxBuildHasher.hash_one(term);
                    run.add(term, hash, number, unit, (start as u32, end as u32));
                });
                continue;
            }
            let mut from = 0;
            for &(to, start, end, hash) in &cache.tokens {
                let term = &cache.arena[from as usize..to as usize];
                from = to;
                self.run.add(term, hash, number, unit, (start, end));
            }
        }
        self.run.end_doc();
    }

    /// The run's terms, document by document.
    fn finish(self) -> RunTerms {
        self.keys.give_back();
        RunTerms {
            arena: self.run.arena,
            terms: self.run.terms,
            ends: self.run.ends,
        }
    }
}

/// A posting that may make its term's list: everything the final score and the excerpt need.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    /// The BM25 score without its idf factor, which is the same for every posting of a term
    /// and so cannot change their order; the idf needs the document frequency, known last.
    weight: f64,
    doc: u32,
    tf: u32,
    unit: u32,
    at: (u32, u32),
}

/// Worse is greater, so that a max-heap keeps the worst kept posting on top: lower weight,
/// then (equal weights) higher document number.
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .weight
            .total_cmp(&self.weight)
            .then(self.doc.cmp(&other.doc))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// Postings kept per term beyond [`TOP_K`] while the corpus is read. The lists are cut by
/// rounded score, ties by document, as they always were; while reading, only the exact score
/// is known (the idf comes last), and postings whose exact scores differ can round to the same
/// integer. The spare places keep such near-ties so that the final cut nearly always matches a
/// cut over every posting; only a group of more than this many equal rounded scores straddling
/// the cut can still differ, and then only in which of the tied documents make the list.
const SLACK: usize = TOP_K;

/// One term while the corpus is read: how many documents have it and its best postings so far,
/// [`TOP_K`] plus [`SLACK`] of them. Bounded, unlike every posting of every term, which
/// on a large corpus is millions of entries held until the end.
#[derive(Default)]
struct List {
    df: u32,
    /// Once `best` is full, the document of its worst candidate, which a new one must beat.
    floor_doc: u32,
    /// Once `best` is full, the weight of its worst candidate. Kept here, beside `df`, so that
    /// the many postings of a common term that do not make its list are turned away without
    /// reading the heap, which is elsewhere in memory.
    floor_weight: f64,
    best: BinaryHeap<Candidate>,
}

impl List {
    fn offer(&mut self, c: Candidate) {
        const FULL: usize = TOP_K + SLACK;
        self.df += 1;
        if self.best.len() < FULL {
            self.best.push(c);
        } else {
            // `c < worst` in the order of [`Candidate`].
            let beats = self
                .floor_weight
                .total_cmp(&c.weight)
                .then(c.doc.cmp(&self.floor_doc))
                .is_lt();
            if !beats {
                return;
            }
            if let Some(mut worst) = self.best.peek_mut() {
                *worst = c;
            }
        }
        if self.best.len() == FULL {
            if let Some(worst) = self.best.peek() {
                (self.floor_weight, self.floor_doc) = (worst.weight, worst.doc);
            }
        }
    }
}

/// Documents tokenised at a time: enough to keep both cores busy, few enough that the
/// per-document term lists never all sit in memory at once.
const CHUNK: usize = 1024;
/// Documents one thread reads in a row, reusing its buffers and its last unit's terms.
const RUN: usize = 64;

/// Calls `f` on runs of up to [`RUN`] consecutive document numbers of `order`, in parallel,
/// and returns the results in order.
fn par_runs<T: Send>(order: &[u32], f: impl Fn(&[u32]) -> T + Sync) -> Vec<T> {
    order.par_chunks(RUN).map(&f).collect()
}

/// Each document's length term of the BM25 denominator, `K1 · (1 − B + B · len / avg)`, where
/// the average is over documents of the same kind: a timeline sentence is not a short article.
/// The lengths are counted in a pass of their own because no posting can be scored before all
/// of them are known.
fn norms(docs: &impl Corpus, order: &[u32], kept: &Kept) -> (Vec<f64>, Vec<u32>) {
    let counted: Vec<Vec<u32>> = par_runs(order, |run| {
        let mut units = Vec::new();
        // Per unit position, the last text borrowed from the input and its count: the same
        // address and length are the same text (see `CacheKey::Borrowed`).
        let mut last: Vec<(usize, usize, u32)> = Vec::new();
        run.iter()
            .map(|&d| {
                if let Some(record) = kept.get(d) {
                    return record.len;
                }
                docs.units(d, &mut units);
                let mut len = 0;
                for (u, unit) in units.iter().enumerate() {
                    let Cow::Borrowed(text) = unit.text else {
                        len += count_terms(&unit.text);
                        continue;
                    };
                    let key = (text.as_ptr() as usize, text.len());
                    if last.len() <= u {
                        last.resize(u + 1, (0, 0, 0));
                    }
                    if (last[u].0, last[u].1) != key {
                        last[u] = (key.0, key.1, count_terms(text));
                    }
                    len += last[u].2;
                }
                len
            })
            .collect()
    });
    let mut lens = vec![0u32; docs.len()];
    for (&d, len) in order.iter().zip(counted.into_iter().flatten()) {
        lens[d as usize] = len;
    }
    let mut sums: BTreeMap<Kind, (f64, f64)> = BTreeMap::new();
    for (d, len) in lens.iter().enumerate() {
        let s = sums.entry(docs.kind(d as u32)).or_default();
        s.0 += f64::from(*len);
        s.1 += 1.0;
    }
    let norms = lens
        .iter()
        .enumerate()
        .map(|(d, len)| {
            let (sum, count) = sums[&docs.kind(d as u32)];
            let avg = (sum / count).max(1.0);
            let dl = f64::from(*len);
            K1 * (1.0 - B + B * dl / avg)
        })
        .collect();
    (norms, lens)
}

/// The memory of earlier builds, when there is one, with each document's key.
struct Kept<'m> {
    memo: Option<&'m Memo>,
    keys: &'m [Option<u128>],
}

impl Kept<'_> {
    fn get(&self, d: u32) -> Option<&Record> {
        let memo = self.memo?;
        memo.get(self.keys.get(d as usize).copied().flatten()?)
    }
}

/// The index: every term in byte order with its best postings, best first (ties by document),
/// read with the process's memory of earlier builds' documents when `serve` turned it on
/// ([`super::memo::keep_terms`]); see [`build_with`].
pub fn build(docs: &impl Corpus) -> Vec<(String, Vec<Posting>)> {
    let mut kept = super::memo::KEPT.lock().ok();
    build_with(docs, kept.as_mut().and_then(|k| k.as_mut()))
}

/// Adds to `memo` the documents of `chunk` (read as `runs`) that it does not hold yet.
fn remember(
    memo: &mut Memo,
    chunk: &[u32],
    runs: &[RunTerms],
    keys: &[Option<u128>],
    lens: &[u32],
) {
    let mut ds = chunk.iter().copied();
    for rt in runs {
        let mut from = 0;
        for (&to, d) in rt.ends.iter().zip(&mut ds) {
            let terms = &rt.terms[from as usize..to as usize];
            from = to;
            let Some(key) = keys[d as usize] else {
                continue;
            };
            if memo.get(key).is_some() {
                continue;
            }
            let packed = super::memo::pack(terms.iter().map(|t| {
                let text = &rt.arena[t.text.0 as usize..t.text.1 as usize];
                (text, t.tf, t.unit, t.at, t.shown)
            }));
            let record = Record {
                len: lens[d as usize],
                packed,
            };
            memo.insert(key, record);
        }
    }
}

/// The index of [`build`], from `docs` and, when given, the memory of earlier builds.
///
/// The corpus is read twice: once to count document lengths, then to score each posting as it
/// is read, keeping per term only its document frequency and best postings (a bounded number).
/// The lists are then cut by rounded score, ties by document, from those candidates (see
/// [`SLACK`] for the one way this can differ from a cut over every posting).
///
/// With `memo`, a document it holds is not read again, and every document read is added to
/// it; afterwards it holds this corpus's documents only.
pub fn build_with(docs: &impl Corpus, mut memo: Option<&mut Memo>) -> Vec<(String, Vec<Posting>)> {
    let order = docs.reading_order();
    let keys: Vec<Option<u128>> = match memo {
        Some(_) => (0..docs.len() as u32)
            .into_par_iter()
            .map(|d| docs.key(d))
            .collect(),
        None => Vec::new(),
    };
    let (norms, lens) = norms(
        docs,
        &order,
        &Kept {
            memo: memo.as_deref(),
            keys: &keys,
        },
    );
    // Each term's text is stored once, in `vocab`, numbered in order of first appearance; its
    // list is found by that number, through a table hashed with the hash its reader computed.
    let mut table: HashTable<u32> = HashTable::new();
    let mut vocab = String::new();
    let mut spans: Vec<(u32, u32)> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new();
    let mut lists: Vec<List> = Vec::new();
    for chunk in order.chunks(CHUNK) {
        let kept = Kept {
            memo: memo.as_deref(),
            keys: &keys,
        };
        let runs: Vec<RunTerms> = par_runs(chunk, |run| {
            let mut reader = Reader {
                keys: Keys::pooled(),
                ..Reader::default()
            };
            let mut units = Vec::new();
            for &d in run {
                if let Some(record) = kept.get(d) {
                    reader.run.add_kept(record);
                    continue;
                }
                docs.units(d, &mut units);
                reader.doc_terms(&units);
            }
            reader.finish()
        });
        if let Some(memo) = memo.as_deref_mut() {
            remember(memo, chunk, &runs, &keys, &lens);
        }
        let mut ds = chunk.iter().copied();
        for rt in runs {
            let mut from = 0;
            for (&to, d) in rt.ends.iter().zip(&mut ds) {
                let norm = norms[d as usize];
                for t in &rt.terms[from as usize..to as usize] {
                    let term = &rt.arena[t.text.0 as usize..t.text.1 as usize];
                    let found = table.find(t.hash, |&id| {
                        let (a, b) = spans[id as usize];
                        &vocab[a as usize..b as usize] == term
                    });
                    let id = match found {
                        Some(&id) => id,
                        None => {
                            let id = lists.len() as u32;
                            let a = vocab.len() as u32;
                            vocab.push_str(term);
                            spans.push((a, vocab.len() as u32));
                            hashes.push(t.hash);
                            lists.push(List::default());
                            table.insert_unique(t.hash, id, |&j| hashes[j as usize]);
                            id
                        }
                    };
                    let tf = f64::from(t.tf);
                    lists[id as usize].offer(Candidate {
                        weight: tf * (K1 + 1.0) / (tf + norm),
                        doc: d,
                        tf: t.tf,
                        unit: t.unit,
                        at: t.at,
                    });
                }
                from = to;
            }
        }
    }
    drop((table, hashes));
    if let Some(memo) = memo {
        memo.keep_only(&keys.iter().flatten().copied().collect());
    }
    let mut lists: Vec<(String, List)> = lists
        .into_iter()
        .zip(spans)
        .map(|(list, (a, b))| (vocab[a as usize..b as usize].to_string(), list))
        .collect();
    drop(vocab);
    lists.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let n = docs.len() as f64;
    lists
        .into_par_iter()
        .map(|(term, list)| {
            let df = f64::from(list.df);
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let mut postings: Vec<Posting> = list
                .best
                .into_iter()
                .map(|c| {
                    let tf = f64::from(c.tf);
                    let score = idf * tf * (K1 + 1.0) / (tf + norms[c.doc as usize]);
                    Posting {
                        doc: c.doc,
                        score: (score * 100.0).round().max(1.0) as u32,
                        unit: c.unit,
                        at: c.at,
                    }
                })
                .collect();
            // Best first, ties by document: a total order, as a document is in a list once.
            postings.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
            postings.truncate(TOP_K);
            (term, postings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents of one unit each, from plain strings.
    struct Texts(Vec<String>);

    impl Corpus for Texts {
        fn len(&self) -> usize {
            self.0.len()
        }

        fn kind(&self, _: u32) -> Kind {
            Kind::Article
        }

        fn units<'s>(&'s self, d: u32, out: &mut Vec<Unit<'s>>) {
            out.clear();
            out.push(Unit {
                text: self.0[d as usize].as_str().into(),
                anchor: "p1",
                boost: 1,
                show: true,
            });
        }
    }

    /// [`Texts`] whose documents are kept under a key of their text.
    struct Keyed(Texts);

    impl Corpus for Keyed {
        fn len(&self) -> usize {
            self.0.len()
        }

        fn kind(&self, d: u32) -> Kind {
            self.0.kind(d)
        }

        fn units<'s>(&'s self, d: u32, out: &mut Vec<Unit<'s>>) {
            self.0.units(d, out)
        }

        fn key(&self, d: u32) -> Option<u128> {
            // The last document is never kept, like an actor.
            let text = &self.0 .0[d as usize];
            (d as usize + 1 < self.0.len()).then(|| xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
        }
    }

    #[test]
    fn a_memory_of_earlier_builds_gives_the_same_index() {
        let texts = |edit: &str| {
            Keyed(Texts(
                (0..TOP_K * 2 + 5)
                    .map(|i| {
                        format!(
                            "talks in doha {} went on {edit}",
                            "round ".repeat(i % 7 + 1)
                        )
                    })
                    .chain([format!("an actor called doha {edit}")])
                    .collect(),
            ))
        };
        let mut memo = Memo::default();
        let first = texts("");
        assert_eq!(
            build_with(&first, Some(&mut memo)),
            build_with(&first, None)
        );
        assert_eq!(memo.len(), 7, "one record per distinct kept text");
        // Documents change: one gets a new word, which changes every score of its terms.
        let mut second = texts("");
        second.0 .0[3] = "talks in kabul went on and on".to_string();
        let second_memo = build_with(&second, Some(&mut memo));
        assert_eq!(second_memo, build_with(&second, None));
        assert_eq!(memo.len(), 8);
        let third = texts("again");
        assert_eq!(
            build_with(&third, Some(&mut memo)),
            build_with(&third, None)
        );
        assert_eq!(memo.len(), 7, "records of documents gone are forgotten");
    }

    #[test]
    fn more_mentions_rank_higher() {
        let filler = "talks went on in Doha over weeks";
        let docs = Texts(vec![
            format!("Najibullah spoke. {filler}."),
            format!("Najibullah, Najibullah and Najibullah. {filler}."),
            format!("Nobody else. {filler}."),
        ]);
        let index = build(&docs);
        let (_, list) = index.iter().find(|(t, _)| t == "najibullah").unwrap();
        assert_eq!(list.iter().map(|p| p.doc).collect::<Vec<_>>(), [1, 0]);
        assert!(list[0].score > list[1].score);
    }

    #[test]
    fn terms_are_sorted_and_lists_capped() {
        let docs = Texts(
            (0..TOP_K + 10)
                .map(|i| format!("common {}", "word ".repeat(i + 1)))
                .collect(),
        );
        let index = build(&docs);
        assert!(index.windows(2).all(|w| w[0].0 < w[1].0));
        let (_, list) = index.iter().find(|(t, _)| t == "common").unwrap();
        assert_eq!(list.len(), TOP_K);
        // The shortest documents score best; equal scores keep the lower document numbers.
        let mut docs: Vec<u32> = list.iter().map(|p| p.doc).collect();
        docs.sort_unstable();
        assert_eq!(docs, (0..TOP_K as u32).collect::<Vec<_>>());
    }

    #[test]
    fn equal_scores_keep_the_first_documents() {
        let docs = Texts(vec!["same words here".to_string(); TOP_K * 3]);
        let index = build(&docs);
        let (_, list) = index.iter().find(|(t, _)| t == "same").unwrap();
        let got: Vec<u32> = list.iter().map(|p| p.doc).collect();
        assert_eq!(got, (0..TOP_K as u32).collect::<Vec<_>>());
    }
}
