//! The analysis of one article as cache bytes, and back.
//!
//! Only what parsing and annotating made is stored: the source text, id, path and format
//! come from the file itself (whose bytes are part of the entry's key). Sentences and short
//! strings (names, markup, date values) are stored once per article in two tables that
//! mentions refer to by number, as the model shares one sentence between its mentions.
//!
//! Decoding checks every offset against the source and every index against its table, so a
//! damaged entry is refused with [`Corrupt`] instead of making a later stage panic. Every
//! struct is taken apart field by field and every enum matched without a wildcard: a field
//! added to the model does not compile until it is stored here.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use super::bytes::{Corrupt, Read, Reader, Writer};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::{
    Align, Article, Block, BlockKind, Container, EntityKind, EntityMention, EventWords, Evidence,
    Inline, Mention, MentionKind, Meta, Quote, SourceFile, Speaker, Style, Table,
};
use crate::time::{DatesMode, Resolution, Timex};

/// The encoding's version: part of every cache file's header, raised whenever this file
/// changes what it writes.
pub const FORMAT: u32 = 3;

/// Interns strings for one article while it is written. The ids come from the vectors, in
/// first-use order, so the maps' hasher never shows in the bytes: Fx, not SipHash, which cost
/// about 1 % of a cold build (the keys are the article's own text, not an attacker's).
#[derive(Default)]
struct Tables<'a> {
    texts: Vec<Cow<'a, str>>,
    text_ids: FxHashMap<Cow<'a, str>, usize>,
    sentences: Vec<&'a str>,
    sentence_ids: FxHashMap<&'a str, usize>,
}

impl<'a> Tables<'a> {
    fn text(&mut self, s: &'a str) -> usize {
        self.text_cow(Cow::Borrowed(s))
    }

    fn text_cow(&mut self, s: Cow<'a, str>) -> usize {
        if let Some(&id) = self.text_ids.get(&s) {
            return id;
        }
        self.texts.push(s.clone());
        self.text_ids.insert(s, self.texts.len() - 1);
        self.texts.len() - 1
    }

    fn sentence(&mut self, s: &'a str) -> usize {
        *self.sentence_ids.entry(s).or_insert_with(|| {
            self.sentences.push(s);
            self.sentences.len() - 1
        })
    }
}

/// The analysis of `article` as bytes; `None` when some value would not read back the same
/// (a date whose written form does not parse to itself), so the article is not cached.
pub fn encode(article: &Article) -> Option<Vec<u8>> {
    let Article {
        id: _,
        source_path: _,
        source: _,
        format: _,
        meta,
        blocks,
        mentions,
        entities,
        quotes,
        event_words,
        warnings,
        corpus_digest: _,
    } = article;
    // The tables come first in the bytes but are filled while the body is written.
    let mut t = Tables::default();
    let mut body = Writer::default();
    encode_meta(&mut body, meta, &mut t)?;
    body.size(warnings.len());
    for w in warnings {
        encode_diagnostic(&mut body, w);
    }
    body.size(blocks.len());
    for b in blocks {
        encode_block(&mut body, b, &mut t);
    }
    body.size(mentions.len());
    let mut last = 0;
    for m in mentions {
        encode_mention(&mut body, m, &mut last, &mut t)?;
    }
    body.size(entities.len());
    let mut last = 0;
    for e in entities {
        encode_entity(&mut body, e, &mut last, &mut t);
    }
    body.size(quotes.len());
    for q in quotes {
        let Quote {
            span,
            block,
            sentence,
            speaker,
        } = q;
        span_of(&mut body, span, &mut 0);
        body.size(*block);
        body.size(t.sentence(sentence));
        match speaker {
            Speaker::Entity(name) => {
                body.byte(0);
                body.size(t.text(name));
            }
            Speaker::Actor(id) => {
                body.byte(1);
                body.size(id.get());
            }
        }
    }
    // Event words: each entry's mention index as the step from the last one (they ascend).
    body.size(event_words.len());
    let mut last = 0;
    for (m, words) in event_words.iter() {
        body.size((m - last) as usize);
        last = m;
        body.str(words);
    }
    let mut out = Writer::default();
    out.size(t.texts.len());
    for s in &t.texts {
        out.str(s);
    }
    out.size(t.sentences.len());
    for s in &t.sentences {
        out.str(s);
    }
    out.bytes.extend_from_slice(&body.bytes);
    Some(out.bytes)
}

