//! Check stage: every internal `href`/`src` and `#anchor` in the output must resolve.
//!
//! Runs on the rendered pages in memory, before anything is written, so a broken link fails the
//! build without touching the previous site.

use std::collections::{BTreeMap, HashSet};
use std::sync::{LazyLock, Mutex};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use regex::Regex;

use crate::render::Pages;

/// Attribute openings, found with one multi-pattern scan per page: links (`href`, `src`) and
/// anchors (`id` after whitespace). Values end at the next `"`.
static ATTRIBUTES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(["href=\"", "src=\"", " id=\"", "\nid=\"", "\tid=\""]).expect("fixed patterns")
});

/// What the check keeps of one page: its distinct links and its ids. Kept instead of the page
/// itself, so pages can be written (and dropped) as soon as they are rendered.
#[derive(Debug, Default)]
struct PageLinks {
    links: Vec<Box<str>>,
    ids: HashSet<Box<str>>,
}

fn scan(html: &str) -> PageLinks {
    let mut page = PageLinks::default();
    for m in ATTRIBUTES.find_iter(html) {
        let rest = &html[m.end()..];
        let value = &rest[..rest.find('"').unwrap_or(rest.len())];
        if m.pattern().as_usize() < 2 {
            page.links.push(value.into());
        } else {
            page.ids.insert(value.into());
        }
    }
    page.links.sort_unstable();
    page.links.dedup();
    page
}

/// Collects the links and anchors of the output as it is produced, from any thread, and finds
/// the broken ones once everything is in.
#[derive(Debug, Default)]
pub struct LinkCheck {
    files: Mutex<BTreeMap<String, Option<PageLinks>>>,
}

impl LinkCheck {
    /// Records one output file; HTML pages are scanned, other files only exist.
    pub fn record(&self, path: &str, bytes: &[u8]) {
        let scanned = path
            .ends_with(".html")
            .then(|| std::str::from_utf8(bytes).map(scan).unwrap_or_default());
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
    /// Pages are checked in parallel; the result does not depend on the thread count.
    pub fn broken(&self) -> Vec<String> {
        let Ok(files) = self.files.lock() else {
            return vec!["the link check was interrupted by a failed thread".into()];
        };
        let pages: Vec<(&String, &PageLinks)> = files
            .iter()
            .filter_map(|(p, links)| links.as_ref().map(|l| (p, l)))
            .collect();
        let mut broken: Vec<String> = pages
            .par_iter()
            .flat_map_iter(|(page, links)| page_broken_links(page, &links.links, &files))
            .collect();
        broken.sort();
        broken.dedup();
        broken
    }
}

/// Every broken internal link of a whole site held in memory.
pub fn broken_links(pages: &Pages) -> Vec<String> {
    let check = LinkCheck::default();
    pages
        .par_iter()
        .for_each(|(path, bytes)| check.record(path, bytes));
    check.broken()
}

/// The broken links of one page.
fn page_broken_links(
    page: &str,
    links: &[Box<str>],
    files: &BTreeMap<String, Option<PageLinks>>,
) -> Vec<String> {
    let mut broken = Vec::new();
    if page == "404.html" {
        // may link from base_url, checked as a relative page when there is none
        return broken;
    }
    for raw in links {
        let link = unescape(raw);
        if is_external(&link) {
            continue;
        }
        let (path, anchor) = link
            .split_once('#')
            .map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
        let target = if path.is_empty() {
            Some(page.to_string())
        } else {
            resolve(page, path)
        };
        let Some(target) = target else {
            broken.push(format!("{page}: {link} (leaves the site)"));
            continue;
        };
        match files.get(&target) {
            None => broken.push(format!("{page}: {link} (no file {target})")),
            Some(scanned) => {
                if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                    if !scanned.as_ref().is_some_and(|p| p.ids.contains(anchor)) {
                        broken.push(format!("{page}: {link} (no id \"{anchor}\" in {target})"));
                    }
                }
            }
        }
    }
    broken
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
}

/// Resolves a page-relative path against the page's folder; `None` if it climbs above the root.
fn resolve(page: &str, link: &str) -> Option<String> {
    let link = link.split('?').next().unwrap_or(link);
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if link.ends_with('/') || joined.is_empty() {
        joined = format!(
            "{joined}{}index.html",
            if joined.is_empty() { "" } else { "/" }
        );
    }
    Some(joined)
}

/// Decodes the entities an attribute value may contain, so the checked path is the real one.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
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
}
