//! Parse stage, Markdown: walks pulldown-cmark's events with their source offsets and turns
//! them into [`Block`]s whose text inlines point back into the source, so annotations can be
//! placed inside rendered Markdown without re-parsing it.
//!
//! Raw HTML in articles is shown as text, never passed through: scraped text must not be able
//! to inject markup or script. A link to another article written the obvious way, as a path to
//! its file (`[see](other.md)`, `./other.md#p2`), links to that article's page; the parse stage
//! checks that the article exists ([`ArticleLink`]).

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::highlight;
use crate::html::safe_url;
use crate::model::{Align, Block, BlockKind, Container, Inline, Style, Table};
use crate::position::LineIndex;
use crate::routes;

/// A link to another article by its file, as written in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    /// The destination as written (`./other.md#p2`).
    pub dest: String,
    /// The article id it names (`other`).
    pub id: String,
    /// Byte offset of the link in the source.
    pub at: usize,
}

/// What the Markdown body gave: blocks, warnings as `(line, message)`, links to articles.
pub struct Body {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// Warnings as `(line, message)`.
    pub warnings: Vec<(usize, String)>,
    /// Every link to an article by its file, in order.
    pub links: Vec<ArticleLink>,
}

/// The article a relative link to a `.md` or `.txt` file names, and its `#fragment` (or
/// `""`): `other.md`, `./other.md#p2`, `../seeds/other.txt`. Links with a scheme, absolute
/// paths, bare fragments and links to notes files are not article links.
pub fn article_link(dest: &str) -> Option<(&str, &str)> {
    let path_end = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(path_end);
    let fragment = rest.find('#').map_or("", |i| &rest[i..]);
    if path.is_empty() || path.starts_with('/') || path.split('/').next()?.contains(':') {
        return None;
    }
    let name = path.rsplit('/').next()?;
    if name.ends_with(".notes.md") {
        return None;
    }
    let id = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".txt"))?;
    (!id.is_empty()).then_some((id, fragment))
}

/// The blocks of the Markdown body that starts at `body_start`, and warnings as
/// `(line, message)`.
pub fn blocks(source: &str, body_start: usize) -> (Vec<Block>, Vec<(usize, String)>) {
    let body = body(source, body_start);
    (body.blocks, body.warnings)
}

/// [`blocks`], with the links to other articles.
pub fn body(source: &str, body_start: usize) -> Body {
    let mut b = Builder {
        source,
        lines: LineIndex::new(source),
        out: Vec::new(),
        leaf: None,
        open: Vec::new(),
        code: None,
        table: None,
        warnings: Vec::new(),
        links: Vec::new(),
    };
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let body = &source[body_start..];
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        b.event(event, range);
    }
    Body {
        blocks: b.out,
        warnings: b.warnings,
        links: b.links,
    }
}

struct Builder<'s> {
    source: &'s str,
    /// Line starts of `source`: a block's line is a lookup, not a count from byte 0.
    lines: LineIndex,
    out: Vec<Block>,
    leaf: Option<Block>,
    /// The containers open around the current block, innermost last.
    open: Vec<Container>,
    /// The code block being read: its text, language and offset.
    code: Option<(String, String, usize)>,
    /// The table being read, its offset, and the cell being read.
    table: Option<TableState>,
    warnings: Vec<(usize, String)>,
    links: Vec<ArticleLink>,
}

/// A table while its events arrive.
struct TableState {
    table: Table,
    at: usize,
    in_head: bool,
    cell: Option<Vec<Inline>>,
}

