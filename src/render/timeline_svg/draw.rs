//! Writing one artboard: bars per column, a strip of spans and ticks, the axis, and bands for
//! entries longer than a column (decades).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::scale::{bin_of, choose_bin, text_width, Geometry, Scale};
use super::{escape, mentions, range, range_label, LinkTo, SvgEntry, SvgOptions, When};

/// Size of one artboard in `viewBox` units. Text sizes here must match the stylesheet's.
#[derive(Clone, Copy, Debug)]
pub(super) struct Board {
    /// `tl-wide` or `tl-narrow`: the stylesheet shows one of them per screen width.
    pub name: &'static str,
    /// `viewBox` width.
    pub width: f64,
    /// Text size.
    pub font: f64,
    /// Height of the tallest bar.
    pub bar_h: f64,
    /// Horizontal scale limits.
    pub geometry: Geometry,
}

impl Board {
    /// Shown from about 720 px: the `viewBox` is drawn at roughly 1:1.
    pub fn wide(compact: bool) -> Board {
        Board {
            name: "tl-wide",
            width: 720.0,
            font: 12.0,
            bar_h: if compact { 44.0 } else { 104.0 },
            geometry: Geometry {
                left: 16.0,
                width: 688.0,
                min_col: 26.0,
                max_col: 72.0,
                break_w: 22.0,
            },
        }
    }

    /// Shown on phones: fewer units so text stays near 12 px at 320–480 px.
    pub fn narrow(compact: bool) -> Board {
        Board {
            name: "tl-narrow",
            width: 340.0,
            font: 13.0,
            bar_h: if compact { 40.0 } else { 80.0 },
            geometry: Geometry {
                left: 8.0,
                width: 324.0,
                min_col: 12.0,
                max_col: 48.0,
                break_w: 14.0,
            },
        }
    }
}

/// Vertical positions, top to bottom.
struct Rows {
    bar_top: f64,
    base: f64,
    rug: f64,
    label: f64,
    link_bottom: f64,
    band_top: f64,
    lane_h: f64,
}

impl Rows {
    fn new(b: &Board) -> Rows {
        let bar_top = b.font + 6.0;
        let base = bar_top + b.bar_h;
        let rug = base + 7.0;
        let label = rug + 12.0 + b.font;
        let link_bottom = label + 5.0;
        Rows {
            bar_top,
            base,
            rug,
            label,
            link_bottom,
            band_top: link_bottom + 4.0,
            lane_h: (b.font + 12.0).max(24.0),
        }
    }
}

/// Formats a coordinate with one fixed decimal, so output bytes never depend on float noise.
fn n(v: f64) -> String {
    // Integer arithmetic: `format!("{v:.1}")` goes through exact float printing, which was a
    // quarter of a 1,000-article build's time.
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// Entries that fit one column, and entries spanning several (drawn as bands).
struct Split<'a> {
    per_col: Vec<Vec<&'a SvgEntry<'a>>>,
    bands: BTreeMap<(i32, i32), Vec<&'a SvgEntry<'a>>>,
}

