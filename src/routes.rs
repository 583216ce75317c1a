//! Low layer, routes: the site's URL scheme. Every output path and internal link is built
//! here, page-relative, so one build works from disk, at a domain root and under a project
//! path; render, search, export and the notes all link through it.

/// Timeline entries per timeline page (about 1 kB of HTML each).
pub const TIMELINE_PER_PART: usize = 400;

/// Output path of part `part` (0-based) of a paged page whose first part is `first`
/// (`"timeline.html"`): later parts live in a folder named after it (`timeline/2.html`).
pub fn part_path(first: &str, part: usize) -> String {
    let mut out = String::with_capacity(first.len() + 8);
    push_part_path(&mut out, first, part);
    out
}

/// Writes [`part_path`] into `out`: article pages write one into every date link.
pub fn push_part_path(out: &mut String, first: &str, part: usize) {
    if part == 0 {
        out.push_str(first);
    } else {
        out.push_str(first.trim_end_matches(".html"));
        out.push('/');
        out.push_str(itoa::Buffer::new().format(part + 1));
        out.push_str(".html");
    }
}

/// The prefix that leads from a page back to the site root: `""` or `"../"`.
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Output path of an article page.
pub fn article_path(id: &str) -> String {
    concat(&["articles/", id, ".html"])
}

/// Output path of an actor page.
pub fn actor_path(id: &str) -> String {
    concat(&["actors/", id, ".html"])
}

/// Link from a page at `root` to an actor page.
pub fn actor_href(root: &str, id: &str) -> String {
    let mut out = String::with_capacity(root.len() + id.len() + 12);
    push_actor_href(&mut out, root, id);
    out
}

/// Writes [`actor_href`]'s link into `out`, for the many links of an article page.
pub fn push_actor_href(out: &mut String, root: &str, id: &str) {
    for piece in [root, "actors/", id, ".html"] {
        out.push_str(piece);
    }
}

/// Link from a page at `root` to an article page.
pub fn article_href(root: &str, id: &str) -> String {
    concat(&[root, "articles/", id, ".html"])
}

/// Link from a page at `root` to an article's paragraph (or other block) `anchor`.
pub fn article_anchor_href(root: &str, id: &str, anchor: &str) -> String {
    concat(&[root, "articles/", id, ".html#", anchor])
}

/// The short code that stands for an article in the fragments other pages link to
/// (`entities/kabul.html#in-3kq9x2fa`), instead of its whole id: eight characters of a hash of
/// the id alone, so a code never changes when other articles come, go or change, and an
/// incremental rebuild need not touch the pages that link to it.
pub fn article_key(id: &str) -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let hash = blake3::hash(id.as_bytes());
    let bytes = hash.as_bytes();
    let bits = bytes[..5]
        .iter()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    (0..8)
        .rev()
        .map(|i| DIGITS[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// The pieces joined in one allocation of the right size: links are built by the million
/// on a big site, and `format!` costs several times more for plain joining.
fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
    out
}

/// Anchor of a timeline entry: stable across builds because it is made of the article id
/// and the mention's byte offset in the source.
pub fn timeline_entry_id(article: &str, start: usize) -> String {
    format!("t-{article}-{start}")
}

/// Link from a page at `root` to timeline entry number `entry` (its position on the timeline),
/// whose anchor is `id`: the entry lives on the timeline part that holds its position.
pub fn timeline_entry_href(root: &str, entry: usize, id: &str) -> String {
    let part = entry / TIMELINE_PER_PART;
    format!("{root}{}#{id}", part_path("timeline.html", part))
}

/// Writes the link [`timeline_entry_href`] makes to the entry [`timeline_entry_id`] names,
/// without building either: an article page links every date twice, in its text and in its
/// margin notes, so a big site writes a million of these.
pub fn push_timeline_entry_href(
    out: &mut String,
    root: &str,
    entry: usize,
    article: &str,
    start: usize,
) {
    out.push_str(root);
    push_part_path(out, "timeline.html", entry / TIMELINE_PER_PART);
    out.push_str("#t-");
    out.push_str(article);
    out.push('-');
    out.push_str(itoa::Buffer::new().format(start));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushed_timeline_links_are_the_built_ones() {
        let per_part = super::TIMELINE_PER_PART;
        for entry in [0, 1, per_part - 1, per_part, 7 * per_part + 3] {
            for root in ["", "../"] {
                let mut out = String::from("x");
                push_timeline_entry_href(&mut out, root, entry, "002_ab", 1675);
                let built = timeline_entry_href(root, entry, &timeline_entry_id("002_ab", 1675));
                assert_eq!(out, format!("x{built}"));
            }
        }
    }

    #[test]
    fn article_keys_are_short_stable_and_apart() {
        let key = article_key("00000-what-aid-conditionality-means-for-vladimir-putin");
        assert_eq!(key.len(), 8);
        assert!(key
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
        // The id alone decides it: the same on every call, different for another id.
        assert_eq!(
            key,
            article_key("00000-what-aid-conditionality-means-for-vladimir-putin")
        );
        assert_ne!(
            key,
            article_key("00001-what-aid-conditionality-means-for-vladimir-putin")
        );
        // Pinned: a code that changed between versions would break every link to it.
        assert_eq!(article_key("a"), "2tr2vnep");
    }

    #[test]
    fn roots_follow_depth() {
        assert_eq!(root_for("index.html"), "");
        assert_eq!(root_for("articles/a.html"), "../");
        assert_eq!(actor_href("../", "is-k"), "../actors/is-k.html");
        assert_eq!(article_href("", "a-1"), "articles/a-1.html");
        assert_eq!(
            article_anchor_href("../", "a", "p4"),
            "../articles/a.html#p4"
        );
    }
}