fn encode_meta<'a>(w: &mut Writer, meta: &'a Meta, t: &mut Tables<'a>) -> Option<()> {
    let Meta {
        title,
        title_editorial,
        subtitle,
        outlet,
        author,
        published,
        dates,
        url,
    } = meta;
    w.str(title);
    w.flag(*title_editorial);
    for s in [subtitle, outlet, author, url] {
        opt_str(w, s.as_deref());
    }
    match published {
        Some(p) => {
            w.byte(1);
            timex(w, p, t)?;
        }
        None => w.byte(0),
    }
    w.byte(match dates {
        DatesMode::Auto => 0,
        DatesMode::News => 1,
        DatesMode::Narrative => 2,
    });
    Some(())
}

fn encode_block<'a>(w: &mut Writer, block: &'a Block, t: &mut Tables<'a>) {
    let Block {
        kind,
        line,
        inlines,
        anchor,
        repeat_of,
    } = block;
    match kind {
        BlockKind::Title => w.byte(0),
        BlockKind::Standfirst => w.byte(1),
        BlockKind::Heading(level) => {
            w.byte(2);
            w.byte(*level);
        }
        BlockKind::Paragraph => w.byte(3),
        BlockKind::ListItem => w.byte(4),
        BlockKind::Trailer => w.byte(5),
        BlockKind::Open(c) => {
            w.byte(6);
            encode_container(w, *c);
        }
        BlockKind::Close(c) => {
            w.byte(7);
            encode_container(w, *c);
        }
        BlockKind::Rule => w.byte(8),
        BlockKind::Code { lang, text } => {
            w.byte(9);
            w.size(t.text(lang));
            w.str(text);
        }
        BlockKind::Table(table) => {
            w.byte(10);
            w.size(table.aligns.len());
            for a in &table.aligns {
                w.byte(match a {
                    Align::None => 0,
                    Align::Left => 1,
                    Align::Center => 2,
                    Align::Right => 3,
                });
            }
            encode_row(w, &table.head, t);
            w.size(table.rows.len());
            for row in &table.rows {
                encode_row(w, row, t);
            }
        }
    }
    w.size(*line);
    w.size(t.text(anchor));
    w.size(repeat_of.map_or(0, |r| r + 1));
    encode_inlines(w, inlines, t);
}

fn encode_container(w: &mut Writer, c: Container) {
    match c {
        Container::Quote => w.byte(0),
        Container::Bullets => w.byte(1),
        Container::Numbered { start } => {
            w.byte(2);
            w.uint(start);
        }
        Container::Item => w.byte(3),
    }
}

fn encode_row<'a>(w: &mut Writer, cells: &'a [Vec<Inline>], t: &mut Tables<'a>) {
    w.size(cells.len());
    for cell in cells {
        encode_inlines(w, cell, t);
    }
}

fn encode_inlines<'a>(w: &mut Writer, inlines: &'a [Inline], t: &mut Tables<'a>) {
    w.size(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Source(r) => {
                w.byte(0);
                span_of(w, r, &mut 0);
            }
            Inline::Literal(s) => {
                w.byte(1);
                w.str(s);
            }
            Inline::Open(style) => {
                w.byte(2);
                w.byte(style_code(*style));
            }
            Inline::Close(style) => {
                w.byte(3);
                w.byte(style_code(*style));
            }
            Inline::Link(href) => {
                w.byte(4);
                w.size(t.text(href));
            }
            Inline::LinkEnd => w.byte(5),
            Inline::Break => w.byte(6),
        }
    }
}

fn style_code(style: Style) -> u8 {
    match style {
        Style::Emphasis => 0,
        Style::Strong => 1,
        Style::Strikethrough => 2,
        Style::Code => 3,
    }
}

