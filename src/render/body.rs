//! Render stage, article text: turns blocks and mentions into the article's HTML.
//!
//! Mentions become links inside the exact source bytes they cover; a mention inside a Markdown
//! link becomes a `<mark>` instead, so links never nest. Repeated paragraphs are shown once
//! with a note, and trailing matter goes to a muted footer, unannotated. The margin notes
//! that list a paragraph's actors and dates are made in the browser from the paragraph's own
//! links (`static/dossier.js`), so every link is written once and a reader without scripts
//! still has each of them in the text. A mention whose words and link repeat the latest
//! such link is written as a bare `<b>`, which the script makes a link again
//! ([`Ctx::repeat`]). Editorial notes ([`super::notes`]) highlight their
//! quoted words and sit in the margin cell after their paragraph.

use std::cell::RefCell;
use std::fmt::Write;

use rustc_hash::FxHashMap;

use crate::html::{escape, escape_into};
use std::collections::BTreeMap;
use std::ops::Range;

use super::markup;
use super::notes::{margin_note, marked, marks, Mark};
use crate::config::ActorConfig;
use crate::ids::{EntryIx, MentionIx};
use crate::model::{Article, Block, BlockKind, Inline, Mention, MentionKind};
use crate::notes::refs::Names;
use crate::notes::Placed;
use crate::routes::push_actor_href;
use crate::time::Timex;

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
    entries: &BTreeMap<MentionIx, EntryIx>,
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
        linked: RefCell::default(),
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
                ctx.editorial(&mut body, &[i]);
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
    /// The anchor of the page's section about this article, when it has one.
    pub section: Option<&'a str>,
}

/// What a span of the text links to: a mention (its index and itself), or an entity page.
type Linked<'a> = Result<(usize, &'a Mention), EntityLink<'a>>;

struct Ctx<'a> {
    article: &'a Article,
    actors: &'a [ActorConfig],
    /// Per entity mention of the article, the page its name links to (`None`: no page).
    entity_ids: &'a [Option<EntityLink<'a>>],
    entries: &'a BTreeMap<MentionIx, EntryIx>,
    root: &'a str,
    notes: EditorialNotes<'a>,
    /// Highlights of editorial notes' quotes, by block.
    marks: BTreeMap<usize, Vec<Mark>>,
    /// Whether mentions are in block order too (they are in source order): when so, a block's
    /// mentions are found by binary search rather than a scan of the whole article.
    by_block: bool,
    /// The opening tag of the latest link written for each wording in the body (see
    /// [`Ctx::repeat`]).
    linked: RefCell<LatestLinks>,
}

/// Whether `words` reach a reader's browser exactly as they are, so that the script, which
/// compares a mention's text, compares what [`Ctx::repeat`] did: no control character (the
/// output scrub replaces most, and a browser folds a carriage return) and no noncharacter.
fn shown_verbatim(words: &str) -> bool {
    !words
        .chars()
        .any(|c| c.is_control() || crate::chars::forbidden_in_html(c))
}

/// The opening tag of the latest mention link written around each wording of an article.
#[derive(Default)]
struct LatestLinks(FxHashMap<Box<str>, Box<str>>);

