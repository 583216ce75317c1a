//! Search: a full-text index that works from `file://`, written as plain scripts.
//!
//! Browsers block `fetch`, ES modules and WebAssembly on `file://`, so the index is a set of
//! JSONP-style scripts that `static/search.js` adds with `<script src>`: a small manifest
//! (`search/manifest.js`) naming each shard's first term, and range shards
//! (`search/s-000.js`…) of bounded size. BM25 scores come from whole-corpus statistics and long
//! lists keep only their best postings, so a query loads a few shards whatever the corpus size.
//! Everything is sorted and scores are integers: the same input gives the same bytes.

mod bm25;
mod docs;
mod facets;
mod fold;
mod memo;
mod positions;
mod shards;
mod snippet;
pub mod spelling;
pub mod stem;
pub mod tokenize;

use crate::analysis::RenderInput;
use docs::Corpus;

pub use bm25::TOP_K;
pub use memo::keep_terms;

/// Version of the file format, checked by `search.js`.
const FORMAT: u32 = 2;

/// The search index files, as (path relative to the site root, bytes), sorted by path.
pub fn search_files(input: &RenderInput) -> Vec<(String, Vec<u8>)> {
    let docs = docs::Docs::new(input);
    let index = bm25::build(&docs);
    let positions = positions::positions(&docs, &index);
    let facets = facets::Facets::new(input);
    let mut sentences = snippet::Sentences::default();
    let entries: Vec<shards::Entry> = index
        .iter()
        .zip(&positions)
        .map(|((term, postings), positions)| {
            let rows: Vec<(u32, u32, &str, String, Vec<u32>)> = postings
                .iter()
                .zip(positions)
                .map(|(p, at_words)| {
                    let unit = docs.unit(p.doc, p.unit);
                    let at = (p.at.0 as usize, p.at.1 as usize);
                    (
                        p.doc,
                        p.score,
                        unit.anchor,
                        sentences.excerpt(p.doc, p.unit, &unit.text, at),
                        positions::deltas(at_words),
                    )
                })
                .collect();
            shards::Entry {
                term: term.clone(),
                json: json(&(term, rows)),
                docs: postings.iter().map(|p| p.doc).collect(),
            }
        })
        .collect();
    drop((sentences, positions));
    let packed = shards::pack(entries, shards::SHARD_BYTES, |d| {
        let row = docs.facet_row(&facets, d);
        let (kind, title, href) = (docs.kind(d).code(), docs.title(d), docs.href(d));
        json(&(d, kind, title, href, row.outlet, row.year, row.actors))
    });
    let firsts: Vec<&str> = packed.iter().map(|s| s.first.as_str()).collect();
    let manifest = serde_json::json!({
        "format": FORMAT,
        "documents": docs.len(),
        "top": TOP_K,
        "stop": tokenize::STOP_WORDS,
        "actors": facets.actors,
        "outlets": facets.outlets,
        "years": facets.years,
        "shards": firsts,
    });
    let mut files = vec![(
        "search/manifest.js".to_string(),
        shards::js_safe(format!("window.dossierSearch.manifest({manifest});\n")).into_bytes(),
    )];
    for (n, shard) in packed.iter().enumerate() {
        files.push((shards::path(n), shards::script(n, shard).into_bytes()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests;
