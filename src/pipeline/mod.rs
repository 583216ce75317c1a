//! The pipeline, spelled out once: [`analyse`] runs load → parse → annotate → index → notes
//! into an [`Analysis`]; [`emit`] runs render, search and export beside each other into a
//! [`Sink`], scrubbing and link-checking every file on its way. Every command is these two
//! steps: `build` emits into a staging folder and swaps it in, `check` and `serve` emit into
//! memory; they differ only in the sink and in what they do with the problems found.
//!
//! Per-article stages run in parallel with rayon and are collected in input order; all errors
//! of a stage are reported together, sorted by file.

mod stages;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use rayon::prelude::*;

pub use crate::analysis::{Analysis, RenderInput};
use crate::annotate::{Annotator, Lexicon, WordForms};
use crate::cache::{AnalysisCache, CacheStats, Previous, Reuse};
use crate::config::Site;
use crate::diagnostic::Diagnostic;
use crate::ids::{ArticleIx, TiVec};
use crate::linkcheck::{LinkCheck, LinkRecords};
use crate::model::{Article, MentionKind, NotesSource, SourceFile};
use crate::output::{Inputs, Pages, Sink};
use crate::progress::Progress;
use crate::size_guard::SizeTally;
use crate::write::Staging;
use crate::{export, fingerprint, index, load, notes, parse, render, search, write};
pub use stages::Stages;

/// What the command line may override in `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// Output folder instead of `output_dir`.
    pub output: Option<PathBuf>,
    /// Public address instead of `base_url`.
    pub base_url: Option<String>,
    /// Build even when nothing changed since the last build.
    pub force: bool,
    /// Replace invalid UTF-8 in seeds (with a warning) instead of failing.
    pub lossy: bool,
    /// Build even when editorial notes are orphans (listed on `orphans.html`, with a warning).
    pub allow_orphans: bool,
}

/// The numbers a build reports in its summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Articles read.
    pub articles: usize,
    /// Actors configured.
    pub actors: usize,
    /// Date mentions found.
    pub dates: usize,
    /// Actor mentions found.
    pub mentions: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
    /// Where they went.
    pub output: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
    /// Problems that did not stop the build, sorted by file and position, each file named as
    /// the user can open it from where they ran dossier.
    pub warnings: Vec<Diagnostic>,
    /// True when nothing changed since the last build, which was therefore kept as it is.
    pub up_to_date: bool,
    /// Articles the analysis cache gave back, and articles analysed.
    pub cache: CacheStats,
    /// Wall time per stage.
    pub stages: Stages,
}

/// What a command may add to the analysis: a progress bar, and earlier analyses to reuse.
#[derive(Default, Clone, Copy)]
pub struct Hooks<'a> {
    /// Ticked once per article (the command line's bar).
    pub progress: Option<&'a Progress>,
    /// Analyses kept from earlier builds (the analysis cache, [`crate::cache`]).
    pub reuse: Option<&'a dyn Reuse>,
}

/// Loads the site's seeds and analyses them: the whole first half of the pipeline.
pub fn analyse(site: &Site) -> Result<Analysis> {
    let loaded = load::load_sources(&site.seeds_dir(), &site.root)?;
    analyse_loaded(site, loaded, &[], Hooks::default(), &mut Stages::default())
}

/// Parses and annotates loaded sources, builds the cross-article index and anchors the
/// editorial notes. Fails when an article cannot be parsed; the notes' problems are kept in
/// the analysis, for the command to judge ([`crate::notes::NoteProblems`]).
pub fn analyse_loaded(
    site: &Site,
    sources: Vec<SourceFile>,
    notes_files: &[NotesSource],
    hooks: Hooks,
    stages: &mut Stages,
) -> Result<Analysis> {
    let articles: TiVec<ArticleIx, Article> = annotate(site, sources, hooks)?.into();
    stages.lap("parse and annotate");
    let index = index::build(&articles, site.config.actors.len());
    stages.lap("index");
    let settings = crate::cache::key::settings(site);
    let ids = crate::cache::key::ids(articles.iter().map(|a| a.id.as_str()));
    let keys: Vec<crate::cache::Key> = articles
        .raw
        .par_iter()
        .map(|a| crate::cache::key::of_article(site, &settings, &ids, a))
        .collect();
    Ok(with_notes(
        site,
        articles,
        &keys,
        index,
        notes_files,
        stages,
    ))
}

