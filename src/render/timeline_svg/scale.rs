//! The horizontal scale: years into columns, long empty stretches folded into breaks, and
//! which columns get a year label.

use std::collections::BTreeSet;

/// Candidate column widths in years, finest first: one year per column unless the range is
/// too dense for a link per year to stay a usable target.
const BINS: [i32; 9] = [1, 2, 5, 10, 20, 25, 50, 100, 1000];

/// Runs of at least this many empty columns become a break: shorter ones stay on the axis,
/// where a reader can count them.
const GAP: i32 = 3;

/// Average advance of a digit as a share of the font size, to keep labels from colliding.
const DIGIT: f64 = 0.6;

/// The horizontal room a scale may use, in `viewBox` units.
#[derive(Clone, Copy, Debug)]
pub(super) struct Geometry {
    /// Left edge of the plot.
    pub left: f64,
    /// Width of the plot.
    pub width: f64,
    /// Narrowest acceptable column (a link target).
    pub min_col: f64,
    /// Widest column, so one or two years do not become slabs.
    pub max_col: f64,
    /// Width of a break.
    pub break_w: f64,
}

/// One column of the axis: `years` years from `start`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Column {
    /// First year.
    pub start: i32,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub w: f64,
    /// Index of the unbroken run it belongs to.
    pub run: usize,
}

/// Columns and breaks laid out left to right.
#[derive(Clone, Debug)]
pub(super) struct Scale {
    /// Years per column.
    pub bin: i32,
    /// Columns in time order.
    pub cols: Vec<Column>,
    /// Centre of each break.
    pub breaks: Vec<f64>,
}

/// First year of the column that holds `year`.
pub(super) fn bin_of(year: i32, bin: i32) -> i32 {
    year.div_euclid(bin) * bin
}

enum Slot {
    Col(i32),
    Break,
}

