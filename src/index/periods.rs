//! The timeline's rows and pages: one row per date value (every mention of "April 2024" from
//! every article, with its count and sources), and one page per period — a year, or a month
//! when the year is too dense for one page, or a numbered part when a month alone is.
//!
//! Pages are named by their period (`timeline/2024.html`, `timeline/2024-04.html`), never by a
//! running number: an edited or added article changes only the pages of the periods its dates
//! fall in, so dependency-tracked rendering remakes just those.

use std::collections::BTreeMap;
use std::ops::Range;

use super::events::Events;
use super::TimelineEntry;
use crate::annotate::dates::{Precision, Resolution};
use crate::ids::{each, ArticleIx, EntryIx, MentionRef, TiSlice};
use crate::model::{Article, MentionKind};
use crate::routes::{timeline_period_path, timeline_row_id, Period, TimelineLinks};

/// Estimated bytes of rows one timeline page holds before its period is split (a year into
/// months, a month into parts): well under the 1 MB a page may weigh.
pub const PAGE_BUDGET: usize = 320_000;
/// Sources a row lists by name besides its representative's; beyond, it gives their number.
pub const SOURCES_SHOWN: usize = 20;
/// Cross-date events a row shows (tables of disagreeing sources, or pointers to where an event
/// is shown); beyond, it gives their number.
pub const EVENTS_SHOWN: usize = 3;

/// One page of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodPage {
    /// The period it covers.
    pub period: Period,
    /// Which part of the period (0-based), and how many parts it has.
    pub part: usize,
    /// Number of parts of the period.
    pub parts: usize,
    /// Its rows, in date order.
    pub rows: Vec<usize>,
    /// Output path.
    pub path: String,
}

/// The timeline as rows and pages.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per row: the run of timeline entries with its date value.
    pub rows: Vec<Range<EntryIx>>,
    /// Per row: the entry whose sentence stands for the row.
    pub representative: Vec<EntryIx>,
    /// Pages in reading order: the eras, then each year, each followed by its months when it
    /// has them; none when the whole timeline fits on the overview.
    pub pages: Vec<PeriodPage>,
    /// Per row: its page.
    pub page_of_row: Vec<u32>,
    /// Where each entry links.
    pub links: TimelineLinks,
}

impl Plan {
    /// The page that covers `period` (its first part), if the timeline has one.
    pub fn page_of(&self, period: Period) -> Option<usize> {
        self.pages
            .iter()
            .position(|p| p.period == period && p.part == 0)
    }
}

/// The period whose page shows a date: eras for decades and centuries, else its year, or its
/// month when its year is split (`split_years`).
fn period_of(t: &crate::time::Timex, split: bool) -> Period {
    match (t.precision(), t.month()) {
        (Precision::Century | Precision::Decade, _) => Period::Eras,
        (_, Some(m)) if split => Period::Month(t.year(), m),
        _ => Period::Year(t.year()),
    }
}

/// Where a period's pages stand in reading order: the eras first, then each year followed by
/// its months.
fn reading_key(period: Period) -> (i32, u8) {
    match period {
        Period::Eras => (i32::MIN, 0),
        Period::Year(y) => (y, 0),
        Period::Month(y, m) => (y, m),
    }
}

/// Runs of entries with the same date value, in timeline order.
fn rows_of(timeline: &[TimelineEntry]) -> Vec<Range<EntryIx>> {
    let mut rows = Vec::new();
    let mut start = 0;
    for t in 1..=timeline.len() {
        if t == timeline.len() || timeline[t].timex != timeline[start].timex {
            rows.push(start.into()..t.into());
            start = t;
        }
    }
    rows
}

