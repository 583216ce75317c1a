//! Annotate stage: finds actor and date mentions in every annotated block of an article.
//!
//! Extractors work on one block's plain text at a time ([`actors`], [`dates`]); this module maps
//! their offsets back to the source bytes, attaches each mention's sentence, and drops overlaps
//! so the rendered HTML never nests one link inside another.

pub mod actors;
pub mod dates;
pub mod entities;
pub mod event_words;
pub mod sentences;

use std::ops::Range;
use std::sync::Arc;

use anyhow::Result;

use crate::config::ActorConfig;
use crate::model::{Article, BlockKind, EntityMention, Mention, MentionKind, Quote, Speaker};
use actors::{ActorMatcher, ActorSpec};
use dates::{DateKind, DateResolver};
pub use entities::lexicon::{Lexicon, WordForms};

/// Compiled once per build and shared across threads: the actor automaton is the costly part.
pub struct Annotator {
    matcher: ActorMatcher,
}

impl Annotator {
    /// Compiles the actors; an alias claimed by two actors is a configuration error.
    pub fn new(actors: &[ActorConfig]) -> Result<Annotator> {
        let specs: Vec<ActorSpec> = actors
            .iter()
            .map(|a| ActorSpec {
                id: a.id.clone(),
                name: a.name.clone(),
                aliases: a.aliases.clone(),
                metonyms: a.metonyms.clone(),
                exclude: a.exclude.clone(),
            })
            .collect();
        let matcher =
            ActorMatcher::new(&specs).map_err(|e| anyhow::anyhow!("site.toml: actors: {e}"))?;
        Ok(Annotator { matcher })
    }

    /// Returns the article with its mentions filled in, sorted by source offset; what the
    /// article shows about its own words is the only corpus evidence (see [`Self::annotate_in`]).
    pub fn annotate(&self, article: Article) -> Article {
        self.annotate_with(article, None)
    }

    /// [`Self::annotate`] with what the whole corpus shows about its words (which capitalised
    /// words it also writes in lowercase, which acronyms it pluralises).
    pub fn annotate_in(&self, article: Article, lexicon: &Lexicon) -> Article {
        self.annotate_with(article, Some(lexicon))
    }

