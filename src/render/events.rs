//! Render stage, the timeline's rows: one per date value, with how many mentions and articles
//! give it, one representative sentence, the other sources by name, and the events that reach
//! across dates — a table of every source's date and words where sources disagree, and a
//! pointer from the other dates' rows to it. The `timeline_row` macro of `macros.html` writes
//! them; it is their only renderer.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pages::{chip, datetime_of, marked, resolution_of};
use super::views::Chip;
use super::RenderInput;
use crate::ids::{self, ActorIx, EntryIx, MentionRef};
use crate::index::periods::{sources, EVENTS_SHOWN, SOURCES_SHOWN};
use crate::routes::{article_anchor_href, timeline_row_id};

/// Distinct wordings a row shows ("2021", "that year").
const WORDS_SHOWN: usize = 4;
/// Actors a row names: those most often named with its date.
const ACTORS_SHOWN: usize = 8;
/// Characters of a source's title in a row's list of sources.
const TITLE_CHARS: usize = 70;

/// One row of the timeline: every mention of one date value.
#[derive(Serialize, Clone, Debug)]
pub struct TimelineRow<'a> {
    /// Anchor id, made of the date value (`t2024-04`).
    pub id: String,
    /// Human date at its precision.
    pub label: String,
    /// TIMEX3 value.
    pub value: String,
    /// `<time datetime>` value when it is valid HTML (not for decades).
    pub datetime: Option<String>,
    /// Mentions of the date, in all articles.
    pub mentions: usize,
    /// Articles that mention it.
    pub articles: usize,
    /// The distinct words that give the date, most frequent first.
    pub words: Vec<String>,
    /// Distinct wordings not shown.
    pub words_more: usize,
    /// The representative sentence, escaped, with its words marked.
    pub sentence_html: String,
    /// Where the representative sentence comes from.
    pub source: RowSource,
    /// The other articles that give the date, in timeline order.
    pub others: Vec<RowSource>,
    /// Articles not listed in `others`.
    pub more: usize,
    /// Actors named with the date, most often first.
    pub actors: Vec<Chip<'a>>,
    /// Events first reported under this date whose sources also give other dates.
    pub events: Vec<EventTable<'a>>,
    /// Events this date's mentions belong to that are shown under another date.
    pub elsewhere: Vec<EventPointer>,
    /// Events of either kind not shown.
    pub events_more: usize,
}

/// An article that gives a row's date.
#[derive(Serialize, Clone, Debug)]
pub struct RowSource {
    /// Link to the paragraph of its first mention of the date.
    pub href: String,
    /// Its title: shortened in a list of sources, whole for the representative.
    pub title: String,
    /// Its words for the date (first mention).
    pub words: String,
    /// Its mentions of the date.
    pub count: usize,
    /// How a relative date was resolved, when it was (representative only).
    pub resolution: Option<String>,
}

/// An event whose sources give different dates, shown under the date of its first source.
#[derive(Serialize, Clone, Debug)]
pub struct EventTable<'a> {
    /// Number of sources.
    pub count: usize,
    /// Whether the dates are compatible (one contains the other) rather than contradictory.
    pub agree: bool,
    /// Every source, in timeline order.
    pub members: Vec<EventMember<'a>>,
}

/// One source of an [`EventTable`].
#[derive(Serialize, Clone, Debug)]
pub struct EventMember<'a> {
    /// Link to the paragraph.
    pub href: String,
    /// The article's title.
    pub title: &'a str,
    /// The date it gives.
    pub label: String,
    /// `<time datetime>` value, when valid.
    pub datetime: Option<String>,
    /// Link to the row of that date, when it is another row.
    pub row_href: Option<String>,
    /// Its words for the date.
    pub words: String,
    /// Its sentence, escaped, with the words marked (only where sources disagree).
    pub sentence_html: Option<String>,
}

/// Where an event is shown, from the row of one of its other dates.
#[derive(Serialize, Clone, Debug)]
pub struct EventPointer {
    /// Link to the row that shows the event.
    pub href: String,
    /// The date it is shown under.
    pub label: String,
    /// Number of sources.
    pub count: usize,
    /// Whether the sources' dates are compatible.
    pub agree: bool,
}

