//! Corpus-level evidence: which capitalised words the corpus also writes in lowercase (so a
//! sentence-initial "Officials" is a common word), which it capitalises inside sentences (so a
//! sentence-initial "Mosul" is a name), and which acronyms it pluralises ("IEDs": a countable
//! thing, not an organisation).
//!
//! Counting is a cheap byte scan of each source, independent of parsing, so an article's
//! [`WordForms`] depend on its bytes alone (cacheable); the corpus [`Lexicon`] is their union,
//! and an article's annotation reads only the answers for its own capitalised words, which
//! [`Lexicon::digest`] condenses for a cache to compare.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Bits of what the corpus shows about one word (by its lowercase key).
pub mod seen {
    /// Written in lowercase somewhere ("officials").
    pub const LOWER: u8 = 1;
    /// Capitalised inside a sentence, not after sentence punctuation ("in Mosul").
    pub const CAPITAL_INSIDE: u8 = 2;
    /// An acronym with a plural "s" ("IEDs").
    pub const PLURAL_ACRONYM: u8 = 4;
    /// Capitalised anywhere, sentence-initial included: a word whose answers matter.
    pub const CAPITAL: u8 = 8;
}

/// The forms of the words of one text, by key hash.
#[derive(Clone, Debug, Default)]
pub struct WordForms {
    forms: FxHashMap<u64, u8>,
}

/// What a corpus shows about its words: the union of its texts' [`WordForms`].
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    forms: FxHashMap<u64, u8>,
}

/// The hash of a word's key (lowercase, periods removed), as the lexicon stores it.
pub fn word_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

impl WordForms {
    /// Scans `text` (a whole source file: a rough reading is enough for counts) for words of
    /// ASCII letters. Linear, one hash per word, no allocation for words up to 32 bytes: it
    /// reads every byte of the corpus before any article is annotated.
    pub fn of(text: &str) -> WordForms {
        let bytes = text.as_bytes();
        // About one distinct word in every 16 bytes of a news text: few rehashes.
        let mut forms: FxHashMap<u64, u8> =
            FxHashMap::with_capacity_and_hasher(text.len() / 16, Default::default());
        let mut buf = [0u8; 32];
        let mut i = 0;
        // Whether only spaces (no sentence punctuation or line break) came since the last word.
        let mut inside = false;
        // Whether the last word was an initial or a capitalised abbreviation ("L.", "Gen."),
        // whose period ends no sentence; only asked of the period right after it.
        let mut abbreviation = false;
        while i < bytes.len() {
            let b = bytes[i];
            if !b.is_ascii_alphabetic() {
                match b {
                    b' ' | b',' | b'(' | b')' | b'\'' | b'-' => {}
                    b'.' if abbreviation => {}
                    _ => inside = false,
                }
                abbreviation = false;
                // "U.S." and similar: a period inside a word keeps the sentence going.
                if b == b'.' && i + 2 < bytes.len() && bytes[i + 1].is_ascii_alphabetic() {
                    inside = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            let first_upper = b.is_ascii_uppercase();
            // Lowercased into `buf` as it is read, periods left out ("U.S." → "us").
            let (mut n, mut upper, mut lower) = (0, 0, 0);
            loop {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    if n < buf.len() {
                        buf[n] = c | 0x20;
                        n += 1;
                    }
                    upper += usize::from(c.is_ascii_uppercase());
                    lower += usize::from(c.is_ascii_lowercase());
                } else if !(c == b'.'
                    && first_upper
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase))
                {
                    break;
                }
                i += 1;
                if i == bytes.len() {
                    break;
                }
            }
            let continues = i < bytes.len() && (bytes[i] >= 0x80 || bytes[i].is_ascii_digit());
            if i - start > buf.len() || continues {
                inside = true;
                continue;
            }
            let key = &buf[..n];
            abbreviation = first_upper
                && bytes.get(i) == Some(&b'.')
                && (n == 1 || super::tokens::is_dotted_abbreviation_bytes(key));
            let bits = if !first_upper {
                seen::LOWER
            } else if inside && lower > 0 {
                seen::CAPITAL | seen::CAPITAL_INSIDE
            } else {
                seen::CAPITAL
            };
            if first_upper && upper >= 3 && bytes[i - 1] == b's' && lower == 1 {
                // "IEDs": the acronym's own key is the word without its "s".
                *forms.entry(bytes_hash(&key[..n - 1])).or_insert(0) |= seen::PLURAL_ACRONYM;
            }
            *forms.entry(bytes_hash(key)).or_insert(0) |= bits;
            inside = true;
        }
        WordForms { forms }
    }
}

/// [`word_hash`] of a key given as bytes: `str` hashes as its bytes and a 0xff marker.
fn bytes_hash(key: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(key);
    h.write_u8(0xff);
    h.finish()
}

