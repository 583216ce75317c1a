use super::*;

fn entry(when: When) -> SvgEntry<'static> {
    let (a, _) = when.years();
    let group = match when {
        When::Years(x, y) if y > x => format!("d{}", x / 10),
        _ => format!("y{a}"),
    };
    SvgEntry {
        when,
        links: EntryLinks::Given {
            group: format!("timeline.html#{group}"),
            anchor: format!("timeline.html#t-a-{a}"),
            label: match when {
                When::Years(x, y) if y > x => format!("the {x}s"),
                _ => a.to_string(),
            },
        },
    }
}

/// The shipped corpus's shape: 1979, the 1990s, and years up to 2025 at every precision.
fn shipped() -> Vec<SvgEntry<'static>> {
    let mut v = vec![
        entry(When::Years(1979, 1979)),
        entry(When::Years(1979, 1979)),
        entry(When::Years(1990, 1999)),
        entry(When::Years(1992, 1992)),
        entry(When::Years(1996, 1996)),
        entry(When::Day(2001, 9, 11)),
        entry(When::Years(2003, 2003)),
        entry(When::Years(2016, 2016)),
    ];
    v.extend((0..4).map(|_| entry(When::Years(2021, 2021))));
    v.push(entry(When::Month(2021, 8)));
    v.push(entry(When::Day(2021, 8, 15)));
    v.extend((0..2).map(|_| entry(When::Years(2022, 2022))));
    v.extend((0..2).map(|_| entry(When::Years(2024, 2024))));
    v.push(entry(When::Month(2024, 4)));
    v.extend((0..3).map(|_| entry(When::Years(2025, 2025))));
    v.push(entry(When::Month(2025, 4)));
    v.extend((0..2).map(|_| entry(When::Day(2025, 7, 3))));
    v
}

/// Checks that every tag is closed in order, with a tiny tag scanner (no attribute values
/// in this output contain `<` or `>`, which `escape` guarantees).
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "stray < in {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or(""));
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

fn wide_board(out: &str) -> &str {
    let end = out.find("</svg>").unwrap() + 6;
    &out[..end]
}

#[test]
fn empty_input_gives_nothing() {
    assert_eq!(timeline_svg(&[], &SvgOptions::full("", "Timeline")), "");
}

#[test]
fn output_is_well_formed_and_styled_only_by_classes() {
    for opts in [
        SvgOptions::full("", "Dates <&> \"quotes\""),
        SvgOptions::compact("../", "Taliban"),
    ] {
        let out = timeline_svg(&shipped(), &opts);
        assert_well_formed(&out);
        assert_eq!(out.matches("<svg ").count(), 2);
        assert_eq!(out.matches("viewBox=").count(), 2);
        assert_eq!(out.matches("width=\"100%\"").count(), 2);
        assert!(!out.contains("style"), "no style attribute or element");
        assert!(out.contains("<figcaption"));
    }
    let out = timeline_svg(&shipped(), &SvgOptions::full("", "Dates <&>"));
    assert!(out.contains("<title id=\"tl-wide-title\">Dates &lt;&amp;&gt;</title>"));
}

#[test]
fn one_link_per_year_with_its_count() {
    let out = timeline_svg(&shipped(), &SvgOptions::full("", "T"));
    let wide = wide_board(&out);
    // 1979, 1992, 1996, 2001, 2003, 2016, 2021, 2022, 2024, 2025, and the decade band.
    assert_eq!(wide.matches("<a ").count(), 11);
    assert!(wide.contains(
        "<a class=\"tl-year\" href=\"timeline.html#y2021\"><title>2021: 6 mentions</title>"
    ));
    assert!(wide.contains("<title>2016: 1 mention</title>"));
    assert!(wide.contains("href=\"timeline.html#y2025\"><title>2025: 6 mentions</title>"));
}