/// Runs of a row's entries from one article (entries of one date are ordered by article).
pub fn sources(
    timeline: &TiSlice<EntryIx, TimelineEntry>,
    row: Range<EntryIx>,
) -> Vec<Range<EntryIx>> {
    let timeline = &timeline.raw;
    let (row_start, row_end) = (row.start.get(), row.end.get());
    let mut out = Vec::new();
    let mut start = row_start;
    for t in row_start + 1..=row_end {
        if t == row_end || timeline[t].at.article != timeline[start].at.article {
            out.push(start.into()..t.into());
            start = t;
        }
    }
    out
}

/// The entry whose sentence stands for a row: the first whose date the text states outright
/// (not resolved against another date) in a sentence of readable length; else the first.
fn pick_representative(
    articles: &TiSlice<ArticleIx, Article>,
    timeline: &TiSlice<EntryIx, TimelineEntry>,
    row: &Range<EntryIx>,
) -> EntryIx {
    each(row)
        .find(|&t| {
            let MentionRef { article, mention } = timeline[t].at;
            let mention = &articles[article].mentions[mention.get()];
            let stated = matches!(
                mention.kind,
                MentionKind::Date {
                    resolution: Resolution::Explicit,
                    ..
                }
            );
            stated && (40..=320).contains(&mention.sentence.len())
        })
        .unwrap_or(row.start)
}

/// A row's estimated weight in bytes of HTML: its frame, its sentence, its listed sources and
/// the tables of the events first reported under its date (every source's sentence).
fn weight(
    articles: &TiSlice<ArticleIx, Article>,
    timeline: &TiSlice<EntryIx, TimelineEntry>,
    events: &Events,
    row: &Range<EntryIx>,
    rep: EntryIx,
) -> usize {
    let sentence_of = |t: EntryIx| {
        let MentionRef { article, mention } = timeline[t].at;
        articles[article].mentions[mention.get()].sentence.len()
    };
    let listed = sources(timeline, row.clone())
        .len()
        .saturating_sub(1)
        .min(SOURCES_SHOWN);
    let tables: usize = each(row)
        .filter_map(|t| events.of_entry.get(t).copied().flatten())
        .map(|e| &events.list[e])
        .filter(|e| row.contains(&e.members[0]) && !e.members.iter().all(|t| row.contains(t)))
        .take(EVENTS_SHOWN)
        .map(|e| {
            e.members
                .iter()
                .map(|&t| 250 + sentence_of(t))
                .sum::<usize>()
        })
        .sum();
    900 + sentence_of(rep) + 170 * listed + tables
}

/// Cuts weighted rows into consecutive parts of at most [`PAGE_BUDGET`] each (a row heavier
/// than that gets a part of its own); always at least one part, so a split year's page exists
/// even with no year-level dates.
fn cut(weights: impl IntoIterator<Item = usize>) -> Vec<Range<usize>> {
    crate::routes::split(weights, PAGE_BUDGET)
}

