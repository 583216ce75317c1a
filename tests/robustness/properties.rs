//! Property tests: for any article built from hostile pieces, exported offsets point at the
//! mention's text, mentions never overlap, and every page is error-free HTML5 that shows the
//! input as text and runs no script but the site's own.

use std::path::PathBuf;

use dossier::config::{self, Site};
use dossier::model::{Format, SourceFile};
use dossier::pipeline;
use proptest::prelude::*;
use scraper::Selector;

use crate::support::*;

/// Pieces chosen to collide: actor names inside words, dates, markup, template syntax,
/// entities, list markers, odd Unicode and line breaks of every kind.
const PIECES: &[&str] = &[
    "Russia",
    "Russian",
    "Moscow",
    "UN",
    "the UN",
    "United Nations",
    "in Moscow",
    "Russia’s",
    "3 May 2024",
    "May",
    "2024",
    "last year",
    "the 1990s",
    "9/11",
    "four years",
    "July 3",
    "<script>alert(1)</script>",
    "<b>",
    "</p>",
    "&amp;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "{{ x }}",
    "{% if %}",
    "{#",
    "javascript:alert(1)",
    "[a](javascript:x)",
    "- ",
    "1. ",
    "• ",
    "* ",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{0}",
    "\u{1}",
    "é",
    "日本",
    "👍",
    "İ",
    "ß",
    "\t",
    " ",
    " ",
    " ",
    ".",
    ". ",
    ",",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "#",
    "> ",
    "`",
    "```",
    "The views expressed are the author's own.",
    "0 Comment",
    "Share",
];

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn site() -> Site {
    Site {
        config: config::parse(CONFIG).unwrap(),
        root: PathBuf::from("."),
        config_path: PathBuf::from("site.toml"),
    }
}

/// Whitespace runs as one space, invisible format characters (which line trimming may drop
/// at a line's edge) removed.
fn collapse(s: &str) -> String {
    let visible: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mentions_point_at_their_text_and_pages_are_safe_html(text in article_text(), md in any::<bool>()) {
        let site = site();
        let source = SourceFile {
            id: "p".into(),
            path: PathBuf::from(if md { "seeds/p.md" } else { "seeds/p.txt" }),
            display_path: if md { "seeds/p.md".into() } else { "seeds/p.txt".into() },
            text: text.clone(),
            format: if md { Format::Markdown } else { Format::Text },
        };
        let hooks = pipeline::Hooks::default();
        let analysis = match pipeline::analyse_loaded(&site, vec![source], &[], hooks, &mut pipeline::Stages::default()) {
            Ok(x) => x,
            // Only Markdown front matter can be malformed; that is a clean error.
            Err(e) => { prop_assert!(md && text.starts_with("+++"), "{e:#}"); return Ok(()); }
        };
        let article = &analysis.articles.raw[0];
        let mut end = 0;
        for m in &article.mentions {
            prop_assert!(m.span.start >= end, "overlap at {:?}", m.span);
            end = m.span.end;
            prop_assert!(text.get(m.span.clone()).is_some());
        }
        let (pages, broken) = pipeline::emit_to_memory(&analysis.input(&site)).unwrap();
        prop_assert!(broken.is_empty(), "{broken:?}");
        let export: serde_json::Value = serde_json::from_slice(&pages["data/annotations.json"]).unwrap();
        for m in export["mentions"].as_array().unwrap() {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            prop_assert_eq!(&text[s..e], m["text"].as_str().unwrap());
        }
        for (path, bytes) in &pages {
            if path.ends_with(".html") {
                check_page(path, std::str::from_utf8(bytes).unwrap());
            }
        }
        let doc = check_page("p", std::str::from_utf8(&pages["articles/p.html"]).unwrap());
        // Mention links never nest inside each other.
        prop_assert_eq!(doc.select(&Selector::parse("a a").unwrap()).count(), 0);
        if !md {
            // Plain text: every word of the input is shown as text (controls as U+FFFD).
            let shown = collapse(&text_of(&doc, "article"));
            // A leading byte-order mark is not text.
            let body = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
            for line in body.split(['\n', '\r']) {
                let clean: String = line
                    .chars()
                    .map(|c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c })
                    .collect();
                for word in collapse(&clean).split(' ').filter(|w| !w.is_empty()) {
                    if ["-", "•", "*", "1."].contains(&word) {
                        continue; // list markers become list items
                    }
                    // Trailing matter drops the emphasis marks copy-paste leaves around
                    // it ("*The views expressed are the author's own.*").
                    let bare = word.trim_matches(['*', '_']);
                    prop_assert!(
                        shown.contains(word) || shown.contains(bare),
                        "{word:?} missing from {shown:?}"
                    );
                }
            }
        }
    }
}
