//! Search, shards: cuts the sorted term list into contiguous files of bounded size.
//!
//! Range shards keep prefix search cheap: every term that starts with `haqq` sits in one shard,
//! or a few neighbouring ones, found by binary search over each shard's first term. Each shard
//! carries its own table of the documents its postings name, so titles are stored once per
//! shard rather than once per posting, and one shard is all a term needs.

use std::collections::BTreeMap;

/// Target size of one shard file, in bytes; one term's list alone may exceed it.
pub const SHARD_BYTES: usize = 40_000;

/// One term ready to be written: its JSON entry and the documents it names.
pub struct Entry {
    /// The term, for the manifest.
    pub term: String,
    /// `["term",[postings…]]` as JSON.
    pub json: String,
    /// Document numbers its postings name.
    pub docs: Vec<u32>,
}

/// One shard's contents before it is written.
#[derive(Default)]
pub struct Shard {
    /// First term, the manifest's key for it.
    pub first: String,
    /// Term entries, in term order.
    pub terms: Vec<String>,
    /// JSON rows of the documents the entries name, by document number.
    pub docs: BTreeMap<u32, String>,
    bytes: usize,
}

/// Packs entries (in term order) greedily into shards of at most `limit` bytes of payload,
/// where a shard's payload is its entries plus its document rows.
pub fn pack(entries: Vec<Entry>, limit: usize, doc_row: impl Fn(u32) -> String) -> Vec<Shard> {
    let mut shards: Vec<Shard> = Vec::new();
    let mut cur = Shard::default();
    for e in entries {
        let new_docs: Vec<u32> = e
            .docs
            .iter()
            .copied()
            .filter(|d| !cur.docs.contains_key(d))
            .collect();
        let mut rows: BTreeMap<u32, String> = BTreeMap::new();
        for d in new_docs {
            rows.entry(d).or_insert_with(|| doc_row(d));
        }
        let added = e.json.len() + 1 + rows.values().map(|r| r.len() + 1).sum::<usize>();
        if !cur.terms.is_empty() && cur.bytes + added > limit {
            shards.push(std::mem::take(&mut cur));
            // The document rows this entry needs are all new to a fresh shard.
            return_rows(&e, &mut rows, &doc_row);
        }
        if cur.terms.is_empty() {
            cur.first = e.term.clone();
        }
        cur.bytes += e.json.len() + 1 + rows.values().map(|r| r.len() + 1).sum::<usize>();
        cur.terms.push(e.json);
        cur.docs.extend(rows);
    }
    if !cur.terms.is_empty() {
        shards.push(cur);
    }
    shards
}

fn return_rows(e: &Entry, rows: &mut BTreeMap<u32, String>, doc_row: &impl Fn(u32) -> String) {
    for &d in &e.docs {
        rows.entry(d).or_insert_with(|| doc_row(d));
    }
}

/// The shard as a script: `window.dossierSearch.shard(n, {...});`.
pub fn script(n: usize, shard: &Shard) -> String {
    let docs: Vec<&str> = shard.docs.values().map(String::as_str).collect();
    js_safe(format!(
        "window.dossierSearch.shard({n},{{\"docs\":[{}],\"terms\":[{}]}});\n",
        docs.join(","),
        shard.terms.join(",")
    ))
}

/// Output path of shard `n`, relative to the site root; `search.js` builds the same name.
pub fn path(n: usize) -> String {
    format!("search/s-{n:03}.js")
}

/// JSON is JavaScript except for raw U+2028/U+2029 in strings on older engines: escape them.
pub fn js_safe(s: String) -> String {
    if s.contains(['\u{2028}', '\u{2029}']) {
        s.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, size: usize, docs: &[u32]) -> Entry {
        Entry {
            term: term.into(),
            json: "x".repeat(size),
            docs: docs.to_vec(),
        }
    }

    #[test]
    fn shards_stay_within_bounds_and_in_order() {
        let entries: Vec<Entry> = (0..100)
            .map(|i| entry(&format!("t{i:03}"), 300, &[i % 7, 50 + i % 3]))
            .collect();
        let shards = pack(entries, 2_000, |d| format!("[{d},\"a\",\"T\",\"h\"]"));
        assert!(shards.len() > 10);
        for s in &shards {
            let payload: usize = s.terms.iter().map(|t| t.len() + 1).sum::<usize>()
                + s.docs.values().map(|r| r.len() + 1).sum::<usize>();
            assert!(payload <= 2_000, "{payload}");
            assert_eq!(s.docs.len(), s.docs.keys().count());
        }
        let firsts: Vec<&str> = shards.iter().map(|s| s.first.as_str()).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(firsts[0], "t000");
    }

    #[test]
    fn an_oversized_entry_gets_a_shard_of_its_own() {
        let shards = pack(
            vec![
                entry("a", 10, &[1]),
                entry("b", 5_000, &[2]),
                entry("c", 10, &[3]),
            ],
            1_000,
            |d| d.to_string(),
        );
        assert_eq!(shards.len(), 3);
        assert_eq!(shards[1].docs.keys().copied().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn scripts_escape_line_separators() {
        assert_eq!(js_safe("\"a\u{2028}b\"".into()), "\"a\\u2028b\"");
    }
}
