//! The data that flows through the pipeline: one [`Article`] carried from load to write.
//!
//! Each stage fills in its part (load: source; parse: metadata and blocks; annotate: mentions)
//! and later stages only read it, so data flows one way.

use std::ops::Range;
use std::path::PathBuf;

use crate::ids::ActorIx;
use crate::time::Resolution;
use crate::time::Timex;

/// Whether an article is plain text (one paragraph per line) or Markdown with front matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: structure is recovered from the copy-pasted lines.
    Text,
    /// `.md`: structure comes from the Markdown itself.
    Markdown,
}

/// One article, as it moves through the stages.
#[derive(Clone, Debug)]
pub struct Article {
    /// File name without extension; the article's URL slug and its key in the export.
    pub id: String,
    /// Path shown to users in messages and exported as `source` (relative to the site root).
    pub source_path: String,
    /// The file as stored; every offset in the site points into these bytes.
    pub source: String,
    /// How the source is to be read.
    pub format: Format,
    /// Title, outlet, date…: filled by the parse stage.
    pub meta: Meta,
    /// The text's structure: filled by the parse stage.
    pub blocks: Vec<Block>,
    /// Actor and date mentions, sorted by start: filled by the annotate stage.
    pub mentions: Vec<Mention>,
    /// Names nobody configured (people, organisations, places), sorted by start: filled by the
    /// annotate stage. A list of their own rather than a [`MentionKind`], because an entity's
    /// identity is only final once surnames are merged across the corpus, and they never
    /// overlap `mentions` (they are found in the gaps between actors and dates).
    pub entities: Vec<EntityMention>,
    /// Quoted or reported speech attributed to a speaker: filled by the annotate stage.
    pub quotes: Vec<Quote>,
    /// What each dated mention says happened, as the timeline's event grouping compares it;
    /// filled by the annotate stage (`annotate::event_words`), so the cache keeps them with the
    /// analysis.
    pub event_words: EventWords,
    /// Problems that do not stop the build (an unknown code language), shown to the user;
    /// files are named relative to the site root.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// Digest of the corpus evidence the entity rules read for this article (see
    /// `Lexicon::digest_of_text`): a cached analysis is reused only while it is unchanged.
    pub corpus_digest: u64,
}

impl Article {
    /// The mentions in the same sentence as mention `m` (itself included), found by walking
    /// out from it: mentions are sorted by offset, so a sentence's mentions are neighbours.
    pub fn same_sentence(&self, m: usize) -> impl Iterator<Item = &Mention> {
        let all = &self.mentions;
        let target = &all[m];
        let same = move |o: &&Mention| {
            o.block == target.block
                && (std::sync::Arc::ptr_eq(&o.sentence, &target.sentence)
                    || o.sentence == target.sentence)
        };
        let before = all[..m].iter().rev().take_while(same);
        let after = all[m..].iter().take_while(same);
        before.chain(after)
    }
}

/// The event words of an article's dated mentions, each entry's words separated by spaces,
/// all in one string: an article has dozens of entries and a corpus hundreds of thousands, kept
/// for the whole build, so one allocation an article rather than one an entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventWords {
    /// Every entry's words, one entry after another.
    text: String,
    /// Per entry: its mention's index and where its words end in `text`, by mention index.
    ends: Vec<(u32, u32)>,
}

impl EventWords {
    /// Adds mention `m`'s words; `false` (and nothing added) unless `m` comes after every
    /// mention added so far and the text stays addressable by `u32`.
    pub fn push(&mut self, m: u32, words: &str) -> bool {
        let after = self.ends.last().is_none_or(|&(last, _)| m > last);
        let Some(end) = u32::try_from(self.text.len() + words.len())
            .ok()
            .filter(|_| after)
        else {
            return false;
        };
        self.text.push_str(words);
        self.ends.push((m, end));
        true
    }

    /// Mention `m`'s words, empty when it has none.
    pub fn of(&self, m: usize) -> &str {
        match self.ends.binary_search_by_key(&(m as u32), |&(at, _)| at) {
            Ok(i) => self.entry(i).1,
            Err(_) => "",
        }
    }

    /// Number of mentions with words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no mention has words.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every (mention index, words), by mention index.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        (0..self.ends.len()).map(|i| self.entry(i))
    }

    fn entry(&self, i: usize) -> (u32, &str) {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p].1 as usize);
        let (m, end) = self.ends[i];
        (m, &self.text[start..end as usize])
    }
}

/// Resolved metadata of an article, ready for display.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// The headline shown on every page.
    pub title: String,
    /// True when the title is the editor's description, not the source's words.
    pub title_editorial: bool,
    /// Standfirst under the title, when the configuration gives one.
    pub subtitle: Option<String>,
    /// The publication.
    pub outlet: Option<String>,
    /// The writer.
    pub author: Option<String>,
    /// Publication date at its real precision; anchors relative dates.
    pub published: Option<Timex>,
    /// Whether relative dates count from the publication date or the narrative's time.
    pub dates: crate::time::DatesMode,
    /// Link to the original.
    pub url: Option<String>,
}

