//! Render stage, article text: turns blocks and mentions into the article's HTML.
//!
//! Mentions become links inside the exact source bytes they cover; a mention inside a Markdown
//! link becomes a `<mark>` instead, so links never nest. Repeated paragraphs are shown once
//! with a note, and trailing matter goes to a muted footer, unannotated. Each annotated
//! paragraph is followed by its margin notes: the actors and dates it names, in a `<details>`
//! that the stylesheet sets in the margin on wide screens and folds inline on narrow ones.
//! Editorial notes ([`super::notes`]) highlight their quoted words and join those margin notes.

use std::fmt::Write;

use crate::html::{escape, escape_into};
use std::collections::BTreeMap;
use std::ops::Range;

use super::markup;
use super::notes::{margin_note, marked, marks, Mark};
use crate::config::ActorConfig;
use crate::model::{Article, Block, BlockKind, Inline, Mention, MentionKind};
use crate::notes::refs::Names;
use crate::notes::Placed;
use crate::routes::push_actor_href;

/// The rendered pieces of one article.
pub struct ArticleHtml {
    /// The standfirst (annotated) and its paragraph anchor, when the text has one.
    pub standfirst: Option<(String, String)>,
    /// The body.
    pub body: String,
    /// Trailing matter, as muted plain paragraphs.
    pub trailer: String,
}

/// The editorial notes placed in one article, and the site names their references need.
pub struct EditorialNotes<'a> {
    /// The article's anchored notes.
    pub placed: &'a [Placed],
    /// Actors, articles and the timeline, for the notes' references.
    pub names: Names<'a>,
}

/// Renders the article for a page `root` levels below the site root; `entries` maps each date
/// mention to its position on the timeline, which decides the timeline page it links to.
pub fn article_html(
    article: &Article,
    actors: &[ActorConfig],
    entries: &BTreeMap<usize, usize>,
    root: &str,
    notes: EditorialNotes,
    entity_ids: &[Option<EntityLink>],
) -> ArticleHtml {
    let ctx = Ctx {
        article,
        actors,
        entries,
        root,
        entity_ids,
        marks: marks(notes.placed),
        notes,
        by_block: article
            .mentions
            .windows(2)
            .all(|w| w[0].block <= w[1].block),
    };
    let mut body = String::new();
    let mut standfirst = None;
    let mut trailer = String::new();
    let mut repeats: Vec<&Block> = Vec::new();
    // Notes of list items wait for the end of the list: a list's children must stay `<li>`.
    let mut pending_notes: Vec<usize> = Vec::new();
    for (i, block) in article.blocks.iter().enumerate() {
        if block.kind.is_text() && block.kind != BlockKind::ListItem {
            ctx.notes(&mut body, &std::mem::take(&mut pending_notes));
        }
        if block.repeat_of.is_some() {
            if block.kind != BlockKind::Title {
                repeats.push(block);
            }
            continue;
        }
        flush_repeats(&mut body, &mut repeats);
        match &block.kind {
            BlockKind::Title => {}
            BlockKind::Open(_)
            | BlockKind::Close(_)
            | BlockKind::Rule
            | BlockKind::Code { .. }
            | BlockKind::Table(_) => {
                markup::push_block(&mut body, &block.kind, &article.source);
                if matches!(block.kind, BlockKind::Close(_)) && !pending_notes.is_empty() {
                    body.push('\n');
                    ctx.notes(&mut body, &std::mem::take(&mut pending_notes));
                }
            }
            BlockKind::Standfirst => {
                standfirst = Some((block.anchor.clone(), ctx.inlines(i, block)));
                // The standfirst sits in the header: its editorial notes open the body.
                ctx.editorial(&mut body, &[i], String::new());
            }
            BlockKind::Trailer => {
                let _ = write!(
                    trailer,
                    "<p id=\"{}\">{}</p>",
                    block.anchor,
                    ctx.plain(block)
                );
            }
            BlockKind::Heading(level) => {
                let _ = write!(
                    body,
                    "<h{level} id=\"{}\">{}</h{level}>",
                    block.anchor,
                    ctx.inlines(i, block)
                );
                ctx.notes(&mut body, &[i]);
            }
            BlockKind::ListItem => {
                let _ = write!(
                    body,
                    "<li id=\"{}\">{}</li>",
                    block.anchor,
                    ctx.inlines(i, block)
                );
                pending_notes.push(i);
            }
            BlockKind::Paragraph => {
                let _ = write!(
                    body,
                    "<p id=\"{}\">{}</p>",
                    block.anchor,
                    ctx.inlines(i, block)
                );
                ctx.notes(&mut body, &[i]);
            }
        }
        body.push('\n');
    }
    flush_repeats(&mut body, &mut repeats);
    ctx.notes(&mut body, &pending_notes);
    ArticleHtml {
        standfirst,
        body,
        trailer,
    }
}

