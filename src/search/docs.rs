//! Search, documents: what a search result can be — an article, an actor or a timeline entry —
//! as plain text units the index reads, with the link each one leads to.
//!
//! Documents are not materialised: a large corpus has hundreds of thousands of timeline entries
//! and megabytes of article text, while the index only ever writes out the few documents its
//! kept postings name. A document is its number; its text, title and link are built from the
//! render input when they are asked for, so nothing corpus-sized is held at once.

use std::borrow::Cow;

use super::facets::{Facets, Row};
use crate::analysis::RenderInput;
use crate::ids::{EntryIx, MentionRef};
use crate::model::{Block, Inline};
use crate::routes::{actor_path, article_path};

/// What a result is, shown as its label and kept in the index as one letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An article page.
    Article,
    /// An actor page.
    Actor,
    /// One entry of the timeline page.
    Timeline,
}

impl Kind {
    /// The letter stored in the index (`search.js` maps it back to a label).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Article => "a",
            Kind::Actor => "c",
            Kind::Timeline => "t",
        }
    }
}

/// A piece of a document's text with where it sits on the page.
#[derive(Clone, Debug)]
pub struct Unit<'a> {
    /// Plain text: borrowed from the input where it exists there as is (a timeline sentence,
    /// a title), built only for this read otherwise (an article paragraph).
    pub text: Cow<'a, str>,
    /// Paragraph anchor on the document's page (`p3`), or empty.
    pub anchor: &'a str,
    /// Counts each occurrence this many times: names and titles weigh more than body text.
    pub boost: u32,
    /// Whether an excerpt may be cut from it (a bare title or alias list makes a poor one).
    pub show: bool,
}

/// What the ranking reads: numbered documents, each with a kind and units of text. A trait so
/// the ranking can be tested on plain strings without a site.
pub trait Corpus: Sync {
    /// Number of documents; they are numbered from 0.
    fn len(&self) -> usize;
    /// Document `d`'s kind, whose average length its BM25 length normalisation uses.
    fn kind(&self, d: u32) -> Kind;
    /// Replaces `out` with document `d`'s units, in page order. A buffer rather than a
    /// returned list because it is called twice for every document of the corpus.
    fn units<'s>(&'s self, d: u32, out: &mut Vec<Unit<'s>>);
    /// Every document number once, in the order the index reads them. Any order gives the
    /// same index (document frequencies are counts and each list keeps its best postings by a
    /// total order), so a corpus may pick the one that reads its memory in sequence.
    fn reading_order(&self) -> Vec<u32> {
        (0..self.len() as u32).collect()
    }
    /// A key that stands for document `d`'s units, equal only for equal units, under which
    /// its terms may be kept between builds ([`super::memo`]); `None`: never kept.
    fn key(&self, _d: u32) -> Option<u128> {
        None
    }
}

/// Every document of a site, numbered by position: articles in reading order, then actors in
/// configuration order, then the timeline in its order — the same on every build.
pub struct Docs<'a> {
    input: &'a RenderInput<'a>,
    /// Number of articles, the first actor's document number.
    articles: u32,
    /// First timeline entry's document number.
    timeline: u32,
    len: u32,
    /// Per article (in reading order), the blocks its units come from: finding unit `u` by
    /// walking the blocks made excerpts quadratic in a huge article's paragraphs.
    unit_blocks: Vec<Box<[u32]>>,
}

/// Which part of the input a document number names.
enum Source {
    /// Position in the reading order.
    Article(usize),
    /// Position in the configuration's actor list.
    Actor(usize),
    /// Position on the timeline.
    Timeline(EntryIx),
}

