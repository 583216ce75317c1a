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
    for (start, end) in words(text) {
        for term in word_terms(&text[start..end], true) {
            out.push(Token { term, start, end });
        }
    }
    out
}

/// The terms a query asks for, deduplicated in order: a hyphenated word counts as one term
/// (`IS-K` → `is-k`), as `search.js` does.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (start, end) in words(text) {
        for term in word_terms(&text[start..end], false) {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
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

/// Byte ranges of the words: runs of word characters joined by single hyphens or apostrophes.
fn words(text: &str) -> Vec<(usize, usize)> {
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
        out.push((start, end));
        i = j;
    }
    out
}

/// The terms one word yields; `index` adds the parts and run-together form of compounds.
fn word_terms(word: &str, index: bool) -> Vec<String> {
    let parts: Vec<String> = word
        .split(is_hyphen)
        .map(normalize_part)
        .filter(|p| !p.is_empty())
        .collect();
    let keep = |t: &String| t.chars().count() > 1 && !STOP_WORDS.contains(&t.as_str());
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
    fn fold_table_is_sorted() {
        assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
