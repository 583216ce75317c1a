//! Sentence splitting for news paragraphs, so that each annotated mention can be shown with
//! the sentence it occurs in. Rule-based: a sentence ends at ".", "?", "!" or "…" (plus any
//! closing quotes or brackets) followed by space and a word that can start a sentence, except
//! after titles ("Dr."), initials ("J. Smith"), abbreviations ("e.g.", "Jan. 5") and dotted
//! acronyms that run on into a name ("the U.S. State Department").

use std::ops::Range;

/// Abbreviations after which a period never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov",
    "rev", "hon", "adm", "maj", "mt", "ft", "vs", "cmdr", "brig", "pres", "supt", "messrs", "mme",
    "jr", "sr", "fr", "cpl", "pvt", "insp", "approx", "dept", "e.g", "i.e", "cf", "al",
];

/// Abbreviations (months, "No.", "p.") that end a sentence only when no number follows.
const BEFORE_NUMBER: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "p", "pp", "vol", "fig", "art", "sec", "ch",
];

/// Words that usually open a sentence, used to decide whether "U.S." ended one.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "However",
    "Meanwhile",
    "So",
    "Yet",
    "Still",
    "Some",
    "Many",
    "Most",
    "Both",
    "For",
    "Since",
    "Despite",
    "Although",
    "What",
    "Why",
    "How",
];

const CLOSERS: &[char] = &['"', '\'', '’', '”', '»', ')', ']'];

/// Byte ranges of the sentences of a paragraph (trimmed, covering all non-space text), so each
/// mention can keep its sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Only a line break or a terminator can end a sentence: jump from one to the next (0xE2
    // starts "…", among other characters).
    let candidate = |b: u8| (b == b'.') | (b == b'?') | (b == b'!') | (b == b'\n') | (b == 0xE2);
    let mut from = 0;
    while let Some(i) = crate::chars::find_byte(bytes, from, candidate) {
        let (c, len) = crate::chars::char_at(text, i);
        from = i + len;
        if c == '\n' {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
            continue;
        }
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        let mut end = from;
        while end < text.len() {
            let (d, len) = crate::chars::char_at(text, end);
            if matches!(d, '.' | '?' | '!' | '…') || CLOSERS.contains(&d) {
                end += len;
            } else {
                break;
            }
        }
        // The run of terminators and closers is read: the search goes on after it.
        from = end;
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next = rest.trim_start();
        if next.is_empty() || ends_sentence(text, start, i, c, end, next) {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Whether the terminator `c` at `at` (its run ending at `end`) closes the sentence begun
/// at `start`, given the text `next` that follows the space.
fn ends_sentence(text: &str, start: usize, at: usize, c: char, end: usize, next: &str) -> bool {
    if next.starts_with(|n: char| n.is_lowercase()) {
        return false;
    }
    // Only a lone period can be an abbreviation's; "?", "!", "..." and ".”" end sentences.
    if c != '.' || end - at > 1 {
        return true;
    }
    let word_start = text[start..at]
        .rfind(|ch: char| ch.is_whitespace() || "(“\"‘'—–".contains(ch))
        .map_or(start, |k| {
            start + k + text[start + k..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &text[word_start..at];
    let mut buf = [0u8; 8];
    let lower = lowercase(word, &mut buf);
    if NEVER_FINAL.contains(&lower.as_ref()) {
        return false;
    }
    if BEFORE_NUMBER.contains(&lower.as_ref()) {
        return !next.starts_with(|n: char| n.is_ascii_digit());
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        // "J. Smith": an initial.
        return !first.is_uppercase();
    }
    if word.contains('.') && word.chars().all(|ch| ch.is_alphabetic() || ch == '.') {
        // "U.S." ends a sentence only when an ordinary sentence opener follows.
        let first_word: String = next.chars().take_while(|ch| ch.is_alphabetic()).collect();
        return OPENERS.contains(&first_word.as_str());
    }
    true
}

/// `word` in lowercase, in `buf` when it is short ASCII (every word before a period, so no
/// allocation for the common case).
fn lowercase<'a>(word: &'a str, buf: &'a mut [u8; 8]) -> std::borrow::Cow<'a, str> {
    match buf.get_mut(..word.len()) {
        Some(out) if word.is_ascii() => {
            out.copy_from_slice(word.as_bytes());
            out.make_ascii_lowercase();
            std::borrow::Cow::Borrowed(std::str::from_utf8(out).unwrap_or_default())
        }
        _ => std::borrow::Cow::Owned(word.to_lowercase()),
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = range.start + lead;
        out.push(s..s + trimmed.len());
    }
}

/// The range of the sentence containing byte `at` (for a byte between sentences, the one
/// before it; for an empty paragraph, an empty range).
pub fn sentence_at(text: &str, at: usize) -> Range<usize> {
    let all = sentences(text);
    all.iter()
        .rev()
        .find(|r| r.start <= at)
        .or(all.first())
        .cloned()
        .unwrap_or(at.min(text.len())..at.min(text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminators() {
        assert_eq!(
            split("It rained. Did it stop?  No! It went on."),
            ["It rained.", "Did it stop?", "No!", "It went on."]
        );
    }

    #[test]
    fn keeps_abbreviations_inside() {
        let text = "Dr. Ali met Mr. J. Smith and Mrs. Khan in St. Petersburg on Jan. 5 at 3.5 p.m. sharp. \
                    The U.S. State Department and the U.N. agreed, e.g. on aid. They left.";
        assert_eq!(
            split(text),
            [
                "Dr. Ali met Mr. J. Smith and Mrs. Khan in St. Petersburg on Jan. 5 at 3.5 p.m. sharp.",
                "The U.S. State Department and the U.N. agreed, e.g. on aid.",
                "They left."
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end() {
        assert_eq!(
            split("Troops left the U.S. The war went on."),
            ["Troops left the U.S.", "The war went on."]
        );
    }

    #[test]
    fn closing_quotes_and_dashes() {
        let text = "He said: “We must act.” Others agreed—reluctantly. “Why?” she asked. ‘Enough.’ Then silence.";
        assert_eq!(
            split(text),
            [
                "He said: “We must act.”",
                "Others agreed—reluctantly.",
                "“Why?” she asked.",
                "‘Enough.’",
                "Then silence."
            ]
        );
        assert_eq!(
            split("He said \"no.\" Then he left."),
            ["He said \"no.\"", "Then he left."]
        );
        assert_eq!(
            split("He said no. Then he left."),
            ["He said no.", "Then he left."]
        );
        assert_eq!(split("See No. 5 there."), ["See No. 5 there."]);
    }

    #[test]
    fn ranges_are_trimmed_and_located() {
        let text = "  One here.  Two there.  ";
        assert_eq!(sentences(text), [2..11, 13..23]);
        assert_eq!(sentence_at(text, 15), 13..23);
        assert_eq!(sentence_at(text, 11), 2..11);
        assert_eq!(sentence_at(text, 0), 2..11);
        assert_eq!(sentence_at("", 0), 0..0);
        assert!(sentences("   ").is_empty());
    }

    #[test]
    fn numbers_and_years() {
        assert_eq!(
            split("Growth was 3.5 percent in 2021. In 2022 it fell."),
            ["Growth was 3.5 percent in 2021.", "In 2022 it fell."]
        );
    }
}
