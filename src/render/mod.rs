//! Render stage: turns the annotated articles and the index into pages, in memory.
//!
//! Render only reads the analysis ([`RenderInput`]) and hands each page to a [`Sink`] as soon
//! as it is made; the pipeline's `emit` runs it beside search and export. Articles render in
//! parallel; every file has its own path, so the output is byte-identical whatever the thread
//! count.

mod body;
mod deps;
mod deps_lists;
mod deps_timeline;
pub mod entities;
mod events;
pub mod feeds;
mod highlight;
mod kwic;
mod kwic_group;
mod markup;
pub mod notes;
mod pages;
pub mod paging;
pub mod templates;
mod timeline_pages;
mod timeline_svg;
mod views;

pub use crate::analysis::RenderInput;
/// Escaping, for the render modules.
pub(crate) use crate::html::escape;
pub use crate::output::{Pages, Sink};
/// The URL scheme, under the name the render modules know it by.
pub(crate) use crate::routes as links;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::ids::ArticleIx;

/// What every page's base template needs.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    has_code: bool,
    /// The site has editorial notes: the footer links their export.
    has_notes: bool,
    /// Some notes are orphans (an `--allow-orphans` build): the footer links their page.
    has_orphans: bool,
}

/// Renders every page and static file of the site into `sink`, each as soon as it is made.
pub fn render_site(input: &RenderInput, sink: &dyn Sink) -> Result<()> {
    // Notes the page paths on their way through, for the sitemap.
    let recorder = feeds::Recorder::new(sink);
    let sink: &dyn Sink = &recorder;
    let templates = templates::load(&input.site.root)?;
    // Mention groups are always written by `kwic_group.rs`; a site's own `actor.html` also
    // gets them as data.
    let actor_groups_as_data = !templates.all_builtin(&["actor.html"]);
    let has_code = input.articles.iter().any(|a| {
        a.blocks
            .iter()
            .any(|b| matches!(b.kind, crate::model::BlockKind::Code { .. }))
    }) || input.notes.has_code;
    let r = Renderer {
        tera: &templates.tera,
        input,
        has_code,
        site_inputs: deps::site_inputs(input, templates.digest, has_code),
        sink,
    };
    let put = |(path, ctx, template): Made| r.finish(&path, template, ctx);
    (0..input.articles.len())
        .into_par_iter()
        .map(ArticleIx::from)
        .try_for_each(|i| {
            let links = pages::entity_links(input, i);
            let path = crate::routes::article_path(&input.articles[i].id);
            let deps = deps::article_page(input, r.site_inputs, i, &links);
            if let Some(d) = &deps {
                if sink.reuse(&path, d.finish())?.is_some() {
                    return Ok(());
                }
            }
            let made = r.page(&path, "article.html", |root| {
                pages::article(input, i, root, &links)
            })?;
            match deps {
                Some(d) => r.render(&made.0, made.2, &made.1, Some(d.finish())),
                None => put(made),
            }
        })?;
    // Every (actor, part) pair is one page; busy actors have several.
    let actor_parts: Vec<Vec<std::ops::Range<usize>>> = (0..input.site.config.actors.len())
        .map(|id| pages::actor_parts(input, id.into()))
        .collect();
    let actor_pages: Vec<(usize, usize)> = actor_parts
        .iter()
        .enumerate()
        .flat_map(|(id, parts)| (0..parts.len()).map(move |p| (id, p)))
        .collect();
    // What every part of an actor's page reads of the timeline, digested once per actor.
    let actor_timelines: Vec<std::sync::OnceLock<crate::output::Inputs>> =
        (0..actor_parts.len()).map(|_| Default::default()).collect();
    // An actor's graphic is the same on each of its parts: drawn once per depth (the first part
    // sits in actors/, the others one folder deeper), and only when a part is made.
    let actor_graphics: Vec<[std::sync::OnceLock<String>; 2]> =
        (0..actor_parts.len()).map(|_| Default::default()).collect();
    actor_pages.into_par_iter().try_for_each(|(id, part)| {
        let first = crate::routes::actor_path(&input.site.config.actors[id].id);
        let path = paging::part_path(&first, part);
        let timeline =
            *actor_timelines[id].get_or_init(|| deps_lists::actor_timeline(input, id.into()));
        let deps = deps_lists::actor_page(
            input,
            r.site_inputs,
            id.into(),
            &actor_parts[id],
            part,
            timeline,
        );
        let inputs = deps.finish();
        if sink.reuse(&path, inputs)?.is_some() {
            return Ok(());
        }
        let depth = usize::from(part > 0);
        let graphic = actor_graphics[id][depth]
            .get_or_init(|| pages::actor_graphic(input, id.into(), ["../", "../../"][depth]));
        let made = r.page(&path, "actor.html", |root| {
            pages::actor(
                input,
                id.into(),
                &actor_parts[id],
                part,
                root,
                graphic,
                actor_groups_as_data,
            )
        })?;
        r.render(&made.0, made.2, &made.1, Some(inputs))
    })?;
    let home_parts = pages::home_parts(input);
    let periods = &input.index.periods.pages;
    // The home list's parts, the timeline's overview (`None`) and its period pages.
    let lists: Vec<(&str, usize, Option<usize>)> = (0..home_parts.len())
        .map(|p| ("index.html", p, None))
        .chain(std::iter::once(("timeline.html", 0, None)))
        .chain((0..periods.len()).map(|p| ("timeline.html", 0, Some(p))))
        .collect();
    lists
        .into_par_iter()
        .try_for_each(|(first, part, period)| {
            let path = match period {
                Some(p) => periods[p].path.clone(),
                None => paging::part_path(first, part),
            };
            if let Some(p) = period {
                let inputs = deps_timeline::period_page(input, r.site_inputs, p).finish();
                if sink.reuse(&path, inputs)?.is_some() {
                    return Ok(());
                }
                let made = r.page(&path, first, |root| timeline_pages::period(input, p, root))?;
                return r.render(&made.0, made.2, &made.1, Some(inputs));
            }
            put(r.page(&path, first, |root| match (first, period) {
                ("index.html", _) => pages::home(input, &home_parts, part, root),
                _ => timeline_pages::overview(input, root, &timeline_pages::graphic(input, root)),
            })?)
        })?;
    let listed = entities::listed(&input.index.entities);
    put(r.page("entities.html", "entities.html", |root| {
        Ok(entities::index_page(input, &listed, root))
    })?)?;
    (0..listed.len())
        .into_par_iter()
        .filter(|&i| listed[i])
        .try_for_each(|i| {
            let path = entities::entity_path(&input.index.entities.entities[i].id);
            let inputs = deps_lists::entity_page(input, r.site_inputs, i).finish();
            if sink.reuse(&path, inputs)?.is_some() {
                return Ok(());
            }
            let made = r.page(&path, "entity.html", |root| {
                Ok(entities::entity_page(input, i, root))
            })?;
            r.render(&made.0, made.2, &made.1, Some(inputs))
        })?;
    put(r.page("search.html", "search.html", |_| {
        let mut ctx = Context::new();
        ctx.insert("page_title", "Search");
        Ok(ctx)
    })?)?;
    if !input.notes.orphans.is_empty() {
        put(r.page("orphans.html", "orphans.html", |root| {
            let mut ctx = Context::new();
            ctx.insert("page_title", "Orphaned editorial notes");
            let groups = notes::orphan_groups(&input.notes.orphans, input.names(), root);
            ctx.insert("groups", &groups);
            ctx.insert("count", &input.notes.orphans.len());
            Ok(ctx)
        })?)?;
    }
    put(r.page("404.html", "404.html", |root| {
        Ok(pages::not_found(input, root))
    })?)?;
    for file in templates::static_files(&input.site.root)? {
        sink.put(file.0, file.1)?;
    }
    let highlight = if has_code {
        highlight::stylesheet()
    } else {
        String::new()
    };
    sink.put("static/highlight.css".into(), highlight.into_bytes())?;
    sink.put(".nojekyll".into(), Vec::new())?;
    recorder.put_feeds(input)
}

