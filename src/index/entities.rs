//! Index stage, entities: merges the names articles gave into corpus-wide entities (a bare
//! "Putin" in one article joins the "Vladimir Putin" another names in full, when no other full
//! name ends the same way), gives each a stable slug, and lists its mentions and quotes.
//!
//! One pass over the mentions plus hash lookups: linear in the corpus, no pairs of articles.

use std::collections::{BTreeMap, HashMap};

use crate::annotate::entities::key;
use crate::ids::{ActorIx, ArticleIx, TiSlice, TiVec};
use crate::model::{Article, EntityKind, Speaker};

/// One name key's display name, mentions per kind, and mentions by article.
type Group = (String, [usize; 4], Vec<(ArticleIx, Vec<usize>)>);

/// Every entity of the corpus and where it is named.
#[derive(Debug, Default)]
pub struct EntityIndex {
    /// Entities, sorted by kind then name.
    pub entities: Vec<EntityEntry>,
    /// Name key (as the articles wrote it, merged or not) → entity.
    by_key: HashMap<String, usize>,
    /// Per configured actor: the quotes attributed to it, as (article, quote index).
    pub actor_quotes: TiVec<ActorIx, Vec<(ArticleIx, usize)>>,
}

/// What the corpus says about one entity.
#[derive(Debug, Clone)]
pub struct EntityEntry {
    /// URL slug, unique among entities.
    pub id: String,
    /// The fullest name.
    pub name: String,
    /// The comparison key its mentions' names merge into.
    pub key: String,
    /// The kind most of its mentions had.
    pub kind: EntityKind,
    /// Total mentions.
    pub mentions: usize,
    /// Mention indices (into `Article::entities`) grouped by article, in reading order.
    pub by_article: Vec<(ArticleIx, Vec<usize>)>,
    /// Quotes attributed to it, as (article, quote index).
    pub quotes: Vec<(ArticleIx, usize)>,
    /// Whether it has a page: the [`PAGES_PER_KIND`] most mentioned of each kind do, so the
    /// article pages know which names to link.
    pub page: bool,
    /// How many of its articles (the first in `by_article`) have a section on its page: the
    /// page shows at most [`LINES_PER_PAGE`] keyword lines, so later articles link to the page
    /// itself instead of a section it does not have.
    pub sections: usize,
}

/// Entities of each kind given pages (and listed on the index), most mentioned first.
pub const PAGES_PER_KIND: usize = 1000;

/// Keyword lines shown on one entity page.
pub const LINES_PER_PAGE: usize = 1000;

impl EntityIndex {
    /// Builds the index over `articles`, visiting them in `order` (reading order).
    pub fn build(
        articles: &TiSlice<ArticleIx, Article>,
        order: &[ArticleIx],
        actor_count: usize,
    ) -> EntityIndex {
        let merge = surname_merges(articles);
        let canonical = |name: &str, kind: EntityKind| -> String {
            let k = key(name);
            match kind {
                EntityKind::Person => merge.get(&k).cloned().unwrap_or(k),
                _ => k,
            }
        };
        // Name key → (display name, kind counts, mentions by article).
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let mut by_key: HashMap<String, String> = HashMap::new();
        for &a in order {
            for (m, e) in articles[a].entities.iter().enumerate() {
                let c = canonical(&e.name, e.kind);
                by_key.insert(key(&e.name), c.clone());
                let g = groups
                    .entry(c)
                    .or_insert_with(|| (e.name.clone(), [0; 4], Vec::new()));
                if e.name.len() > g.0.len() {
                    g.0 = e.name.clone();
                }
                g.1[e.kind as usize] += 1;
                match g.2.last_mut() {
                    Some((last, list)) if *last == a => list.push(m),
                    _ => g.2.push((a, vec![m])),
                }
            }
        }
        let mut entities: Vec<EntityEntry> = groups
            .into_iter()
            .map(|(group, (name, counts, by_article))| {
                let kind = [
                    EntityKind::Person,
                    EntityKind::Organisation,
                    EntityKind::Place,
                    EntityKind::Other,
                ]
                .into_iter()
                .max_by_key(|k| (counts[*k as usize], std::cmp::Reverse(*k as usize)))
                .unwrap_or(EntityKind::Other);
                let sections = sections(&by_article);
                EntityEntry {
                    id: String::new(),
                    key: group,
                    mentions: counts.iter().sum(),
                    name,
                    kind,
                    by_article,
                    quotes: Vec::new(),
                    page: false,
                    sections,
                }
            })
            .collect();
        entities.sort_by(|x, y| x.kind.cmp(&y.kind).then(key(&x.name).cmp(&key(&y.name))));
        let mut used: HashMap<String, usize> = HashMap::new();
        for e in &mut entities {
            let base = slug(&e.name);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            e.id = if *n == 1 { base } else { format!("{base}-{n}") };
        }
        mark_pages(&mut entities);
        let position: HashMap<String, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        let mut index = EntityIndex {
            by_key: by_key
                .into_iter()
                .filter_map(|(k, c)| {
                    let full = entities_key(&c, &position)?;
                    Some((k, full))
                })
                .collect(),
            entities,
            actor_quotes: vec![Vec::new(); actor_count].into(),
        };
        for &a in order {
            for (q, quote) in articles[a].quotes.iter().enumerate() {
                match &quote.speaker {
                    Speaker::Entity(name) => {
                        if let Some(&i) = index.by_key.get(&key(name)) {
                            index.entities[i].quotes.push((a, q));
                        }
                    }
                    Speaker::Actor(id) => {
                        if let Some(list) = index.actor_quotes.get_mut(*id) {
                            list.push((a, q));
                        }
                    }
                }
            }
        }
        index
    }

