//! `dossier check --external`: fetches every external link of the output once.
//!
//! Links are grouped by host; a small pool of threads takes one host at a time and asks for its
//! links one after another, so no server sees more than one request at once from us, and every
//! request has a connect and an overall timeout, so one dead host cannot stall the check.

use std::collections::BTreeMap;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use regex::Regex;

use super::{shown, Problem};
use crate::config::Site;
use crate::model::Article;
use crate::output::Pages;
use crate::position::line_col;

/// Hosts checked at the same time.
const WORKERS: usize = 8;
/// Time allowed to open a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for a whole request, redirects included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

static EXTERNAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<a\s[^>]*?href="(https?://[^"]+)""#).unwrap());

/// One external link and the first page that has it.
struct Link {
    url: String,
    page: String,
}

/// Fetches every external link of the rendered pages; returns how many were checked and the
/// broken ones, located in the article source or `site.toml` that wrote them.
pub fn check_external(site: &Site, articles: &[Article], pages: &Pages) -> (usize, Vec<Problem>) {
    let links = external_links(pages);
    let mut by_host: BTreeMap<String, Vec<&Link>> = BTreeMap::new();
    for link in &links {
        by_host.entry(host(&link.url)).or_default().push(link);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(REQUEST_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("dossier-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let queue = Mutex::new(by_host.into_values());
    let failures: Mutex<Vec<(&Link, String)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(links.len()) {
            scope.spawn(|| loop {
                let next = queue.lock().ok().and_then(|mut q| q.next());
                let Some(host_links) = next else { break };
                for link in host_links {
                    if let Err(why) = fetch(&agent, &link.url) {
                        if let Ok(mut f) = failures.lock() {
                            f.push((link, why));
                        }
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_default();
    failures.sort_by(|a, b| a.0.url.cmp(&b.0.url));
    let problems = failures
        .into_iter()
        .map(|(link, why)| {
            Problem::error(
                Some(locate(site, articles, link)),
                format!("external link {} {why}", link.url),
            )
        })
        .collect();
    (links.len(), problems)
}

/// `Ok` for a 2xx answer (after redirects); else what went wrong. Servers that refuse `HEAD`
/// are asked again with `GET`.
fn fetch(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let status = match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => agent.get(url).call(),
        other => other,
    }
    .map(|r| r.status())
    .map_err(|e| format!("could not be fetched: {e}"))?;
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("returned HTTP {}", status.as_u16()))
    }
}

/// Distinct external links of the HTML pages, in page order; the 404 page is skipped because
/// its links point at the site itself.
fn external_links(pages: &Pages) -> Vec<Link> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (page, bytes) in pages {
        if !page.ends_with(".html") || page == "404.html" {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for cap in EXTERNAL.captures_iter(&text) {
            let url = cap[1].replace("&amp;", "&");
            if seen.insert(url.clone()) {
                out.push(Link {
                    url,
                    page: page.clone(),
                });
            }
        }
    }
    out
}

/// The host (with port) a URL points at, lowercased.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    authority.to_ascii_lowercase()
}

/// Where a link was written: its article's source, else `site.toml`, else the page.
fn locate(site: &Site, articles: &[Article], link: &Link) -> String {
    let article = link
        .page
        .strip_prefix("articles/")
        .and_then(|p| p.strip_suffix(".html"))
        .and_then(|id| articles.iter().find(|a| a.id == id));
    if let Some(a) = article {
        if let Some(at) = a.source.find(&link.url) {
            let (line, col) = line_col(&a.source, at);
            return format!("{}:{line}:{col}", shown(site, &a.source_path));
        }
    }
    if let Ok(text) = std::fs::read_to_string(&site.config_path) {
        if let Some(at) = text.find(&link.url) {
            let (line, col) = line_col(&text, at);
            return format!("{}:{line}:{col}", site.config_path.display());
        }
    }
    format!("{} (rendered)", link.page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_keep_ports_and_drop_paths() {
        assert_eq!(host("https://Example.org/a?b"), "example.org");
        assert_eq!(host("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
        assert_eq!(host("http://u:p@h.org#x"), "h.org");
    }

    #[test]
    fn finds_distinct_external_anchors() {
        let mut pages = Pages::new();
        pages.insert(
            "a.html".into(),
            br#"<link rel="canonical" href="https://site/"><a href="https://x.org/?a=1&amp;b=2">x</a><a class="k" href="https://x.org/?a=1&amp;b=2">"#.to_vec(),
        );
        let links = external_links(&pages);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].url, "https://x.org/?a=1&b=2");
    }
}
