//! What the server threads share: the last good site, the current build error, and the
//! channel that tells connected pages to reload or show the error.

use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use std::collections::HashSet;
use std::path::PathBuf;

/// A message for every connected page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A build succeeded and changed the site: reload.
    Reload,
    /// A build failed: show this message over the page (which stays the last good one).
    Error(String),
    /// Sent first on every connection: the current build, which a page from an older one
    /// must reload to catch up with.
    Hello(u64),
}

impl Event {
    /// The message as sent over the websocket: `{"type":"reload"}` or
    /// `{"type":"error","message":"…"}`, read by `livereload.js`.
    pub fn to_json(&self) -> String {
        match self {
            Event::Reload => serde_json::json!({ "type": "reload" }).to_string(),
            Event::Hello(generation) => {
                serde_json::json!({ "type": "hello", "build": generation }).to_string()
            }
            Event::Error(message) => {
                serde_json::json!({ "type": "error", "message": message }).to_string()
            }
        }
    }
}

/// One complete site and its build number, read together so a page can tell the live-reload
/// client which build it came from (and so catch a rebuild that finished before it connected).
pub struct Snapshot {
    pub generation: u64,
    /// The folder the site was built into (inside the cache folder, like `dossier build`'s
    /// output: the pages stay on disk, not in memory).
    pub root: PathBuf,
    /// The files its manifest lists: only those are served, so no request reaches outside.
    pub files: HashSet<String>,
    /// A digest of their bytes' hashes ([`crate::write::listing`]).
    pub digest: u128,
}

impl Snapshot {
    /// Whether the site has the file `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// The bytes of the file `path`, read from the built folder.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        if !self.contains(path) {
            return None;
        }
        std::fs::read(self.root.join(path)).ok()
    }
}

/// Shared between the rebuild thread (writer) and the request handlers (readers).
pub struct State {
    site: RwLock<Arc<Snapshot>>,
    error: RwLock<Option<String>>,
    events: broadcast::Sender<Event>,
}

impl State {
    /// No site yet (pages answer 404 until the first good build), no error.
    pub fn new() -> Self {
        Self {
            site: RwLock::new(Arc::new(Snapshot {
                generation: 0,
                root: PathBuf::new(),
                files: HashSet::new(),
                digest: 0,
            })),
            error: RwLock::new(None),
            events: broadcast::channel(16).0,
        }
    }

    /// The site to answer from: the last one that built completely.
    pub fn site(&self) -> Arc<Snapshot> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The error of the last build, when it failed.
    pub fn error(&self) -> Option<String> {
        self.error.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A receiver of every later event, for one websocket.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Swaps in a completely built site and tells pages to reload, unless nothing changed
    /// (an editor's backup file, a save without edits) and no error is showing.
    pub fn publish(&self, root: PathBuf) {
        let (files, digest) = crate::write::listing(&root);
        let was_error = self
            .error
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .is_some();
        let mut current = self.site.write().unwrap_or_else(|e| e.into_inner());
        let changed = current.generation == 0 || current.digest != digest;
        if changed {
            *current = Arc::new(Snapshot {
                generation: current.generation + 1,
                root,
                files,
                digest,
            });
        }
        drop(current);
        if changed || was_error {
            // No receiver means no page is open: nothing to tell.
            let _ = self.events.send(Event::Reload);
        }
    }

    /// Records a failed build; the last good site keeps being served.
    pub fn fail(&self, message: String) {
        *self.error.write().unwrap_or_else(|e| e.into_inner()) = Some(message.clone());
        let _ = self.events.send(Event::Error(message));
    }
}
