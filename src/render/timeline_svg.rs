//! Render stage, the timeline as a picture: a build-time SVG of dated mentions per year.
//!
//! The site has no JavaScript and a strict CSP, so the graphic is plain SVG with classes
//! styled from the site stylesheet (no `style` attributes, no `<style>` element). It is drawn
//! twice, for wide and narrow screens, because a single `viewBox` scaled from 320 px to a
//! desktop column cannot keep its text legible; the stylesheet shows one artboard at a time.
//! Output is deterministic: fixed decimals, no maps with random order.

mod draw;
mod scale;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::annotate::dates::{Precision, Timex};
use crate::ids::EntryIx;
use crate::index::TimelineEntry;

use super::escape;
use super::links::{timeline_period_path, Period, TimelineLinks};

/// When an entry happened, as the extent its mark covers: precision becomes width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// Whole years, `first` to `last` inclusive: a year-only date is `Years(y, y)`, a decade
    /// `Years(1990, 1999)`. Drawn as a span, never as a point.
    Years(i32, i32),
    /// A month (1–12) of a year: a short span at its place in the year.
    Month(i32, u8),
    /// A single day: a tick at its place in the year.
    Day(i32, u8, u8),
}

impl When {
    /// The years the entry touches, so the axis can cover them.
    fn years(self) -> (i32, i32) {
        match self {
            When::Years(a, b) => (a.min(b), a.max(b)),
            When::Month(y, _) | When::Day(y, _, _) => (y, y),
        }
    }
}

impl From<Timex> for When {
    /// Keeps the precision the text gave: a decade spans ten years, a year one.
    fn from(t: Timex) -> When {
        let y = t.year();
        match (t.precision(), t.month(), t.day()) {
            (Precision::Century, _, _) => When::Years(y, y + 99),
            (Precision::Decade, _, _) => When::Years(y, y + 9),
            (Precision::Day, Some(m), Some(d)) => When::Day(y, m, d),
            (Precision::Month | Precision::Day, Some(m), _) => When::Month(y, m),
            _ => When::Years(y, y),
        }
    }
}

/// One dated mention as the graphic needs it: its extent and where its marks link to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgEntry<'a> {
    /// Its extent in time.
    pub when: When,
    /// Its links and label, made only for the few entries a mark's link or name uses (the
    /// first of each column or band): a big timeline has hundreds of thousands of entries.
    pub links: EntryLinks<'a>,
}

/// The links and label of a graphic entry, given or derived from the index when asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryLinks<'a> {
    /// Spelled out: the unit tests draw charts with no corpus behind them.
    #[cfg_attr(not(test), allow(dead_code))]
    Given {
        /// Link, from the site root, to its year's page (`timeline/2025.html`), or a decade's
        /// row: the target of a full chart.
        group: String,
        /// Link, from the site root, to the row of its date (`timeline/2025.html#t2025-07`):
        /// the target of a compact chart.
        anchor: String,
        /// Human date ("the 1990s", "3 July 2025"), used in accessible names of spans.
        label: String,
    },
    /// Timeline entry `t`, dated `timex`, shown where `links` says.
    Indexed {
        /// Position on the whole timeline, which decides the row its links point to.
        t: EntryIx,
        /// The mention's date.
        timex: Timex,
        /// Where the timeline shows each entry.
        links: &'a TimelineLinks,
    },
}

impl SvgEntry<'_> {
    /// Link, from the site root, to the page of the entry's year (a decade's: its row).
    pub fn group(&self) -> Cow<'_, str> {
        match &self.links {
            EntryLinks::Given { group, .. } => Cow::Borrowed(group),
            // On a one-page timeline, a year leads to its section.
            EntryLinks::Indexed { timex, links, .. } if links.single() => Cow::Owned(format!(
                "timeline.html#{}",
                super::timeline_pages::group_of(timex).0
            )),
            // A year leads to its page; decades and centuries to their row on the eras page.
            EntryLinks::Indexed { timex, .. } if timex.precision() > Precision::Decade => {
                Cow::Owned(timeline_period_path(Period::Year(timex.year()), 0))
            }
            EntryLinks::Indexed { .. } => self.anchor(),
        }
    }

    /// Link, from the site root, to the row that shows the entry.
    pub fn anchor(&self) -> Cow<'_, str> {
        match &self.links {
            EntryLinks::Given { anchor, .. } => Cow::Borrowed(anchor),
            EntryLinks::Indexed { t, links, .. } => Cow::Borrowed(links.target(*t)),
        }
    }

    /// The human date.
    pub fn label(&self) -> Cow<'_, str> {
        match &self.links {
            EntryLinks::Given { label, .. } => Cow::Borrowed(label),
            EntryLinks::Indexed { timex, .. } => Cow::Owned(timex.label()),
        }
    }
}

