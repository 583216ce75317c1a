//! Per-article analysis cache: lets `dossier serve` re-parse and re-annotate only the articles
//! whose bytes changed, so an edit to one article rebuilds in the time of one article plus the
//! cross-article pages.
//!
//! Parsing and annotating an article depend only on its bytes, its path, the configuration and
//! the binary (see [`crate::pipeline::Hooks`]), so those are the key. The cache lives
//! in the memory of one process, whose binary cannot change under it; the configuration is
//! hashed into a salt that empties the cache when it changes.

use std::collections::HashMap;

use anyhow::Result;

use crate::analysis::Analysis;
use crate::config::Site;
use crate::model::{Article, NotesSource, SourceFile};
use crate::pipeline::{self, Hooks, Stages};

/// What identifies one analysis: the file's path (relative to the site) and a hash of its text.
type Key = (String, blake3::Hash);

/// Analysed articles of the last successful analysis, keyed by path and content hash.
#[derive(Default)]
pub struct AnalysisCache {
    /// Hash of the configuration the cached analyses were made with.
    salt: Option<blake3::Hash>,
    articles: HashMap<Key, Article>,
}

/// How much of an analysis the cache saved, for the rebuild line `dossier serve` prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Articles taken from the cache.
    pub reused: usize,
    /// Articles parsed and annotated afresh.
    pub analysed: usize,
}

impl AnalysisCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Analyses the site like [`pipeline::analyse_loaded`] (same result, same errors), reusing
    /// the analysis of every article file whose path and bytes are unchanged. On success the
    /// cache holds exactly the current articles; on error it is left as it was.
    pub fn analyse(
        &mut self,
        site: &Site,
        sources: Vec<SourceFile>,
        notes_files: &[NotesSource],
    ) -> Result<(Analysis, CacheStats)> {
        let salt = blake3::hash(format!("{:?}", site.config).as_bytes());
        if self.salt != Some(salt) {
            self.articles.clear();
        }
        let keys: Vec<Key> = sources.iter().map(key).collect();
        let reused = keys
            .iter()
            .filter(|k| self.articles.contains_key(*k))
            .count();
        let cached = &self.articles;
        let reuse = |s: &SourceFile| cached.get(&key(s)).cloned();
        let hooks = Hooks {
            progress: None,
            reuse: Some(&reuse),
        };
        let analysis =
            pipeline::analyse_loaded(site, sources, notes_files, hooks, &mut Stages::default())?;
        self.salt = Some(salt);
        self.articles = keys
            .into_iter()
            .zip(analysis.articles.iter().cloned())
            .collect();
        let stats = CacheStats {
            reused,
            analysed: analysis.articles.len() - reused,
        };
        Ok((analysis, stats))
    }
}

fn key(source: &SourceFile) -> Key {
    (
        source.display_path.clone(),
        blake3::hash(source.text.as_bytes()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn site(dir: &std::path::Path, actors: &str) -> Site {
        let toml = format!("title = \"T\"\n{actors}");
        std::fs::write(dir.join("site.toml"), toml).unwrap();
        Site::load(&dir.join("site.toml")).unwrap()
    }

    fn analyse(cache: &mut AnalysisCache, site: &Site) -> (Vec<Article>, CacheStats) {
        let sources = load::load_sources(&site.seeds_dir(), &site.root).unwrap();
        let (analysis, stats) = cache.analyse(site, sources, &[]).unwrap();
        (analysis.articles, stats)
    }

    #[test]
    fn reanalyses_only_changed_files_and_matches_a_fresh_analysis() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir(&seeds).unwrap();
        std::fs::write(seeds.join("a.txt"), "Russia met Iran in 2024.\n").unwrap();
        std::fs::write(seeds.join("b.txt"), "Nothing happened.\n").unwrap();
        let actors = "[[actors]]\nid = \"russia\"\nname = \"Russia\"\n";
        let s = site(dir.path(), actors);
        let mut cache = AnalysisCache::new();
        let (_, first) = analyse(&mut cache, &s);
        assert_eq!(
            first,
            CacheStats {
                reused: 0,
                analysed: 2
            }
        );

        std::fs::write(seeds.join("b.txt"), "Russia spoke in 2023.\n").unwrap();
        let (articles, second) = analyse(&mut cache, &s);
        assert_eq!(
            second,
            CacheStats {
                reused: 1,
                analysed: 1
            }
        );
        let fresh = pipeline::analyse(&s).unwrap().articles;
        assert_eq!(format!("{articles:?}"), format!("{fresh:?}"));

        // A configuration change invalidates every analysis.
        let s = site(dir.path(), &format!("{actors}aliases = [\"Moscow\"]\n"));
        let (_, third) = analyse(&mut cache, &s);
        assert_eq!(
            third,
            CacheStats {
                reused: 0,
                analysed: 2
            }
        );
    }

    #[test]
    fn a_failed_analysis_keeps_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir(&seeds).unwrap();
        std::fs::write(seeds.join("a.txt"), "Text.\n").unwrap();
        let s = site(dir.path(), "");
        let mut cache = AnalysisCache::new();
        analyse(&mut cache, &s);
        std::fs::write(seeds.join("b.md"), "+++\nnope = 1\n+++\nText.\n").unwrap();
        let sources = load::load_sources(&s.seeds_dir(), &s.root).unwrap();
        assert!(cache.analyse(&s, sources, &[]).is_err());
        std::fs::remove_file(seeds.join("b.md")).unwrap();
        let (_, stats) = analyse(&mut cache, &s);
        assert_eq!(
            stats,
            CacheStats {
                reused: 1,
                analysed: 0
            }
        );
    }
}
