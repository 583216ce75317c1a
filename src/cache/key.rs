//! What an article's analysis depends on, hashed: its bytes, path and format, its own
//! metadata table in `site.toml`, the settings every article is annotated with, and (in the
//! cache file's header rather than each key) the binary that analysed it.

use crate::config::{Site, SiteConfig};
use crate::model::{Article, Format, SourceFile};

/// A BLAKE3 hash of everything an article's analysis depends on, the corpus aside (that
/// part is the digest stored beside it, see `pipeline::annotate`).
pub type Key = [u8; 32];

/// The settings of `site.toml` that reach the analysis of every article: the actors.
///
/// The config is taken apart field by field, so a new setting does not compile until it is
/// sorted here into "reaches the analysis" or "only reaches the pages".
pub fn settings(site: &Site) -> blake3::Hash {
    let SiteConfig {
        title: _,
        description: _,
        language: _,
        base_url: _,
        output_dir: _,
        seeds_dir: _,
        feed_limit: _,
        // Each article's own table goes into its key instead.
        articles: _,
        // Positions for messages; the one an article's warnings name goes into its key.
        spans: _,
        actors,
    } = &site.config;
    let mut h = blake3::Hasher::new();
    field(&mut h, format!("{actors:?}").as_bytes());
    h.finalize()
}

/// The site's article ids, hashed whatever their order: what the links of a Markdown article
/// to other articles by their files (`[see](other.md)`) are checked against when it is
/// parsed, so that a link to an article that has gone is reported at its line again.
pub fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> blake3::Hash {
    let sorted: std::collections::BTreeSet<&str> = ids.collect();
    let mut h = blake3::Hasher::new();
    for id in sorted {
        field(&mut h, id.as_bytes());
    }
    h.finalize()
}

/// The key of one article's analysis under `settings` (from [`settings`]) in a site whose
/// article ids hash to `ids` (from [`ids`]).
pub fn of(site: &Site, settings: &blake3::Hash, ids: &blake3::Hash, file: &SourceFile) -> Key {
    of_parts(
        site,
        settings,
        ids,
        &file.id,
        &file.display_path,
        file.format,
        &file.text,
    )
}

/// [`of`] for an article already analysed (from the fields it kept of its file).
pub fn of_article(
    site: &Site,
    settings: &blake3::Hash,
    ids: &blake3::Hash,
    article: &Article,
) -> Key {
    of_parts(
        site,
        settings,
        ids,
        &article.id,
        &article.source_path,
        article.format,
        &article.source,
    )
}

/// Whether a text may hold a link to another article by its file: such a link's destination
/// ends in `.md` or `.txt`, written out or (Markdown decodes them) with character references.
/// A plain-text article has no links.
fn may_link_articles(format: Format, text: &str) -> bool {
    format == Format::Markdown
        && (text.contains(".md") || text.contains(".txt") || text.contains('&'))
}

fn of_parts(
    site: &Site,
    settings: &blake3::Hash,
    ids: &blake3::Hash,
    id: &str,
    path: &str,
    format: Format,
    text: &str,
) -> Key {
    let mut h = blake3::Hasher::new();
    field(&mut h, settings.as_bytes());
    field(&mut h, id.as_bytes());
    field(&mut h, path.as_bytes());
    field(
        &mut h,
        match format {
            Format::Text => b"txt",
            Format::Markdown => b"md",
        },
    );
    let table = site
        .config
        .articles
        .get(id)
        .map(|m| format!("{m:?}"))
        .unwrap_or_default();
    field(&mut h, table.as_bytes());
    // A warning about the article's `url` names where site.toml writes it.
    let spans = &site.config.spans;
    let url_at = format!("{:?} {:?}", spans.file, spans.urls.get(id));
    field(&mut h, url_at.as_bytes());
    if may_link_articles(format, text) {
        field(&mut h, ids.as_bytes());
    }
    field(&mut h, text.as_bytes());
    *h.finalize().as_bytes()
}

