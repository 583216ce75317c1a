//! The bare-month recogniser's matches ("in June", "since early March", "the October
//! slaying"), found from the month names the cue scan has seen instead of by a regex.
//!
//! The recogniser was the regex
//! `\b(?P<pre>[A-Za-z]+)[\s-]+(?P<hit>(?:(?i:early|late|mid)[\s-]+)?(?P<mon>FULL))\b` (ASCII
//! word boundaries, FULL the capitalised month names), searched around every month name: in a
//! text full of dates it cost more than any other. Every match ends at a month name with the
//! word before it, or the word before a position word before it, as its `pre`; so those words
//! are the only places a match can start, and [`bare_months`] tries them in text order as the
//! regex's leftmost-first search does. The test `scan_is_the_regex` holds the two together.

use std::ops::Range;

use super::words::MONTHS_LOWER;

/// One match: the word before (`pre`), the mention (`hit`: an optional position word and the
/// month) and the month name (`mon`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct BareMonth {
    pub pre: Range<usize>,
    pub hit: Range<usize>,
    pub mon: Range<usize>,
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `c` is in `[\s-]`.
fn gap(c: char) -> bool {
    c.is_whitespace() || c == '-'
}

/// The length of the capitalised full month name at `at` followed by a word boundary.
fn full_month_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.as_bytes().get(at..)?;
    MONTHS_LOWER.iter().find_map(|m| {
        let m = m.as_bytes();
        let head = rest.get(..m.len())?;
        let spelled = head[0] == m[0].to_ascii_uppercase() && head[1..] == m[1..];
        (spelled && !rest.get(m.len()).copied().is_some_and(word_byte)).then_some(m.len())
    })
}

/// Where every full month name of `text` starts, for a paragraph the cue scan stood aside
/// from.
pub(super) fn full_months(text: &str) -> impl Iterator<Item = usize> + '_ {
    (0..text.len()).filter(move |&i| text.is_char_boundary(i) && full_month_at(text, i).is_some())
}

/// The end of the run of `[\s-]` starting at `at` (`at` itself when there is none).
fn gap_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !gap(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// The word of ASCII letters that ends right before the run of `[\s-]` ending at `at`, when
/// a word boundary starts it: the only `[A-Za-z]+` a match's `pre` can be there.
fn word_before_gap(text: &str, at: usize) -> Option<Range<usize>> {
    let head = &text[..at];
    let trimmed = head.trim_end_matches(gap);
    if trimmed.len() == head.len() {
        return None;
    }
    let bytes = trimmed.as_bytes();
    let start = bytes
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let bounded = start == 0 || !word_byte(bytes[start - 1]);
    (start < bytes.len() && bounded).then_some(start..bytes.len())
}

/// Whether a position word ("early", "late", "mid", any case) starts at `at`, with its length.
fn position_word_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.as_bytes().get(at..)?;
    ["early", "late", "mid"].iter().find_map(|w| {
        let head = rest.get(..w.len())?;
        head.eq_ignore_ascii_case(w.as_bytes()).then_some(w.len())
    })
}

/// The match that starts at `s`, a word start, if any: the regex's `pre` word, its gap,
/// then a position word, a gap and a month, or else a month.
fn match_at(text: &str, s: usize) -> Option<BareMonth> {
    let pre_end = text[s..]
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .map_or(text.len(), |n| s + n);
    let second = gap_end(text, pre_end);
    if pre_end == s || second == pre_end {
        return None;
    }
    let positioned = position_word_at(text, second).and_then(|n| {
        let month = gap_end(text, second + n);
        let len = (month > second + n).then(|| full_month_at(text, month))??;
        Some((month, len))
    });
    let (month, len) = match positioned {
        Some(found) => found,
        None => (second, full_month_at(text, second)?),
    };
    Some(BareMonth {
        pre: s..pre_end,
        hit: second..month + len,
        mon: month..month + len,
    })
}

/// The bare-month matches of `text`, in order and disjoint, given where its month names can
/// start (ascending; every full month name that starts a word must be among them).
pub(super) fn bare_months(text: &str, month_starts: &[usize]) -> Vec<BareMonth> {
    let mut starts = Vec::new();
    for &at in month_starts {
        if full_month_at(text, at).is_none() {
            continue;
        }
        let Some(before) = word_before_gap(text, at) else {
            continue;
        };
        starts.push(before.start);
        if position_word_at(text, before.start) == Some(before.len()) {
            if let Some(pre) = word_before_gap(text, before.start) {
                starts.push(pre.start);
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<BareMonth> = Vec::new();
    for s in starts {
        if out.last().is_some_and(|m| s < m.hit.end) {
            continue;
        }
        if let Some(m) = match_at(text, s) {
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::dates::words::MONTH_FULL;
    use regex::Regex;

    fn scan(text: &str) -> Vec<BareMonth> {
        bare_months(text, &full_months(text).collect::<Vec<_>>())
    }

    #[test]
    fn finds_months_after_a_word() {
        let t = "in June, since early March, the October slaying, until mid-May and June July";
        let hits: Vec<&str> = scan(t).iter().map(|m| &t[m.hit.clone()]).collect();
        assert_eq!(hits, ["June", "early March", "October", "mid-May", "June"]);
        // No word before, a word glued to a digit, an abbreviation, a longer word.
        assert!(scan("June came. x1 June, in Jun. 5, in Junebug").is_empty());
    }

    #[test]
    fn scan_is_the_regex() {
        let re = Regex::new(&format!(
            r"(?-u:\b)(?P<pre>[A-Za-z]+)[\s-]+(?P<hit>(?:(?i:early|late|mid)[\s-]+)?(?P<mon>{MONTH_FULL}))(?-u:\b)"
        ))
        .expect("regex");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = [
            "in early June and late July, from mid-August to mid September, early early May",
            "x1 June, éin June, (in June), in\u{a0}June, in - June, the May's, Jean-Pierre June",
            "June early July, in late Junebug, in EARLY March_, in Mid-March, in March2",
        ]
        .map(String::from)
        .to_vec();
        for dir in ["fuzz/corpus/dates", "seeds"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("corpus folder") {
                let bytes = std::fs::read(entry.expect("entry").path()).expect("readable");
                texts.extend(
                    String::from_utf8_lossy(&bytes)
                        .split('\n')
                        .map(String::from),
                );
            }
        }
        for t in texts {
            let want: Vec<BareMonth> = re
                .captures_iter(&t)
                .map(|c| BareMonth {
                    pre: c.name("pre").expect("pre").range(),
                    hit: c.name("hit").expect("hit").range(),
                    mon: c.name("mon").expect("mon").range(),
                })
                .collect();
            assert_eq!(scan(&t), want, "{t:?}");
        }
    }
}