fn encode_mention<'a>(
    w: &mut Writer,
    m: &'a Mention,
    last: &mut usize,
    t: &mut Tables<'a>,
) -> Option<()> {
    let Mention {
        kind,
        span,
        block,
        sentence,
    } = m;
    match kind {
        MentionKind::Actor(id) => {
            w.byte(0);
            w.size(id.get());
        }
        MentionKind::Date {
            timex: value,
            resolution,
            modifier,
            anchor,
        } => {
            w.byte(1);
            timex(w, value, t)?;
            w.byte(match resolution {
                Resolution::Explicit => 0,
                Resolution::PublicationDate => 1,
                Resolution::PreviousDate => 2,
            });
            w.size(modifier.map_or(0, |m| t.text(m) + 1));
            w.size(anchor.map_or(0, |a| a + 1));
        }
        MentionKind::Duration(v) => {
            w.byte(2);
            w.size(t.text(v));
        }
        MentionKind::Vague(v) => {
            w.byte(3);
            w.size(t.text(v));
        }
        MentionKind::Set(v) => {
            w.byte(4);
            w.size(t.text(v));
        }
    }
    span_of(w, span, last);
    w.size(*block);
    w.size(t.sentence(sentence));
    Some(())
}

fn encode_entity<'a>(w: &mut Writer, e: &'a EntityMention, last: &mut usize, t: &mut Tables<'a>) {
    let EntityMention {
        name,
        kind,
        evidence,
        span,
        title,
        block,
        sentence,
    } = e;
    w.size(t.text(name));
    w.byte(match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    });
    w.byte(match evidence {
        Evidence::Cue => 0,
        Evidence::Gazetteer => 1,
        Evidence::Acronym => 2,
        Evidence::Propagation => 3,
        Evidence::Corpus => 4,
        Evidence::Shape => 5,
    });
    span_of(w, span, last);
    match title {
        Some(r) => {
            w.byte(1);
            span_of(w, r, &mut 0);
        }
        None => w.byte(0),
    }
    w.size(*block);
    w.size(t.sentence(sentence));
}

/// A date as its TIMEX3 value, which [`Timex::parse`] reads back; `None` if it would not.
fn timex<'a>(w: &mut Writer, value: &Timex, t: &mut Tables<'a>) -> Option<()> {
    let text = value.value();
    if Timex::parse(&text) != Some(*value) {
        return None;
    }
    w.size(t.text_cow(Cow::Owned(text)));
    Some(())
}

/// A byte range as its start relative to `last` (the previous start, for sorted lists) and
/// its length.
fn span_of(w: &mut Writer, r: &Range<usize>, last: &mut usize) {
    w.int(r.start as i64 - *last as i64);
    w.size(r.end.saturating_sub(r.start));
    *last = r.start;
}

fn opt_str(w: &mut Writer, s: Option<&str>) {
    match s {
        Some(s) => {
            w.byte(1);
            w.str(s);
        }
        None => w.byte(0),
    }
}

/// The one `&'static str` for each distinct TIMEX3 modifier read back (the model keeps them
/// as static strings): only a handful exist, so leaking each once is bounded.
fn intern(s: &str) -> &'static str {
    static TABLE: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut table = TABLE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&kept) = table.get(s) {
        return kept;
    }
    let kept: &'static str = Box::leak(s.to_string().into_boxed_str());
    table.insert(s.to_string(), kept);
    kept
}

/// The article analysed from `file`, read back from `bytes`; `actors` is the number of
/// configured actors, which every actor index must be below. A refused entry gives the file
/// back, to be analysed afresh.
pub fn decode(
    bytes: &[u8],
    file: SourceFile,
    actors: usize,
) -> Result<Article, (Corrupt, SourceFile)> {
    match body(bytes, &file.text, actors) {
        Ok(b) => Ok(Article {
            id: file.id,
            source_path: file.display_path,
            source: file.text,
            format: file.format,
            meta: b.meta,
            blocks: b.blocks,
            mentions: b.mentions,
            entities: b.entities,
            quotes: b.quotes,
            event_words: b.event_words,
            warnings: b.warnings,
            corpus_digest: 0,
        }),
        Err(e) => Err((e, file)),
    }
}