/// A visible editorial note in place of paragraphs the source repeats verbatim.
fn flush_repeats(body: &mut String, repeats: &mut Vec<&Block>) {
    if repeats.is_empty() {
        return;
    }
    let (first, last) = (repeats[0].line, repeats[repeats.len() - 1].line);
    let n = repeats.len();
    let what = if n == 1 {
        "one paragraph".to_string()
    } else {
        format!("{n} paragraphs")
    };
    let lines = if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}–{last}")
    };
    let _ = writeln!(
        body,
        "<p class=\"repeat-note\" role=\"note\"><span class=\"label\">Editor’s note:</span> the source repeats {what} from earlier in the text here ({lines}), word for word; they are shown once.</p>"
    );
    repeats.clear();
}

/// Where a name nobody configured links: its entity page, at the section about this article
/// when the page has one (a page shows a bounded number of lines).
#[derive(Clone, Copy, Debug)]
pub struct EntityLink<'a> {
    /// The entity's page id.
    pub id: &'a str,
    /// Whether the page has a section about this article.
    pub section: bool,
}

/// What a span of the text links to: a mention (its index and itself), or an entity page.
type Linked<'a> = Result<(usize, &'a Mention), EntityLink<'a>>;

struct Ctx<'a> {
    article: &'a Article,
    actors: &'a [ActorConfig],
    /// Per entity mention of the article, the page its name links to (`None`: no page).
    entity_ids: &'a [Option<EntityLink<'a>>],
    entries: &'a BTreeMap<usize, usize>,
    root: &'a str,
    notes: EditorialNotes<'a>,
    /// Highlights of editorial notes' quotes, by block.
    marks: BTreeMap<usize, Vec<Mark>>,
    /// Whether mentions are in block order too (they are in source order): when so, a block's
    /// mentions are found by binary search rather than a scan of the whole article.
    by_block: bool,
}