    /// Annotates with the corpus `lexicon`, or with what the article's own words show.
    fn annotate_with(&self, mut article: Article, lexicon: Option<&Lexicon>) -> Article {
        let mut resolver = DateResolver::with_mode(article.meta.published, article.meta.dates);
        let mut mentions = Vec::new();
        let mut blocks: Vec<BlockWork> = Vec::new();
        let mut cands: Vec<(usize, entities::Candidate)> = Vec::new();
        // Where each date the resolver returned starts in the source, by its ordinal.
        let mut date_starts: Vec<Option<usize>> = Vec::new();
        for (index, block) in article.blocks.iter().enumerate() {
            if !block.is_annotated() {
                continue;
            }
            let (text, map) = block.plain_text(&article.source);
            let sentences = sentences::sentences(&text);
            // Mentions of one sentence share its text: a corpus has millions of mentions.
            let mut shared: Vec<Option<Arc<str>>> = vec![None; sentences.len()];
            let mut push = |range: Range<usize>, kind: MentionKind| {
                if let Some(span) = to_source(&map, range.clone()) {
                    let sentence = sentence_of(&text, &sentences, &mut shared, range.clone());
                    mentions.push(Mention {
                        kind,
                        span,
                        block: index,
                        sentence,
                    });
                }
            };
            let mut claimed: Vec<Range<usize>> = Vec::new();
            for hit in resolver.find_with_sentences(&text, &sentences) {
                claimed.push(hit.start..hit.end);
                if hit.timex.is_some() {
                    date_starts.push(to_source(&map, hit.start..hit.end).map(|s| s.start));
                }
                let kind = match (hit.kind, hit.timex) {
                    (DateKind::Date, Some(timex)) => MentionKind::Date {
                        timex,
                        resolution: hit.resolution,
                        modifier: hit.modifier,
                        anchor: hit
                            .anchor
                            .and_then(|i| date_starts.get(i).copied().flatten()),
                    },
                    (DateKind::Duration, _) => MentionKind::Duration(hit.value),
                    (DateKind::Vague, _) => MentionKind::Vague(hit.value),
                    (DateKind::Set, _) => MentionKind::Set(hit.value),
                    (DateKind::Date, None) => continue,
                };
                push(hit.start..hit.end, kind);
            }
            let actor_hits = self.matcher.find(&text);
            for hit in &actor_hits {
                claimed.push(hit.start..hit.end);
                push(hit.start..hit.end, MentionKind::Actor(hit.actor.into()));
            }
            let headline = matches!(block.kind, BlockKind::Heading(_)) || headline_like(&text);
            let toks = entities::tokens::tokens(&text);
            let taken = entities::overlapped_tokens(&toks, &claimed);
            blocks.push(BlockWork {
                index,
                text,
                map,
                sentences,
                shared,
                toks,
                taken,
                headline,
                actor_hits,
            });
        }
        let own;
        let lexicon = match lexicon {
            Some(l) => l,
            None => {
                own = Lexicon::of_tokens(blocks.iter().map(|b| b.toks.as_slice()));
                &own
            }
        };
        for (w, b) in blocks.iter().enumerate() {
            let found = entities::find_in(&b.text, &b.toks, &b.taken, b.headline, lexicon);
            cands.extend(found.into_iter().map(|c| (w, c)));
        }
        let views: Vec<entities::BlockView> = blocks
            .iter()
            .map(|b| entities::BlockView {
                text: &b.text,
                toks: &b.toks,
                taken: &b.taken,
                headline: b.headline,
            })
            .collect();
        entities::propagate(&views, &mut cands);
        drop(views);
        let mut found = Found::default();
        let mut cands = cands.into_iter().peekable();
        for (w, work) in blocks.iter_mut().enumerate() {
            let (text, map, sentences) = (&work.text, &work.map, &work.sentences);
            let mut voices = Vec::new();
            while let Some((_, c)) = cands.next_if(|(b, _)| *b == w) {
                let person = c.kind == Some(crate::model::EntityKind::Person);
                if c.kind.is_some_and(|k| k != crate::model::EntityKind::Place) {
                    voices.push(entities::quotes::Voice {
                        range: c.start..c.end,
                        person,
                        id: found.cands.len(),
                    });
                }
                let span = to_source(map, c.start..c.end);
                let title = c.title.clone().and_then(|t| to_source(map, t));
                let sentence = sentence_of(text, sentences, &mut work.shared, c.start..c.end);
                found.places.push(Place {
                    span,
                    title,
                    sentence,
                });
                found.cands.push((work.index, c));
            }
            const ACTOR: usize = usize::MAX / 2;
            for hit in &work.actor_hits {
                voices.push(entities::quotes::Voice {
                    range: hit.start..hit.end,
                    person: false,
                    id: ACTOR + hit.actor,
                });
            }
            voices.sort_by_key(|v| v.range.start);
            for q in entities::quotes::find(text, &work.toks, sentences, &voices) {
                if q.range.len() > MAX_QUOTE {
                    continue;
                }
                let Some(span) = to_source(map, q.range.clone()) else {
                    continue;
                };
                let sentence = sentence_of(text, sentences, &mut work.shared, q.range.clone());
                let speaker = match q.speaker.checked_sub(ACTOR) {
                    Some(actor) => Err(actor),
                    None => Ok(q.speaker),
                };
                found.quotes.push((span, work.index, sentence, speaker));
            }
        }
        article.mentions = without_overlaps(mentions);
        (article.entities, article.quotes) = found.finish();
        article.event_words = event_words::of_article(&article);
        article
    }
}

/// One annotated block between the block pass and the article pass.
struct BlockWork {
    index: usize,
    text: String,
    map: Vec<(usize, usize, usize)>,
    sentences: Vec<Range<usize>>,
    shared: Vec<Option<Arc<str>>>,
    toks: Vec<entities::tokens::Tok>,
    taken: Vec<bool>,
    headline: bool,
    actor_hits: Vec<actors::ActorHit>,
}

