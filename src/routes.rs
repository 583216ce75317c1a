//! Low layer, routes: the site's URL scheme. Every output path and internal link is built
//! here, page-relative, so one build works from disk, at a domain root and under a project
//! path; render, search, export and the notes all link through it. Paged pages are cut into
//! their parts here too ([`split`]), so the index can plan pages as render does.

use crate::ids::EntryIx;
use std::ops::Range;

/// Cuts a sequence of weighted items into consecutive ranges, each closing once it reaches
/// `budget`; an item heavier than the budget gets a part of its own. Always at least one part.
pub fn split(weights: impl IntoIterator<Item = usize>, budget: usize) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut start, mut load, mut n) = (0, 0, 0);
    for w in weights {
        if load > 0 && load + w > budget {
            parts.push(start..n);
            start = n;
            load = 0;
        }
        load += w;
        n += 1;
    }
    if n > start || parts.is_empty() {
        parts.push(start..n);
    }
    parts
}

/// Output path of part `part` (0-based) of a paged page whose first part is `first`
/// (`"timeline.html"`): later parts live in a folder named after it (`timeline/2.html`).
pub fn part_path(first: &str, part: usize) -> String {
    let mut out = String::with_capacity(first.len() + 8);
    push_part_path(&mut out, first, part);
    out
}

/// Writes [`part_path`] into `out`: article pages write one into every date link.
pub fn push_part_path(out: &mut String, first: &str, part: usize) {
    if part == 0 {
        out.push_str(first);
    } else {
        out.push_str(first.trim_end_matches(".html"));
        out.push('/');
        out.push_str(itoa::Buffer::new().format(part + 1));
        out.push_str(".html");
    }
}

/// The prefix that leads from a page back to the site root: `""` or `"../"`.
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Output path of an article page.
pub fn article_path(id: &str) -> String {
    concat(&["articles/", id, ".html"])
}

/// Output path of an actor page.
pub fn actor_path(id: &str) -> String {
    concat(&["actors/", id, ".html"])
}

/// Link from a page at `root` to an actor page.
pub fn actor_href(root: &str, id: &str) -> String {
    let mut out = String::with_capacity(root.len() + id.len() + 12);
    push_actor_href(&mut out, root, id);
    out
}

/// Writes [`actor_href`]'s link into `out`, for the many links of an article page.
pub fn push_actor_href(out: &mut String, root: &str, id: &str) {
    for piece in [root, "actors/", id, ".html"] {
        out.push_str(piece);
    }
}

/// Link from a page at `root` to an article page.
pub fn article_href(root: &str, id: &str) -> String {
    concat(&[root, "articles/", id, ".html"])
}

/// Link from one article page to another (related articles, previous and next): both sit in
/// `articles/`, so the file name is the whole address, and the hundreds of thousands of such
/// links of a large site carry no folder.
pub fn sibling_article_href(id: &str) -> String {
    concat(&[id, ".html"])
}

/// Link from a page at `root` to an article's paragraph (or other block) `anchor`.
pub fn article_anchor_href(root: &str, id: &str, anchor: &str) -> String {
    concat(&[root, "articles/", id, ".html#", anchor])
}

/// The short code that stands for an article in the fragments other pages link to
/// (`entities/kabul.html#in-3kq9x2fa`), instead of its whole id: eight characters of a hash of
/// the id alone, so a code never changes when other articles come, go or change, and an
/// incremental rebuild need not touch the pages that link to it.
pub fn article_key(id: &str) -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let hash = blake3::hash(id.as_bytes());
    let bytes = hash.as_bytes();
    let bits = bytes[..5]
        .iter()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    (0..8)
        .rev()
        .map(|i| DIGITS[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// The anchor of each article's section on the entity pages, in the order of `ids`: `in-` and
/// its [`article_key`]. Two ids whose keys collide (40 bits: about one pair in a million among
/// a thousand articles, one in a thousand among fifty thousand) would give two sections one
/// anchor, and a link would land on the wrong article; those articles get `id-` and their whole
/// id instead, which is unique, and whose prefix no key has.
pub fn section_anchors<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    section_anchors_with(ids, article_key)
}

/// [`section_anchors`] with the key function given, so that a collision can be tested.
fn section_anchors_with<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    key: impl Fn(&str) -> String,
) -> Vec<String> {
    let ids: Vec<&str> = ids.into_iter().collect();
    let keys: Vec<String> = ids.iter().map(|id| key(id)).collect();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in &keys {
        *seen.entry(k.as_str()).or_default() += 1;
    }
    ids.iter()
        .zip(&keys)
        .map(|(id, k)| match seen[k.as_str()] {
            1 => concat(&["in-", k]),
            _ => concat(&["id-", id]),
        })
        .collect()
}

/// The pieces joined in one allocation of the right size: links are built by the million
/// on a big site, and `format!` costs several times more for plain joining.
fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
    out
}

/// Anchor of one dated mention where a page lists mentions one by one (an actor's dated
/// sentences): stable across builds because it is made of the article id and the mention's byte
/// offset in the source.
pub fn timeline_entry_id(article: &str, start: usize) -> String {
    format!("t-{article}-{start}")
}

/// Where the timeline shows each of its entries: the row of its date on the page of the
/// date's period. Built by the index (which plans the pages) and read by every page that links
/// a date, so an article, its margin notes, the search, the notes and the charts all link the
/// same place.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TimelineLinks {
    /// Per timeline entry: the row that shows it.
    row_of_entry: Vec<u32>,
    /// Per row: its address from the site root (`timeline/2024.html#t2024-04`).
    targets: Vec<String>,
    /// The whole timeline fits on `timeline.html`: no period pages.
    single: bool,
}

