//! Notes stage, references: `[[actor:ID]]`, `[[article:ID#pN]]` and `[[date:YYYY-MM-DD]]` in
//! a note's Markdown, resolved against the site and checked, so a note never links to a page
//! or anchor that does not exist.
//!
//! References are pulldown-cmark wikilinks, so code spans and fenced code keep `[[…]]` as
//! text. `[[target|words]]` shows `words`; a bare `[[target]]` shows the target's own name
//! (the actor's name, the article's title, the date at its precision). An article may be named
//! by a unique prefix of its id (`[[article:003]]`).

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::annotate::dates::Timex;
use crate::config::ActorConfig;
use crate::ids::{ActorIx, ArticleIx, EntryIx, TiSlice};
use crate::index::SiteIndex;
use crate::model::Article;
use crate::routes::{actor_href, article_href};

/// What a reference points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An actor page.
    Actor(ActorIx),
    /// An article page, at a paragraph anchor when given.
    Article(ArticleIx, Option<String>),
    /// A timeline entry.
    Date(EntryIx),
}

/// One resolved reference, in the order the note's Markdown has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Where it points.
    pub target: Target,
    /// True when the note gives its own words (`[[target|words]]`).
    pub piped: bool,
}

/// The site's names, to resolve references against.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    /// Configured actors.
    pub actors: &'a [ActorConfig],
    /// Articles.
    pub articles: &'a TiSlice<ArticleIx, Article>,
    /// The index (for the timeline).
    pub index: &'a SiteIndex,
}

/// The Markdown extensions notes are read with: those of articles, and wikilinks.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_WIKILINKS
}

/// What a note's Markdown holds besides its text: references and code.
#[derive(Debug, Default)]
pub struct Collected {
    /// The resolved references, in order.
    pub refs: Vec<Reference>,
    /// References that do not resolve: `(byte offset in the body, message)`.
    pub errors: Vec<(usize, String)>,
    /// Fenced code in a language syntect does not know (shown as plain text).
    pub warnings: Vec<(usize, String)>,
    /// True when the body has code, which needs the highlighting stylesheet.
    pub code: bool,
}

/// Resolves and checks the references of a note's Markdown `body`.
pub fn collect(body: &str, names: Names) -> Collected {
    let mut out = Collected::default();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => match resolve(&dest_url, names) {
                Ok(target) => out.refs.push(Reference {
                    target,
                    piped: has_pothole,
                }),
                Err(msg) => out.errors.push((range.start, msg)),
            },
            Event::Start(Tag::CodeBlock(kind)) => {
                out.code = true;
                if let pulldown_cmark::CodeBlockKind::Fenced(lang) = kind {
                    if let Some(w) = crate::parse::highlight::unknown_language(&lang) {
                        out.warnings.push((range.start, w));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

const HOW: &str =
    "write [[actor:ID]], [[article:ID]] (or [[article:ID#p3]]) or [[date:YYYY-MM-DD]]";

/// Resolves one reference's target text.
pub fn resolve(dest: &str, names: Names) -> Result<Target, String> {
    let Some((kind, rest)) = dest.split_once(':') else {
        return Err(format!("unknown reference [[{dest}]]; {HOW}"));
    };
    let rest = rest.trim();
    match kind.trim() {
        "actor" => names
            .actors
            .iter()
            .position(|a| a.id == rest)
            .map(|i| Target::Actor(i.into()))
            .ok_or_else(|| {
                let known: Vec<&str> = names.actors.iter().map(|a| a.id.as_str()).collect();
                format!(
                    "unknown actor {rest:?} in [[{dest}]]; the actors are: {}",
                    shortlist(&known)
                )
            }),
        "article" => article(rest, dest, names),
        "date" => {
            let timex = Timex::parse(rest).ok_or_else(|| {
                format!("{rest:?} in [[{dest}]] is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
            })?;
            names
                .index
                .timeline
                .position(|e| e.timex == timex)
                .map(Target::Date)
                .ok_or_else(|| format!("no article gives the date {rest} in [[{dest}]], so it has no timeline entry; link a date the timeline has"))
        }
        other => Err(format!(
            "unknown reference kind {other:?} in [[{dest}]]; {HOW}"
        )),
    }
}

/// `ID` or `ID#anchor`: an article by id or unique id prefix, and one of its paragraph anchors.
fn article(rest: &str, dest: &str, names: Names) -> Result<Target, String> {
    let (id, anchor) = match rest.split_once('#') {
        Some((id, a)) => (id, Some(a)),
        None => (rest, None),
    };
    let exact = names.articles.position(|a| a.id == id);
    let found = match exact {
        Some(i) => i,
        None => {
            let matches: Vec<ArticleIx> = names
                .articles
                .keys()
                .filter(|&i| !id.is_empty() && names.articles[i].id.starts_with(id))
                .collect();
            match matches.as_slice() {
                [one] => *one,
                [] => {
                    let known: Vec<&str> = names.articles.iter().map(|a| a.id.as_str()).collect();
                    return Err(format!(
                        "unknown article {id:?} in [[{dest}]]; the articles are: {}",
                        shortlist(&known)
                    ));
                }
                many => {
                    let ids: Vec<&str> = many
                        .iter()
                        .map(|&i| names.articles[i].id.as_str())
                        .collect();
                    return Err(format!(
                        "article {id:?} in [[{dest}]] is ambiguous: it starts {}; give more of the id",
                        shortlist(&ids)
                    ));
                }
            }
        }
    };
    if let Some(a) = anchor {
        let article = &names.articles[found];
        if a.is_empty() || !article.blocks.iter().any(|b| b.anchor == a) {
            return Err(format!(
                "article {} has no paragraph #{a} ([[{dest}]]); paragraphs are numbered #p1, #p2… on its page",
                article.id
            ));
        }
    }
    Ok(Target::Article(found, anchor.map(str::to_string)))
}

/// Up to ten names, then how many more.
fn shortlist(names: &[&str]) -> String {
    match names.len() {
        0 => "(none)".into(),
        n if n <= 10 => names.join(", "),
        n => format!("{} and {} more", names[..10].join(", "), n - 10),
    }
}

impl Target {
    /// The page-relative link from a page at `root`.
    pub fn href(&self, root: &str, names: Names) -> String {
        match self {
            Target::Actor(i) => actor_href(root, &names.actors[i.get()].id),
            Target::Article(i, anchor) => {
                let page = article_href(root, &names.articles[*i].id);
                match anchor {
                    Some(a) => format!("{page}#{a}"),
                    None => page,
                }
            }
            Target::Date(entry) => names.index.periods.links.href(root, *entry),
        }
    }

    /// The words shown for a bare `[[target]]`.
    pub fn label(&self, names: Names) -> String {
        match self {
            Target::Actor(i) => names.actors[i.get()].name.clone(),
            Target::Article(i, _) => names.articles[*i].meta.title.clone(),
            Target::Date(entry) => names.index.timeline[*entry].timex.label(),
        }
    }
}
