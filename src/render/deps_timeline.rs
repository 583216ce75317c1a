//! Render stage, dependencies of the timeline's period pages (`timeline/2024.html`…): what
//! [`super::timeline_pages::period`] reads, digested before its rows are built ([`super::deps`]),
//! so a build after an edit keeps every period page none of whose dates changed. A dense
//! period's page holds thousands of entries, and building its rows (sources, sentences, event
//! tables) every build was most of what the timeline cost after an edit.
//!
//! The function follows the page's context line by line: the plan's pages (the navigation
//! labels and links every period page shows), the page's own counts and its year's total, and
//! per row, per entry, what the row shows of it (its article's address and title, the
//! mention's words and sentence, its date and actors; the representative's resolution), and
//! each cross-date event the row shows or points to: its members, dates, rows and links.

use super::deps::Deps;
use super::RenderInput;
use crate::ids::{self, EntryIx};
use crate::output::Inputs;
use crate::routes::Period;

/// Page `p` of the timeline plan.
pub fn period_page(input: &RenderInput, site: Inputs, p: usize) -> Deps {
    let index = input.index;
    let plan = &index.periods;
    let mut d = Deps::new(site, "timeline period");
    d.num(p).num(plan.pages.len());
    let year = year_of(plan.pages[p].period);
    for page in &plan.pages {
        d.str(&page.path)
            .hashed(&page.period)
            .num(page.part)
            .num(page.parts);
        // The page's own counts, and the total of its year (shown on a split year's pages).
        if page.path == plan.pages[p].path || year_of(page.period) == year {
            d.num(page.rows.len());
            for &r in &page.rows {
                d.num(ids::count(&plan.rows[r]));
            }
        }
    }
    for &r in &plan.pages[p].rows {
        row(&mut d, input, r);
    }
    d
}

/// The year a period belongs to; the eras belong to none.
fn year_of(period: Period) -> Option<i32> {
    match period {
        Period::Eras => None,
        Period::Year(y) | Period::Month(y, _) => Some(y),
    }
}

/// Row `r`, as `render::events::row` builds it.
fn row(d: &mut Deps, input: &RenderInput, r: usize) {
    let index = input.index;
    let range = index.periods.rows[r].clone();
    let rep = index.periods.representative[r];
    d.num(usize::MAX).num(ids::count(&range));
    d.num(rep.get().wrapping_sub(range.start.get()));
    // The representative's sentence comes with how its date was resolved.
    let at = index.timeline[rep].at;
    let article = &input.articles[at.article];
    let resolution = super::pages::resolution_of(article, &article.mentions[at.mention.get()]);
    d.str(resolution.as_deref().unwrap_or("\u{0}"));
    let mut events: Vec<usize> = Vec::new();
    for t in ids::each(&range) {
        entry(d, input, t);
        if let Some(e) = index.events.of_entry.get(t).copied().flatten() {
            events.push(e);
        }
    }
    // In the order the row lists them; their numbers themselves are not shown.
    events.sort_unstable();
    events.dedup();
    d.num(events.len());
    for e in events {
        let event = &index.events.list[e];
        d.num(event.members.len())
            .num(usize::from(event.dates_agree));
        for &m in &event.members {
            // Whether the member is in this row, and where in it.
            let here = range.contains(&m).then(|| m.get() - range.start.get());
            d.num(here.unwrap_or(usize::MAX));
            if here.is_none() {
                entry(d, input, m);
            }
            d.str(index.periods.links.target(m));
        }
    }
}

/// Timeline entry `t` as a row or an event table shows it: its article's address and title,
/// the mention's paragraph, words and sentence, its date and its actors. What the page shows,
/// not the article's whole digest: an edit elsewhere in an article leaves its rows as they were.
fn entry(d: &mut Deps, input: &RenderInput, t: EntryIx) {
    let entry = &input.index.timeline[t];
    let article = &input.articles[entry.at.article];
    let mention = &article.mentions[entry.at.mention.get()];
    d.str(&article.id)
        .str(&article.meta.title)
        .str(&article.blocks[mention.block].anchor)
        .str(&article.source[mention.span.clone()])
        .str(&mention.sentence)
        .hashed(&entry.timex)
        .num(entry.actors.len());
    for &x in &entry.actors {
        d.num(x.get());
    }
}
