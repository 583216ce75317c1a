//! Render stage, feeds: the Atom feed of articles and, when the site knows its public address,
//! the sitemap.
//!
//! Both are derived from data already rendered, so they cost almost nothing. Builds stay
//! byte-identical: no clock is read; an entry's `updated` is its publication date.

use crate::routes::article_path;
use std::sync::Mutex;

use anyhow::Result;

use super::{RenderInput, Sink};
use crate::annotate::dates::Timex;
use crate::html::escape;
use crate::output::Inputs;

/// Path of the feed in the output, linked from every page head.
pub const ATOM_PATH: &str = "atom.xml";

/// The Atom feed of the newest articles (`feed_limit` of them, all for 0), newest first.
///
/// Without `base_url`, links are relative to the feed (which sits at the root, like
/// `index.html`), and ids are stable `urn:uuid:`s derived from the site title and article id,
/// because Atom ids must be absolute IRIs that never change.
pub fn atom(input: &RenderInput) -> Vec<u8> {
    let config = &input.site.config;
    let base = config
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    let href = |path: &str| format!("{}{path}", base.as_deref().unwrap_or(""));
    let id_of = |path: &str| match &base {
        Some(b) => format!("{b}{path}"),
        None => stable_uuid(&config.title, path),
    };
    let order = &input.index.order;
    let newest = order
        .iter()
        .filter_map(|&i| input.articles[i].meta.published)
        .max_by_key(|t| t.value());
    let feed_updated = newest.map_or_else(|| EPOCH.to_string(), |t| rfc3339(&t));
    let mut xml = String::with_capacity(1024 + order.len().min(config.feed_limit.max(1)) * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&config.title)));
    if !config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&config.description)
        ));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape(&id_of(""))));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&href(ATOM_PATH))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&href("index.html"))
    ));
    xml.push_str(&format!("  <updated>{feed_updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&config.title)
    ));
    xml.push_str("  <generator>dossier</generator>\n");
    let listed = match config.feed_limit {
        0 => order.len(),
        n => n.min(order.len()),
    };
    for &i in &order[..listed] {
        let article = &input.articles[i];
        let meta = &article.meta;
        let path = article_path(&article.id);
        let updated = meta
            .published
            .map_or_else(|| feed_updated.clone(), |t| rfc3339(&t));
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&meta.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&href(&path))
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&id_of(&path))));
        if meta.published.is_some() {
            xml.push_str(&format!("    <published>{updated}</published>\n"));
        }
        xml.push_str(&format!("    <updated>{updated}</updated>\n"));
        if let Some(author) = meta.author.as_deref().or(meta.outlet.as_deref()) {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(author)
            ));
        }
        let summary = super::pages::summary(article);
        if !summary.is_empty() {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(&summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml.into_bytes()
}

/// A [`Sink`] that passes files on and notes the HTML pages among them, so the sitemap can be
/// written last without keeping the pages.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Vec<String>>,
}

impl<'a> Recorder<'a> {
    /// Wraps the sink the render stage writes to.
    pub fn new(inner: &'a dyn Sink) -> Self {
        Recorder {
            inner,
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Writes `atom.xml`, and `sitemap.xml` when the site has a `base_url`.
    pub fn put_feeds(&self, input: &RenderInput) -> Result<()> {
        self.inner.put(ATOM_PATH.into(), atom(input))?;
        let mut pages = self
            .pages
            .lock()
            .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?
            .clone();
        pages.sort();
        if let Some(xml) = sitemap(input.site.config.base_url.as_deref(), &pages) {
            self.inner.put("sitemap.xml".into(), xml)?;
        }
        Ok(())
    }
}

impl Recorder<'_> {
    fn note(&self, path: &str) {
        if path.ends_with(".html") {
            if let Ok(mut pages) = self.pages.lock() {
                pages.push(path.to_string());
            }
        }
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.note(&path);
        self.inner.put(path, bytes)
    }

    fn put_made_from(&self, path: String, bytes: Vec<u8>, inputs: Inputs) -> Result<()> {
        self.note(&path);
        self.inner.put_made_from(path, bytes, inputs)
    }

    fn reuse(&self, path: &str, inputs: Inputs) -> Result<Option<u64>> {
        let kept = self.inner.reuse(path, inputs)?;
        if kept.is_some() {
            self.note(path);
        }
        Ok(kept)
    }
}

/// `sitemap.xml` listing the given pages but the 404 page; `None` without `base_url`, because
/// sitemap locations must be absolute.
pub fn sitemap(base_url: Option<&str>, pages: &[String]) -> Option<Vec<u8>> {
    let base = format!("{}/", base_url?.trim_end_matches('/'));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in pages {
        if path.ends_with(".html") && path != "404.html" {
            xml.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                escape(&format!("{base}{path}"))
            ));
        }
    }
    xml.push_str("</urlset>\n");
    Some(xml.into_bytes())
}

const EPOCH: &str = "1970-01-01T00:00:00Z";

/// A date at any precision as an RFC 3339 timestamp, missing parts taken as the first.
fn rfc3339(t: &Timex) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        t.year(),
        t.month().unwrap_or(1),
        t.day().unwrap_or(1)
    )
}

/// A version-8-style UUID from a hash of the site title and a path: stable across builds,
/// distinct across sites.
fn stable_uuid(title: &str, path: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(title.as_bytes());
    h.update(b"\0");
    h.update(path.as_bytes());
    let b = h.finalize();
    let mut b: [u8; 16] = b.as_bytes()[..16].try_into().unwrap_or([0; 16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_is_stable_and_well_formed() {
        let a = stable_uuid("Site", "articles/a.html");
        assert_eq!(a, stable_uuid("Site", "articles/a.html"));
        assert_ne!(a, stable_uuid("Other", "articles/a.html"));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
    }

    #[test]
    fn sitemap_needs_a_base_url() {
        let pages = vec!["404.html".to_string(), "index.html".to_string()];
        assert!(sitemap(None, &pages).is_none());
        let xml = String::from_utf8(sitemap(Some("https://x.org/s"), &pages).unwrap()).unwrap();
        assert!(
            xml.contains("<loc>https://x.org/s/index.html</loc>"),
            "{xml}"
        );
        assert!(!xml.contains("404"), "{xml}");
    }
}
