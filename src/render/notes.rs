//! Render stage, editorial notes: the highlight over a note's quoted words, the margin note
//! beside them, and the orphans page.
//!
//! The highlight wraps text only, never markup: each piece of text between two element
//! boundaries (a mention's link, emphasis, a quote's start or end) gets its own
//! `<mark class="note-anchor">`, so the HTML stays well-formed however a quote overlaps links
//! or inline markup. Note bodies are Markdown rendered as articles are: raw HTML shown as
//! text, non-web links neutralised, fenced code highlighted by syntect.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};
use serde::Serialize;

use super::highlight;
use crate::html::safe_url;
use crate::html::{escape, escape_into};
use crate::notes::refs::{markdown_options, Names, Reference};
use crate::notes::{Orphan, Placed};
use crate::parse::highlight::language;

/// One highlighted range of a block's plain text.
#[derive(Clone, Debug)]
pub struct Mark {
    /// Range in the block's plain text.
    pub range: Range<usize>,
    /// The note's anchor (`note-3`): the mark points to it with `data-note`.
    pub note: String,
    /// True for the quote's first range, whose first piece carries the `id` links land on.
    pub first: bool,
}

/// The highlights of every block, from the article's placed notes.
pub fn marks(placed: &[Placed]) -> BTreeMap<usize, Vec<Mark>> {
    let mut out: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
    for p in placed {
        for (n, (block, range)) in p.segments.iter().enumerate() {
            out.entry(*block).or_default().push(Mark {
                range: range.clone(),
                note: p.html_id.clone(),
                first: n == 0,
            });
        }
    }
    out
}

/// Escaped `text`, which starts at byte `at` of its block's plain text, with every piece
/// inside a mark wrapped in its own `<mark>` (nested when notes overlap).
pub fn marked(out: &mut String, text: &str, at: usize, marks: &[Mark]) {
    // Nearly every paragraph has no editorial note: its text is only escaped.
    if marks.is_empty() {
        escape_into(out, text);
        return;
    }
    let end = at + text.len();
    let mut cuts: Vec<usize> = vec![at, end];
    for m in marks {
        for b in [m.range.start, m.range.end] {
            if b > at && b < end && text.is_char_boundary(b - at) {
                cuts.push(b);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let active: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.range.start <= s && m.range.end >= e)
            .collect();
        for m in &active {
            let id = if m.first && m.range.start == s {
                format!(" id=\"{}-quote\"", m.note)
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<mark class=\"note-anchor\" data-note=\"{}\"{id}>",
                m.note
            );
        }
        out.push_str(&escape(&text[s - at..e - at]));
        for _ in &active {
            out.push_str("</mark>");
        }
    }
}

/// The margin note of a placed note, for a page at `root`.
pub fn margin_note(p: &Placed, names: Names, root: &str) -> String {
    let on = escape(&short(&p.exact));
    let body = body_html(&p.note.body, &p.refs, names, root);
    let moved = match p.method {
        crate::notes::anchor::Method::Fuzzy => format!(
            " <span class=\"ednote-moved\">The text has changed since the note was written; it was re-anchored to the closest passage (similarity {:.2}).</span>",
            p.score
        ),
        _ => String::new(),
    };
    format!(
        "<details class=\"ednote\" id=\"{id}\"><summary><span class=\"ednote-label\">Editor’s note</span> <span class=\"ednote-on\">on “{on}”</span></summary><div class=\"ednote-content\"><p class=\"ednote-head\"><span class=\"ednote-label\">Editor’s note</span> <span class=\"ednote-on\">on “{on}”</span></p>{body}<p class=\"ednote-meta\"><a href=\"#{id}-quote\">Back to the quoted words</a>{moved}</p></div></details>",
        id = p.html_id
    )
}

/// A note's Markdown as HTML, its references linked from a page at `root`.
pub fn body_html(body: &str, refs: &[Reference], names: Names, root: &str) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut refs = refs.iter();
    let mut code: Option<(String, String)> = None;
    // Inside a bare [[target]], whose inner text (the target) is replaced by its name.
    let mut bare_ref = false;
    for event in Parser::new_ext(body, markdown_options()) {
        if let Some((text, _)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (text, lang) = code.take().unwrap_or_default();
                    events.push(Event::Html(
                        highlight::code_block(&text, language(&lang)).into(),
                    ));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                ..
            }) => {
                // Unresolved references fail the build before render; one missing here is
                // only possible on a site that skipped the check, and links nowhere.
                let r = refs.next();
                let href = r.map_or("#".to_string(), |r| r.target.href(root, names));
                events.push(Event::Start(link(href)));
                if !has_pothole {
                    let label = r.map_or(String::new(), |r| r.target.label(names));
                    events.push(Event::Text(label.into()));
                    bare_ref = true;
                }
            }
            Event::End(TagEnd::Link) if bare_ref => {
                bare_ref = false;
                events.push(Event::End(TagEnd::Link));
            }
            _ if bare_ref => {}
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((String::new(), lang));
            }
            // Raw HTML is shown as text, a block of it as a paragraph.
            Event::Html(t) | Event::InlineHtml(t) => events.push(Event::Text(t)),
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                events.push(Event::Start(link(safe_url(&dest_url))))
            }
            Event::End(TagEnd::Image) => events.push(Event::End(TagEnd::Link)),
            // The page has its own outline: a note's headings are bold lines.
            Event::Start(Tag::Heading { .. }) => {
                events.push(Event::Start(Tag::Paragraph));
                events.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) => {
                events.push(Event::End(TagEnd::Strong));
                events.push(Event::End(TagEnd::Paragraph));
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    format!("<div class=\"ednote-body\">{}</div>", html.trim_end())
}

