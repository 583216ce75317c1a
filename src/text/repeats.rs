//! Repeat detection for the "parse" stage: scraped and re-pasted articles
//! often contain whole paragraphs twice (a page's "read more" expansion, a
//! paste done twice). The reader shows each text once, so every later copy is
//! linked to its first occurrence here, while its kind stays what it was so
//! that the layout of the article is still explained by its structure.

use std::collections::HashMap;

use super::lines::normalise;
use super::{BlockKind, RawBlock};

/// Paragraphs shorter than this (in chars, after normalising whitespace) may
/// legitimately recur ("Yes.", "Why?"), so they are never treated as repeats.
const MIN_PARAGRAPH_CHARS: usize = 30;

/// Whether a block of this kind may be folded into an earlier copy. Titles
/// have their own repeat rule and trailing matter is never touched.
fn foldable(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Heading
    )
}

/// Set `repeat_of` on every paragraph, list item or heading whose normalised
/// text equals an earlier non-trailer block's, pointing at the first
/// occurrence. Blocks that already carry `repeat_of` are left alone.
pub(crate) fn mark_repeats(source: &str, blocks: &mut [RawBlock]) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (i, block) in blocks.iter_mut().enumerate() {
        if block.kind == BlockKind::Trailer {
            continue;
        }
        let key = normalise(source.get(block.span.clone()).unwrap_or(""));
        let long_enough = block.kind != BlockKind::Paragraph
            || key.chars().nth(MIN_PARAGRAPH_CHARS - 1).is_some();
        match first_seen.get(&key) {
            Some(&first) if foldable(block.kind) && block.repeat_of.is_none() && long_enough => {
                block.repeat_of = Some(first);
            }
            Some(_) => {}
            None => {
                first_seen.insert(key, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, span: std::ops::Range<usize>) -> RawBlock {
        RawBlock {
            kind,
            span,
            line: 1,
            repeat_of: None,
        }
    }

    #[test]
    fn marks_later_copies_only() {
        let src = "The same paragraph appears twice here.|Short.|The same  paragraph appears twice here.|Short.|The same paragraph appears twice here.";
        let mut blocks = vec![
            block(BlockKind::Paragraph, 0..38),
            block(BlockKind::Paragraph, 39..45),
            block(BlockKind::Paragraph, 46..85),
            block(BlockKind::Paragraph, 86..92),
            block(BlockKind::Trailer, 93..131),
        ];
        mark_repeats(src, &mut blocks);
        let got: Vec<_> = blocks.iter().map(|b| b.repeat_of).collect();
        assert_eq!(got, vec![None, None, Some(0), None, None]);
    }

    #[test]
    fn short_list_items_and_headings_repeat() {
        let src = "Yes|Yes|Yes";
        let mut blocks = vec![
            block(BlockKind::Heading, 0..3),
            block(BlockKind::ListItem, 4..7),
            block(BlockKind::Paragraph, 8..11),
        ];
        mark_repeats(src, &mut blocks);
        let got: Vec<_> = blocks.iter().map(|b| b.repeat_of).collect();
        assert_eq!(got, vec![None, Some(0), None]);
    }
}
