//! Bad bytes and odd characters in article files: a clear error or a safe page, never a panic.

use dossier::pipeline::BuildOptions;

use crate::support::*;

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let p = Project::new();
    p.seed("ok.txt", "Russia spoke.\n");
    p.seed("bad.txt", b"Russia met\n\ncaf\xe9 owners.\n");
    assert_eq!(
        p.error(),
        "error: seeds/bad.txt:3:4: not valid UTF-8 (byte 15); re-save the file as UTF-8 (or build with --lossy to replace the bad bytes)"
    );
    assert!(!p.path("public").exists(), "nothing written");
}

#[test]
fn lossy_replaces_bad_bytes_and_warns() {
    // One actor, mentioned: the only warning is the repair's.
    let p = Project::with_config("title = \"T\"\n[[actors]]\nid = \"russia\"\nname = \"Russia\"\n");
    p.seed("bad.txt", b"Russia met\n\ncaf\xe9 owners.\n");
    let out = p.run(&["build", "--lossy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: seeds/bad.txt: not valid UTF-8 at byte 15; bad bytes replaced by U+FFFD (--lossy), so exported offsets refer to the repaired text\n"
    );
    let page = p.read("public/articles/bad.html");
    assert!(page.contains("caf\u{FFFD} owners."), "{page}");
    p.check_all_pages();
}

#[test]
fn binary_file_is_an_error_and_builds_with_lossy() {
    let p = Project::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u8..=255).cycle().take(4096));
    p.seed("image.txt", &png);
    assert_eq!(
        p.error(),
        "error: seeds/image.txt:1:1: not valid UTF-8 (byte 0); re-save the file as UTF-8 (or build with --lossy to replace the bad bytes)"
    );
    let r = p
        .build_with(BuildOptions {
            lossy: true,
            ..BuildOptions::default()
        })
        .unwrap();
    assert_eq!(r.articles, 1);
    assert!(p.warnings(&r)[0].starts_with("seeds/image.txt: not valid UTF-8 at byte 0;"));
    p.check_all_pages();
}

#[test]
fn empty_and_blank_files_get_the_file_name_as_title() {
    let p = Project::new();
    p.seed("empty.txt", "");
    p.seed("blank.md", "\n\n   \n\t\n");
    p.seed("front-only.md", "+++\nauthor = \"A\"\n+++\n");
    let r = p.ok();
    assert_eq!(r.articles, 3);
    for id in ["empty", "blank", "front-only"] {
        let doc = check_page(id, &p.read(&format!("public/articles/{id}.html")));
        assert_eq!(text_of(&doc, "h1").trim(), id);
    }
    p.check_all_pages();
}

#[test]
fn line_endings_and_bom_give_the_same_structure() {
    let lf = "A Short Title\n\nRussia met the UN on 3 May 2024.\n\nMoscow agreed.\n";
    let variants = [
        ("lf.txt", lf.to_string()),
        ("crlf.txt", lf.replace('\n', "\r\n")),
        ("cr.txt", lf.replace('\n', "\r")),
        ("bom.txt", format!("\u{FEFF}{lf}")),
    ];
    let p = Project::new();
    for (name, text) in &variants {
        p.seed(name, text);
    }
    p.ok();
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/annotations.json")).unwrap();
    for (name, text) in &variants {
        let id = name.trim_end_matches(".txt");
        let doc = check_page(id, &p.read(&format!("public/articles/{id}.html")));
        assert_eq!(text_of(&doc, "h1").trim(), "A Short Title", "{name}");
        assert_eq!(
            text_of(&doc, "p#p1").trim(),
            "Russia met the UN on 3 May 2024.",
            "{name}"
        );
        let mentions: Vec<_> = json["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["article"] == id)
            .collect();
        let texts: Vec<&str> = mentions
            .iter()
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["Russia", "UN", "3 May 2024", "Moscow"], "{name}");
        for m in mentions {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], m["text"].as_str().unwrap(), "{name}");
        }
    }
}

#[test]
fn nul_and_control_characters_are_replaced_in_pages_and_kept_in_offsets() {
    let p = Project::new();
    let text = "Title\n\nRussia\0 met\u{1} the UN\u{7f} on 3 May 2024.\u{FFFF}\n";
    p.seed("ctl.txt", text);
    p.ok();
    let page = p.read("public/articles/ctl.html");
    for bad in ['\0', '\u{1}', '\u{7f}', '\u{FFFF}'] {
        assert!(!page.contains(bad), "{bad:?} left in the page");
    }
    let doc = check_page("ctl", &page);
    assert_eq!(
        text_of(&doc, "p#p1").trim(),
        "Russia\u{FFFD} met\u{FFFD} the UN\u{FFFD} on 3 May 2024.\u{FFFD}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/annotations.json")).unwrap();
    let un = &json["mentions"][1];
    assert_eq!(un["text"], "UN");
    assert_eq!(
        &text[un["start"].as_u64().unwrap() as usize..un["end"].as_u64().unwrap() as usize],
        "UN"
    );
    p.check_all_pages();
}

#[test]
fn zero_width_and_bidi_characters_stay_text() {
    let p = Project::new();
    p.seed(
        "bidi.txt",
        "Rus\u{200B}sia and the \u{202E}UN\u{202C} met \u{2067}الأمم المتحدة\u{2069}.\n",
    );
    p.ok();
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/annotations.json")).unwrap();
    let texts: Vec<&str> = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    // A zero-width space inside a name does not hide it; the export keeps the bytes as stored.
    assert_eq!(texts, ["Rus\u{200B}sia", "UN"]);
    let doc = check_page("bidi", &p.read("public/articles/bidi.html"));
    assert!(text_of(&doc, "main").contains("\u{202E}UN\u{202C} met \u{2067}الأمم المتحدة\u{2069}."));
    p.check_all_pages();
}
