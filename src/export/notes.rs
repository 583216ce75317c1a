//! Export stage, editorial notes: `data/notes.jsonld`, every note as a W3C Web Annotation
//! (JSON-LD), so Hypothesis-style tools can import them.
//!
//! Each annotation targets its article page with a `TextQuoteSelector` (exact words and up to
//! 32 characters of prefix and suffix) and a `TextPositionSelector` (start and end in Unicode
//! code points of the article's reader text: the plain text of its standfirst, headings,
//! paragraphs and list items, joined by blank lines). The body is the note twice, as its
//! Markdown source and as HTML. Orphans are exported too, with the editor's quote selector only
//! and `"dossier:orphan": true`. Without `base_url` every address is relative to the file's own
//! location (`data/`), as JSON-LD resolves them; with it, absolute.

use serde_json::{json, Value};

use crate::config::SiteConfig;
use crate::ids::ArticleIx;
use crate::notes::refs::Names;
use crate::notes::NoteSet;
use crate::render::notes::body_html;

/// The notes export as bytes: pretty-printed, deterministic.
pub fn notes_jsonld(config: &SiteConfig, names: Names, notes: &NoteSet) -> Vec<u8> {
    let base = config
        .base_url
        .as_ref()
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    let page = |id: &str| match &base {
        Some(b) => format!("{b}articles/{id}.html"),
        None => format!("../articles/{id}.html"),
    };
    let own = match &base {
        Some(b) => format!("{b}data/notes.jsonld"),
        None => String::new(),
    };
    let bodies = |markdown: &str, html: String| {
        json!([
            {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown",
             "language": config.language, "value": markdown},
            {"type": "TextualBody", "purpose": "commenting", "format": "text/html",
             "language": config.language, "value": html},
        ])
    };
    let mut items: Vec<(ArticleIx, usize, Value)> = Vec::new();
    for (a, article) in names.articles.iter_enumerated() {
        for p in notes.of(a) {
            let html = body_html(&p.note.body, &p.refs, names, "../");
            items.push((a, p.note.line, json!({
                "id": format!("{own}#{}-{}", article.id, p.html_id),
                "type": "Annotation",
                "motivation": "commenting",
                "body": bodies(&p.note.body, html),
                "target": {
                    "source": page(&article.id),
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": p.exact, "prefix": p.prefix, "suffix": p.suffix},
                        {"type": "TextPositionSelector", "start": p.position.0, "end": p.position.1},
                    ],
                },
            })));
        }
    }
    for (n, o) in notes.orphans.iter().enumerate() {
        let article = &names.articles[o.article];
        let html = body_html(&o.note.body, &o.refs, names, "../");
        items.push((o.article, o.note.line, json!({
            "id": format!("{own}#{}-orphan-{}", article.id, n + 1),
            "type": "Annotation",
            "motivation": "commenting",
            "dossier:orphan": true,
            "body": bodies(&o.note.body, html),
            "target": {
                "source": page(&article.id),
                "selector": [
                    {"type": "TextQuoteSelector", "exact": o.note.quote, "prefix": o.note.prefix, "suffix": o.note.suffix},
                ],
            },
        })));
    }
    items.sort_by_key(|(a, line, _)| (*a, *line));
    let items: Vec<Value> = items.into_iter().map(|(_, _, v)| v).collect();
    let doc = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{own}#notes"),
        "type": "AnnotationCollection",
        "label": format!("Editorial notes: {}", config.title),
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
