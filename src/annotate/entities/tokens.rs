//! Words of one paragraph with their byte ranges, as the entity rules see them: possessives
//! split off, initials and abbreviations keep their period, hyphenated names stay whole.

use super::words::{is, PARTICLES};

/// One word of the paragraph.
#[derive(Clone, Debug)]
pub struct Tok {
    /// Byte range of the word, without a possessive `’s`.
    pub start: usize,
    /// End of the word (exclusive), before any possessive.
    pub end: usize,
    /// True when `’s` or `'s` followed the word.
    pub possessive: bool,
    /// The word lowercased, periods removed: the key for the word lists.
    pub key: String,
    /// True when it looks like part of a name: capitalised, each hyphen part too.
    pub cap: bool,
    /// True when only spaces separate it from the previous word.
    pub joined: bool,
    /// True when it opens a sentence (nothing before it but sentence punctuation).
    pub initial: bool,
}

/// Abbreviations whose period belongs to the word ("Dr.", "St.").
const DOTTED: &[&str] = &[
    "dr", "mr", "mrs", "ms", "st", "jr", "sr", "gen", "col", "lt", "sen", "rep", "gov", "prof",
    "capt", "sgt", "rev", "mt", "ft",
];

/// Splits `text` into words; linear in its length.
pub fn tokens(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    let mut prev_end = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut chars = text[i..].char_indices().peekable();
        while let Some((off, ch)) = chars.next() {
            let next_alnum = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if ch.is_alphanumeric() || (matches!(ch, '-' | '‐' | '.' | '\'' | '’') && next_alnum)
            {
                end = i + off + ch.len_utf8();
            } else {
                break;
            }
        }
        let mut word = &text[start..end];
        let mut possessive = false;
        for suffix in ["’s", "'s", "’S", "'S"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                if !stem.is_empty() {
                    possessive = true;
                    word = stem;
                }
            }
        }
        let mut word_end = start + word.len();
        let key_of = |w: &str| w.to_lowercase().replace('.', "");
        let mut key = key_of(word);
        // "Dr." and the initial in "J. Smith" keep their period.
        if !possessive && bytes.get(end) == Some(&b'.') {
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || is(DOTTED, &key) {
                end += 1;
                word_end = end;
            }
        }
        let gap = &text[prev_end..start];
        let joined =
            !out.is_empty() && !gap.is_empty() && gap.chars().all(|g| g == ' ' || g == '\u{a0}');
        let initial = out.is_empty()
            || gap.contains(['.', '?', '!', ':', ';', '“', '"', '(', '–', '—'])
            || gap.contains('\n');
        let cap = is_name_word(word);
        key.shrink_to_fit();
        out.push(Tok {
            start,
            end: word_end,
            possessive,
            key,
            cap,
            joined,
            initial,
        });
        prev_end = end;
        i = end.max(start + 1);
        while !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Capitalised, with every hyphen part capitalised or a particle ("Tehrik-e-Taliban"), and
/// at least one lowercase letter unless it is an initial: "Muslim-majority" and "NGO" are not
/// names.
fn is_name_word(word: &str) -> bool {
    let parts: Vec<&str> = word.split(['-', '‐']).collect();
    let first_up = word.chars().next().is_some_and(char::is_uppercase);
    let parts_ok = parts.iter().all(|p| {
        p.chars().next().is_some_and(char::is_uppercase)
            || p.chars().count() == 1
            || is(PARTICLES, &p.to_lowercase())
    });
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let has_lower = word.chars().any(char::is_lowercase);
    let initial = letters == 1 && word.ends_with('.');
    let digits = word.chars().any(|c| c.is_ascii_digit());
    first_up && parts_ok && !digits && (has_lower || initial)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!t[6].cap && !t[7].cap && t[1].cap);
    }
}
