//! Title and standfirst recovery for the "parse" stage: pasted articles often
//! start with the headline (sometimes pasted twice, sometimes after the lede
//! that a page showed above it) and a one-sentence summary. Recognising them
//! lets the reader typeset the head of the article and name articles that have
//! no configured title, without any outlet-specific markup.

use super::lines::Line;
use super::shape::{
    char_count_upto, ends_with_period, first_sentence_end, is_single_sentence, is_title_case,
    last_char, word_count_upto,
};
use super::{BlockKind, RawBlock};

/// How many of the first non-blank lines may hold a repeated headline; a
/// repeat further down is body text, not the article's head.
const HEAD_WINDOW: usize = 3;
/// How far (in non-blank lines) a headline's repeat may sit from the original.
const REPEAT_REACH: usize = 2;
/// Longest inferred title, in chars, including the ellipsis.
const MAX_INFERRED: usize = 80;

/// What the head of the article turned out to be, by index into the
/// non-blank lines. Kept separate from block kinds so that the trailer and
/// heading passes know which lines are already taken.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Head {
    /// The first occurrence of the headline.
    pub title: Option<usize>,
    /// Verbatim repeats of the headline near the top.
    pub repeats: Vec<usize>,
    /// The summary line right after the headline.
    pub standfirst: Option<usize>,
}

impl Head {
    /// Index of the first line after the head, so later passes can start there.
    pub fn end(&self) -> usize {
        let last = [self.title, self.repeats.last().copied(), self.standfirst]
            .into_iter()
            .flatten()
            .max();
        last.map_or(0, |i| i + 1)
    }
}

/// Short, unpunctuated like a headline: at most ~16 words and ~140 chars,
/// no sentence-final period, not a list item, and with some letters. A line
/// ending in a dash leads into the next one, as a wire dateline does
/// ("JOHANNESBURG, August 7 (Xinhua) --"): it is the story's first words.
pub(crate) fn is_title_like(source: &str, line: &Line) -> bool {
    let text = line.text(source);
    !line.marker
        && word_count_upto(text, 16) <= 16
        && char_count_upto(text, 140) <= 140
        && !ends_with_period(text)
        && !matches!(last_char(text), Some(':' | ';' | ',' | '-' | '–' | '—'))
        && !text.trim_end().ends_with(" _")
        && text.chars().any(char::is_alphabetic)
}

/// A one-sentence summary: 5–40 words, one sentence, prose case, and not a
/// lead-in to a list.
fn is_standfirst_like(source: &str, line: &Line) -> bool {
    let text = line.text(source);
    let words = word_count_upto(text, 40);
    !line.marker
        && (5..=40).contains(&words)
        && is_single_sentence(text)
        && !is_title_case(text)
        && !matches!(last_char(text), Some(':' | ';' | ','))
}

/// Find the headline, its repeats and the standfirst among `lines` (which
/// must already exclude trailing matter).
pub(crate) fn detect_head(source: &str, lines: &[Line]) -> Head {
    let norm = |i: usize| super::lines::normalise(lines[i].text(source));
    // A headline pasted twice near the top is the title wherever it sits.
    for i in 0..lines.len().min(HEAD_WINDOW) {
        if !is_title_like(source, &lines[i]) {
            continue;
        }
        let reach = (i + REPEAT_REACH + 1).min(lines.len());
        let repeats: Vec<usize> = (i + 1..reach).filter(|&j| norm(j) == norm(i)).collect();
        if let Some(&last) = repeats.last() {
            let standfirst = (i == 0)
                .then_some(last + 1)
                .filter(|&s| s + 1 < lines.len() && is_standfirst_like(source, &lines[s]));
            return Head {
                title: Some(i),
                repeats,
                standfirst,
            };
        }
    }
    // Otherwise only the first line can be the headline.
    let Some(first) = lines.first() else {
        return Head::default();
    };
    if !is_title_like(source, first) {
        return Head::default();
    }
    let standfirst =
        Some(1).filter(|&s| s + 1 < lines.len() && is_standfirst_like(source, &lines[s]));
    if is_title_case(first.text(source)) || standfirst.is_some() {
        Head {
            title: Some(0),
            repeats: Vec::new(),
            standfirst,
        }
    } else {
        Head::default()
    }
}