/// The role of a block in the edited reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The headline as found in the text (shown from metadata instead).
    Title,
    /// The summary line under a headline, shown in the article header.
    Standfirst,
    /// A section heading, level 2–6.
    Heading(u8),
    /// Body text.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// Bios, disclaimers and page debris: shown muted at the end, never annotated.
    Trailer,
    /// The start of a container whose blocks follow, up to its [`BlockKind::Close`].
    Open(Container),
    /// The end of the container opened last.
    Close(Container),
    /// A thematic break between sections.
    Rule,
    /// Code as written, shown highlighted, never annotated.
    Code {
        /// The language its fence names (`"rust"`), or `""`.
        lang: String,
        /// The code, every line with its newline.
        text: String,
    },
    /// A table, shown as written, never annotated.
    Table(Table),
}

impl BlockKind {
    /// True for blocks with words of the article's own (everything but structure, code and
    /// tables, which have no anchor).
    pub fn is_text(&self) -> bool {
        !matches!(
            self,
            BlockKind::Open(_)
                | BlockKind::Close(_)
                | BlockKind::Rule
                | BlockKind::Code { .. }
                | BlockKind::Table(_)
        )
    }
}

/// What holds other blocks: Markdown's block quotes and lists, and a list's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A block quote.
    Quote,
    /// A bulleted list.
    Bullets,
    /// A numbered list, counting from `start`.
    Numbered {
        /// The first item's number.
        start: u64,
    },
    /// One item of a list, with the blocks inside it.
    Item,
}

/// A Markdown table: rows of cells, each cell a run of inlines.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Table {
    /// Each column's alignment, as the delimiter row sets it.
    pub aligns: Vec<Align>,
    /// The header row's cells.
    pub head: Vec<Vec<Inline>>,
    /// The body rows.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// How a table column is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// As the browser likes.
    None,
    /// To the left.
    Left,
    /// Centred.
    Center,
    /// To the right.
    Right,
}

/// A piece of a block's text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Text that is exactly `source[range]`: can carry annotations.
    Source(Range<usize>),
    /// Text that differs from its source bytes (entities, escapes): shown escaped, not annotated.
    Literal(String),
    /// The start of a span in a style, up to the matching [`Inline::Close`].
    Open(Style),
    /// The end of the span in a style opened last.
    Close(Style),
    /// The start of a link to `href` (already made safe: no script), up to [`Inline::LinkEnd`].
    Link(String),
    /// The end of the link opened last.
    LinkEnd,
    /// A line break inside the block.
    Break,
}

/// How a span of text is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Emphasis (`*a*`).
    Emphasis,
    /// Strong emphasis (`**a**`).
    Strong,
    /// Struck through (`~~a~~`).
    Strikethrough,
    /// Inline code (`` `a` ``).
    Code,
}

/// One paragraph-like unit: the granularity of anchors, annotation and keyword-in-context.
#[derive(Clone, Debug)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// 1-based line in the source, for messages and the "repeated" note.
    pub line: usize,
    /// The block's content, in order.
    pub inlines: Vec<Inline>,
    /// Stable paragraph anchor (`p3`); empty for structure, code and tables.
    pub anchor: String,
    /// Index of the earlier block this one repeats verbatim: shown once, not annotated.
    pub repeat_of: Option<usize>,
}

impl Block {
    /// True for blocks whose text is annotated and linked.
    pub fn is_annotated(&self) -> bool {
        self.repeat_of.is_none()
            && matches!(
                self.kind,
                BlockKind::Standfirst
                    | BlockKind::Heading(_)
                    | BlockKind::Paragraph
                    | BlockKind::ListItem
            )
    }

    /// The plain text of the block and, for each byte of it that came from the source,
    /// a map back to source offsets: `(plain_start, source_start, len)` runs.
    pub fn plain_text(&self, source: &str) -> (String, Vec<(usize, usize, usize)>) {
        let mut text = String::new();
        let mut map: Vec<(usize, usize, usize)> = Vec::new();
        for inline in &self.inlines {
            match inline {
                Inline::Source(r) => {
                    let start = text.len();
                    text.push_str(&source[r.clone()]);
                    match map.last_mut() {
                        Some(last) if last.0 + last.2 == start && last.1 + last.2 == r.start => {
                            last.2 += r.len()
                        }
                        _ => map.push((start, r.start, r.len())),
                    }
                }
                Inline::Literal(s) => text.push_str(s),
                _ => {}
            }
        }
        (text, map)
    }
}

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A configured actor (its position in the config's actor list).
    Actor(ActorIx),
    /// A point in time, at its precision.
    Date {
        /// The normalized value.
        timex: Timex,
        /// How it was resolved, explained on the timeline.
        resolution: Resolution,
        /// TIMEX3 `mod` from a position word ("early 1990" is `START`).
        modifier: Option<&'static str>,
        /// For a date completed from an earlier one, the byte start (in the source) of that
        /// date's mention, which the export names.
        anchor: Option<usize>,
    },
    /// A length of time (`P4Y`): annotated but never put on the timeline.
    Duration(String),
    /// A vague reference (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`): exported, never on the
    /// timeline.
    Vague(String),
    /// A recurring time ("every week" is `P1W`): exported, never on the timeline.
    Set(String),
}

