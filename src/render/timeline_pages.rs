//! Render stage, the timeline's pages: the overview (`timeline.html`: the chart, the periods
//! with their counts, the dates sources disagree on) and one page per period
//! (`timeline/2024.html`, `timeline/2024-04.html`, `timeline/eras.html`), as the index planned
//! them ([`crate::index::periods`]). Both use the `timeline.html` template.

use anyhow::Result;
use tera::Context;

use super::events::{row, EventPointer};
use super::timeline_svg::{entries_from_index, timeline_svg, SvgOptions};
use super::views::{NavLink, PeriodLink, TimelineGroup};
use super::RenderInput;
use crate::index::periods::PeriodPage;
use crate::routes::{timeline_period_path, Period};
use crate::time::{Precision, Timex};

/// Disagreements the overview lists by name; beyond, it gives their number.
const DISAGREEMENTS_LISTED: usize = 50;

/// The timeline chart for a page at `root`.
pub fn graphic(input: &RenderInput, root: &str) -> String {
    let links = &input.index.periods.links;
    let entries = entries_from_index(links, input.index.timeline.iter_enumerated());
    timeline_svg(&entries, &SvgOptions::full(root, "Dated mentions per year"))
}

/// What a reader calls a period: "2024", "April 2024", "Decades and centuries".
pub fn period_label(period: Period) -> String {
    let label = match period {
        Period::Eras => None,
        Period::Year(y) => Timex::year_only(y).map(|t| t.label()),
        Period::Month(y, m) => Timex::month_of(y, m).map(|t| t.label()),
    };
    label.unwrap_or_else(|| "Decades and centuries".to_string())
}

/// Mentions and rows on a page.
fn tally(input: &RenderInput, page: &PeriodPage) -> (usize, usize) {
    let rows = &input.index.periods.rows;
    let mentions = page.rows.iter().map(|&r| crate::ids::count(&rows[r])).sum();
    (mentions, page.rows.len())
}

/// The periods of the timeline as links from `root`: the eras and each year, a split year with
/// its months; parts of a period are counted together and linked at their first.
fn periods(input: &RenderInput, root: &str, current: Option<Period>) -> Vec<PeriodLink> {
    let mut out: Vec<PeriodLink> = Vec::new();
    for page in &input.index.periods.pages {
        let (mentions, dates) = tally(input, page);
        if page.part > 0 {
            let last = match page.period {
                Period::Month(..) => out.last_mut().and_then(|y| y.months.last_mut()),
                _ => out.last_mut(),
            };
            if let Some(l) = last {
                l.mentions += mentions;
                l.dates += dates;
            }
            continue;
        }
        let link = PeriodLink {
            href: format!("{root}{}", page.path),
            label: period_label(page.period),
            mentions,
            dates,
            months: Vec::new(),
            current: current == Some(page.period),
        };
        match (page.period, out.last_mut()) {
            (Period::Month(..), Some(year)) => {
                year.mentions += mentions;
                year.dates += dates;
                year.months.push(link);
            }
            _ => out.push(link),
        }
    }
    out
}

