//! Index stage, related articles: ranks other articles by the actors they share.
//!
//! Candidates come from each actor's most-mentioning articles only (a capped posting list), so
//! the cost grows linearly with the corpus instead of comparing every pair of articles.

use rayon::prelude::*;

use super::ActorIndex;
use crate::ids::{ActorIx, ArticleIx, TiSlice, TiVec};
use crate::model::Article;

/// How many top articles per actor are considered as candidates.
const POSTING_CAP: usize = 64;

/// For each article, up to `limit` related articles, best first.
pub fn related(
    articles: &TiSlice<ArticleIx, Article>,
    actors: &TiSlice<ActorIx, ActorIndex>,
    limit: usize,
) -> TiVec<ArticleIx, Vec<ArticleIx>> {
    // weight[article] = [(actor, mentions)] and each actor's capped posting list.
    let mut weights: TiVec<ArticleIx, Vec<(ActorIx, usize)>> =
        vec![Vec::new(); articles.len()].into();
    let mut postings: TiVec<ActorIx, Vec<(ArticleIx, usize)>> = TiVec::with_capacity(actors.len());
    for (id, actor) in actors.iter_enumerated() {
        let mut list: Vec<(ArticleIx, usize)> = actor
            .by_article
            .iter()
            .map(|(a, ms)| (*a, ms.len()))
            .collect();
        for &(a, n) in &list {
            weights[a].push((id, n));
        }
        list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        list.truncate(POSTING_CAP);
        postings.push(list);
    }
    // Ties are broken by article id; comparing places in id order is the same and cheaper.
    let mut by_id: Vec<ArticleIx> = articles.keys().collect();
    by_id.sort_by(|&x, &y| articles[x].id.cmp(&articles[y].id));
    let mut id_rank: TiVec<ArticleIx, usize> = vec![0; articles.len()].into();
    for (place, &a) in by_id.iter().enumerate() {
        id_rank[a] = place;
    }
    // Each thread tallies into one table over all articles, read back through the list of the
    // entries it touched: no sort of every hit, and nothing to clear.
    let fresh = || {
        let tally: TiVec<ArticleIx, (usize, usize)> = vec![(0, 0); articles.len()].into();
        (tally, Vec::new())
    };
    let related: Vec<Vec<ArticleIx>> = (0..articles.len())
        .into_par_iter()
        .map(ArticleIx::from)
        .map_init(fresh, |(tally, touched), a| {
            // Per other article: (shared actors, shared mentions).
            for &(actor, mine) in &weights[a] {
                for &(other, theirs) in &postings[actor] {
                    if other != a {
                        let t = &mut tally[other];
                        if t.0 == 0 {
                            touched.push(other);
                        }
                        t.0 += 1;
                        t.1 += mine.min(theirs);
                    }
                }
            }
            let mut ranked: Vec<(ArticleIx, (usize, usize))> = touched
                .drain(..)
                .map(|other| (other, std::mem::take(&mut tally[other])))
                .collect();
            ranked.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(id_rank[x.0].cmp(&id_rank[y.0])));
            // A fresh vector: collecting from `ranked.into_iter()` would reuse its allocation,
            // and 10,000 articles would each keep hundreds of candidates' worth (120 MB).
            let mut best = Vec::with_capacity(limit.min(ranked.len()));
            best.extend(ranked.iter().take(limit).map(|(o, _)| *o));
            best
        })
        .collect();
    related.into()
}
