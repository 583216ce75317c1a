//! Parse stage, Markdown: splits TOML front matter (`+++` fences, as in Zola) from the body.

use anyhow::Result;

use crate::config::ArticleMeta;

/// Returns the metadata and the byte offset where the Markdown body starts.
/// Errors name the file and the line and column inside it.
pub fn split(source: &str, path: &str) -> Result<(ArticleMeta, usize)> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &source[bom..];
    let Some(after_open) = rest
        .strip_prefix("+++\n")
        .or_else(|| rest.strip_prefix("+++\r\n"))
    else {
        return Ok((ArticleMeta::default(), 0));
    };
    let open_len = rest.len() - after_open.len();
    let Some(close) = find_close(after_open) else {
        anyhow::bail!("{path}:1:1: front matter opened with +++ is never closed; add a line with +++ after it");
    };
    let toml_text = &after_open[..close];
    let meta: ArticleMeta = toml::from_str(toml_text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| crate::position::line_col(toml_text, s.start))
            .unwrap_or((0, 0));
        anyhow::anyhow!("{path}:{}:{}: front matter: {}", line + 1, col, e.message())
    })?;
    let mut body = bom + open_len + close + 3;
    if source[body..].starts_with("\r\n") {
        body += 2;
    } else if source[body..].starts_with('\n') {
        body += 1;
    }
    Ok((meta, body))
}

/// Offset of the closing `+++` line within the front matter text.
fn find_close(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some(at);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let src = "+++\ntitle = \"T\"\npublished = \"2024\"\n+++\nBody\n";
        let (meta, body) = split(src, "a.md").unwrap();
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(&src[body..], "Body\n");
    }

    #[test]
    fn no_front_matter_is_fine() {
        assert_eq!(split("# Hi\n", "a.md").unwrap().1, 0);
    }

    #[test]
    fn bad_key_names_file_line_and_column() {
        let err = split("+++\ntitle = \"T\"\ncolor = 1\n+++\n", "a.md")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a.md:3:1:") && err.contains("color"),
            "{err}"
        );
    }
}
