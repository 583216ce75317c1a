//! A driver for counting the annotate stage's instructions with callgrind, which a noisy
//! machine cannot disturb as it does criterion's timings: it annotates one of the two inputs
//! of `benches/annotate.rs` (`CG_INPUT=shipped|generated`) `CG_REPS` times inside `measure`,
//! after one warm-up pass, so only that function need be counted:
//! `CG_INPUT=generated CG_REPS=2 valgrind --tool=callgrind --toggle-collect='*measure*'
//! target/release/examples/cgdriver`.
use dossier::annotate::Annotator;
use dossier::config::Site;
use dossier::model::Article;
use dossier::{load, parse};
use std::path::{Path, PathBuf};

fn prepare(toml: &Path) -> (Annotator, Vec<Article>) {
    let site = Site::load(toml).unwrap();
    let sources = load::load_sources(&site.seeds_dir(), &site.root).unwrap();
    let articles: Vec<Article> = sources
        .into_iter()
        .map(|s| parse::parse_article(s, &site.config).unwrap())
        .collect();
    let annotator = Annotator::new(&site.config.actors).unwrap();
    (annotator, articles)
}

#[inline(never)]
fn measure(annotator: &Annotator, articles: &[Article], reps: usize) -> usize {
    let mut n = 0;
    for _ in 0..reps {
        for a in articles.iter().cloned() {
            n += std::hint::black_box(annotator.annotate(a)).mentions.len();
        }
    }
    n
}

#[inline(never)]
fn warm(annotator: &Annotator, articles: &[Article]) -> usize {
    articles
        .iter()
        .cloned()
        .map(|a| std::hint::black_box(annotator.annotate(a)).mentions.len())
        .sum()
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let which = std::env::var("CG_INPUT").unwrap_or("shipped".into());
    let toml = if which == "generated" {
        root.join("benches/data/generated/site.toml")
    } else {
        root.join("site.toml")
    };
    let reps: usize = std::env::var("CG_REPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let (annotator, articles) = prepare(&toml);
    warm(&annotator, &articles);
    println!("{}", measure(&annotator, &articles, reps));
}
