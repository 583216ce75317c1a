//! Search keys: the index (Rust) and the page's script (JavaScript) must key every word alike,
//! or a query misses the pages it should find. `tests/fixtures/search-keys/words.txt` lists the
//! words, each also tried with common English endings; `keys.tsv` beside it holds the keys the
//! Rust side gives them (`DOSSIER_BLESS=1 cargo test --test integration search_keys` rewrites
//! it). This test checks Rust against the file and, where `node` is installed, runs the site's
//! own `porter2.js` and `search-words.js` on the same words and on every word of `seeds/`; the
//! browser suite checks the file against the script as Chromium runs it (tests/browser).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use dossier::search::{stem, tokenize};

/// Endings added to each plain word of the list: Porter2's suffixes and the spelling folds'.
const ENDINGS: &[&str] = &[
    "", "s", "es", "ed", "ing", "er", "ers", "est", "ly", "ness", "ment", "ation", "ations", "al",
    "ally", "ity", "ive", "ise", "ize", "ised", "ized", "ful", "less", "ous", "able", "ism", "ist",
    "ence", "ance", "ency", "ical", "ies", "ied", "eed", "ingly", "edly",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-keys")
}

/// The list's words and their variants, in a fixed order.
fn words() -> Vec<String> {
    let list = std::fs::read_to_string(dir().join("words.txt")).unwrap();
    let mut out = BTreeSet::new();
    for line in list.lines() {
        let word = line.trim();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        out.insert(word.to_string());
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            for ending in ENDINGS {
                out.insert(format!("{word}{ending}"));
            }
        }
    }
    out.into_iter().collect()
}

/// The keys the index holds for `word`, space-separated.
fn rust_keys(word: &str) -> String {
    let keys: Vec<String> = tokenize::tokens(word)
        .iter()
        .map(|t| stem::key(&t.term))
        .collect();
    keys.join(" ")
}

fn table(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("{w}\t{}\n", rust_keys(w)))
        .collect()
}

#[test]
fn rust_keys_match_the_committed_table() {
    let want = table(&words());
    let path = dir().join("keys.tsv");
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let first = have
            .lines()
            .zip(want.lines())
            .find(|(a, b)| a != b)
            .map_or_else(
                || "a line added or removed".to_string(),
                |(a, b)| format!("{a:?} vs {b:?}"),
            );
        panic!(
            "keys.tsv is not what the Rust side gives ({first}); if the change is meant, rerun \
             with DOSSIER_BLESS=1 and make static/search-words.js agree"
        );
    }
}

/// Runs the site's scripts under node on `words`, one per line; None when node is missing.
fn js_keys(words: &[String]) -> Option<Vec<String>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let script = format!(
        r#"const vm = require('vm'), fs = require('fs');
const ctx = {{ window: {{}} }};
vm.createContext(ctx);
for (const f of ['static/porter2.js', 'static/search-words.js'])
  vm.runInContext(fs.readFileSync({root:?} + '/' + f, 'utf8'), ctx, {{ filename: f }});
const W = ctx.window.dossierSearchWords;
W.setStopWords({stop});
const words = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
process.stdout.write(words.map((w) => w + '\t' + W.indexKeys(w).join(' ') + '\n').join(''));
"#,
        root = root.display().to_string(),
        stop = serde_json::to_string(tokenize::STOP_WORDS).unwrap(),
    );
    let mut child = match Command::new("node")
        .arg("-e")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return None,
    };
    let input = words.join("\n") + "\n";
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "node failed");
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// Every distinct word of the shipped seeds.
fn seed_words() -> Vec<String> {
    let mut out = BTreeSet::new();
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        for word in text.split(|c: char| !(c.is_alphanumeric() || "-'’".contains(c))) {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() {
                out.insert(word.to_string());
            }
        }
    }
    out.into_iter().collect()
}

#[test]
fn the_pages_script_keys_words_as_the_index_does() {
    let mut all = words();
    all.extend(seed_words());
    let Some(js) = js_keys(&all) else {
        eprintln!("node is not installed: the browser suite checks the script instead");
        return;
    };
    let rust: Vec<String> = table(&all).lines().map(str::to_string).collect();
    let differ: Vec<(&String, &String)> = rust.iter().zip(&js).filter(|(a, b)| a != b).collect();
    assert_eq!(rust.len(), js.len());
    assert!(
        differ.is_empty(),
        "{} of {} words keyed differently (Rust, JS): {:?}",
        differ.len(),
        all.len(),
        &differ[..differ.len().min(10)]
    );
}