struct Renderer<'a> {
    tera: &'a Tera,
    input: &'a RenderInput<'a>,
    has_code: bool,
    /// What every page is made from ([`deps::site_inputs`]).
    site_inputs: crate::output::Inputs,
    sink: &'a dyn Sink,
}

/// A page ready to render: its path, its variables and its template.
type Made = (String, Context, &'static str);

/// Starting size of a page's buffer: an article page of the bench corpus is 35–50 kB.
const PAGE_BUFFER: usize = 64 * 1024;

impl Renderer<'_> {
    /// Hands a page made without a deps function to the sink: what it is made from is its
    /// template and its variables, so the last build's copy is kept when those hash the same.
    fn finish(&self, path: &str, template: &'static str, ctx: Context) -> Result<()> {
        let mut d = deps::Deps::new(self.site_inputs, template);
        d.view(&ctx.clone().into_json());
        let inputs = d.finish();
        if self.sink.reuse(path, inputs)?.is_some() {
            return Ok(());
        }
        self.render(path, template, &ctx, Some(inputs))
    }

    /// Renders `template` with `ctx` and hands the page to the sink, made from `inputs`.
    fn render(
        &self,
        path: &str,
        template: &str,
        ctx: &Context,
        inputs: Option<crate::output::Inputs>,
    ) -> Result<()> {
        // Into a buffer the size of an article page: `Tera::render` starts at 2 kB, regrows
        // a page of hundreds of kilobytes many times, then validates it as UTF-8 again.
        let mut html = Vec::with_capacity(PAGE_BUFFER);
        self.tera.render_to(template, ctx, &mut html).map_err(|e| {
            anyhow::anyhow!("rendering {path} with {template}: {}", templates::chain(&e))
        })?;
        match inputs {
            Some(i) => self.sink.put_made_from(path.to_string(), html, i),
            None => self.sink.put(path.to_string(), html),
        }
    }

    /// The variables of the page at `path` with template `template`; `fill` adds the page's
    /// own variables.
    fn page(
        &self,
        path: &str,
        template: &'static str,
        fill: impl FnOnce(&str) -> Result<Context>,
    ) -> Result<Made> {
        let config = &self.input.site.config;
        // The 404 page is served at any depth, so it links from the site's address when known.
        let root = match (path, &config.base_url) {
            ("404.html", Some(base)) => format!("{}/", base.trim_end_matches('/')),
            _ => crate::routes::root_for(path),
        };
        let mut ctx = fill(&root)?;
        let site = SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            has_code: self.has_code,
            has_notes: self.input.notes.files > 0,
            has_orphans: !self.input.notes.orphans.is_empty(),
        };
        ctx.insert("site", &site);
        ctx.insert("root", &root);
        ctx.insert("path", path);
        let canonical = config
            .base_url
            .as_ref()
            .map(|b| format!("{}/{}", b.trim_end_matches('/'), path));
        ctx.insert("canonical", &canonical);
        Ok((path.to_string(), ctx, template))
    }
}