/// Columns and breaks for these year extents at `bin` years per column.
fn slots(spans: &[(i32, i32)], bin: i32) -> Vec<Slot> {
    let mut touched = BTreeSet::new();
    for &(a, b) in spans {
        let mut y = bin_of(a, bin);
        while y <= b {
            touched.insert(y);
            y += bin;
        }
    }
    let (Some(&lo), Some(&hi)) = (touched.first(), touched.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut y = lo;
    while y <= hi {
        if touched.contains(&y) {
            out.push(Slot::Col(y));
            y += bin;
            continue;
        }
        let mut end = y;
        while !touched.contains(&end) {
            end += bin;
        }
        if (end - y) / bin >= GAP {
            out.push(Slot::Break);
        } else {
            out.extend((y..end).step_by(bin as usize).map(Slot::Col));
        }
        y = end;
    }
    out
}

/// Column width the slots would get in `g`, before the `max_col` cap.
fn col_width(slots: &[Slot], g: &Geometry) -> f64 {
    let cols = slots.iter().filter(|s| matches!(s, Slot::Col(_))).count();
    let breaks = slots.len() - cols;
    (g.width - breaks as f64 * g.break_w) / cols.max(1) as f64
}

/// The finest bin whose columns are at least `min_col` wide in `g`.
pub(super) fn choose_bin(spans: &[(i32, i32)], g: &Geometry) -> i32 {
    BINS.into_iter()
        .find(|&bin| col_width(&slots(spans, bin), g) >= g.min_col)
        .unwrap_or(BINS[BINS.len() - 1])
}

impl Scale {
    /// Lays out the columns covering `spans` at `bin` years each, centred in `g`.
    pub fn new(spans: &[(i32, i32)], g: &Geometry, bin: i32) -> Scale {
        let slots = slots(spans, bin);
        let col_w = col_width(&slots, g).min(g.max_col);
        let cols = slots.iter().filter(|s| matches!(s, Slot::Col(_))).count();
        let breaks = slots.len() - cols;
        let total = cols as f64 * col_w + breaks as f64 * g.break_w;
        let mut x = g.left + (g.width - total) / 2.0;
        let mut scale = Scale {
            bin,
            cols: Vec::new(),
            breaks: Vec::new(),
        };
        let mut run = 0;
        for slot in slots {
            match slot {
                Slot::Col(start) => {
                    scale.cols.push(Column {
                        start,
                        x,
                        w: col_w,
                        run,
                    });
                    x += col_w;
                }
                Slot::Break => {
                    scale.breaks.push(x + g.break_w / 2.0);
                    x += g.break_w;
                    run += 1;
                }
            }
        }
        scale
    }

    /// Index of the column holding `year`, if it is on the axis.
    pub fn col_of(&self, year: i32) -> Option<usize> {
        let start = bin_of(year, self.bin);
        self.cols.binary_search_by_key(&start, |c| c.start).ok()
    }

    /// Horizontal position of a moment: `year` plus `frac` (0–1) of it.
    pub fn x(&self, year: i32, frac: f64) -> f64 {
        match self.col_of(year) {
            Some(i) => {
                let c = &self.cols[i];
                let offset = f64::from(year - c.start) + frac;
                c.x + c.w * offset / f64::from(self.bin)
            }
            None => 0.0,
        }
    }

    /// Text of a column's label: its first year.
    pub fn label(&self, i: usize) -> String {
        self.cols[i].start.to_string()
    }

    /// The label's short form, `’22` for 2022: what a busy column gets when its full year
    /// would touch a neighbour's. `None` before year 1000, where two digits would mislead.
    fn short_label(&self, i: usize) -> Option<String> {
        let y = self.cols[i].start;
        (y >= 1000).then(|| format!("\u{2019}{:02}", y % 100))
    }

    /// Columns that get a year label at font size `font`, in order, each with its text. Ends
    /// and the first column after a break come first (a reader needs them to read a broken
    /// axis), then columns with entries, busiest first, then round decades; a label is dropped
    /// when it would touch one already placed. A column with entries left without a label then
    /// gets the short form (`’22`) if that fits and a full year of the same century stands to
    /// its left to say which century it is, so every bar can be read off the axis.
    pub fn labelled(&self, counts: &[usize], font: f64, board_width: f64) -> Vec<(usize, String)> {
        let n = self.cols.len();
        let count = |i: usize| counts.get(i).copied().unwrap_or(0);
        let rank = |i: usize| -> u8 {
            let c = &self.cols[i];
            let starts_run = i == 0 || self.cols[i - 1].run != c.run;
            if i == 0 || i + 1 == n {
                0
            } else if starts_run {
                1
            } else if count(i) > 0 {
                2
            } else if c.start % (10 * self.bin) == 0 {
                3
            } else {
                4
            }
        };
        // Empty columns off the round years stay unlabelled: the ticks count them.
        let mut order: Vec<usize> = (0..n).filter(|&i| rank(i) < 4).collect();
        order.sort_by_key(|&i| (rank(i), std::cmp::Reverse(count(i)), i));
        let pad = font * 0.5;
        let fits = |placed: &[(usize, String, f64, f64)], a: f64, b: f64| {
            placed
                .iter()
                .all(|&(_, _, pa, pb)| b + pad <= pa || a >= pb + pad)
        };
        let mut placed: Vec<(usize, String, f64, f64)> = Vec::new();
        for &i in &order {
            let text = self.label(i);
            let (a, b) = self.label_box(&text, i, font, board_width);
            if fits(&placed, a, b) {
                placed.push((i, text, a, b));
            }
        }
        let century = |i: usize| self.cols[i].start.div_euclid(100);
        for &i in order.iter().filter(|&&i| count(i) > 0) {
            if placed.iter().any(|p| p.0 == i) {
                continue;
            }
            let named = placed
                .iter()
                .any(|p| p.0 < i && century(p.0) == century(i) && !p.1.starts_with('\u{2019}'));
            let Some(text) = self.short_label(i).filter(|_| named) else {
                continue;
            };
            let (a, b) = self.label_box(&text, i, font, board_width);
            if fits(&placed, a, b) {
                placed.push((i, text, a, b));
            }
        }
        let mut out: Vec<(usize, String)> = placed.into_iter().map(|p| (p.0, p.1)).collect();
        out.sort_unstable();
        out
    }

    /// Left and right edge of column `i`'s label `text`, kept inside the board.
    fn label_box(&self, text: &str, i: usize, font: f64, board_width: f64) -> (f64, f64) {
        let w = text_width(text, font);
        let cx = self.label_x(text, i, font, board_width);
        (cx - w / 2.0, cx + w / 2.0)
    }

    /// Centre of column `i`'s label `text`: under the column, nudged inside the board at the
    /// edges.
    pub fn label_x(&self, text: &str, i: usize, font: f64, board_width: f64) -> f64 {
        let c = &self.cols[i];
        let half = text_width(text, font) / 2.0;
        (c.x + c.w / 2.0).clamp(half + 1.0, board_width - half - 1.0)
    }
}

/// Estimated width of a short numeric text.
pub(super) fn text_width(text: &str, font: f64) -> f64 {
    // An apostrophe is about half a digit wide.
    text.chars()
        .map(|c| if c == '\u{2019}' { DIGIT / 2.0 } else { DIGIT })
        .sum::<f64>()
        * font
}
