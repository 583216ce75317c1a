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
use crate::html::{escape, safe_url};
use crate::model::{Block, BlockKind, Inline};
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
    code: Option<(String, String, usize)>,
    table: Option<(Vec<Event<'static>>, usize)>,
    warnings: Vec<(usize, String)>,
    links: Vec<ArticleLink>,
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

    fn line(&self, at: usize) -> usize {
        self.lines.line(at.min(self.source.len()))
    }

    fn raw(&mut self, html: String, at: usize) {
        self.flush();
        let line = self.line(at);
        self.out.push(Block {
            kind: BlockKind::Raw(html),
            line,
            inlines: vec![],
            anchor: String::new(),
            repeat_of: None,
        });
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
        if self.leaf.is_none() {
            self.open(BlockKind::Paragraph, at);
        }
        if let Some(leaf) = self.leaf.as_mut() {
            leaf.inlines.push(inline);
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        if self.table.is_some() {
            let event = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = match self.article_href(&dest_url, range.start) {
                        Some(href) => href.into(),
                        None => dest_url,
                    };
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                other => other,
            };
            let Some((events, _)) = self.table.as_mut() else {
                return;
            };
            let end = matches!(event, Event::End(TagEnd::Table));
            events.push(event.into_static());
            if end {
                let (events, at) = self.table.take().unwrap_or_default();
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, events.into_iter().map(safe_event));
                self.raw(html, at);
            }
            return;
        }
        if let Some((code, _, _)) = self.code.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (code, lang, at) = self.code.take().unwrap_or_default();
                    let (html, warning) = highlight::code_block(&code, &lang);
                    if let Some(w) = warning {
                        let line = self.line(at);
                        self.warnings.push((line, w));
                    }
                    self.raw(html, at);
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
                self.inline(Inline::Markup("<code>".into()), at);
                self.inline(Inline::Literal(t.into_string()), at);
                self.inline(Inline::Markup("</code>".into()), at);
            }
            Event::SoftBreak => self.inline(Inline::Literal(" ".into()), at),
            Event::HardBreak => self.inline(Inline::Markup("<br>".into()), at),
            Event::Rule => self.raw("<hr>".into(), at),
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
            Tag::BlockQuote(_) => self.raw("<blockquote>".into(), at),
            Tag::List(Some(n)) => self.raw(format!("<ol start=\"{n}\">"), at),
            Tag::List(None) => self.raw("<ul>".into(), at),
            Tag::Item => self.raw("<li>".into(), at),
            Tag::CodeBlock(kind) => {
                self.flush();
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((String::new(), lang, at));
            }
            Tag::Table(a) => {
                self.flush();
                self.table = Some((vec![Event::Start(Tag::Table(a))], at));
            }
            Tag::Emphasis => self.inline(Inline::Markup("<em>".into()), at),
            Tag::Strong => self.inline(Inline::Markup("<strong>".into()), at),
            Tag::Strikethrough => self.inline(Inline::Markup("<del>".into()), at),
            Tag::Link { dest_url, .. } => {
                let href = match self.article_href(&dest_url, at) {
                    Some(href) => href,
                    None => safe_url(&dest_url),
                };
                self.inline(
                    Inline::Markup(format!("<a href=\"{}\">", escape(&href))),
                    at,
                );
            }
            Tag::Image { dest_url, .. } => {
                let href = safe_url(&dest_url);
                self.inline(
                    Inline::Markup(format!("<a href=\"{}\">", escape(&href))),
                    at,
                );
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd, at: usize) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.flush(),
            TagEnd::BlockQuote(_) => self.raw("</blockquote>".into(), at),
            TagEnd::List(true) => self.raw("</ol>".into(), at),
            TagEnd::List(false) => self.raw("</ul>".into(), at),
            TagEnd::Item => self.raw("</li>".into(), at),
            TagEnd::Emphasis => self.inline(Inline::Markup("</em>".into()), at),
            TagEnd::Strong => self.inline(Inline::Markup("</strong>".into()), at),
            TagEnd::Strikethrough => self.inline(Inline::Markup("</del>".into()), at),
            TagEnd::Link | TagEnd::Image => self.inline(Inline::Markup("</a>".into()), at),
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    // The page's <h1> is the article title; body headings start at <h2>.
    (level as u8).clamp(2, 6)
}

/// Table cells go through pulldown-cmark's own HTML writer: make sure no raw HTML or unsafe
/// link reaches it.
fn safe_event(event: Event<'static>) -> Event<'static> {
    match event {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(&dest_url).into(),
            title,
            id,
        }),
        Event::Start(Tag::Image { dest_url, .. }) => Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: safe_url(&dest_url).into(),
            title: "".into(),
            id: "".into(),
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_points_into_source() {
        let src = "# Head\n\nSome *em* text.\n";
        let (blocks, _) = blocks(src, 0);
        assert_eq!(blocks[0].kind, BlockKind::Heading(2));
        let (text, _) = blocks[1].plain_text(src);
        assert_eq!(text, "Some em text.");
        assert!(blocks[1].inlines.contains(&Inline::Markup("<em>".into())));
    }

    #[test]
    fn code_is_highlighted_raw_block() {
        let src = "Intro\n\n```rust\nlet x = 1;\n```\n";
        let (blocks, _) = blocks(src, 0);
        assert!(matches!(&blocks[1].kind, BlockKind::Raw(h) if h.contains("hl-")));
    }

    #[test]
    fn raw_html_and_script_links_are_inert() {
        let src = "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n";
        let html: String = blocks(src, 0)
            .0
            .iter()
            .flat_map(|b| b.inlines.iter())
            .map(|i| match i {
                Inline::Markup(m) => m.clone(),
                Inline::Literal(l) => escape(l),
                Inline::Source(r) => escape(&src[r.clone()]),
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
        let markup: Vec<&Inline> = body.blocks[0]
            .inlines
            .iter()
            .filter(|i| matches!(i, Inline::Markup(m) if m.starts_with("<a ")))
            .collect();
        assert_eq!(
            markup,
            [
                &Inline::Markup("<a href=\"../articles/other.html#p2\">".into()),
                &Inline::Markup("<a href=\"https://a.org/b.md\">".into())
            ]
        );
        assert!(
            matches!(&body.blocks[1].kind, BlockKind::Raw(h) if h.contains("href=\"../articles/t.html\"")),
            "{:?}",
            body.blocks[1].kind
        );
    }

    #[test]
    fn list_items_wrap_paragraphs() {
        let src = "- one\n- two\n";
        let kinds: Vec<_> = blocks(src, 0).0.into_iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Raw("<ul>".into()));
        assert_eq!(kinds[1], BlockKind::Raw("<li>".into()));
        assert_eq!(kinds[2], BlockKind::Paragraph);
    }
}
