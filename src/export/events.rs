//! The `events` list of the export: which date mentions the timeline shows as one event, so
//! other tools can reuse the grouping without redoing it.

use serde::Serialize;

use super::mention_id;
use crate::index::SiteIndex;
use crate::model::Article;

/// One event: its member mentions (by export id), their dates in the same order, and whether
/// the dates agree.
#[derive(Serialize)]
pub(super) struct EventRecord {
    id: String,
    mentions: Vec<String>,
    dates: Vec<String>,
    agree: bool,
}

/// The events in timeline order, numbered `e1`, `e2`, ….
pub(super) fn records<'a>(
    articles: &'a [Article],
    index: &'a SiteIndex,
) -> impl Iterator<Item = EventRecord> + 'a {
    index.events.list.iter().enumerate().map(move |(n, event)| {
        let entries = event.members.iter().map(|&t| &index.timeline[t]);
        EventRecord {
            id: format!("e{}", n + 1),
            mentions: entries
                .clone()
                .map(|e| {
                    let article = &articles[e.at.article.get()];
                    mention_id(&article.id, article.mentions[e.at.mention.get()].span.start)
                })
                .collect(),
            dates: entries.map(|e| e.timex.value()).collect(),
            agree: event.dates_agree,
        }
    })
}
