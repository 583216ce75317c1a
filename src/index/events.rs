//! Events: date mentions from different articles that report the same happening, grouped so
//! the timeline can show one event with every source's words — and say so when the sources
//! give different dates for it.
//!
//! Grouping comes from the text alone: the content words of each entry's sentence (lowercased,
//! lightly stemmed, stopwords and date words left out) plus the actors it names, weighted by
//! rarity over all timeline sentences, compared by cosine similarity. Only pairs that share a
//! rare word are ever scored, so the cost grows with the corpus, not with its square.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::TimelineEntry;
use crate::annotate::dates::{Precision, Timex};
use crate::ids::{ArticleIx, EntryIx, MentionRef, TiSlice, TiVec};
use crate::model::Article;

/// Similarity two entries with compatible dates need to count as one event.
pub const SAME_EVENT: f64 = 0.18;
/// Stricter similarity for entries whose dates disagree: only near-identical content makes a
/// disagreement between sources rather than two events.
pub const DISAGREEING_EVENT: f64 = 0.22;
/// Words in more entries than this carry no evidence of a shared event, and scanning their
/// postings would make candidate generation quadratic.
const MAX_POSTINGS: usize = 200;
/// Only an entry's rarest words look for candidates (prefix filtering): a pair that shares none
/// of them cannot reach the thresholds in practice, and it bounds the work per entry.
const PREFIX: usize = 6;
/// Most members one event may have, so its block on the timeline stays bounded.
pub const MAX_MEMBERS: usize = 12;
/// Sources that disagree on a date are rarely more than a year apart; events further apart are
/// different events however alike their words (listing in 2003, delisting in 2024).
const MAX_GAP_DAYS: i64 = 372;

/// Several timeline entries, from at least two articles, that report one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Timeline entry indices, in timeline order; the first is where the event is shown.
    pub members: Vec<EntryIx>,
    /// Whether every pair of member dates is compatible (one contains the other).
    pub dates_agree: bool,
}

/// The events of a timeline, and for each entry the event it belongs to.
#[derive(Debug, Default)]
pub struct Events {
    /// Events in timeline order of their first member.
    pub list: Vec<Event>,
    /// Per timeline entry: index into `list`, when the entry belongs to an event.
    pub of_entry: TiVec<EntryIx, Option<usize>>,
}

/// How two dates relate, the basis for grouping across sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRelation {
    /// One contains the other (2025 ⊇ 2025-04 ⊇ 2025-04-17), or they are equal.
    Compatible,
    /// Neither contains the other; the gap between them in days (0 when they overlap).
    Disagree(i64),
}

/// The span of a date as (first, last) day on a 31-day-month calendar: exact enough for
/// containment and for gaps measured in months.
fn span(t: &Timex) -> (i64, i64) {
    let y = i64::from(t.year());
    let m = i64::from(t.month().unwrap_or(1)) - 1;
    let d = i64::from(t.day().unwrap_or(1)) - 1;
    let start = y * 372 + m * 31 + d;
    let len = match t.precision() {
        Precision::Century => 100 * 372,
        Precision::Decade => 10 * 372,
        Precision::Year => 372,
        Precision::Month => 31,
        Precision::Day => 1,
    };
    (start, start + len - 1)
}

/// Compares two dates: compatible when one contains the other, otherwise how far apart.
pub fn relation(a: &Timex, b: &Timex) -> DateRelation {
    let (a0, a1) = span(a);
    let (b0, b1) = span(b);
    if (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1) {
        DateRelation::Compatible
    } else {
        DateRelation::Disagree(((b0 - a1).max(a0 - b1) - 1).max(0))
    }
}

/// One entry's weighted feature vector: (feature id, weight), sorted by feature id.
/// Cosine similarity of two entries' feature sets (sorted ids), each feature weighted by
/// `weights`; `norms` are the entries' vector lengths. Weights live once per feature rather
/// than in every entry's vector: at 10,000 articles that was 150 MB of copies.
fn cosine(a: &[u32], b: &[u32], weights: &[f64], norms: (f64, f64)) -> f64 {
    if norms.0 == 0.0 || norms.1 == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = weights[a[i] as usize];
                dot += w * w;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (norms.0 * norms.1)
}

/// The features of every entry (its event words, `annotate::event_words`), as ids numbered by
/// first appearance in timeline order, so the ids (and everything downstream) are the same
/// whatever the thread count; decades have none because they name eras, not events.
fn features(
    articles: &TiSlice<ArticleIx, Article>,
    timeline: &[TimelineEntry],
) -> (Vec<Vec<u32>>, usize) {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let features = timeline
        .iter()
        .map(|entry| {
            let MentionRef { article, mention } = entry.at;
            let words = articles[article].event_words.of(mention.get());
            let mut fs: Vec<u32> = words
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect();
            fs.sort_unstable();
            fs.dedup();
            fs
        })
        .collect();
    (features, ids.len())
}

/// Disjoint groups of entries, merged strongest pair first.
struct Groups {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut at = x;
        while self.parent[at] != root {
            let next = self.parent[at];
            self.parent[at] = root;
            at = next;
        }
        root
    }
}

