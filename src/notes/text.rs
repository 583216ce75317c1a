//! Notes stage, the reader's text: what an article shows as text, in order, which is what
//! quotes are matched against and what exported positions count in.
//!
//! It is the plain text of every annotated block — standfirst, headings, paragraphs and list
//! items, each once (a paragraph the source repeats is shown once, so it is here once) — joined
//! by blank lines. Titles, trailing matter (bios, disclaimers) and code are not part of it.

use std::ops::Range;

use crate::model::Article;

/// An article's reader text, with the way back to blocks.
pub struct ReaderText {
    /// The text.
    pub text: String,
    /// `(reader byte start, block index, length)` per block, in order.
    runs: Vec<(usize, usize, usize)>,
}

/// The text between two blocks.
pub const BLOCK_SEPARATOR: &str = "\n\n";

impl ReaderText {
    /// Builds the reader text of `article`.
    pub fn of(article: &Article) -> ReaderText {
        let mut text = String::new();
        let mut runs = Vec::new();
        for (i, block) in article.blocks.iter().enumerate() {
            if !block.is_annotated() {
                continue;
            }
            if !text.is_empty() {
                text.push_str(BLOCK_SEPARATOR);
            }
            let plain = block.plain_text(&article.source).0;
            runs.push((text.len(), i, plain.len()));
            text.push_str(&plain);
        }
        ReaderText { text, runs }
    }

    /// The pieces of reader range `r` in each block it touches: `(block, range in the block's
    /// plain text)`, in order. Separators between blocks belong to none.
    pub fn segments(&self, r: Range<usize>) -> Vec<(usize, Range<usize>)> {
        self.runs
            .iter()
            .filter_map(|&(at, block, len)| {
                let start = r.start.max(at);
                let end = r.end.min(at + len);
                (start < end).then(|| (block, start - at..end - at))
            })
            .collect()
    }

    /// Code points before byte `at`: positions in the export count characters, as the
    /// W3C TextPositionSelector and annotation tools do.
    pub fn chars_before(&self, at: usize) -> usize {
        self.text[..at].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Format, Inline, Meta};

    fn block(kind: BlockKind, r: Range<usize>, repeat_of: Option<usize>) -> Block {
        Block {
            kind,
            line: 1,
            inlines: vec![Inline::Source(r)],
            anchor: String::new(),
            repeat_of,
        }
    }

    #[test]
    fn joins_shown_blocks_and_maps_back() {
        let source = "Title\nOne two.\nThree.\nOne two.\nBio.".to_string();
        let article = Article {
            id: "a".into(),
            source_path: "a.txt".into(),
            source,
            format: Format::Text,
            meta: Meta::default(),
            blocks: vec![
                block(BlockKind::Title, 0..5, None),
                block(BlockKind::Paragraph, 6..14, None),
                block(BlockKind::Paragraph, 15..21, None),
                block(BlockKind::Paragraph, 22..30, Some(1)),
                block(BlockKind::Trailer, 31..35, None),
            ],
            mentions: vec![],
            entities: vec![],
            quotes: vec![],
            event_words: Default::default(),
            warnings: vec![],
            corpus_digest: 0,
        };
        let r = ReaderText::of(&article);
        assert_eq!(r.text, "One two.\n\nThree.");
        assert_eq!(r.segments(4..13), vec![(1, 4..8), (2, 0..3)]);
        assert_eq!(r.chars_before(10), 10);
    }
}
