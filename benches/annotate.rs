//! Micro-benchmark of the annotate stage alone (actor and date finding), in bytes of article
//! text per second on one core: `cargo bench --bench annotate`.
//!
//! Two inputs, each loaded and parsed through the library exactly as the build does
//! (`load::load_sources` → `parse::parse_article`), so only `Annotator::annotate` is timed:
//! - `generated`: eight articles from shared/bench/gen_corpus.py with every actor it knows
//!   (benches/data/generated, site.toml written by benches/vs_hugo.py), the text the
//!   build benchmark scales up;
//! - `shipped`: the repository's own seeds/ and site.toml, real copy-pasted articles with the
//!   full actor configuration (metonyms, exclusions), so a change that only helps synthetic
//!   text shows up as such.
//!
//! The build runs articles in parallel with rayon; this runs them one after another on purpose,
//! so the figure is per core and does not move with the machine's core count or load from
//! other processes' threads.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use dossier::annotate::Annotator;
use dossier::config::Site;
use dossier::model::Article;
use dossier::{load, parse};

/// The annotator and parsed (not yet annotated) articles of the site whose config is `toml`,
/// plus the bytes of source text they hold.
fn prepare(toml: &Path) -> (Annotator, Vec<Article>, u64) {
    let site = Site::load(toml).unwrap_or_else(|e| panic!("{}: {e:#}", toml.display()));
    let sources =
        load::load_sources(&site.seeds_dir(), &site.root).unwrap_or_else(|e| panic!("{e:#}"));
    let bytes = sources.iter().map(|s| s.text.len() as u64).sum();
    let articles: Vec<Article> = sources
        .into_iter()
        .map(|s| parse::parse_article(s, &site.config).unwrap_or_else(|e| panic!("{e:#}")))
        .collect();
    assert!(!articles.is_empty(), "{}: no articles", toml.display());
    let annotator = Annotator::new(&site.config.actors).unwrap_or_else(|e| panic!("{e:#}"));
    (annotator, articles, bytes)
}

fn annotate(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs = [
        ("generated", root.join("benches/data/generated/site.toml")),
        ("shipped", root.join("site.toml")),
    ];
    let mut group = c.benchmark_group("annotate");
    // Short on purpose: each iteration annotates tens of kilobytes, so ten samples over a few
    // seconds already give a stable median, and `cargo bench` stays well under a minute.
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, toml) in inputs {
        let (annotator, articles, bytes) = prepare(&toml);
        let mentions: usize = articles
            .iter()
            .cloned()
            .map(|a| annotator.annotate(a).mentions.len())
            .sum();
        // A bench that finds nothing would measure nothing useful: fail loudly instead.
        assert!(mentions > 0, "{name}: no mentions found");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(name, |b| {
            // annotate() takes the article by value: the clone is made outside the timing.
            b.iter_batched(
                || articles.clone(),
                |batch| {
                    batch
                        .into_iter()
                        .map(|a| annotator.annotate(a))
                        .collect::<Vec<_>>()
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, annotate);
criterion_main!(benches);
