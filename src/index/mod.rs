//! Index stage: the cross-article model — actor postings, co-occurrence, the timeline, related
//! articles and reading order.
//!
//! It holds indices into the article list, never copies of article text, so it stays small at
//! any corpus size; render reads it together with the articles.

pub mod entities;
pub mod events;
pub mod periods;
mod related;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::annotate::dates::Timex;
pub use crate::ids::MentionRef;
use crate::ids::{ActorIx, ArticleIx, EntryIx, MentionIx, TiSlice, TiVec};
use crate::model::{Article, MentionKind};

/// Everything the cross-linked pages need, computed once after annotation.
#[derive(Debug, Default)]
pub struct SiteIndex {
    /// Article indices in reading order: newest first, then by id.
    pub order: Vec<ArticleIx>,
    /// Per article: its place in `order`, so a page finds its neighbours without a scan of
    /// the whole order (which made previous/next links quadratic in the corpus).
    pub rank: TiVec<ArticleIx, usize>,
    /// One entry per configured actor, in configuration order.
    pub actors: TiVec<ActorIx, ActorIndex>,
    /// Every dated mention, chronologically.
    pub timeline: TiVec<EntryIx, TimelineEntry>,
    /// Per article: the most related other articles, best first.
    pub related: TiVec<ArticleIx, Vec<ArticleIx>>,
    /// Per article: mention index → its timeline entry, so a date in the text can link to the
    /// timeline page that holds its entry once the timeline is split into parts.
    pub entry_of: TiVec<ArticleIx, BTreeMap<MentionIx, EntryIx>>,
    /// Entities nobody configured, with their mentions and quotes.
    pub entities: entities::EntityIndex,
    /// Timeline entries from different articles grouped into the events they report.
    pub events: events::Events,
    /// The timeline's rows (one per date value) and period pages, and where each entry links.
    pub periods: periods::Plan,
    /// Per article: the anchor of its section on the entity pages
    /// ([`crate::routes::section_anchors`]), where its entity links land.
    pub section_anchors: TiVec<ArticleIx, String>,
}

/// What the corpus says about one actor.
#[derive(Debug, Default)]
pub struct ActorIndex {
    /// Total mentions across articles.
    pub mentions: usize,
    /// Mentions grouped by article (in reading order).
    pub by_article: Vec<(ArticleIx, Vec<MentionIx>)>,
    /// Other actors named in the same paragraphs, with the number of shared paragraphs.
    pub cooccurring: Vec<(ActorIx, usize)>,
    /// Timeline entries (indices) whose sentence names this actor.
    pub timeline: Vec<EntryIx>,
}

/// One dated mention on the timeline.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// The mention.
    pub at: MentionRef,
    /// Its resolved value, the sort key.
    pub timex: Timex,
    /// Actors named in the same sentence.
    pub actors: Vec<ActorIx>,
}

