//! Render stage, page contexts: builds the view for each page type from the model.

use std::collections::BTreeMap;
use std::ops::Range;

use anyhow::Result;
use tera::Context;

use super::body::{article_html, EntityLink};
use super::timeline_svg::{entries_from_index, timeline_svg, SvgOptions};
use super::views::{ArticleMentions, Byline, Chip, Kwic, Link, PanelDate, TimelineItem};
use super::{kwic, paging, RenderInput};
use crate::annotate::dates::{Precision, Resolution, Timex};
use crate::html::escape_into;
use crate::ids::{ActorIx, ArticleIx, EntryIx, MentionRef};
use crate::model::{Article, BlockKind, MentionKind};
use crate::routes::{
    actor_href, actor_path, article_anchor_href, article_href, sibling_article_href,
    timeline_entry_id,
};

/// Where each entity mention of article `i` links: the entity's page, and whether that page
/// has a section about the article; `None` for a name without a page.
pub fn entity_links<'a>(input: &'a RenderInput, i: ArticleIx) -> Vec<Option<EntityLink<'a>>> {
    let entities = &input.index.entities;
    let rank = &input.index.rank;
    input.articles[i]
        .entities
        .iter()
        .map(|e| {
            let x = entities.entity_of(&e.name).filter(|x| x.page)?;
            // Groups are in reading order: the article's place among them says whether
            // the page has a section about it.
            let at = x
                .by_article
                .binary_search_by_key(&rank[i], |(a, _)| rank[*a])
                .ok()?;
            Some(EntityLink {
                id: x.id.as_str(),
                section: (at < x.sections).then(|| input.index.section_anchors[i].as_str()),
            })
        })
        .collect()
}

/// The article page; `entity_ids` from [`entity_links`].
pub fn article(
    input: &RenderInput,
    i: ArticleIx,
    root: &str,
    entity_ids: &[Option<EntityLink>],
) -> Result<Context> {
    let article = &input.articles[i];
    let actors = &input.site.config.actors;
    let notes = super::body::EditorialNotes {
        placed: input.notes.of(i),
        names: input.names(),
    };
    let html = article_html(
        article,
        actors,
        &input.index.entry_of[i],
        root,
        notes,
        entity_ids,
    );
    let mut ctx = Context::new();
    ctx.insert("article", &byline(input, i, root));
    ctx.insert("page_title", &article.meta.title);
    ctx.insert("subtitle", &article.meta.subtitle);
    ctx.insert("standfirst_id", &html.standfirst.as_ref().map(|s| &s.0));
    ctx.insert("standfirst_html", &html.standfirst.as_ref().map(|s| &s.1));
    ctx.insert("body_html", &html.body);
    ctx.insert("trailer_html", &html.trailer);
    ctx.insert("source_path", &article.source_path);
    ctx.insert("orphans_here", &input.notes.orphans_of(i));
    ctx.insert(
        "orphans_href",
        &format!("{root}orphans.html#orphans-{}", article.id),
    );
    let dates: Vec<PanelDate> = article
        .mentions
        .iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Date { timex, .. } => Some(PanelDate {
                label: timex.label(),
                text: article.source[m.span.clone()].to_string(),
                href: format!("#{}", article.blocks[m.block].anchor),
            }),
            _ => None,
        })
        .collect();
    ctx.insert("dates", &dates);
    let related: Vec<Link> = input.index.related[i]
        .iter()
        .map(|&o| Link {
            href: sibling_article_href(&input.articles[o].id),
            text: &input.articles[o].meta.title,
        })
        .collect();
    ctx.insert("related", &related);
    let order = &input.index.order;
    let pos = input.index.rank[i];
    let neighbour = |o: Option<&ArticleIx>| {
        o.map(|&o| Link {
            href: sibling_article_href(&input.articles[o].id),
            text: &input.articles[o].meta.title,
        })
    };
    ctx.insert(
        "previous",
        &neighbour(pos.checked_sub(1).and_then(|p| order.get(p))),
    );
    ctx.insert("next", &neighbour(order.get(pos + 1)));
    Ok(ctx)
}

