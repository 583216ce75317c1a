//! Integration tests: build fixture sites and assert on the pages, the links and the export.

mod common;
mod determinism;
mod errors;
mod fixture;
mod paging;
mod shipped;
