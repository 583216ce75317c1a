//! The pipeline: load → parse → annotate → index → render → check → write, in that order.
//!
//! Per-article stages run in parallel with rayon and are collected in input order; all errors
//! of a stage are reported together, sorted by file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use rayon::prelude::*;

use crate::annotate::{Annotator, Lexicon, WordForms};
use crate::config::Site;
use crate::index::{self, SiteIndex};
use crate::linkcheck::LinkCheck;
use crate::model::{Article, MentionKind, NotesSource, SourceFile};
use crate::notes::{self, NoteSet};
use crate::progress::Progress;
use crate::render::{self, Pages, RenderInput};
use crate::write::{self, Staging};
use crate::{export, fingerprint, linkcheck, load, parse};

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
    /// Problems that did not stop the build, in article order.
    pub warnings: Vec<String>,
    /// True when nothing changed since the last build, which was therefore kept as it is.
    pub up_to_date: bool,
    /// Wall time per stage.
    pub stages: Stages,
}

/// Loads, parses and annotates every article and builds the cross-article index.
pub fn analyse(site: &Site) -> Result<(Vec<Article>, SiteIndex)> {
    analyse_sources(site, load::load_sources(&site.seeds_dir(), &site.root)?)
}

/// Parses and annotates loaded sources and builds the cross-article index.
pub fn analyse_sources(site: &Site, sources: Vec<SourceFile>) -> Result<(Vec<Article>, SiteIndex)> {
    let articles = annotate_sources(site, sources)?;
    let index = index::build(&articles, site.config.actors.len());
    Ok((articles, index))
}

/// Parses and annotates loaded sources, in parallel, reporting every failing file at once.
pub fn annotate_sources(site: &Site, sources: Vec<SourceFile>) -> Result<Vec<Article>> {
    annotate_sources_with(site, sources, None, |_| None)
}

/// [`annotate_sources`], taking an article from `reuse` when it already holds the analysis of
/// that very file: the hook through which `dossier serve` skips unchanged articles (`cache.rs`).
pub fn annotate_reusing(
    site: &Site,
    sources: Vec<SourceFile>,
    reuse: impl Fn(&SourceFile) -> Option<Article> + Sync,
) -> Result<Vec<Article>> {
    annotate_sources_with(site, sources, None, reuse)
}

/// [`annotate_sources`], ticking `progress` once per article for the command line's bar, and
/// reusing what `reuse` already holds.
fn annotate_sources_with(
    site: &Site,
    sources: Vec<SourceFile>,
    progress: Option<&Progress>,
    reuse: impl Fn(&SourceFile) -> Option<Article> + Sync,
) -> Result<Vec<Article>> {
    let annotator = Annotator::new(&site.config.actors)?;
    if let Some(p) = progress {
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
    let capitalised: Vec<Vec<u64>> = capitalised.into_iter().map(|(_, keys)| keys).collect();
    let results: Vec<Result<Article>> = sources
        .into_par_iter()
        .zip(capitalised)
        .map(|(file, capitalised)| {
            let digest = lexicon.digest_of(&capitalised);
            match reuse(&file).filter(|a| a.corpus_digest == digest) {
                Some(article) => Ok(article),
                None => parse::parse_article(file, &site.config).map(|a| {
                    let mut a = annotator.annotate_in(a, &lexicon);
                    a.corpus_digest = digest;
                    a
                }),
            }
        })
        .inspect(|_| {
            if let Some(p) = progress {
                p.tick();
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(format!("{e:#}")),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        bail!("{}", errors.join("\n"));
    }
    for id in site.config.articles.keys() {
        if !articles.iter().any(|a| &a.id == id) {
            bail!(
                "{}: [articles.{id}] names no file in {}; fix the id or remove the table",
                site.config_path.display(),
                site.seeds_dir().display()
            );
        }
    }
    Ok(articles)
}

/// The notes stage: anchors the notes files' notes and resolves their references. Fails with
/// every problem at once when a notes file has errors, or has orphans and `allow_orphans` is
/// off; else returns the notes and the warnings to print.
pub fn attach_notes(
    site: &Site,
    articles: &[Article],
    index: &SiteIndex,
    files: &[NotesSource],
    allow_orphans: bool,
) -> Result<(NoteSet, Vec<String>)> {
    let names = notes::refs::Names {
        actors: &site.config.actors,
        articles,
        index,
    };
    notes::attach(names, files).into_result(allow_orphans)
}

/// Renders the whole site in memory and checks its links (tests); a site without notes.
pub fn render_checked(site: &Site, articles: &[Article], index: &SiteIndex) -> Result<Pages> {
    render_checked_with(site, articles, index, &NoteSet::default())
}

/// Renders the whole site with its editorial notes in memory and checks its links (`serve`).
pub fn render_checked_with(
    site: &Site,
    articles: &[Article],
    index: &SiteIndex,
    notes: &NoteSet,
) -> Result<Pages> {
    let input = RenderInput {
        site,
        articles,
        index,
        notes,
    };
    let mut pages = render::render_to_memory(&input)?;
    crate::scrub::html_pages(&mut pages);
    pages.insert(
        "data/annotations.json".into(),
        export::annotations_json(&site.config, articles, index),
    );
    pages.insert(
        "data/notes.jsonld".into(),
        export::notes_jsonld(&site.config, input.names(), notes),
    );
    fail_on_broken(linkcheck::broken_links(&pages))?;
    Ok(pages)
}

fn fail_on_broken(broken: Vec<String>) -> Result<()> {
    if broken.is_empty() {
        return Ok(());
    }
    bail!(
        "{} broken internal link(s) in the output; nothing was written:\n  {}",
        broken.len(),
        broken.join("\n  ")
    )
}

/// The build's sink: every file is link-scanned and written to the staging folder at once,
/// so only the scan results stay in memory.
struct CheckedStaging<'a> {
    check: &'a LinkCheck,
    staging: &'a Staging,
}

impl render::Sink for CheckedStaging<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        let bytes = crate::scrub::html_page(&path, bytes);
        self.check.record(&path, &bytes);
        self.staging.put_file(&path, &bytes)
    }
}

