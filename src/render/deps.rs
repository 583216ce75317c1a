//! Render stage, dependencies: what each page is made from, condensed into one digest, so a
//! build can keep the last build's copy of every page whose digest did not change instead of
//! making it again (the sink decides, see [`crate::output::Sink::reuse`]).
//!
//! The mechanism is generic: a page type that can say what it reads gives [`Deps`] to
//! `Renderer::put_page`; one that cannot (yet) gives none and is always made, which is never
//! wrong, only slower. Every digest starts from [`site_inputs`] — the binary, the settings
//! (all of `site.toml` but the per-article tables), the templates and the site-wide flags —
//! and adds what the page reads of the analysis: the [digest](crate::analysis::Analysis::digests)
//! of each article it shows something of, and the index-derived facts it shows (neighbours,
//! related articles, link targets on paged pages, counts). The rule for a page's deps function:
//! **every value the page's context is built from must be fed to its digest**, directly or as
//! part of something fed; `tests/integration/incremental.rs` builds after many kinds of edit
//! and compares with a clean build byte for byte.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3Default;

use super::body::EntityLink;
use super::RenderInput;
use crate::config::SiteConfig;
use crate::ids::ArticleIx;
use crate::output::Inputs;

/// A digest in the making: what one page is made from.
pub struct Deps(Xxh3Default);

impl Deps {
    /// The digest of a page of kind `kind` (its template), on top of the site's inputs.
    pub fn new(site: Inputs, kind: &str) -> Self {
        let mut d = Deps(Xxh3Default::new());
        d.inputs(site);
        d.str(kind);
        d
    }

    /// A number.
    pub fn num(&mut self, n: usize) -> &mut Self {
        self.0.update(&(n as u64).to_le_bytes());
        self
    }

    /// A string (length-prefixed, so consecutive strings cannot run together).
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.num(s.len());
        self.0.update(s.as_bytes());
        self
    }

    /// A value by its `Hash` (digests stay on the machine that made them, so the platform's
    /// byte order in `Hash` is no concern).
    pub fn hashed(&mut self, v: &impl std::hash::Hash) -> &mut Self {
        v.hash(&mut self.0);
        self
    }

    /// Another digest.
    pub fn inputs(&mut self, i: Inputs) -> &mut Self {
        self.0.update(&i.to_le_bytes());
        self
    }

    /// Everything article `a`'s analysis holds: its text, metadata, blocks and mentions.
    pub fn article(&mut self, input: &RenderInput, a: ArticleIx) -> &mut Self {
        self.num(a.get())
            .str(&input.index.section_anchors[a])
            .inputs(input.digests[a.get()])
    }

    /// A value as a template would see it (its JSON).
    pub fn view(&mut self, v: &impl Serialize) -> &mut Self {
        let mut w = Writer(&mut self.0);
        // A view that fails to serialise fails the page's rendering too; its digest just
        // stops where the error came.
        let _ = serde_json::to_writer(&mut w, v);
        self.str("")
    }

    /// The digest.
    pub fn finish(&self) -> Inputs {
        self.0.digest128()
    }
}

struct Writer<'a>(&'a mut Xxh3Default);

impl std::io::Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What every page is made from: the binary, the settings but the per-article tables (each
/// article's own reaches only its digest), the templates, and the flags of the site view.
pub fn site_inputs(input: &RenderInput, templates: Inputs, has_code: bool) -> Inputs {
    let SiteConfig {
        title,
        description,
        language,
        base_url,
        output_dir,
        seeds_dir,
        feed_limit,
        articles: _,
        // Positions in site.toml reach messages only, never a page.
        spans: _,
        actors,
    } = &input.site.config;
    let mut d = Deps(Xxh3Default::new());
    d.0.update(&crate::cache::key::identity());
    d.str(title).str(description).str(language);
    d.str(base_url.as_deref().unwrap_or("\u{0}"));
    d.str(&output_dir.to_string_lossy());
    d.str(&seeds_dir.to_string_lossy());
    d.num(*feed_limit);
    d.str(&format!("{actors:?}"));
    d.inputs(templates);
    d.num(usize::from(has_code));
    d.num(input.notes.files);
    d.num(input.notes.orphans.len());
    d.finish()
}

/// An article's page: the article, the entity pages and timeline parts its mentions link to,
/// its related articles and neighbours. `None` for an article with editorial notes, whose
/// references reach across the site: such pages are always made.
pub fn article_page(
    input: &RenderInput,
    site: Inputs,
    i: ArticleIx,
    entity_links: &[Option<EntityLink>],
) -> Option<Deps> {
    if !input.notes.of(i).is_empty() || input.notes.orphans_of(i) > 0 {
        return None;
    }
    let mut d = Deps::new(site, "article");
    d.article(input, i);
    for link in entity_links {
        match link {
            Some(l) => d.str(l.id).str(l.section.unwrap_or("\u{0}")),
            None => d.str("\u{0}"),
        };
    }
    // Where each date links on the timeline, written as the page writes it.
    let links = &input.index.periods.links;
    for (&m, &entry) in &input.index.entry_of[i] {
        d.num(m.get()).str(links.target(entry));
    }
    let card = |d: &mut Deps, o: ArticleIx| {
        d.str(&input.articles[o].id)
            .str(&input.articles[o].meta.title);
    };
    let related = &input.index.related[i];
    d.num(related.len());
    for &o in related {
        card(&mut d, o);
    }
    let pos = input.index.rank[i];
    let order = &input.index.order;
    for n in [
        pos.checked_sub(1).and_then(|p| order.get(p)),
        order.get(pos + 1),
    ] {
        match n {
            Some(&o) => card(d.num(1), o),
            None => {
                d.num(0);
            }
        }
    }
    Some(d)
}
