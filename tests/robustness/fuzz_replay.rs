//! Replays the saved fuzz corpora (`fuzz/corpus/<target>/`) and any crash artifacts
//! (`fuzz/artifacts/<target>/`) through the same entry points the `cargo fuzz` targets call,
//! on the stable toolchain, so every input that once found a bug keeps being checked.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in [
        fuzz.join("corpus").join(target),
        fuzz.join("artifacts").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            if std::panic::catch_unwind(|| run(&bytes)).is_err() {
                panic!("{} fails", path.display());
            }
            count += 1;
        }
    }
    assert!(count > 0, "no saved inputs for {target}");
}

#[test]
fn fuzz_corpus_recover() {
    replay("recover", dossier::fuzz_entry::recover);
}

#[test]
fn fuzz_corpus_dates() {
    replay("dates", dossier::fuzz_entry::dates);
}

#[test]
fn fuzz_corpus_actors() {
    replay("actors", dossier::fuzz_entry::actors);
}

#[test]
fn fuzz_corpus_notes() {
    replay("notes", dossier::fuzz_entry::notes);
}