impl TimelineLinks {
    /// Links for entries shown in rows `row_of_entry`, the rows at `targets`; `single` when
    /// they are all on `timeline.html`.
    pub fn new(row_of_entry: Vec<u32>, targets: Vec<String>, single: bool) -> Self {
        TimelineLinks {
            row_of_entry,
            targets,
            single,
        }
    }

    /// Whether the whole timeline is on `timeline.html`, without period pages.
    pub fn single(&self) -> bool {
        self.single
    }

    /// The address from the site root of the row that shows timeline entry `entry`.
    pub fn target(&self, entry: EntryIx) -> &str {
        self.row_of_entry
            .get(entry.get())
            .and_then(|&r| self.targets.get(r as usize))
            .map_or("timeline.html", String::as_str)
    }

    /// Link from a page at `root` to timeline entry `entry`.
    pub fn href(&self, root: &str, entry: EntryIx) -> String {
        concat(&[root, self.target(entry)])
    }

    /// Writes [`TimelineLinks::href`] into `out`: an article page links every date twice, in
    /// its text and in its margin notes.
    pub fn push_href(&self, out: &mut String, root: &str, entry: EntryIx) {
        out.push_str(root);
        out.push_str(self.target(entry));
    }
}

/// A stretch of time the timeline gives a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// Decades and centuries, together: they name eras, and are few.
    Eras,
    /// A year (negative before the common era).
    Year(i32),
    /// A month (1–12) of a year, for a year too dense for one page.
    Month(i32, u8),
}

/// Output path of part `part` (0-based) of a period's timeline page: `timeline/2024.html`,
/// `timeline/2024-04.html`, `timeline/2024-04-2.html`, `timeline/eras.html`, `timeline/480bc.html`.
pub fn timeline_period_path(period: Period, part: usize) -> String {
    let year = |y: i32| {
        if y < 0 {
            format!("{}bc", -i64::from(y))
        } else {
            y.to_string()
        }
    };
    let base = match period {
        Period::Eras => "eras".to_string(),
        Period::Year(y) => year(y),
        Period::Month(y, m) => format!("{}-{m:02}", year(y)),
    };
    match part {
        0 => format!("timeline/{base}.html"),
        p => format!("timeline/{base}-{}.html", p + 1),
    }
}

/// Anchor of the timeline row of the date whose TIMEX3 value is `value`: stable across builds
/// and corpus changes, because it is made of the date alone.
pub fn timeline_row_id(value: &str) -> String {
    concat(&["t", value])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_links_lead_to_the_row_of_each_entry() {
        let targets = vec![
            "timeline/2024.html#t2024".to_string(),
            "timeline/2024-04.html#t2024-04-17".to_string(),
        ];
        let links = TimelineLinks::new(vec![0, 1, 1], targets, false);
        assert_eq!(links.href("../", 0.into()), "../timeline/2024.html#t2024");
        assert_eq!(
            links.href("", 2.into()),
            "timeline/2024-04.html#t2024-04-17"
        );
        let mut out = String::from("x");
        links.push_href(&mut out, "../", 1.into());
        assert_eq!(out, "x../timeline/2024-04.html#t2024-04-17");
        // An entry the plan does not know leads to the overview, never nowhere.
        assert_eq!(links.href("", 9.into()), "timeline.html");
    }

    #[test]
    fn period_paths_are_named_by_the_period() {
        assert_eq!(
            timeline_period_path(Period::Year(2024), 0),
            "timeline/2024.html"
        );
        assert_eq!(
            timeline_period_path(Period::Month(2024, 4), 0),
            "timeline/2024-04.html"
        );
        assert_eq!(
            timeline_period_path(Period::Month(2024, 4), 1),
            "timeline/2024-04-2.html"
        );
        assert_eq!(timeline_period_path(Period::Eras, 0), "timeline/eras.html");
        assert_eq!(
            timeline_period_path(Period::Year(-480), 0),
            "timeline/480bc.html"
        );
        assert_eq!(timeline_row_id("2024-04"), "t2024-04");
    }

    #[test]
    fn article_keys_are_short_stable_and_apart() {
        let key = article_key("00000-what-aid-conditionality-means-for-vladimir-putin");
        assert_eq!(key.len(), 8);
        assert!(key
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
        // The id alone decides it: the same on every call, different for another id.
        assert_eq!(
            key,
            article_key("00000-what-aid-conditionality-means-for-vladimir-putin")
        );
        assert_ne!(
            key,
            article_key("00001-what-aid-conditionality-means-for-vladimir-putin")
        );
        // Pinned: a code that changed between versions would break every link to it.
        assert_eq!(article_key("a"), "2tr2vnep");
    }

    #[test]
    fn section_anchors_are_keys_unless_two_keys_collide() {
        assert_eq!(
            section_anchors(["a", "b"]),
            [
                "in-2tr2vnep".to_string(),
                format!("in-{}", article_key("b"))
            ]
        );
        // A key function under which "x1" and "y1" collide: both fall back to their ids.
        let last = |id: &str| id[id.len() - 1..].to_string();
        assert_eq!(
            section_anchors_with(["x1", "z2", "y1"], last),
            ["id-x1", "in-2", "id-y1"]
        );
        assert!(section_anchors(Vec::<&str>::new()).is_empty());
    }

    #[test]
    fn roots_follow_depth() {
        assert_eq!(root_for("index.html"), "");
        assert_eq!(root_for("articles/a.html"), "../");
        assert_eq!(actor_href("../", "is-k"), "../actors/is-k.html");
        assert_eq!(article_href("", "a-1"), "articles/a-1.html");
        assert_eq!(
            article_anchor_href("../", "a", "p4"),
            "../articles/a.html#p4"
        );
    }
}
