//! Words of one paragraph with their byte ranges, as the entity rules see them: possessives
//! split off, initials and abbreviations keep their period, hyphenated names stay whole.

use super::key::{Key, INLINE};
use super::words::{classes, classes_packed, is_particle_any_case};
use crate::chars::char_at;

/// One word of the paragraph. It owns no heap memory (its key is a [`Key`]), so a
/// paragraph's tokens are one flat allocation.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// Byte range of the word, without a possessive `’s`.
    pub start: usize,
    /// End of the word (exclusive), before any possessive.
    pub end: usize,
    /// True when `’s` or `'s` followed the word.
    pub possessive: bool,
    /// The word lowercased, periods removed: the key for the word lists.
    pub key: Key,
    /// True when it looks like part of a name: capitalised, each hyphen part too.
    pub cap: bool,
    /// True when only spaces separate it from the previous word.
    pub joined: bool,
    /// True when it opens a sentence (nothing before it but sentence punctuation).
    pub initial: bool,
    /// True when it is written as an acronym: two or more capitals and no more lowercase
    /// letters than capitals ("ISIL", "U.S.", "CJTF-OIR", "DoD"), no digits.
    pub acronym: bool,
    /// The word classes its key belongs to ([`super::words::classes`]), looked up once here
    /// for the rules that ask every word about a class.
    pub class: u32,
}

impl Tok {
    /// Whether the word's key is in `list`: [`super::words::is`] without a lookup.
    #[inline]
    pub fn is(&self, list: super::words::Words) -> bool {
        list.among(self.class)
    }

    /// [`super::words::is_stop`] of the word's key, from its classes.
    #[inline]
    pub fn is_stop(&self) -> bool {
        super::words::is_stop_classed(&self.key, self.class)
    }

    /// Whether the word is an adjective of nationality, religion or region
    /// ([`super::words::is_adjective_classed`]).
    #[inline]
    pub fn is_adjective(&self) -> bool {
        super::words::is_adjective_classed(&self.key, self.class)
    }
}

