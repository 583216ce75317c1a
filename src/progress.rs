//! Build progress: a counter the pipeline ticks per article, and a terminal bar that shows it
//! when a build takes more than a second.
//!
//! The pipeline only bumps atomics (no terminal code, no cost worth measuring); the bar lives
//! on its own thread and polls them, so output stays deterministic and tests stay quiet.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Articles done out of articles to do, shared between the pipeline and whoever displays it.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress {
    /// Sets how many articles the per-article stage will process.
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Counts one more article processed.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// (done, total) so far.
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// Builds shorter than this never show a bar: it would only flicker.
const DELAY: Duration = Duration::from_secs(1);

/// A progress bar on stderr, drawn only on a terminal and only after [`DELAY`].
pub struct Bar {
    progress: Arc<Progress>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Bar {
    /// Starts watching `progress`; draws nothing unless `enabled` and both stdout and stderr
    /// are terminals (CI logs and pipes stay clean).
    pub fn start(enabled: bool) -> Bar {
        let progress = Arc::new(Progress::default());
        let stop = Arc::new(AtomicBool::new(false));
        let show = enabled && std::io::stderr().is_terminal() && std::io::stdout().is_terminal();
        let thread = show.then(|| {
            let (progress, stop) = (progress.clone(), stop.clone());
            std::thread::spawn(move || draw(&progress, &stop))
        });
        Bar {
            progress,
            stop,
            thread,
        }
    }

    /// The counter to hand to the pipeline.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Removes the bar, if it was drawn, before the summary line is printed.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn draw(progress: &Progress, stop: &AtomicBool) {
    let started = Instant::now();
    while started.elapsed() < DELAY {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {msg:<20} [{bar:30}] {pos}/{len} articles ({elapsed})",
    )
    .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    while !stop.load(Ordering::Relaxed) {
        let (done, total) = progress.get();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(if total > 0 && done >= total {
            "rendering, writing"
        } else {
            "parsing, annotating"
        });
        bar.tick();
        std::thread::sleep(Duration::from_millis(100));
    }
    bar.finish_and_clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_stays_off_without_a_terminal() {
        let bar = Bar::start(true);
        bar.progress().set_total(2);
        bar.progress().tick();
        assert_eq!(bar.progress().get(), (1, 2));
        bar.finish();
    }
}
