//! Render stage, keyword in context: the few words around a mention, for actor pages.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::{Article, Mention};

/// Characters of context kept on each side of the keyword: about a phone's line on either
/// side, enough to read the clause the name stands in.
const WIDTH: usize = 48;

/// The forms an article writes a name in, with their counts, most frequent first: forms that
/// differ only in the case of their first letter ("The Taliban" opening a sentence, "the
/// Taliban" inside one) are one form, spelled as the article spells it most often.
pub fn forms_of<'s>(written: impl IntoIterator<Item = &'s str>) -> Vec<(String, usize)> {
    // Spellings are counted first, so only the few distinct ones of an article are folded.
    let mut spellings: BTreeMap<&'s str, usize> = BTreeMap::new();
    for form in written {
        *spellings.entry(form).or_default() += 1;
    }
    let mut by_form: BTreeMap<String, BTreeMap<&'s str, usize>> = BTreeMap::new();
    for (spelling, count) in spellings {
        by_form
            .entry(lower_first(spelling))
            .or_default()
            .insert(spelling, count);
    }
    let mut forms: Vec<(String, usize)> = by_form
        .into_values()
        .map(|spellings| {
            let total = spellings.values().sum();
            let (spelling, _) = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .expect("a form has a spelling");
            (spelling.to_string(), total)
        })
        .collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    forms
}

fn lower_first(form: &str) -> String {
    let mut chars = form.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Block plain texts of one article, each built once however many mentions it holds: an actor
/// named forty times in a paragraph should not rebuild the paragraph forty times.
pub struct BlockTexts<'a> {
    article: &'a Article,
    texts: BTreeMap<usize, PlainText>,
}

type PlainText = (String, Vec<(usize, usize, usize)>);

impl<'a> BlockTexts<'a> {
    /// An empty cache for `article`.
    pub fn new(article: &'a Article) -> Self {
        BlockTexts {
            article,
            texts: BTreeMap::new(),
        }
    }

    /// `(left, keyword, right)` around a mention, cut at word boundaries, with ellipses where
    /// cut.
    pub fn around(&mut self, mention: &Mention) -> (String, String, String) {
        self.around_span(mention.block, mention.span.clone())
    }

    /// The mention's words as [`Self::around`] shows them, without building the block's text:
    /// a mention lies in one stretch of source that the plain text copies verbatim, so its
    /// words are its source bytes. Counting a form costs nothing.
    pub fn keyword(&self, mention: &Mention) -> &'a str {
        &self.article.source[mention.span.clone()]
    }

    /// [`Self::around`] for any source span of block `block` (entity mentions, quotes).
    pub fn around_span(&mut self, block: usize, span: Range<usize>) -> (String, String, String) {
        let article = self.article;
        let (text, map) = self
            .texts
            .entry(block)
            .or_insert_with(|| article.blocks[block].plain_text(&article.source));
        around_in(text, map, &span)
    }
}

/// Plain-text byte range of source span `span` in a block's plain `text`.
fn plain_range(text: &str, map: &[(usize, usize, usize)], span: &Range<usize>) -> Range<usize> {
    let start = map
        .iter()
        .find(|(_, s, len)| span.start >= *s && span.start < s + len)
        .map(|(p, s, _)| p + span.start - s)
        .unwrap_or(0);
    start..(start + span.len()).min(text.len())
}

fn around_in(
    text: &str,
    map: &[(usize, usize, usize)],
    span: &Range<usize>,
) -> (String, String, String) {
    let r = plain_range(text, map, span);
    let (before, keyword, after) = (&text[..r.start], &text[r.clone()], &text[r.end..]);
    (left_of(before), keyword.to_string(), right_of(after))
}

fn left_of(before: &str) -> String {
    // Only the tail can be shown: counting the whole paragraph's chars for every mention made
    // actor pages quadratic in a paragraph's length.
    let mut from = before.len().saturating_sub(WIDTH * 4 + 4);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    let n = tail.chars().count();
    if from == 0 && n <= WIDTH {
        return before.to_string();
    }
    let cut: String = tail.chars().skip(n - WIDTH).collect();
    let cut = cut.split_once(' ').map_or(cut.as_str(), |(_, rest)| rest);
    format!("…{cut}")
}

fn right_of(after: &str) -> String {
    if after.chars().nth(WIDTH).is_none() {
        return after.to_string();
    }
    let cut: String = after.chars().take(WIDTH).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_the_words_the_context_shows() {
        use crate::model::{Format, MentionKind, Meta};
        // Markdown emphasis and a link make the plain text differ from the source.
        let source = "The *Taliban* met [Russia](https://x.org) on **3 July**, said Kabul.\n";
        let (blocks, _) = crate::parse::markdown::blocks(source, 0);
        let article = Article {
            id: "a".into(),
            source_path: "a.md".into(),
            source: source.into(),
            format: Format::Markdown,
            meta: Meta::default(),
            blocks,
            mentions: vec![],
            entities: vec![],
            quotes: vec![],
            event_words: Default::default(),
            warnings: vec![],
            corpus_digest: 0,
        };
        let mut texts = BlockTexts::new(&article);
        for word in ["Taliban", "Russia", "3 July", "Kabul"] {
            let start = source.find(word).unwrap();
            let mention = Mention {
                kind: MentionKind::Duration("P1Y".into()),
                span: start..start + word.len(),
                block: 0,
                sentence: std::sync::Arc::from(""),
            };
            // The keyword read from the source is the one the plain text shows in context.
            assert_eq!(texts.keyword(&mention), texts.around(&mention).1);
        }
    }

    #[test]
    fn cuts_at_words_with_ellipses() {
        let long = "word ".repeat(40);
        let left = left_of(&long);
        assert!(left.starts_with('…') && left.chars().count() <= WIDTH + 1);
        let right = right_of(&long);
        assert!(right.ends_with('…') && !right.contains("wor…"));
        assert_eq!(left_of("short "), "short ");
    }
}

#[cfg(test)]
mod forms_tests {
    use super::forms_of;

    #[test]
    fn forms_that_differ_in_their_first_capital_are_one() {
        let forms = forms_of([
            "the Taliban",
            "The Taliban",
            "the Taliban",
            "Taliban leaders",
            "The Taliban",
            "The Taliban",
        ]);
        assert_eq!(
            forms,
            vec![
                ("The Taliban".to_string(), 5),
                ("Taliban leaders".to_string(), 1)
            ]
        );
        // A tie keeps the first spelling in byte order; other capitals stay apart.
        assert_eq!(
            forms_of(["the Kremlin", "The Kremlin", "THE KREMLIN"]),
            vec![
                ("The Kremlin".to_string(), 2),
                ("THE KREMLIN".to_string(), 1)
            ]
        );
    }
}