/// Builds the index; deterministic for the same articles in the same order.
pub fn build(articles: &TiSlice<ArticleIx, Article>, actor_count: usize) -> SiteIndex {
    let order = reading_order(articles);
    // Each article is read on its own, on every core; the parts are merged in reading order,
    // so the result is the same as one pass in that order.
    let parts: Vec<ArticlePart> = order
        .par_iter()
        .map(|&a| article_part(articles, a))
        .collect();
    let mut actors: TiVec<ActorIx, ActorIndex> =
        (0..actor_count).map(|_| ActorIndex::default()).collect();
    // Sized once: grown by doubling, the third of a million entries of a big corpus were
    // copied over and over into fresh memory.
    let mut timeline: Vec<TimelineEntry> =
        Vec::with_capacity(parts.iter().map(|p| p.timeline.len()).sum());
    let mut pairs: BTreeMap<(ActorIx, ActorIx), usize> = BTreeMap::new();
    for (part, &a) in parts.into_iter().zip(&order) {
        for (id, mentions) in part.actors {
            actors[id].mentions += mentions.len();
            actors[id].by_article.push((a, mentions));
        }
        timeline.extend(part.timeline);
        for (pair, n) in part.pairs {
            *pairs.entry(pair).or_default() += n;
        }
    }
    for ((x, y), n) in pairs {
        actors[x].cooccurring.push((y, n));
        actors[y].cooccurring.push((x, n));
    }
    for actor in &mut actors {
        actor
            .cooccurring
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    // Ties between equal dates go by article id, then source order: a total order, so the
    // unstable parallel sort gives the one result. Ids are compared by rank, not as strings.
    let id_rank = id_ranks(articles);
    timeline.par_sort_unstable_by(|x, y| {
        x.timex
            .cmp(&y.timex)
            .then(id_rank[x.at.article].cmp(&id_rank[y.at.article]))
            .then(x.at.mention.cmp(&y.at.mention))
    });
    let timeline: TiVec<EntryIx, TimelineEntry> = timeline.into();
    let mut entry_of: TiVec<ArticleIx, BTreeMap<MentionIx, EntryIx>> =
        vec![BTreeMap::new(); articles.len()].into();
    for (t, entry) in timeline.iter_enumerated() {
        for &id in &entry.actors {
            actors[id].timeline.push(t);
        }
        entry_of[entry.at.article].insert(entry.at.mention, t);
    }
    // Three independent passes over the corpus: side by side on the available cores.
    let (related, (entities, events)) = rayon::join(
        || related::related(articles, &actors, 5),
        || {
            rayon::join(
                || entities::EntityIndex::build(articles, &order, actor_count),
                || events::group(articles, &timeline),
            )
        },
    );
    let rank = places(&order);
    let periods = periods::plan(articles, &timeline, &events);
    let section_anchors =
        crate::routes::section_anchors(articles.iter().map(|a| a.id.as_str())).into();
    SiteIndex {
        section_anchors,
        periods,
        events,
        entities,
        rank,
        order,
        actors,
        timeline,
        related,
        entry_of,
    }
}

/// What one article adds to the index, before the parts are merged.
struct ArticlePart {
    /// Per actor it names (by id), its mentions of the actor in source order.
    actors: Vec<(ActorIx, Vec<MentionIx>)>,
    /// Its dated mentions.
    timeline: Vec<TimelineEntry>,
    /// Pairs of actors named in the same paragraph, with the number of such paragraphs.
    pairs: Vec<((ActorIx, ActorIx), usize)>,
}

fn article_part(articles: &TiSlice<ArticleIx, Article>, a: ArticleIx) -> ArticlePart {
    let article = &articles[a];
    let mut actors: BTreeMap<ActorIx, Vec<MentionIx>> = BTreeMap::new();
    let mut timeline = Vec::new();
    let mut per_block: BTreeMap<usize, Vec<ActorIx>> = BTreeMap::new();
    for (m, mention) in article.mentions.iter().enumerate() {
        let m = MentionIx::from(m);
        match &mention.kind {
            MentionKind::Actor(id) => {
                actors.entry(*id).or_default().push(m);
                per_block.entry(mention.block).or_default().push(*id);
            }
            MentionKind::Date { timex, .. } => timeline.push(TimelineEntry {
                at: MentionRef::new(a, m),
                timex: *timex,
                actors: sentence_actors(article, m),
            }),
            MentionKind::Duration(_) | MentionKind::Vague(_) | MentionKind::Set(_) => {}
        }
    }
    let mut pairs: BTreeMap<(ActorIx, ActorIx), usize> = BTreeMap::new();
    for ids in per_block.values_mut() {
        ids.sort_unstable();
        ids.dedup();
        for (i, &x) in ids.iter().enumerate() {
            for &y in &ids[i + 1..] {
                *pairs.entry((x, y)).or_default() += 1;
            }
        }
    }
    ArticlePart {
        actors: actors.into_iter().collect(),
        timeline,
        pairs: pairs.into_iter().collect(),
    }
}

/// Each article's place among the articles sorted by id.
fn id_ranks(articles: &TiSlice<ArticleIx, Article>) -> TiVec<ArticleIx, usize> {
    let mut by_id: Vec<ArticleIx> = articles.keys().collect();
    by_id.sort_unstable_by(|&x, &y| articles[x].id.cmp(&articles[y].id));
    places(&by_id)
}

/// Where each article stands in `order` (a permutation of the article indices).
fn places(order: &[ArticleIx]) -> TiVec<ArticleIx, usize> {
    let mut place: TiVec<ArticleIx, usize> = vec![0; order.len()].into();
    for (at, &a) in order.iter().enumerate() {
        place[a] = at;
    }
    place
}

/// Newest first (by publication date), undated last, ties by id: a stable reading order.
fn reading_order(articles: &TiSlice<ArticleIx, Article>) -> Vec<ArticleIx> {
    let mut order: Vec<ArticleIx> = articles.keys().collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&articles[x], &articles[y]);
        b.meta
            .published
            .cmp(&a.meta.published)
            .then(a.id.cmp(&b.id))
    });
    order
}

/// Actors mentioned in the same sentence as mention `m`, without duplicates, by id order.
///
/// Mentions are sorted by offset, so one sentence's mentions are neighbours: scanning outward
/// from `m` keeps this linear in the sentence, where a scan of the whole article made the
/// index quadratic in an article's mentions (hours for one 5 MB line).
fn sentence_actors(article: &Article, m: MentionIx) -> Vec<ActorIx> {
    let mut ids: Vec<ActorIx> = article
        .same_sentence(m.get())
        .filter_map(|o| match o.kind {
            MentionKind::Actor(id) => Some(id),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
