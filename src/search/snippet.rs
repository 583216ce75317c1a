//! Search, excerpts: the sentence around a term's first occurrence, cut to about
//! [`MAX_CHARS`] at word boundaries, stored with the posting so a result shows its context
//! without loading the article.

use std::ops::Range;

use crate::annotate::sentences::sentences;

/// Longest excerpt, in characters, ellipses included.
pub const MAX_CHARS: usize = 160;
/// Characters kept before the word when the sentence has to be cut.
const LEAD: usize = 50;

/// The excerpt for the word at byte range `at` of `text`.
#[cfg(test)]
pub fn excerpt(text: &str, at: (usize, usize)) -> String {
    excerpt_in(text, &sentences(text), at)
}

/// Sentence ranges of unit texts, kept because one paragraph gives the excerpts of many terms'
/// postings and splitting it into sentences costs more than cutting the excerpt. Only texts
/// longer than an excerpt are kept: a timeline sentence is split again for little.
#[derive(Default)]
pub struct Sentences(rustc_hash::FxHashMap<(u32, u32), Vec<Range<usize>>>);

impl Sentences {
    /// The excerpt for the word at byte range `at` of `text`, unit `unit` of document `doc`.
    pub fn excerpt(&mut self, doc: u32, unit: u32, text: &str, at: (usize, usize)) -> String {
        if text.len() <= MAX_CHARS {
            return excerpt_in(text, &sentences(text), at);
        }
        let ranges = self.0.entry((doc, unit)).or_insert_with(|| sentences(text));
        excerpt_in(text, ranges, at)
    }
}

/// The excerpt for the word at byte range `at` of `text`, whose sentences are `sentences`.
fn excerpt_in(text: &str, sentences: &[Range<usize>], at: (usize, usize)) -> String {
    let sentence = sentences
        .iter()
        .find(|r| r.start <= at.0 && at.0 < r.end.max(r.start + 1))
        .cloned()
        .unwrap_or(0..text.len());
    let s = &text[sentence.clone()];
    if s.chars().count() <= MAX_CHARS {
        return s.to_string();
    }
    let word = at.0.saturating_sub(sentence.start).min(s.len());
    let before = &s[..word];
    let lead: String = {
        let n = before.chars().count();
        if n <= LEAD {
            before.to_string()
        } else {
            let cut: String = before.chars().skip(n - LEAD).collect();
            let cut = cut.split_once(' ').map_or(cut.as_str(), |(_, rest)| rest);
            format!("…{cut}")
        }
    };
    let room = MAX_CHARS.saturating_sub(lead.chars().count() + 1);
    let after = &s[word..];
    let tail: String = if after.chars().count() <= room + 1 {
        after.to_string()
    } else {
        let cut: String = after.chars().take(room).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
    };
    format!("{lead}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentence_is_kept_whole() {
        let text = "First one. The Haqqani Network met envoys. Third.";
        let at = text.find("Haqqani").unwrap();
        assert_eq!(
            excerpt(text, (at, at + 7)),
            "The Haqqani Network met envoys."
        );
    }

    #[test]
    fn long_sentence_is_cut_around_the_word() {
        let text = format!("{} Najibullah {}", "word ".repeat(40), "more ".repeat(40));
        let at = text.find("Najibullah").unwrap();
        let e = excerpt(&text, (at, at + 10));
        assert!(e.contains("Najibullah"), "{e}");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.chars().count() <= MAX_CHARS, "{}", e.chars().count());
    }
}