/// What a page shows of an article can change only when this does: its key and the corpus
/// answers it was analysed with.
pub fn digest(key: &Key, corpus_digest: u64) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    h.update(key);
    h.update(&corpus_digest.to_le_bytes());
    h.digest128()
}

/// The binary and encoding a cache file was written by: a file from any other is ignored.
pub fn identity() -> Key {
    let mut h = blake3::Hasher::new();
    field(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
    field(&mut h, &super::codec::FORMAT.to_le_bytes());
    field(&mut h, crate::fingerprint::binary_identity().as_bytes());
    *h.finalize().as_bytes()
}

/// Length-prefixed, so that no two different field lists hash alike.
fn field(h: &mut blake3::Hasher, bytes: &[u8]) {
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(toml: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), toml).unwrap();
        Site::load(&dir.path().join("site.toml")).unwrap()
    }

    fn file(id: &str, text: &str) -> SourceFile {
        SourceFile {
            id: id.into(),
            path: format!("seeds/{id}.txt").into(),
            display_path: format!("seeds/{id}.txt"),
            text: text.into(),
            format: Format::Text,
        }
    }

    #[test]
    fn keys_change_with_what_the_analysis_reads_and_nothing_else() {
        let base = site("title = \"A\"\n[[actors]]\nid = \"r\"\nname = \"Russia\"\n");
        let ids = ids(["a", "b"].into_iter());
        let key = |s: &Site, f: &SourceFile| of(s, &settings(s), &ids, f);
        let a = file("a", "Text.\n");
        let k = key(&base, &a);
        assert_eq!(k, key(&base, &a.clone()));
        assert_ne!(k, key(&base, &file("a", "Text!\n")), "its bytes");
        assert_ne!(k, key(&base, &file("b", "Text.\n")), "its id and path");
        let md = SourceFile {
            format: Format::Markdown,
            ..a.clone()
        };
        assert_ne!(k, key(&base, &md), "its format");
        let actors = site("title = \"A\"\n[[actors]]\nid = \"r\"\nname = \"Russland\"\n");
        assert_ne!(k, key(&actors, &a), "the actors");
        let own = site(
            "title = \"A\"\n[[actors]]\nid = \"r\"\nname = \"Russia\"\n[articles.a]\ntitle = \"T\"\n",
        );
        assert_ne!(k, key(&own, &a), "its own table");
        let other = site(
            "title = \"B\"\ndescription = \"d\"\n[[actors]]\nid = \"r\"\nname = \"Russia\"\n[articles.b]\ntitle = \"T\"\n",
        );
        assert_eq!(
            k,
            key(&other, &a),
            "the site's title, another article's table"
        );
    }

    #[test]
    fn only_markdown_that_may_link_to_articles_depends_on_the_other_ids() {
        let s = site("title = \"A\"\n");
        let (two, three) = (
            ids(["a", "b"].into_iter()),
            ids(["b", "c", "a"].into_iter()),
        );
        assert_eq!(two, ids(["b", "a"].into_iter()), "the order of the ids");
        let md = |text: &str| SourceFile {
            format: Format::Markdown,
            ..file("a", text)
        };
        let key = |ids: &blake3::Hash, f: &SourceFile| of(&s, &settings(&s), ids, f);
        for linking in [
            "See [b](b.md).\n",
            "See [b](./b.txt#p2).\n",
            "[b](b&#46;md)\n",
        ] {
            assert_ne!(
                key(&two, &md(linking)),
                key(&three, &md(linking)),
                "{linking}"
            );
        }
        let plain = md("No link here.\n");
        assert_eq!(key(&two, &plain), key(&three, &plain));
        let text = file("a", "See b.md.\n");
        assert_eq!(
            key(&two, &text),
            key(&three, &text),
            "plain text has no links"
        );
    }
}