/// Row `r` of the timeline, for a page at `root`.
pub fn row<'a>(input: &'a RenderInput, r: usize, root: &str) -> TimelineRow<'a> {
    let index = input.index;
    let timeline = &index.timeline;
    let plan = &index.periods;
    let range = plan.rows[r].clone();
    let first = &timeline[range.start];
    let rep = plan.representative[r];
    let by_article = sources(timeline, range.clone());
    let rep_source = by_article
        .iter()
        .position(|s| s.contains(&rep))
        .unwrap_or(0);
    let source_of = |s: &std::ops::Range<EntryIx>, t: EntryIx| {
        let MentionRef { article, mention } = timeline[t].at;
        let article = &input.articles[article];
        let mention = &article.mentions[mention.get()];
        RowSource {
            href: article_anchor_href(root, &article.id, &article.blocks[mention.block].anchor),
            title: crate::parse::shorten(&article.meta.title, TITLE_CHARS),
            words: article.source[mention.span.clone()].to_string(),
            count: ids::count(s),
            resolution: None,
        }
    };
    let mut source = source_of(&by_article[rep_source], rep);
    let MentionRef { article, mention } = timeline[rep].at;
    let rep_article = &input.articles[article];
    let rep_mention = &rep_article.mentions[mention.get()];
    source.resolution = resolution_of(rep_article, rep_mention);
    source.title = rep_article.meta.title.clone();
    let others: Vec<RowSource> = by_article
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != rep_source)
        .take(SOURCES_SHOWN)
        .map(|(_, s)| source_of(s, s.start))
        .collect();
    let more = (by_article.len() - 1).saturating_sub(others.len());
    let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
    let mut actors: BTreeMap<ActorIx, usize> = BTreeMap::new();
    for entry in &timeline[range.clone()] {
        let article = &input.articles[entry.at.article];
        let mention = &article.mentions[entry.at.mention.get()];
        *forms
            .entry(&article.source[mention.span.clone()])
            .or_default() += 1;
        for &id in &entry.actors {
            *actors.entry(id).or_default() += 1;
        }
    }
    let mut forms: Vec<(&str, usize)> = forms.into_iter().collect();
    forms.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let mut actors: Vec<(ActorIx, usize)> = actors.into_iter().collect();
    actors.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let (events, elsewhere, events_more) = events_of(input, r, root);
    let words_text = &rep_article.source[rep_mention.span.clone()];
    TimelineRow {
        id: timeline_row_id(&first.timex.value()),
        label: first.timex.label(),
        value: first.timex.value(),
        datetime: datetime_of(&first.timex),
        mentions: ids::count(&range),
        articles: by_article.len(),
        words_more: forms.len().saturating_sub(WORDS_SHOWN),
        words: forms
            .into_iter()
            .take(WORDS_SHOWN)
            .map(|(w, _)| w.to_string())
            .collect(),
        sentence_html: marked(&rep_mention.sentence, words_text),
        source,
        others,
        more,
        actors: actors
            .into_iter()
            .take(ACTORS_SHOWN)
            .map(|(id, _)| chip(input, id, 0, root))
            .collect(),
        events,
        elsewhere,
        events_more,
    }
}

/// The cross-date events of row `r`: tables for those first reported under its date, pointers
/// for those shown under another, and how many of either are left out. Events whose sources
/// all give this row's date need neither: the row already lists every source.
fn events_of<'a>(
    input: &'a RenderInput,
    r: usize,
    root: &str,
) -> (Vec<EventTable<'a>>, Vec<EventPointer>, usize) {
    let index = input.index;
    let plan = &index.periods;
    let links = &plan.links;
    let range = plan.rows[r].clone();
    let mut seen: Vec<usize> = ids::each(&range)
        .filter_map(|t| index.events.of_entry.get(t).copied().flatten())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let (mut tables, mut pointers, mut left) = (Vec::new(), Vec::new(), 0);
    for e in seen {
        let event = &index.events.list[e];
        if event.members.iter().all(|t| range.contains(t)) {
            continue;
        }
        let first = event.members[0];
        if tables.len() + pointers.len() >= 2 * EVENTS_SHOWN {
            left += 1;
        } else if range.contains(&first) {
            if tables.len() >= EVENTS_SHOWN {
                left += 1;
                continue;
            }
            let members = event
                .members
                .iter()
                .map(|&t| member(input, t, r, root, event.dates_agree))
                .collect();
            tables.push(EventTable {
                count: event.members.len(),
                agree: event.dates_agree,
                members,
            });
        } else if pointers.len() >= EVENTS_SHOWN {
            left += 1;
        } else {
            pointers.push(EventPointer {
                href: links.href(root, first),
                label: index.timeline[first].timex.label(),
                count: event.members.len(),
                agree: event.dates_agree,
            });
        }
    }
    (tables, pointers, left)
}

/// Entry `t` as a source of an event shown in row `r`.
fn member<'a>(
    input: &'a RenderInput,
    t: EntryIx,
    r: usize,
    root: &str,
    agree: bool,
) -> EventMember<'a> {
    let index = input.index;
    let entry = &index.timeline[t];
    let MentionRef { article, mention } = entry.at;
    let article = &input.articles[article];
    let mention = &article.mentions[mention.get()];
    let words = article.source[mention.span.clone()].to_string();
    let own_row = !index.periods.rows[r].contains(&t);
    EventMember {
        href: article_anchor_href(root, &article.id, &article.blocks[mention.block].anchor),
        title: &article.meta.title,
        label: entry.timex.label(),
        datetime: datetime_of(&entry.timex),
        row_href: own_row.then(|| index.periods.links.href(root, t)),
        sentence_html: (!agree).then(|| marked(&mention.sentence, &words)),
        words,
    }
}
