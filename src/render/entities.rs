//! Render stage, entities: the index of entities nobody configured (`entities.html`), one
//! page per entity (`entities/<slug>.html`) with its mentions as keyword-in-context lines and
//! the quotes attributed to it, and the members and quotes shown on actor pages.
//!
//! Pages stay bounded at corpus scale: the index lists the most-mentioned entities of each
//! kind (the rest are in the export), and an entity page shows at most [`LINES`] lines.

use serde::Serialize;
use tera::Context;

use super::kwic::BlockTexts;
use super::links::{article_anchor_href, article_href};
use super::views::{ArticleMentions, Chip, Kwic, Link};
use super::RenderInput;
use crate::ids::{ActorIx, ArticleIx, TiSlice};
use crate::index::entities::{EntityEntry, EntityIndex};
use crate::model::{Article, EntityKind, Quote};

/// Entities of each kind listed on the index, and given pages, most mentioned first.
pub const PER_KIND: usize = crate::index::entities::PAGES_PER_KIND;
/// Keyword lines on one entity page.
pub const LINES: usize = crate::index::entities::LINES_PER_PAGE;
/// Quotes listed on one page.
pub const QUOTES: usize = 200;

/// Output path of an entity page.
pub fn entity_path(id: &str) -> String {
    format!("entities/{id}.html")
}

/// Which entities get a page: the most mentioned of each kind (see
/// [`EntityEntry::page`]).
pub fn listed(index: &EntityIndex) -> Vec<bool> {
    index.entities.iter().map(|e| e.page).collect()
}

/// The link from a page at `root` to the section of entity `id`'s page whose anchor is
/// `anchor` (the article's, [`crate::index::SiteIndex::section_anchors`]): where an entity
/// link in that article's text lands.
pub fn entity_section_href(root: &str, id: &str, anchor: &str) -> String {
    format!("{root}entities/{id}.html#{anchor}")
}

#[derive(Serialize)]
struct KindGroup<'a> {
    id: &'static str,
    label: &'static str,
    total: usize,
    entities: Vec<Chip<'a>>,
}

/// The index page: entities grouped by kind, most mentioned first.
pub fn index_page(input: &RenderInput, listed: &[bool], root: &str) -> Context {
    let entities = &input.index.entities.entities;
    let mut groups = Vec::new();
    for (kind, id, label) in [
        (EntityKind::Person, "people", "People"),
        (EntityKind::Organisation, "organisations", "Organisations"),
        (EntityKind::Place, "places", "Places"),
        (EntityKind::Other, "other", "Other names"),
    ] {
        let mut chips: Vec<(usize, Chip)> = entities
            .iter()
            .enumerate()
            .filter(|(i, e)| e.kind == kind && listed[*i])
            .map(|(_, e)| {
                let chip = Chip {
                    href: format!("{root}{}", entity_path(&e.id)),
                    name: &e.name,
                    count: e.mentions,
                };
                (e.mentions, chip)
            })
            .collect();
        chips.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(b.1.name)));
        let total = entities.iter().filter(|e| e.kind == kind).count();
        if total > 0 {
            groups.push(KindGroup {
                id,
                label,
                total,
                entities: chips.into_iter().map(|(_, c)| c).collect(),
            });
        }
    }
    let mut ctx = Context::new();
    ctx.insert("page_title", "Entities");
    ctx.insert("groups", &groups);
    ctx.insert("per_kind", &PER_KIND);
    ctx
}

/// One quote as listed on a speaker's page.
#[derive(Serialize)]
pub struct QuoteView<'a> {
    /// The quoted words.
    text: &'a str,
    /// Its sentence.
    sentence: &'a str,
    /// The paragraph it sits in.
    href: String,
    /// The article's title.
    article: &'a str,
}

/// The quotes `(article, quote)` as views, at most [`QUOTES`].
pub fn quote_views<'a>(
    articles: &'a TiSlice<ArticleIx, Article>,
    quotes: &[(ArticleIx, usize)],
    root: &str,
) -> Vec<QuoteView<'a>> {
    quotes
        .iter()
        .take(QUOTES)
        .map(|&(a, q)| {
            let article = &articles[a];
            let quote: &Quote = &article.quotes[q];
            QuoteView {
                text: &article.source[quote.span.clone()],
                sentence: &quote.sentence,
                href: article_anchor_href(root, &article.id, &article.blocks[quote.block].anchor),
                article: &article.meta.title,
            }
        })
        .collect()
}