impl LatestLinks {
    /// Whether a link opened by `tag` around `words` is the latest one written around the same
    /// words; if not, it becomes the latest.
    fn repeats(&mut self, words: &str, tag: &str) -> bool {
        if self.0.get(words).is_some_and(|t| **t == *tag) {
            return true;
        }
        self.0.insert(words.into(), tag.into());
        false
    }
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
        let entry = self
            .entries
            .get(&MentionIx::from(index))
            .copied()
            .unwrap_or_default();
        self.notes
            .names
            .index
            .periods
            .links
            .push_href(out, self.root, entry);
    }

    /// The margin cell of the blocks at `indices`: the editorial notes whose quote starts
    /// there. The notes listing the blocks' actors and dates are not written here: the
    /// script makes them from the blocks' own links (see `static/dossier.js`), so a page
    /// carries each link once.
    fn notes(&self, out: &mut String, indices: &[usize]) {
        self.editorial(out, indices);
    }

    /// Writes the editorial notes whose quote starts in the blocks at `indices`, in one
    /// margin cell (which the script's actor and date notes join); nothing when none does.
    fn editorial(&self, out: &mut String, indices: &[usize]) {
        let mut ours = self
            .notes
            .placed
            .iter()
            .filter(|p| p.segments.first().is_some_and(|(b, _)| indices.contains(b)))
            .peekable();
        if ours.peek().is_none() {
            return;
        }
        out.push_str("<div class=\"margin\">");
        for p in ours {
            out.push_str(&margin_note(p, self.notes.names, self.root));
        }
        out.push_str("</div>\n");
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
                        let tag_at = out.len();
                        let mut close = match what {
                            Ok((n, m)) => self.open_mention(&mut out, n, m, link_depth > 0),
                            Err(link) => self.open_entity(&mut out, link),
                        };
                        if close == "</a>"
                            && block.kind != BlockKind::Standfirst
                            && self.repeat(&source[span.clone()], &out[tag_at..])
                        {
                            out.truncate(tag_at);
                            out.push_str("<b>");
                            close = "</b>";
                        }
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

    /// Whether a mention link opened by `tag` around `words` repeats the latest link written
    /// around the same words, so that it is written as `<b>` instead: an article names the
    /// same actors, dates and places dozens of times, and each link weighs more than its
    /// words. `static/dossier.js` turns each such `<b>` back into a copy of the latest mention
    /// link with the same text before it, which is the link this decided on; a reader without
    /// scripts still has every target linked where its wording first appears. The standfirst
    /// sits in the header, before the body however its blocks are ordered, so it takes no part.
    fn repeat(&self, words: &str, tag: &str) -> bool {
        shown_verbatim(words) && self.linked.borrow_mut().repeats(words, tag)
    }

    /// Opens the link of a name nobody configured to the section of its entity page about
    /// this article (to the page itself when the page has no room for that section); returns
    /// the tag that closes it. Styled apart from actors and dates (a dotted underline, no
    /// fill, drawn by the stylesheet from the address's `entities/` folder: an article has
    /// hundreds of such links, and a class on each would weigh more than the words), and an
    /// ordinary link for keyboards and screen readers.
    fn open_entity(&self, out: &mut String, link: EntityLink) -> &'static str {
        out.push_str("<a href=\"");
        let href = match link.section {
            Some(anchor) => super::entities::entity_section_href(self.root, link.id, anchor),
            None => format!("{}{}", self.root, super::entities::entity_path(link.id)),
        };
        escape_into(out, &href);
        out.push_str("\">");
        "</a>"
    }

    /// Opens the element of one mention, whose words the caller writes next; returns the tag
    /// that closes it. A link says its kind by its address alone (`actors/`, `timeline`), which
    /// the stylesheet and the margin notes read, so that the hundreds of links of an article
    /// carry no class; a highlight that is no link gets the one short class of its kind
    /// ([`mention_class`]). A date link also carries its resolved date in `data-d` when its
    /// words do not say it, which the margin note shows.
    fn open_mention(
        &self,
        out: &mut String,
        n: usize,
        m: &Mention,
        inside_link: bool,
    ) -> &'static str {
        let linked =
            !inside_link && matches!(m.kind, MentionKind::Actor(_) | MentionKind::Date { .. });
        if linked {
            // No tooltip on links: the margin note names the target, and the page stays light.
            out.push_str("<a href=\"");
            let href_at = out.len();
            match &m.kind {
                MentionKind::Actor(id) => {
                    push_actor_href(out, self.root, &self.actors[id.get()].id)
                }
                _ => self.push_date_href(out, n),
            }
            let href_end = out.len();
            out.push('"');
            if let MentionKind::Date { timex, .. } = &m.kind {
                let href = out[href_at..href_end].to_owned();
                self.push_date_label(out, &timex.label(), m, &href);
            }
            out.push('>');
            return "</a>";
        }
        // Made only here: most mentions are links, which carry no title.
        let title = match &m.kind {
            MentionKind::Actor(id) => format!("Actor: {}", self.actors[id.get()].name),
            MentionKind::Date { timex, .. } => format!("Date: {}", timex.label()),
            MentionKind::Duration(value) => format!("Duration: {value}"),
            MentionKind::Vague(value) => format!("Time: {value}"),
            MentionKind::Set(value) => format!("Recurring: {value}"),
        };
        out.push_str("<mark class=\"");
        out.push_str(mention_class(&m.kind));
        out.push_str("\" title=\"");
        escape_into(out, &title);
        out.push('"');
        // Inside a Markdown link an actor or a date is only highlighted; its page address
        // rides along so that the margin note can still link it.
        match &m.kind {
            MentionKind::Actor(id) => {
                out.push_str(" data-h=\"");
                push_actor_href(out, self.root, &self.actors[id.get()].id);
                out.push('"');
            }
            MentionKind::Date { timex, .. } => {
                out.push_str(" data-h=\"");
                let href_at = out.len();
                self.push_date_href(out, n);
                let href = out[href_at..].to_owned();
                out.push('"');
                self.push_date_label(out, &timex.label(), m, &href);
            }
            _ => {}
        }
        out.push('>');
        "</mark>"
    }

    /// Writes ` data-d="…"` with the resolved date `label` of date mention `m`, unless the
    /// margin note gets it without: from the timeline anchor of its link `href`
    /// ([`label_from_href`]), or, when the anchor spells no date, from its words
    /// ([`words_say_label`]).
    fn push_date_label(&self, out: &mut String, label: &str, m: &Mention, href: &str) {
        let said = match label_from_href(href) {
            Some(spelled) => spelled == label,
            None => words_say_label(&self.article.source[m.span.clone()], label),
        };
        if said {
            return;
        }
        out.push_str(" data-d=\"");
        escape_into(out, label);
        out.push('"');
    }
}