impl WordForms {
    /// The words the text capitalises, by key hash, sorted: the ones whose answers matter to
    /// its annotation.
    pub fn capitalised(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self
            .forms
            .iter()
            .filter(|&(_, &bits)| bits & seen::CAPITAL != 0)
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        keys
    }
}

impl Lexicon {
    /// The union of the texts' word forms.
    pub fn from_forms<'a>(all: impl IntoIterator<Item = &'a WordForms>) -> Lexicon {
        let mut forms: FxHashMap<u64, u8> = FxHashMap::default();
        for f in all {
            for (&k, &bits) in &f.forms {
                *forms.entry(k).or_insert(0) |= bits;
            }
        }
        Lexicon { forms }
    }

    /// Adds one text's word forms.
    pub fn add(&mut self, forms: &WordForms) {
        for (&k, &bits) in &forms.forms {
            *self.forms.entry(k).or_insert(0) |= bits;
        }
    }

    /// The union of two lexicons (for a parallel reduction).
    pub fn merge(mut self, other: Lexicon) -> Lexicon {
        let (mut big, small) = if self.forms.len() >= other.forms.len() {
            (std::mem::take(&mut self.forms), other.forms)
        } else {
            (other.forms, std::mem::take(&mut self.forms))
        };
        for (k, bits) in small {
            *big.entry(k).or_insert(0) |= bits;
        }
        Lexicon { forms: big }
    }

    /// A digest of what this lexicon answers for the capitalised words of `text`: an
    /// article analysed with one lexicon is analysed the same with another of equal digest.
    pub fn digest_of_text(&self, text: &str) -> u64 {
        self.digest_of(&WordForms::of(text).capitalised())
    }

    /// [`Self::digest_of_text`] given the text's [`WordForms::capitalised`] words.
    pub fn digest_of(&self, capitalised: &[u64]) -> u64 {
        let mut h = FxHasher::default();
        for &k in capitalised {
            (k, self.forms.get(&k).copied().unwrap_or(0)).hash(&mut h);
        }
        h.finish()
    }

    /// What an article's own words show, from its tokens (no second reading of the text):
    /// only words it capitalises are kept, since nothing asks about the others.
    pub fn of_tokens<'a>(
        blocks: impl Iterator<Item = &'a [super::tokens::Tok]> + Clone,
    ) -> Lexicon {
        let mut forms: FxHashMap<u64, u8> = FxHashMap::default();
        // Which (first byte, length) pairs the capitalised words have: most lowercase words
        // match none and need no lookup.
        let slot = |key: &str| (usize::from(key.as_bytes()[0] & 0x3f) << 5) | key.len().min(31);
        let mut shapes = [false; 64 * 32];
        for toks in blocks.clone() {
            for t in toks.iter().filter(|t| t.cap || t.acronym) {
                shapes[slot(&t.key)] = true;
                let mut bits = seen::CAPITAL;
                if !t.initial {
                    bits |= seen::CAPITAL_INSIDE;
                }
                *forms.entry(word_hash(&t.key)).or_insert(0) |= bits;
                if t.acronym && t.key.len() > 2 && t.key.ends_with('s') {
                    let stem = word_hash(&t.key[..t.key.len() - 1]);
                    *forms.entry(stem).or_insert(0) |= seen::PLURAL_ACRONYM;
                }
            }
        }
        if forms.is_empty() {
            return Lexicon { forms };
        }
        for toks in blocks {
            for t in toks
                .iter()
                .filter(|t| !t.cap && !t.acronym && t.key.len() > 3)
            {
                if !shapes[slot(&t.key)] {
                    continue;
                }
                if let Some(bits) = forms.get_mut(&word_hash(&t.key)) {
                    *bits |= seen::LOWER;
                }
            }
        }
        Lexicon { forms }
    }

    /// The lexicon of one text alone: what an article shows about itself.
    pub fn of_text(text: &str) -> Lexicon {
        Lexicon::from_forms([&WordForms::of(text)])
    }

    /// What the corpus shows about the word with key `key`.
    pub fn get(&self, key: &str) -> u8 {
        self.forms.get(&word_hash(key)).copied().unwrap_or(0)
    }

    /// Whether the corpus writes `key` in lowercase somewhere.
    pub fn seen_lower(&self, key: &str) -> bool {
        self.get(key) & seen::LOWER != 0
    }

    /// Whether the corpus capitalises `key` inside a sentence somewhere.
    pub fn seen_capital_inside(&self, key: &str) -> bool {
        self.get(key) & seen::CAPITAL_INSIDE != 0
    }

    /// Whether the corpus pluralises the acronym `key`.
    pub fn plural_acronym(&self, key: &str) -> bool {
        self.get(key) & seen::PLURAL_ACRONYM != 0
    }

    /// A digest of the answers for `keys`: two lexicons with the same digest for an article's
    /// capitalised words annotate it the same way.
    pub fn digest<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> u64 {
        let mut h = FxHasher::default();
        for k in keys {
            self.get(k).hash(&mut h);
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan as first written, before its byte-wise rewrite: the two must agree.
    fn reference_forms(text: &str) -> FxHashMap<u64, u8> {
        let bytes = text.as_bytes();
        let mut forms: FxHashMap<u64, u8> = FxHashMap::default();
        let mut buf = [0u8; 32];
        let mut i = 0;
        let mut inside = false;
        let mut abbreviation = false;
        while i < bytes.len() {
            let b = bytes[i];
            if !b.is_ascii_alphabetic() {
                match b {
                    b' ' | b',' | b'(' | b')' | b'\'' | b'-' => {}
                    b'.' if abbreviation => {}
                    _ => inside = false,
                }
                abbreviation = false;
                if b == b'.' && i + 2 < bytes.len() && bytes[i + 1].is_ascii_alphabetic() {
                    inside = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphabetic()
                    || (bytes[i] == b'.'
                        && i + 1 < bytes.len()
                        && bytes[i + 1].is_ascii_uppercase()
                        && bytes[start].is_ascii_uppercase()))
            {
                i += 1;
            }
            let word = &bytes[start..i];
            let continues = i < bytes.len() && (bytes[i] >= 0x80 || bytes[i].is_ascii_digit());
            if word.len() > buf.len() || continues {
                inside = true;
                continue;
            }
            let mut n = 0;
            let (mut upper, mut lower) = (0, 0);
            for &c in word {
                if c == b'.' {
                    continue;
                }
                upper += usize::from(c.is_ascii_uppercase());
                lower += usize::from(c.is_ascii_lowercase());
                buf[n] = c.to_ascii_lowercase();
                n += 1;
            }
            let key = std::str::from_utf8(&buf[..n]).unwrap_or("");
            let first_upper = word[0].is_ascii_uppercase();
            abbreviation = first_upper
                && (n == 1 || crate::annotate::entities::tokens::is_dotted_abbreviation(key));
            let mut bits = if first_upper { seen::CAPITAL } else { 0 };
            if !first_upper {
                bits |= seen::LOWER;
            } else if inside && lower > 0 {
                bits |= seen::CAPITAL_INSIDE;
            }
            if first_upper && upper >= 3 && word.last() == Some(&b's') && lower == 1 {
                *forms.entry(word_hash(&key[..n - 1])).or_insert(0) |= seen::PLURAL_ACRONYM;
            }
            if bits != 0 {
                *forms.entry(word_hash(key)).or_insert(0) |= bits;
            }
            inside = true;
        }
        forms
    }

    proptest::proptest! {
        /// The byte-wise scan records what the first reading recorded, word by word.
        #[test]
        fn forms_match_the_first_reading(
            text in "([A-Za-z]{1,5}|[ .,;'’é\\-\n(0-9]|Gen|U\\.S\\.|IEDs|L\\.|[a-z]{30,34})*{0,14}"
        ) {
            let mut fast: Vec<(u64, u8)> = WordForms::of(&text).forms.into_iter().collect();
            let mut slow: Vec<(u64, u8)> = reference_forms(&text).into_iter().collect();
            fast.sort_unstable();
            slow.sort_unstable();
            proptest::prop_assert_eq!(fast, slow, "{:?}", text);
        }
    }

    #[test]
    fn a_key_hashes_as_its_bytes() {
        assert_eq!(bytes_hash(b"mosul"), word_hash("mosul"));
    }

    #[test]
    fn counts_lowercase_inner_capitals_and_plural_acronyms() {
        let lex = Lexicon::of_text(
            "Officials met in Mosul. Mosul is calm; officials said two IEDs hit the U.S. base.",
        );
        assert!(lex.seen_lower("officials") && !lex.seen_capital_inside("officials"));
        assert!(lex.seen_capital_inside("mosul") && !lex.seen_lower("mosul"));
        assert!(lex.plural_acronym("ied") && !lex.plural_acronym("us"));
        assert!(lex.seen_capital_inside("us") || !lex.seen_lower("us"));
        assert_eq!(lex.get("absent"), 0);
        let lex = Lexicon::of_text("Gen. Joseph L. Votel spoke.");
        assert!(lex.seen_capital_inside("votel") && lex.seen_capital_inside("joseph"));
    }

    #[test]
    fn a_corpus_is_the_union_of_its_texts() {
        let a = WordForms::of("The coalition met.");
        let b = WordForms::of("He met the Coalition.");
        let lex = Lexicon::from_forms([&a, &b]);
        assert!(lex.seen_lower("coalition") && lex.seen_capital_inside("coalition"));
        assert_ne!(
            lex.digest(["coalition"]),
            Lexicon::default().digest(["coalition"])
        );
        let text = "He met the Coalition.";
        assert_ne!(
            lex.digest_of_text(text),
            Lexicon::of_text(text).digest_of_text(text)
        );
        assert_eq!(
            lex.digest_of_text(text),
            lex.clone().merge(Lexicon::default()).digest_of_text(text)
        );
    }
}