/// Where a year's mark leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkTo {
    /// The year's (or decade's) section of the timeline: right when the chart shows every entry.
    Group,
    /// The first entry of the year: right when the chart shows a subset (one actor), since the
    /// year's section also holds other actors' entries.
    Entry,
}

/// How to draw the graphic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgOptions {
    /// Short bars and no key, for actor pages.
    pub compact: bool,
    /// Prepended to every link: the page's way back to the site root (`""`, `"../"`).
    pub href_prefix: String,
    /// Accessible title and visible caption.
    pub title: String,
    /// Where year marks lead.
    pub link_to: LinkTo,
}

impl SvgOptions {
    /// The timeline page's chart: full height, a key, years linked to their sections.
    pub fn full(root: &str, title: &str) -> SvgOptions {
        SvgOptions {
            compact: false,
            href_prefix: root.to_string(),
            title: title.to_string(),
            link_to: LinkTo::Group,
        }
    }

    /// An actor page's chart: short, linked to the actor's own entries on timeline.html.
    pub fn compact(href_prefix: &str, title: &str) -> SvgOptions {
        SvgOptions {
            compact: true,
            href_prefix: href_prefix.to_string(),
            title: title.to_string(),
            link_to: LinkTo::Entry,
        }
    }
}

/// Builds graphic entries from index entries, linked where the timeline shows them.
/// `timeline` yields each entry with its position on the whole timeline, which decides the
/// row its links point to.
pub fn entries_from_index<'a>(
    links: &'a TimelineLinks,
    timeline: impl IntoIterator<Item = (EntryIx, &'a TimelineEntry)>,
) -> Vec<SvgEntry<'a>> {
    timeline
        .into_iter()
        .map(|(t, e)| SvgEntry {
            when: When::from(e.timex),
            links: EntryLinks::Indexed {
                t,
                timex: e.timex,
                links,
            },
        })
        .collect()
}

/// The figure's content: a caption, then the two artboards; empty when there is nothing to
/// draw, so a template can skip the `<figure>` with `{% if %}`.
pub fn timeline_svg(entries: &[SvgEntry], opts: &SvgOptions) -> String {
    if entries.is_empty() {
        return String::new();
    }
    // The caption comes first, as a graphic's headline and key do in print.
    let mut out = caption(entries, opts);
    for board in [
        draw::Board::wide(opts.compact),
        draw::Board::narrow(opts.compact),
    ] {
        out.push_str(&draw::artboard(entries, opts, &board));
    }
    out
}

/// The visible caption: title, then a key that explains spans and ticks (full chart only).
fn caption(entries: &[SvgEntry], opts: &SvgOptions) -> String {
    let (lo, hi) = range(entries);
    let mut out = format!(
        "<figcaption class=\"tl-caption\"><span class=\"tl-caption-title\">{}</span> <span class=\"tl-range\">{}</span>",
        escape(&opts.title),
        escape(&range_label(lo, hi))
    );
    if !opts.compact {
        out.push_str(concat!(
            "<span class=\"tl-keys\">",
            "<span class=\"tl-key\"><span class=\"tl-sw tl-sw-bar\" aria-hidden=\"true\"></span>mentions per year</span> ",
            "<span class=\"tl-key\"><span class=\"tl-sw tl-sw-span\" aria-hidden=\"true\"></span>a whole year or decade</span> ",
            "<span class=\"tl-key\"><span class=\"tl-sw tl-sw-tick\" aria-hidden=\"true\"></span>an exact month or day</span>",
            "</span>"
        ));
    }
    out.push_str("</figcaption>");
    out
}

/// First and last year any entry touches.
fn range(entries: &[SvgEntry]) -> (i32, i32) {
    entries
        .iter()
        .map(|e| e.when.years())
        .fold((i32::MAX, i32::MIN), |(lo, hi), (a, b)| {
            (lo.min(a), hi.max(b))
        })
}

/// "2025" or "1979–2025".
fn range_label(lo: i32, hi: i32) -> String {
    if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}–{hi}")
    }
}

/// "1 mention" or "14 mentions": the count in every accessible name.
fn mentions(n: usize) -> String {
    if n == 1 {
        "1 mention".to_string()
    } else {
        format!("{n} mentions")
    }
}