/// What an entry holds: the article less what its file gives.
struct Body {
    meta: Meta,
    blocks: Vec<Block>,
    mentions: Vec<Mention>,
    entities: Vec<EntityMention>,
    quotes: Vec<Quote>,
    event_words: EventWords,
    warnings: Vec<Diagnostic>,
}

fn body(bytes: &[u8], source: &str, actors: usize) -> Read<Body> {
    let mut r = Reader::new(bytes);
    let mut texts = Vec::new();
    for _ in 0..r.count()? {
        texts.push(r.str()?);
    }
    let mut sentences: Vec<Arc<str>> = Vec::new();
    for _ in 0..r.count()? {
        sentences.push(Arc::from(r.str()?));
    }
    let d = Decoding {
        texts: &texts,
        sentences: &sentences,
        source,
        actors,
    };
    let meta = d.meta(&mut r)?;
    let mut warnings = Vec::new();
    for _ in 0..r.count()? {
        warnings.push(decode_diagnostic(&mut r)?);
    }
    let n = r.count()?;
    let mut blocks = Vec::with_capacity(n);
    for i in 0..n {
        blocks.push(d.block(&mut r, i)?);
    }
    let n = r.count()?;
    let mut mentions = Vec::with_capacity(n);
    let mut last = 0;
    for _ in 0..n {
        mentions.push(d.mention(&mut r, &mut last, blocks.len())?);
    }
    let n = r.count()?;
    let mut entities = Vec::with_capacity(n);
    let mut last = 0;
    for _ in 0..n {
        entities.push(d.entity(&mut r, &mut last, blocks.len())?);
    }
    let n = r.count()?;
    let mut quotes = Vec::with_capacity(n);
    for _ in 0..n {
        let span = d.span(&mut r, &mut 0)?;
        let block = r.index(blocks.len())?;
        let sentence = d.sentence(&mut r)?;
        let speaker = match r.byte()? {
            0 => Speaker::Entity(d.text(&mut r)?.to_string()),
            1 => Speaker::Actor(r.index(actors)?.into()),
            _ => return Err(Corrupt("bad speaker")),
        };
        quotes.push(Quote {
            span,
            block,
            sentence,
            speaker,
        });
    }
    let n = r.count()?;
    let mut event_words = EventWords::default();
    let mut last = 0usize;
    for _ in 0..n {
        // Mention indices ascend (`push` refuses one that does not), and name a mention.
        let m = last
            .checked_add(r.size()?)
            .filter(|&m| m < mentions.len())
            .ok_or(Corrupt("event words of no mention"))?;
        last = m;
        if !event_words.push(m as u32, r.str()?) {
            return Err(Corrupt("event words out of order"));
        }
    }
    if !r.is_done() {
        return Err(Corrupt("bytes after the article"));
    }
    Ok(Body {
        meta,
        blocks,
        mentions,
        entities,
        quotes,
        event_words,
        warnings,
    })
}

/// What decoding reads against: the article's tables, its source and the actor count.
struct Decoding<'a, 'b> {
    texts: &'b [&'a str],
    sentences: &'b [Arc<str>],
    source: &'b str,
    actors: usize,
}