/// Metadata and actor chips of article `i`, linked from `root`.
fn byline<'a>(input: &'a RenderInput, i: ArticleIx, root: &str) -> Byline<'a> {
    let article = &input.articles[i];
    let meta = &article.meta;
    Byline {
        href: article_href(root, &article.id),
        title: &meta.title,
        title_editorial: meta.title_editorial,
        outlet: meta.outlet.as_deref(),
        author: meta.author.as_deref(),
        published_label: meta.published.map(|t| t.label()),
        published_value: meta.published.map(|t| t.value()),
        url: meta.url.as_deref(),
        summary: summary(article),
        actors: article_chips(input, article, root),
    }
}

/// The actors of one article, most mentioned first.
fn article_chips<'a>(input: &'a RenderInput, article: &Article, root: &str) -> Vec<Chip<'a>> {
    let mut counts: BTreeMap<ActorIx, usize> = BTreeMap::new();
    for m in &article.mentions {
        if let MentionKind::Actor(id) = m.kind {
            *counts.entry(id).or_default() += 1;
        }
    }
    let mut chips: Vec<(ActorIx, usize)> = counts.into_iter().collect();
    chips.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    chips
        .into_iter()
        .map(|(id, count)| chip(input, id, count, root))
        .collect()
}

pub(super) fn chip<'a>(input: &'a RenderInput, id: ActorIx, count: usize, root: &str) -> Chip<'a> {
    let actor = &input.site.config.actors[id.get()];
    Chip {
        href: actor_href(root, &actor.id),
        name: &actor.name,
        count,
    }
}

/// First sentence of the standfirst or first paragraph, shortened: the home page's one line.
pub(super) fn summary(article: &Article) -> String {
    let block = article
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Standfirst)
        .or_else(|| {
            article
                .blocks
                .iter()
                .find(|b| b.kind == BlockKind::Paragraph && b.repeat_of.is_none())
        });
    let text = block
        .map(|b| b.plain_text(&article.source).0)
        .unwrap_or_default();
    let first = crate::annotate::sentences::sentences(&text)
        .first()
        .cloned()
        .unwrap_or(0..text.len());
    crate::parse::shorten(text.get(first).unwrap_or(&text), 200)
}

/// Most dated sentences an actor page lists; beyond, its timeline graphic stands for them.
const ACTOR_TIMELINE_LIST: usize = 200;

/// Whether an actor page lists its `entries` dated sentences (else its graphic stands for them).
pub(super) fn lists_timeline(entries: usize) -> bool {
    entries <= ACTOR_TIMELINE_LIST
}

/// How an actor's page is split: consecutive runs of its `by_article` list, each holding about
/// [`paging::ACTOR_LINES_PER_PART`] keyword lines.
pub fn actor_parts(input: &RenderInput, id: ActorIx) -> Vec<Range<usize>> {
    let by_article = &input.index.actors[id].by_article;
    let shown = lines_per_article(input, id);
    paging::split(
        by_article.iter().map(|(_, m)| m.len().min(shown)),
        paging::ACTOR_LINES_PER_PART,
    )
}

/// How many keyword lines an article gets on actor `id`'s page: all of them, unless the actor
/// is busy (see [`paging::BUSY_ACTOR_MENTIONS`]).
fn lines_per_article(input: &RenderInput, id: ActorIx) -> usize {
    if busy(input, id) {
        paging::BUSY_LINES_PER_ARTICLE
    } else {
        usize::MAX
    }
}

/// Whether actor `id` is busy ([`paging::BUSY_ACTOR_MENTIONS`]): its page then lists a row
/// per article ([`super::kwic_group::write_rows`]) rather than a section.
fn busy(input: &RenderInput, id: ActorIx) -> bool {
    input.index.actors[id].mentions > paging::BUSY_ACTOR_MENTIONS
}

/// An actor's small timeline graphic for a page at `root`, drawn once per depth and shared by
/// the parts of its page.
pub fn actor_graphic(input: &RenderInput, id: ActorIx, root: &str) -> String {
    let actor = &input.site.config.actors[id.get()];
    let entries = input.index.actors[id]
        .timeline
        .iter()
        .map(|&t| (t, &input.index.timeline[t]));
    let title = format!("When the articles mention {}", actor.name);
    timeline_svg(
        &entries_from_index(&input.index.periods.links, entries),
        &SvgOptions::compact(root, &title),
    )
}

