//! Actor matching: finds mentions of configured actors (countries, groups,
//! organisations) in one paragraph, for the annotation stage of the build.
//!
//! The pipeline, one submodule per stage:
//!  0. `patterns`  — compile names/aliases/metonyms/excludes once per build;
//!  1. `normalize` — fold the paragraph (case, apostrophes, hyphens, spaces)
//!     while keeping a map back to original byte offsets;
//!  2. search (here) — one leftmost-longest Aho–Corasick pass over the folded
//!     text; each candidate is checked for word boundaries and acronym case,
//!     falling back to shorter forms at the same start when rejected;
//!  3. `metonymy` (with `tokens`) — keep a capital city only where it stands
//!     for the state, not where it names a place.
//!
//! Possessives need no special case: the apostrophe is a word boundary, so
//! "Taliban’s" yields a hit on "Taliban" alone.

mod cues;
mod metonymy;
mod normalize;
mod patterns;
mod tokens;

#[cfg(test)]
mod tests;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use normalize::{fold, is_word_char, Folded};
use patterns::{Pattern, Role};

/// What the matcher needs to know about one configured actor.
///
/// Exists so the site configuration can describe actors declaratively; the
/// matcher never needs anything else about them.
#[derive(Clone, Debug, Default)]
pub struct ActorSpec {
    /// Stable identifier, used in error messages ("russia").
    pub id: String,
    /// Display name; always matched too, like an alias ("Russia").
    pub name: String,
    /// Surface forms that always mean this actor ("Russian", "Kremlin").
    /// Forms written in capitals ("US", "IS-K") match case-sensitively.
    pub aliases: Vec<String>,
    /// Place names that mean this actor only when they act as the state
    /// ("Moscow" for russia, "Kabul" for taliban).
    pub metonyms: Vec<String>,
    /// Phrases containing an alias that must never count for this actor
    /// ("Islamic Republic of Afghanistan", "Pakistani Taliban").
    pub exclude: Vec<String>,
}

/// One mention: byte range into the text given to `find`, and the index of
/// the actor in the specs slice.
///
/// Exists so callers can both slice the original paragraph
/// (`&text[hit.start..hit.end]`) and look the actor up without copying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorHit {
    /// Byte offset of the first byte of the mention in the original text.
    pub start: usize,
    /// Byte offset just past the mention (exclusive).
    pub end: usize,
    /// Index of the actor in the `specs` slice given to `ActorMatcher::new`.
    pub actor: usize,
}

/// Compiled once per build, shared read-only across threads (must be
/// Send + Sync).
///
/// Exists so the costly part (folding every surface form and building one
/// automaton for all of them) happens once, not per paragraph.
pub struct ActorMatcher {
    ac: AhoCorasick,
    pats: Vec<Pattern>,
}

impl ActorMatcher {
    /// Errors (as a String message naming the actor ids and alias) when one
    /// surface form is claimed by two actors, or an alias is empty.
    ///
    /// Exists to catch configuration mistakes at build start rather than
    /// silently linking mentions to an arbitrary one of two actors.
    pub fn new(specs: &[ActorSpec]) -> Result<ActorMatcher, String> {
        let pats = patterns::compile(specs)?;
        // A full DFA: a site configures a few hundred forms, too many for the automatic choice
        // to pick one, and the search runs over every annotated byte of the corpus.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(pats.iter().map(|p| p.folded.as_str()))
            .map_err(|e| format!("cannot build actor automaton: {e}"))?;
        Ok(ActorMatcher { ac, pats })
    }

    /// All mentions in one paragraph, sorted by start, non-overlapping.
    ///
    /// Exists as the single entry point of the annotation stage: give it the
    /// raw paragraph, get byte ranges into that same paragraph.
    pub fn find(&self, text: &str) -> Vec<ActorHit> {
        let folded = fold(text);
        let hay = folded.text.as_str();
        let mut hits = Vec::new();
        let headline = std::cell::OnceCell::new();
        let is_headline = || *headline.get_or_init(|| is_title_case(text));
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = self.ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let s = m.start();
            let id = m.pattern().as_usize();
            let winner = std::iter::once(id)
                .chain(self.pats[id].prefixes.iter().copied())
                .find(|&p| self.valid(&self.pats[p], &folded, text, s));
            let Some(p) = winner else {
                // Nothing valid starts here; resume one char later.
                pos = s + hay[s..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let pat = &self.pats[p];
            let e = s + pat.folded.len();
            pos = e;
            let keep = match pat.role {
                Role::Alias => true,
                Role::Exclude => false,
                Role::Metonym => {
                    let titlecase =
                        |t: &tokens::Tok| starts_upper(text, folded.orig_start(t.start));
                    metonymy::acts_as_state(hay, s, e, &titlecase, &is_headline)
                }
            };
            if keep {
                hits.push(ActorHit {
                    start: folded.orig_start(s),
                    end: folded.orig_end(text, e),
                    actor: pat.actor,
                });
            }
        }
        hits
    }

    /// Whether pattern `p`, known to match the folded text at `s`, is a real
    /// mention: not starting or ending inside a word, and with acronym
    /// letters uppercase in the original.
    fn valid(&self, p: &Pattern, folded: &Folded, text: &str, s: usize) -> bool {
        let hay = folded.text.as_str();
        let e = s + p.folded.len();
        if p.word_start && hay[..s].chars().next_back().is_some_and(is_word_char) {
            return false;
        }
        if p.word_end && hay[e..].chars().next().is_some_and(is_word_char) {
            return false;
        }
        p.upper
            .iter()
            .all(|&off| starts_upper(text, folded.orig_start(s + off)))
    }
}

/// Whether the original char at byte `at` is an uppercase letter.
fn starts_upper(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_uppercase)
}

/// Whether a paragraph looks like a title-case line (a headline): at least
/// four fifths of its words of 4+ letters are capitalised. In such lines a
/// capitalised word before a city says nothing about proper names.
fn is_title_case(text: &str) -> bool {
    let (mut long, mut caps) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() >= 4 {
            long += 1;
            caps += usize::from(w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    long >= 2 && caps * 5 >= long * 4
}
