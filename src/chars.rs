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

#[cfg(test)]
mod tests {
    use super::char_at;

    #[test]
    fn decodes_ascii_and_multibyte_characters() {
        let text = "aé–😀";
        assert_eq!(char_at(text, 0), ('a', 1));
        assert_eq!(char_at(text, 1), ('é', 2));
        assert_eq!(char_at(text, 3), ('–', 3));
        assert_eq!(char_at(text, 6), ('😀', 4));
    }
}