fn split<'a>(entries: &'a [SvgEntry<'a>], scale: &Scale) -> Split<'a> {
    let mut s = Split {
        per_col: vec![Vec::new(); scale.cols.len()],
        bands: BTreeMap::new(),
    };
    for e in entries {
        let (a, b) = e.when.years();
        match scale.col_of(a) {
            Some(i) if bin_of(a, scale.bin) == bin_of(b, scale.bin) => s.per_col[i].push(e),
            _ => s.bands.entry((a, b)).or_default().push(e),
        }
    }
    s
}

/// One complete `<svg>` for `board`.
pub(super) fn artboard(entries: &[SvgEntry], opts: &SvgOptions, board: &Board) -> String {
    let spans: Vec<(i32, i32)> = entries.iter().map(|e| e.when.years()).collect();
    // The bin comes from the wide board, so both artboards tell the same story.
    let bin = choose_bin(&spans, &Board::wide(opts.compact).geometry);
    let scale = Scale::new(&spans, &board.geometry, bin);
    let parts = split(entries, &scale);
    let lanes = lanes(&parts.bands);
    let rows = Rows::new(board);
    let lane_count = lanes.iter().map(|l| l.1 + 1).max().unwrap_or(0);
    let height = if lane_count == 0 {
        rows.link_bottom + 2.0
    } else {
        rows.band_top + lane_count as f64 * (rows.lane_h + 4.0)
    };
    let id = board.name;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"tl-svg {id}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" font-size=\"{}\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">",
        n(board.width),
        n(height),
        n(board.font)
    );
    let _ = write!(
        out,
        "<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&opts.title),
        escape(&describe(entries, &scale, &parts))
    );
    axis(&mut out, &scale, &rows);
    let counts: Vec<usize> = parts.per_col.iter().map(Vec::len).collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let labelled = scale.labelled(&counts, board.font, board.width);
    for (i, col) in scale.cols.iter().enumerate() {
        let label = labelled
            .binary_search_by_key(&i, |l| l.0)
            .ok()
            .map(|k| year_label(&scale, i, &labelled[k].1, board, &rows));
        let list = &parts.per_col[i];
        if list.is_empty() {
            out.push_str(&label.unwrap_or_default());
            continue;
        }
        let name = format!("{}: {}", column_name(&scale, i), mentions(list.len()));
        let _ = write!(
            out,
            "<a class=\"tl-year\" href=\"{}\"><title>{}</title><rect class=\"tl-hit\" x=\"{}\" y=\"0.0\" width=\"{}\" height=\"{}\" fill=\"none\" pointer-events=\"all\"/>",
            escape(&href(opts, list[0])),
            escape(&name),
            n(col.x),
            n(col.w),
            n(rows.link_bottom)
        );
        let h = (rows.base - rows.bar_top) * list.len() as f64 / max as f64;
        let inset = (col.w * 0.12).clamp(1.0, 6.0);
        let _ = write!(
            out,
            "<rect class=\"tl-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            n(col.x + inset),
            n(rows.base - h),
            n(col.w - 2.0 * inset),
            n(h)
        );
        let count = list.len().to_string();
        if text_width(&count, board.font) + 2.0 <= col.w {
            let _ = write!(
                out,
                "<text class=\"tl-count\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>",
                n(col.x + col.w / 2.0),
                n(rows.base - h - 4.0)
            );
        }
        rug(&mut out, &scale, &rows, list);
        out.push_str(&label.unwrap_or_default());
        out.push_str("</a>");
    }
    bands(&mut out, opts, &scale, &rows, &lanes);
    out.push_str("</svg>");
    out
}

/// Where a column or band links to.
fn href(opts: &SvgOptions, first: &SvgEntry) -> String {
    let id = match opts.link_to {
        LinkTo::Group => first.group(),
        LinkTo::Entry => first.anchor(),
    };
    format!("{}{}", opts.href_prefix, id)
}

/// "2025", or "1990–1999" when a column holds several years.
fn column_name(scale: &Scale, i: usize) -> String {
    let start = scale.cols[i].start;
    range_label(start, start + scale.bin - 1)
}

/// Baseline per unbroken run, a tick under each column and a break mark between runs.
fn axis(out: &mut String, scale: &Scale, rows: &Rows) {
    let mut runs: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for c in &scale.cols {
        let r = runs.entry(c.run).or_insert((c.x, c.x + c.w));
        r.1 = c.x + c.w;
    }
    for (a, b) in runs.values() {
        let _ = write!(
            out,
            "<line class=\"tl-axis\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
            n(*a),
            n(*b),
            y = n(rows.base + 0.5)
        );
    }
    for c in &scale.cols {
        let x = n(c.x + c.w / 2.0);
        let _ = write!(
            out,
            "<line class=\"tl-tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
            n(rows.base + 1.0),
            n(rows.base + 4.0)
        );
    }
    for &x in &scale.breaks {
        let (t, b) = (rows.base - 5.0, rows.base + 6.0);
        let _ = write!(
            out,
            "<path class=\"tl-break\" d=\"M{} {}L{} {}M{} {}L{} {}\"/>",
            n(x - 5.0),
            n(b),
            n(x - 1.0),
            n(t),
            n(x + 1.0),
            n(b),
            n(x + 5.0),
            n(t)
        );
    }
}

/// Column `i`'s year label, reading `text`.
fn year_label(scale: &Scale, i: usize, text: &str, board: &Board, rows: &Rows) -> String {
    format!(
        "<text class=\"tl-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        n(scale.label_x(text, i, board.font, board.width)),
        n(rows.label),
        escape(text)
    )
}

/// Under a column's bar: a span for each whole-year entry, a short span per month, a tick
/// per day, each at its place in the year (to the nearest unit); identical marks are drawn once.
fn rug(out: &mut String, scale: &Scale, rows: &Rows, list: &[&SvgEntry]) {
    // Identical marks are drawn once. A mark's text depends only on its class and its x and
    // width in tenths (`n`), so that is the key, tested before anything is formatted: a busy
    // column has tens of thousands of entries and only a few hundred distinct marks.
    let mut seen = std::collections::BTreeSet::new();
    for e in list {
        let (class, x, y, w, h) = match e.when {
            When::Years(a, b) => {
                let (x0, x1) = (scale.x(a, 0.0), scale.x(b, 1.0));
                let inset = ((x1 - x0) * 0.06).min(2.0);
                (
                    "tl-span",
                    x0 + inset,
                    rows.rug + 3.0,
                    x1 - x0 - 2.0 * inset,
                    4.0,
                )
            }
            When::Month(y, m) => {
                let x0 = scale.x(y, f64::from(m - 1) / 12.0);
                let w = (scale.x(y, f64::from(m) / 12.0) - x0).max(2.0);
                ("tl-month", x0, rows.rug, w, 10.0)
            }
            When::Day(y, m, d) => {
                // Whole units: at most one tick per unit of width, however many dates a busy
                // corpus has, which keeps the graphic small.
                let x = scale.x(y, day_fraction(y, m, d)).round();
                ("tl-day", x - 1.0, rows.rug - 1.0, 2.0, 12.0)
            }
        };
        let tenths = |v: f64| (v * 10.0).round() as i64;
        if seen.insert((class, tenths(x), tenths(w))) {
            out.push_str(&rect(class, x, y, w, h));
        }
    }
}

