//! dossier turns a folder of news and opinion articles into an annotated, cross-linked reader:
//! actors and dates highlighted and linked, an index page per actor, a timeline of every date.
//!
//! The pipeline has one module per stage, and data flows one way through them:
//! [`load`] → [`parse`] (with [`text`] for plain-text structure) → [`annotate`] → [`index`] →
//! [`notes`] → [`render`] → [`linkcheck`] → [`write`], with [`export`] beside render. [`pipeline`] runs them;
//! [`model`] holds the [`model::Article`] that carries an article through.
#![warn(missing_docs)]

pub mod annotate;
pub mod cache;
pub mod chars;
pub mod check;
pub mod cli;
pub mod config;
pub mod export;
pub mod extract;
pub mod fingerprint;
pub mod fuzz_entry;
pub mod index;
pub mod init;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod notes;
pub mod parse;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod scrub;
pub mod search;
pub mod serve;
pub mod text;
pub mod time;
pub mod write;
