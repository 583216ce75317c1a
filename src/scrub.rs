//! Output hygiene: characters HTML forbids in a document are replaced in every rendered page.
//!
//! Why a pass over the finished pages rather than at each escape: article text reaches a page
//! through several escapers (ours, Tera's autoescape, syntect's highlighter), and scraped text
//! can carry NUL bytes, C0/C1 control characters and Unicode noncharacters, each a parse
//! error that validators reject and browsers handle inconsistently. Sources keep them (the
//! export's byte offsets point into the file as stored); only the HTML shows U+FFFD instead.

use crate::chars::forbidden_in_html as forbidden;
use crate::output::Pages;

/// Replaces forbidden characters in every `.html` page with U+FFFD.
pub fn html_pages(pages: &mut Pages) {
    for (path, bytes) in pages.iter_mut() {
        *bytes = html_page(path, std::mem::take(bytes));
    }
}

/// One file as it should be written: an `.html` page with forbidden characters replaced by
/// U+FFFD, anything else unchanged (for sinks that write pages as they are rendered).
pub fn html_page(path: &str, bytes: Vec<u8>) -> Vec<u8> {
    if !path.ends_with(".html") || !has_suspect_byte(&bytes) {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text
            .chars()
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// A fast pre-check: whether any character in `bytes` is forbidden. Only the lead bytes that
/// can start one (control bytes, C2 for C1 controls, EF and F0–F4 for noncharacters) are
/// decoded; the rest is skipped a block at a time.
fn has_suspect_byte(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = crate::chars::find_byte(bytes, from, is_lead) {
        let suspect = match bytes[i] {
            0xC2 | 0xEF | 0xF0..=0xF4 => {
                let end = (i + 4).min(bytes.len());
                let decoded = (i + 2..=end)
                    .find_map(|e| std::str::from_utf8(&bytes[i..e]).ok())
                    .and_then(|s| s.chars().next());
                decoded.is_none_or(forbidden)
            }
            _ => true,
        };
        if suspect {
            return true;
        }
        from = i + 1;
    }
    false
}

/// Whether `b` can start a forbidden character: a control byte other than ASCII whitespace,
/// DEL, C2 (C1 controls), EF (U+FDD0–U+FDEF, U+FFFE, U+FFFF) or F0–F4 (the other planes'
/// noncharacters). Written with non-short-circuit operators for [`crate::chars::find_byte`].
fn is_lead(b: u8) -> bool {
    let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C);
    control | (b == 0x7F) | (b == 0xC2) | (b == 0xEF) | (0xF0..=0xF4).contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_controls_and_noncharacters_in_html_only() {
        let mut pages = Pages::new();
        let dirty = "a\0b\u{1}c\u{7f}d\u{85}e\u{FFFE}f\u{FDD0}g\u{10FFFF}h\t\n\r\u{0C}é";
        pages.insert("p.html".into(), dirty.as_bytes().to_vec());
        pages.insert("d.json".into(), dirty.as_bytes().to_vec());
        html_pages(&mut pages);
        assert_eq!(
            String::from_utf8(pages["p.html"].clone()).unwrap(),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\t\n\r\u{0C}é"
        );
        assert_eq!(pages["d.json"], dirty.as_bytes());
    }

    #[test]
    fn ordinary_non_ascii_is_not_suspect() {
        assert!(!has_suspect_byte("a · b é “q” … ￼ 😀".as_bytes()));
        for bad in ["\u{85}", "\u{FDD0}", "\u{FFFF}", "\u{1FFFE}", "\u{0}"] {
            assert!(has_suspect_byte(format!("x{bad}y").as_bytes()), "{bad:?}");
        }
    }

    #[test]
    fn pre_check_agrees_with_the_definition_for_every_character() {
        let samples = (0u32..0x3000)
            .chain(0xF000..0x1_0000)
            .chain((0x1_0000..0x11_0000).step_by(0x7FFF))
            .chain([0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF]);
        for c in samples.filter_map(char::from_u32) {
            let text = format!("ab{c}cd");
            assert_eq!(has_suspect_byte(text.as_bytes()), forbidden(c), "{c:?}");
            // Inside the blocks the scan skips whole, at every offset in a block.
            for pad in [16, 21, 30] {
                let text = format!("{}{c}{}", "x".repeat(pad), "y".repeat(17));
                assert_eq!(
                    has_suspect_byte(text.as_bytes()),
                    forbidden(c),
                    "{c:?} {pad}"
                );
            }
        }
    }
}