fn rect(class: &str, x: f64, y: f64, w: f64, h: f64) -> String {
    format!(
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        n(x),
        n(y),
        n(w),
        n(h)
    )
}

/// Middle of day `d` of month `m` as a share of year `y`.
fn day_fraction(y: i32, m: u8, d: u8) -> f64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let lengths = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let before: u32 = lengths.iter().take(usize::from(m.clamp(1, 12)) - 1).sum();
    let total: u32 = lengths.iter().sum();
    (f64::from(before) + f64::from(d) - 0.5) / f64::from(total)
}

/// Bands, each in the first lane where it does not overlap another.
type Lanes<'a> = Vec<((i32, i32), usize, &'a [&'a SvgEntry<'a>])>;

fn lanes<'a>(bands: &'a BTreeMap<(i32, i32), Vec<&'a SvgEntry<'a>>>) -> Lanes<'a> {
    let mut ends: Vec<i32> = Vec::new();
    let mut out = Vec::new();
    for (&(a, b), list) in bands {
        let lane = match ends.iter().position(|&e| e < a) {
            Some(l) => l,
            None => {
                ends.push(i32::MIN);
                ends.len() - 1
            }
        };
        ends[lane] = b;
        out.push(((a, b), lane, list.as_slice()));
    }
    out
}

/// Entries longer than a column (decades on a yearly axis): a labelled band under the axis,
/// one link per distinct extent.
fn bands(out: &mut String, opts: &SvgOptions, scale: &Scale, rows: &Rows, lanes: &Lanes) {
    for &((a, b), lane, list) in lanes {
        let (x0, x1) = (scale.x(a, 0.0), scale.x(b, 1.0));
        let top = rows.band_top + lane as f64 * (rows.lane_h + 4.0);
        let name = format!("{}: {}", list[0].label(), mentions(list.len()));
        let _ = write!(
            out,
            "<a class=\"tl-band\" href=\"{}\"><title>{}</title><rect class=\"tl-hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" pointer-events=\"all\"/>",
            escape(&href(opts, list[0])),
            escape(&name),
            n(x0),
            n(top),
            n(x1 - x0),
            n(rows.lane_h)
        );
        out.push_str(&rect(
            "tl-band-bar",
            x0 + 1.0,
            top + 2.0,
            x1 - x0 - 2.0,
            rows.lane_h - 4.0,
        ));
        let text = if a % 10 == 0 && b == a + 9 {
            format!("{a}s")
        } else {
            range_label(a, b)
        };
        let text = if list.len() > 1 {
            format!("{text} · {}", list.len())
        } else {
            text
        };
        let font = rows.lane_h - 12.0;
        if text_width(&text, font) + 6.0 <= x1 - x0 {
            let _ = write!(
                out,
                "<text class=\"tl-band-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                n((x0 + x1) / 2.0),
                n(top + rows.lane_h / 2.0 + font * 0.35),
                escape(&text)
            );
        }
        out.push_str("</a>");
    }
}

/// The long description: how many, over what range, where the peak is, and what the
/// breaks and bands mean.
fn describe(entries: &[SvgEntry], scale: &Scale, parts: &Split) -> String {
    let (lo, hi) = range(entries);
    let mut text = format!(
        "{} dated {} from {}, one bar per {}.",
        entries.len(),
        if entries.len() == 1 {
            "mention"
        } else {
            "mentions"
        },
        range_label(lo, hi),
        if scale.bin == 1 {
            "year".to_string()
        } else {
            format!("{} years", scale.bin)
        }
    );
    if let Some((i, list)) = parts
        .per_col
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
    {
        let _ = write!(text, " Most in {}: {}.", column_name(scale, i), list.len());
    }
    for list in parts.bands.values() {
        let _ = write!(
            text,
            " Spanning several years: {}, {}.",
            list[0].label(),
            mentions(list.len())
        );
    }
    if !scale.breaks.is_empty() {
        text.push_str(
            " Stretches of three or more empty years are shortened, marked by a break in the axis.",
        );
    }
    text
}
