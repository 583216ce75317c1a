//! Helper for stage 3 (metonymy): a tiny tokenizer over folded text.
//!
//! The metonymy rule only needs the few tokens on either side of a
//! candidate, so instead of tokenizing the whole paragraph it walks outward
//! from the candidate lazily. A token is either a word (a run of letters and
//! digits) or a single punctuation char; spaces separate tokens and are
//! never returned. Because folding lowercased the text and unified
//! apostrophes and hyphens, table lookups are plain string comparisons.

use super::normalize::is_word_char;

/// One token of folded text, with its folded byte span.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'a> {
    /// Folded byte offset of the first char.
    pub start: usize,
    /// Folded byte offset just past the last char.
    pub end: usize,
    /// True for letter/digit runs, false for a punctuation char.
    pub word: bool,
    /// The folded text of the token.
    pub text: &'a str,
}

impl Tok<'_> {
    /// A placeholder for fixed-size token buffers.
    pub const NONE: Tok<'static> = Tok {
        start: 0,
        end: 0,
        word: false,
        text: "",
    };

    /// Whether the token's folded text is exactly `s`.
    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

/// Tokens to the right of folded offset `pos`, nearest first.
pub(crate) fn after(text: &str, mut pos: usize) -> impl Iterator<Item = Tok<'_>> {
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let skip = rest.len() - rest.trim_start_matches(' ').len();
        let start = pos + skip;
        let c = text[start..].chars().next()?;
        let end = if is_word_char(c) {
            text[start..]
                .find(|c: char| !is_word_char(c))
                .map_or(text.len(), |n| start + n)
        } else {
            start + c.len_utf8()
        };
        pos = end;
        Some(Tok {
            start,
            end,
            word: is_word_char(c),
            text: &text[start..end],
        })
    })
}

/// Tokens to the left of folded offset `pos`, nearest first.
pub(crate) fn before(text: &str, mut pos: usize) -> impl Iterator<Item = Tok<'_>> {
    std::iter::from_fn(move || {
        let end = text[..pos].trim_end_matches(' ').len();
        let c = text[..end].chars().next_back()?;
        let start = if is_word_char(c) {
            text[..end]
                .rfind(|c: char| !is_word_char(c))
                .map_or(0, |n| {
                    n + text[n..].chars().next().map_or(1, char::len_utf8)
                })
        } else {
            end - c.len_utf8()
        };
        pos = start;
        Some(Tok {
            start,
            end,
            word: is_word_char(c),
            text: &text[start..end],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_both_ways() {
        let t = "ties between moscow and kabul's  romance";
        let k = t.find("kabul").unwrap();
        let left: Vec<&str> = before(t, k).take(3).map(|t| t.text).collect();
        assert_eq!(left, ["and", "moscow", "between"]);
        let right: Vec<&str> = after(t, k + 5).map(|t| t.text).collect();
        assert_eq!(right, ["'", "s", "romance"]);
        assert_eq!(before(t, 0).count(), 0);
    }
}