impl<'a> Decoding<'a, '_> {
    fn text(&self, r: &mut Reader) -> Read<&'a str> {
        Ok(self.texts[r.index(self.texts.len())?])
    }

    fn sentence(&self, r: &mut Reader) -> Read<Arc<str>> {
        Ok(Arc::clone(&self.sentences[r.index(self.sentences.len())?]))
    }

    /// A range that must lie within the source, on character boundaries.
    fn span(&self, r: &mut Reader, last: &mut usize) -> Read<Range<usize>> {
        let start = usize::try_from(*last as i64 + r.int()?).map_err(|_| Corrupt("offset"))?;
        let end = start.checked_add(r.size()?).ok_or(Corrupt("offset"))?;
        let s = self.source;
        if end > s.len() || !s.is_char_boundary(start) || !s.is_char_boundary(end) {
            return Err(Corrupt("range outside the source"));
        }
        *last = start;
        Ok(start..end)
    }

    fn timex(&self, r: &mut Reader) -> Read<Timex> {
        Timex::parse(self.text(r)?).ok_or(Corrupt("bad date value"))
    }

    fn opt_str(&self, r: &mut Reader) -> Read<Option<String>> {
        Ok(match r.byte()? {
            0 => None,
            1 => Some(r.str()?.to_string()),
            _ => return Err(Corrupt("bad option")),
        })
    }

    fn meta(&self, r: &mut Reader) -> Read<Meta> {
        let title = r.str()?.to_string();
        let title_editorial = r.flag()?;
        let subtitle = self.opt_str(r)?;
        let outlet = self.opt_str(r)?;
        let author = self.opt_str(r)?;
        let url = self.opt_str(r)?;
        let published = match r.byte()? {
            0 => None,
            1 => Some(self.timex(r)?),
            _ => return Err(Corrupt("bad option")),
        };
        let dates = match r.byte()? {
            0 => DatesMode::Auto,
            1 => DatesMode::News,
            2 => DatesMode::Narrative,
            _ => return Err(Corrupt("bad dates mode")),
        };
        Ok(Meta {
            title,
            title_editorial,
            subtitle,
            outlet,
            author,
            published,
            dates,
            url,
        })
    }

    fn block(&self, r: &mut Reader, index: usize) -> Read<Block> {
        let kind = match r.byte()? {
            0 => BlockKind::Title,
            1 => BlockKind::Standfirst,
            2 => BlockKind::Heading(r.byte()?),
            3 => BlockKind::Paragraph,
            4 => BlockKind::ListItem,
            5 => BlockKind::Trailer,
            6 => BlockKind::Open(container(r)?),
            7 => BlockKind::Close(container(r)?),
            8 => BlockKind::Rule,
            9 => BlockKind::Code {
                lang: self.text(r)?.to_string(),
                text: r.str()?.to_string(),
            },
            10 => {
                let n = r.count()?;
                let mut aligns = Vec::with_capacity(n);
                for _ in 0..n {
                    aligns.push(match r.byte()? {
                        0 => Align::None,
                        1 => Align::Left,
                        2 => Align::Center,
                        3 => Align::Right,
                        _ => return Err(Corrupt("bad alignment")),
                    });
                }
                let head = self.row(r)?;
                let n = r.count()?;
                let mut rows = Vec::with_capacity(n);
                for _ in 0..n {
                    rows.push(self.row(r)?);
                }
                BlockKind::Table(Table { aligns, head, rows })
            }
            _ => return Err(Corrupt("bad block kind")),
        };
        let line = r.size()?;
        let anchor = self.text(r)?.to_string();
        let repeat_of = match r.size()? {
            0 => None,
            n if n - 1 < index => Some(n - 1),
            _ => return Err(Corrupt("repeat of a later block")),
        };
        let inlines = self.inlines(r)?;
        Ok(Block {
            kind,
            line,
            inlines,
            anchor,
            repeat_of,
        })
    }

    fn row(&self, r: &mut Reader) -> Read<Vec<Vec<Inline>>> {
        let n = r.count()?;
        let mut cells = Vec::with_capacity(n);
        for _ in 0..n {
            cells.push(self.inlines(r)?);
        }
        Ok(cells)
    }

    fn inlines(&self, r: &mut Reader) -> Read<Vec<Inline>> {
        let n = r.count()?;
        let mut inlines = Vec::with_capacity(n);
        for _ in 0..n {
            inlines.push(match r.byte()? {
                0 => Inline::Source(self.span(r, &mut 0)?),
                1 => Inline::Literal(r.str()?.to_string()),
                2 => Inline::Open(style(r)?),
                3 => Inline::Close(style(r)?),
                4 => Inline::Link(self.text(r)?.to_string()),
                5 => Inline::LinkEnd,
                6 => Inline::Break,
                _ => return Err(Corrupt("bad inline")),
            });
        }
        Ok(inlines)
    }

    fn mention(&self, r: &mut Reader, last: &mut usize, blocks: usize) -> Read<Mention> {
        let kind = match r.byte()? {
            0 => MentionKind::Actor(r.index(self.actors)?.into()),
            1 => {
                let timex = self.timex(r)?;
                let resolution = match r.byte()? {
                    0 => Resolution::Explicit,
                    1 => Resolution::PublicationDate,
                    2 => Resolution::PreviousDate,
                    _ => return Err(Corrupt("bad resolution")),
                };
                let modifier = match r.size()? {
                    0 => None,
                    n => Some(intern(
                        self.texts.get(n - 1).ok_or(Corrupt("index out of range"))?,
                    )),
                };
                let anchor = r.size()?.checked_sub(1);
                MentionKind::Date {
                    timex,
                    resolution,
                    modifier,
                    anchor,
                }
            }
            2 => MentionKind::Duration(self.text(r)?.to_string()),
            3 => MentionKind::Vague(self.text(r)?.to_string()),
            4 => MentionKind::Set(self.text(r)?.to_string()),
            _ => return Err(Corrupt("bad mention kind")),
        };
        let span = self.span(r, last)?;
        let block = r.index(blocks)?;
        let sentence = self.sentence(r)?;
        Ok(Mention {
            kind,
            span,
            block,
            sentence,
        })
    }

    fn entity(&self, r: &mut Reader, last: &mut usize, blocks: usize) -> Read<EntityMention> {
        let name = self.text(r)?.to_string();
        let kind = match r.byte()? {
            0 => EntityKind::Person,
            1 => EntityKind::Organisation,
            2 => EntityKind::Place,
            3 => EntityKind::Other,
            _ => return Err(Corrupt("bad entity kind")),
        };
        let evidence = match r.byte()? {
            0 => Evidence::Cue,
            1 => Evidence::Gazetteer,
            2 => Evidence::Acronym,
            3 => Evidence::Propagation,
            4 => Evidence::Corpus,
            5 => Evidence::Shape,
            _ => return Err(Corrupt("bad evidence")),
        };
        let span = self.span(r, last)?;
        let title = match r.byte()? {
            0 => None,
            1 => Some(self.span(r, &mut 0)?),
            _ => return Err(Corrupt("bad option")),
        };
        let block = r.index(blocks)?;
        let sentence = self.sentence(r)?;
        Ok(EntityMention {
            name,
            kind,
            evidence,
            span,
            title,
            block,
            sentence,
        })
    }
}

