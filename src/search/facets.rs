//! Search, facets: what a result can be narrowed by — the actors it names, its outlet and its
//! year — stored in each shard's document rows as small numbers into tables the manifest
//! carries, so a filter costs no extra file.
//!
//! An article's year is its publication year and its actors are those it mentions; a timeline
//! entry's year is the year of its date, its outlet its article's and its actors those named
//! in its sentence; an actor page names itself and has no outlet or year.

use std::collections::BTreeSet;

use crate::ids::{ArticleIx, EntryIx, TiVec};
use crate::render::RenderInput;

/// The tables the manifest ships, and each document's entries in them.
pub struct Facets {
    /// Actor names, in configuration order; a document names actor `i` as `i`.
    pub actors: Vec<String>,
    /// Outlet names, sorted; a document names outlet `i` as `i + 1` (0: none).
    pub outlets: Vec<String>,
    /// Years that some document has, ascending.
    pub years: Vec<i32>,
    /// Per article (by position in the input's article list), the actors it mentions.
    article_actors: TiVec<ArticleIx, Vec<u32>>,
}

/// One document's facets, as its shard row stores them.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based outlet number, 0 for none.
    pub outlet: u32,
    /// The year, 0 for none.
    pub year: i32,
    /// Actor numbers, ascending.
    pub actors: Vec<u32>,
}

impl Facets {
    /// The tables of `input`.
    pub fn new(input: &RenderInput) -> Self {
        let mut article_actors: TiVec<ArticleIx, Vec<u32>> =
            vec![Vec::new(); input.articles.len()].into();
        for (i, actor) in input.index.actors.iter_enumerated() {
            for (a, _) in &actor.by_article {
                article_actors[*a].push(i.get() as u32);
            }
        }
        for list in &mut article_actors {
            list.sort_unstable();
            list.dedup();
        }
        let outlets: BTreeSet<&str> = input
            .articles
            .iter()
            .filter_map(|a| a.meta.outlet.as_deref())
            .collect();
        let mut years: BTreeSet<i32> = input
            .articles
            .iter()
            .filter_map(|a| a.meta.published.as_ref().map(|t| t.year()))
            .collect();
        years.extend(input.index.timeline.iter().map(|e| e.timex.year()));
        Facets {
            actors: (input.site.config.actors.iter())
                .map(|a| a.name.clone())
                .collect(),
            outlets: outlets.into_iter().map(str::to_string).collect(),
            years: years.into_iter().collect(),
            article_actors,
        }
    }

    fn outlet(&self, name: Option<&str>) -> u32 {
        name.and_then(|n| self.outlets.binary_search_by(|o| o.as_str().cmp(n)).ok())
            .map_or(0, |i| i as u32 + 1)
    }

    /// The row of an article (its position in the input's article list).
    pub fn article(&self, input: &RenderInput, a: ArticleIx) -> Row {
        let meta = &input.articles[a].meta;
        Row {
            outlet: self.outlet(meta.outlet.as_deref()),
            year: meta.published.as_ref().map_or(0, |t| t.year()),
            actors: self.article_actors[a].clone(),
        }
    }

    /// The row of actor `k` (configuration order).
    pub fn actor(&self, k: usize) -> Row {
        Row {
            outlet: 0,
            year: 0,
            actors: vec![k as u32],
        }
    }

    /// The row of timeline entry `t`.
    pub fn timeline(&self, input: &RenderInput, t: EntryIx) -> Row {
        let entry = &input.index.timeline[t];
        let meta = &input.articles[entry.at.article].meta;
        let mut actors: Vec<u32> = entry.actors.iter().map(|&a| a.get() as u32).collect();
        actors.sort_unstable();
        actors.dedup();
        Row {
            outlet: self.outlet(meta.outlet.as_deref()),
            year: entry.timex.year(),
            actors,
        }
    }
}
