//! The analysis cache: each article's parse and annotation kept in `.dossier-cache/` beside
//! `site.toml`, so a build re-analyses only the articles that changed.
//!
//! An analysis is reused when its [`key`] matches — the article's bytes, path, format and own
//! metadata table, the actors every article is annotated with — and its corpus digest too:
//! the entity rules read what the whole corpus shows about the article's capitalised words
//! (`pipeline::annotate`), so an analysis is valid only while those answers are the same. The
//! binary's identity is in every file's header: another build of dossier ignores the files.
//! A damaged file is refused and rewritten (see [`store`]); the cache is only ever a copy of
//! what a build can recompute, so losing it costs time, never data.
//!
//! `dossier serve` also keeps the last analysis in memory and moves its articles into the
//! next one ([`Previous`]), reading from disk only the files whose articles it lacks.

pub mod bytes;
mod codec;
pub mod key;
pub mod links;
mod store;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::Site;
use crate::model::{Article, SourceFile};
pub use key::Key;
use store::{Bucket, BUCKETS};

/// Gives back the analysis of a source file when one is kept: what the annotate stage asks
/// before parsing and annotating it (`pipeline::Hooks::reuse`).
pub trait Reuse: Sync {
    /// The kept analysis of source number `index`, made from `file`'s very bytes and under
    /// corpus digest `digest`; else the file, given back to be analysed.
    fn take(&self, index: usize, file: SourceFile, digest: u64) -> Result<Article, SourceFile>;
}

/// The cache folder of a site, beside its `site.toml` (`dossier init`'s `.gitignore` lists it).
pub const DIR: &str = ".dossier-cache";

/// Where the link check's records of the last build's pages are kept ([`links`]).
pub fn pages_dir(site: &Site) -> PathBuf {
    site.root.join(DIR).join("pages")
}

/// How much of an analysis the cache saved, for the summary lines of `build -v` and `serve`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Articles taken from the cache.
    pub reused: usize,
    /// Articles parsed and annotated afresh.
    pub analysed: usize,
    /// Cache files refused as damaged or written by another version (and rewritten).
    pub refused: usize,
}

/// The last analysis, kept in memory by `dossier serve`: its articles with their keys.
#[derive(Default)]
pub struct Previous {
    /// The articles.
    pub articles: Vec<Article>,
    /// Their keys, in the same order.
    pub keys: Vec<Key>,
}

/// A site's cache folder, and what this process knows its files hold.
pub struct AnalysisCache {
    dir: PathBuf,
    identity: Key,
    /// Per bucket: the signature of the entries this process last wrote or read there, so a
    /// file already up to date is neither read nor rewritten.
    known: Vec<Option<u64>>,
}

/// Where each article's analysis came from.
const FRESH: u8 = 0;
const FROM_MEMORY: u8 = 1;
const FROM_DISK: u8 = 2;

/// One analysis in progress: the keys of the sources, the articles kept in memory, the
/// bucket files read. It hands analyses to `pipeline::annotate` through [`Reuse`].
pub struct Session {
    settings: blake3::Hash,
    keys: Vec<Key>,
    kept: Vec<Mutex<Option<Article>>>,
    buckets: Vec<Bucket>,
    loaded: Vec<bool>,
    source: Vec<AtomicU8>,
    /// Per bucket: an entry that passed its checksum failed to decode (a bug, or a format
    /// changed without its version): the file is rewritten whatever its signature says.
    damaged: Vec<AtomicBool>,
    actors: usize,
}

impl AnalysisCache {
    /// The cache of `site`, in [`DIR`] beside its `site.toml`.
    pub fn of_site(site: &Site) -> Self {
        Self::at(&site.root.join(DIR), key::identity())
    }

    /// A cache in `dir` written and read as the binary `identity` (tests pose as other
    /// versions with it).
    pub fn at(dir: &Path, identity: Key) -> Self {
        Self {
            dir: dir.join("analysis"),
            identity,
            known: vec![None; BUCKETS],
        }
    }

    /// Starts an analysis of `sources`: keys them, takes what `previous` holds for them, and
    /// reads the bucket files of the others.
    pub fn begin(&mut self, site: &Site, sources: &[SourceFile], previous: Previous) -> Session {
        let settings = key::settings(site);
        let ids = key::ids(sources.iter().map(|s| s.id.as_str()));
        let keys: Vec<Key> = sources
            .par_iter()
            .map(|s| key::of(site, &settings, &ids, s))
            .collect();
        let mut by_key: std::collections::HashMap<Key, Article> =
            previous.keys.into_iter().zip(previous.articles).collect();
        let kept: Vec<Mutex<Option<Article>>> =
            keys.iter().map(|k| Mutex::new(by_key.remove(k))).collect();
        drop(by_key);
        let mut wanted = vec![false; BUCKETS];
        for (s, slot) in sources.iter().zip(&kept) {
            if slot.lock().map(|a| a.is_none()).unwrap_or(true) {
                wanted[store::bucket_of(&s.display_path)] = true;
            }
        }
        let buckets = store::read_some(&self.dir, &self.identity, &wanted);
        for (b, bucket) in buckets.iter().enumerate() {
            if wanted[b] {
                self.known[b] = (!bucket.refused).then_some(bucket.signature);
            }
        }
        Session {
            settings,
            source: keys.iter().map(|_| AtomicU8::new(FRESH)).collect(),
            keys,
            kept,
            buckets,
            loaded: wanted,
            damaged: (0..BUCKETS).map(|_| AtomicBool::new(false)).collect(),
            actors: site.config.actors.len(),
        }
    }

