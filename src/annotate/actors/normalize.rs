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
    /// `(folded, original)` byte offsets where the two stop moving in step,
    /// sorted: from each such point on, folded byte `folded + k` came from
    /// original byte `original + k`, up to the next point. A paragraph of
    /// plain ASCII words has none; each collapsed space, dropped char or
    /// non-ASCII char adds one or two. Between points a folded multi-byte char
    /// maps to its original char by its first byte.
    jumps: Vec<(usize, usize)>,
}

impl Folded {
    /// Original byte offset where the folded char starting at `folded` begins.
    pub fn orig_start(&self, folded: usize) -> usize {
        let k = self.jumps.partition_point(|&(f, _)| f <= folded);
        match k.checked_sub(1).map(|k| self.jumps[k]) {
            Some((f, o)) => o + (folded - f),
            None => folded,
        }
    }

    /// Original byte offset just past the folded char ending at `folded_end`
    /// (exclusive). Computed from the original char rather than the next
    /// offset, so dropped or collapsed chars after a match never widen it.
    pub fn orig_end(&self, original: &str, folded_end: usize) -> usize {
        if folded_end == 0 {
            return 0;
        }
        let mut last = folded_end - 1;
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let start = self.orig_start(last);
        start + original[start..].chars().next().map_or(0, char::len_utf8)
    }

    /// Records that the next folded byte comes from original byte `orig`.
    fn at(&mut self, orig: usize) {
        let folded = self.text.len();
        if self.orig_start(folded) != orig {
            self.jumps.push((folded, orig));
        }
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

/// Eight bytes at `at` that the fast path copies as they are — ASCII, no
/// control chars, no two spaces in a row (nor a space first after one) — as
/// the offset past them and whether the last is a space; `None` when they
/// are not, or fewer than eight remain. Tests the eight at once in a `u64`
/// (SWAR) instead of byte by byte.
#[inline]
fn plain_chunk(bytes: &[u8], at: usize, space_before: bool) -> Option<(usize, bool)> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    let x = u64::from_le_bytes(chunk);
    // Bytes of 0x80 and above, or below 0x20 (x - 0x20 borrows into the high bit).
    let non_ascii = x & HIGH;
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    // Exactly the bytes equal to a space: the high bit of each, set where t is zero.
    let t = x ^ SPACES;
    let space = !(((t & LOW7).wrapping_add(LOW7)) | t | LOW7);
    let doubled = space & (space >> 8) != 0 || (space_before && space & 0x80 != 0);
    (non_ascii | control == 0 && !doubled).then_some((at + 8, space >> 63 != 0))
}

/// Folds `text` into `out` (buffers are reused to spare allocations).
pub(crate) fn fold_into(text: &str, out: &mut Folded) {
    out.text.clear();
    out.jumps.clear();
    out.text.reserve(text.len());
    let bytes = text.as_bytes();
    let mut prev_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !(is_ascii_space(b) && (b != b' ' || prev_space)) {
            // Fast path: most news text is ASCII with single spaces between words, copied a
            // run at a time (and lowercased at the end) with one offset jump per run at most;
            // a space stays in the run unless one came before it. Other whitespace and
            // non-ASCII characters take the char-by-char path below.
            let start = i;
            let mut last_space = prev_space;
            while let Some(next) = plain_chunk(bytes, i, last_space) {
                (i, last_space) = next;
            }
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
            out.at(start);
            out.text.push_str(&text[start..i]);
            prev_space = last_space;
            continue;
        }
        let (c, len) = char_at(text, i);
        if c.is_whitespace() {
            if !prev_space {
                prev_space = true;
                out.at(i);
                out.text.push(' ');
                out.at(i + len);
            }
        } else if !is_ignorable(c) {
            prev_space = false;
            out.at(i);
            out.text.push(fold_char(c));
            out.at(i + len);
        }
        i += len;
    }
    out.at(text.len());
    // Chars folded one by one are lowercase already; this lowercases the ASCII runs.
    out.text.make_ascii_lowercase();
}

/// Folds `text` into a fresh buffer.
pub(crate) fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::new(),
        jumps: Vec::new(),
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
            for i in (0..=f.text.len()).filter(|&i| f.text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(f.orig_start(i), map[i]);
            }
            for e in (1..=f.text.len()).filter(|&e| f.text.is_char_boundary(e)) {
                let start = map[e - 1];
                let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
                proptest::prop_assert_eq!(f.orig_end(&text, e), end);
            }
            proptest::prop_assert_eq!(f.text, folded);
        }
    }

    #[test]
    fn chunks_of_plain_ascii_are_taken_whole() {
        let plain = b"the talib an says";
        assert_eq!(plain_chunk(plain, 0, false), Some((8, false)));
        assert_eq!(plain_chunk(b"ends in ", 0, false), Some((8, true)));
        // A space first after a space, two in a row, a tab, a control char, non-ASCII: not plain.
        assert_eq!(plain_chunk(b" leading", 0, true), None);
        assert_eq!(plain_chunk(b"two  spa", 0, false), None);
        assert_eq!(plain_chunk(b"tab\there", 0, false), None);
        assert_eq!(plain_chunk(b"ctl\x01here", 0, false), None);
        assert_eq!(plain_chunk("caf\u{e9} ok!".as_bytes(), 0, false), None);
        assert_eq!(plain_chunk(b"short", 0, false), None);
    }

    #[test]
    fn ignorable_chars_vanish() {
        let f = fold("Tali\u{AD}ban\u{A0}\n rule");
        assert_eq!(f.text, "taliban rule");
    }
}