/// The overview, `timeline.html`: the chart `graphic`, every period with its counts, and the
/// events whose sources disagree on the date.
pub fn overview(input: &RenderInput, root: &str, graphic: &str) -> Result<Context> {
    let index = input.index;
    let links = &index.periods.links;
    let disagreeing: Vec<&crate::index::events::Event> = index
        .events
        .list
        .iter()
        .filter(|e| !e.dates_agree)
        .collect();
    let listed: Vec<EventPointer> = disagreeing
        .iter()
        .take(DISAGREEMENTS_LISTED)
        .map(|e| EventPointer {
            href: links.href(root, e.members[0]),
            label: index.timeline[e.members[0]].timex.label(),
            count: e.members.len(),
            agree: false,
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("page_title", "Timeline");
    ctx.insert("overview", &true);
    ctx.insert("count", &index.timeline.len());
    ctx.insert("dates", &index.periods.rows.len());
    ctx.insert("timeline_svg", graphic);
    let periods_nav = periods(input, root, None);
    ctx.insert("disagreements", &listed);
    ctx.insert("disagreement_count", &disagreeing.len());
    ctx.insert(
        "split_years",
        &periods_nav.iter().any(|y| !y.months.is_empty()),
    );
    ctx.insert("periods", &periods_nav);
    ctx.insert("groups", &one_page(input, root));
    Ok(ctx)
}

/// Page `p` of the timeline plan: its rows under month headings (on a year's page that holds
/// its months), with the way to the neighbouring periods, the parts and the months.
pub fn period(input: &RenderInput, p: usize, root: &str) -> Result<Context> {
    let plan = &input.index.periods;
    let page = &plan.pages[p];
    let label = match page.parts {
        1 => period_label(page.period),
        n => format!(
            "{}, part {} of {n}",
            period_label(page.period),
            page.part + 1
        ),
    };
    let mut ctx = Context::new();
    ctx.insert("page_title", &format!("Timeline: {label}"));
    ctx.insert("overview", &false);
    ctx.insert("heading", &label);
    let (mentions, dates) = tally(input, page);
    ctx.insert("count", &mentions);
    ctx.insert("dates", &dates);
    ctx.insert("groups", &groups(input, page, root));
    let nav = |q: usize| {
        plan.pages.get(q).map(|o| NavLink {
            href: format!("{root}{}", o.path),
            text: match o.parts {
                1 => period_label(o.period),
                _ => format!("{} ({}/{})", period_label(o.period), o.part + 1, o.parts),
            },
        })
    };
    ctx.insert("previous", &p.checked_sub(1).and_then(nav));
    ctx.insert("next", &nav(p + 1));
    // Without their counts: a period's page changes only when its own dates do, not when an
    // article adds a date to another period.
    let mut all = periods(input, root, Some(page.period));
    // A year whose months have pages: its own numbers, which its page gives as a whole.
    let whole_year = all
        .iter()
        .find(|y| y.current && !y.months.is_empty())
        .map_or(0, |y| y.mentions);
    ctx.insert("year_mentions", &whole_year);
    for y in &mut all {
        (y.mentions, y.dates) = (0, 0);
        for m in &mut y.months {
            (m.mentions, m.dates) = (0, 0);
        }
    }
    let year = match page.period {
        Period::Month(y, _) => Some(Period::Year(y)),
        _ => None,
    };
    let mut crumbs = vec![NavLink {
        href: format!("{root}timeline.html"),
        text: "Timeline".to_string(),
    }];
    if let Some(y) = year {
        crumbs.push(NavLink {
            href: format!("{root}{}", timeline_period_path(y, 0)),
            text: period_label(y),
        });
    }
    ctx.insert("crumbs", &crumbs);
    // A year's months, on its page and on each of theirs.
    let of_year = year.unwrap_or(page.period);
    let mut months: Vec<PeriodLink> = all
        .iter()
        .find(|l| l.label == period_label(of_year))
        .map(|y| y.months.clone())
        .unwrap_or_default();
    for m in &mut months {
        m.current = m.label == period_label(page.period);
    }
    ctx.insert("months", &months);
    // Only the year's own page is its current page: a month page reaches its year through the
    // breadcrumb, and marking the year there would tell a screen reader the wrong page.
    let years: Vec<PeriodLink> = all
        .into_iter()
        .map(|mut y| {
            y.current = y.label == period_label(page.period);
            y.months.clear();
            y
        })
        .collect();
    ctx.insert("years", &years);
    let parts: Vec<NavLink> = (0..page.parts)
        .map(|k| NavLink {
            href: format!("{root}{}", timeline_period_path(page.period, k)),
            text: format!("Part {}", k + 1),
        })
        .collect();
    ctx.insert("parts", &if page.parts > 1 { parts } else { Vec::new() });
    ctx.insert("part", &(page.part + 1));
    Ok(ctx)
}

/// A page's rows: on a year's page that holds its months, one group per month after the
/// year-level dates; on any other page, one group.
fn groups<'a>(input: &'a RenderInput, page: &PeriodPage, root: &str) -> Vec<TimelineGroup<'a>> {
    let timeline = &input.index.timeline;
    let plan = &input.index.periods;
    let by_month = matches!(page.period, Period::Year(_))
        && page
            .rows
            .iter()
            .any(|&r| timeline[plan.rows[r].start].timex.month().is_some());
    let mut out: Vec<TimelineGroup> = Vec::new();
    let mut last = None;
    for &r in &page.rows {
        let timex = timeline[plan.rows[r].start].timex;
        let key = if by_month { timex.month() } else { None };
        if out.is_empty() || last != Some(key) {
            last = Some(key);
            let (id, label) = match (by_month, key) {
                (false, _) => (String::new(), String::new()),
                (true, None) => (
                    format!("y{}", timex.year()),
                    format!("{} as a whole", period_label(Period::Year(timex.year()))),
                ),
                (true, Some(m)) => (
                    format!("m{}-{m:02}", timex.year()),
                    period_label(Period::Month(timex.year(), m)),
                ),
            };
            out.push(TimelineGroup {
                id,
                label,
                rows: Vec::new(),
            });
        }
        if let Some(g) = out.last_mut() {
            g.rows.push(row(input, r, root));
        }
    }
    out
}

/// The heading a date has on a one-page timeline: its year, or its decade or century.
pub fn group_of(timex: &Timex) -> (String, String) {
    match timex.precision() {
        Precision::Decade => (format!("d{}", timex.value()), format!("{}s", timex.year())),
        Precision::Century => (format!("c{}", timex.value()), timex.label()),
        _ => (
            format!("y{}", timex.year()),
            period_label(Period::Year(timex.year())),
        ),
    }
}

/// Every row under the heading of its year (decades and centuries apart), when the whole
/// timeline fits on the overview; else none.
fn one_page<'a>(input: &'a RenderInput, root: &str) -> Vec<TimelineGroup<'a>> {
    let plan = &input.index.periods;
    if !plan.links.single() {
        return Vec::new();
    }
    let timeline = &input.index.timeline;
    let mut out: Vec<TimelineGroup> = Vec::new();
    for (r, range) in plan.rows.iter().enumerate() {
        let (id, label) = group_of(&timeline[range.start].timex);
        if out.last().is_none_or(|g| g.id != id) {
            out.push(TimelineGroup {
                id,
                label,
                rows: Vec::new(),
            });
        }
        if let Some(g) = out.last_mut() {
            g.rows.push(row(input, r, root));
        }
    }
    out
}
