//! Render stage, timeline entries written directly: the same bytes as the `timeline_item` macro
//! of the built-in `macros.html`, without Tera.
//!
//! A 10,000-article corpus has some 360,000 timeline entries. Through Tera each one was
//! serialised into a JSON value, then deep-copied again as the macro's argument, then
//! interpreted: most of the 12-15 % of a build's CPU that Tera took. Pages whose template and
//! `macros.html` are both the built-in ones get their entries from here instead (the
//! `prerender_timeline` switch in `render_site`); a site that overrides either keeps the
//! macro, with every field. The integration test
//! `overriding_templates_with_copies_changes_nothing` renders sites both ways and compares
//! every byte, so the two cannot drift apart.

use std::fmt::Write;

use super::escape_into;
use super::events::EventView;
use super::views::TimelineItem;

/// Appends the entry as the `timeline_item` macro writes it.
pub fn write(out: &mut String, e: &TimelineItem) {
    out.push_str("<li class=\"event\" id=\"");
    escape_into(out, &e.id);
    out.push_str("\">\n  ");
    when(out, e);
    out.push_str("\n  ");
    sentence_and_source(out, e);
    out.push_str("\n  ");
    if !e.actors.is_empty() {
        out.push_str("<div class=\"event-actors\"><span class=\"visually-hidden\">Actors: </span>");
        for c in &e.actors {
            out.push_str("<a class=\"chip\" href=\"");
            escape_into(out, &c.href);
            out.push_str("\">");
            escape_into(out, c.name);
            out.push_str("</a> ");
        }
        out.push_str("</div>");
    }
    out.push_str("\n  ");
    if let Some(event) = &e.event {
        write_event(out, e, event);
    }
    out.push_str("\n  ");
    if let Some(r) = &e.in_event {
        let _ = write!(
            out,
            "<p class=\"in-event\">Part of one event reported by {} sources",
            r.count
        );
        if !r.agree {
            out.push_str(", which disagree on the date");
        }
        out.push_str(": <a href=\"");
        escape_into(out, &r.href);
        out.push_str("\">see it under ");
        escape_into(out, &r.label);
        out.push_str("</a>.</p>");
    }
    out.push_str("\n</li>");
}

/// `<p class="when">`: the resolved date (as `<time>` when it has a datetime) and the words.
fn when(out: &mut String, e: &TimelineItem) {
    out.push_str("<p class=\"when\">");
    date(out, e);
    out.push_str(" <span class=\"words\">“");
    escape_into(out, &e.text);
    out.push_str("”</span></p>");
}

/// The resolved date, as `<time>` when it has a datetime (the macro's `{% if e.datetime %}`).
fn date(out: &mut String, e: &TimelineItem) {
    match e.datetime.as_deref().filter(|d| !d.is_empty()) {
        Some(datetime) => {
            out.push_str("<time datetime=\"");
            escape_into(out, datetime);
            out.push_str("\">");
            escape_into(out, &e.label);
            out.push_str("</time>");
        }
        None => escape_into(out, &e.label),
    }
}

/// The sentence with its words marked, then the source line with how the date was resolved.
fn sentence_and_source(out: &mut String, e: &TimelineItem) {
    out.push_str("<blockquote class=\"sentence\"><p>");
    out.push_str(&e.sentence_html);
    out.push_str("</p></blockquote>\n  ");
    source(out, e);
}

/// `<p class="source">`: the article linked to the paragraph, and the resolution rule.
fn source(out: &mut String, e: &TimelineItem) {
    out.push_str("<p class=\"source\">From <a href=\"");
    escape_into(out, &e.article.href);
    out.push_str("\">");
    escape_into(out, e.article.text);
    out.push_str("</a>");
    if let Some(r) = e.resolution.as_deref().filter(|r| !r.is_empty()) {
        out.push_str(" · <span class=\"resolution\">");
        escape_into(out, r);
        out.push_str("</span>");
    }
    out.push_str("</p>");
}

/// The multi-source block shown at an event's first entry.
fn write_event(out: &mut String, e: &TimelineItem, event: &EventView) {
    out.push_str("<section class=\"multi-source\" aria-labelledby=\"");
    escape_into(out, &e.id);
    out.push_str("-ev\">\n    <h3 id=\"");
    escape_into(out, &e.id);
    let _ = write!(out, "-ev\">One event, {} sources</h3>\n    ", event.count);
    if !event.agree {
        out.push_str(concat!(
            "<table class=\"date-disagreement\">\n",
            "      <caption>Sources disagree on the date</caption>\n",
            "      <thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Date given</th>",
            "<th scope=\"col\">Words</th></tr></thead>\n",
            "      <tbody>"
        ));
        for s in &event.sources {
            out.push_str("<tr><td><a href=\"");
            escape_into(out, &s.article.href);
            out.push_str("\">");
            escape_into(out, s.article.text);
            out.push_str("</a></td><td>");
            date(out, s);
            out.push_str("</td><td>“");
            escape_into(out, &s.text);
            out.push_str("”</td></tr>");
        }
        out.push_str("</tbody>\n    </table>");
    }
    out.push_str("\n    <p>Also reported:</p>\n    <ul class=\"event-sources\">");
    for s in &event.others {
        out.push_str("<li>\n      ");
        when(out, s);
        out.push_str("\n      <blockquote class=\"sentence\"><p>");
        out.push_str(&s.sentence_html);
        out.push_str("</p></blockquote>\n      ");
        source(out, s);
        out.push_str("\n    </li>");
    }
    out.push_str("</ul>\n  </section>");
}
