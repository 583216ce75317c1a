//! dossier turns a folder of news and opinion articles into an annotated, cross-linked reader:
//! actors and dates highlighted and linked, an index page per actor, a timeline of every date.
//!
//! The pipeline has one module per stage, and data flows one way through them:
//! [`load`] → [`parse`] (with [`text`] for plain-text structure) → [`annotate`] → [`index`] →
//! [`notes`] → [`render`], [`search`] and [`export`] side by side → [`linkcheck`] → [`write`].
//! [`pipeline`] runs them, once for every command: [`analysis::Analysis`] is what the first half
//! hands the second. [`model`] holds the [`model::Article`] that carries an article through.
//! Beneath the stages, a low layer every stage may use and that uses none of them: [`html`],
//! [`position`], [`routes`], [`output`], [`chars`] (docs/src/contributing/architecture.md).
#![warn(missing_docs)]

pub mod analysis;
pub mod annotate;
pub mod cache;
pub mod chars;
pub mod check;
/// The command line, for `main.rs`; not an API.
#[doc(hidden)]
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod extract;
pub mod fingerprint;
/// Entry points for the fuzz targets in `fuzz/` and their corpus replay; not an API.
#[doc(hidden)]
pub mod fuzz_entry;
pub mod html;
pub mod ids;
pub mod index;
pub mod init;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod notes;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod position;
pub mod progress;
pub mod render;
pub mod routes;
pub mod scrub;
pub mod search;
pub mod serve;
pub mod size_guard;
pub mod text;
pub mod time;
pub mod write;