/// Keyword lines of an entity's mentions, grouped by article, at most [`LINES`].
fn groups<'a>(input: &'a RenderInput, e: &EntityEntry, root: &str) -> Vec<ArticleMentions<'a>> {
    let mut left = LINES;
    let mut out = Vec::new();
    for (a, mentions) in &e.by_article {
        if left == 0 {
            break;
        }
        let article = &input.articles[*a];
        let mut texts = BlockTexts::new(article);
        let mut lines: Vec<Kwic> = Vec::new();
        for &m in mentions.iter().take(left) {
            let mention = &article.entities[m];
            let (l, keyword, r) = texts.around_span(mention.block, mention.span.clone());
            lines.push(Kwic {
                left: l,
                keyword,
                right: r,
                href: article_anchor_href(root, &article.id, &article.blocks[mention.block].anchor),
            });
        }
        left -= lines.len();
        let forms = super::kwic::forms_of(lines.iter().map(|l| l.keyword.as_str()));
        out.push(ArticleMentions {
            article: Link {
                href: article_href(root, &article.id),
                text: &article.meta.title,
            },
            forms,
            lines,
            more: 0,
        });
    }
    out
}

/// One article's mentions on an entity page, with the anchor the article's links target.
#[derive(Serialize)]
struct EntitySection<'a> {
    anchor: String,
    #[serde(flatten)]
    group: ArticleMentions<'a>,
}

#[derive(Serialize)]
struct EntityView<'a> {
    name: &'a str,
    kind: &'static str,
}

/// One entity's page.
pub fn entity_page(input: &RenderInput, i: usize, root: &str) -> Context {
    let e = &input.index.entities.entities[i];
    let kind = match e.kind {
        EntityKind::Person => "Person",
        EntityKind::Organisation => "Organisation",
        EntityKind::Place => "Place",
        EntityKind::Other => "Name",
    };
    let member_of: Vec<Chip> = input
        .site
        .config
        .actors
        .iter()
        .filter(|a| {
            a.members
                .iter()
                .any(|m| input.index.entities.find(m).is_some_and(|f| f.id == e.id))
        })
        .map(|a| Chip {
            href: super::links::actor_href(root, &a.id),
            name: &a.name,
            count: 0,
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("page_title", &e.name);
    ctx.insert(
        "entity",
        &EntityView {
            name: &e.name,
            kind,
        },
    );
    ctx.insert("mention_count", &e.mentions);
    ctx.insert("article_count", &e.by_article.len());
    // Each article's group has an anchor, where the entity's links in that article land.
    let sections: Vec<EntitySection> = groups(input, e, root)
        .into_iter()
        .zip(&e.by_article)
        .map(|(group, (a, _))| EntitySection {
            anchor: input.index.section_anchors[*a].clone(),
            group,
        })
        .collect();
    let mut groups_html = String::new();
    for section in &sections {
        super::kwic_group::write_group(&mut groups_html, &section.group, Some(&section.anchor));
    }
    ctx.insert("groups_html", &groups_html);
    ctx.insert("groups", &sections);
    ctx.insert("capped", &(e.mentions > LINES));
    ctx.insert("lines_cap", &LINES);
    ctx.insert("quotes", &quote_views(input.articles, &e.quotes, root));
    ctx.insert("member_of", &member_of);
    ctx
}

/// A configured actor's member, as listed on its page.
#[derive(Serialize)]
pub struct MemberView<'a> {
    /// The name as configured.
    name: &'a str,
    /// Its entity page, when the corpus names it and it has one.
    href: Option<String>,
    /// Its mentions across the corpus.
    count: usize,
    /// Its keyword lines.
    groups: Vec<ArticleMentions<'a>>,
    /// The groups' lines written ([`super::kwic_group::write_lines`]), as the built-in
    /// `actor.html` places them.
    groups_html: String,
}

/// The members of actor `id` with their mentions, for the actor page.
pub fn members<'a>(
    input: &'a RenderInput,
    listed: &[bool],
    id: ActorIx,
    root: &str,
) -> Vec<MemberView<'a>> {
    let index = &input.index.entities;
    input.site.config.actors[id.get()]
        .members
        .iter()
        .map(|name| {
            let found = index.find(name);
            let position = found.and_then(|f| index.entities.iter().position(|e| e.id == f.id));
            let groups = found.map_or_else(Vec::new, |f| groups(input, f, root));
            MemberView {
                name,
                groups_html: groups.iter().fold(String::new(), |mut out, g| {
                    super::kwic_group::write_lines(&mut out, g);
                    out
                }),
                href: position
                    .filter(|&p| listed[p])
                    .map(|p| format!("{root}{}", entity_path(&index.entities[p].id))),
                count: found.map_or(0, |f| f.mentions),
                groups,
            }
        })
        .collect()
}