/// Shorten the first sentence of `text` at a word boundary to at most
/// `MAX_INFERRED` chars, marking the cut with "…".
fn shorten_first_sentence(text: &str) -> String {
    let sentence = match first_sentence_end(text) {
        Some(end) => &text[..end],
        None => text,
    };
    let sentence = super::lines::normalise(sentence);
    let sentence = sentence.trim_end_matches('.');
    if sentence.chars().count() <= MAX_INFERRED {
        return sentence.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for word in sentence.split(' ') {
        let len = word.chars().count();
        let extra = if out.is_empty() { len } else { len + 1 };
        if used + extra > MAX_INFERRED - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        used += extra;
    }
    if out.is_empty() {
        // One enormous word: cut it on a char boundary instead.
        out = sentence.chars().take(MAX_INFERRED - 1).collect();
    }
    let kept = out.trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '”'));
    format!("{kept}…")
}

/// See [`super::inferred_title`].
pub(crate) fn inferred_title(source: &str, blocks: &[RawBlock]) -> String {
    let text_of = |b: &RawBlock| source.get(b.span.clone()).unwrap_or("");
    if let Some(title) = blocks.iter().find(|b| b.kind == BlockKind::Title) {
        return super::lines::normalise(text_of(title));
    }
    let first = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .or_else(|| blocks.iter().find(|b| b.kind != BlockKind::Trailer));
    first.map_or_else(String::new, |b| shorten_first_sentence(text_of(b)))
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn head(src: &str) -> Head {
        detect_head(src, &split_lines(src))
    }

    #[test]
    fn title_case_headline_without_standfirst() {
        let h = head("Markets Rally as Rates Fall\nStocks rose on Monday. Bonds too.\n");
        assert_eq!(h.title, Some(0));
        assert_eq!(h.standfirst, None);
    }

    #[test]
    fn sentence_case_headline_needs_standfirst() {
        let src = "Why the central bank blinked\nA rate cut nobody expected shows how worried officials are\nBody text follows here.\n";
        let h = head(src);
        assert_eq!((h.title, h.standfirst), (Some(0), Some(1)));
        let no_sf = "Why the central bank blinked\nBody text follows here.\n";
        assert_eq!(head(no_sf), Head::default());
    }

    #[test]
    fn repeated_headline_after_lede() {
        let src = "A long lede sentence that a site printed above its headline, as some do.\nFloods Hit the Coast\n\nFloods Hit the Coast\nThe storm moved inland overnight.\nMore text.\n";
        let h = head(src);
        assert_eq!(h.title, Some(1));
        assert_eq!(h.repeats, vec![2]);
        assert_eq!(h.standfirst, None);
        assert_eq!(h.end(), 3);
    }

    #[test]
    fn a_dateline_leading_into_the_story_is_no_title() {
        let src = "JOHANNESBURG, August 7 (Xinhua) --\n\nSouth Africa deplored the blasts on Friday, a statement said.\nMore text.\n";
        assert_eq!(head(src), Head::default());
        let src =
            "NAIROBI, Kenya (AP) _\nThe embassy reopened on Monday after the attack.\nMore text.\n";
        assert_eq!(head(src), Head::default());
        // A headline with a dash inside it is still one.
        let src = "Floods -- and Fires -- Hit the Coast\nThe storm moved inland overnight.\n";
        assert_eq!(head(src).title, Some(0));
    }

    #[test]
    fn long_first_line_is_no_title() {
        let src = "This is a long opening paragraph that goes on and on, with many words, more than any headline would ever need to carry to its readers today.\nNext.\n";
        assert_eq!(head(src), Head::default());
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten_first_sentence("Short one. Second."), "Short one");
        let long = "In a groundbreaking move, Russia has formally recognized the Taliban-led government in Afghanistan, generating backlash. Next.";
        let t = shorten_first_sentence(long);
        assert_eq!(
            t,
            "In a groundbreaking move, Russia has formally recognized the Taliban-led…"
        );
        assert!(t.chars().count() <= MAX_INFERRED);
        let huge = "é".repeat(10_000);
        let t = shorten_first_sentence(&huge);
        assert_eq!(t.chars().count(), MAX_INFERRED);
        assert!(t.ends_with('…'));
    }
}
