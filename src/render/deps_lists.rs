//! Render stage, dependencies of the pages that list articles' mentions: an actor's page (each
//! part) and an entity's page say what they read ([`super::deps`]) before their variables are
//! built, so a build after an edit keeps every such page that lists none of the edited
//! articles without building its keyword lines again.
//!
//! Each function follows the page's context function line by line (`pages::actor`,
//! `entities::entity_page`): the articles it quotes (by their analysis digest, which covers
//! their text, mentions, sentences and quotes), and the index-derived facts it shows (counts,
//! part ranges, co-occurring actors, the timeline rows its graphic links to, entity links).
//! Actor names, members and the rest of `site.toml` reach every digest through
//! [`super::deps::site_inputs`].

use std::ops::Range;

use super::deps::Deps;
use super::entities::{LINES, QUOTES};
use super::RenderInput;
use crate::ids::{ActorIx, ArticleIx};
use crate::index::entities::EntityEntry;
use crate::output::Inputs;

/// Part `part` of actor `id`'s page, split as `parts`; `timeline` is the actor's
/// [`actor_timeline`], the same for every part.
pub fn actor_page(
    input: &RenderInput,
    site: Inputs,
    id: ActorIx,
    parts: &[Range<usize>],
    part: usize,
    timeline: Inputs,
) -> Deps {
    let index = &input.index.actors[id];
    let mut d = Deps::new(site, "actor");
    d.num(id.get()).num(part).num(parts.len());
    // The pager labels every part by its range.
    for r in parts {
        d.num(r.start).num(r.end);
    }
    d.num(index.mentions).num(index.by_article.len());
    for (a, mentions) in &index.by_article[parts[part].clone()] {
        d.article(input, *a).num(mentions.len());
        for &m in mentions {
            d.num(m.get());
        }
    }
    d.num(index.cooccurring.len());
    for &(o, n) in &index.cooccurring {
        d.num(o.get()).num(n);
    }
    d.inputs(timeline);
    if part == 0 {
        // The first part lists the entries with their sentences and actors.
        for &t in &input.index.actors[id].timeline {
            let entry = &input.index.timeline[t];
            d.num(entry.actors.len());
            for &x in &entry.actors {
                d.num(x.get());
            }
        }
        let entities = &input.index.entities;
        for name in &input.site.config.actors[id.get()].members {
            match entities.find(name) {
                Some(f) => {
                    // The member links to its entity's page when it has one.
                    d.num(1).str(&f.id).num(usize::from(f.page)).num(f.mentions);
                    entity_lines(&mut d, input, f);
                }
                None => {
                    d.num(0);
                }
            }
        }
        quotes(&mut d, input, &entities.actor_quotes[id]);
    }
    d
}

/// What every part of actor `id`'s page reads of the timeline, digested once per actor rather
/// than once per part (a busy actor has tens of thousands of entries and ten parts). The
/// graphic shows each entry by its date and links it to the row that shows it; only an actor
/// with few entries also lists them, each with its article's sentence and link, so only then
/// do the entries' articles count. An edit that leaves an article's dates where they were
/// thus leaves the graphic of every actor its dates name as it was.
pub fn actor_timeline(input: &RenderInput, id: ActorIx) -> Inputs {
    let timeline = &input.index.actors[id].timeline;
    let links = &input.index.periods.links;
    let listed = super::pages::lists_timeline(timeline.len());
    let mut d = Deps::new(0, "actor timeline");
    d.num(timeline.len()).num(usize::from(links.single()));
    for &t in timeline {
        let entry = &input.index.timeline[t];
        d.hashed(&entry.timex).str(links.target(t));
        if listed {
            d.num(entry.at.mention.get());
            d.article(input, entry.at.article);
        }
    }
    d.finish()
}

/// Entity `i`'s page.
pub fn entity_page(input: &RenderInput, site: Inputs, i: usize) -> Deps {
    let entities = &input.index.entities;
    let e = &entities.entities[i];
    let mut d = Deps::new(site, "entity");
    d.str(&e.id).str(&e.name).hashed(&e.kind);
    d.num(e.mentions).num(e.by_article.len());
    entity_lines(&mut d, input, e);
    quotes(&mut d, input, &e.quotes);
    // The actors it is a member of.
    for actor in &input.site.config.actors {
        for m in &actor.members {
            let here = entities.find(m).is_some_and(|f| f.id == e.id);
            d.num(usize::from(here));
        }
    }
    d
}

/// The keyword lines of `e`'s mentions as an entity page or an actor's member shows them: at
/// most [`LINES`], grouped by article.
fn entity_lines(d: &mut Deps, input: &RenderInput, e: &EntityEntry) {
    let mut left = LINES;
    for (a, mentions) in &e.by_article {
        if left == 0 {
            break;
        }
        let shown = mentions.len().min(left);
        d.article(input, *a).num(shown);
        for &m in &mentions[..shown] {
            d.num(m);
        }
        left -= shown;
    }
    d.num(usize::MAX);
}

/// Quotes `(article, quote)` as a page lists them: at most [`QUOTES`].
fn quotes(d: &mut Deps, input: &RenderInput, list: &[(ArticleIx, usize)]) {
    let shown = &list[..list.len().min(QUOTES)];
    d.num(shown.len());
    for &(a, q) in shown {
        d.article(input, a).num(q);
    }
}
