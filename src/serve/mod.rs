//! `dossier serve`: builds the site into memory, serves it on 127.0.0.1, and rebuilds and
//! reloads the browser whenever a seed, notes file, template, static file or `site.toml` changes.
//!
//! Serving from memory makes every swap atomic (a request sees the whole old site or the whole
//! new one, never a half-written folder) and never touches `dossier build`'s output. Only the
//! served copy carries the live-reload client: [`inject`] adds it to HTML responses.

mod http;
mod inject;
mod rebuild;
mod state;
mod watch;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};

use self::rebuild::Builder;
use self::state::State;

/// What `dossier serve` was asked for on the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site configuration.
    pub config: PathBuf,
    /// Port on 127.0.0.1; 0 picks a free one (the URL printed says which).
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Print only errors (and the URL, without which the server cannot be used).
    pub quiet: bool,
    /// Serve even when editorial notes are orphans (listed on `orphans.html`).
    pub allow_orphans: bool,
}

/// Builds, serves and watches until the process is stopped; returns only on a setup error
/// (the first build failing is not one: its error is shown in the page until it is fixed).
pub fn run(options: &ServeOptions) -> Result<()> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, options.port)))
        .with_context(|| {
            format!(
                "cannot listen on 127.0.0.1:{}; choose another port with -p",
                options.port
            )
        })?;
    let port = listener.local_addr()?.port();
    let state = Arc::new(State::new());
    let mut builder = Builder::new(&options.config, options.quiet, options.allow_orphans);
    rebuild::first_build(&mut builder, &state);
    let url = format!("http://127.0.0.1:{port}/");
    let mut watcher = watch::Watcher::new(&options.config)?;
    // The site's folders are watched before the first page is served (not from the rebuild
    // thread, which may start late on a busy machine): no edit made after can be missed.
    if let Ok(site) = crate::config::Site::load(&options.config) {
        watcher.follow(&site);
    }
    rebuild::spawn(builder, watcher, Arc::clone(&state))?;
    println!("serving {url} (live reload on; Ctrl-C to stop)");
    if options.open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("warning: cannot open a browser: {e}");
        }
    }
    http::serve(listener, state)
}
