//! Stage 1 of actor matching: folding text into a canonical search form.
//!
//! News text spells the same name many ways: "Taliban’s" with a curly
//! apostrophe, "IS‑K" with a non-breaking hyphen, "Islamic  Emirate" with a
//! double space or a line break. Rather than teaching the automaton every
//! variant, both the configured surface forms and each paragraph are folded
//! the same way: lowercase, one apostrophe, one hyphen, one space per
//! whitespace run. Folding is strictly char-by-char (each original char gives
//! at most one folded char), and every folded byte remembers which original
//! byte it came from, so hits can be reported as byte offsets into the
//! ORIGINAL text even where folding changed lengths ("İ" → "i", "’" → "'").

use crate::chars::char_at;

/// A paragraph in folded form plus the way back to the original bytes.
pub(crate) struct Folded {
    /// The folded text the automaton runs over.
    pub text: String,
    /// `map[i]` is the original byte offset of the char that produced folded
    /// byte `i`; one extra trailing entry holds the original length.
    pub map: Vec<usize>,
}

impl Folded {
    /// Original byte offset where the folded char starting at `folded` begins.
    pub fn orig_start(&self, folded: usize) -> usize {
        self.map[folded]
    }

    /// Original byte offset just past the folded char ending at `folded_end`
    /// (exclusive). Computed from the original char rather than the next map
    /// entry, so dropped or collapsed chars after a match never widen it.
    pub fn orig_end(&self, original: &str, folded_end: usize) -> usize {
        if folded_end == 0 {
            return 0;
        }
        let start = self.map[folded_end - 1];
        start + original[start..].chars().next().map_or(0, char::len_utf8)
    }
}

/// Chars that carry no meaning for matching (soft hyphen, zero-width joiners
/// and spaces, BOM); they are skipped so "Tali\u{AD}ban" still matches.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Maps one char to its canonical form: apostrophe variants to `'`, hyphen
/// variants (not the em dash, which is sentence punctuation) to `-`, and
/// letters to the FIRST char of their lowercase, so the mapping stays 1:1.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => '-',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Letters and digits make words; everything else (spaces, hyphens,
/// apostrophes, punctuation) is a boundary. Folding preserves this property.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// `char::is_whitespace` of an ASCII byte, not `u8::is_ascii_whitespace`, which leaves out
/// the vertical tab: the fast path must stop wherever the general one folds a space.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | 0x09..=0x0d)
}

/// Folds `text` into `out` (buffers are reused to spare allocations).
pub(crate) fn fold_into(text: &str, out: &mut Folded) {
    out.text.clear();
    out.map.clear();
    out.text.reserve(text.len());
    out.map.reserve(text.len() + 1);
    let bytes = text.as_bytes();
    let mut prev_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !(is_ascii_space(b) && (b != b' ' || prev_space)) {
            // Fast path: most news text is ASCII with single spaces between words, copied and
            // lowercased a run at a time; a space stays in the run unless one came before it.
            // Other whitespace and non-ASCII characters take the char-by-char path below.
            let start = i;
            let mut last_space = prev_space;
            while i < bytes.len() {
                let c = bytes[i];
                if c == b' ' {
                    if last_space {
                        break;
                    }
                    last_space = true;
                } else if !c.is_ascii() || is_ascii_space(c) {
                    break;
                } else {
                    last_space = false;
                }
                i += 1;
            }
            let from = out.text.len();
            out.text.push_str(&text[start..i]);
            out.text[from..].make_ascii_lowercase();
            out.map.extend(start..i);
            prev_space = last_space;
            continue;
        }
        let (c, len) = char_at(text, i);
        if c.is_whitespace() {
            if !prev_space {
                prev_space = true;
                out.text.push(' ');
                out.map.push(i);
            }
        } else if !is_ignorable(c) {
            prev_space = false;
            let f = fold_char(c);
            out.text.push(f);
            out.map.extend(std::iter::repeat_n(i, f.len_utf8()));
        }
        i += len;
    }
    out.map.push(text.len());
}

/// Folds `text` into a fresh buffer.
pub(crate) fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::new(),
        map: Vec::new(),
    };
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_variants_and_keeps_offsets() {
        let text = "İ  Taliban’s IS‑K";
        let f = fold(text);
        assert_eq!(f.text, "i taliban's is-k");
        let s = f.text.find("taliban").unwrap();
        let (os, oe) = (f.orig_start(s), f.orig_end(text, s + 7));
        assert_eq!(&text[os..oe], "Taliban");
        let s = f.text.find("is-k").unwrap();
        assert_eq!(&text[f.orig_start(s)..f.orig_end(text, s + 4)], "IS‑K");
    }

    proptest::proptest! {
        /// Copying ASCII a run at a time folds as reading one char at a time does.
        #[test]
        fn runs_fold_like_single_chars(text in "[a-zA-Z .'’İ\u{AD}\u{A0}\t\n\u{b}‑-]{0,40}") {
            let (mut folded, mut map, mut prev_space) = (String::new(), Vec::new(), false);
            for (i, c) in text.char_indices() {
                if c.is_whitespace() {
                    if !prev_space {
                        folded.push(' ');
                        map.push(i);
                    }
                    prev_space = true;
                } else if !is_ignorable(c) {
                    prev_space = false;
                    folded.push(fold_char(c));
                    map.extend(std::iter::repeat_n(i, fold_char(c).len_utf8()));
                }
            }
            map.push(text.len());
            let f = fold(&text);
            proptest::prop_assert_eq!(f.text, folded);
            proptest::prop_assert_eq!(f.map, map);
        }
    }

    #[test]
    fn ignorable_chars_vanish() {
        let f = fold("Tali\u{AD}ban\u{A0}\n rule");
        assert_eq!(f.text, "taliban rule");
    }
}
