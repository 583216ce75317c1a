//! Structure recovery, the "parse" stage of dossier: articles arrive as
//! copy-pasted plain text, one paragraph per line, with the page's headline,
//! summary, subheadings, lists and footer boilerplate flattened into the same
//! kind of line. This module classifies each line back into the role it had
//! on the page and links duplicated paragraphs, so that later stages can
//! typeset an edited-looking reader and annotate only the article's own text.
//! Everything is located by byte offsets into the source as stored, and the
//! rules are outlet-independent: they look at the shape of lines, never at
//! strings from any particular site.

mod headings;
mod lines;
mod repeats;
mod shape;
mod title;
mod trailer;

use std::ops::Range;

/// The role a line played on the original page; the reader typesets each
/// role differently and annotates only body roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The article's headline, shown as the page title.
    Title,
    /// The one-sentence summary printed under the headline.
    Standfirst,
    /// A subheading that opens a section of the body.
    Heading,
    /// An ordinary body paragraph.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// Footer boilerplate (disclaimers, bios, share debris), shown muted and
    /// never annotated.
    Trailer,
}

/// One block of a plain-text article, located by byte offsets into the source as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    /// What role the block plays, so the reader can typeset it.
    pub kind: BlockKind,
    /// Bytes of the block's text in the source: list marker and surrounding
    /// whitespace and line ending excluded, so annotations can point into the
    /// stored file directly.
    pub span: Range<usize>,
    /// 1-based line number in the source, for diagnostics that a person can follow.
    pub line: usize,
    /// `Some(i)`: this block's text repeats block `i` verbatim (normalised
    /// whitespace), so the reader shows it once.
    pub repeat_of: Option<usize>,
}

/// Recover the structure of a plain-text article.
///
/// Why this order: the trailing matter is cut first so that footer lines can
/// never be taken for a headline or subheading; the head (title, repeats,
/// standfirst) is then read from what remains; every other line is a list
/// item by its marker, a heading by its shape and what follows it, or a
/// paragraph; finally duplicated paragraphs are linked. Never panics.
pub fn recover(source: &str) -> Vec<RawBlock> {
    let lines = lines::split_lines(source);
    // At least the first line is article text, whatever it says.
    let tail = trailer::trailer_start(source, &lines, 1);
    let head = title::detect_head(source, &lines[..tail]);
    let body_end = tail.max(head.end());

    let mut blocks: Vec<RawBlock> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let mut repeat_of = None;
        let kind = if head.title == Some(i) {
            BlockKind::Title
        } else if head.repeats.contains(&i) {
            repeat_of = head.title;
            BlockKind::Title
        } else if head.standfirst == Some(i) {
            BlockKind::Standfirst
        } else if i >= body_end {
            BlockKind::Trailer
        } else if line.marker {
            BlockKind::ListItem
        } else if headings::is_heading(source, line, lines[..body_end].get(i + 1))
            && !is_head_line(&head, i + 1)
        {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        let span = match kind {
            BlockKind::ListItem | BlockKind::Trailer => line.body.clone(),
            _ => line.span.clone(),
        };
        blocks.push(RawBlock {
            kind,
            span,
            line: line.line,
            repeat_of,
        });
    }
    repeats::mark_repeats(source, &mut blocks);
    blocks
}

/// Whether line `i` was claimed by the head; a heading cannot introduce the
/// headline, only body text.
fn is_head_line(head: &title::Head, i: usize) -> bool {
    head.title == Some(i) || head.repeats.contains(&i) || head.standfirst == Some(i)
}

/// A title for an article that has none configured: the Title block's text if
/// recovery found one, else the first sentence of the first paragraph
/// shortened at a word boundary to ≤ 80 chars with "…". Returns an empty
/// string when the article has no text at all, leaving the fallback to the
/// caller.
pub fn inferred_title(source: &str, blocks: &[RawBlock]) -> String {
    title::inferred_title(source, blocks)
}

#[cfg(test)]
mod tests;
