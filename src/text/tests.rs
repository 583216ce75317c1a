//! Whole-article tests for the "parse" stage: each made-up article imitates a
//! different outlet's paste (other disclaimer wordings, bios, tag debris,
//! numbered lists, CRLF, BOM) so that the rules are checked on text they were
//! not written against, with exact kinds and spans.

use super::BlockKind::{self, *};
use super::{inferred_title, recover, RawBlock};

/// (kind, text at span, line, repeat_of) for compact, exact assertions.
fn summary(src: &str) -> Vec<(BlockKind, &str, usize, Option<usize>)> {
    recover(src)
        .into_iter()
        .map(|b| (b.kind, &src[b.span], b.line, b.repeat_of))
        .collect()
}

#[test]
fn magazine_article_with_everything() {
    let src = "\
Why Central Banks Keep Getting Inflation Wrong
Models built for a calmer world keep failing, and the costs fall on households

By Jane Doe
Prices rose faster than forecast for the third year running.
What the Models Miss
Three assumptions stand out:
1. Supply shocks fade quickly
2) Expectations stay anchored
• Wages lag prices
The result is a policy that reacts late. Again.
This article was originally published in The Conversation.
Jane Doe is a senior fellow at the Example Institute.

Tags: inflation, central banks
";
    assert_eq!(
        summary(src),
        vec![
            (
                Title,
                "Why Central Banks Keep Getting Inflation Wrong",
                1,
                None
            ),
            (
                Standfirst,
                "Models built for a calmer world keep failing, and the costs fall on households",
                2,
                None
            ),
            (Paragraph, "By Jane Doe", 4, None),
            (
                Paragraph,
                "Prices rose faster than forecast for the third year running.",
                5,
                None
            ),
            (Heading, "What the Models Miss", 6, None),
            (Paragraph, "Three assumptions stand out:", 7, None),
            (ListItem, "Supply shocks fade quickly", 8, None),
            (ListItem, "Expectations stay anchored", 9, None),
            (ListItem, "Wages lag prices", 10, None),
            (
                Paragraph,
                "The result is a policy that reacts late. Again.",
                11,
                None
            ),
            (
                Trailer,
                "This article was originally published in The Conversation.",
                12,
                None
            ),
            (
                Trailer,
                "Jane Doe is a senior fellow at the Example Institute.",
                13,
                None
            ),
            (Trailer, "Tags: inflation, central banks", 15, None),
        ]
    );
    let blocks = recover(src);
    assert_eq!(
        inferred_title(src, &blocks),
        "Why Central Banks Keep Getting Inflation Wrong"
    );
}

#[test]
fn crlf_bom_and_exact_spans() {
    let src = "\u{FEFF}Harbour Plans Approved\r\n\r\nThe council voted 7-2 on Tuesday.  \r\n- Dredging starts in May\r\n(c) 2024 Example Gazette\r\n";
    let blocks = recover(src);
    assert_eq!(
        blocks,
        vec![
            RawBlock {
                kind: Title,
                span: 3..25,
                line: 1,
                repeat_of: None
            },
            RawBlock {
                kind: Standfirst,
                span: 29..62,
                line: 3,
                repeat_of: None
            },
            RawBlock {
                kind: ListItem,
                span: 68..90,
                line: 4,
                repeat_of: None
            },
            RawBlock {
                kind: Trailer,
                span: 92..116,
                line: 5,
                repeat_of: None
            },
        ]
    );
    assert_eq!(&src[68..90], "Dredging starts in May");
    assert_eq!(&src[92..116], "(c) 2024 Example Gazette");
}

#[test]
fn lone_carriage_returns_and_other_disclaimers() {
    let src = "Ministers met again on Friday without agreement.\rThe talks resume next week.\r_The opinions expressed in this commentary are solely those of the author._\rCopyright © 2024 Example News\r";
    assert_eq!(
        summary(src),
        vec![
            (
                Paragraph,
                "Ministers met again on Friday without agreement.",
                1,
                None
            ),
            (Paragraph, "The talks resume next week.", 2, None),
            (
                Trailer,
                "_The opinions expressed in this commentary are solely those of the author._",
                3,
                None
            ),
            (Trailer, "Copyright © 2024 Example News", 4, None),
        ]
    );
    let blocks = recover(src);
    assert_eq!(
        inferred_title(src, &blocks),
        "Ministers met again on Friday without agreement"
    );
}