/// The one class of a highlighted mention that is no link (a time expression, or an actor or
/// date inside an author's link), which the stylesheet draws each kind by: `ma` an actor, `md`
/// a date, `mt` another time expression (a duration, a vague or recurring time). Short, since
/// an article has hundreds of mentions.
fn mention_class(kind: &MentionKind) -> &'static str {
    match kind {
        MentionKind::Actor(_) => "ma",
        MentionKind::Date { .. } => "md",
        MentionKind::Duration(_) | MentionKind::Vague(_) | MentionKind::Set(_) => "mt",
    }
}

/// Whether a date's `words` already read as its resolved `label` ("1992" and "1992"), so
/// the link need not carry the label: the margin note then shows the words as the date.
/// Compared without case, so "january 2024" still says "January 2024"; "Jan. 24" or "last
/// month" do not say "24 January 2024" or "October 2023".
fn words_say_label(words: &str, label: &str) -> bool {
    words.trim().eq_ignore_ascii_case(label)
}

/// The date the margin-note script reads off a date link's timeline anchor, as
/// `labelFromHref` in static/dossier.js does (the two must agree): `…#t2022-06-06` "6 June
/// 2022", `#t2020-12` "December 2020", `#t1992` "1992", `#t2023-W01` "week 1 of 2023";
/// `None` for any other address. The words are the date's own [`Timex::label`]; only the
/// shapes the script reads are taken. A link whose anchor spells its date needs no `data-d`,
/// which spares an article's hundreds of date links the bytes.
fn label_from_href(href: &str) -> Option<String> {
    let (_, anchor) = href.rsplit_once("#t")?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = anchor.split('-');
    let year = parts.next()?;
    let shaped = digits(year, 4)
        && !year.starts_with('0')
        && match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => true,
            (Some(week), None, _) if week.starts_with('W') => digits(&week[1..], 2),
            (Some(month), day, None) => digits(month, 2) && day.is_none_or(|d| digits(d, 2)),
            _ => false,
        };
    if !shaped {
        return None;
    }
    Timex::parse(anchor).map(|t| t.label())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_repeats_only_the_latest_link_around_the_same_words() {
        let mut latest = LatestLinks::default();
        let russia = "<a href=\"../actors/russia.html\">";
        let moscow = "<a href=\"../entities/moscow.html\">";
        assert!(!latest.repeats("Moscow", russia));
        assert!(latest.repeats("Moscow", russia));
        assert!(
            !latest.repeats("Russia", russia),
            "other words are linked anew"
        );
        assert!(
            !latest.repeats("Moscow", moscow),
            "the same words elsewhere are linked"
        );
        assert!(
            !latest.repeats("Moscow", russia),
            "the latest link is the entity's"
        );
        assert!(latest.repeats("Moscow", russia));
        assert!(latest.repeats("Russia", russia));
    }

    #[test]
    fn words_with_control_characters_are_always_linked() {
        assert!(shown_verbatim("Vladimir Putin"));
        assert!(shown_verbatim("Kabul’s “envoy”"));
        assert!(!shown_verbatim("Vladimir\r\nPutin"));
        assert!(!shown_verbatim("Vladimir\nPutin"));
        assert!(!shown_verbatim("Put\u{7}in"));
        assert!(!shown_verbatim("Putin\u{FFFE}"));
    }

    #[test]
    fn a_timeline_anchor_spells_its_date() {
        let label = |h: &str| label_from_href(h);
        assert_eq!(
            label("../timeline/2022-06.html#t2022-06-06").as_deref(),
            Some("6 June 2022")
        );
        assert_eq!(
            label("../timeline.html#t2020-12").as_deref(),
            Some("December 2020")
        );
        assert_eq!(
            label("../timeline/1992.html#t1992").as_deref(),
            Some("1992")
        );
        assert_eq!(
            label("../timeline/2023-01.html#t2023-W01").as_deref(),
            Some("week 1 of 2023")
        );
        for other in [
            "../timeline.html",
            "../timeline.html#t0990",
            "../timeline.html#t199",
            "../timeline.html#t2020-13",
            "../timeline.html#t2020-00",
            "../timeline.html#t2020-02-32",
            "../timeline.html#t2020-W54",
            "../timeline.html#t2020-SU",
            "../timeline.html#t2020-W01-WE",
            "../timeline.html#t2020-06-06-2",
            "../timeline.html#t2020-6",
        ] {
            assert_eq!(label(other), None, "{other}");
        }
    }

    #[test]
    fn a_date_carries_its_label_only_when_its_words_do_not_say_it() {
        assert!(words_say_label("1992", "1992"));
        assert!(words_say_label("december 2020", "December 2020"));
        assert!(!words_say_label("January 24, 2024", "24 January 2024"));
        assert!(!words_say_label("last month", "October 2023"));
        assert!(!words_say_label("May", "May 2021"));
    }

    #[test]
    fn each_kind_has_its_own_class() {
        let classes = [
            mention_class(&MentionKind::Actor(0.into())),
            mention_class(&MentionKind::Duration("P1Y".into())),
            mention_class(&MentionKind::Vague("PAST_REF".into())),
        ];
        assert_eq!(classes, ["ma", "mt", "mt"]);
    }
}