/// One annotated span of an article's source.
#[derive(Clone, Debug)]
pub struct Mention {
    /// What it refers to.
    pub kind: MentionKind,
    /// Byte range in the source file as stored.
    pub span: Range<usize>,
    /// Index of the block it sits in (for the paragraph anchor).
    pub block: usize,
    /// The sentence it sits in, as plain text: context on actor pages and the timeline.
    pub sentence: std::sync::Arc<str>,
}

/// The broad class of an entity nobody configured, from the cues around its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A person: a title, a saying verb, an appositive or a name's shape.
    Person,
    /// An organisation: a head noun such as "Council" or "Ministry".
    Organisation,
    /// A place: a locative preposition or a place suffix.
    Place,
    /// A capitalised name with no cue to its class.
    Other,
}

impl EntityKind {
    /// The kind's name in the export and on the pages.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Other => "entity",
        }
    }
}

/// Why a name was taken to be a name of its class: exported with each entity mention, so a
/// reader or a tool can weigh it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// A word around or inside it: a title, a head noun, a saying verb, a preposition.
    Cue,
    /// The gazetteer knows the name (a country, a city, a demonym before a group noun).
    Gazetteer,
    /// Written as an acronym, or the acronym of a long form given beside it.
    Acronym,
    /// The same name found with a cue elsewhere in the article (one sense per discourse).
    Propagation,
    /// The corpus capitalises the word inside sentences and never writes it in lowercase.
    Corpus,
    /// Only its shape: capitalised words with no cue.
    Shape,
}

impl Evidence {
    /// The evidence's name in the export.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Cue => "cue",
            Evidence::Gazetteer => "gazetteer",
            Evidence::Acronym => "acronym",
            Evidence::Propagation => "propagation",
            Evidence::Corpus => "corpus",
            Evidence::Shape => "shape",
        }
    }
}

/// One mention of an entity nobody configured.
#[derive(Clone, Debug)]
pub struct EntityMention {
    /// The fullest name the article gives it ("Vladimir Putin" for a bare "Putin").
    pub name: String,
    /// Its class.
    pub kind: EntityKind,
    /// What showed it to be a name of that class.
    pub evidence: Evidence,
    /// Byte range in the source file as stored, a title included ("Gen. Votel").
    pub span: Range<usize>,
    /// The title or role before the name, inside `span` ("Gen." of "Gen. Votel"): part of the
    /// mention, not of the name.
    pub title: Option<Range<usize>>,
    /// Index of the block it sits in.
    pub block: usize,
    /// The sentence it sits in.
    pub sentence: std::sync::Arc<str>,
}

/// Who a quote is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// An entity, by the name its mentions carry.
    Entity(String),
    /// A configured actor (its position in the config's actor list).
    Actor(ActorIx),
}

/// Words attributed to someone: a quotation, or the clause after a saying verb.
#[derive(Clone, Debug)]
pub struct Quote {
    /// Byte range of the quoted words in the source, quotation marks excluded.
    pub span: Range<usize>,
    /// Index of the block it sits in.
    pub block: usize,
    /// The sentence it sits in.
    pub sentence: std::sync::Arc<str>,
    /// Who said it.
    pub speaker: Speaker,
}

/// Everything a build reads, before any analysis: the configuration and the raw files.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Article id (file stem).
    pub id: String,
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the site root, for messages and the export.
    pub display_path: String,
    /// The file's text.
    pub text: String,
    /// Plain text or Markdown.
    pub format: Format,
}

/// An editorial notes file (`seeds/<id>.notes.md`), read beside the articles but never parsed
/// as one: its notes are anchored to article `<id>` by the notes stage ([`crate::notes`]).
#[derive(Clone, Debug)]
pub struct NotesSource {
    /// The article the notes belong to: the file name without `.notes.md`.
    pub article: String,
    /// Path relative to the site root, for messages (`seeds/a.notes.md:12: …`).
    pub display_path: String,
    /// The file's text.
    pub text: String,
}
