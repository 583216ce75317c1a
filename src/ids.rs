//! Typed positions: which article, actor, mention or timeline entry a number stands for.
//!
//! The index stage keeps positions, never copies, so that it stays small at any corpus size
//! (see `index`). Bare `usize`s let an actor's position be passed where an article's was
//! meant and still compile; each kind of position here is its own type, and the vectors keyed
//! by one (`TiVec<ArticleIx, _>`) refuse the others. The numbers are `u32`: a corpus has far
//! fewer than four billion of anything, and the index holds millions of them.

use std::fmt;
use std::ops::Range;

pub use typed_index_collections::{TiSlice, TiVec};

/// What every kind of position is: a number that converts to and from a slice index.
pub trait Position: Copy + Ord + From<usize> + Into<usize> {}

/// The positions of a run (`start..end`), in order: `Range` of a newtype does not iterate.
pub fn each<I: Position>(run: &Range<I>) -> impl Iterator<Item = I> {
    (run.start.into()..run.end.into()).map(I::from)
}

/// How many positions a run (`start..end`) holds.
pub fn count<I: Position>(run: &Range<I>) -> usize {
    run.end.into().saturating_sub(run.start.into())
}

macro_rules! position {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(u32);

        impl $name {
            /// The position as an index into an untyped slice.
            #[inline]
            pub const fn get(self) -> usize {
                self.0 as usize
            }
        }

        impl From<usize> for $name {
            /// Panics past `u32::MAX`, which no corpus reaches (the loader's limits stop far
            /// earlier); a silent wrap would point at the wrong thing.
            #[inline]
            fn from(i: usize) -> Self {
                Self(u32::try_from(i).expect(concat!(stringify!($name), " past u32::MAX")))
            }
        }

        impl From<$name> for usize {
            #[inline]
            fn from(i: $name) -> usize {
                i.get()
            }
        }

        impl Position for $name {}

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

position! {
    /// An article's position in the corpus as loaded (sorted by path), not its reading order.
    ArticleIx
}

position! {
    /// An actor's position in `site.toml`'s list of actors.
    ActorIx
}

position! {
    /// A mention's position among its article's mentions (in source order).
    MentionIx
}

position! {
    /// An entry's position on the chronological timeline.
    EntryIx
}

/// Where a mention lives: its article and its place among that article's mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MentionRef {
    /// The article.
    pub article: ArticleIx,
    /// The mention, among the article's.
    pub mention: MentionIx,
}

impl MentionRef {
    /// The mention `mention` of article `article`.
    pub fn new(article: ArticleIx, mention: MentionIx) -> Self {
        Self { article, mention }
    }
}

/// The articles keyed by their position.
pub type Articles<T> = TiSlice<ArticleIx, T>;

/// Views an untyped slice of per-article values as keyed by `ArticleIx`, at no cost.
pub fn by_article<T>(items: &[T]) -> &TiSlice<ArticleIx, T> {
    TiSlice::from_ref(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_and_order_like_their_numbers() {
        let a = ArticleIx::from(7);
        assert_eq!(a.get(), 7);
        assert_eq!(usize::from(a), 7);
        assert!(ArticleIx::from(2) < ArticleIx::from(10));
        assert_eq!(format!("{a:?} {a}"), "ArticleIx(7) 7");
    }

    #[test]
    fn typed_vectors_index_by_their_own_kind() {
        let names: TiVec<ActorIx, &str> = vec!["Russia", "Taliban"].into();
        assert_eq!(names[ActorIx::from(1)], "Taliban");
        let keys: Vec<ActorIx> = names.keys().collect();
        assert_eq!(keys, [ActorIx::from(0), ActorIx::from(1)]);
    }

    #[test]
    #[should_panic(expected = "past u32::MAX")]
    fn a_position_past_u32_is_refused_not_wrapped() {
        let _ = MentionIx::from(u32::MAX as usize + 1);
    }

    #[test]
    fn a_run_of_positions_iterates_like_its_numbers() {
        let run = EntryIx::from(3)..EntryIx::from(6);
        let got: Vec<usize> = each(&run).map(EntryIx::get).collect();
        assert_eq!(got, [3, 4, 5]);
        assert_eq!(count(&run), 3);
        assert_eq!(each(&(EntryIx::from(2)..EntryIx::from(2))).count(), 0);
    }

    #[test]
    fn mention_refs_sort_by_article_then_mention() {
        let r = |a: usize, m: usize| MentionRef::new(a.into(), m.into());
        let mut v = vec![r(1, 0), r(0, 5), r(0, 2)];
        v.sort();
        assert_eq!(v, [r(0, 2), r(0, 5), r(1, 0)]);
    }
}