#[test]
fn decades_are_bands_spanning_ten_years() {
    let out = timeline_svg(&shipped(), &SvgOptions::full("", "T"));
    let wide = wide_board(&out);
    let band = &wide[wide.find("class=\"tl-band\"").unwrap()..];
    assert!(band.starts_with(
        "class=\"tl-band\" href=\"timeline.html#d199\"><title>the 1990s: 1 mention</title>"
    ));
    assert!(band.contains(">1990s</text>"));
    // The band is ten columns wide: ten times the 2016 column's hit area.
    let width = |s: &str| -> f64 {
        let at = s.find("width=\"").unwrap() + 7;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    let year = &wide[wide.find("<title>2016").unwrap()..];
    let ratio = width(band) / width(year);
    assert!((ratio - 10.0).abs() < 0.05, "{ratio}");
}

#[test]
fn years_are_spans_and_days_are_ticks() {
    let out = timeline_svg(&shipped(), &SvgOptions::full("", "T"));
    let wide = wide_board(&out);
    assert!(wide.contains("class=\"tl-span\""));
    assert!(wide.contains("class=\"tl-month\""));
    assert!(wide.contains("class=\"tl-day\""));
    // Two mentions of 3 July 2025 draw a single tick.
    let y2025 = &wide[wide.find("<title>2025").unwrap()..];
    let y2025 = &y2025[..y2025.find("</a>").unwrap()];
    assert_eq!(y2025.matches("tl-day").count(), 1);
}

#[test]
fn long_gaps_are_broken() {
    let out = timeline_svg(&shipped(), &SvgOptions::full("", "T"));
    // 1980–89, 2004–15 and 2017–20 fold; 2000, 2002 and 2023 stay on the axis.
    assert_eq!(wide_board(&out).matches("tl-break").count(), 3);
}

#[test]
fn output_is_deterministic() {
    let opts = SvgOptions::full("", "T");
    assert_eq!(
        timeline_svg(&shipped(), &opts),
        timeline_svg(&shipped(), &opts)
    );
}

#[test]
fn compact_links_to_entries_under_the_prefix() {
    let out = timeline_svg(&shipped(), &SvgOptions::compact("../", "Taliban"));
    assert!(out.contains("href=\"../timeline.html#t-a-2021\""));
    assert!(!out.contains("href=\"#"));
    assert!(!out.contains("tl-keys"));
}

#[test]
fn a_single_year() {
    let v = vec![entry(When::Years(2025, 2025)), entry(When::Day(2025, 7, 3))];
    let out = timeline_svg(&v, &SvgOptions::full("", "T"));
    assert_well_formed(&out);
    let wide = wide_board(&out);
    assert_eq!(wide.matches("<a ").count(), 1);
    assert!(wide.contains("<title>2025: 2 mentions</title>"));
    assert!(wide.contains(">2025</text>"));
    assert!(!wide.contains("tl-break"));
    assert!(out.contains("<span class=\"tl-range\">2025</span>"));
}

#[test]
fn a_century_and_more() {
    let sparse: Vec<SvgEntry<'static>> = [1900, 1945, 1989, 2001, 2025]
        .into_iter()
        .map(|y| entry(When::Years(y, y)))
        .collect();
    let out = timeline_svg(&sparse, &SvgOptions::full("", "T"));
    assert_well_formed(&out);
    let wide = wide_board(&out);
    assert_eq!(wide.matches("<a ").count(), 5);
    assert_eq!(wide.matches("tl-break").count(), 4);
    for y in [1900, 2025] {
        assert!(wide.contains(&format!(">{y}</text>")), "{y} labelled");
    }
    // Every year from 1900 to 2025: too dense for a link per year, so columns hold several.
    let dense: Vec<SvgEntry<'static>> = (1900..=2025).map(|y| entry(When::Years(y, y))).collect();
    let out = timeline_svg(&dense, &SvgOptions::full("", "T"));
    assert_well_formed(&out);
    let wide = wide_board(&out);
    assert!(wide.contains("<title>1900–1904: 5 mentions</title>"));
    assert_eq!(wide.matches("<a ").count(), 26);
}

/// Every year label of an artboard: its centre and its text.
fn year_labels(board_svg: &str) -> Vec<(f64, String)> {
    board_svg
        .split("<text class=\"tl-label\" x=\"")
        .skip(1)
        .map(|s| {
            let x = s[..s.find('"').unwrap()].parse().unwrap();
            let text = &s[s.find('>').unwrap() + 1..s.find("</text>").unwrap()];
            (x, text.to_string())
        })
        .collect()
}

#[test]
fn year_labels_never_overlap() {
    let dense: Vec<SvgEntry<'static>> = (1979..=2025).map(|y| entry(When::Years(y, y))).collect();
    for board in [draw::Board::wide(false), draw::Board::narrow(false)] {
        let out = draw::artboard(&dense, &SvgOptions::full("", "T"), &board);
        let labels = year_labels(&out);
        assert!(labels.len() >= 3);
        for w in labels.windows(2) {
            let half = |t: &str| scale::text_width(t, board.font) / 2.0;
            let gap = (w[1].0 - half(&w[1].1)) - (w[0].0 + half(&w[0].1));
            assert!(gap >= board.font * 0.5 - 1e-9, "{w:?}");
        }
        assert!(labels[0].0 >= 0.0 && labels[labels.len() - 1].0 <= board.width);
    }
}

#[test]
fn busy_neighbours_get_short_year_labels() {
    // 2021 to 2025 side by side: full years would touch, so the busy ones between read ’22, ’24.
    let wide = draw::artboard(
        &shipped(),
        &SvgOptions::full("", "T"),
        &draw::Board::wide(false),
    );
    let texts: Vec<String> = year_labels(&wide).into_iter().map(|l| l.1).collect();
    for y in ["2021", "\u{2019}22", "\u{2019}24", "2025"] {
        assert!(texts.iter().any(|t| t == y), "{y} missing from {texts:?}");
    }
    // An empty year keeps no label, short or long.
    assert!(
        !texts.iter().any(|t| t == "\u{2019}23" || t == "2023"),
        "{texts:?}"
    );
}

#[test]
fn a_short_year_label_follows_a_full_year_of_its_century() {
    let series: [Vec<(i32, i32)>; 3] = [
        shipped().iter().map(|e| e.when.years()).collect(),
        (1979..=2025).map(|y| (y, y)).collect(),
        (1995..=2004).map(|y| (y, y)).collect(),
    ];
    for board in [draw::Board::wide(false), draw::Board::narrow(false)] {
        for spans in &series {
            let bin = scale::choose_bin(spans, &draw::Board::wide(false).geometry);
            let sc = scale::Scale::new(spans, &board.geometry, bin);
            let counts = vec![1; sc.cols.len()];
            let mut century = None;
            for (i, text) in sc.labelled(&counts, board.font, board.width) {
                let c = sc.cols[i].start.div_euclid(100);
                if text.starts_with('\u{2019}') {
                    assert_eq!(
                        century,
                        Some(c),
                        "{text} without a full year of its century"
                    );
                } else {
                    century = Some(c);
                }
            }
        }
    }
}

#[test]
fn timex_keeps_its_extent() {
    let t = |s: &str| When::from(Timex::parse(s).unwrap());
    assert_eq!(t("199"), When::Years(1990, 1999));
    assert_eq!(t("2021"), When::Years(2021, 2021));
    assert_eq!(t("2021-08"), When::Month(2021, 8));
    assert_eq!(t("2021-08-15"), When::Day(2021, 8, 15));
}