impl Builder<'_> {
    /// The page link for a link to an article by its file, recorded for the check that the
    /// article exists; `None` for every other link.
    fn article_href(&mut self, dest: &str, at: usize) -> Option<String> {
        let (id, fragment) = article_link(dest)?;
        self.links.push(ArticleLink {
            dest: dest.to_string(),
            id: id.to_string(),
            at,
        });
        // Article bodies are shown on article pages, which sit one folder down.
        let root = routes::root_for(&routes::article_path(id));
        Some(routes::article_href(&root, id) + fragment)
    }

    /// Where a link or an image (shown as a link to it) goes: an article's page, or the
    /// destination as written when it carries no script.
    fn href(&mut self, dest: &str, at: usize, image: bool) -> String {
        match image {
            false => self
                .article_href(dest, at)
                .unwrap_or_else(|| safe_url(dest)),
            true => safe_url(dest),
        }
    }

    fn line(&self, at: usize) -> usize {
        self.lines.line(at.min(self.source.len()))
    }

    /// A block with no text of its own (structure, code, a table).
    fn push(&mut self, kind: BlockKind, at: usize) {
        self.flush();
        let line = self.line(at);
        self.out.push(Block {
            kind,
            line,
            inlines: vec![],
            anchor: String::new(),
            repeat_of: None,
        });
    }

    fn open_container(&mut self, container: Container, at: usize) {
        self.open.push(container);
        self.push(BlockKind::Open(container), at);
    }

    fn close_container(&mut self, at: usize) {
        if let Some(container) = self.open.pop() {
            self.push(BlockKind::Close(container), at);
        }
    }

    fn open(&mut self, kind: BlockKind, at: usize) {
        self.flush();
        let line = self.line(at);
        self.leaf = Some(Block {
            kind,
            line,
            inlines: vec![],
            anchor: String::new(),
            repeat_of: None,
        });
    }

    fn flush(&mut self) {
        if let Some(block) = self.leaf.take() {
            if !block.inlines.is_empty() {
                self.out.push(block);
            }
        }
    }

    fn inline(&mut self, inline: Inline, at: usize) {
        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            cell.push(inline);
            return;
        }
        if self.leaf.is_none() {
            self.open(BlockKind::Paragraph, at);
        }
        if let Some(leaf) = self.leaf.as_mut() {
            leaf.inlines.push(inline);
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        if let Some((code, _, _)) = self.code.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (text, lang, at) = self.code.take().unwrap_or_default();
                    let lang = highlight::language(&lang).to_string();
                    if let Some(w) = highlight::unknown_language(&lang) {
                        let line = self.line(at);
                        self.warnings.push((line, w));
                    }
                    self.push(BlockKind::Code { lang, text }, at);
                }
                _ => {}
            }
            return;
        }
        let at = range.start;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, at),
            Event::Text(t) => {
                let inline = if self.source.get(range.clone()) == Some(&*t) {
                    Inline::Source(range)
                } else {
                    Inline::Literal(t.into_string())
                };
                self.inline(inline, at);
            }
            Event::Code(t) => {
                self.inline(Inline::Open(Style::Code), at);
                self.inline(Inline::Literal(t.into_string()), at);
                self.inline(Inline::Close(Style::Code), at);
            }
            Event::SoftBreak => self.inline(Inline::Literal(" ".into()), at),
            Event::HardBreak => self.inline(Inline::Break, at),
            Event::Rule => self.push(BlockKind::Rule, at),
            Event::Html(t) | Event::InlineHtml(t) => {
                self.inline(Inline::Literal(t.into_string()), at)
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        let at = range.start;
        match tag {
            Tag::Paragraph => self.open(BlockKind::Paragraph, at),
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(heading_level(level)), at),
            Tag::BlockQuote(_) => self.open_container(Container::Quote, at),
            Tag::List(Some(start)) => self.open_container(Container::Numbered { start }, at),
            Tag::List(None) => self.open_container(Container::Bullets, at),
            Tag::Item => self.open_container(Container::Item, at),
            Tag::CodeBlock(kind) => {
                self.flush();
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((String::new(), lang, at));
            }
            Tag::Table(aligns) => {
                self.flush();
                self.table = Some(TableState {
                    table: Table {
                        aligns: aligns.into_iter().map(align).collect(),
                        ..Table::default()
                    },
                    at,
                    in_head: false,
                    cell: None,
                });
            }
            Tag::TableHead => self.in_table(|t| t.in_head = true),
            Tag::TableRow => self.in_table(|t| t.table.rows.push(Vec::new())),
            Tag::TableCell => self.in_table(|t| t.cell = Some(Vec::new())),
            Tag::Emphasis => self.inline(Inline::Open(Style::Emphasis), at),
            Tag::Strong => self.inline(Inline::Open(Style::Strong), at),
            Tag::Strikethrough => self.inline(Inline::Open(Style::Strikethrough), at),
            Tag::Link { dest_url, .. } => {
                let href = self.href(&dest_url, at, false);
                self.inline(Inline::Link(href), at);
            }
            Tag::Image { dest_url, .. } => {
                let href = self.href(&dest_url, at, true);
                self.inline(Inline::Link(href), at);
            }
            _ => {}
        }
    }

    fn in_table(&mut self, f: impl FnOnce(&mut TableState)) {
        if let Some(t) = self.table.as_mut() {
            f(t);
        }
    }

    fn end(&mut self, end: TagEnd, at: usize) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.flush(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close_container(at),
            TagEnd::TableHead => self.in_table(|t| t.in_head = false),
            TagEnd::TableCell => self.in_table(|t| {
                let cell = t.cell.take().unwrap_or_default();
                match (t.in_head, t.table.rows.last_mut()) {
                    (false, Some(row)) => row.push(cell),
                    _ => t.table.head.push(cell),
                }
            }),
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push(BlockKind::Table(t.table), t.at);
                }
            }
            TagEnd::Emphasis => self.inline(Inline::Close(Style::Emphasis), at),
            TagEnd::Strong => self.inline(Inline::Close(Style::Strong), at),
            TagEnd::Strikethrough => self.inline(Inline::Close(Style::Strikethrough), at),
            TagEnd::Link | TagEnd::Image => self.inline(Inline::LinkEnd, at),
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    // The page's <h1> is the article title; body headings start at <h2>.
    (level as u8).clamp(2, 6)
}

