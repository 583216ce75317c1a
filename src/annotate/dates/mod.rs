//! Date and duration extraction for article paragraphs, TIMEX3-style: explicit dates
//! ("August 15, 2021", "the 1990s"), underspecified and relative ones ("July 3", "earlier this
//! year", "the same day") resolved against the publication date or the article's previous
//! date, and durations ("four long years", "a 25-year deal"). Counts, money, ages,
//! percentages and the verb "may" are deliberately left alone.

mod bare_month;
mod context;
mod cue_words;
mod cues;
mod named;
mod patterns;
mod relative;
mod report_period;
mod resolve;
mod spans;
mod tense;
pub(crate) mod words;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_narrative;
#[cfg(test)]
mod tests_relative;

pub use crate::time::Resolution;
pub use crate::time::{DatesMode, Precision, Timex};

use resolve::{select, Anchors};

/// Whether a mention names a point in time or an amount of time, so the timeline can skip
/// durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    /// A calendar point ("2021", "July 3"); carries a [`Timex`].
    Date,
    /// An amount of time ("four years"); carries an ISO 8601 duration.
    Duration,
    /// A vague reference to the present, past or future ("now", "recently", "the future"):
    /// TIMEX3 `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`; never a timeline point.
    Vague,
    /// A recurring time ("every week", "$2 million a year"); never a timeline point.
    Set,
}

/// One temporal expression found in a paragraph, with its normalised value, so mentions can
/// be linked to the timeline and highlighted in place.
#[derive(Clone, Debug, PartialEq)]
pub struct DateHit {
    /// Byte offset of the first byte of the mention in the paragraph passed to `find`.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// Point in time or amount of time.
    pub kind: DateKind,
    /// TIMEX3 value for dates ("2025-04"), ISO 8601 duration for durations ("P4Y").
    pub value: String,
    /// The calendar value; `Some` exactly for dates.
    pub timex: Option<Timex>,
    /// How the value was obtained.
    pub resolution: Resolution,
    /// TIMEX3 `mod` from a position or hedge word ("early 1990" is `START`).
    pub modifier: Option<&'static str>,
    /// For a date completed from an earlier one ([`Resolution::PreviousDate`]), which: its
    /// ordinal among the dates (hits with a `timex`) this resolver has returned, 0 first.
    pub anchor: Option<usize>,
}

/// What a dropped relative date lacked, so `dossier check` can say what would place it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// A publication date or any earlier date ("this year", "On July 3").
    Anchor,
    /// A day-precise publication date ("yesterday", "on Tuesday").
    PublicationDay,
    /// An earlier date in the text to count from ("two years later", "the same day").
    EarlierDate,
}

/// Carries what relative expressions resolve against across the paragraphs of one article.
pub struct DateResolver {
    anchors: Anchors,
    /// Spans of the last paragraph that looked like dates but had nothing to resolve against,
    /// with what they lacked.
    unresolved: Vec<(std::ops::Range<usize>, Missing)>,
}

impl DateResolver {
    /// A resolver for one article; `published` is its publication date at whatever precision
    /// is known, or `None` to resolve against the previous explicit date instead.
    pub fn new(published: Option<Timex>) -> Self {
        Self::with_mode(published, DatesMode::Auto)
    }

    /// [`new`](Self::new) with the article's `dates` mode.
    pub fn with_mode(published: Option<Timex>, mode: DatesMode) -> Self {
        DateResolver {
            anchors: Anchors {
                published,
                mode,
                ..Anchors::default()
            },
            unresolved: Vec::new(),
        }
    }

    /// Find every temporal expression in one paragraph; call paragraph by paragraph in document
    /// order (it remembers the last explicit date for articles without a publication date, and
    /// for "the same day"). Hits are sorted by start and never overlap.
    pub fn find(&mut self, text: &str) -> Vec<DateHit> {
        self.find_inner(text, None)
    }

    /// [`find`](Self::find) for a caller that has already split the paragraph with
    /// [`sentences`](crate::annotate::sentences::sentences): the annotator needs the split
    /// anyway, and splitting again here was a few per cent of annotating. `sentences` must be
    /// that function's result for `text`, or dates may borrow years across sentences.
    pub fn find_with_sentences(
        &mut self,
        text: &str,
        sentences: &[std::ops::Range<usize>],
    ) -> Vec<DateHit> {
        self.find_inner(text, Some(sentences))
    }