impl<'a> Docs<'a> {
    /// The documents of `input`.
    pub fn new(input: &'a RenderInput<'a>) -> Self {
        let articles = input.index.order.len() as u32;
        let timeline = articles + input.site.config.actors.len() as u32;
        let len = timeline + input.index.timeline.len() as u32;
        let unit_blocks = input
            .index
            .order
            .iter()
            .map(|&a| {
                let blocks = input.articles[a].blocks.iter().enumerate();
                blocks
                    .filter(|(_, b)| b.is_annotated())
                    .map(|(i, _)| i as u32)
                    .collect()
            })
            .collect();
        Docs {
            input,
            articles,
            timeline,
            len,
            unit_blocks,
        }
    }

    fn source(&self, d: u32) -> Source {
        if d < self.articles {
            Source::Article(d as usize)
        } else if d < self.timeline {
            Source::Actor((d - self.articles) as usize)
        } else {
            Source::Timeline(EntryIx::from((d - self.timeline) as usize))
        }
    }

    /// Document `d`'s result heading.
    pub fn title(&self, d: u32) -> Cow<'a, str> {
        let input = self.input;
        match self.source(d) {
            Source::Article(k) => Cow::Borrowed(&input.articles[input.index.order[k]].meta.title),
            Source::Actor(k) => Cow::Borrowed(&input.site.config.actors[k].name),
            Source::Timeline(t) => {
                let entry = &input.index.timeline[t];
                let article = &input.articles[entry.at.article];
                Cow::Owned(format!("{} · {}", entry.timex.label(), article.meta.title))
            }
        }
    }

    /// Document `d`'s address relative to the site root, without the paragraph anchor.
    pub fn href(&self, d: u32) -> String {
        let input = self.input;
        match self.source(d) {
            Source::Article(k) => article_path(&input.articles[input.index.order[k]].id),
            Source::Actor(k) => actor_path(&input.site.config.actors[k].id),
            Source::Timeline(t) => input.index.periods.links.href("", t),
        }
    }

    /// Document `d`'s filters: its outlet, year and actors.
    pub fn facet_row(&self, facets: &Facets, d: u32) -> Row {
        match self.source(d) {
            Source::Article(k) => facets.article(self.input, self.input.index.order[k]),
            Source::Actor(k) => facets.actor(k),
            Source::Timeline(t) => facets.timeline(self.input, t),
        }
    }

    /// Unit `u` of document `d` (as [`Corpus::units`] numbers them), without building the
    /// others: an excerpt needs one paragraph of an article.
    pub fn unit(&self, d: u32, u: u32) -> Unit<'_> {
        let u = u as usize;
        if let Source::Article(k) = self.source(d) {
            let article = &self.input.articles[self.input.index.order[k]];
            let block = self.unit_blocks[k].get(u);
            return match block {
                Some(&b) => block_unit(&article.blocks[b as usize], &article.source),
                None => unit(&article.meta.title, "", 3, false),
            };
        }
        let mut units = Vec::new();
        self.units(d, &mut units);
        units.swap_remove(u)
    }
}