#[test]
fn repeated_paragraphs_and_headline() {
    let src = "Storm Batters the Coast\nStorm Batters the Coast\nWinds reached 150 km/h overnight, officials said.\nYes.\nWinds reached 150 km/h  overnight, officials said.\nYes.\n";
    assert_eq!(
        summary(src),
        vec![
            (Title, "Storm Batters the Coast", 1, None),
            (Title, "Storm Batters the Coast", 2, Some(0)),
            (
                Standfirst,
                "Winds reached 150 km/h overnight, officials said.",
                3,
                None
            ),
            (Paragraph, "Yes.", 4, None),
            (
                Paragraph,
                "Winds reached 150 km/h  overnight, officials said.",
                5,
                Some(2)
            ),
            (Paragraph, "Yes.", 6, None),
        ]
    );
}

#[test]
fn sentence_case_first_line_without_standfirst_is_prose() {
    let src = "Nobody saw it coming\nThe factory closed on a Monday. Workers found out by text.\n";
    let kinds: Vec<_> = recover(src).iter().map(|b| b.kind).collect();
    assert_eq!(kinds, vec![Paragraph, Paragraph]);
}

#[test]
fn heading_needs_body_after_it() {
    // "Further Reading" is followed only by trailer, so it is a paragraph.
    let src = "Body text of the piece goes here.\nFurther Reading\nShare this:\nFacebook Twitter\n";
    let kinds: Vec<_> = recover(src).iter().map(|b| b.kind).collect();
    assert_eq!(kinds, vec![Paragraph, Paragraph, Trailer, Trailer]);
}

#[test]
fn marker_line_can_be_trailer() {
    let src = "One paragraph of text.\n— Republished with permission from Example Weekly\n";
    assert_eq!(
        summary(src),
        vec![
            (Paragraph, "One paragraph of text.", 1, None),
            (
                Trailer,
                "Republished with permission from Example Weekly",
                2,
                None
            ),
        ]
    );
}

#[test]
fn empty_and_blank_inputs() {
    for src in ["", "\u{FEFF}", "\n\n", "\r\n  \r\n", " \u{00A0} "] {
        let blocks = recover(src);
        assert!(blocks.is_empty(), "{src:?}");
        assert_eq!(inferred_title(src, &blocks), "");
    }
}

#[test]
fn huge_single_line() {
    let src = "word ".repeat(1_000_000);
    let blocks = recover(&src);
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].kind, Paragraph);
    assert_eq!(blocks[0].span, 0..src.len() - 1);
    let t = inferred_title(&src, &blocks);
    assert!(t.ends_with('…') && t.chars().count() <= 80, "{t}");

    let glued = "ü".repeat(2_500_000);
    let blocks = recover(&glued);
    assert_eq!(blocks[0].span, 0..glued.len());
    assert_eq!(inferred_title(&glued, &blocks).chars().count(), 80);
}

#[test]
fn weird_unicode_never_panics_and_spans_are_sound() {
    let pieces = [
        "\u{FEFF}",
        "\r",
        "\n",
        "\r\n",
        " ",
        "\u{00A0}",
        "\u{200B}",
        "- ",
        "– ",
        "• ",
        "* ",
        "1. ",
        "12) ",
        "é",
        "e\u{301}",
        "👩‍👩‍👧",
        "مرحبا",
        "Title Case",
        "views expressed",
        "0 Comment",
        "Jane Doe is a former editor",
        ".",
        "?",
        "…",
        "”",
        "Ab. Cd",
        "\u{0}",
        "\t",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..3000 {
        let mut src = String::new();
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            src.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let blocks = recover(&src);
        let mut last_end = 0;
        for (i, b) in blocks.iter().enumerate() {
            assert!(src.is_char_boundary(b.span.start) && src.is_char_boundary(b.span.end));
            assert!(
                b.span.start < b.span.end && b.span.start >= last_end,
                "{src:?}"
            );
            assert!(b.repeat_of.is_none_or(|r| r < i));
            last_end = b.span.end;
        }
        let t = inferred_title(&src, &blocks);
        assert!(t.chars().count() <= 140, "{src:?}");
    }
}
