//! Notes stage, fuzzy matching: the passages of a long text most like a quote, with an edit
//! distance score, in time bounded by the quote's length rather than the text's square.
//!
//! Both strings are already folded ([`super::anchor`]: lowercase, punctuation and whitespace
//! runs as one space). The quote's words (three letters or more) are looked up in one pass over
//! the text; each occurrence votes for where the quote would start. Only the
//! [`MAX_WINDOWS`] best-voted places are aligned, each against a window a little longer than
//! the quote, with Sellers' algorithm (edit distance to the best-matching substring). A 5 MB
//! article costs one linear scan plus at most `MAX_WINDOWS × quote²` steps.

use std::collections::HashMap;
use std::ops::Range;

/// Places aligned per quote: enough for a quote whose words recur, few enough to stay fast.
pub const MAX_WINDOWS: usize = 16;

/// Occurrences kept per quote word: a word this common ("the") says little about where the
/// quote is, and the rarer words still vote.
const MAX_OCCURRENCES: usize = 4096;

/// A passage like the quote: byte range in the folded text, and its similarity in 0..=1
/// (1 − edit distance / longer length, in characters).
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// Similarity to the quote.
    pub score: f64,
}

/// The passages of `text` most like `quote`, best first, never overlapping one another.
/// Empty when the quote is shorter than four characters or shares no word with the text.
pub fn search(text: &str, quote: &str) -> Vec<Hit> {
    let needle: Vec<char> = quote.chars().collect();
    if needle.len() < 4 || text.is_empty() {
        return Vec::new();
    }
    let words = words_of(quote);
    let keep: Vec<&(usize, &str)> = match words.iter().any(|(_, w)| w.chars().count() >= 3) {
        true => words
            .iter()
            .filter(|(_, w)| w.chars().count() >= 3)
            .collect(),
        false => words.iter().collect(),
    };
    let mut occurrences: HashMap<&str, Vec<usize>> =
        keep.iter().map(|(_, w)| (*w, Vec::new())).collect();
    for (at, word) in words_of(text) {
        if let Some(list) = occurrences.get_mut(word) {
            if list.len() < MAX_OCCURRENCES {
                list.push(at);
            }
        }
    }
    let bucket = (quote.len() / 4).max(16) as i64;
    let mut votes: HashMap<i64, u32> = HashMap::new();
    for (offset, word) in keep {
        for &at in &occurrences[word] {
            let start = at as i64 - *offset as i64;
            *votes.entry(start.div_euclid(bucket)).or_default() += 1;
        }
    }
    let mut places: Vec<(i64, u32)> = votes.into_iter().collect();
    places.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    places.truncate(MAX_WINDOWS);
    let slack = (quote.len() / 3 + 8) as i64;
    let mut hits: Vec<Hit> = places
        .into_iter()
        .filter_map(|(b, _)| {
            let from = floor(text, (b * bucket - slack).max(0) as usize);
            let to = floor(
                text,
                ((b + 1) * bucket + quote.len() as i64 + slack) as usize,
            );
            align(&needle, text, from..to)
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.range.start.cmp(&b.range.start))
    });
    let mut kept: Vec<Hit> = Vec::new();
    for h in hits {
        let overlaps = kept
            .iter()
            .any(|k| h.range.start < k.range.end && k.range.start < h.range.end);
        if !overlaps {
            kept.push(h);
        }
    }
    kept
}

/// Words separated by single spaces (the folded form), with their byte offsets.
fn words_of(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for w in s.split(' ') {
        if !w.is_empty() {
            out.push((at, w));
        }
        at += w.len() + 1;
    }
    out
}

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sellers' algorithm: the substring of `text[window]` with the least edit distance to
/// `needle` (ties: the earliest end, then the diagonal), as a [`Hit`] in bytes of `text`.
fn align(needle: &[char], text: &str, window: Range<usize>) -> Option<Hit> {
    let hay: Vec<(usize, char)> = text[window.clone()].char_indices().collect();
    if hay.is_empty() {
        return None;
    }
    let (m, n) = (needle.len(), hay.len());
    // Row i holds, for each end j, the distance and the start of the best alignment.
    let mut prev: Vec<(usize, usize)> = (0..=n).map(|j| (0, j)).collect();
    let mut cur = vec![(0usize, 0usize); n + 1];
    for (i, &c) in needle.iter().enumerate() {
        cur[0] = (i + 1, 0);
        for j in 1..=n {
            let diag = (
                prev[j - 1].0 + usize::from(hay[j - 1].1 != c),
                prev[j - 1].1,
            );
            let up = (prev[j].0 + 1, prev[j].1);
            let left = (cur[j - 1].0 + 1, cur[j - 1].1);
            let mut best = diag;
            if up.0 < best.0 {
                best = up;
            }
            if left.0 < best.0 {
                best = left;
            }
            cur[j] = best;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (end, &(dist, start)) = prev
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|(j, (d, _))| (*d, *j))?;
    let len = end - start;
    if len == 0 {
        return None;
    }
    let score = 1.0 - dist as f64 / m.max(len) as f64;
    let byte = |j: usize| {
        window.start
            + if j < n {
                hay[j].0
            } else {
                window.end - window.start
            }
    };
    Some(Hit {
        range: byte(start)..byte(end),
        score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_an_edited_passage() {
        let text = "some words first then the supreme court removed the taliban from its list and more words after";
        let hits = search(text, "the supreme court struck the taliban from its list");
        let best = &hits[0];
        assert!(best.score > 0.8 && best.score < 1.0, "{hits:?}");
        assert!(text[best.range.clone()].starts_with("the supreme court"));
        assert!(text[best.range.clone()].ends_with("its list"));
    }

    #[test]
    fn exact_text_scores_one() {
        let hits = search("aa bb the quick brown fox cc", "quick brown fox");
        assert_eq!(hits[0].score, 1.0);
        assert_eq!(hits[0].range, 10..25);
    }

    #[test]
    fn nothing_shared_is_no_hit() {
        assert!(search("alpha beta gamma", "delta epsilon").is_empty());
        assert!(search("alpha", "ab").is_empty());
    }

    #[test]
    fn multibyte_text_stays_on_char_boundaries() {
        let text = "über die größte zürcher straße läuft ein mann";
        let hits = search(text, "größte zurcher strasse");
        let r = hits[0].range.clone();
        assert!(text.get(r.clone()).is_some());
        assert!(text[r].contains("zürcher"));
    }

    #[test]
    fn work_is_bounded_on_a_long_text() {
        // A long text where every word of the quote is common: only MAX_WINDOWS places are aligned.
        let text = "the taliban and the court ".repeat(100_000);
        let started = std::time::Instant::now();
        let hits = search(
            &text,
            "the court removed the taliban from the list of terrorist groups",
        );
        assert!(!hits.is_empty());
        assert!(started.elapsed().as_secs() < 20);
    }
}
