//! Check stage: every internal `href`/`src` and `#anchor` in the output must resolve.
//!
//! Runs on the rendered pages in memory, before anything is written, so a broken link fails the
//! build without touching the previous site.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex};

use rayon::prelude::*;
use regex::Regex;

use crate::output::{Inputs, Pages};

/// What the check keeps of one page: hashes of its resolved links and of its ids, not their
/// text, so a 10,000-article site's millions of links cost 16 bytes each while the pages are
/// written and dropped. The text of a broken link is recovered by re-reading its page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageLinks {
    /// (target file, anchor or [`NO_ANCHOR`]) of each distinct internal link, sorted.
    pub links: Vec<(u64, u64)>,
    /// Links that climb above the site's root, as written (rare, and broken by definition).
    pub escapes: Vec<Box<str>>,
    /// Hashes of the page's ids, sorted.
    pub ids: Vec<u64>,
}

/// The pages a build made from known inputs, with those inputs and what the check kept of
/// them: the next build takes a page it reuses from here instead of reading it again.
pub type LinkRecords = HashMap<String, (Inputs, PageLinks)>;

/// The anchor hash of a link without one (no real anchor hashes to it, see [`hash`]).
const NO_ANCHOR: u64 = 0;

/// A fixed-key hash: the same on every run and thread. A collision could only hide a broken
/// link, with odds of about one in 2^64 per link.
fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes()).max(1)
}

/// Where a link of a page leads.
enum Link<'a> {
    /// Another site, or a `mailto:`: not checked.
    External,
    /// Above the site's root: broken.
    Leaves,
    /// A file of the site, and an anchor in it.
    Internal(String, Option<&'a str>),
}

/// Resolves a link of `page` (its entities decoded, see [`unescape`]) against the page's
/// folder.
fn resolved<'a>(page: &str, link: &'a str) -> Link<'a> {
    if is_external(link) {
        return Link::External;
    }
    let (path, anchor) = link
        .split_once('#')
        .map_or((link, None), |(p, a)| (p, Some(a)));
    let target = if path.is_empty() {
        Some(page.to_string())
    } else {
        resolve(page, path)
    };
    let anchor = anchor.filter(|a| !a.is_empty());
    target.map_or(Link::Leaves, |t| Link::Internal(t, anchor))
}

/// The raw `href`/`src` values and ids of a page, in order: links are `href="` and `src="`,
/// anchors `id="` after whitespace; a value ends at the next `"`. Found from each `="` (a SIMD
/// substring search) by looking at the name before it: a page of a big site is scanned at
/// memory speed, where a multi-pattern automaton was a twentieth of the build.
fn attributes(html: &str) -> impl Iterator<Item = (bool, &str)> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, b"=\"").filter_map(move |at| {
        let before = &bytes[..at];
        let is_link = before.ends_with(b"href") || before.ends_with(b"src");
        let is_id = before.ends_with(b"id")
            && matches!(
                before.len().checked_sub(3).map(|i| before[i]),
                Some(b' ' | b'\n' | b'\t')
            );
        if !is_link && !is_id {
            return None;
        }
        let rest = &html[at + 2..];
        let end = memchr::memchr(b'"', rest.as_bytes()).unwrap_or(rest.len());
        Some((is_link, &rest[..end]))
    })
}

fn scan(page: &str, html: &str) -> PageLinks {
    let mut raw: Vec<&str> = Vec::new();
    let mut out = PageLinks::default();
    for (is_link, value) in attributes(html) {
        if is_link {
            raw.push(value);
        } else {
            out.ids.push(hash(value));
        }
    }
    // Each distinct value once, in order of first appearance: a set rather than a sort of
    // the strings, which cost as much as the scan.
    let mut seen = rustc_hash::FxHashSet::default();
    raw.retain(|value| seen.insert(*value));
    for value in raw {
        match resolved(page, &unescape(value)) {
            Link::Internal(target, anchor) => out
                .links
                .push((hash(&target), anchor.map_or(NO_ANCHOR, hash))),
            Link::External => {}
            Link::Leaves => out.escapes.push(value.into()),
        }
    }
    out.links.sort_unstable();
    out.links.dedup();
    out.ids.sort_unstable();
    out.ids.dedup();
    out
}

/// Collects the links and anchors of the output as it is produced, from any thread, and finds
/// the broken ones once everything is in.
#[derive(Debug, Default)]
pub struct LinkCheck {
    files: Mutex<BTreeMap<String, Option<PageLinks>>>,
    /// The inputs of each page recorded with them.
    made_from: Mutex<HashMap<String, Inputs>>,
    /// The last build's records, for the pages this one reuses.
    previous: Mutex<LinkRecords>,
}

