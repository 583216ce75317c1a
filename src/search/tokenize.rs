//! Search, tokeniser: turns text into the terms the index is keyed by.
//!
//! `static/search.js` reimplements exactly these rules for queries, so both sides must change
//! together. Rules: a word is a run of letters and digits, joined by single hyphens or
//! apostrophes; terms are lowercased, diacritics are folded (`Čelebići` → `celebici`), a final
//! possessive `'s` is dropped and other apostrophes removed (`O’Brien` → `obrien`). A hyphenated
//! word yields the whole (`is-k`), its parts (`counter`, `terrorism`) and the parts run
//! together (`isk`, `counterterrorism`), so every spelling a reader may type finds it. Single
//! characters and the [`STOP_WORDS`] are not indexed on their own.

use super::fold::FOLD;
use crate::chars::char_at;

/// Common English words that would match nearly every document. Shipped in the manifest so the
/// client drops exactly the same words from queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
    "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her",
    "his", "i", "if", "in", "into", "is", "it", "its", "may", "more", "not", "of", "on", "or",
    "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "was", "we", "were", "what", "when", "which", "while", "will", "with",
    "would", "you",
];

/// One indexed term and the byte range of the word it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The normalised term.
    pub term: String,
    /// Byte offset of the word in the text, for the excerpt.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
}

/// Every term of `text`, in order, with its word's position: what the index stores.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_term(text, |term, start, end| {
        out.push(Token {
            term: term.to_string(),
            start,
            end,
        })
    });
    out
}

/// Calls `f(term, start, end)` for every term of `text`, in the order [`tokens`] returns them,
/// without allocating per word or per term: the index reads hundreds of thousands of units, and
/// the term is only borrowed for the call. Words in plain ASCII (nearly all of them) skip the
/// Unicode lowercasing and folding table, which cannot change them beyond ASCII lowercase.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut scratch = Scratch::default();
    for_each_word(text, |start, end| {
        scratch.word_terms(&text[start..end], true, &mut |term| f(term, start, end));
    });
}

/// How many terms [`for_each_term`] gives for `text`, without building them: BM25 needs every
/// document's length before it can score any posting, so the index reads the corpus once just
/// to count. A plain ASCII word (nearly every word) is one term unless it is a single character
/// or a stop word, which its lowercase bytes packed into one integer tell; other words go
/// through the same rules as [`for_each_term`].
pub fn count_terms(text: &str) -> u32 {
    let mut n = 0;
    let mut scratch = Scratch::default();
    for_each_word(text, |start, end| {
        let word = &text.as_bytes()[start..end];
        if word
            .iter()
            .all(|&b| b.is_ascii() && b != b'-' && b != b'\'')
        {
            let stop = word.len() <= 8 && STOP_PACKED.binary_search(&pack_lowercase(word)).is_ok();
            n += u32::from(word.len() > 1 && !stop);
        } else {
            scratch.word_terms(&text[start..end], true, &mut |_| n += 1);
        }
    });
    n
}

/// The terms a query asks for, deduplicated in order: a hyphenated word counts as one term
/// (`IS-K` → `is-k`), as `search.js` does.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut scratch = Scratch::default();
    for_each_word(text, |start, end| {
        scratch.word_terms(&text[start..end], false, &mut |term| {
            if !out.iter().any(|t| t == term) {
                out.push(term.to_string());
            }
        });
    });
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '\u{ad}'
}

/// Combining diacritics: kept inside a word, dropped from its term.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

/// Whether a lowercased, folded term is one of the [`STOP_WORDS`]. Asked of nearly every
/// token, so each word is compared as one integer: none is longer than 8 bytes (a test checks)
/// and a term never holds a NUL byte, so the zero padding cannot make two terms equal.
fn is_stop_word(term: &str) -> bool {
    term.len() <= 8 && STOP_PACKED.binary_search(&pack(term.as_bytes())).is_ok()
}

