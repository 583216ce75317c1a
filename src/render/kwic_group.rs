//! Render stage, an actor page's mention groups written directly: the same bytes as the group
//! loop of the built-in `actor.html`, without Tera.
//!
//! A busy actor's page part holds hundreds of groups of keyword-in-context lines; through Tera
//! each was serialised into a JSON value and interpreted. As for timeline entries
//! (`timeline_item.rs`), pages get their groups from here while `actor.html` is the built-in
//! one; a site that overrides it gets `groups` with every field. The loop stays in the
//! template rather than in a macro, so a site's `macros.html` from before keeps working. The
//! test `overriding_templates_with_copies_changes_nothing` keeps the two ways byte-identical.

use std::fmt::Write;

use super::views::ArticleMentions;
use crate::html::escape_into;

/// Appends the group as one turn of the built-in `actor.html`'s group loop writes it, with
/// the line break and indentation around the section.
pub fn write_in_list(out: &mut String, g: &ArticleMentions) {
    out.push_str("\n  <section class=\"kwic-group\">\n    <h3><a href=\"");
    escape_into(out, &g.article.href);
    out.push_str("\">");
    escape_into(out, g.article.text);
    out.push_str("</a></h3>\n    <p class=\"forms\">Written as ");
    for (i, (form, count)) in g.forms.iter().enumerate() {
        out.push_str("<q>");
        escape_into(out, form);
        let _ = write!(out, "</q> ×{count}");
        if i + 1 < g.forms.len() {
            out.push_str(", ");
        }
    }
    out.push_str("</p>\n    <ul class=\"kwic\">\n    ");
    for l in &g.lines {
        out.push_str("<li><a href=\"");
        escape_into(out, &l.href);
        out.push_str("\"><span class=\"left\">");
        escape_into(out, &l.left);
        out.push_str("</span><mark class=\"kw\">");
        escape_into(out, &l.keyword);
        out.push_str("</mark><span class=\"right\">");
        escape_into(out, &l.right);
        out.push_str("</span></a></li>\n    ");
    }
    out.push_str("</ul>\n    ");
    if g.more > 0 {
        out.push_str("<p class=\"hint\"><a href=\"");
        escape_into(out, &g.article.href);
        let _ = write!(out, "\">{} more in this article</a></p>", g.more);
    }
    out.push_str("\n  </section>\n  ");
}
