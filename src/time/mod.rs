//! Calendar values every stage shares: the [`Timex`] a date mention normalises to, and the
//! calendar arithmetic (weekdays, ISO weeks, day offsets, movable feasts) that resolving
//! relative dates needs. A low layer: it depends on nothing else in the crate, so the config,
//! the annotator, the index and the renderers may all use it without a module cycle.

pub mod calendar;
mod timex;

pub use timex::{DayPart, Part, Precision, Season, Timex};