/// Up to 8 bytes as one integer, zero-padded.
const fn pack(b: &[u8]) -> u64 {
    let mut v = 0;
    let mut i = 0;
    while i < b.len() && i < 8 {
        v |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    v
}

/// Up to 8 ASCII bytes, lowercased, as one integer: [`pack`] of the lowercased word.
fn pack_lowercase(b: &[u8]) -> u64 {
    let mut v = 0;
    for (i, c) in b.iter().take(8).enumerate() {
        v |= u64::from(c.to_ascii_lowercase()) << (8 * i);
    }
    v
}

/// [`STOP_WORDS`], each [`pack`]ed.
const STOP_PACKED: [u64; STOP_WORDS.len()] = {
    let mut out = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = pack(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    // Sorted, for a binary search: asked of nearly every token, a scan of all of them showed.
    let mut i = 1;
    while i < out.len() {
        let mut j = i;
        while j > 0 && out[j - 1] > out[j] {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    out
};

/// Length in bytes of the word character at byte `i` of `text`, or 0 if there is none.
#[inline(always)]
fn word_char_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        usize::from(b.is_ascii_alphanumeric())
    } else {
        let (c, n) = char_at(text, i);
        if is_word_char(c) {
            n
        } else {
            0
        }
    }
}

/// Calls `f(start, end)` with the byte range of every word: runs of word characters joined by
/// single hyphens or apostrophes.
fn for_each_word(text: &str, mut f: impl FnMut(usize, usize)) {
    let len = text.len();
    let mut i = 0;
    while i < len {
        let n = word_char_len(text, i);
        if n == 0 {
            i += char_at(text, i).1;
            continue;
        }
        let start = i;
        let mut j = i + n;
        loop {
            while j < len {
                let n = word_char_len(text, j);
                if n == 0 {
                    break;
                }
                j += n;
            }
            if j >= len {
                break;
            }
            let (c, n) = char_at(text, j);
            let joined =
                (is_hyphen(c) || is_apostrophe(c)) && j + n < len && word_char_len(text, j + n) > 0;
            if !joined {
                break;
            }
            j += n;
        }
        f(start, j);
        i = j;
    }
}

/// Buffers reused from word to word, so that terms are built without allocating.
#[derive(Default)]
struct Scratch {
    /// The word's parts, normalised and joined by `-`.
    joined: String,
    /// Byte ranges of the parts in `joined`.
    parts: Vec<(usize, usize)>,
    /// The parts run together.
    concat: String,
}

impl Scratch {
    /// Calls `f` with each term of one word, as [`word_terms`] lists them.
    fn word_terms(&mut self, word: &str, index: bool, f: &mut impl FnMut(&str)) {
        if !word.is_ascii() {
            for term in word_terms(word, index) {
                f(&term);
            }
            return;
        }
        let keep = |t: &str| t.len() > 1 && !is_stop_word(t);
        if !word.bytes().any(|b| b == b'-' || b == b'\'') {
            // The common case, a plain ASCII word: its term is itself, lowercased.
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                self.joined.clear();
                self.joined.push_str(word);
                self.joined.make_ascii_lowercase();
                if keep(&self.joined) {
                    f(&self.joined);
                }
            } else if keep(word) {
                f(word);
            }
            return;
        }
        // ASCII: the only hyphen is `-`, the only apostrophe `'`, lowercasing is per byte and
        // nothing folds, so each part is its lowercase bytes without a final `'s` and without
        // apostrophes. A part starts with a letter or digit, so it is never empty.
        self.joined.clear();
        self.parts.clear();
        for part in word.split('-') {
            if !self.parts.is_empty() {
                self.joined.push('-');
            }
            let b = part.as_bytes();
            let stem = if b.len() >= 2 && b[b.len() - 2] == b'\'' && b[b.len() - 1] | 0x20 == b's' {
                &b[..b.len() - 2]
            } else {
                b
            };
            let at = self.joined.len();
            self.joined.extend(
                stem.iter()
                    .filter(|&&c| c != b'\'')
                    .map(|&c| c.to_ascii_lowercase() as char),
            );
            self.parts.push((at, self.joined.len()));
        }
        if self.parts.len() == 1 {
            if keep(&self.joined) {
                f(&self.joined);
            }
            return;
        }
        f(&self.joined);
        if index {
            self.concat.clear();
            for &(a, b) in &self.parts {
                self.concat.push_str(&self.joined[a..b]);
            }
            f(&self.concat);
            for &(a, b) in &self.parts {
                let part = &self.joined[a..b];
                if keep(part) {
                    f(part);
                }
            }
        }
    }
}

/// The terms one word yields; `index` adds the parts and run-together form of compounds.
fn word_terms(word: &str, index: bool) -> Vec<String> {
    let parts: Vec<String> = word
        .split(is_hyphen)
        .map(normalize_part)
        .filter(|p| !p.is_empty())
        .collect();
    let keep = |t: &String| t.chars().count() > 1 && !is_stop_word(t);
    match parts.len() {
        0 => Vec::new(),
        1 => parts.into_iter().filter(keep).collect(),
        _ => {
            let mut out = vec![parts.join("-")];
            if index {
                out.push(parts.concat());
                out.extend(parts.into_iter().filter(keep));
            }
            out
        }
    }
}

/// Lowercases and folds one hyphen-free piece, dropping a possessive and other apostrophes.
fn normalize_part(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for c in part.to_lowercase().chars() {
        if is_mark(c) || c == '\u{ad}' {
            continue;
        }
        if is_apostrophe(c) {
            out.push('\'');
            continue;
        }
        match FOLD.binary_search_by(|(k, _)| k.cmp(&c)) {
            Ok(i) => out.push_str(FOLD[i].1),
            Err(_) => out.push(c),
        }
    }
    let stem = out.strip_suffix("'s").unwrap_or(&out);
    stem.replace('\'', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn lowercases_folds_and_drops_stop_words() {
        assert_eq!(terms("The Haqqani Network"), ["haqqani", "network"]);
        assert_eq!(
            terms("Čelebići, Ångström; Straße"),
            ["celebici", "angstrom", "strasse"]
        );
        // A decomposed é (e + U+0301) folds like a precomposed one.
        assert_eq!(terms("Pe\u{301}rez Pérez"), ["perez", "perez"]);
    }

    #[test]
    fn hyphenated_names_stay_findable() {
        assert_eq!(terms("IS-K"), ["is-k", "isk"]);
        assert_eq!(
            terms("counter‑terrorism"),
            [
                "counter-terrorism",
                "counterterrorism",
                "counter",
                "terrorism"
            ]
        );
        assert_eq!(query_terms("IS-K attacks"), ["is-k", "attacks"]);
        // A dash between words or a trailing hyphen is not a joiner.
        assert_eq!(terms("Kabul – Moscow"), ["kabul", "moscow"]);
        assert_eq!(terms("pre- and post-war")[0], "pre");
    }

    #[test]
    fn apostrophes_and_possessives() {
        assert_eq!(terms("Taliban’s O'Brien"), ["taliban", "obrien"]);
        assert_eq!(query_terms("‘Taliban’"), ["taliban"]);
    }

    #[test]
    fn positions_point_at_the_word() {
        let text = "Met the Haqqanis’ envoy";
        let t = &tokens(text)[1];
        assert_eq!(
            (t.term.as_str(), &text[t.start..t.end]),
            ("haqqanis", "Haqqanis")
        );
    }

    #[test]
    fn stop_words_fit_their_packed_form() {
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 8));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for t in ["", "x", "thes", "theirs", "abouts", "wills"] {
            assert!(!is_stop_word(t), "{t}");
        }
    }

    /// The rules as first written: every word through the Unicode path, words collected first.
    fn reference(text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !is_word_char(chars[i].1) {
                i += 1;
                continue;
            }
            let start = chars[i].0;
            let mut j = i + 1;
            loop {
                while j < chars.len() && is_word_char(chars[j].1) {
                    j += 1;
                }
                let joined = j + 1 < chars.len()
                    && (is_hyphen(chars[j].1) || is_apostrophe(chars[j].1))
                    && is_word_char(chars[j + 1].1);
                if !joined {
                    break;
                }
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            for term in word_terms(&text[start..end], true) {
                out.push(Token { term, start, end });
            }
            i = j;
        }
        out
    }

    #[test]
    fn ascii_fast_path_matches_the_unicode_rules() {
        for text in [
            "The Haqqani Network's envoys' talks, IS-K's attack; O'Brien's O'S X'S x's's",
            "pre- and post-war -lead trail- a--b a-'b a'-b 's 'tis rock'n'roll 1990s 9/11",
            "Čelebići-Ångström's Straße-X O’Brien’s Pe\u{301}rez co\u{ad}op IS‑K ΣΊΣΥΦΟΣ",
            "It-is the-an A-B-C-D of-the-art can't won't y'all e-mail x-\u{2019}s end-",
            "",
            "-",
            "a",
            "ab'",
            "ÀB-cd ab-ÀB",
        ] {
            assert_eq!(tokens(text), reference(text), "{text}");
            assert_eq!(count_terms(text) as usize, tokens(text).len(), "{text}");
        }
    }

    proptest::proptest! {
        /// The counting pass gives every text the length the index pass reads.
        #[test]
        fn counting_matches_the_terms(text in "[a-zA-Z0-9 '’\\-‑ÀéŞσΣ.,\u{301}\u{ad}]{0,40}") {
            proptest::prop_assert_eq!(count_terms(&text) as usize, tokens(&text).len());
        }
    }

    #[test]
    fn fold_table_is_sorted() {
        assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