/// Part `part` of one actor's page: the keyword lines of its run of articles, and the timeline
/// entries from those articles that name the actor, below `graphic`. The mention groups come
/// written in `groups_html` ([`super::kwic_group`]); with `groups_as_data` (a site's own
/// `actor.html`) also as `groups`.
pub fn actor(
    input: &RenderInput,
    id: ActorIx,
    parts: &[Range<usize>],
    part: usize,
    root: &str,
    graphic: &str,
    groups_as_data: bool,
) -> Result<Context> {
    let actor = &input.site.config.actors[id.get()];
    let index = &input.index.actors[id];
    let range = parts[part].clone();
    let shown = lines_per_article(input, id);
    let mut groups = Vec::new();
    for (a, mentions) in &index.by_article[range] {
        let article = &input.articles[*a];
        let mut written = Vec::with_capacity(mentions.len());
        let mut lines = Vec::new();
        let mut texts = kwic::BlockTexts::new(article);
        for (n, &m) in mentions.iter().enumerate() {
            let mention = &article.mentions[m.get()];
            written.push(texts.keyword(mention));
            if n >= shown {
                // Counted among the forms, not listed.
                continue;
            }
            let (left, keyword, right) = texts.around(mention);
            let href =
                article_anchor_href(root, &article.id, &article.blocks[mention.block].anchor);
            lines.push(Kwic {
                left,
                keyword,
                right,
                href,
            });
        }
        let forms = kwic::forms_of(written);
        let link = Link {
            href: article_href(root, &article.id),
            text: &article.meta.title,
        };
        groups.push(ArticleMentions {
            article: link,
            forms,
            lines,
            more: mentions.len().saturating_sub(shown),
        });
    }
    let cooccurring: Vec<Chip> = index
        .cooccurring
        .iter()
        .map(|&(o, n)| chip(input, o, n, root))
        .collect();
    // The dated sentences naming the actor are listed in full when there are few; a busy
    // actor's would outweigh its page (and repeat the timeline), so the graphic, which links
    // into the timeline year by year, stands for them.
    let listed = lists_timeline(index.timeline.len());
    let timeline: Vec<TimelineItem> = if listed && part == 0 {
        index
            .timeline
            .iter()
            .map(|&t| timeline_item(input, t, root))
            .collect()
    } else {
        Vec::new()
    };
    let mut ctx = Context::new();
    ctx.insert("page_title", &actor.name);
    ctx.insert("actor", actor);
    ctx.insert("mention_count", &index.mentions);
    ctx.insert("article_count", &index.by_article.len());
    let groups_html = if busy(input, id) {
        super::kwic_group::write_rows(&groups)
    } else {
        super::kwic_group::write_groups(&groups)
    };
    ctx.insert("groups_html", &groups_html);
    // The groups as data too, for a site's own `actor.html`; the built-in one places
    // `groups_html`, and serialising thousands of groups for Tera would cost most of the page.
    let data: &[ArticleMentions] = if groups_as_data { &groups } else { &[] };
    ctx.insert("groups", data);
    ctx.insert("cooccurring", &cooccurring);
    ctx.insert("timeline", &timeline);
    ctx.insert("timeline_count", &index.timeline.len());
    ctx.insert("show_timeline", &(part == 0 && !index.timeline.is_empty()));
    ctx.insert("timeline_svg", graphic);
    // Members and quotes are about the actor as a whole: shown on its first part only.
    let (members, quotes) = if part == 0 && !actor.members.is_empty() {
        let listed = super::entities::listed(&input.index.entities);
        let quotes = &input.index.entities.actor_quotes[id];
        let members = super::entities::members(input, &listed, id, root);
        (
            members,
            super::entities::quote_views(input.articles, quotes, root),
        )
    } else if part == 0 {
        let quotes = &input.index.entities.actor_quotes[id];
        (
            Vec::new(),
            super::entities::quote_views(input.articles, quotes, root),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    ctx.insert("members", &members);
    ctx.insert("quotes", &quotes);
    ctx.insert(
        "pager",
        &paging::pager(
            &actor_path(&actor.id),
            parts.len(),
            |i| articles_label(&parts[i]),
            part,
            root,
        ),
    );
    Ok(ctx)
}

/// How the home page's article list is split.
pub fn home_parts(input: &RenderInput) -> Vec<Range<usize>> {
    paging::split(input.index.order.iter().map(|_| 1), paging::HOME_PER_PART)
}

/// Part `part` of the home page: its run of articles in reading order, and every actor.
pub fn home(
    input: &RenderInput,
    parts: &[Range<usize>],
    part: usize,
    root: &str,
) -> Result<Context> {
    let articles: Vec<Byline> = input.index.order[parts[part].clone()]
        .iter()
        .map(|&i| byline(input, i, root))
        .collect();
    let mut actors: Vec<(ActorIx, usize)> = input
        .index
        .actors
        .iter_enumerated()
        .map(|(i, a)| (i, a.mentions))
        .collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let actors: Vec<Chip> = actors
        .into_iter()
        .map(|(i, n)| chip(input, i, n, root))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("page_title", &input.site.config.title);
    ctx.insert("articles", &articles);
    ctx.insert("actors", &actors);
    ctx.insert("timeline_count", &input.index.timeline.len());
    ctx.insert("article_count", &input.articles.len());
    let label = |i: usize| articles_label(&parts[i]);
    let pager = paging::pager("index.html", parts.len(), label, part, root);
    ctx.insert("pager", &pager);
    Ok(ctx)
}

/// What a part of a list of articles covers, for its pager.
fn articles_label(part: &Range<usize>) -> String {
    format!("Articles {}–{}", part.start + 1, part.end)
}

pub(super) fn timeline_item<'a>(
    input: &'a RenderInput,
    t: EntryIx,
    root: &str,
) -> TimelineItem<'a> {
    let entry = &input.index.timeline[t];
    let MentionRef { article, mention } = entry.at;
    let article = &input.articles[article];
    let mention = &article.mentions[mention.get()];
    let text = article.source[mention.span.clone()].to_string();
    TimelineItem {
        id: timeline_entry_id(&article.id, mention.span.start),
        label: entry.timex.label(),
        value: entry.timex.value(),
        datetime: datetime_of(&entry.timex),
        sentence_html: marked(&mention.sentence, &text),
        resolution: resolution_of(article, mention),
        text,
        article: Link {
            href: article_anchor_href(root, &article.id, &article.blocks[mention.block].anchor),
            text: &article.meta.title,
        },
        actors: entry
            .actors
            .iter()
            .map(|&id| chip(input, id, 0, root))
            .collect(),
    }
}