    /// The entity an article's name belongs to.
    pub fn entity_of(&self, name: &str) -> Option<&EntityEntry> {
        self.by_key.get(&key(name)).map(|&i| &self.entities[i])
    }

    /// The entity whose name is `name` (a configured actor's member), by any form it was
    /// written in.
    pub fn find(&self, name: &str) -> Option<&EntityEntry> {
        self.entity_of(name)
    }
}

/// Marks the [`PAGES_PER_KIND`] most mentioned entities of each kind as having a page.
/// How many article groups start before the page's keyword lines run out.
fn sections(by_article: &[(ArticleIx, Vec<usize>)]) -> usize {
    let mut left = LINES_PER_PAGE;
    by_article
        .iter()
        .take_while(|(_, mentions)| {
            let shown = left > 0;
            left = left.saturating_sub(mentions.len());
            shown
        })
        .count()
}

fn mark_pages(entities: &mut [EntityEntry]) {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| {
        let e = &entities[i];
        (e.kind, std::cmp::Reverse(e.mentions), i)
    });
    let mut seen = [0usize; 4];
    for i in order {
        let n = &mut seen[entities[i].kind as usize];
        *n += 1;
        entities[i].page = *n <= PAGES_PER_KIND;
    }
}

/// Maps a group key to the entity holding it: groups were keyed by canonical key, entities
/// by their display name's key, which is the longest form of the same group.
fn entities_key(c: &str, position: &HashMap<String, usize>) -> Option<usize> {
    position.get(c).copied()
}

/// Bare names ("putin") that end exactly one full person name in the corpus ("vladimir
/// putin"), keyed by lowercase name.
fn surname_merges(articles: &TiSlice<ArticleIx, Article>) -> HashMap<String, String> {
    let mut ends: HashMap<String, Option<String>> = HashMap::new();
    for e in articles.iter().flat_map(|a| &a.entities) {
        if e.kind != EntityKind::Person {
            continue;
        }
        let full = key(&e.name);
        let words: Vec<&str> = full.split(' ').collect();
        for k in 1..words.len() {
            let entry = ends
                .entry(words[k..].join(" "))
                .or_insert_with(|| Some(full.clone()));
            if entry.as_deref().is_some_and(|f| f != full) {
                *entry = None;
            }
        }
    }
    ends.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// Lowercase ASCII letters and digits joined by single hyphens; names in other scripts keep
/// their letters, so every name has a usable slug.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(fold(c));
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "entity".into()
    } else {
        out
    }
}

/// Common Latin letters with diacritics to their base letter, for readable URLs.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ş' => 's',
        'ğ' => 'g',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_stop_where_the_page_runs_out_of_lines() {
        let group = |a: usize, n: usize| (ArticleIx::from(a), (0..n).collect::<Vec<usize>>());
        assert_eq!(sections(&[group(0, 3), group(1, 2)]), 2);
        let full = [group(0, LINES_PER_PAGE - 1), group(1, 5), group(2, 1)];
        assert_eq!(
            sections(&full),
            2,
            "a group that starts before the cap has a section"
        );
        let exact = [group(0, LINES_PER_PAGE), group(1, 1)];
        assert_eq!(sections(&exact), 1);
        assert_eq!(sections(&[]), 0);
    }

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slug("Amir Khan Muttaqi"), "amir-khan-muttaqi");
        assert_eq!(slug("Women’s Network"), "womens-network");
    }
}
