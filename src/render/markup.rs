//! Render stage, document structure: the HTML of the blocks that have no annotated text of
//! their own (containers, rules, code, tables) and of the tags between inline text (styles,
//! links, breaks). Annotated text itself is written by `body.rs`.

use std::fmt::Write;

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::highlight;
use crate::html::escape;
use crate::model::{Align, BlockKind, Container, Inline, Style, Table};

/// Writes a block that has no text of its own; `source` is the article's text, which table
/// cells point into. Text blocks write nothing here.
pub fn push_block(out: &mut String, kind: &BlockKind, source: &str) {
    match kind {
        BlockKind::Open(c) => match c {
            Container::Quote => out.push_str("<blockquote>"),
            Container::Bullets => out.push_str("<ul>"),
            Container::Numbered { start } => {
                let _ = write!(out, "<ol start=\"{start}\">");
            }
            Container::Item => out.push_str("<li>"),
        },
        BlockKind::Close(c) => out.push_str(match c {
            Container::Quote => "</blockquote>",
            Container::Bullets => "</ul>",
            Container::Numbered { .. } => "</ol>",
            Container::Item => "</li>",
        }),
        BlockKind::Rule => out.push_str("<hr>"),
        BlockKind::Code { lang, text } => out.push_str(&highlight::code_block(text, lang)),
        BlockKind::Table(table) => push_table(out, table, source),
        _ => {}
    }
}

/// Writes an inline tag (a style, a link's ends, a break); text inlines write nothing here.
pub fn push_tag(out: &mut String, inline: &Inline) {
    match inline {
        Inline::Open(style) => {
            let _ = write!(out, "<{}>", element(*style));
        }
        Inline::Close(style) => {
            let _ = write!(out, "</{}>", element(*style));
        }
        Inline::Link(href) => {
            let _ = write!(out, "<a href=\"{}\">", escape(href));
        }
        Inline::LinkEnd => out.push_str("</a>"),
        Inline::Break => out.push_str("<br>"),
        Inline::Source(_) | Inline::Literal(_) => {}
    }
}

fn element(style: Style) -> &'static str {
    match style {
        Style::Emphasis => "em",
        Style::Strong => "strong",
        Style::Strikethrough => "del",
        Style::Code => "code",
    }
}

/// A table as pulldown-cmark's HTML writer sets one out (the cells' text escaped by it).
fn push_table(out: &mut String, table: &Table, source: &str) {
    let aligns = table.aligns.iter().map(|a| alignment(*a)).collect();
    let mut events = vec![
        Event::Start(Tag::Table(aligns)),
        Event::Start(Tag::TableHead),
    ];
    for cell in &table.head {
        push_cell(&mut events, cell, source);
    }
    events.push(Event::End(TagEnd::TableHead));
    for row in &table.rows {
        events.push(Event::Start(Tag::TableRow));
        for cell in row {
            push_cell(&mut events, cell, source);
        }
        events.push(Event::End(TagEnd::TableRow));
    }
    events.push(Event::End(TagEnd::Table));
    pulldown_cmark::html::push_html(out, events.into_iter());
}

fn push_cell<'a>(events: &mut Vec<Event<'a>>, cell: &'a [Inline], source: &'a str) {
    events.push(Event::Start(Tag::TableCell));
    for inline in cell {
        events.push(match inline {
            Inline::Source(r) => Event::Text(source.get(r.clone()).unwrap_or("").into()),
            Inline::Literal(s) => Event::Text(s.as_str().into()),
            Inline::Open(Style::Code) => Event::Html("<code>".into()),
            Inline::Close(Style::Code) => Event::Html("</code>".into()),
            Inline::Open(s) => Event::Start(tag(*s)),
            Inline::Close(s) => Event::End(tag(*s).to_end()),
            Inline::Link(href) => Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: href.as_str().into(),
                title: "".into(),
                id: "".into(),
            }),
            Inline::LinkEnd => Event::End(TagEnd::Link),
            Inline::Break => Event::HardBreak,
        });
    }
    events.push(Event::End(TagEnd::TableCell));
}

fn tag(style: Style) -> Tag<'static> {
    match style {
        Style::Emphasis => Tag::Emphasis,
        Style::Strong => Tag::Strong,
        Style::Strikethrough | Style::Code => Tag::Strikethrough,
    }
}

fn alignment(a: Align) -> Alignment {
    match a {
        Align::None => Alignment::None,
        Align::Left => Alignment::Left,
        Align::Center => Alignment::Center,
        Align::Right => Alignment::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_of(markdown: &str) -> String {
        let (blocks, _) = crate::parse::markdown::blocks(markdown, 0);
        let mut out = String::new();
        for b in &blocks {
            push_block(&mut out, &b.kind, markdown);
            for inline in &b.inlines {
                push_tag(&mut out, inline);
            }
        }
        out
    }

    #[test]
    fn tables_are_written_as_pulldown_cmark_writes_them() {
        let md = "| a | *b* |\n|:--|--:|\n| `x<y` | [t](https://e.org/?q=1&r=2) |\n";
        let mut expected = String::new();
        let events = pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES);
        pulldown_cmark::html::push_html(&mut expected, events);
        assert_eq!(html_of(md), expected);
    }

    #[test]
    fn containers_close_as_they_opened() {
        assert_eq!(
            html_of("> quote\n\n3. one\n4. two\n\n---\n"),
            "<blockquote></blockquote><ol start=\"3\"><li></li><li></li></ol><hr>"
        );
    }

    #[test]
    fn links_are_escaped_and_never_scripts() {
        let mut out = String::new();
        push_tag(&mut out, &Inline::Link("https://e.org/?a=1&b=\"2\"".into()));
        assert_eq!(out, "<a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\">");
        assert_eq!(
            html_of("[x](javascript:alert(1))"),
            format!(
                "<a href=\"{}\"></a>",
                escape(&crate::html::safe_url("javascript:alert(1)"))
            )
        );
    }
}
