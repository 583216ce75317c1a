//! The hand-off between the two halves of the pipeline: [`Analysis`] is what load, parse,
//! annotate, index and notes make of a site, built once; [`RenderInput`] is the read-only view
//! of it that the emit stages (render, search, export) take. Every command builds the first
//! and emits from the second (see [`crate::pipeline`]).

use crate::config::Site;
use crate::ids::{ArticleIx, TiSlice, TiVec};
use crate::index::SiteIndex;
use crate::model::Article;
use crate::notes::refs::Names;
use crate::notes::{NoteProblems, NoteSet};

/// A site analysed: its articles annotated, the cross-article index, the editorial notes
/// anchored, and the notes' problems.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Annotated articles, in input order.
    pub articles: TiVec<ArticleIx, Article>,
    /// Cross-article model.
    pub index: SiteIndex,
    /// Editorial notes, placed and orphaned.
    pub notes: NoteSet,
    /// What the notes stage found wrong, for the command's error policy.
    pub note_problems: NoteProblems,
    /// Per article, a digest of everything its analysis was made from (its cache key and
    /// corpus digest): what a page shows of an article changes only when this does, which is
    /// how the render stage tells the pages it can keep (`render::deps`).
    pub digests: Vec<u128>,
}

impl Analysis {
    /// The read-only view the emit stages take.
    pub fn input<'a>(&'a self, site: &'a Site) -> RenderInput<'a> {
        RenderInput {
            site,
            articles: &self.articles,
            index: &self.index,
            notes: &self.notes,
            digests: &self.digests,
        }
    }
}

/// Everything the emit stages (render, search, export) read: the configuration and the
/// analysis, borrowed, read-only.
pub struct RenderInput<'a> {
    /// Configuration.
    pub site: &'a Site,
    /// Annotated articles.
    pub articles: &'a TiSlice<ArticleIx, Article>,
    /// Cross-article model.
    pub index: &'a SiteIndex,
    /// Editorial notes, placed and orphaned.
    pub notes: &'a NoteSet,
    /// Per article, the digest of its analysis ([`Analysis::digests`]).
    pub digests: &'a [u128],
}

impl<'a> RenderInput<'a> {
    /// What notes' references resolve against.
    pub fn names(&self) -> Names<'a> {
        Names {
            actors: &self.site.config.actors,
            articles: self.articles,
            index: self.index,
        }
    }
}
