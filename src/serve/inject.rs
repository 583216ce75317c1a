//! What `dossier serve` changes in a response on its way out: HTML pages get the live-reload
//! client as a `<script src>` (the pages' Content-Security-Policy forbids inline script) and
//! its overlay stylesheet. The built pages in memory stay byte-identical to `dossier build`'s.

/// Where the client and its stylesheet are served from; no site file can live under it.
pub const PREFIX: &str = "/__dossier/";

/// The live-reload client.
pub const LIVERELOAD_JS: &str = include_str!("assets/livereload.js");

/// The overlay's styles.
pub const OVERLAY_CSS: &str = include_str!("assets/overlay.css");

/// The tags that load the client, telling it which build the page came from.
fn tags(generation: u64) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}overlay.css\">\
         <script src=\"{PREFIX}livereload.js?build={generation}\" defer></script>"
    )
}

/// Adds the client to an HTML page, before `</head>`, or at the end when it has none.
pub fn html(page: &[u8], generation: u64) -> Vec<u8> {
    let tags = tags(generation);
    let at = find(page, b"</head>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tags.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tags.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// Shown before the first good build, so the client can show the first build's error.
pub fn placeholder(generation: u64) -> Vec<u8> {
    html(
        b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
          <title>dossier serve</title></head><body><p>No site yet: the first build \
          failed. Fix the error and save; this page reloads by itself.</p></body></html>",
        generation,
    )
}

/// The media type for a file name, by extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_head_end_as_a_src() {
        let got = String::from_utf8(html(b"<html><head><title>t</title></head><body>", 3)).unwrap();
        assert!(
            got.contains("<script src=\"/__dossier/livereload.js?build=3\" defer></script></head>"),
            "{got}"
        );
        assert!(!got.contains("<script>") && !got.contains("style="));
    }

    #[test]
    fn page_without_head_gets_it_at_the_end() {
        let got = String::from_utf8(html(b"<p>x</p>", 1)).unwrap();
        assert!(got.starts_with("<p>x</p><link"), "{got}");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("search/s-001.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(".nojekyll"), "application/octet-stream");
    }
}