/// Where a candidate sits in the source: its span, its title part and its sentence.
struct Place {
    span: Option<Range<usize>>,
    title: Option<Range<usize>>,
    sentence: Arc<str>,
}

/// A quote before its speaker's name is final: span, block, sentence, and the speaker as a
/// candidate index (`Ok`) or an actor (`Err`).
type PendingQuote = (
    Range<usize>,
    usize,
    Arc<str>,
    std::result::Result<usize, usize>,
);

/// Entity candidates and quotes of one article, before surnames are merged.
#[derive(Default)]
struct Found {
    cands: Vec<(usize, entities::Candidate)>,
    places: Vec<Place>,
    /// Span, block, sentence, and the speaker: a candidate index or an actor.
    quotes: Vec<PendingQuote>,
}

impl Found {
    /// Merges surnames into full names and turns candidates into mentions and quotes.
    fn finish(mut self) -> (Vec<EntityMention>, Vec<Quote>) {
        let kept = entities::resolve(&mut self.cands);
        let cands = &self.cands;
        let names: Vec<Option<String>> = kept
            .iter()
            .map(|k| k.map(|n| cands[n].1.name.clone()))
            .collect();
        let mut mentions = Vec::new();
        for (orig, k) in kept.iter().enumerate() {
            let place = &self.places[orig];
            let (Some(n), Some(span)) = (k, &place.span) else {
                continue;
            };
            let (block, c) = &cands[*n];
            mentions.push(EntityMention {
                name: c.name.clone(),
                kind: c.kind.unwrap_or(crate::model::EntityKind::Other),
                evidence: c.evidence,
                span: span.clone(),
                title: place.title.clone(),
                block: *block,
                sentence: place.sentence.clone(),
            });
        }
        mentions.sort_by_key(|m| m.span.start);
        let mut quotes: Vec<Quote> = self
            .quotes
            .into_iter()
            .filter_map(|(span, block, sentence, who)| {
                let speaker = match who {
                    Ok(c) => Speaker::Entity(names.get(c).cloned().flatten()?),
                    Err(actor) => Speaker::Actor(actor.into()),
                };
                Some(Quote {
                    span,
                    block,
                    sentence,
                    speaker,
                })
            })
            .collect();
        quotes.sort_by_key(|q| q.span.start);
        quotes.dedup_by_key(|q| q.span.clone());
        (mentions, quotes)
    }
}

/// Title Case lines (headings the text did not mark up) capitalise every word, so capitals
/// there are no cue to a name.
fn headline_like(text: &str) -> bool {
    // Stops at the first lowercase word: runs on every paragraph, which is rarely a headline.
    if text.trim_end().ends_with('.') {
        return false;
    }
    // A line of one word ("Syria" over a list of strikes) is a label.
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed.chars().all(char::is_alphabetic) {
        return true;
    }
    let mut words = 0;
    for word in text.split_whitespace().filter(|w| w.len() > 3) {
        words += 1;
        if words > 12 || word.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
    }
    words >= 2
}

/// Maps a plain-text range to source bytes; `None` when it straddles text that is not
/// contiguous in the source (e.g. across Markdown emphasis).
pub(crate) fn to_source(
    map: &[(usize, usize, usize)],
    range: Range<usize>,
) -> Option<Range<usize>> {
    let run = map
        .iter()
        .find(|(p, _, len)| range.start >= *p && range.start < p + len)?;
    let (plain, source, len) = *run;
    (range.end <= plain + len).then(|| source + range.start - plain..source + range.end - plain)
}

/// Longest sentence kept with a mention, in bytes. Scraped text can hold a whole article on
/// one line without a full stop; every mention carrying that "sentence" made the export and
/// the pages grow with mentions × line length, so a longer one keeps a window around each
/// mention instead.
const MAX_SENTENCE: usize = 600;

/// Longest quote attributed, in bytes. Longer "quotes" in scraped text are run-on lines (a
/// whole article without a full stop after "said that"), and a quote must fit in the
/// [`MAX_SENTENCE`] context shown with it.
const MAX_QUOTE: usize = MAX_SENTENCE - 100;

