//! Render stage, paging: splits the pages that grow with the corpus — the home list, the
//! timeline and busy actor pages — into parts of bounded size, so no page grows without limit
//! (a 10,000-article timeline on one page would weigh hundreds of megabytes).
//!
//! Parts are cut by weight (entries, keyword lines), never by bytes, so the split is the same
//! whatever the template, and a small corpus keeps everything on one page.

use serde::Serialize;

pub use crate::routes::{part_path, push_part_path};

/// Keyword-in-context lines per actor page (about 0.5 kB each).
pub const ACTOR_LINES_PER_PART: usize = 1000;
/// Mentions above which an actor counts as busy: its page then shows only the first
/// [`BUSY_LINES_PER_ARTICLE`] lines of each article (with how many more there are), because
/// its forms and counts say how the article names it, its first line where, and a busy
/// actor's page would otherwise be most of the site's bytes.
pub const BUSY_ACTOR_MENTIONS: usize = 2000;
/// Keyword lines per article on a busy actor's page.
pub const BUSY_LINES_PER_ARTICLE: usize = 1;
/// Article cards per home page (about 1.5 kB each).
pub const HOME_PER_PART: usize = 250;

/// The cutter every paged list uses (the low layer's, so the index can plan pages with it too).
pub use crate::routes::split;

/// Parts listed on each side of the current one.
const WINDOW: usize = 4;

/// Navigation between the parts of a paged page, as templates see it.
#[derive(Serialize, Clone, Debug)]
pub struct Pager {
    /// Every part, in order.
    pub parts: Vec<PagerLink>,
    /// The previous part, if any.
    pub previous: Option<PagerLink>,
    /// The next part, if any.
    pub next: Option<PagerLink>,
    /// 1-based number of this part.
    pub current: usize,
    /// How many parts there are.
    pub total: usize,
}

/// One part in a pager.
#[derive(Serialize, Clone, Debug)]
pub struct PagerLink {
    /// 1-based part number.
    pub number: usize,
    /// True when parts are left out between this one and the one listed before it.
    pub gap_before: bool,
    /// Page-relative address.
    pub href: String,
    /// What the part covers ("1979 – 2021", "Articles 1–250").
    pub label: String,
    /// True for the page the pager is on.
    pub current: bool,
}

/// A pager for part `current` of `count` parts, linked from a page at `root`; `label(i)`
/// says what part `i` covers. `None` when everything fits on one page.
///
/// Labels are asked for only the parts the pager lists, a bounded number: every part of a
/// 10,000-article timeline (some 900) has a pager, and labelling every part on every one was
/// quadratic.
pub fn pager(
    first: &str,
    count: usize,
    label: impl Fn(usize) -> String,
    current: usize,
    root: &str,
) -> Option<Pager> {
    if count < 2 {
        return None;
    }
    let link = |i: usize| PagerLink {
        number: i + 1,
        gap_before: false,
        href: format!("{root}{}", part_path(first, i)),
        label: label(i),
        current: i == current,
    };
    // The first and last parts and a window around the current one: a page lists a bounded
    // number of parts however many there are.
    let window = current.saturating_sub(WINDOW)..(current + WINDOW + 1).min(count);
    let mut shown: Vec<usize> = Vec::with_capacity(2 * WINDOW + 3);
    shown.extend([0].into_iter().filter(|i| !window.contains(i)));
    shown.extend(window.clone());
    shown.extend([count - 1].into_iter().filter(|i| !window.contains(i)));
    let mut parts: Vec<PagerLink> = Vec::with_capacity(shown.len());
    for (n, &i) in shown.iter().enumerate() {
        let mut l = link(i);
        l.gap_before = n > 0 && shown[n - 1] + 1 != i;
        parts.push(l);
    }
    Some(Pager {
        parts,
        previous: current.checked_sub(1).map(link),
        next: (current + 1 < count).then(|| link(current + 1)),
        current: current + 1,
        total: count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_respects_the_budget_and_keeps_order() {
        assert_eq!(split([1, 1, 1, 1, 1], 2), vec![0..2, 2..4, 4..5]);
        assert_eq!(split([5, 1, 1], 2), vec![0..1, 1..3]);
        assert_eq!(split(Vec::<usize>::new(), 2), vec![0..0]);
        assert_eq!(split([1, 1], 10), vec![0..2]);
    }

    #[test]
    fn later_parts_live_in_a_folder() {
        assert_eq!(part_path("timeline.html", 0), "timeline.html");
        assert_eq!(part_path("timeline.html", 2), "timeline/3.html");
        assert_eq!(part_path("actors/is-k.html", 1), "actors/is-k/2.html");
    }

    #[test]
    fn pager_links_neighbours_from_the_page_root() {
        let labels = ["a".to_string(), "b".to_string(), "c".to_string()];
        let p = pager("timeline.html", 3, |i| labels[i].clone(), 1, "../").unwrap();
        assert_eq!(p.previous.unwrap().href, "../timeline.html");
        assert_eq!(p.next.unwrap().href, "../timeline/3.html");
        assert!(p.parts[1].current && p.total == 3);
        let many: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        let p = pager("timeline.html", 100, |i| many[i].clone(), 50, "").unwrap();
        let numbers: Vec<usize> = p.parts.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 47, 48, 49, 50, 51, 52, 53, 54, 55, 100]);
        assert!(p.parts[1].gap_before && p.parts[10].gap_before && !p.parts[2].gap_before);
        assert!(pager("timeline.html", 1, |i| labels[i].clone(), 0, "").is_none());
    }

    #[test]
    fn pager_lists_the_ends_and_the_window_and_labels_only_those() {
        for count in 2..30 {
            for current in 0..count {
                let asked = std::cell::RefCell::new(Vec::new());
                let p = pager(
                    "t.html",
                    count,
                    |i| {
                        asked.borrow_mut().push(i);
                        i.to_string()
                    },
                    current,
                    "",
                )
                .unwrap();
                let listed: Vec<usize> = p.parts.iter().map(|l| l.number - 1).collect();
                let expected: Vec<usize> = (0..count)
                    .filter(|&i| i == 0 || i + 1 == count || i.abs_diff(current) <= WINDOW)
                    .collect();
                assert_eq!(listed, expected, "{count} {current}");
                assert!(asked.borrow().len() <= expected.len() + 2);
            }
        }
    }
}