/// An analysis made with the analysis cache, and what the cache did.
pub struct Cached {
    /// The analysis, as [`analyse_loaded`] would make it.
    pub analysis: Analysis,
    /// How many articles were reused.
    pub stats: CacheStats,
    /// Each article's cache key, in article order (`serve` keeps them with the articles).
    pub keys: Vec<crate::cache::Key>,
    /// Why the cache could not be written, when it could not.
    pub warning: Option<Diagnostic>,
}

/// [`analyse_loaded`] with the analysis cache: an article whose analysis `cache` holds, or
/// `previous` (the last analysis, kept in memory by `serve`), is not parsed or annotated
/// again; the cache's files are brought up to date beside the index stage.
pub fn analyse_cached(
    site: &Site,
    sources: Vec<SourceFile>,
    notes_files: &[NotesSource],
    cache: &mut AnalysisCache,
    previous: Previous,
    progress: Option<&Progress>,
    stages: &mut Stages,
) -> Result<Cached> {
    let session = cache.begin(site, &sources, previous);
    stages.lap("read cache");
    let hooks = Hooks {
        progress,
        reuse: Some(&session),
    };
    let articles: TiVec<ArticleIx, Article> = annotate(site, sources, hooks)?.into();
    stages.lap("parse and annotate");
    let (index, (stats, keys, warning)) = rayon::join(
        || index::build(&articles, site.config.actors.len()),
        || cache.finish(session, &articles.raw),
    );
    stages.lap("index, write cache");
    Ok(Cached {
        analysis: with_notes(site, articles, &keys, index, notes_files, stages),
        stats,
        keys,
        warning: warning.map(|w| Diagnostic::warning(None, w)),
    })
}

/// The last analysis step: anchors the editorial notes.
fn with_notes(
    site: &Site,
    articles: TiVec<ArticleIx, Article>,
    keys: &[crate::cache::Key],
    index: index::SiteIndex,
    notes_files: &[NotesSource],
    stages: &mut Stages,
) -> Analysis {
    let digests = articles
        .iter()
        .zip(keys)
        .map(|(a, k)| crate::cache::key::digest(k, a.corpus_digest))
        .collect();
    let names = notes::refs::Names {
        actors: &site.config.actors,
        articles: &articles,
        index: &index,
    };
    let attached = notes::attach(names, notes_files);
    stages.lap("notes");
    Analysis {
        articles,
        index,
        notes: attached.notes,
        note_problems: attached.problems,
        digests,
    }
}