/// Wall time per pipeline stage, in order, for `dossier build -v` and profiling.
#[derive(Debug, Default, Clone)]
pub struct Stages {
    /// Stage name and its wall time.
    pub times: Vec<(&'static str, Duration)>,
    /// Peak resident memory so far at the end of each stage, in kB (Linux only; 0 elsewhere):
    /// which stage sets the build's peak is what memory work needs to know first.
    pub peak_kb: Vec<u64>,
    /// Resident memory at the end of each stage, in kB: set against the peak, it tells what a
    /// stage keeps from what it only needed while it ran.
    pub now_kb: Vec<u64>,
    /// CPU time (user, system) the process spent in each stage: against the wall time it says
    /// how well a stage uses the cores, and how much of it is the kernel writing files.
    pub cpu: Vec<(Duration, Duration)>,
    last: Option<Instant>,
    last_cpu: (Duration, Duration),
}

impl Stages {
    fn start(&mut self) {
        self.last = Some(Instant::now());
        self.last_cpu = cpu_time();
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        if let Some(last) = self.last {
            self.times.push((name, now - last));
            self.peak_kb.push(rss_kb("VmHWM:"));
            self.now_kb.push(rss_kb("VmRSS:"));
            self.cpu.push((
                cpu.0.saturating_sub(self.last_cpu.0),
                cpu.1.saturating_sub(self.last_cpu.1),
            ));
        }
        self.last = Some(now);
        self.last_cpu = cpu;
    }
}

/// The process's CPU time so far, (user, system), all threads; zero where it is unknown.
#[cfg(target_os = "linux")]
fn cpu_time() -> (Duration, Duration) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage only writes the struct it is given, which is large enough.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return Default::default();
        }
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    (time(usage.ru_utime), time(usage.ru_stime))
}

/// The process's CPU time so far: unknown on this platform.
#[cfg(not(target_os = "linux"))]
fn cpu_time() -> (Duration, Duration) {
    Default::default()
}

/// One resident-set figure of the process (`VmHWM:` the peak, `VmRSS:` now), in kB; 0 where
/// `/proc` has no such line.
fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Renders, exports and link-checks into `staging`; returns (files, pages) written.
fn render_into(
    site: &Site,
    articles: &[Article],
    index: &SiteIndex,
    notes: &NoteSet,
    staging: &Staging,
    stages: &mut Stages,
) -> Result<(usize, usize)> {
    let check = LinkCheck::default();
    let sink = CheckedStaging {
        check: &check,
        staging,
    };
    let input = RenderInput {
        site,
        articles,
        index,
        notes,
    };
    let export_path = "data/annotations.json";
    // The export is a stream of serialising and writing that does not need the pages: written
    // beside them, it fills the moments a core would wait in rendering.
    let (rendered, exported) = rayon::join(
        || render::render_site(&input, &sink),
        || {
            staging.put_streamed(export_path, |out| {
                export::write_annotations(&site.config, articles, index, out)
            })
        },
    );
    rendered?;
    exported?;
    check.record(export_path, &[]);
    let notes_path = "data/notes.jsonld";
    staging.put_file(
        notes_path,
        &export::notes_jsonld(&site.config, input.names(), notes),
    )?;
    check.record(notes_path, &[]);
    stages.lap("render and export");
    fail_on_broken(check.broken(&|path| staging.read(path)))?;
    stages.lap("check links");
    Ok(check.counts())
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
    let (sources, notes_files, load_warnings) = (loaded.sources, loaded.notes, loaded.warnings);
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
                warnings: load_warnings,
                up_to_date: true,
                stages,
            });
        }
    }
    let articles = annotate_sources_with(&site, sources, progress, |_| None)?;
    stages.lap("parse and annotate");
    let index = index::build(&articles, site.config.actors.len());
    stages.lap("index");
    let (notes, note_warnings) = attach_notes(
        &site,
        &articles,
        &index,
        &notes_files,
        options.allow_orphans,
    )?;
    stages.lap("notes");
    let staging = Staging::begin(&output)?;
    let (files, pages) = render_into(&site, &articles, &index, &notes, &staging, &mut stages)?;
    staging.finish(&inputs)?;
    stages.lap("swap");
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
        warnings: load_warnings
            .into_iter()
            .chain(articles.iter().flat_map(|a| a.warnings.iter().cloned()))
            .chain(note_warnings)
            .collect(),
        up_to_date: false,
        stages,
    };
    // Freeing millions of mentions takes a tenth of a second at 10,000 articles, on one core,
    // after the site is written. A thread of its own does it: `serve` gets the memory back all
    // the same, and a one-off build exits without waiting for it.
    std::thread::spawn(move || drop((articles, index, notes)));
    Ok(report)
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
