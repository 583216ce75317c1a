//! Search, keys: the form a term is indexed and looked up by — its British/American spelling
//! folded ([`super::spelling`]), then stemmed with the Snowball English (Porter2) stemmer, so
//! that `recognised`, `recognizes` and `recognise` are one key.
//!
//! Only words of ASCII letters are stemmed: Porter2 is an English algorithm, and a name in
//! another script or a number (`1990s`, `is-k`'s parts aside) is its own key. A hyphenated
//! term is keyed part by part (`peace-keeping` → `peac-keep`). `static/search.js` computes the
//! same keys for queries with the vendored `porter2.js`; a word list checks that both agree
//! (`tests/integration/search_keys.rs`, and the browser suite for the page's own script).

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::spelling;

/// Computes keys, remembering the ones already computed: a corpus repeats its words, and
/// stemming one is dearer than a hash lookup.
pub struct Keys {
    stemmer: Stemmer,
    seen: FxHashMap<Box<str>, Box<str>>,
}

impl Default for Keys {
    fn default() -> Self {
        Keys {
            stemmer: Stemmer::create(Algorithm::English),
            seen: FxHashMap::default(),
        }
    }
}

thread_local! {
    /// Each thread's [`Keys`] between uses: the index reads runs of 64 documents, and a memo
    /// made afresh for every run stemmed each word again per run.
    static POOLED: std::cell::RefCell<Option<Keys>> = const { std::cell::RefCell::new(None) };
}

impl Keys {
    /// This thread's memo (a new one the first time), to be handed back with [`Keys::give_back`].
    pub fn pooled() -> Keys {
        POOLED.with(|p| p.borrow_mut().take()).unwrap_or_default()
    }

    /// Keeps `self` for this thread's next [`Keys::pooled`].
    pub fn give_back(self) {
        POOLED.with(|p| *p.borrow_mut() = Some(self));
    }

    /// The key of `term`, a normalised term as the tokeniser gives it.
    pub fn key<'a>(&'a mut self, term: &'a str) -> &'a str {
        if !needs_key(term) {
            return term;
        }
        if !self.seen.contains_key(term) {
            let key = key_with(&self.stemmer, term);
            self.seen.insert(term.into(), key.into());
        }
        self.seen.get(term).map_or(term, |k| k)
    }
}

/// Whether `term` may have a key other than itself: it holds a letter a stem could drop.
fn needs_key(term: &str) -> bool {
    term.len() >= 3 && term.bytes().any(|b| b.is_ascii_lowercase())
}

/// The key of `term` (see the module documentation).
pub fn key(term: &str) -> String {
    key_with(&Stemmer::create(Algorithm::English), term)
}

fn key_with(stemmer: &Stemmer, term: &str) -> String {
    if term.contains('-') {
        let parts: Vec<String> = term.split('-').map(|p| word_key(stemmer, p)).collect();
        return parts.join("-");
    }
    word_key(stemmer, term)
}

fn word_key(stemmer: &Stemmer, word: &str) -> String {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let folded: Cow<str> = spelling::fold(word);
    stemmer.stem(&folded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_spellings_share_a_key() {
        let k = key("recognised");
        for w in [
            "recognise",
            "recognize",
            "recognized",
            "recognizes",
            "recognising",
        ] {
            assert_eq!(key(w), k, "{w}");
        }
        assert_eq!(key("colours"), key("color"));
        assert_eq!(key("talks"), key("talking"));
        assert_eq!(key("centres"), key("center"));
    }

    #[test]
    fn other_words_keep_their_own_keys() {
        assert_ne!(key("recognition"), key("record"));
        assert_ne!(key("four"), key("for"));
        assert_eq!(key("1990s"), "1990s");
        assert_eq!(key("celebici"), "celebici");
        assert_eq!(key("σισυφος"), "σισυφος");
        assert_eq!(key("is-k"), "is-k");
        assert_eq!(key("peace-keeping"), "peac-keep");
    }

    #[test]
    fn the_cache_gives_what_the_function_gives() {
        let mut keys = Keys::default();
        for w in ["haqqanis", "talks", "ab", "1990s", "talks", "peace-keeping"] {
            assert_eq!(keys.key(w), key(w), "{w}");
        }
    }

    #[test]
    fn a_pooled_memo_is_kept_for_the_thread() {
        let mut keys = Keys::pooled();
        assert_eq!(keys.key("talking"), key("talking"));
        keys.give_back();
        let keys = Keys::pooled();
        assert!(keys.seen.contains_key("talking"));
        keys.give_back();
    }
}
