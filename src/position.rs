//! Low layer, positions: byte offsets in a file to the 1-based `line:col` every message names.
//!
//! One [`LineIndex`] per text, built in one pass: each lookup is a binary search over line
//! starts, so a stage that asks for thousands of positions in one file (the Markdown parser asks
//! once per block) stays linear in the file's size. Every stage may use this module; it uses none.

/// The byte offset where each line of a text starts, for offset → line and column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Offset of the first byte of each line; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (after every `\n`).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of byte `offset` (offsets past the end count as the last line).
    pub fn line(&self, offset: usize) -> usize {
        // The number of line starts at or before `offset`.
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based line and column of byte `offset` in `text` (the text this index was built
    /// from); the column counts characters, and an offset inside a character or past the end
    /// is moved back to the nearest character boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// 1-based line and column of byte `offset` in `text`, for a single lookup; many lookups in
/// one text should share a [`LineIndex`].
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_in_characters() {
        assert_eq!(line_col("ab\ncé d", 0), (1, 1));
        assert_eq!(line_col("ab\ncé d", 3), (2, 1));
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
    }

    #[test]
    fn an_offset_inside_a_character_or_past_the_end_is_clamped() {
        // 'é' is bytes 4..6: offset 5 is inside it.
        assert_eq!(line_col("ab\ncé d", 5), (2, 2));
        assert_eq!(line_col("ab\n", 99), (2, 1));
        assert_eq!(line_col("", 0), (1, 1));
    }

    #[test]
    fn the_newline_belongs_to_the_line_it_ends() {
        let text = "one\ntwo\n\nfour";
        let index = LineIndex::new(text);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(3), 1, "the first \\n is on line 1");
        assert_eq!(index.line(4), 2);
        assert_eq!(index.line(8), 3, "an empty line");
        assert_eq!(index.line(9), 4);
        assert_eq!(index.line(1_000), 4);
    }

    proptest::proptest! {
        #[test]
        fn equals_counting_from_the_start(text in "[a-zé\n]{0,40}", at in 0usize..50) {
            let at = at.min(text.len());
            let before = &text[..(0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            proptest::prop_assert_eq!(line_col(&text, at), (line, col));
        }
    }
}