/// Parses and annotates sources, in parallel, reporting every failing file at once.
pub fn annotate(site: &Site, sources: Vec<SourceFile>, hooks: Hooks) -> Result<Vec<Article>> {
    let annotator = Annotator::new(&site.config.actors)?;
    if let Some(p) = hooks.progress {
        p.set_total(sources.len());
    }
    // The corpus pass: what all articles show about their words, a small input to each
    // article's annotation; a cached analysis is reused only while its share is unchanged.
    // One reading of each source; only its capitalised words are kept past the merge.
    let (lexicon, mut capitalised) = sources
        .par_iter()
        .enumerate()
        .fold(
            || (Lexicon::default(), Vec::new()),
            |(mut lexicon, mut keys), (i, file)| {
                let forms = WordForms::of(&file.text);
                keys.push((i, forms.capitalised()));
                lexicon.add(&forms);
                (lexicon, keys)
            },
        )
        .reduce(
            || (Lexicon::default(), Vec::new()),
            |(a, mut ka), (b, kb)| {
                ka.extend(kb);
                (a.merge(b), ka)
            },
        );
    capitalised.sort_unstable_by_key(|(i, _)| *i);
    let ids: std::collections::BTreeSet<String> = sources.iter().map(|s| s.id.clone()).collect();
    let capitalised: Vec<Vec<u64>> = capitalised.into_iter().map(|(_, keys)| keys).collect();
    let results: Vec<Result<Article>> = sources
        .into_par_iter()
        .zip(capitalised)
        .enumerate()
        .map(|(i, (file, capitalised))| {
            let digest = lexicon.digest_of(&capitalised);
            let file = match hooks.reuse {
                Some(reuse) => match reuse.take(i, file, digest) {
                    Ok(article) => return Ok(article),
                    Err(file) => file,
                },
                None => file,
            };
            parse::parse_article_in(file, &site.config, Some(&ids)).map(|a| {
                let mut a = annotator.annotate_in(a, &lexicon);
                a.corpus_digest = digest;
                a
            })
        })
        .inspect(|_| {
            if let Some(p) = hooks.progress {
                p.tick();
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.extend(
                crate::diagnostic::of_error(&e)
                    .into_iter()
                    .map(|d| d.shown_through(|f| site.shown(f))),
            ),
        }
    }
    errors.extend(site.unknown_article_tables(articles.iter().map(|a| a.id.as_str())));
    if !errors.is_empty() {
        return Err(crate::diagnostic::Diagnostics::sorted(errors).into());
    }
    Ok(articles)
}

/// The second half of the pipeline: renders every page, builds the search index and writes
/// the exports into `sink`, side by side on the thread pool. Every file is scrubbed of
/// characters HTML forbids and recorded for the link check, which the returned [`LinkCheck`]
/// finishes once the caller can read the files back.
pub fn emit(input: &RenderInput, sink: &dyn Sink) -> Result<LinkCheck> {
    emit_measured(input, sink, &SizeTally::default())
}

/// [`emit`], counting every file's bytes into `sizes` for the size guard.
pub fn emit_measured(input: &RenderInput, sink: &dyn Sink, sizes: &SizeTally) -> Result<LinkCheck> {
    emit_reusing(input, sink, sizes, LinkCheck::default())
}

/// [`emit_measured`] with a link check that holds the last build's records (see
/// [`LinkCheck::with_previous`]), so that pages the sink keeps need not be made again.
pub fn emit_reusing(
    input: &RenderInput,
    sink: &dyn Sink,
    sizes: &SizeTally,
    check: LinkCheck,
) -> Result<LinkCheck> {
    let sink = Checked {
        check: &check,
        sizes,
        inner: sink,
    };
    let site = input.site;
    // The search index and the export need no page: built beside rendering, they fill the
    // moments a core would wait in it.
    let (rendered, (searched, exported)) = rayon::join(
        || render::render_site(input, &sink),
        || {
            rayon::join(
                || {
                    search::search_files(input)
                        .into_iter()
                        .try_for_each(|(path, bytes)| sink.put(path, bytes))
                },
                || {
                    export::write_export_reusing(
                        &site.config,
                        &input.articles.raw,
                        input.index,
                        Some(input.digests),
                        &sink,
                    )
                },
            )
        },
    );
    rendered?;
    searched?;
    exported?;
    sink.put(
        "data/notes.jsonld".into(),
        export::notes_jsonld(&site.config, input.names(), input.notes),
    )?;
    Ok(check)
}

/// [`emit`] into memory: the whole site, and its broken internal links as "page: link
/// (reason)" lines (`check`, `serve`, tests).
pub fn emit_to_memory(input: &RenderInput) -> Result<(Pages, Vec<String>)> {
    let pages = Mutex::new(Pages::new());
    let check = emit(input, &pages)?;
    let pages = pages
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?;
    let broken = check.broken(&|path| pages.get(path).cloned());
    Ok((pages, broken))
}

/// The error policy of `build` and `serve`: notes errors (and orphans, unless allowed) fail,
/// with every problem at once; else the warnings to print.
pub fn judge_notes(
    site: &Site,
    analysis: &mut Analysis,
    allow_orphans: bool,
) -> Result<Vec<Diagnostic>> {
    std::mem::take(&mut analysis.note_problems).into_result(allow_orphans, |f| site.shown(f))
}

/// Every warning of a build that did not fail — the load stage's, the articles', the notes'
/// and the actors no article mentions — sorted by file and position, each as printed after
/// "warning: ".
pub fn warnings(
    site: &Site,
    load: &[Diagnostic],
    analysis: &Analysis,
    notes: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut all = load.to_vec();
    all.extend(
        analysis
            .articles
            .iter()
            .flat_map(|a| a.warnings.iter().cloned()),
    );
    all.extend(notes);
    all.extend(site.unmentioned_actors(analysis.index.actors.iter().map(|a| a.mentions)));
    crate::diagnostic::sort(&mut all);
    all.into_iter()
        .map(|d| d.shown_through(|f| site.shown(f)))
        .collect()
}

/// The error policy of `build` and `serve` for links: any broken internal link fails.
pub fn fail_on_broken(broken: Vec<String>) -> Result<()> {
    if broken.is_empty() {
        return Ok(());
    }
    bail!(
        "{} in the output; nothing was written:\n  {}",
        crate::diagnostic::count(broken.len(), "broken internal link"),
        broken.join("\n  ")
    )
}

/// The sink every emitted file passes through: scrubbed, recorded for the link check, then
/// handed to the command's own sink.
struct Checked<'a> {
    check: &'a LinkCheck,
    sizes: &'a SizeTally,
    inner: &'a dyn Sink,
}

