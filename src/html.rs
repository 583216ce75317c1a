//! Low layer, HTML safety: escaping text for element content and attribute values, and
//! neutralising link targets that could run script. Parse, notes and render all use it; it
//! uses nothing of the crate but [`crate::chars`].

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appending to `out`: text without special characters (most of it) is copied in
/// one piece, the rest run by run between them.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    while let Some(i) = crate::chars::find_byte(bytes, copied, is_special) {
        let entity = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        // The special characters are ASCII, so `i` is a character boundary.
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

fn is_special(b: u8) -> bool {
    // Non-short-circuit `|`, so a block of these compiles to vector compares.
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'')
}

/// Keeps web and relative links; anything with another scheme (`javascript:`, `data:`) is
/// neutralised, so a scraped link can never run script.
pub fn safe_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http") | Some("https") | Some("mailto") => url.trim().to_string(),
        Some(_) => "#".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_exactly_the_five_special_characters() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain text"), "plain text");
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        // Multi-byte text around and between special characters is copied whole.
        assert_eq!(escape("«Kabul»&‘Doha’<"), "«Kabul»&amp;‘Doha’&lt;");
        let mut out = String::from("kept ");
        escape_into(&mut out, "a<b");
        assert_eq!(out, "kept a&lt;b");
    }

    /// The character-by-character escape the block scan must equal.
    fn escape_reference(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn escape_equals_the_character_by_character_reference(
            text in "[a-z<>&\"' é’\n]{0,80}"
        ) {
            proptest::prop_assert_eq!(escape(&text), escape_reference(&text));
        }
    }

    #[test]
    fn escape_finds_special_characters_at_every_place_in_a_block() {
        for len in 0..40 {
            for at in 0..len {
                let mut text = "x".repeat(len);
                text.replace_range(at..at + 1, "&");
                assert_eq!(escape(&text), escape_reference(&text), "{len} {at}");
            }
        }
    }

    #[test]
    fn only_web_and_relative_links_are_kept() {
        assert_eq!(safe_url(" https://a.org/x "), "https://a.org/x");
        assert_eq!(safe_url("../b.html#p2"), "../b.html#p2");
        assert_eq!(safe_url("mailto:x@y.org"), "mailto:x@y.org");
        assert_eq!(safe_url("JavaScript:alert(1)"), "#");
        assert_eq!(safe_url("data:text/html,x"), "#");
        // A colon after a slash or query is no scheme.
        assert_eq!(safe_url("a/b:c"), "a/b:c");
    }
}