/// Abbreviations whose period belongs to the word ("Dr.", "St.").
const DOTTED: &[&str] = &[
    "dr", "mr", "mrs", "ms", "st", "jr", "sr", "gen", "col", "lt", "sen", "rep", "gov", "prof",
    "capt", "sgt", "rev", "mt", "ft", "maj", "brig", "adm", "cmdr", "cdr", "spc", "pvt", "cpl",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether `key` (lowercase, no period) is an abbreviation whose period belongs to the word.
pub fn is_dotted_abbreviation(key: &str) -> bool {
    is_dotted_abbreviation_bytes(key.as_bytes())
}

/// [`is_dotted_abbreviation`] of a key given as bytes; every such key has two to four letters,
/// so most words need no comparison.
pub fn is_dotted_abbreviation_bytes(key: &[u8]) -> bool {
    (2..=4).contains(&key.len()) && DOTTED.iter().any(|d| d.as_bytes() == key)
}

/// Splits `text` into words; linear in its length. ASCII, nearly all of the text, is read
/// byte by byte and only other characters are decoded: this runs on every paragraph. A word
/// of ASCII letters and digits alone (no hyphen, period or apostrophe inside or after it),
/// nearly every word, is classed from counts taken as it is read; any other word takes the
/// general path ([`general_word`]).
pub fn tokens(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    let mut prev_end = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if !is_alnum(c) {
                i += len;
                continue;
            }
        }
        let start = i;
        let (mut upper, mut lower, mut digits) = (0usize, 0usize, 0usize);
        // The key of a plain word, lowercased as it is read (`| 0x20` keeps digits as they
        // are), little-endian in two numbers: its first eight bytes and the next ones.
        let (mut lo, mut hi) = (0u64, 0u64);
        let mut at = start;
        while at < bytes.len() {
            let c = bytes[at];
            if c.is_ascii_lowercase() {
                lower += 1;
            } else if c.is_ascii_uppercase() {
                upper += 1;
            } else if c.is_ascii_digit() {
                digits += 1;
            } else {
                break;
            }
            let n = at - start;
            let lowered = u64::from(c | 0x20);
            if n < 8 {
                lo |= lowered << (8 * n);
            } else if n < INLINE {
                hi |= lowered << (8 * (n - 8));
            }
            at += 1;
        }
        // A joining mark with a letter or digit after it, or any non-ASCII character, makes a
        // word of the general kind.
        let plain = at > start
            && match bytes.get(at) {
                None => true,
                Some(&c) if c >= 0x80 => false,
                Some(b'-' | b'.' | b'\'') => !bytes
                    .get(at + 1)
                    .is_some_and(|&n| n >= 0x80 || n.is_ascii_alphanumeric()),
                Some(_) => true,
            };
        let gap = gap_flags(text, prev_end, start, out.is_empty());
        // Each kind of word pushes its own token, built once where it is stored.
        let end = if plain {
            let (tok, end) = plain_word(text, start, at, [upper, lower, digits], [lo, hi], gap);
            out.push(tok);
            end
        } else {
            let (mut tok, end) = general_word(text, start);
            (tok.joined, tok.initial) = gap;
            tok.class = match tok.key.packed() {
                Some(p) => classes_packed(p),
                None => classes(&tok.key),
            };
            out.push(tok);
            end
        };
        prev_end = end;
        i = end.max(start + 1);
        while !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Whether a word after the gap `text[prev_end..start]` is joined to the word before it and
/// opens a sentence; `first` when no word came before it in the paragraph.
#[inline]
fn gap_flags(text: &str, prev_end: usize, start: usize, first: bool) -> (bool, bool) {
    if &text.as_bytes()[prev_end..start] == b" " {
        // The usual gap, a single space.
        return (!first, first);
    }
    let gap = &text[prev_end..start];
    // Marks of no width (a left-to-right mark pasted with the text) join like spaces.
    let joined = !first
        && !gap.is_empty()
        && gap
            .chars()
            .all(|g| matches!(g, ' ' | '\u{a0}' | '\u{200b}'..='\u{200f}' | '\u{feff}'));
    let initial = first
        || gap.contains(['.', '?', '!', ':', ';', '“', '"', '(', '–', '—'])
        || gap.contains('\n');
    (joined, initial)
}

/// The token of a word of ASCII letters and digits at `start..end`, given its counts of
/// capitals, lowercase letters and digits, its key's first [`INLINE`] bytes as the scan
/// lowercased them (see [`Key::from_words`]) and its [`gap_flags`], and where the scan goes
/// on after it.
#[inline(always)]
fn plain_word(
    text: &str,
    start: usize,
    end: usize,
    counts: [usize; 3],
    lowered: [u64; 2],
    (joined, initial): (bool, bool),
) -> (Tok, usize) {
    let [upper, lower, digits] = counts;
    let bytes = text.as_bytes();
    let word = &text[start..end];
    let key = if word.len() <= INLINE {
        Key::from_words(lowered, word.len())
    } else {
        Key::new(&word.to_ascii_lowercase())
    };
    let first_up = bytes[start].is_ascii_uppercase();
    // "Dr." and the initial in "J. Smith" keep their period.
    let period = bytes.get(end) == Some(&b'.')
        && ((word.len() == 1 && first_up) || is_dotted_abbreviation_bytes(key.as_bytes()));
    let word_end = end + usize::from(period);
    // As [`is_acronym`] and [`is_name_word`] judge a word of one part.
    let acronym = first_up && digits == 0 && upper >= 2 && lower <= upper.saturating_sub(1).min(2);
    let cap = !acronym && first_up && digits == 0 && (lower > 0 || (upper == 1 && period));
    // Short words, most of them, are looked up by their packed bytes.
    let class = if word.len() <= 8 {
        classes_packed(lowered[0])
    } else {
        classes(&key)
    };
    let tok = Tok {
        start,
        end: word_end,
        possessive: false,
        key,
        cap,
        joined,
        initial,
        acronym,
        class,
    };
    (tok, word_end)
}

/// The token of any word starting at `start` (a letter or digit), and where the scan goes on
/// after it: hyphenated names, possessives, abbreviations with periods, non-ASCII letters.
fn general_word(text: &str, start: usize) -> (Tok, usize) {
    let bytes = text.as_bytes();
    let mut end = word_end(text, start);
    // "ISIL-held", "Iraq-based": the name before a lowercase hyphen part is a word of its
    // own; "al-Assad" and "Tehrik-e-Taliban" stay whole.
    if let Some(cut) = name_before_hyphen(&text[start..end]) {
        end = start + cut;
    }
    let mut word = &text[start..end];
    let mut possessive = false;
    // Every possessive ends in "s" or "S": other words need no suffix tests.
    let ends_s = matches!(word.as_bytes().last(), Some(b's' | b'S'));
    for suffix in ["’s", "'s", "’S", "'S"].into_iter().filter(|_| ends_s) {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                possessive = true;
                word = stem;
            }
        }
    }
    let mut word_end = start + word.len();
    let key = key_of(word);
    // "Dr.", the initial in "J. Smith" and the last letter of "U.S." keep their period.
    if !possessive && bytes.get(end) == Some(&b'.') {
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if initial || is_dotted_abbreviation(&key) || is_dotted_acronym(word) {
            end += 1;
            word_end = end;
        }
    }
    let acronym = is_acronym(word);
    // With its period, so an initial ("L." of "Joseph L. Votel") is a name word.
    let cap = !acronym && is_name_word(&text[start..word_end]);
    let tok = Tok {
        start,
        end: word_end,
        possessive,
        key,
        cap,
        joined: false,
        initial: false,
        acronym,
        class: 0,
    };
    (tok, end)
}