/// The sentence holding `span` (a mention's range in `text`), shared between the mentions of
/// one sentence; a sentence longer than [`MAX_SENTENCE`] gives a window around the span.
fn sentence_of(
    text: &str,
    sentences: &[Range<usize>],
    shared: &mut [Option<Arc<str>>],
    span: Range<usize>,
) -> Arc<str> {
    let at = span.start;
    // Sentences are sorted and disjoint: a binary search, not a scan per mention.
    let i = sentences.partition_point(|r| r.end.max(r.start + 1) <= at);
    let found = sentences.get(i).filter(|r| at >= r.start).map(|_| i);
    let range = found.map_or_else(
        || sentences::sentence_at(text, at),
        |i| sentences[i].clone(),
    );
    if range.len() > MAX_SENTENCE {
        let local = at.saturating_sub(range.start)..span.end.saturating_sub(range.start);
        return Arc::from(window(text.get(range.clone()).unwrap_or(text), local));
    }
    let trimmed = |range: Range<usize>| Arc::from(text.get(range).unwrap_or(text).trim());
    match found {
        Some(i) => shared[i]
            .get_or_insert_with(|| trimmed(sentences[i].clone()))
            .clone(),
        None => trimmed(range),
    }
}

/// About [`MAX_SENTENCE`] bytes of `sentence` around `span`, cut at spaces but never inside
/// the span, with ellipses where cut; the span is always whole.
fn window(sentence: &str, span: Range<usize>) -> String {
    let floor = |mut i: usize| {
        while !sentence.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start.min(sentence.len()));
    let end = floor(span.end.min(sentence.len())).max(start);
    let room = MAX_SENTENCE.saturating_sub(end - start) / 2;
    let from = floor(start.saturating_sub(room));
    let to = floor((end + room).min(sentence.len())).max(end);
    let from = match sentence[from..start].find(' ') {
        Some(space) if from > 0 => from + space + 1,
        _ => from,
    };
    let to = match sentence[end..to].rfind(' ') {
        Some(space) if to < sentence.len() => end + space,
        _ => to,
    };
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        sentence[from..to].trim(),
        if to < sentence.len() { "…" } else { "" }
    )
}

/// Sorted by start (longer first on ties); any mention overlapping an earlier kept one is
/// dropped, because the reader can only link a word to one thing.
fn without_overlaps(mut mentions: Vec<Mention>) -> Vec<Mention> {
    mentions.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    // In place: the end of the last mention kept is all the test needs.
    let mut kept_end: Option<usize> = None;
    mentions.retain(|m| {
        let keep = kept_end.is_none_or(|end| m.span.start >= end);
        if keep {
            kept_end = Some(m.span.end);
        }
        keep
    });
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_plain_offsets_through_runs() {
        let map = [(0, 10, 5), (5, 20, 5)];
        assert_eq!(to_source(&map, 1..3), Some(11..13));
        assert_eq!(to_source(&map, 6..9), Some(21..24));
        assert_eq!(to_source(&map, 3..7), None);
    }

    #[test]
    fn headlines_capitalise_every_long_word() {
        assert!(headline_like("Bitter Enemies to Pragmatic Partners"));
        assert!(headline_like("What Does Recognition Mean?"));
        assert!(!headline_like("Bitter Enemies became partners"));
        assert!(!headline_like("Bitter Enemies to Pragmatic Partners."));
        assert!(headline_like("Recognition"));
        assert!(!headline_like("Recognition."));
        assert!(!headline_like(&"Word ".repeat(13)));
        assert!(headline_like(&"Word ".repeat(12)));
    }

    #[test]
    fn overlaps_keep_the_earlier_longer_mention() {
        let m = |s, e| Mention {
            kind: MentionKind::Duration("P1Y".into()),
            span: s..e,
            block: 0,
            sentence: Arc::from(""),
        };
        let kept = without_overlaps(vec![m(5, 9), m(0, 6), m(0, 3), m(9, 12)]);
        let spans: Vec<_> = kept.iter().map(|m| m.span.clone()).collect();
        assert_eq!(spans, [0..6, 9..12]);
    }
}