    fn find_inner(&mut self, text: &str, given: Option<&[std::ops::Range<usize>]>) -> Vec<DateHit> {
        let cues = cues::Cues::of(text);
        let mut cands = patterns::calendar_with(text, &cues);
        cands.extend(relative::relative_with(text, &cues));
        cands.extend(named::named_with(text, &cues));
        cands.extend(context::link_spans_with(text, &cues));
        // Split into sentences (unless the caller has) only when a candidate follows an explicit
        // date: most paragraphs have at most one candidate.
        let mut own = None;
        // Sorted, disjoint ranges: a binary search keeps long paragraphs linear.
        let mut sentence_of = |at: usize| {
            let sentences: &[std::ops::Range<usize>] = match given {
                Some(s) => s,
                None => own.get_or_insert_with(|| crate::annotate::sentences::sentences(text)),
            };
            let i = sentences.partition_point(|r| r.end <= at);
            sentences.get(i).filter(|r| r.contains(&at)).map(|_| i)
        };
        // The year of the last explicit date, with where it starts and its ordinal.
        let mut explicit_year: Option<(usize, i32, usize)> = None;
        // The last explicit day-precise date, with where it starts and its ordinal.
        let mut explicit_day: Option<(usize, Timex, usize)> = None;
        let mut out = Vec::new();
        self.unresolved.clear();
        let mut floor = 0;
        for mut c in select(cands) {
            if spans::title_cased(text, &c) {
                continue;
            }
            spans::take_amount_edges(text, &mut c, floor);
            spans::take_position(text, &mut c, floor);
            floor = c.end;
            // Only a date in the same sentence lends its year (an explicit day has set the
            // year too, so without a year there is no sentence to look up).
            let here = explicit_year.map(|_| sentence_of(c.start));
            let year = explicit_year
                .filter(|&(at, _, _)| sentence_of(at) == here.flatten())
                .map(|(_, y, _)| y);
            self.anchors.sentence_hit = explicit_year
                .filter(|_| year.is_some())
                .map(|(_, _, ordinal)| ordinal);
            // A weekday counts from a day the same sentence states ("3 May 2024, a week after
            // last Friday").
            self.anchors.sentence_day = explicit_day
                .filter(|_| matches!(c.expr, resolve::Expr::Weekday { .. }))
                .filter(|&(at, _, _)| sentence_of(at) == here.flatten())
                .map(|(_, t, ordinal)| (t, ordinal));
            let Some(hit) = self.anchors.resolve(text, &c, year) else {
                if !matches!(
                    c.expr,
                    resolve::Expr::Ignore
                        | resolve::Expr::NarrativeVague(_)
                        | resolve::Expr::NarrativeOr(..)
                ) {
                    self.unresolved.push((c.start..c.end, missing(&c.expr)));
                }
                continue;
            };
            if let (Resolution::Explicit, Some(t)) = (hit.resolution, hit.timex) {
                if t.precision() >= Precision::Year {
                    explicit_year = Some((c.start, t.year(), self.anchors.dates - 1));
                }
                if t.precision() == Precision::Day {
                    explicit_day = Some((c.start, t.whole(), self.anchors.dates - 1));
                }
            }
            out.push(hit);
        }
        out
    }

    /// The spans of the paragraph last passed to [`find`](Self::find) that are relative dates
    /// with nothing to resolve against ("last year" in an undated article): the build drops
    /// them silently, `dossier check` warns about them.
    pub fn unresolved(&self) -> &[(std::ops::Range<usize>, Missing)] {
        &self.unresolved
    }
}

/// What an expression that could not be resolved was missing.
fn missing(expr: &resolve::Expr) -> Missing {
    use resolve::Expr;
    match expr {
        Expr::DayOffset(..) | Expr::Weekday { .. } | Expr::Week { .. } => Missing::PublicationDay,
        Expr::SameDay(_)
        | Expr::SameDayPart(..)
        | Expr::PreviousYear(_)
        | Expr::PreviousMonth(_) => Missing::EarlierDate,
        _ => Missing::Anchor,
    }
}
