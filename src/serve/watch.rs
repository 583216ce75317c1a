//! Watches what a build reads — `site.toml`, the seeds (with the `*.notes.md` beside them),
//! `templates/` and `static/` — and reports debounced changes, ignoring everything else in the
//! project folder (the output, `target/`, `.git`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::config::Site;

/// Quiet time before a burst of writes counts as one change: short enough to rebuild well
/// inside the 300 ms an edit may take to show, long enough to merge an editor's save steps.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// A file watcher for one site; [`Watcher::changes`] yields one `()` per debounced change.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    changes: Option<Receiver<()>>,
    /// Paths whose changes matter: the config file and the folders a build reads.
    relevant: Arc<RwLock<Vec<PathBuf>>>,
    root: PathBuf,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    /// Watches the folder of `config` (not recursively: it may hold `target/` or the output).
    pub fn new(config: &Path) -> Result<Self> {
        let config = std::path::absolute(config)
            .with_context(|| format!("cannot resolve {}", config.display()))?;
        let root = config.parent().unwrap_or(Path::new("/")).to_path_buf();
        let relevant = Arc::new(RwLock::new(vec![
            config,
            root.join(crate::load::NOTES_DIR),
            root.join("templates"),
            root.join("static"),
        ]));
        let (tx, rx) = channel();
        let debouncer = new_debouncer(DEBOUNCE, None, handler(tx, Arc::clone(&relevant)))
            .context("cannot start the file watcher")?;
        let mut watcher = Self {
            debouncer,
            changes: Some(rx),
            relevant,
            root: root.clone(),
            watched: HashSet::new(),
        };
        watcher.watch(&root, RecursiveMode::NonRecursive);
        Ok(watcher)
    }

    /// The change notifications; can be taken once.
    pub fn changes(&mut self) -> Receiver<()> {
        self.changes.take().unwrap_or_else(|| channel().1)
    }

    /// Watches the folders `site` reads (the seeds folder may have moved, `templates/` may
    /// have been created since the last call).
    pub fn follow(&mut self, site: &Site) {
        let seeds = std::path::absolute(site.seeds_dir()).unwrap_or_else(|_| site.seeds_dir());
        let folders = [
            seeds,
            self.root.join(crate::load::NOTES_DIR),
            self.root.join("templates"),
            self.root.join("static"),
        ];
        {
            let mut relevant = self.relevant.write().unwrap_or_else(|e| e.into_inner());
            relevant.truncate(1);
            relevant.extend(folders.iter().cloned());
        }
        for folder in folders {
            if folder.is_dir() {
                self.watch(&folder, RecursiveMode::Recursive);
            }
        }
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) {
        if self.watched.contains(path) {
            return;
        }
        match self.debouncer.watch(path, mode) {
            Ok(()) => {
                self.watched.insert(path.to_path_buf());
            }
            Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
        }
    }
}

/// Forwards a batch of events as one change when any of its paths matters. Reads are not
/// changes (the build itself opens every file it watches).
fn handler(
    tx: Sender<()>,
    relevant: Arc<RwLock<Vec<PathBuf>>>,
) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| match result {
        Ok(events) => {
            let relevant = relevant.read().unwrap_or_else(|e| e.into_inner());
            let matters = events.iter().any(|e| {
                !matches!(e.kind, EventKind::Access(_))
                    && e.paths
                        .iter()
                        .any(|p| relevant.iter().any(|r| p.starts_with(r)))
            });
            if matters {
                let _ = tx.send(());
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("warning: file watcher: {e}");
            }
        }
    }
}
