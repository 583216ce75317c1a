//! Quotes: words in quotation marks, or the clause after a saying verb and "that", attributed
//! to the person, organisation or actor that says them.
//!
//! The speaker is, in order: whoever follows "according to"; whoever follows "by" after the
//! verb ("hailed as a “bold decision” by Kabul"); the first person named before the verb, else
//! the first actor or organisation before it; else a name right after it ("said Putin").
//! Quotes with no verb of saying, or none to attribute them to, are not kept: scare quotes
//! ("Europe’s largest Muslim city") are no one's words.

use std::ops::Range;

use super::tokens::Tok;
use super::words::SAYING_VERBS;

/// Someone who can speak, as found in the paragraph.
#[derive(Clone, Debug)]
pub struct Voice {
    /// Byte range in the paragraph.
    pub range: Range<usize>,
    /// True for people, who win over organisations and states as the subject.
    pub person: bool,
    /// The caller's reference to it.
    pub id: usize,
}

/// One attributed quote in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteHit {
    /// The quoted words, marks excluded.
    pub range: Range<usize>,
    /// The `id` of the speaking [`Voice`].
    pub speaker: usize,
}

/// Attributed quotes of one paragraph, given its sentences and the voices named in it.
/// `toks` are the paragraph's [`tokens`](super::tokens::tokens), sorted by position.
pub fn find(
    text: &str,
    toks: &[Tok],
    sentences: &[Range<usize>],
    voices: &[Voice],
) -> Vec<QuoteHit> {
    let mut out = Vec::new();
    for s in sentences {
        // The sentence's words by binary search, not a scan of the paragraph per sentence.
        let from = toks.partition_point(|t| t.start < s.start);
        let to = toks.partition_point(|t| t.start < s.end);
        let in_sentence = &toks[from..to.max(from)];
        // Both kinds of quote need a saying verb among the sentence's words; most sentences
        // have none, and need no quote marks searched or words collected.
        if !in_sentence
            .iter()
            .any(|t| t.end <= s.end && t.is(SAYING_VERBS))
        {
            continue;
        }
        let quoted = quoted_spans(text, s.clone());
        let words: Vec<&Tok> = in_sentence
            .iter()
            .filter(|t| t.start >= s.start && t.end <= s.end)
            .filter(|t| !quoted.iter().any(|q| t.start >= q.start && t.end <= q.end))
            .collect();
        let verbs = words.iter().enumerate().filter(|(_, t)| t.is(SAYING_VERBS));
        let (v, spans) = if quoted.is_empty() {
            // Reported speech: the first saying verb that introduces a "that" clause.
            let Some((v, r)) = verbs
                .map(|(v, _)| v)
                .find_map(|v| reported(text, s, &words, v).map(|r| (v, r)))
            else {
                continue;
            };
            (v, vec![r])
        } else {
            let Some((v, _)) = verbs.clone().next() else {
                continue;
            };
            (v, quoted)
        };
        let Some(speaker) = speaker(&words, v, voices, &spans) else {
            continue;
        };
        for range in spans {
            out.push(QuoteHit { range, speaker });
        }
    }
    out
}

/// The clause after "<verb> (…) that", to the end of the sentence.
fn reported(text: &str, s: &Range<usize>, words: &[&Tok], v: usize) -> Option<Range<usize>> {
    let that = words[v + 1..(v + 4).min(words.len())]
        .iter()
        .find(|t| t.key == "that")?;
    let clause = text[that.end..s.end].trim_start();
    let start = s.end - clause.len();
    let end = start
        + clause
            .trim_end_matches(['.', '!', '?', ' ', ',', '"', '”'])
            .len();
    (end > start).then_some(start..end)
}

fn speaker(words: &[&Tok], v: usize, voices: &[Voice], quoted: &[Range<usize>]) -> Option<usize> {
    let outside = |r: &Range<usize>| !quoted.iter().any(|q| r.start >= q.start && r.end <= q.end);
    let voices: Vec<&Voice> = voices.iter().filter(|x| outside(&x.range)).collect();
    let starting_at = |at: usize| voices.iter().find(|x| x.range.start == at).map(|x| x.id);
    for i in 0..words.len().saturating_sub(1) {
        if words[i].key == "according" && words[i + 1].key == "to" {
            if let Some(next) = words.get(i + 2) {
                let after = voices.iter().find(|x| x.range.start >= next.start);
                return after.map(|x| x.id);
            }
        }
    }
    let verb = words[v];
    for w in words[v + 1..].windows(2).take(8) {
        if w[0].key == "by" {
            if let Some(id) = starting_at(w[1].start) {
                return Some(id);
            }
        }
    }
    let in_sentence = |x: &&&Voice| x.range.end <= verb.start && x.range.start >= words[0].start;
    // The nearest person before the verb is its subject ("Putin told him"), else the nearest
    // organisation or actor.
    let before_person = voices.iter().filter(|x| x.person).rfind(in_sentence);
    let before_any = voices.iter().rfind(in_sentence);
    if let Some(x) = before_person.or(before_any) {
        return Some(x.id);
    }
    let after = words.get(v + 1)?;
    starting_at(after.start).or_else(|| words.get(v + 2).and_then(|w| starting_at(w.start)))
}