impl Sink for Checked<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        let bytes = crate::scrub::html_page(&path, bytes);
        self.check.record(&path, &bytes);
        self.sizes.add(&path, bytes.len() as u64);
        self.inner.put(path, bytes)
    }

    fn put_made_from(&self, path: String, bytes: Vec<u8>, inputs: Inputs) -> Result<()> {
        let bytes = crate::scrub::html_page(&path, bytes);
        self.check.record_made(&path, &bytes, inputs);
        self.sizes.add(&path, bytes.len() as u64);
        self.inner.put_made_from(path, bytes, inputs)
    }

    /// Kept only when the link check still has the last build's record of the page, so a
    /// reused page's links are checked and its ids linked to like a made one's.
    fn reuse(&self, path: &str, inputs: Inputs) -> Result<Option<u64>> {
        if !self.check.can_restore(path, inputs) {
            return Ok(None);
        }
        let kept = self.inner.reuse(path, inputs)?;
        if let Some(len) = kept {
            self.check.restore(path);
            self.sizes.add(path, len);
        }
        Ok(kept)
    }

    fn put_streamed(
        &self,
        path: String,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        // Streamed files are data, never pages: they are linked to, and link nowhere.
        self.check.record(&path, &[]);
        let mut written = 0u64;
        let sized = path.clone();
        self.inner.put_streamed(path, &mut |out| {
            let mut counting = Counting {
                inner: out,
                written: &mut written,
            };
            fill(&mut counting)
        })?;
        self.sizes.add(&sized, written);
        Ok(())
    }
}

/// A writer that counts the bytes passed through it (the size of a streamed file).
struct Counting<'a> {
    inner: &'a mut dyn std::io::Write,
    written: &'a mut u64,
}

impl std::io::Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        *self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Builds the site described by the config at `config_path`.
pub fn build(config_path: &Path, options: &BuildOptions) -> Result<BuildReport> {
    build_with(config_path, options, None)
}

/// [`build`], reporting per-article progress to `progress` (the command line's bar).
pub fn build_with(
    config_path: &Path,
    options: &BuildOptions,
    progress: Option<&Progress>,
) -> Result<BuildReport> {
    let started = Instant::now();
    let mut stages = Stages::default();
    stages.start();
    let mut site = Site::load(config_path)?;
    if let Some(base) = &options.base_url {
        crate::config::check_base_url(base).map_err(|e| anyhow::anyhow!("--base-url: {e}"))?;
        site.config.base_url = Some(base.clone());
    }
    let output = options.output.clone().unwrap_or_else(|| site.output_dir());
    guard_output(&site, &output)?;
    let loaded = load::load_sources_with(&site.seeds_dir(), &site.root, options.lossy)?;
    let (sources, notes_files) = (loaded.sources, loaded.notes);
    let load_warnings = loaded.warnings;
    stages.lap("load");
    let options_key = format!("{:?} {}", site.config.base_url, options.allow_orphans);
    let inputs = fingerprint::inputs(&site, &sources, &notes_files, &options_key);
    stages.lap("fingerprint");
    if !options.force {
        if let Some(files) = write::up_to_date(&output, &inputs) {
            return Ok(BuildReport {
                articles: sources.len(),
                actors: site.config.actors.len(),
                dates: 0,
                mentions: 0,
                pages: 0,
                files,
                output,
                elapsed: started.elapsed(),
                warnings: load_warnings
                    .iter()
                    .map(|d| d.clone().shown_through(|f| site.shown(f)))
                    .collect(),
                up_to_date: true,
                cache: CacheStats::default(),
                stages,
            });
        }
    }
    let mut cache = AnalysisCache::of_site(&site);
    let cached = analyse_cached(
        &site,
        sources,
        &notes_files,
        &mut cache,
        Previous::default(),
        progress,
        &mut stages,
    )?;
    let mut analysis = cached.analysis;
    let note_warnings = judge_notes(&site, &mut analysis, options.allow_orphans)?;
    let written = write_site(&site, &analysis, &output, &inputs, &mut stages)?;
    let (files, pages) = (written.files, written.pages);
    let articles = &analysis.articles;
    let count = |pred: fn(&MentionKind) -> bool| {
        articles
            .iter()
            .flat_map(|a| &a.mentions)
            .filter(|m| pred(&m.kind))
            .count()
    };
    let report = BuildReport {
        articles: articles.len(),
        actors: site.config.actors.len(),
        dates: count(|k| matches!(k, MentionKind::Date { .. })),
        mentions: count(|k| matches!(k, MentionKind::Actor(_))),
        pages,
        files: files + 1,
        output,
        elapsed: started.elapsed(),
        warnings: warnings(&site, &load_warnings, &analysis, note_warnings)
            .into_iter()
            .chain(cached.warning)
            .chain(written.warnings)
            .collect(),
        up_to_date: false,
        cache: cached.stats,
        stages,
    };
    // Freeing millions of mentions takes a tenth of a second at 10,000 articles, on one core,
    // after the site is written. A thread of its own does it: `serve` gets the memory back all
    // the same, and a one-off build exits without waiting for it.
    std::thread::spawn(move || drop(analysis));
    Ok(report)
}

