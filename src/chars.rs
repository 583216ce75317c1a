//! Character access for the byte-scanning tokenizers (entities, search): most text is ASCII,
//! so a scan that moves by bytes and decodes only non-ASCII characters is several times faster
//! than walking `char_indices`.

/// The character starting at byte `i` of `text` (a char boundary) and its length in bytes,
/// decoding only non-ASCII.
#[inline(always)]
pub fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    }
}

/// The first byte at or after `from` for which `wanted` holds. For scans over every byte of
/// every page (HTML escaping, the output scrub), where wanted bytes are rare: blocks of 16 are
/// tested whole — a fixed-size block folded with `|` and no early exit is what the compiler
/// turns into vector compares, about 4× faster than byte by byte — so `wanted` should be built
/// from comparisons joined by the non-short-circuit `|` and `&`.
#[inline(always)]
pub fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    const BLOCK: usize = 16;
    let mut at = from;
    while let Some(Ok(block)) = bytes.get(at..at + BLOCK).map(<&[u8; BLOCK]>::try_from) {
        let mut found = 0u8;
        for &b in block {
            found |= u8::from(wanted(b));
        }
        if found != 0 {
            break;
        }
        at += BLOCK;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| wanted(b))
        .map(|i| at + i)
}

/// Control characters other than ASCII whitespace, and noncharacters: the HTML standard's
/// input-stream parse errors, which the output scrub replaces in every page.
pub fn forbidden_in_html(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::{char_at, find_byte};

    #[test]
    fn find_byte_finds_the_first_wanted_byte_anywhere_in_a_block() {
        for len in 0..40 {
            let none = vec![b'x'; len];
            assert_eq!(find_byte(&none, 0, |b| b == b'&'), None);
            for at in 0..len {
                let mut bytes = none.clone();
                bytes[at] = b'&';
                for from in 0..=len {
                    let expected = (from <= at).then_some(at);
                    assert_eq!(
                        find_byte(&bytes, from, |b| b == b'&'),
                        expected,
                        "{len} {at} {from}"
                    );
                }
            }
        }
        assert_eq!(find_byte(b"abc", 7, |b| b == b'a'), None);
    }

    #[test]
    fn decodes_ascii_and_multibyte_characters() {
        let text = "aé–😀";
        assert_eq!(char_at(text, 0), ('a', 1));
        assert_eq!(char_at(text, 1), ('é', 2));
        assert_eq!(char_at(text, 3), ('–', 3));
        assert_eq!(char_at(text, 6), ('😀', 4));
    }
}