/// Plans the timeline's rows and pages; deterministic for the same timeline.
pub fn plan(
    articles: &TiSlice<ArticleIx, Article>,
    timeline: &TiSlice<EntryIx, TimelineEntry>,
    events: &Events,
) -> Plan {
    let rows = rows_of(&timeline.raw);
    let representative: Vec<EntryIx> = rows
        .iter()
        .map(|r| pick_representative(articles, timeline, r))
        .collect();
    let weights: Vec<usize> = rows
        .iter()
        .zip(&representative)
        .map(|(r, &rep)| weight(articles, timeline, events, r, rep))
        .collect();
    // Each year's weight decides whether its months get pages of their own.
    let mut year_weight: BTreeMap<i32, usize> = BTreeMap::new();
    for (r, row) in rows.iter().enumerate() {
        if let Period::Year(y) = period_of(&timeline[row.start].timex, false) {
            *year_weight.entry(y).or_default() += weights[r];
        }
    }
    let mut by_period: BTreeMap<(i32, u8), (Period, Vec<usize>)> = BTreeMap::new();
    for (r, row) in rows.iter().enumerate() {
        let timex = &timeline[row.start].timex;
        let split = year_weight
            .get(&timex.year())
            .is_some_and(|&w| w > PAGE_BUDGET);
        let period = period_of(timex, split);
        by_period
            .entry(reading_key(period))
            .or_insert((period, Vec::new()))
            .1
            .push(r);
    }
    // A split year keeps a page of its own, for its navigation and its year-level dates.
    for (&y, &w) in &year_weight {
        if w > PAGE_BUDGET {
            let period = Period::Year(y);
            by_period
                .entry(reading_key(period))
                .or_insert((period, Vec::new()));
        }
    }
    // A timeline that fits on one page stays on the overview, in one piece.
    let single = weights.iter().sum::<usize>() <= PAGE_BUDGET;
    let mut pages = Vec::new();
    for (period, list) in by_period.into_values().filter(|_| !single) {
        let parts = cut(list.iter().map(|&r| weights[r]));
        let count = parts.len();
        for (part, range) in parts.into_iter().enumerate() {
            pages.push(PeriodPage {
                period,
                part,
                parts: count,
                rows: list[range].to_vec(),
                path: timeline_period_path(period, part),
            });
        }
    }
    let mut page_of_row = vec![0u32; rows.len()];
    for (p, page) in pages.iter().enumerate() {
        for &r in &page.rows {
            page_of_row[r] = p as u32;
        }
    }
    let mut row_of_entry = vec![0u32; timeline.len()];
    for (r, row) in rows.iter().enumerate() {
        for t in each(row) {
            row_of_entry[t.get()] = r as u32;
        }
    }
    let targets = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let id = timeline_row_id(&timeline[row.start].timex.value());
            match pages.get(page_of_row[r] as usize) {
                Some(page) if !single => format!("{}#{id}", page.path),
                _ => format!("timeline.html#{id}"),
            }
        })
        .collect();
    Plan {
        rows,
        representative,
        pages,
        page_of_row,
        links: TimelineLinks::new(row_of_entry, targets, single),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timex;

    fn entry(article: usize, value: &str) -> TimelineEntry {
        TimelineEntry {
            at: MentionRef::new(article.into(), 0.into()),
            timex: Timex::parse(value).unwrap(),
            actors: Vec::new(),
        }
    }

    #[test]
    fn a_row_holds_every_mention_of_one_date_value() {
        let timeline = vec![
            entry(0, "2024"),
            entry(1, "2024"),
            entry(1, "2024"),
            entry(0, "2024-04"),
        ];
        let run = |a: usize, b: usize| EntryIx::from(a)..EntryIx::from(b);
        assert_eq!(rows_of(&timeline), vec![run(0, 3), run(3, 4)]);
        // Two articles name 2024: two sources, the second with two mentions.
        let timeline = TiSlice::from_ref(&timeline[..]);
        assert_eq!(sources(timeline, run(0, 3)), vec![run(0, 1), run(1, 3)]);
    }

    #[test]
    fn parts_close_at_the_budget() {
        assert_eq!(cut([PAGE_BUDGET / 2; 5]), vec![0..2, 2..4, 4..5]);
        assert_eq!(cut([PAGE_BUDGET * 2, 1]), vec![0..1, 1..2]);
        assert_eq!(cut([]), vec![0..0]);
    }

    #[test]
    fn decades_go_to_the_eras_and_months_to_their_year_unless_it_is_split() {
        let t = |v: &str| Timex::parse(v).unwrap();
        assert_eq!(period_of(&t("199"), true), Period::Eras);
        assert_eq!(period_of(&t("19"), false), Period::Eras);
        assert_eq!(period_of(&t("2024-04-17"), false), Period::Year(2024));
        assert_eq!(period_of(&t("2024-04-17"), true), Period::Month(2024, 4));
        // A year-level date stays on the year's page even when its months have pages.
        assert_eq!(period_of(&t("2024-SU"), true), Period::Year(2024));
        assert_eq!(period_of(&t("2024"), true), Period::Year(2024));
    }
}