impl LinkCheck {
    /// A check that can take reused pages from the last build's `records`.
    pub fn with_previous(records: LinkRecords) -> Self {
        Self {
            previous: Mutex::new(records),
            ..Self::default()
        }
    }

    /// Whether the last build's record of `path` was made from `inputs`, so that the page can
    /// be reused and [`LinkCheck::restore`]d without being read.
    pub fn can_restore(&self, path: &str, inputs: Inputs) -> bool {
        self.previous
            .lock()
            .is_ok_and(|p| p.get(path).is_some_and(|(made, _)| *made == inputs))
    }

    /// Records a page the sink kept from the last build, from the last build's record.
    pub fn restore(&self, path: &str) {
        let Some((inputs, links)) = self.previous.lock().ok().and_then(|mut p| p.remove(path))
        else {
            return;
        };
        if let Ok(mut made) = self.made_from.lock() {
            made.insert(path.to_string(), inputs);
        }
        // A file that is not a page is recorded as existing only, as `record` does.
        let links = path.ends_with(".html").then_some(links);
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_string(), links);
        }
    }

    /// [`LinkCheck::record`] for a page made from `inputs`, kept for the next build.
    pub fn record_made(&self, path: &str, bytes: &[u8], inputs: Inputs) {
        self.record(path, bytes);
        if let Ok(mut made) = self.made_from.lock() {
            made.insert(path.to_string(), inputs);
        }
    }

    /// The records of every page made from known inputs, for the next build.
    pub fn records(&self) -> LinkRecords {
        let (Ok(files), Ok(made)) = (self.files.lock(), self.made_from.lock()) else {
            return LinkRecords::new();
        };
        made.iter()
            .filter_map(|(path, inputs)| {
                let links = files.get(path)?.clone().unwrap_or_default();
                Some((path.clone(), (*inputs, links)))
            })
            .collect()
    }

    /// Records one output file; HTML pages are scanned, other files only exist.
    pub fn record(&self, path: &str, bytes: &[u8]) {
        let scanned = path.ends_with(".html").then(|| {
            std::str::from_utf8(bytes)
                .map(|html| scan(path, html))
                .unwrap_or_default()
        });
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_string(), scanned);
        }
    }

    /// Number of files recorded, and of HTML pages among them.
    pub fn counts(&self) -> (usize, usize) {
        self.files.lock().map_or((0, 0), |f| {
            (f.len(), f.values().filter(|p| p.is_some()).count())
        })
    }

    /// Every broken internal link as "page: link (reason)", sorted; empty when all resolve.
    /// `reread` gives back a page's bytes, to name the links that failed. Pages are checked in
    /// parallel; the result does not depend on the thread count.
    pub fn broken(&self, reread: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync)) -> Vec<String> {
        let Ok(files) = self.files.lock() else {
            return vec!["the link check was interrupted by a failed thread".into()];
        };
        let by_hash: HashMap<u64, Option<&PageLinks>> = files
            .iter()
            .map(|(path, links)| (hash(path), links.as_ref()))
            .collect();
        let pages: Vec<(&String, &PageLinks)> = files
            .iter()
            .filter(|(p, _)| p.as_str() != "404.html")
            .filter_map(|(p, links)| links.as_ref().map(|l| (p, l)))
            .collect();
        let mut broken: Vec<String> = pages
            .par_iter()
            .flat_map_iter(|(page, links)| {
                let failing = |&(target, anchor): &(u64, u64)| match by_hash.get(&target) {
                    None => true,
                    Some(scanned) => {
                        anchor != NO_ANCHOR
                            && !scanned.is_some_and(|p| p.ids.binary_search(&anchor).is_ok())
                    }
                };
                let mut out: Vec<String> = links
                    .escapes
                    .iter()
                    .map(|raw| format!("{page}: {} (leaves the site)", unescape(raw)))
                    .collect();
                if links.links.iter().any(failing) {
                    out.extend(name_broken(page, reread, &files));
                }
                out
            })
            .collect();
        broken.sort();
        broken.dedup();
        broken
    }
}

/// Names the broken links of one page by reading it again and checking each link in full.
fn name_broken(
    page: &str,
    reread: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    files: &BTreeMap<String, Option<PageLinks>>,
) -> Vec<String> {
    let Some(bytes) = reread(page) else {
        return vec![format!(
            "{page}: has a broken link (the page could not be read again to name it)"
        )];
    };
    let html = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for (_, raw) in attributes(&html).filter(|(is_link, _)| *is_link) {
        let link = unescape(raw);
        let Link::Internal(target, anchor) = resolved(page, &link) else {
            continue;
        };
        match files.get(&target) {
            None => out.push(format!("{page}: {link} (no file {target})")),
            Some(scanned) => {
                if let Some(anchor) = anchor {
                    let has = scanned
                        .as_ref()
                        .is_some_and(|p| p.ids.binary_search(&hash(anchor)).is_ok());
                    if !has {
                        out.push(format!("{page}: {link} (no id \"{anchor}\" in {target})"));
                    }
                }
            }
        }
    }
    out
}