impl Corpus for Docs<'_> {
    fn len(&self) -> usize {
        self.len as usize
    }

    fn kind(&self, d: u32) -> Kind {
        match self.source(d) {
            Source::Article(_) => Kind::Article,
            Source::Actor(_) => Kind::Actor,
            Source::Timeline(_) => Kind::Timeline,
        }
    }

    /// Articles and actors in order, then the timeline entries by article and mention rather
    /// than by date: in date order each entry's mention is a cache miss somewhere in the
    /// corpus, and entries that share a sentence come apart, which the index reads once when
    /// they are neighbours.
    fn reading_order(&self) -> Vec<u32> {
        let mut entries: Vec<(usize, usize, u32)> = (self.input.index.timeline.iter())
            .zip(self.timeline..)
            .map(|(entry, d)| (entry.at.article.get(), entry.at.mention.get(), d))
            .collect();
        // Unique by document number, so an unstable sort gives one order.
        entries.sort_unstable();
        let mut order: Vec<u32> = (0..self.timeline).collect();
        order.extend(entries.into_iter().map(|(_, _, d)| d));
        order
    }

    /// An article's documents are keyed by the digest of its analysis, which covers its text,
    /// metadata and annotations: an article's blocks and title, a timeline entry's sentence
    /// and date label. Actors (a handful, from the settings) are not kept.
    fn key(&self, d: u32) -> Option<u128> {
        let input = self.input;
        let (tag, a, m) = match self.source(d) {
            Source::Article(k) => (0u8, input.index.order[k], 0),
            Source::Actor(_) => return None,
            Source::Timeline(t) => {
                let MentionRef { article, mention } = input.index.timeline[t].at;
                (1u8, article, mention.get())
            }
        };
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        h.update(&[tag]);
        h.update(&input.digests.get(a.get())?.to_le_bytes());
        h.update(&(m as u64).to_le_bytes());
        Some(h.digest128())
    }

    fn units<'s>(&'s self, d: u32, out: &mut Vec<Unit<'s>>) {
        out.clear();
        let input = self.input;
        match self.source(d) {
            Source::Article(k) => {
                let article = &input.articles[input.index.order[k]];
                out.extend(
                    article
                        .blocks
                        .iter()
                        .filter(|b| b.is_annotated())
                        .map(|b| block_unit(b, &article.source)),
                );
                // Last, so an excerpt comes from the body whenever the body has the word too.
                out.push(unit(&article.meta.title, "", 3, false));
            }
            Source::Actor(k) => {
                let actor = &input.site.config.actors[k];
                if !actor.description.is_empty() {
                    out.push(unit(&actor.description, "", 1, true));
                }
                if !actor.aliases.is_empty() {
                    let aliases = format!("Also called {}.", actor.aliases.join(", "));
                    out.push(unit(aliases, "", 3, true));
                }
                out.push(unit(&actor.name, "", 3, false));
                out.push(unit(&actor.kind, "", 1, false));
            }
            Source::Timeline(t) => {
                let entry = &input.index.timeline[t];
                let MentionRef { article, mention } = entry.at;
                let mention = &input.articles[article].mentions[mention.get()];
                out.push(unit(&*mention.sentence, "", 1, true));
                out.push(unit(entry.timex.label(), "", 1, false));
            }
        }
    }
}

fn unit<'a>(text: impl Into<Cow<'a, str>>, anchor: &'a str, boost: u32, show: bool) -> Unit<'a> {
    Unit {
        text: text.into(),
        anchor,
        boost,
        show,
    }
}

/// An annotated block as a unit: its plain text, as [`Block::plain_text`] gives it, without
/// the source map that the index has no use for.
fn block_unit<'a>(block: &'a Block, source: &'a str) -> Unit<'a> {
    // Sized first: growing by doubling cost a copy or two per paragraph, read twice each.
    let len = block.inlines.iter().map(|inline| match inline {
        Inline::Source(r) => r.len(),
        Inline::Literal(s) => s.len(),
        _ => 0,
    });
    let mut text = String::with_capacity(len.sum());
    for inline in &block.inlines {
        match inline {
            Inline::Source(r) => text.push_str(&source[r.clone()]),
            Inline::Literal(s) => text.push_str(s),
            _ => {}
        }
    }
    unit(text, &block.anchor, 1, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    #[test]
    fn block_text_is_the_plain_text() {
        let source = "Talks in *Doha* &amp; Kabul";
        let block = Block {
            kind: BlockKind::Paragraph,
            line: 1,
            inlines: vec![
                Inline::Source(0..9),
                Inline::Open(crate::model::Style::Emphasis),
                Inline::Source(10..14),
                Inline::Close(crate::model::Style::Emphasis),
                Inline::Source(15..16),
                Inline::Literal("&".into()),
                Inline::Source(21..27),
            ],
            anchor: "p1".into(),
            repeat_of: None,
        };
        let unit = block_unit(&block, source);
        assert_eq!(unit.text, block.plain_text(source).0);
        assert_eq!((unit.anchor, unit.boost, unit.show), ("p1", 1, true));
    }
}