fn align(a: pulldown_cmark::Alignment) -> Align {
    match a {
        pulldown_cmark::Alignment::None => Align::None,
        pulldown_cmark::Alignment::Left => Align::Left,
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::escape;

    #[test]
    fn text_points_into_source() {
        let src = "# Head\n\nSome *em* text.\n";
        let (blocks, _) = blocks(src, 0);
        assert_eq!(blocks[0].kind, BlockKind::Heading(2));
        let (text, _) = blocks[1].plain_text(src);
        assert_eq!(text, "Some em text.");
        assert!(blocks[1].inlines.contains(&Inline::Open(Style::Emphasis)));
    }

    #[test]
    fn code_is_a_block_of_its_own_with_its_language() {
        let src = "Intro\n\n```rust,ignore\nlet x = 1;\n```\n\n```klingon\nqapla'\n```\n";
        let (blocks, warnings) = blocks(src, 0);
        assert_eq!(
            blocks[1].kind,
            BlockKind::Code {
                lang: "rust".into(),
                text: "let x = 1;\n".into()
            }
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].1.contains("klingon"));
    }

    #[test]
    fn raw_html_and_script_links_are_inert() {
        let src = "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n";
        let html: String = blocks(src, 0)
            .0
            .iter()
            .flat_map(|b| b.inlines.iter())
            .map(|i| match i {
                Inline::Link(href) => href.clone(),
                Inline::Literal(l) => escape(l),
                Inline::Source(r) => escape(&src[r.clone()]),
                _ => String::new(),
            })
            .collect();
        assert!(
            !html.contains("<script>") && !html.contains("javascript:"),
            "{html}"
        );
    }

    #[test]
    fn links_to_article_files_become_links_to_their_pages() {
        assert_eq!(article_link("other.md"), Some(("other", "")));
        assert_eq!(article_link("./other.md#p2"), Some(("other", "#p2")));
        assert_eq!(
            article_link("../seeds/gas-cap.txt?x=1#p3"),
            Some(("gas-cap", "#p3"))
        );
        for not in [
            "https://example.org/a.md",
            "/a.md",
            "#p2",
            "a.html",
            "a.notes.md",
            ".md",
            "mailto:a.md",
            "",
        ] {
            assert_eq!(article_link(not), None, "{not}");
        }
        let src = "See [the other](./other.md#p2), [x](https://a.org/b.md).\n\n| a |\n|---|\n| [t](t.txt) |\n";
        let body = body(src, 0);
        let ids: Vec<(&str, usize)> = body.links.iter().map(|l| (l.id.as_str(), l.at)).collect();
        assert_eq!(ids, [("other", 4), ("t", 72)]);
        let links: Vec<&Inline> = body.blocks[0]
            .inlines
            .iter()
            .filter(|i| matches!(i, Inline::Link(_)))
            .collect();
        assert_eq!(
            links,
            [
                &Inline::Link("../articles/other.html#p2".into()),
                &Inline::Link("https://a.org/b.md".into())
            ]
        );
        let BlockKind::Table(table) = &body.blocks[1].kind else {
            panic!("{:?}", body.blocks[1].kind)
        };
        assert!(table.rows[0][0].contains(&Inline::Link("../articles/t.html".into())));
    }

    #[test]
    fn list_items_wrap_paragraphs() {
        let src = "- one\n- two\n";
        let kinds: Vec<_> = blocks(src, 0).0.into_iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Open(Container::Bullets));
        assert_eq!(kinds[1], BlockKind::Open(Container::Item));
        assert_eq!(kinds[2], BlockKind::Paragraph);
        assert_eq!(kinds[3], BlockKind::Close(Container::Item));
        assert_eq!(kinds.last(), Some(&BlockKind::Close(Container::Bullets)));
    }
}