    /// Ends an analysis that made `articles` (in source order): rewrites the bucket files
    /// whose entries changed and returns what was reused, with the keys (for [`Previous`]).
    /// A file that cannot be written is reported, never fatal: the next build redoes the work.
    pub fn finish(
        &mut self,
        session: Session,
        articles: &[Article],
    ) -> (CacheStats, Vec<Key>, Option<String>) {
        let Session {
            keys,
            buckets,
            loaded,
            source,
            damaged,
            ..
        } = session;
        for (b, d) in damaged.iter().enumerate() {
            if d.load(Ordering::Relaxed) {
                self.known[b] = None;
            }
        }
        let from = |i: usize| source[i].load(Ordering::Relaxed);
        let stats = CacheStats {
            reused: (0..articles.len()).filter(|&i| from(i) != FRESH).count(),
            analysed: (0..articles.len()).filter(|&i| from(i) == FRESH).count(),
            refused: buckets.iter().filter(|b| b.refused).count(),
        };
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); BUCKETS];
        for (i, a) in articles.iter().enumerate() {
            members[store::bucket_of(&a.source_path)].push(i);
        }
        let signature = |list: &[usize]| {
            store::signature(list.iter().map(|&i| (&keys[i], articles[i].corpus_digest)))
        };
        let dirty: Vec<usize> = (0..BUCKETS)
            .filter(|&b| self.known[b] != Some(signature(&members[b])))
            .collect();
        if dirty.is_empty() {
            return (stats, keys, None);
        }
        if let Err(e) = store::create(&self.dir) {
            return (stats, keys, Some(self.cannot(&e)));
        }
        store::sweep(&self.dir);
        let written: Vec<(usize, std::io::Result<u64>)> = dirty
            .par_iter()
            .map(|&b| {
                let bucket = &buckets[b];
                // Only payloads that decoded in this build are copied as they are.
                let kept_payload = |i: usize| {
                    let e = bucket.entries.get(&keys[i])?;
                    (loaded[b] && from(i) == FROM_DISK && e.digest == articles[i].corpus_digest)
                        .then(|| bucket.payload(e).to_vec())
                };
                let entries: Vec<(usize, Vec<u8>)> = members[b]
                    .par_iter()
                    .filter_map(|&i| {
                        let payload = kept_payload(i).or_else(|| codec::encode(&articles[i]))?;
                        Some((i, payload))
                    })
                    .collect();
                let sig = store::signature(
                    entries
                        .iter()
                        .map(|(i, _)| (&keys[*i], articles[*i].corpus_digest)),
                );
                let bytes = (!entries.is_empty()).then(|| {
                    store::file_bytes(
                        &self.identity,
                        entries
                            .iter()
                            .map(|(i, p)| (&keys[*i], articles[*i].corpus_digest, p.as_slice())),
                    )
                });
                (
                    b,
                    store::write(&self.dir, b, bytes.as_deref()).map(|()| sig),
                )
            })
            .collect();
        let mut problem = None;
        for (b, result) in written {
            match result {
                Ok(sig) => self.known[b] = Some(sig),
                Err(e) => {
                    self.known[b] = None;
                    problem.get_or_insert_with(|| self.cannot(&e));
                }
            }
        }
        (stats, keys, problem)
    }

    fn cannot(&self, e: &std::io::Error) -> String {
        format!(
            "cannot write the analysis cache in {}: {e}; the next build analyses those articles again",
            self.dir.display()
        )
    }
}

impl Session {
    /// The settings hash the keys were made under.
    pub fn settings(&self) -> &blake3::Hash {
        &self.settings
    }
}

impl Reuse for Session {
    fn take(&self, index: usize, file: SourceFile, digest: u64) -> Result<Article, SourceFile> {
        let kept = self.kept[index].lock().ok().and_then(|mut a| a.take());
        if let Some(mut article) = kept.filter(|a| a.corpus_digest == digest) {
            // The text is the same bytes (the key says so); the newly read copy wins.
            article.source = file.text;
            self.source[index].store(FROM_MEMORY, Ordering::Relaxed);
            return Ok(article);
        }
        let bucket = &self.buckets[store::bucket_of(&file.display_path)];
        let Some(entry) = bucket
            .entries
            .get(&self.keys[index])
            .filter(|e| e.digest == digest)
        else {
            return Err(file);
        };
        match codec::decode(bucket.payload(entry), file, self.actors) {
            Ok(mut article) => {
                article.corpus_digest = digest;
                self.source[index].store(FROM_DISK, Ordering::Relaxed);
                Ok(article)
            }
            Err((_, file)) => {
                self.damaged[store::bucket_of(&file.display_path)].store(true, Ordering::Relaxed);
                Err(file)
            }
        }
    }
}

#[cfg(test)]
mod tests;