/// Every broken internal link of a whole site held in memory.
pub fn broken_links(pages: &Pages) -> Vec<String> {
    let check = LinkCheck::default();
    pages
        .par_iter()
        .for_each(|(path, bytes)| check.record(path, bytes));
    check.broken(&|path| pages.get(path).cloned())
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
}

/// Resolves a page-relative path against the page's folder; `None` if it climbs above the root.
/// Built in one string: the check resolves every distinct link of every page.
fn resolve(page: &str, link: &str) -> Option<String> {
    let link = link.split('?').next().unwrap_or(link);
    let mut joined = String::with_capacity(page.len() + link.len() + 11);
    joined.push_str(page.rsplit_once('/').map_or("", |(folder, _)| folder));
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if joined.is_empty() {
                    return None;
                }
                joined.truncate(joined.rfind('/').unwrap_or(0));
            }
            s => {
                if !joined.is_empty() {
                    joined.push('/');
                }
                joined.push_str(s);
            }
        }
    }
    if link.ends_with('/') || joined.is_empty() {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

/// Decodes the entities an attribute value may contain, so the checked path is the real one.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|quot|lt|gt|apos);").unwrap());
    ENTITY
        .replace_all(s, |c: &regex::Captures| {
            let e = &c[1];
            let code = match e {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "apos" => Some('\''),
                _ if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                _ => e[1..].parse().ok().and_then(char::from_u32),
            };
            code.map_or_else(|| c[0].to_string(), String::from)
        })
        .into_owned()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Pages {
        files
            .iter()
            .map(|(p, s)| (p.to_string(), s.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let pages = site(&[
            (
                "index.html",
                r##"<a href="articles/a.html#p1"></a><a href="articles/b.html"></a><a href="https://x.org/"></a>"##,
            ),
            (
                "articles/a.html",
                r##"<p id="p2"></p><a href="../index.html"></a><a href="#p2"></a>"##,
            ),
        ]);
        let broken = broken_links(&pages);
        assert_eq!(
            broken,
            [
                "index.html: articles/a.html#p1 (no id \"p1\" in articles/a.html)",
                "index.html: articles/b.html (no file articles/b.html)",
            ]
        );
    }

    #[test]
    fn links_above_the_root_are_broken() {
        let pages = site(&[("index.html", r#"<a href="../x.html"></a>"#)]);
        assert_eq!(
            broken_links(&pages),
            ["index.html: ../x.html (leaves the site)"]
        );
    }

    #[test]
    fn links_resolve_against_the_page_folder() {
        let cases = [
            ("articles/a.html", "../actors/x.html", Some("actors/x.html")),
            ("timeline/2.html", "../timeline.html", Some("timeline.html")),
            ("timeline/2.html", "3.html", Some("timeline/3.html")),
            ("a/b/c.html", "../../x/", Some("x/index.html")),
            ("a/b.html", "..", Some("index.html")),
            ("a/b.html", "c/../d.html?q=1", Some("a/d.html")),
            ("index.html", "./", Some("index.html")),
            ("index.html", "./x//y.html", Some("x/y.html")),
            ("index.html", "../x.html", None),
            ("a/b.html", "../../x.html", None),
        ];
        for (page, link, expected) in cases {
            assert_eq!(
                resolve(page, link).as_deref(),
                expected,
                "{link} from {page}"
            );
        }
    }

    #[test]
    fn attribute_scan_matches_the_pattern_definition() {
        let page = "<a href=\"a.html\" data-href=\"b\"><img src=\"c.png\" srcset=\"x\">\
                    <p id=\"p1\">x</p><p\nid=\"p2\"><p\tid=\"p3\"><p xid=\"no\"><p id=\"\">\
                    <a href=\"\">=\"\"id=\"no\" <b id=\"end";
        let reference =
            aho_corasick::AhoCorasick::new(["href=\"", "src=\"", " id=\"", "\nid=\"", "\tid=\""])
                .unwrap();
        let expected: Vec<(bool, &str)> = reference
            .find_iter(page)
            .map(|m| {
                let rest = &page[m.end()..];
                (
                    m.pattern().as_usize() < 2,
                    &rest[..rest.find('"').unwrap_or(rest.len())],
                )
            })
            .collect();
        assert_eq!(attributes(page).collect::<Vec<_>>(), expected);
        assert_eq!(expected.len(), 9);
    }
}