/// What [`write_site`] wrote.
pub struct Written {
    /// Files written, the manifest aside.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
    /// The size guard's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Renders and exports `analysis` into a staging folder beside `output`, keeping every file
/// the last build made from the same inputs, checks the links and swaps the folder in (a
/// failed build leaves `output` as it was); `inputs` is the fingerprint the manifest records.
pub fn write_site(
    site: &Site,
    analysis: &Analysis,
    output: &Path,
    inputs: &str,
    stages: &mut Stages,
) -> Result<Written> {
    write_site_keeping(site, analysis, output, inputs, stages, Links::Cached).map(|(w, _)| w)
}

/// Where [`write_site_keeping`] finds the last build's link records and what it does with
/// this build's.
pub enum Links {
    /// Read from the site's cache, and this build's saved there.
    Cached,
    /// Read from the site's cache, this build's saved there and handed back (a first `serve`
    /// build).
    CachedAndKept,
    /// Given (`serve` keeps them between rebuilds), this build's handed back and not saved.
    Kept(LinkRecords),
}

/// [`write_site`], with the link check's records of the last build given or read as `links`
/// says; returns this build's records when `links` asks to keep them (empty otherwise).
pub fn write_site_keeping(
    site: &Site,
    analysis: &Analysis,
    output: &Path,
    inputs: &str,
    stages: &mut Stages,
    links: Links,
) -> Result<(Written, LinkRecords)> {
    let staging = Staging::begin(output)?;
    let sizes = SizeTally::default();
    let pages_dir = crate::cache::pages_dir(site);
    let identity = crate::cache::key::identity();
    let (previous, save, keep) = match links {
        Links::Cached => (
            crate::cache::links::read(&pages_dir, &identity),
            true,
            false,
        ),
        Links::CachedAndKept => (crate::cache::links::read(&pages_dir, &identity), true, true),
        Links::Kept(records) => (records, false, true),
    };
    let check = LinkCheck::with_previous(previous);
    let check = emit_reusing(&analysis.input(site), &staging, &sizes, check)?;
    stages.lap("render and export");
    fail_on_broken(check.broken(&|path| staging.read(path)))?;
    stages.lap("check links");
    let (files, pages) = check.counts();
    // The link records are only a copy of what a build can recompute: a record that cannot be
    // saved makes the next build make those pages again. Saved beside the swap.
    let (finished, records) = rayon::join(
        || staging.finish(inputs),
        || {
            let records = check.records();
            if save {
                let _ = crate::cache::links::write(&pages_dir, &identity, &records);
            }
            if keep {
                records
            } else {
                LinkRecords::new()
            }
        },
    );
    finished?;
    stages.lap("swap");
    Ok((
        Written {
            files,
            pages,
            warnings: sizes.warnings(),
        },
        records,
    ))
}

/// The output folder is replaced wholesale, so it must never be (or hold) the sources.
fn guard_output(site: &Site, output: &Path) -> Result<()> {
    // Lexically resolved, so `output_dir = ".."` is seen to contain the project.
    let abs = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let (out, seeds, root) = (abs(output), abs(&site.seeds_dir()), abs(&site.root));
    if root.starts_with(&out) || seeds.starts_with(&out) {
        bail!(
            "output folder {} would replace the site's own files (it is or contains {}); choose another output_dir",
            output.display(),
            if root.starts_with(&out) { "the project folder" } else { "the seeds folder" }
        );
    }
    Ok(())
}
