use super::*;
use crate::load;
use crate::pipeline::{self, Stages};

/// A copy of a site under `tests/fixtures/` (or the shipped site for `""`) in a fresh folder.
fn copy_site(fixture: &str) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let from = if fixture.is_empty() {
        root.to_path_buf()
    } else {
        root.join("tests/fixtures").join(fixture)
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(from.join("site.toml"), dir.path().join("site.toml")).unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for e in std::fs::read_dir(from.join("seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("seeds").join(e.file_name())).unwrap();
    }
    dir
}

fn site_of(dir: &Path) -> Site {
    Site::load(&dir.join("site.toml")).unwrap()
}

/// The analysis through `cache`, as a comparable text, with what the cache did.
fn analyse(
    cache: &mut AnalysisCache,
    site: &Site,
    previous: Previous,
) -> (String, CacheStats, Previous) {
    let loaded = load::load_sources_with(&site.seeds_dir(), &site.root, false).unwrap();
    let cached = pipeline::analyse_cached(
        site,
        loaded.sources,
        &loaded.notes,
        cache,
        previous,
        None,
        &mut Stages::default(),
    )
    .unwrap();
    let text = format!("{:?}", cached.analysis.articles);
    let kept = Previous {
        articles: cached.analysis.articles.into(),
        keys: cached.keys,
    };
    (text, cached.stats, kept)
}

fn fresh(site: &Site) -> String {
    format!("{:?}", pipeline::analyse(site).unwrap().articles)
}

fn stats(reused: usize, analysed: usize, refused: usize) -> CacheStats {
    CacheStats {
        reused,
        analysed,
        refused,
    }
}

const ID: Key = [1; 32];

/// The cache of the site in `dir`, as written by a binary of identity `id`.
fn cache_in(dir: &Path, id: Key) -> AnalysisCache {
    AnalysisCache::at(&dir.join(DIR), id)
}

#[test]
fn a_second_process_reuses_every_analysis_and_gets_the_same_articles() {
    for fixture in ["", "hostile", "notes", "europe"] {
        let dir = copy_site(fixture);
        let site = site_of(dir.path());
        let n = load::load_sources(&site.seeds_dir(), &site.root)
            .unwrap()
            .len();
        let (first, s1, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
        assert_eq!(s1, stats(0, n, 0), "{fixture}");
        let (second, s2, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
        assert_eq!(s2, stats(n, 0, 0), "{fixture}");
        assert_eq!(first, second, "{fixture}");
        assert_eq!(second, fresh(&site), "{fixture}");
    }
}

#[test]
fn edits_new_and_deleted_files_and_settings_are_seen() {
    let dir = copy_site("");
    let seeds = dir.path().join("seeds");
    let site = site_of(dir.path());
    let mut cache = cache_in(dir.path(), ID);
    analyse(&mut cache, &site, Previous::default());
    let names: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let edited = names.iter().min().unwrap();
    let text = std::fs::read_to_string(edited).unwrap();
    std::fs::write(edited, text.replacen("Taliban", "Taleban", 1)).unwrap();
    let (got, s, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
    assert!(s.analysed >= 1 && s.reused >= 1, "{s:?}");
    assert_eq!(got, fresh(&site));

    std::fs::write(
        seeds.join("new.txt"),
        "Russia met the Taliban on 3 May 2024.\n",
    )
    .unwrap();
    let (got, s, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
    assert!(s.analysed >= 1, "{s:?}");
    assert_eq!(got, fresh(&site));
    std::fs::remove_file(seeds.join("new.txt")).unwrap();
    let (got, _, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
    assert_eq!(got, fresh(&site));

    // Actors reach every analysis.
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        format!("{toml}\n[[actors]]\nid = \"kremlin-x\"\nname = \"Kremlin Palace\"\n"),
    )
    .unwrap();
    let site = site_of(dir.path());
    let n = load::load_sources(&site.seeds_dir(), &site.root)
        .unwrap()
        .len();
    let (got, s, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
    assert_eq!(s, stats(0, n, 0));
    assert_eq!(got, fresh(&site));
}

#[test]
fn an_analysis_kept_in_memory_is_moved_not_read() {
    let dir = copy_site("");
    let site = site_of(dir.path());
    let mut cache = cache_in(dir.path(), ID);
    let (first, _, kept) = analyse(&mut cache, &site, Previous::default());
    let n = kept.articles.len();
    // With the disk cache gone, only the memory can supply them.
    std::fs::remove_dir_all(dir.path().join(DIR)).unwrap();
    let (second, s, _) = analyse(&mut cache, &site, kept);
    assert_eq!(s, stats(n, 0, 0));
    assert_eq!(first, second);
}

/// Every bucket file of the cache under `dir`.
fn bucket_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(DIR).join("analysis"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .collect();
    files.sort();
    files
}

#[test]
fn damaged_or_foreign_files_are_refused_then_rewritten() {
    let dir = copy_site("");
    let site = site_of(dir.path());
    let n = load::load_sources(&site.seeds_dir(), &site.root)
        .unwrap()
        .len();
    let expected = fresh(&site);
    analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
    let files = bucket_files(dir.path());
    assert!(!files.is_empty());
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 4] = [
        ("truncated", |b| b.truncate(b.len() / 2)),
        ("flipped byte", |b| {
            let at = b.len() / 2;
            b[at] ^= 0x20;
        }),
        ("emptied", |b| b.clear()),
        ("last byte gone", |b| {
            b.pop();
        }),
    ];
    for (what, damage) in damages {
        for f in &files {
            let mut bytes = std::fs::read(f).unwrap();
            damage(&mut bytes);
            std::fs::write(f, bytes).unwrap();
        }
        let (got, s, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
        assert_eq!(s, stats(0, n, files.len()), "{what}");
        assert_eq!(got, expected, "{what}");
        let (_, s, _) = analyse(&mut cache_in(dir.path(), ID), &site, Previous::default());
        assert_eq!(s, stats(n, 0, 0), "{what}: rewritten");
    }
    // Written by another build of dossier: refused, then replaced by this one's.
    let (got, s, _) = analyse(
        &mut cache_in(dir.path(), [2; 32]),
        &site,
        Previous::default(),
    );
    assert_eq!(s, stats(0, n, files.len()));
    assert_eq!(got, expected);
    let (_, s, _) = analyse(
        &mut cache_in(dir.path(), [2; 32]),
        &site,
        Previous::default(),
    );
    assert_eq!(s, stats(n, 0, 0));
}

#[test]
fn an_unwritable_cache_is_a_warning() {
    let dir = copy_site("");
    let site = site_of(dir.path());
    // A file where the cache folder should be.
    std::fs::write(dir.path().join(DIR), "not a folder").unwrap();
    let loaded = load::load_sources(&site.seeds_dir(), &site.root).unwrap();
    let cached = pipeline::analyse_cached(
        &site,
        loaded,
        &[],
        &mut cache_in(dir.path(), ID),
        Previous::default(),
        None,
        &mut Stages::default(),
    )
    .unwrap();
    let warning = cached.warning.expect("a warning");
    assert!(
        warning.message.contains("cannot write the analysis cache"),
        "{warning}"
    );
    assert_eq!(format!("{:?}", cached.analysis.articles), fresh(&site));
}

#[test]
fn entries_round_trip_and_damaged_payloads_never_panic() {
    for fixture in ["", "hostile", "notes"] {
        let dir = copy_site(fixture);
        let site = site_of(dir.path());
        let sources = load::load_sources(&site.seeds_dir(), &site.root).unwrap();
        let articles = pipeline::analyse(&site).unwrap().articles;
        let actors = site.config.actors.len();
        for (article, file) in articles.iter().zip(&sources) {
            let bytes = codec::encode(article).expect("encodable");
            let back = codec::decode(&bytes, file.clone(), actors).unwrap();
            let mut expected = article.clone();
            expected.corpus_digest = 0;
            assert_eq!(format!("{back:?}"), format!("{expected:?}"), "{fixture}");
            // Every truncation and a sweep of flipped bytes: refused or read, never a panic.
            for cut in (0..bytes.len()).step_by(7) {
                assert!(codec::decode(&bytes[..cut], file.clone(), actors).is_err());
            }
            for at in (0..bytes.len()).step_by(13) {
                let mut bad = bytes.clone();
                bad[at] ^= 0xa5;
                let _ = codec::decode(&bad, file.clone(), actors);
            }
            // A shorter text than the one analysed: offsets past its end are refused.
            if !article.mentions.is_empty() {
                let mut short = file.clone();
                short.text.truncate(article.mentions[0].span.start);
                assert!(codec::decode(&bytes, short, actors).is_err());
            }
        }
    }
}