/// Groups the timeline's entries into events; deterministic for the same timeline.
pub fn group(
    articles: &TiSlice<ArticleIx, Article>,
    timeline: &TiSlice<EntryIx, TimelineEntry>,
) -> Events {
    // The grouping works on plain positions; they become `EntryIx` in the result.
    let timeline = &timeline.raw;
    let n = timeline.len();
    let (features, vocabulary) = features(articles, timeline);
    let mut df = vec![0usize; vocabulary];
    for fs in &features {
        for &f in fs {
            df[f as usize] += 1;
        }
    }
    let weights: Vec<f64> = df
        .iter()
        .map(|&d| (1.0 + n as f64 / d.max(1) as f64).ln())
        .collect();
    let norms: Vec<f64> = features
        .iter()
        .map(|fs| {
            fs.iter()
                .map(|&f| weights[f as usize] * weights[f as usize])
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
    for (t, fs) in features.iter().enumerate() {
        for &f in fs {
            let d = df[f as usize];
            if (2..=MAX_POSTINGS).contains(&d) {
                postings[f as usize].push(t as u32);
            }
        }
    }
    let spans: Vec<(i64, i64)> = timeline.iter().map(|e| span(&e.timex)).collect();
    let scoring = Scoring {
        timeline,
        features: &features,
        df: &df,
        weights: &weights,
        norms: &norms,
        postings: &postings,
        spans: &spans,
    };
    // Each entry finds its edges on its own: in parallel, in blocks whose results are joined in
    // entry order (the sort below fixes the order anyway).
    let mut edges: Vec<(f64, usize, usize)> = (0..n)
        .into_par_iter()
        .with_min_len(1024)
        .fold(Vec::new, |mut edges, i| {
            scoring.edges_of(i, &mut edges);
            edges
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut groups = Groups {
        parent: (0..n).collect(),
        members: (0..n).map(|t| vec![t]).collect(),
    };
    for (score, i, j) in edges {
        let (x, y) = (groups.find(i), groups.find(j));
        if x == y || !may_merge(timeline, &groups.members[x], &groups.members[y], score) {
            continue;
        }
        let moved = std::mem::take(&mut groups.members[y]);
        groups.members[x].extend(moved);
        groups.parent[y] = x;
    }
    let mut list: Vec<Event> = groups
        .members
        .into_iter()
        .filter(|m| m.len() > 1)
        .map(|mut members| {
            members.sort_unstable();
            let dates_agree = members.iter().enumerate().all(|(k, &a)| {
                members[k + 1..].iter().all(|&b| {
                    relation(&timeline[a].timex, &timeline[b].timex) == DateRelation::Compatible
                })
            });
            Event {
                members: members.into_iter().map(EntryIx::from).collect(),
                dates_agree,
            }
        })
        .collect();
    list.sort_by_key(|e| e.members[0]);
    let mut of_entry: TiVec<EntryIx, Option<usize>> = vec![None; n].into();
    for (e, event) in list.iter().enumerate() {
        for &t in &event.members {
            of_entry[t] = Some(e);
        }
    }
    Events { list, of_entry }
}

/// What scoring a candidate pair needs, shared read-only by the threads that find edges.
struct Scoring<'a> {
    timeline: &'a [TimelineEntry],
    features: &'a [Vec<u32>],
    df: &'a [usize],
    weights: &'a [f64],
    norms: &'a [f64],
    postings: &'a [Vec<u32>],
    spans: &'a [(i64, i64)],
}

impl Scoring<'_> {
    /// Appends to `edges` entry `i`'s edges to later entries that pass the thresholds: the
    /// candidates are those sharing one of its rarest words and near enough in time.
    fn edges_of(&self, i: usize, edges: &mut Vec<(f64, usize, usize)>) {
        let (timeline, features, df) = (self.timeline, self.features, self.df);
        let mut rare: Vec<u32> = features[i]
            .iter()
            .copied()
            .filter(|&f| (2..=MAX_POSTINGS).contains(&df[f as usize]))
            .collect();
        rare.sort_by_key(|&f| (df[f as usize], f));
        let mut candidates: Vec<u32> = Vec::new();
        for &f in rare.iter().take(PREFIX) {
            let list = &self.postings[f as usize];
            // Postings are in timeline order, which is date order: only later entries, and only
            // while they are near enough in time.
            let from = list.partition_point(|&j| (j as usize) <= i);
            for &j in &list[from..] {
                if self.spans[j as usize].0 - self.spans[i].1 > MAX_GAP_DAYS {
                    break;
                }
                candidates.push(j);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &j in &candidates {
            let j = j as usize;
            if timeline[i].at.article == timeline[j].at.article {
                continue;
            }
            let norms = (self.norms[i], self.norms[j]);
            let score = cosine(&features[i], &features[j], self.weights, norms);
            let needed = match relation(&timeline[i].timex, &timeline[j].timex) {
                DateRelation::Compatible => SAME_EVENT,
                DateRelation::Disagree(gap) if gap <= MAX_GAP_DAYS => DISAGREEING_EVENT,
                DateRelation::Disagree(_) => continue,
            };
            if score >= needed {
                edges.push((score, i, j));
            }
        }
    }
}

/// Whether two groups may become one event through an edge of similarity `score`: bounded in
/// size, never two disagreeing dates from one article (an article does not contradict itself;
/// two dates in it are two events), and every disagreement across them near in time and
/// justified by the strict threshold.
fn may_merge(timeline: &[TimelineEntry], x: &[usize], y: &[usize], score: f64) -> bool {
    if x.len() + y.len() > MAX_MEMBERS {
        return false;
    }
    x.iter().all(|&a| {
        y.iter().all(
            |&b| match relation(&timeline[a].timex, &timeline[b].timex) {
                DateRelation::Compatible => true,
                DateRelation::Disagree(gap) => {
                    timeline[a].at.article != timeline[b].at.article
                        && gap <= MAX_GAP_DAYS
                        && score >= DISAGREEING_EVENT
                }
            },
        )
    })
}

#[cfg(test)]
mod tests;
