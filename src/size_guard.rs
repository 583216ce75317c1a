//! The size guard: what a build wrote, by top-level part, so it can warn before GitHub Pages
//! refuses the site (published sites may weigh at most 1 GB, files at most 100 MB).
//!
//! Every emitted file passes through [`SizeTally::add`]; [`SizeTally::warnings`] then names the
//! biggest parts when the site passes [`SITE_WARNING`] or a file passes [`FILE_LIMIT`].

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;

/// GitHub Pages' limit on a published site.
pub const SITE_LIMIT: u64 = 1_000_000_000;
/// The build warns from this size on: 80 % of [`SITE_LIMIT`], while there is room to act.
pub const SITE_WARNING: u64 = SITE_LIMIT / 10 * 8;
/// GitHub refuses files over 100 MB.
pub const FILE_LIMIT: u64 = 100_000_000;
/// Parts and files named in a warning.
const NAMED: usize = 3;

/// Bytes written, per top-level part (`articles/`, `data/`, `index.html`…), and every file
/// over [`FILE_LIMIT`]; shared by the threads that emit files.
#[derive(Debug, Default)]
pub struct SizeTally {
    inner: Mutex<Tally>,
}

#[derive(Debug, Default)]
struct Tally {
    parts: BTreeMap<String, u64>,
    too_big: Vec<(String, u64)>,
}

impl SizeTally {
    /// Counts one file of `bytes` bytes at output path `path`.
    pub fn add(&self, path: &str, bytes: u64) {
        let part = match path.split_once('/') {
            Some((folder, _)) => format!("{folder}/"),
            None => path.to_string(),
        };
        if let Ok(mut t) = self.inner.lock() {
            *t.parts.entry(part).or_default() += bytes;
            if bytes > FILE_LIMIT {
                t.too_big.push((path.to_string(), bytes));
            }
        }
    }

    /// Total bytes counted.
    pub fn total(&self) -> u64 {
        self.inner.lock().map_or(0, |t| t.parts.values().sum())
    }

    /// The warnings a build prints: one when the site passes [`SITE_WARNING`], naming its
    /// biggest parts, and one per file over [`FILE_LIMIT`], biggest first.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let Ok(t) = self.inner.lock() else {
            return Vec::new();
        };
        let total: u64 = t.parts.values().sum();
        let mut out = Vec::new();
        if total > SITE_WARNING {
            let mut parts: Vec<(&String, &u64)> = t.parts.iter().collect();
            parts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let named: Vec<String> = parts
                .iter()
                .take(NAMED)
                .map(|(p, n)| format!("{p} {}", mb(**n)))
                .collect();
            out.push(Diagnostic::warning(
                None,
                format!(
                    "the site is {}, over 80 % of the {} GitHub Pages publishes; biggest parts: {}",
                    mb(total),
                    mb(SITE_LIMIT),
                    named.join(", ")
                ),
            ));
        }
        let mut big = t.too_big.clone();
        big.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (path, n) in big {
            out.push(Diagnostic::warning(
                None,
                format!(
                    "{path} is {}, over the {} GitHub accepts for one file",
                    mb(n),
                    mb(FILE_LIMIT)
                ),
            ));
        }
        out
    }
}

/// Bytes as decimal megabytes, the unit GitHub states its limits in.
fn mb(bytes: u64) -> String {
    format!("{} MB", (bytes + 500_000) / 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_site_gets_no_warning() {
        let t = SizeTally::default();
        t.add("index.html", 10_000);
        t.add("articles/a.html", 50_000_000);
        assert!(t.warnings().is_empty());
        assert_eq!(t.total(), 50_010_000);
    }

    #[test]
    fn past_eighty_percent_the_biggest_parts_are_named() {
        let t = SizeTally::default();
        for i in 0..5 {
            t.add(&format!("articles/{i}.html"), 95_000_000);
        }
        t.add("timeline.html", 1_000);
        t.add("data/annotations.json", 300_000_000);
        t.add("actors/a.html", 20_000_000);
        t.add("entities/e.html", 10_000_000);
        let w = t.warnings();
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(
            w[0].message,
            "the site is 805 MB, over 80 % of the 1000 MB GitHub Pages publishes; biggest parts: articles/ 475 MB, data/ 300 MB, actors/ 20 MB"
        );
        assert!(w[1]
            .message
            .starts_with("data/annotations.json is 300 MB, over the 100 MB"));
    }

    #[test]
    fn exactly_at_the_limits_is_not_over_them() {
        let t = SizeTally::default();
        t.add("data/x.json", FILE_LIMIT);
        assert!(t.warnings().is_empty());
        let t = SizeTally::default();
        for i in 0..8 {
            t.add(&format!("articles/{i}.html"), SITE_WARNING / 8);
        }
        assert!(t.warnings().is_empty());
        t.add("b.html", 1);
        assert_eq!(t.warnings().len(), 1);
    }
}