/// Where the word starting at `start` (a letter or digit) ends: it runs over letters and
/// digits, and over a hyphen, period or apostrophe with a letter or digit after it. Runs of
/// ASCII letters and digits, nearly every word, are skipped without decoding.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = start;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        if at == bytes.len() {
            return at;
        }
        let (ch, len) = char_at(text, at);
        let next = at + len;
        let joins = matches!(ch, '-' | '‐' | '.' | '\'' | '’')
            && next < bytes.len()
            && is_alnum(char_at(text, next).0);
        if is_alnum(ch) || joins {
            at = next;
        } else {
            return at;
        }
    }
}

/// Whether `c` is a letter or digit. Quotation marks and dashes (General Punctuation, which
/// holds no letter or digit) are answered without the Unicode tables.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The word lowercased with its periods removed; ASCII words, nearly all, without decoding.
fn key_of(word: &str) -> Key {
    if word.is_ascii() && word.len() <= INLINE {
        let mut bytes = [0u8; INLINE];
        let mut n = 0;
        for &b in word.as_bytes().iter().filter(|&&b| b != b'.') {
            bytes[n] = b.to_ascii_lowercase();
            n += 1;
        }
        Key::inline(bytes, n)
    } else if word.is_ascii() {
        let mut key = word.replace('.', "");
        key.make_ascii_lowercase();
        Key::new(&key)
    } else {
        // The whole word at once: `str::to_lowercase` knows a final sigma from any other.
        Key::new(&word.to_lowercase().replace('.', ""))
    }
}

/// Capitalised, with every hyphen part capitalised or a particle ("Tehrik-e-Taliban"), and
/// at least one lowercase letter unless it is an initial: "Muslim-majority" and "NGO" are not
/// names. The cheap tests go first, since most words are lowercase and fail the first.
fn is_name_word(word: &str) -> bool {
    let first_up = word.chars().next().is_some_and(char::is_uppercase);
    // "al-Abadi", "bin-Laden": a lowercase particle glued to a capitalised name.
    if !first_up && word.len() <= 40 && word.as_bytes().get(..4).is_some_and(|b| b.contains(&b'-'))
    {
        if let Some((particle, rest)) = word.split_once(['-', '‐']) {
            if is_particle_any_case(particle) {
                return is_name_word(rest);
            }
        }
    }
    if !first_up || word.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let has_lower = word.chars().any(char::is_lowercase);
    if !has_lower {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if !(letters == 1 && word.ends_with('.')) {
            return false;
        }
    }
    word.split(['-', '‐']).all(|p| {
        p.chars().next().is_some_and(char::is_uppercase)
            || p.chars().count() == 1
            || is_particle_any_case(p)
    })
}

