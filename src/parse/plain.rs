//! Parse stage, plain text: adapts recovered structure ([`crate::text`]) to [`Block`]s.

use crate::model::{Block, BlockKind, Container, Inline};
use crate::text::{self, BlockKind as Raw};

/// The article's blocks, with list runs wrapped in a bulleted list, and the inferred title.
pub fn blocks(source: &str) -> (Vec<Block>, String) {
    let raw = text::recover(source);
    let title = text::inferred_title(source, &raw);
    let mut out: Vec<Block> = Vec::with_capacity(raw.len() + 4);
    let mut new_index = Vec::with_capacity(raw.len());
    let mut in_list = false;
    for rb in &raw {
        let is_item = rb.kind == Raw::ListItem && rb.repeat_of.is_none();
        if is_item != in_list && (is_item || rb.repeat_of.is_none()) {
            let list = match is_item {
                true => BlockKind::Open(Container::Bullets),
                false => BlockKind::Close(Container::Bullets),
            };
            out.push(structure(list, rb.line));
            in_list = is_item;
        }
        new_index.push(out.len());
        out.push(Block {
            kind: kind_of(rb.kind),
            line: rb.line,
            inlines: vec![Inline::Source(rb.span.clone())],
            anchor: String::new(),
            repeat_of: rb.repeat_of.map(|i| new_index[i]),
        });
    }
    if in_list {
        let line = raw.last().map_or(1, |b| b.line);
        out.push(structure(BlockKind::Close(Container::Bullets), line));
    }
    (out, title)
}

fn kind_of(kind: Raw) -> BlockKind {
    match kind {
        Raw::Title => BlockKind::Title,
        Raw::Standfirst => BlockKind::Standfirst,
        Raw::Heading => BlockKind::Heading(2),
        Raw::Paragraph => BlockKind::Paragraph,
        Raw::ListItem => BlockKind::ListItem,
        Raw::Trailer => BlockKind::Trailer,
    }
}

fn structure(kind: BlockKind, line: usize) -> Block {
    Block {
        kind,
        line,
        inlines: Vec::new(),
        anchor: String::new(),
        repeat_of: None,
    }
}