fn link(href: String) -> Tag<'static> {
    Tag::Link {
        link_type: LinkType::Inline,
        dest_url: href.into(),
        title: "".into(),
        id: "".into(),
    }
}

/// A quote for a label: one line, at most about 80 characters.
fn short(quote: &str) -> String {
    let one: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= 80 {
        one
    } else {
        let cut: String = one.chars().take(77).collect();
        format!("{}…", cut.trim_end())
    }
}

/// One orphaned note on the orphans page.
#[derive(Serialize)]
pub struct OrphanView {
    id: String,
    file: String,
    line: usize,
    quote: String,
    prefix: String,
    suffix: String,
    reason: String,
    closest: Option<String>,
    score: Option<String>,
    body_html: String,
}

/// The orphans of one article.
#[derive(Serialize)]
pub struct OrphanGroup {
    id: String,
    title: String,
    href: String,
    notes: Vec<OrphanView>,
}

/// The orphans page's groups, by article in article order, for a page at `root`.
pub fn orphan_groups(orphans: &[Orphan], names: Names, root: &str) -> Vec<OrphanGroup> {
    let mut groups: Vec<OrphanGroup> = Vec::new();
    for (n, o) in orphans.iter().enumerate() {
        let article = &names.articles[o.article];
        if groups.last().is_none_or(|g| g.id != article.id) {
            groups.push(OrphanGroup {
                id: article.id.clone(),
                title: article.meta.title.clone(),
                href: crate::routes::article_href(root, &article.id),
                notes: Vec::new(),
            });
        }
        let view = OrphanView {
            id: format!("orphan-{}", n + 1),
            file: o.file.clone(),
            line: o.note.line,
            quote: o.note.quote.clone(),
            prefix: o.note.prefix.clone(),
            suffix: o.note.suffix.clone(),
            reason: o.reason.clone(),
            closest: o
                .closest
                .as_ref()
                .map(|c| c.0.split_whitespace().collect::<Vec<_>>().join(" ")),
            score: o.closest.as_ref().map(|c| format!("{:.2}", c.1)),
            body_html: body_html(&o.note.body, &o.refs, names, root),
        };
        if let Some(g) = groups.last_mut() {
            g.notes.push(view);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(range: Range<usize>, note: &str, first: bool) -> Mark {
        Mark {
            range,
            note: note.into(),
            first,
        }
    }

    #[test]
    fn marks_wrap_only_text_and_split_at_boundaries() {
        let mut out = String::new();
        marked(&mut out, "a <b> c", 10, &[mark(12..15, "note-1", true)]);
        assert_eq!(
            out,
            "a <mark class=\"note-anchor\" data-note=\"note-1\" id=\"note-1-quote\">&lt;b&gt;</mark> c"
        );
        let mut out = String::new();
        marked(
            &mut out,
            "xyz",
            0,
            &[mark(0..2, "note-1", false), mark(1..3, "note-2", false)],
        );
        assert_eq!(out.matches("<mark").count(), 4);
        assert_eq!(out.matches("</mark>").count(), 4);
    }

    #[test]
    fn bodies_escape_html_and_neutralise_links() {
        let index = crate::index::SiteIndex::default();
        let names = Names {
            actors: &[],
            articles: crate::ids::TiSlice::from_ref(&[]),
            index: &index,
        };
        let html = body_html(
            "Text <script>alert(1)</script> [x](javascript:alert(1)) `[[a]]`\n\n```rust\nfn main() {}\n```\n# Head",
            &[],
            names,
            "../",
        );
        assert!(
            !html.contains("<script>") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<code>[[a]]</code>"), "{html}");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("<p><strong>Head</strong></p>"), "{html}");
    }
}