/// Whether `s` holds a mark that can open a quote: `"`, `'`, `“` or `‘`.
fn has_quote_mark(s: &[u8]) -> bool {
    s.iter().enumerate().any(|(k, &b)| {
        b == b'"'
            || b == b'\''
            || (b == 0xE2
                && s.get(k + 1) == Some(&0x80)
                && matches!(s.get(k + 2), Some(0x9C | 0x98)))
    })
}

/// The spans between quotation marks in a sentence: curly double and single, straight double,
/// and straight single when they open a word and close one ('gender apartheid'). Read by
/// bytes: every mark that can open a quote starts with `"`, `'` or the byte 0xE2, and only
/// the characters around a mark are decoded.
fn quoted_spans(text: &str, s: Range<usize>) -> Vec<Range<usize>> {
    let sentence = &text[s.clone()];
    let bytes = sentence.as_bytes();
    if !has_quote_mark(bytes) {
        return Vec::new();
    }
    let alnum_before = |at: usize| {
        sentence[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let alnum_at = |at: usize| {
        sentence[at..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    };
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let open = match bytes[at] {
            b'"' => '"',
            b'\'' => '\'',
            0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0x9C) => '“',
            0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0x98) => '‘',
            _ => {
                at += 1;
                continue;
            }
        };
        let close = match open {
            '“' => Some('”'),
            '"' => Some('"'),
            '‘' if !alnum_before(at) => Some('’'),
            '\'' if !alnum_before(at) && alnum_at(at + 1) => Some('\''),
            _ => None,
        };
        let from = at + open.len_utf8();
        if let Some(close) = close {
            let double = matches!(close, '”' | '"');
            let end = sentence[from..]
                .match_indices(close)
                .map(|(k, _)| from + k)
                .find(|&k| double || !alnum_at(k + close.len_utf8()));
            if let Some(k) = end {
                let inner = &sentence[from..k];
                let trimmed = inner.trim().trim_end_matches([',', '.', ' ']);
                let lead = inner.len() - inner.trim_start().len();
                let start = s.start + from + lead;
                if !trimmed.is_empty() {
                    out.push(start..start + trimmed.len());
                }
                at = k + close.len_utf8();
                continue;
            }
        }
        at = from;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span finder as first written, over the sentence's characters collected: the
    /// byte-wise reading must agree with it.
    fn reference_spans(text: &str, s: Range<usize>) -> Vec<Range<usize>> {
        let sentence = &text[s.clone()];
        let chars: Vec<(usize, char)> = sentence.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        let alnum = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_alphanumeric());
        while i < chars.len() {
            let (at, c) = chars[i];
            let close = match c {
                '“' => Some('”'),
                '"' => Some('"'),
                '‘' if i == 0 || !alnum(i - 1) => Some('’'),
                '\'' if (i == 0 || !alnum(i - 1)) && alnum(i + 1) => Some('\''),
                _ => None,
            };
            if let Some(close) = close {
                let end = (i + 1..chars.len()).find(|&k| {
                    chars[k].1 == close && (matches!(close, '”' | '"') || !alnum(k + 1))
                });
                if let Some(k) = end {
                    let inner = &sentence[at + c.len_utf8()..chars[k].0];
                    let trimmed = inner.trim().trim_end_matches([',', '.', ' ']);
                    let lead = inner.len() - inner.trim_start().len();
                    let start = s.start + at + c.len_utf8() + lead;
                    if !trimmed.is_empty() {
                        out.push(start..start + trimmed.len());
                    }
                    i = k + 1;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    proptest::proptest! {
        /// The byte-wise span finder finds the spans the character reading finds.
        #[test]
        fn spans_match_the_character_reading(
            text in "([a-zé]{1,4}|[ ,.\"'“”‘’—]|said|’s)*{0,16}",
            cut in 0usize..4
        ) {
            let start = text.char_indices().nth(cut).map_or(0, |(i, _)| i);
            proptest::prop_assert_eq!(
                quoted_spans(&text, start..text.len()),
                reference_spans(&text, start..text.len()),
                "{:?}", text
            );
        }
    }

    #[test]
    fn quotes_need_marks_that_open_and_close_words() {
        let text = "He called it ‘gender apartheid’ and “a bold move,” not Russia’s 'view'.";
        let spans: Vec<&str> = quoted_spans(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(spans, ["gender apartheid", "a bold move", "view"]);
        let text = "Russia’s and Iran’s";
        assert!(quoted_spans(text, 0..text.len()).is_empty());
    }
}
