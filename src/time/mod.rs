//! Calendar values every stage shares: the [`Timex`] a date mention normalises to, and the
//! calendar arithmetic (weekdays, ISO weeks, day offsets, movable feasts) that resolving
//! relative dates needs. A low layer: it depends on nothing else in the crate, so the config,
//! the annotator, the index and the renderers may all use it without a module cycle.

pub mod calendar;
mod timex;

pub use timex::{DayPart, Part, Precision, Season, Timex};

/// Whether an article's underspecified dates count from its publication date or from the
/// time its narrative has reached, as `dates` in `[articles.<id>]` of site.toml says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatesMode {
    /// Decided from the text as it goes: a narrative once it has named clearly more years
    /// far from the publication date than near it.
    #[default]
    Auto,
    /// A news report: "in March" and "on Tuesday" are near the publication date.
    News,
    /// A history: "in March" is March of the year the text last named.
    Narrative,
}

/// How a value was obtained, shown to readers on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The text states the value in full.
    Explicit,
    /// Completed from the article's publication date ("this year", "On July 3").
    PublicationDate,
    /// Completed from the last date the article mentioned before it ("the same day").
    PreviousDate,
}
