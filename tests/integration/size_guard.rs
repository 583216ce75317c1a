//! The size guard counts every file a build emits, streamed ones included.

use std::sync::Mutex;

use dossier::config::Site;
use dossier::output::Pages;
use dossier::pipeline::{analyse, emit_measured};
use dossier::size_guard::SizeTally;

use crate::common::repo;

#[test]
fn the_tally_counts_every_byte_emitted() {
    let site = Site::load(&repo().join("site.toml")).unwrap();
    let analysis = analyse(&site).unwrap();
    let pages = Mutex::new(Pages::new());
    let sizes = SizeTally::default();
    emit_measured(&analysis.input(&site), &pages, &sizes).unwrap();
    let pages = pages.into_inner().unwrap();
    let total: usize = pages.values().map(Vec::len).sum();
    assert!(
        pages["data/annotations.json"].len() > 10_000,
        "the streamed export is there"
    );
    assert_eq!(sizes.total(), total as u64);
    assert!(sizes.warnings().is_empty(), "the shipped site is small");
}
