//! Multi-source events on the timeline: the first member's entry shows the whole event (every
//! source's words, and the dates side by side when sources disagree); the others keep their own
//! place and anchor, so links from articles still land, and point to it.

use serde::Serialize;

use super::links::{timeline_entry_href, timeline_entry_id};
use super::pages::timeline_item;
use super::views::TimelineItem;
use super::RenderInput;

/// The whole event, shown at its first member.
#[derive(Serialize, Clone, Debug)]
pub struct EventView<'a> {
    /// Number of sources (member entries), the first included.
    pub count: usize,
    /// Whether all sources' dates are compatible.
    pub agree: bool,
    /// Every member, the first included, for the side-by-side dates.
    pub sources: Vec<TimelineItem<'a>>,
    /// The members other than the first, whose words the event lists.
    pub others: Vec<TimelineItem<'a>>,
}

/// Where the event an entry belongs to is shown.
#[derive(Serialize, Clone, Debug)]
pub struct EventRef {
    /// Link to the event's first entry, on whichever timeline part holds it.
    pub href: String,
    /// The date it is shown under.
    pub label: String,
    /// Number of sources.
    pub count: usize,
    /// Whether the sources agree on the date.
    pub agree: bool,
}

/// Timeline entry `t` as the timeline shows it: with its event when it has one.
pub fn with_event<'a>(input: &'a RenderInput, t: usize, root: &str) -> TimelineItem<'a> {
    let mut item = timeline_item(input, t, root);
    let index = input.index;
    let Some(event) = index.events.of_entry.get(t).copied().flatten() else {
        return item;
    };
    let event = &index.events.list[event];
    let first = event.members[0];
    if first == t {
        let sources: Vec<TimelineItem> = event
            .members
            .iter()
            .map(|&m| timeline_item(input, m, root))
            .collect();
        item.event = Some(EventView {
            count: sources.len(),
            agree: event.dates_agree,
            others: sources[1..].to_vec(),
            sources,
        });
    } else {
        let (a, m) = index.timeline[first].at;
        let article = &input.articles[a];
        let id = timeline_entry_id(&article.id, article.mentions[m].span.start);
        item.in_event = Some(EventRef {
            href: timeline_entry_href(root, first, &id),
            label: index.timeline[first].timex.label(),
            count: event.members.len(),
            agree: event.dates_agree,
        });
    }
    item
}