/// A warning kept with its article: severity, file, line and column, message, hint.
fn encode_diagnostic(w: &mut Writer, d: &Diagnostic) {
    w.byte(match d.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    w.str(d.file.as_deref().unwrap_or(""));
    w.flag(d.file.is_some());
    w.size(d.span.map_or(0, |s| s.line));
    w.size(d.span.and_then(|s| s.col).map_or(0, |c| c + 1));
    w.str(&d.message);
    w.str(d.hint.as_deref().unwrap_or(""));
    w.flag(d.hint.is_some());
}

fn decode_diagnostic(r: &mut Reader) -> Read<Diagnostic> {
    let severity = match r.byte()? {
        0 => Severity::Error,
        1 => Severity::Warning,
        _ => return Err(Corrupt("bad severity")),
    };
    let file = r.str()?.to_string();
    let file = r.flag()?.then_some(file);
    let line = r.size()?;
    let col = r.size()?.checked_sub(1);
    let span = (line > 0).then_some(Span { line, col });
    let message = r.str()?.to_string();
    let hint = r.str()?.to_string();
    let hint = r.flag()?.then_some(hint);
    Ok(Diagnostic {
        severity,
        file,
        span,
        message,
        hint,
    })
}
fn container(r: &mut Reader) -> Read<Container> {
    Ok(match r.byte()? {
        0 => Container::Quote,
        1 => Container::Bullets,
        2 => Container::Numbered { start: r.uint()? },
        3 => Container::Item,
        _ => return Err(Corrupt("bad container")),
    })
}

fn style(r: &mut Reader) -> Read<Style> {
    Ok(match r.byte()? {
        0 => Style::Emphasis,
        1 => Style::Strong,
        2 => Style::Strikethrough,
        3 => Style::Code,
        _ => return Err(Corrupt("bad style")),
    })
}
