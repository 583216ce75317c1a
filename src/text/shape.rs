//! Shape tests for the "parse" stage: a pasted article carries no markup, so
//! the only evidence of structure is how each line *looks* — its length, its
//! capitalisation, whether it ends like a sentence. These helpers measure that
//! evidence once, outlet-independently, and stay cheap on pathological input
//! (counts are capped so a 5 MB line costs no more than a short one).

/// Words that Title Case leaves lowercase inside a heading; they neither prove
/// nor disprove Title Case, so they are ignored when counting.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "nor", "but", "by", "with", "at",
    "as", "is", "be", "not", "vs", "vs.", "from", "into", "onto", "upon", "via", "per", "than",
    "so", "yet", "if",
];

/// Abbreviations whose trailing period does not end a sentence, so that
/// "Dr. Spanta said" is not split into two sentences.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "mt", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig", "vol",
];

/// Count words but stop after `cap + 1`, because callers only ask "is this
/// short?" and must not scan a multi-megabyte line to answer.
pub(crate) fn word_count_upto(text: &str, cap: usize) -> usize {
    text.split_whitespace().take(cap + 1).count()
}

/// Count chars but stop after `cap + 1`, for the same reason as word counts.
pub(crate) fn char_count_upto(text: &str, cap: usize) -> usize {
    text.chars().take(cap + 1).count()
}

/// Drop closing quotes, brackets and emphasis marks so that the line's real
/// last punctuation can be inspected (`He said “no.”` ends with a period).
pub(crate) fn strip_closers(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_') || c.is_whitespace()
    })
}

/// The last meaningful char of a line, after closers.
pub(crate) fn last_char(text: &str) -> Option<char> {
    strip_closers(text).chars().next_back()
}

/// Whether the line ends the way a sentence does (with a period or ellipsis),
/// which headlines and headings almost never do.
pub(crate) fn ends_with_period(text: &str) -> bool {
    matches!(last_char(text), Some('.' | '…'))
}

/// Whether most significant words start with a capital: the mark of a
/// headline or subheading as opposed to running prose. Small function words
/// are ignored, the first word must be capitalised, and words that do not
/// start with a letter (numbers, symbols) are neutral.
pub(crate) fn is_title_case(text: &str) -> bool {
    let mut considered = 0usize;
    let mut capitalised = 0usize;
    for (n, raw) in text.split_whitespace().take(64).enumerate() {
        let word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        let upper = first.is_uppercase();
        if n == 0 && !upper {
            return false;
        }
        let bare = word
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .to_lowercase();
        if n > 0 && SMALL_WORDS.contains(&bare.as_str()) {
            continue;
        }
        considered += 1;
        if upper {
            capitalised += 1;
        }
    }
    considered > 0 && capitalised * 4 >= considered * 3
}

/// Number of words in `text` that start with a letter and are not small
/// function words (the first word always counts); used to tell a one-word
/// heading from a dateline.
pub(crate) fn significant_words(text: &str) -> usize {
    text.split_whitespace()
        .take(64)
        .enumerate()
        .filter(|&(n, raw)| {
            let word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
            let bare = word
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            word.chars().next().is_some_and(char::is_alphabetic)
                && (n == 0 || !SMALL_WORDS.contains(&bare.as_str()))
        })
        .count()
}

/// Byte offset just past the first sentence of `text` (its terminal
/// punctuation and any closing quotes), or `None` when `text` holds a single
/// sentence. A break needs `.`, `!`, `?` or `…`, then whitespace, then
/// something that can open a sentence; periods after initials and common
/// abbreviations do not count.
pub(crate) fn first_sentence_end(text: &str) -> Option<usize> {
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow repeated punctuation and closing quotes: `?!`, `.”`.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']') {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() || after.is_empty() {
            continue;
        }
        let opener = after.chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '‘' | '\'' | '(')
        });
        if opener && !(c == '.' && is_abbreviation(&text[..i])) {
            return Some(end);
        }
    }
    None
}

/// Whether the word right before a period is an initial or abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let token = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        // A single capital is an initial: "J. Smith".
        (Some(c), None) => c.is_uppercase(),
        // Dotted forms such as "U.S" or "e.g".
        _ if token.contains('.') => true,
        _ => ABBREVIATIONS.contains(&token.to_lowercase().as_str()),
    }
}

/// Whether `text` reads as one sentence, the shape of a standfirst or heading.
pub(crate) fn is_single_sentence(text: &str) -> bool {
    first_sentence_end(text).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case() {
        assert!(is_title_case("Bitter Enemies to Pragmatic Partners"));
        assert!(is_title_case("What Does Recognition Mean?"));
        assert!(is_title_case("A Calculus of Interests"));
        assert!(is_title_case(
            "Recognizing the Taliban Won’t Make Them Legitimate"
        ));
        assert!(is_title_case("“Cold Peace” in the Gulf"));
        assert!(!is_title_case("Russia won’t be the last."));
        assert!(!is_title_case(
            "So, let’s ask ourselves honestly: What have we done?"
        ));
        assert!(!is_title_case("the End of an Era"));
        assert!(!is_title_case("١٢٣"));
        assert!(!is_title_case(""));
    }

    #[test]
    fn sentences() {
        assert_eq!(first_sentence_end("One. Two."), Some(4));
        assert_eq!(first_sentence_end("He said “no.” Then left."), Some(17));
        assert_eq!(first_sentence_end("Dr. Rangin Spanta spoke."), None);
        assert_eq!(first_sentence_end("The U.S. Army left."), None);
        assert_eq!(first_sentence_end("J. R. Smith wrote it."), None);
        assert_eq!(
            first_sentence_end("It rose 3.5 percent. Then fell."),
            Some(20)
        );
        assert_eq!(first_sentence_end("Why? because."), None);
        assert!(is_single_sentence("What Might Change?"));
    }

    #[test]
    fn endings_and_counts() {
        assert!(ends_with_period("He left.”"));
        assert!(ends_with_period("And then…"));
        assert!(!ends_with_period("Who Might Be Next?"));
        assert_eq!(word_count_upto("a b c d", 2), 3);
        assert_eq!(char_count_upto("ééé", 10), 3);
        assert_eq!(significant_words("July 5, 2025"), 1);
    }
}
