//! Search, documents: what a search result can be — an article, an actor or a timeline entry —
//! as plain text units the index reads, with the link each one leads to.

use crate::render::links::{actor_path, article_path, timeline_entry_href, timeline_entry_id};
use crate::render::RenderInput;

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
pub struct Unit {
    /// Plain text; shared with the mention it comes from where there is one, since a large
    /// corpus has hundreds of thousands of timeline sentences.
    pub text: std::sync::Arc<str>,
    /// Paragraph anchor on the document's page (`p3`), or empty.
    pub anchor: String,
    /// Counts each occurrence this many times: names and titles weigh more than body text.
    pub boost: u32,
    /// Whether an excerpt may be cut from it (a bare title or alias list makes a poor one).
    pub show: bool,
}

/// One searchable thing.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Article, actor or timeline entry.
    pub kind: Kind,
    /// The result's heading.
    pub title: String,
    /// Address relative to the site root, without the paragraph anchor.
    pub href: String,
    /// Its text, in page order.
    pub units: Vec<Unit>,
}

fn unit(text: impl Into<std::sync::Arc<str>>, anchor: &str, boost: u32, show: bool) -> Unit {
    Unit {
        text: text.into(),
        anchor: anchor.to_string(),
        boost,
        show,
    }
}

/// Every document, numbered by position: articles in reading order, then actors in
/// configuration order, then the timeline in its order — the same on every build.
pub fn collect(input: &RenderInput) -> Vec<Doc> {
    let mut docs = Vec::new();
    for &i in &input.index.order {
        let article = &input.articles[i];
        let mut units: Vec<Unit> = article
            .blocks
            .iter()
            .filter(|b| b.is_annotated())
            .map(|b| unit(b.plain_text(&article.source).0, &b.anchor, 1, true))
            .collect();
        // Last, so an excerpt comes from the body whenever the body has the word too.
        units.push(unit(article.meta.title.clone(), "", 3, false));
        docs.push(Doc {
            kind: Kind::Article,
            title: article.meta.title.clone(),
            href: article_path(&article.id),
            units,
        });
    }
    for actor in &input.site.config.actors {
        let mut units = Vec::new();
        if !actor.description.is_empty() {
            units.push(unit(actor.description.clone(), "", 1, true));
        }
        if !actor.aliases.is_empty() {
            let aliases = format!("Also called {}.", actor.aliases.join(", "));
            units.push(unit(aliases, "", 3, true));
        }
        units.push(unit(actor.name.clone(), "", 3, false));
        units.push(unit(actor.kind.clone(), "", 1, false));
        docs.push(Doc {
            kind: Kind::Actor,
            title: actor.name.clone(),
            href: actor_path(&actor.id),
            units,
        });
    }
    for (t, entry) in input.index.timeline.iter().enumerate() {
        let (a, m) = entry.at;
        let article = &input.articles[a];
        let mention = &article.mentions[m];
        let label = entry.timex.label();
        docs.push(Doc {
            kind: Kind::Timeline,
            title: format!("{label} · {}", article.meta.title),
            href: timeline_entry_href("", t, &timeline_entry_id(&article.id, mention.span.start)),
            units: vec![
                unit(mention.sentence.clone(), "", 1, true),
                unit(label, "", 1, false),
            ],
        });
    }
    docs
}
