//! The rebuild loop: one background thread waits for file changes, rebuilds in memory with the
//! analysis cache, and publishes the result, so requests are never blocked by a build.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};

use super::state::State;
use super::watch::Watcher;
use crate::cache::{AnalysisCache, CacheStats, Previous};
use crate::config::Site;
use crate::diagnostic::Diagnostic;
use crate::{load, pipeline};

/// The folder of the site's cache that `serve` builds into and serves from.
pub const SERVE_DIR: &str = "serve";

/// Rebuilds the site from the configuration, keeping article analyses between builds.
pub struct Builder {
    config: PathBuf,
    /// The site's analysis cache, opened at the first build.
    cache: Option<AnalysisCache>,
    /// The last good analysis's articles, moved into the next analysis.
    previous: Previous,
    /// The last good build's link records (its pages' links and ids), so that a rebuild
    /// neither reads nor writes them in the site's cache; `None` before the first build.
    links: Option<crate::linkcheck::LinkRecords>,
    /// The last good build's warnings: a rebuild prints only new ones.
    warned: Vec<Diagnostic>,
    /// Print errors only, no rebuild lines or warnings.
    quiet: bool,
    /// Orphaned editorial notes are warnings, not errors.
    allow_orphans: bool,
}

/// A complete site and what its build did.
pub struct Built {
    /// The folder it was built into.
    pub root: PathBuf,
    /// How many files it has.
    pub files: usize,
    /// The configuration it was built from (the watcher follows its folders).
    pub site: Site,
    /// How many articles were reused and analysed.
    pub stats: CacheStats,
    /// Problems that did not stop the build, in article order.
    pub warnings: Vec<Diagnostic>,
}

impl Builder {
    /// A builder with an empty cache.
    pub fn new(config: &Path, quiet: bool, allow_orphans: bool) -> Self {
        // Every rebuild is of the same site: the search index keeps its documents' terms.
        crate::search::keep_terms();
        Self {
            config: config.to_path_buf(),
            cache: None,
            previous: Previous::default(),
            links: None,
            warned: Vec::new(),
            quiet,
            allow_orphans,
        }
    }

    /// The same stages as `dossier build`: load, parse and annotate (only the changed
    /// articles), index, notes, render and link-check, into a folder of the site's cache
    /// ([`SERVE_DIR`]) where pages whose inputs did not change are kept from the last build.
    pub fn build(&mut self) -> Result<Built> {
        let site = Site::load(&self.config)?;
        let loaded = load::load_sources_with(&site.seeds_dir(), &site.root, false)?;
        let cache = self
            .cache
            .get_or_insert_with(|| AnalysisCache::of_site(&site));
        let cached = pipeline::analyse_cached(
            &site,
            loaded.sources,
            &loaded.notes,
            cache,
            std::mem::take(&mut self.previous),
            None,
            &mut pipeline::Stages::default(),
        )?;
        let (mut analysis, stats) = (cached.analysis, cached.stats);
        let note_warnings = pipeline::judge_notes(&site, &mut analysis, self.allow_orphans)?;
        let root = site.root.join(crate::cache::DIR).join(SERVE_DIR);
        let links = match self.links.take() {
            Some(records) => pipeline::Links::Kept(records),
            None => pipeline::Links::CachedAndKept,
        };
        let (written, records) = pipeline::write_site_keeping(
            &site,
            &analysis,
            &root,
            "serve",
            &mut pipeline::Stages::default(),
            links,
        )?;
        self.links = Some(records);
        let warnings = pipeline::warnings(&site, &loaded.warnings, &analysis, note_warnings)
            .into_iter()
            .chain(cached.warning)
            .collect();
        self.previous = Previous {
            articles: analysis.articles.into(),
            keys: cached.keys,
        };
        Ok(Built {
            root,
            files: written.files + 1,
            site,
            stats,
            warnings,
        })
    }
}

/// Builds once and publishes the site or the error, printing the outcome like every rebuild.
pub fn first_build(builder: &mut Builder, state: &State) -> Option<Site> {
    build_and_publish(builder, state)
}

/// Starts the rebuild thread; it owns the watcher and follows the folders the current
/// configuration names.
pub fn spawn(builder: Builder, watcher: Watcher, state: Arc<State>) -> Result<()> {
    std::thread::Builder::new()
        .name("dossier-rebuild".into())
        .spawn(move || rebuild_loop(builder, watcher, &state))
        .context("cannot start the rebuild thread")?;
    Ok(())
}

fn rebuild_loop(mut builder: Builder, mut watcher: Watcher, state: &State) {
    let changes: Receiver<()> = watcher.changes();
    while changes.recv().is_ok() {
        // Editors save in bursts: everything already queued is covered by this build.
        while changes.try_recv().is_ok() {}
        if let Some(site) = build_and_publish(&mut builder, state) {
            watcher.follow(&site);
        }
    }
}

fn build_and_publish(builder: &mut Builder, state: &State) -> Option<Site> {
    let started = Instant::now();
    match builder.build() {
        Ok(built) => {
            let pages = built.files;
            state.publish(built.root.clone());
            if builder.quiet {
                return Some(built.site);
            }
            for w in built
                .warnings
                .iter()
                .filter(|w| !builder.warned.contains(w))
            {
                eprintln!("{w}");
            }
            builder.warned = built.warnings;
            println!(
                "built {} ({} analysed, {} reused) in {} ms",
                crate::diagnostic::count(pages, "file"),
                crate::diagnostic::count(built.stats.analysed, "article"),
                built.stats.reused,
                started.elapsed().as_millis()
            );
            Some(built.site)
        }
        Err(e) => {
            // The terminal and the overlay show the same lines as `dossier build`.
            let problems = crate::diagnostic::of_error(&e);
            let message = crate::diagnostic::Diagnostics(problems).to_string();
            eprintln!("{message}");
            if state.site().generation > 0 {
                eprintln!("still serving the last good site; fix the error and save to rebuild.");
            } else {
                eprintln!("no site to serve yet; fix the error and save to build it.");
            }
            state.fail(message);
            None
        }
    }
}
