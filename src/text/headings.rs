//! Subheading recognition for the "parse" stage: long articles are broken up
//! by short Title Case lines ("A Calculus of Interests", "Who Might Be
//! Next?"), but a paste flattens them into ordinary lines. Telling them apart
//! from short prose sentences ("Russia won’t be the last.") lets the reader
//! restore the article's sections without trusting any outlet's markup.

use super::lines::Line;
use super::shape::{
    char_count_upto, is_single_sentence, is_title_case, last_char, significant_words,
    word_count_upto,
};

/// Most words a subheading may have; longer lines are prose.
const MAX_WORDS: usize = 10;
/// Most chars a subheading may have.
const MAX_CHARS: usize = 100;

/// Whether a line *looks* like a subheading on its own: short, Title Case,
/// one sentence, ending in a letter, digit, `?` or `!` (never `.`, `:` or
/// `,`), not a list item and not a byline. Whether it *is* one also depends on
/// what follows; see [`is_heading`].
pub(crate) fn is_heading_like(source: &str, line: &Line) -> bool {
    if line.marker {
        return false;
    }
    let text = line.text(source);
    let words = word_count_upto(text, MAX_WORDS);
    if words > MAX_WORDS || char_count_upto(text, MAX_CHARS) > MAX_CHARS {
        return false;
    }
    let ending_ok = last_char(text).is_some_and(|c| c.is_alphanumeric() || matches!(c, '?' | '!'));
    // A dateline ("July 5, 2025") has one real word among numbers; a genuine
    // one-word heading ("Background") has nothing else.
    let significant = significant_words(text);
    let enough_words = significant >= 2 || (significant == 1 && words == 1);
    ending_ok && enough_words && !is_byline(text) && is_single_sentence(text) && is_title_case(text)
}

/// "By Jane Doe" names the author; it is not a section.
fn is_byline(text: &str) -> bool {
    let mut words = text.split_whitespace();
    matches!(words.next(), Some("By" | "BY" | "by"))
        && words
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// A heading-like line counts as a heading only when the next line is body
/// text (a paragraph or list item): a heading introduces something, and two
/// heading-like lines in a row are more likely a kicker, byline or dateline.
pub(crate) fn is_heading(source: &str, line: &Line, next: Option<&Line>) -> bool {
    let Some(next) = next else {
        return false;
    };
    is_heading_like(source, line) && (next.marker || !is_heading_like(source, next))
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn like(text: &str) -> bool {
        let lines = split_lines(text);
        is_heading_like(text, &lines[0])
    }

    #[test]
    fn headings() {
        assert!(like("Bitter Enemies to Pragmatic Partners"));
        assert!(like("What Does Recognition Mean?"));
        assert!(like("Who Might Be Next?"));
        assert!(like("A Calculus of Interests"));
        assert!(like("Background"));
        assert!(like("The 2024 Election"));
    }

    #[test]
    fn not_headings() {
        assert!(!like("Russia won’t be the last."));
        assert!(!like(
            "So, let’s ask ourselves honestly: What have we done?"
        ));
        assert!(!like(
            "The question is: can this moment be leveraged for something constructive?"
        ));
        assert!(!like("Key Findings:"));
        assert!(!like("July 5, 2025"));
        assert!(!like("By Jane Doe"));
        assert!(!like("- A List Item Here"));
        assert!(!like(
            "Ten Reasons Why This Very Long Title Case Line Is Far Too Long"
        ));
        assert!(!like("2025"));
    }

    #[test]
    fn needs_body_after() {
        let src = "The Road Ahead\nIt will be long.\nEnd Matter\nAnother Heading Line\n";
        let l = split_lines(src);
        assert!(is_heading(src, &l[0], l.get(1)));
        assert!(!is_heading(src, &l[2], l.get(3)));
        assert!(!is_heading(src, &l[3], None));
    }
}