/// How a relative date mention was resolved, in words; `None` for a date the text states.
pub(super) fn resolution_of(article: &Article, mention: &crate::model::Mention) -> Option<String> {
    match &mention.kind {
        MentionKind::Date {
            resolution: Resolution::PublicationDate,
            ..
        } => Some(match article.meta.published {
            Some(p) => format!(
                "relative date, resolved against the article’s publication date ({})",
                p.label()
            ),
            None => "relative date, resolved against the article’s publication date".to_string(),
        }),
        MentionKind::Date {
            resolution: Resolution::PreviousDate,
            ..
        } => Some(
            "relative date, resolved against the last date the article gave before it".to_string(),
        ),
        _ => None,
    }
}

/// The `<time datetime>` value of a date, when HTML has one: years, months, weeks and days,
/// not decades, centuries, seasons or quarters; a part of the day is given at its day.
pub(super) fn datetime_of(timex: &Timex) -> Option<String> {
    match timex.part() {
        _ if timex.precision() <= Precision::Decade || timex.year() <= 0 => None,
        crate::time::Part::Whole | crate::time::Part::Week { weekend: false, .. } => {
            Some(timex.value())
        }
        crate::time::Part::DayPart(_) => Some(timex.whole().value()),
        _ => None,
    }
}

/// The sentence, escaped, with the first occurrence of the words wrapped in `<mark>`.
pub(super) fn marked(sentence: &str, words: &str) -> String {
    let mut out = String::with_capacity(sentence.len() + 32);
    match memchr::memmem::find(sentence.as_bytes(), words.as_bytes()) {
        Some(at) if !words.is_empty() => {
            escape_into(&mut out, &sentence[..at]);
            out.push_str("<mark>");
            escape_into(&mut out, words);
            out.push_str("</mark>");
            escape_into(&mut out, &sentence[at + words.len()..]);
        }
        _ => escape_into(&mut out, sentence),
    }
    out
}

/// The 404 page.
pub fn not_found(_input: &RenderInput, _root: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Page not found");
    ctx
}