impl Ctx<'_> {
    /// The run of mention indices that can sit in blocks `first..=last`: found by binary
    /// search when mentions are in block order, else every mention.
    fn mention_run(&self, first: usize, last: usize) -> (usize, usize) {
        let all = &self.article.mentions;
        if !self.by_block {
            return (0, all.len());
        }
        let from = all.partition_point(|m| m.block < first);
        (from, all.partition_point(|m| m.block <= last).max(from))
    }

    /// Writes the link to where the date mention number `index` sits on the timeline: the row
    /// of its date on its period's page.
    fn push_date_href(&self, out: &mut String, index: usize) {
        let entry = self.entries.get(&index).copied().unwrap_or(0);
        self.notes
            .names
            .index
            .periods
            .links
            .push_href(out, self.root, entry);
    }

    /// Margin notes for the blocks at `indices`: the actors and dates they name, then the
    /// editorial notes whose quote starts there.
    fn notes(&self, out: &mut String, indices: &[usize]) {
        let mut mentions = String::new();
        self.mention_notes(&mut mentions, indices);
        self.editorial(out, indices, mentions);
    }

    /// Writes `mentions` (the blocks' mention notes, maybe empty) with the editorial notes
    /// whose quote starts in the blocks at `indices`; both share one margin cell.
    fn editorial(&self, out: &mut String, indices: &[usize], mentions: String) {
        let ours: Vec<&Placed> = self
            .notes
            .placed
            .iter()
            .filter(|p| p.segments.first().is_some_and(|(b, _)| indices.contains(b)))
            .collect();
        if ours.is_empty() {
            out.push_str(&mentions);
            return;
        }
        out.push_str("<div class=\"margin\">");
        out.push_str(mentions.trim_end());
        for p in ours {
            out.push_str(&margin_note(p, self.notes.names, self.root));
        }
        out.push_str("</div>\n");
    }

    /// Margin notes for the blocks at `indices`: each actor once, in order of first mention, then
    /// each date with its words. Nothing when the blocks name neither.
    fn mention_notes(&self, out: &mut String, indices: &[usize]) {
        if indices.is_empty() {
            return;
        }
        let mut actors: Vec<usize> = Vec::new();
        let mut dates: Vec<(usize, &Mention)> = Vec::new();
        // Mentions are in source order, so by block: only the run over these blocks is read,
        // not the whole article once per paragraph (hours for a 50 MB article).
        let (first, last) = (
            indices.iter().min().copied().unwrap_or(0),
            indices.iter().max().copied().unwrap_or(0),
        );
        let all = &self.article.mentions;
        let (from, to) = self.mention_run(first, last);
        for (n, m) in all.iter().enumerate().take(to).skip(from) {
            if !indices.contains(&m.block) {
                continue;
            }
            match &m.kind {
                MentionKind::Actor(id) if !actors.contains(id) => actors.push(*id),
                MentionKind::Date { .. } => dates.push((n, m)),
                _ => {}
            }
        }
        if actors.is_empty() && dates.is_empty() {
            return;
        }
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let summary: Vec<String> = [
            count(actors.len(), "actor", "actors"),
            count(dates.len(), "date", "dates"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let anchor = &self.article.blocks[indices[0]].anchor;
        out.push_str("<details class=\"notes\" id=\"n-");
        out.push_str(anchor);
        out.push_str(
            "\"><summary><span class=\"notes-label\">Notes</span> <span class=\"notes-count\">",
        );
        out.push_str(&summary.join(", "));
        out.push_str("</span></summary><ul class=\"note-list\">");
        if !actors.is_empty() {
            out.push_str(
                "<li class=\"note note-actors\"><span class=\"visually-hidden\">Actors: </span>",
            );
            for (n, id) in actors.into_iter().enumerate() {
                let actor = &self.actors[id];
                if n > 0 {
                    out.push_str(", ");
                }
                out.push_str("<a href=\"");
                push_actor_href(out, self.root, &actor.id);
                out.push_str("\">");
                escape_into(out, &actor.name);
                out.push_str("</a>");
            }
            out.push_str("</li>");
        }
        for (n, m) in dates {
            let MentionKind::Date { timex, .. } = &m.kind else {
                continue;
            };
            out.push_str("<li class=\"note note-date\"><span class=\"visually-hidden\">Date: </span><a href=\"");
            self.push_date_href(out, n);
            out.push_str("\">");
            escape_into(out, &timex.label());
            out.push_str("</a> <span class=\"words\">“");
            escape_into(out, &self.article.source[m.span.clone()]);
            out.push_str("”</span></li>");
        }
        out.push_str("</ul></details>\n");
    }

    /// Trailing matter as plain text, without the `*…*` or `_…_` wrappers pages use to
    /// italicise disclaimers.
    fn plain(&self, block: &Block) -> String {
        let text = block.plain_text(&self.article.source).0;
        let trimmed = text
            .trim()
            .trim_start_matches(['*', '_'])
            .trim_end_matches(['*', '_']);
        escape(trimmed.trim())
    }

    fn inlines(&self, index: usize, block: &Block) -> String {
        let (from, to) = self.mention_run(index, index);
        let mentions: Vec<(usize, &Mention)> = self
            .article
            .mentions
            .iter()
            .enumerate()
            .take(to)
            .skip(from)
            .filter(|(_, m)| m.block == index)
            .collect();
        let marks = self.marks.get(&index).map_or(&[][..], Vec::as_slice);
        // Names nobody configured, linked in the gaps between actors and dates.
        let entities = &self.article.entities;
        let first_entity = entities.partition_point(|e| e.block < index);
        let names: Vec<(usize, EntityLink)> = (first_entity..entities.len())
            .take_while(|&e| entities[e].block == index)
            .filter_map(|e| Some((e, (*self.entity_ids.get(e)?)?)))
            .collect();
        let mut out = String::new();
        let mut link_depth = 0usize;
        // Byte offset in the block's plain text, which the marks' ranges count in.
        let mut plain = 0usize;
        for inline in &block.inlines {
            match inline {
                Inline::Open(_) | Inline::Close(_) | Inline::Break => {
                    markup::push_tag(&mut out, inline)
                }
                Inline::Link(_) => {
                    link_depth += 1;
                    markup::push_tag(&mut out, inline);
                }
                Inline::LinkEnd => {
                    link_depth = link_depth.saturating_sub(1);
                    markup::push_tag(&mut out, inline);
                }
                Inline::Literal(s) => {
                    marked(&mut out, s, plain, marks);
                    plain += s.len();
                }
                Inline::Source(range) => {
                    let source = &self.article.source;
                    let p = |x: usize| plain + x - range.start;
                    let mut at = range.start;
                    let inside = |s: &Range<usize>| s.start >= range.start && s.end <= range.end;
                    let mut spans: Vec<(Range<usize>, Linked)> = mentions
                        .iter()
                        .filter(|(_, m)| inside(&m.span))
                        .map(|&(n, m)| (m.span.clone(), Ok((n, m))))
                        .collect();
                    if link_depth == 0 {
                        spans.extend(names.iter().filter_map(|&(e, id)| {
                            let span = &entities[e].span;
                            inside(span).then(|| (span.clone(), Err(id)))
                        }));
                        spans.sort_by_key(|(s, _)| s.start);
                    }
                    for (span, what) in spans {
                        if span.start < at {
                            continue;
                        }
                        marked(&mut out, &source[at..span.start], p(at), marks);
                        let close = match what {
                            Ok((n, m)) => self.open_mention(&mut out, n, m, link_depth > 0),
                            Err(link) => self.open_entity(&mut out, link),
                        };
                        marked(&mut out, &source[span.clone()], p(span.start), marks);
                        out.push_str(close);
                        at = span.end;
                    }
                    marked(&mut out, &source[at..range.end], p(at), marks);
                    plain += range.len();
                }
            }
        }
        out
    }

    /// Opens the link of a name nobody configured to the section of its entity page about
    /// this article (to the page itself when the page has no room for that section); returns the tag that closes it. Styled apart from actors and dates (a
    /// dotted underline, no fill), and an ordinary link for keyboards and screen readers.
    fn open_entity(&self, out: &mut String, link: EntityLink) -> &'static str {
        out.push_str("<a class=\"m m-entity\" href=\"");
        let href = if link.section {
            super::entities::entity_section_href(self.root, link.id, &self.article.id)
        } else {
            format!("{}{}", self.root, super::entities::entity_path(link.id))
        };
        escape_into(out, &href);
        out.push_str("\">");
        "</a>"
    }

    /// Opens the element of one mention, whose words the caller writes next; returns the tag
    /// that closes it.
    fn open_mention(
        &self,
        out: &mut String,
        n: usize,
        m: &Mention,
        inside_link: bool,
    ) -> &'static str {
        let class = match &m.kind {
            MentionKind::Actor(_) => "m m-actor",
            MentionKind::Date { .. } => "m m-date",
            MentionKind::Duration(_) | MentionKind::Vague(_) | MentionKind::Set(_) => {
                "m m-duration"
            }
        };
        let linked =
            !inside_link && matches!(m.kind, MentionKind::Actor(_) | MentionKind::Date { .. });
        if linked {
            // No tooltip on links: the margin note names the target, and the page stays light.
            out.push_str("<a class=\"");
            out.push_str(class);
            out.push_str("\" href=\"");
            match &m.kind {
                MentionKind::Actor(id) => push_actor_href(out, self.root, &self.actors[*id].id),
                _ => self.push_date_href(out, n),
            }
            out.push_str("\">");
            return "</a>";
        }
        // Made only here: most mentions are links, which carry no title.
        let title = match &m.kind {
            MentionKind::Actor(id) => format!("Actor: {}", self.actors[*id].name),
            MentionKind::Date { timex, .. } => format!("Date: {}", timex.label()),
            MentionKind::Duration(value) => format!("Duration: {value}"),
            MentionKind::Vague(value) => format!("Time: {value}"),
            MentionKind::Set(value) => format!("Recurring: {value}"),
        };
        out.push_str("<mark class=\"");
        out.push_str(class);
        out.push_str("\" title=\"");
        escape_into(out, &title);
        out.push_str("\">");
        "</mark>"
    }
}
