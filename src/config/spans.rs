//! Configuration, positions: where in `site.toml` each actor's id and surface forms and each
//! `[articles.ID]` table are written, for messages about valid TOML whose meaning is wrong
//! (a form claimed by two actors, a table naming no article), which serde reports without one.
//!
//! A second, lenient reading of the same text through `toml::Spanned`: unknown keys and
//! values of the wrong shape are the strict reading's business, so anything this one cannot
//! read just has no position.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::Spanned;

use crate::position::LineIndex;

/// A 1-based line and column in `site.toml`.
pub type At = (usize, usize);

/// The positions of what messages about `site.toml` point at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spans {
    /// The configuration file as messages name it (set by [`crate::config::Site`]).
    pub file: Option<String>,
    /// Per `[[actors]]` table, in order.
    pub actors: Vec<ActorSpans>,
    /// Each `[articles.ID]` table's id and where it is written.
    pub articles: BTreeMap<String, At>,
    /// Where each `[articles.ID]` table writes its `url`.
    pub urls: BTreeMap<String, At>,
}

/// Where one actor's id and matched forms (name, aliases, metonyms) are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorSpans {
    /// The id's value.
    pub id: Option<At>,
    /// Each matched form as written, with its position: the name, then aliases, then metonyms.
    pub forms: Vec<(String, At)>,
}

#[derive(Deserialize, Default)]
struct Shadow {
    #[serde(default)]
    actors: Vec<ShadowActor>,
    #[serde(default)]
    articles: BTreeMap<Spanned<String>, ShadowArticle>,
}

#[derive(Deserialize, Default)]
struct ShadowArticle {
    url: Option<Spanned<IgnoredAny>>,
}

#[derive(Deserialize, Default)]
struct ShadowActor {
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    metonyms: Vec<Spanned<String>>,
}

impl Spans {
    /// The positions in `text`; none when it cannot be read.
    pub fn of(text: &str) -> Spans {
        let Ok(shadow) = toml::from_str::<Shadow>(text) else {
            return Spans::default();
        };
        let lines = LineIndex::new(text);
        let at = |s: &Spanned<String>| lines.line_col(text, s.span().start);
        let actors = shadow
            .actors
            .iter()
            .map(|a| ActorSpans {
                id: a.id.as_ref().map(at),
                forms: a
                    .name
                    .iter()
                    .chain(&a.aliases)
                    .chain(&a.metonyms)
                    .map(|f| (f.get_ref().clone(), at(f)))
                    .collect(),
            })
            .collect();
        let articles = shadow
            .articles
            .keys()
            .map(|k| (k.get_ref().clone(), at(k)))
            .collect();
        let urls = shadow
            .articles
            .iter()
            .filter_map(|(k, a)| {
                let url = a.url.as_ref()?;
                Some((k.get_ref().clone(), lines.line_col(text, url.span().start)))
            })
            .collect();
        Spans {
            file: None,
            actors,
            articles,
            urls,
        }
    }

    /// Where actor `i`'s id is written.
    pub fn actor_id(&self, i: usize) -> Option<At> {
        self.actors.get(i).and_then(|a| a.id)
    }

    /// Where actor `i` writes the form `form` (its first occurrence).
    pub fn actor_form(&self, i: usize, form: &str) -> Option<At> {
        let actor = self.actors.get(i)?;
        actor
            .forms
            .iter()
            .find(|(f, _)| f == form)
            .map(|(_, at)| *at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_actor_forms_and_article_tables() {
        let text = "title = \"T\"\n\n[articles.gas-cap]\nurl = \"x\"\n\n[[actors]]\nid = \"eu\"\nname = \"European Union\"\naliases = [\"EU\", \"Brussels\"]\n";
        let spans = Spans::of(text);
        assert_eq!(spans.articles["gas-cap"], (3, 11));
        assert_eq!(spans.urls["gas-cap"], (4, 7));
        assert_eq!(spans.actor_id(0), Some((7, 6)));
        assert_eq!(spans.actor_form(0, "European Union"), Some((8, 8)));
        assert_eq!(spans.actor_form(0, "Brussels"), Some((9, 18)));
        assert_eq!(spans.actor_form(0, "Moscow"), None);
        assert_eq!(spans.actor_id(1), None);
    }

    #[test]
    fn unreadable_text_has_no_positions() {
        let spans = Spans::of("title = [");
        assert!(spans.actors.is_empty() && spans.articles.is_empty());
    }
}
