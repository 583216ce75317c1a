//! Line splitting for the "parse" stage: before any structure can be
//! recovered, a pasted article has to be cut into its non-blank lines, each
//! located by byte offsets into the source *as stored* (BOM included), so that
//! later stages can annotate the original bytes without re-searching for text.
//! Every boundary produced here is a char boundary by construction: we only
//! split at ASCII line terminators and trim whole chars.

use std::ops::Range;

/// One non-blank source line, kept as offsets so that every later stage can
/// point back into the stored bytes without copying text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number, because that is what editors and error messages show.
    pub line: usize,
    /// The trimmed line, list marker included; used for shape tests that care
    /// about the whole visible line.
    pub span: Range<usize>,
    /// The trimmed line with any list marker removed; this is what a reader shows.
    pub body: Range<usize>,
    /// Whether the line opens with a list marker, because list items are
    /// recognised by their marker alone.
    pub marker: bool,
}

impl Line {
    /// The whole trimmed line, for shape tests.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.clone()]
    }

    /// The line without its list marker, for content tests.
    #[cfg(test)]
    pub fn body_text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.body.clone()]
    }
}

/// Characters that are invisible padding rather than content: pasted text
/// often carries zero-width spaces or stray BOMs at line edges.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Split `source` into its non-blank lines. A leading UTF-8 BOM is skipped but
/// still counted in offsets; `\n`, `\r\n` and lone `\r` all end a line, because
/// copy-paste from different platforms mixes them freely.
pub(crate) fn split_lines(source: &str) -> Vec<Line> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut start = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut line_no = 1;
    let mut i = start;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            push_line(source, start..i, line_no, &mut out);
            if at_end {
                break;
            }
            // "\r\n" is one terminator, not two.
            let step = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            i += step;
            start = i;
            line_no += 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Trim one raw line and record it if anything visible is left.
fn push_line(source: &str, raw: Range<usize>, line: usize, out: &mut Vec<Line>) {
    let text = &source[raw.clone()];
    let trimmed = text.trim_matches(is_padding);
    if trimmed.is_empty() {
        return;
    }
    let lead = text.len() - text.trim_start_matches(is_padding).len();
    let start = raw.start + lead;
    let span = start..start + trimmed.len();
    let (body, marker) = match list_marker_len(trimmed) {
        Some(n) => (start + n..span.end, true),
        None => (span.clone(), false),
    };
    out.push(Line {
        line,
        span,
        body,
        marker,
    });
}

/// Byte length of the list marker (and the padding after it) at the start of
/// an already-trimmed line, if there is one. A marker with no letter or digit
/// after it ("* * *", a lone "-") is decoration, not a list item.
pub(crate) fn list_marker_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let after = if matches!(first, '-' | '–' | '—' | '•' | '*' | '·') {
        let (i, second) = chars.next()?;
        if second.is_whitespace() {
            i + second.len_utf8()
        } else if first == '•' {
            // A bullet glyph is unambiguous even when glued to the text.
            i
        } else {
            return None;
        }
    } else {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        let mut rest = text[digits..].chars();
        if !matches!(rest.next(), Some('.' | ')')) {
            return None;
        }
        let ws = rest.next()?;
        if !ws.is_whitespace() {
            return None;
        }
        digits + 1 + ws.len_utf8()
    };
    let rest = &text[after..];
    let content = rest.trim_start_matches(is_padding);
    if !content.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(text.len() - content.len())
}

/// Collapse runs of whitespace to single spaces so that re-pasted copies of a
/// paragraph compare equal even when their spacing drifted.
///
/// The same as joining `split_whitespace` with spaces, but reading ASCII byte by byte and
/// copying each word whole: every paragraph of every article passes through here.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let mut word_start = None;
    let mut i = 0;
    while i < text.len() {
        let (c, len) = crate::chars::char_at(text, i);
        // `char_at` decodes only non-ASCII; `is_whitespace` answers ASCII without a table.
        let space = c.is_whitespace();
        match (space, word_start) {
            (true, Some(start)) => {
                push_word(&text[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        push_word(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(usize, &str, &str)> {
        split_lines(src)
            .iter()
            .map(|l| (l.line, l.text(src), l.body_text(src)))
            .collect()
    }

    #[test]
    fn mixed_line_endings_and_bom() {
        let src = "\u{FEFF}One  \r\nTwo\rThree\n\n  - Four\t";
        assert_eq!(
            texts(src),
            vec![
                (1, "One", "One"),
                (2, "Two", "Two"),
                (3, "Three", "Three"),
                (5, "- Four", "Four"),
            ]
        );
        let lines = split_lines(src);
        assert_eq!(lines[0].span, 3..6);
        assert_eq!(lines[3].body, 25..29);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split_lines("").is_empty());
        assert!(split_lines("\u{FEFF}").is_empty());
        assert!(split_lines("\n\r\n \u{00A0}\u{200B}\r").is_empty());
    }

    #[test]
    fn markers() {
        assert_eq!(list_marker_len("- a"), Some(2));
        assert_eq!(list_marker_len("– a"), Some(4));
        assert_eq!(list_marker_len("—  a"), Some(5));
        assert_eq!(list_marker_len("•a"), Some(3));
        assert_eq!(list_marker_len("12. Twelve"), Some(4));
        assert_eq!(list_marker_len("3) Three"), Some(3));
        assert_eq!(list_marker_len("1979. A year"), None);
        assert_eq!(list_marker_len("*The views"), None);
        assert_eq!(list_marker_len("* * *"), None);
        assert_eq!(list_marker_len("-"), None);
        assert_eq!(list_marker_len("7."), None);
        assert_eq!(list_marker_len("-5 degrees"), None);
    }

    #[test]
    fn normalise_collapses_space() {
        assert_eq!(normalise("  a \t b\u{00A0} c "), "a b c");
    }

    proptest::proptest! {
        #[test]
        fn normalise_joins_the_whitespace_split_words_with_spaces(
            text in "[ab’ \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{2003}\u{3000}]{0,40}"
        ) {
            let reference = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalise(&text), reference);
        }
    }
}
