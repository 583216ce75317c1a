//! Render stage, keyword-in-context groups: the one renderer of an article's group of
//! mention lines, on actor pages (their mentions, and their members' lines) and on entity
//! pages.
//!
//! A busy actor's page part holds hundreds of groups and a site thousands of such parts, so
//! such a part is written as rows ([`write_rows`]), and a group is written here directly, compactly, rather than interpreted by Tera; templates
//! place the written groups (`groups_html`) and do not say a group's markup a second time. A
//! site that overrides `actor.html` still gets `groups`, the same groups as data.

use std::fmt::Write;

use super::views::{ArticleMentions, Kwic};
use crate::html::escape_into;

/// Appends group `g` as a `<section>`, with `id` as its anchor when the
/// article's links land on it (entity pages): the article's headline as its heading, the
/// forms it is written in with their counts (when more than one), its lines, and how many
/// more the article holds.
/// A line is one link to its paragraph, the keyword marked between its context.
pub fn write_group(out: &mut String, g: &ArticleMentions, id: Option<&str>) {
    out.push_str("<section");
    if let Some(id) = id {
        out.push_str(" id=\"");
        escape_into(out, id);
        out.push('"');
    }
    out.push_str("><h3><a href=\"");
    escape_into(out, &g.article.href);
    out.push_str("\">");
    escape_into(out, g.article.text);
    out.push_str("</a></h3>");
    // One form needs no list: the lines show it, and the count of the rest follows them.
    if g.forms.len() > 1 {
        out.push_str("<p class=\"forms\">Written as ");
        push_forms(out, &g.forms);
        out.push_str("</p>");
    }
    write_lines(out, g);
    if g.more > 0 {
        // The heading already links the article: the rest is a count, not a second link.
        let _ = write!(out, "<p class=\"hint\">{} more in this article</p>", g.more);
    }
    out.push_str("</section>\n");
}

/// Appends only the lines of group `g`, as one `<ul class="kwic">`: under a heading that is
/// not the article's (an actor's member, on the actor page).
pub fn write_lines(out: &mut String, g: &ArticleMentions) {
    out.push_str("<ul class=\"kwic\">");
    for l in &g.lines {
        out.push_str("<li><a href=\"");
        escape_into(out, &l.href);
        out.push_str("\">");
        push_line(out, l);
        out.push_str("</a></li>");
    }
    out.push_str("</ul>");
}

/// The groups of a busy actor's page part, which show one line per article, as one list with
/// a row per article: its headline, linking to the paragraph of the line; the line; and, when
/// the article names the actor more than once, how often and in which forms. A part holds a
/// thousand articles, which as sections would be a thousand headings to step through and two
/// links to the same article each.
pub fn write_rows(groups: &[ArticleMentions]) -> String {
    let mut out = String::from("<ul class=\"rows\">\n");
    for g in groups {
        let line = g.lines.first();
        out.push_str("<li><a href=\"");
        escape_into(&mut out, line.map_or(&g.article.href, |l| &l.href));
        out.push_str("\">");
        escape_into(&mut out, g.article.text);
        out.push_str("</a>");
        if let Some(l) = line {
            out.push_str(" <span>");
            push_line(&mut out, l);
            out.push_str("</span>");
        }
        let total = g.lines.len() + g.more;
        if total > 1 {
            let _ = write!(out, " <small>{total} mentions");
            if g.forms.len() > 1 {
                out.push_str(": ");
                push_forms(&mut out, &g.forms);
            }
            out.push_str("</small>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>");
    out
}

/// Appends the forms an article writes a name in, with their counts: `<q>Moscow</q> ×2, …`.
fn push_forms(out: &mut String, forms: &[(String, usize)]) {
    for (i, (form, count)) in forms.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str("<q>");
        escape_into(out, form);
        let _ = write!(out, "</q> ×{count}");
    }
}

/// Appends the text of keyword line `l`, its keyword marked between its context.
fn push_line(out: &mut String, l: &Kwic) {
    escape_into(out, &l.left);
    out.push_str("<mark>");
    escape_into(out, &l.keyword);
    out.push_str("</mark>");
    escape_into(out, &l.right);
}

/// Every group of `groups` written by [`write_group`], without anchors.
pub fn write_groups(groups: &[ArticleMentions]) -> String {
    let mut out = String::new();
    for g in groups {
        write_group(&mut out, g, None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::Link;

    fn group(more: usize) -> ArticleMentions<'static> {
        ArticleMentions {
            article: Link {
                href: "../articles/a.html".into(),
                text: "Talks & trade",
            },
            forms: vec![("Moscow".into(), 2), ("Russia".into(), 1)],
            lines: vec![Kwic {
                left: "…met in ".into(),
                keyword: "Moscow".into(),
                right: " on <Monday>".into(),
                href: "../articles/a.html#p3".into(),
            }],
            more,
        }
    }

    #[test]
    fn a_group_is_one_section_with_its_forms_lines_and_count() {
        let mut out = String::new();
        write_group(&mut out, &group(2), Some("in-abc"));
        assert_eq!(
            out,
            "<section id=\"in-abc\"><h3><a href=\"../articles/a.html\">Talks &amp; trade</a></h3>\
             <p class=\"forms\">Written as <q>Moscow</q> ×2, <q>Russia</q> ×1</p><ul class=\"kwic\">\
             <li><a href=\"../articles/a.html#p3\">…met in <mark>Moscow</mark> on &lt;Monday&gt;</a></li></ul>\
             <p class=\"hint\">2 more in this article</p></section>\n"
        );
    }

    #[test]
    fn a_row_links_its_line_and_counts_every_mention_in_its_forms() {
        let out = write_rows(&[group(2)]);
        assert_eq!(
            out,
            "<ul class=\"rows\">\n<li><a href=\"../articles/a.html#p3\">Talks &amp; trade</a> \
             <span>…met in <mark>Moscow</mark> on &lt;Monday&gt;</span> \
             <small>3 mentions: <q>Moscow</q> ×2, <q>Russia</q> ×1</small></li>\n</ul>"
        );
        let mut once = group(0);
        once.forms.truncate(1);
        let out = write_rows(&[once]);
        assert!(
            !out.contains("<small>"),
            "one mention needs no count: {out}"
        );
        let mut one_form = group(4);
        one_form.forms.truncate(1);
        assert!(write_rows(&[one_form]).contains("<small>5 mentions</small>"));
    }

    #[test]
    fn no_anchor_no_forms_and_no_count_when_there_is_none() {
        let mut one_form = group(0);
        one_form.forms.truncate(1);
        let out = write_groups(&[one_form]);
        assert!(!out.contains("Written as"), "{out}");
        assert!(out.starts_with("<section><h3>"));
        assert!(!out.contains("more in this article"));
        let mut lines = String::new();
        write_lines(&mut lines, &group(3));
        assert!(lines.starts_with("<ul class=\"kwic\"><li>") && lines.ends_with("</ul>"));
    }
}
