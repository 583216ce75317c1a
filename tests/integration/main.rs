//! Integration tests: build fixture sites and assert on the pages, the links and the export.

mod action;
mod check;
mod cli;
mod common;
mod completions;
mod determinism;
mod diagnostics;
mod errors;
mod events;
mod export;
mod extract;
mod feeds;
mod fixture;
mod incremental;
mod init;
mod notes;
mod page_snapshots;
mod paging;
mod reading;
mod search_keys;
mod serve;
mod shipped;
mod size_guard;