/// Where a name or acronym before a hyphen ends, when a lowercase word that is no particle
/// follows it ("ISIL-held" → 4); `None` for whole names and lowercase words.
fn name_before_hyphen(word: &str) -> Option<usize> {
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let hyphen = word.find('-')?;
    let (head, rest) = (&word[..hyphen], &word[hyphen + 1..]);
    let rest_first = rest.split('-').next().unwrap_or("");
    // "Iran-Iraq", "U.S.-Iraq": two places joined are two names.
    let place = |w: &str| super::gazetteer::lookup(w).is_some_and(|g| g.kind.is_place());
    if rest_first.starts_with(|c: char| c.is_uppercase()) && place(head) && place(rest_first) {
        return Some(hyphen);
    }
    let lower = rest.chars().next().is_some_and(char::is_lowercase);
    // A one-letter part is a linking particle too ("Tehrik-e-Taliban", "Hizb-i-Islami").
    let particle = is_particle_any_case(rest_first) || rest_first.chars().count() == 1;
    (lower && !particle && (is_name_word(head) || is_acronym(head))).then_some(hyphen)
}

/// "U.S", "U.K", "D.C": single capitals joined by periods (the last period follows).
fn is_dotted_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                *c == b'.'
            }
        })
}

/// Written as an acronym: at least two capitals, no digit, no more lowercase letters than
/// capitals, and no lowercase letter first ("ISIL", "U.S.", "CJTF-OIR", "DoD"; not "McGurk",
/// "F-16" or "iPhone").
pub fn is_acronym(word: &str) -> bool {
    // Most words start in lowercase: no count needed.
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_ascii_digit() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 2
        && lower <= upper.saturating_sub(1).min(2)
        && word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was before the plain-word path: the fast path must agree with it.
    fn reference_tokens(text: &str) -> Vec<Tok> {
        let bytes = text.as_bytes();
        let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 6);
        let mut i = 0;
        let mut prev_end = 0;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            if !is_alnum(c) {
                i += len;
                continue;
            }
            let start = i;
            let mut end = word_end(text, start);
            // "ISIL-held", "Iraq-based": the name before a lowercase hyphen part is a word of its
            // own; "al-Assad" and "Tehrik-e-Taliban" stay whole.
            if let Some(cut) = name_before_hyphen(&text[start..end]) {
                end = start + cut;
            }
            let mut word = &text[start..end];
            let mut possessive = false;
            // Every possessive ends in "s" or "S": other words need no suffix tests.
            let ends_s = matches!(word.as_bytes().last(), Some(b's' | b'S'));
            for suffix in ["’s", "'s", "’S", "'S"].into_iter().filter(|_| ends_s) {
                if let Some(stem) = word.strip_suffix(suffix) {
                    if !stem.is_empty() {
                        possessive = true;
                        word = stem;
                    }
                }
            }
            let mut word_end = start + word.len();
            let key = key_of(word);
            // "Dr.", the initial in "J. Smith" and the last letter of "U.S." keep their period.
            if !possessive && bytes.get(end) == Some(&b'.') {
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if initial || DOTTED.contains(&key.as_str()) || is_dotted_acronym(word) {
                    end += 1;
                    word_end = end;
                }
            }
            let (joined, initial) = if &bytes[prev_end..start] == b" " {
                // The usual gap, a single space.
                (!out.is_empty(), out.is_empty())
            } else {
                let gap = &text[prev_end..start];
                // Marks of no width (a left-to-right mark pasted with the text) join like spaces.
                let joined = !out.is_empty()
                    && !gap.is_empty()
                    && gap.chars().all(|g| {
                        matches!(g, ' ' | '\u{a0}' | '\u{200b}'..='\u{200f}' | '\u{feff}')
                    });
                let initial = out.is_empty()
                    || gap.contains(['.', '?', '!', ':', ';', '“', '"', '(', '–', '—'])
                    || gap.contains('\n');
                (joined, initial)
            };
            let class = classes(&key);
            let acronym = is_acronym(word);
            // With its period, so an initial ("L." of "Joseph L. Votel") is a name word.
            let cap = !acronym && is_name_word(&text[start..word_end]);
            out.push(Tok {
                start,
                end: word_end,
                possessive,
                key,
                cap,
                joined,
                initial,
                acronym,
                class,
            });
            prev_end = end;
            i = end.max(start + 1);
            while !text.is_char_boundary(i) {
                i += 1;
            }
        }
        out
    }

    fn same(a: &Tok, b: &Tok) -> bool {
        (
            a.start,
            a.end,
            a.possessive,
            &a.key,
            a.cap,
            a.joined,
            a.initial,
            a.acronym,
            a.class,
        ) == (
            b.start,
            b.end,
            b.possessive,
            &b.key,
            b.cap,
            b.joined,
            b.initial,
            b.acronym,
            b.class,
        )
    }

    proptest::proptest! {
        /// The plain-word path gives the tokens the general path gives.
        #[test]
        fn tokens_match_the_general_reading(
            text in "([A-Za-z0-9]{1,6}|[ .,'’‐é—\\-\n(“]|Dr|U\\.S|ISIL|’s|'s|al-|Gen)*{0,12}"
        ) {
            let fast = tokens(&text);
            let slow = reference_tokens(&text);
            proptest::prop_assert_eq!(fast.len(), slow.len(), "{:?}", text);
            for (a, b) in fast.iter().zip(&slow) {
                proptest::prop_assert!(same(a, b), "{:?}: {:?} vs {:?}", text, a, b);
            }
        }

        /// The byte-wise scan ends words where reading whole characters does.
        #[test]
        fn word_end_matches_a_char_by_char_reading(text in "[a-zA-Z0-9 .'’‐é—-]{0,40}") {
            for (start, c) in text.char_indices().filter(|&(_, c)| is_alnum(c)) {
                let chars: Vec<(usize, char)> = text[start..].char_indices().collect();
                let mut end = start + c.len_utf8();
                for (k, &(at, ch)) in chars.iter().enumerate().skip(1) {
                    let next_alnum = chars.get(k + 1).is_some_and(|&(_, n)| is_alnum(n));
                    let joins = matches!(ch, '-' | '‐' | '.' | '\'' | '’') && next_alnum;
                    if !is_alnum(ch) && !joins {
                        break;
                    }
                    end = start + at + ch.len_utf8();
                }
                proptest::prop_assert_eq!(word_end(&text, start), end, "{:?} at {}", text, start);
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        assert!(('\u{2000}'..='\u{206f}').all(|c| !c.is_alphanumeric()));
    }

    #[test]
    fn splits_possessives_and_keeps_title_periods() {
        let t = tokens("Dr. Rangin Spanta met Russia’s envoy, Muslim-majority US.");
        let words: Vec<&str> = t
            .iter()
            .map(|t| &"Dr. Rangin Spanta met Russia’s envoy, Muslim-majority US."[t.start..t.end])
            .collect();
        assert_eq!(words[0], "Dr.");
        assert_eq!(words[4], "Russia");
        assert!(t[4].possessive);
        assert!(t[1].joined && !t[6].joined);
        // "Muslim-majority": the name before a lowercase hyphen part is a word of its own.
        assert!(t[6].cap && !t[7].cap && !t[8].cap && t[1].cap);
        assert!(t[8].acronym && !t[6].acronym && !t[1].acronym);
        assert!(is_name_word("al-Abadi") && !is_name_word("al-held") && !is_name_word("counter"));
    }

    #[test]
    fn acronyms_keep_their_periods_and_need_capitals() {
        let text = "The U.S. and ISIL-held DoD sites near F-16 jets of McGurk and CJTF-OIR.";
        let t = tokens(text);
        let acronyms: Vec<&str> = t
            .iter()
            .filter(|t| t.acronym)
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(acronyms, ["U.S.", "ISIL", "DoD", "CJTF-OIR"]);
        let text = "the Iran-Iraq war and Tehrik-e-Taliban";
        let words: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["the", "Iran", "Iraq", "war", "and", "Tehrik-e-Taliban"]
        );
        assert_eq!(t[1].key, "us");
        let t = tokens("Gen. Joseph L. Votel");
        assert!(t.iter().all(|t| t.cap) && t[2].end == 14);
        assert!(!is_acronym("I") && !is_acronym("Mosul") && !is_acronym("A1"));
    }
}
