//! A one-pass prefilter over a paragraph: where the words and characters the date recognisers
//! need occur, so each regex runs only on the stretches of text where it could match.
//!
//! Every recogniser is an unanchored regex; scanning each of some thirty over the whole
//! paragraph was most of the cost of date finding, although a typical paragraph can match only
//! a few, in one or two clauses. The paragraph is cut into segments at characters no
//! recogniser's match can contain (quotes, colons, a sentence's final period…), and each
//! segment gets flags. Each flag is a *necessary* condition of some regex (a literal every
//! match contains), and no match crosses a segment's end, so searching only the segments whose
//! flags allow a regex finds exactly the matches a search of the whole paragraph would.
//!
//! The scan reads each byte once: runs of letters are skipped after one lookup of the cue
//! words that can start there ([`super::cue_words`]), so the cost is that of reading the text.
//! A cue word is looked up only where a word starts, which every recogniser's keyword does.
//!
//! The price is a second place to change: a new or widened recogniser must declare its cues
//! in [`super::cue_words`] (a word each of its matches starts a word with), or it will
//! silently miss text. The test
//! `cues_never_change_candidates` compares filtered and unfiltered search on the seeds, the
//! fuzz corpus and edge cases, and is where a new pattern's examples belong.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex::{CaptureLocations, Regex};

use super::cue_words::{unit_flags, Kind, TABLE};

/// Not a flag: marks a character that ends a segment while scanning.
const BREAK: u64 = 1 << 63;

/// Bit positions of [`Cues`] flags.
pub(super) mod cue {
    /// A capitalised month prefix ("Jan", "May", "Sep").
    pub const MONTH: u64 = 1 << 0;
    /// A digit (any Unicode decimal digit, as the recognisers' `\d` is Unicode).
    pub const DIGIT: u64 = 1 << 1;
    /// An ASCII digit.
    pub const ASCII_DIGIT: u64 = 1 << 2;
    /// A hyphen-minus.
    pub const DASH: u64 = 1 << 3;
    /// A slash.
    pub const SLASH: u64 = 1 << 4;
    /// An at sign.
    pub const AT: u64 = 1 << 5;
    /// "year" right after whitespace.
    pub const WS_YEAR: u64 = 1 << 6;
    /// "month" right after whitespace.
    pub const WS_MONTH: u64 = 1 << 7;
    /// "day" right after whitespace.
    pub const WS_DAY: u64 = 1 << 8;
    /// Any unit ("year", "week", "centur"…) right after whitespace.
    pub const WS_UNIT: u64 = 1 << 9;
    /// Any unit right after a hyphen.
    pub const DASH_UNIT: u64 = 1 << 10;
    /// "old".
    pub const OLD: u64 = 1 << 11;
    /// "age" or "than".
    pub const AGE: u64 = 1 << 12;
    /// "ago".
    pub const AGO: u64 = 1 << 13;
    /// "yesterday" or "tomorrow".
    pub const YESTERDAY: u64 = 1 << 14;
    /// "-long".
    pub const LONG: u64 = 1 << 15;
    /// "0s" (a decade).
    pub const ZERO_S: u64 = 1 << 16;
    /// "0'" or "0’" (a decade with an apostrophe).
    pub const ZERO_QUOTE: u64 = 1 << 17;
    /// "www.".
    pub const WWW: u64 = 1 << 18;
    /// A weekday name ("Tuesday").
    pub const WEEKDAY: u64 = 1 << 19;
    /// "current", "present", "modern" or "nowadays".
    pub const CURRENTLY: u64 = 1 << 20;
    /// A season's name ("summer", "fall").
    pub const SEASON: u64 = 1 << 21;
    /// "quarter".
    pub const QUARTER: u64 = 1 << 22;
    /// "morning", "afternoon", "evening" or "night".
    pub const DAYPART: u64 = 1 << 23;
    /// A feast's name ("Christmas", "Easter", "New Year", "Election Day").
    pub const FEAST: u64 = 1 << 24;
    /// "beginning", "start" or "middle".
    pub const POSITION: u64 = 1 << 25;
    /// "BC".
    pub const BC: u64 = 1 << 26;
    /// "nineteen" or "two thousand" (a year spelled out).
    pub const SPELLED: u64 = 1 << 27;
    /// "every", "each" or "per" (sets).
    pub const EVERY: u64 = 1 << 28;
    /// "now" as a word of its own.
    pub const NOW: u64 = 1 << 29;
    /// "future" or "former".
    pub const FUTURE: u64 = 1 << 30;
    /// "week" right after whitespace.
    pub const WS_WEEK: u64 = 1 << 32;
    /// "centur" ("century", "centuries").
    pub const CENTURY: u64 = 1 << 33;
    /// "coming".
    pub const COMING: u64 = 1 << 34;
    /// "recent" ("recently").
    pub const RECENT: u64 = 1 << 35;
    /// "today" or "tonight".
    pub const TODAY: u64 = 1 << 36;
    /// "past".
    pub const PAST: u64 = 1 << 37;
    /// "period".
    pub const PERIOD: u64 = 1 << 38;
    /// "half".
    pub const HALF: u64 = 1 << 39;
    /// "fiscal".
    pub const FISCAL: u64 = 1 << 40;
    /// "end".
    pub const END: u64 = 1 << 41;
    /// "last", "next" or "previous".
    pub const REL: u64 = 1 << 42;
    /// "this" as a word of its own.
    pub const THIS: u64 = 1 << 43;
    /// "for", "within" or "over" as a word of its own.
    pub const FOR: u64 = 1 << 44;
    /// "later", "earlier" or "previously".
    pub const LATER: u64 = 1 << 45;
    /// "before" or "after" as a word of its own.
    pub const BEFORE: u64 = 1 << 46;
    /// "ended", "ending" or "ends".
    pub const ENDED: u64 = 1 << 47;
    /// "that", "same", "following" or "prior".
    pub const SAME: u64 = 1 << 48;

    /// Every flag: what a paragraph gets when the prefilter cannot vouch for it.
    pub const ALL: u64 = u64::MAX >> 1;
}

/// What surrounds one capitalised month prefix, for [`Cues::month_windows`]: a month rule
/// whose every match needs, say, a number right after its month searches only the words
/// around the months that have one. Each flag is a *necessary* condition of the month being
/// a rule's month group (the group starts at the prefix and spans its letters, with the
/// abbreviation's period), so a month without it cannot be one; without these checks each
/// month rule searched around every month of a passing segment, which took most of the
/// calendar recognisers' time.
pub(super) mod around {
    /// After the month's letters: an optional period, then only whitespace, commas and an
    /// "of", then a digit ("June 6", "June, 2020", "June of 2020").
    pub const NUM_AFTER: u32 = 1 << 0;
    /// Before the month: whitespace, after an optional "of" and an optional ordinal suffix a
    /// digit ("6 June", "6th of June").
    pub const NUM_BEFORE: u32 = 1 << 1;
    /// Before the month: whitespace after "this", "last" or "next" in any ASCII case.
    pub const REL_BEFORE: u32 = 1 << 2;
    /// [`NUM_AFTER`] with four digits where the digit is ("June 2020", "June, 2020", "June
    /// of 2020"): a year right after the month.
    pub const YEAR_AFTER: u32 = 1 << 3;
    /// After the month's letters: an optional period, whitespace, one or two digits, an
    /// optional ordinal suffix, whitespace and commas, then four digits ("June 6, 2020").
    pub const DAY_YEAR_AFTER: u32 = 1 << 4;
}

/// The cue flags of each segment of one paragraph (see [`cue`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cues {
    /// Segment starts, ascending, the first 0; a segment ends where the next one starts.
    starts: Vec<usize>,
    /// The flags of each segment.
    flags: Vec<u64>,
    /// The paragraph's length, where the last segment ends.
    len: usize,
    /// Every flag of any segment: a recogniser whose condition it fails is skipped at once.
    union: u64,
    /// The words around each capitalised month prefix (within its segment), with the segment
    /// and the prefix's [`around`] flags.
    months: Vec<(Range<usize>, usize, u32)>,
    /// Where each capitalised month prefix that starts a word starts (every occurrence of a
    /// full month name when the prefilter stands aside).
    month_starts: Vec<usize>,
    /// The runs of ASCII word characters that are four-digit numbers a year can be.
    years: Vec<Range<usize>>,
}

impl Cues {
    /// Scan `text` once for every cue: one pass over its bytes that classes each character,
    /// looks cue words up where words start ([`cues_at`]), and notes the four-digit numbers.
    pub(super) fn of(text: &str) -> Cues {
        use cue::*;
        let bytes = text.as_bytes();
        // About one segment per sentence or quotation: room for most paragraphs' segments.
        let room = text.len() / 32 + 1;
        let mut starts = Vec::with_capacity(room + 1);
        starts.push(0);
        let mut flags = Vec::with_capacity(room);
        let mut current = 0u64;
        // Capitalised month prefixes with their segment; their windows need the segment's end.
        let mut months: Vec<(usize, usize)> = Vec::new();
        let mut years = Vec::new();
        let table = &*TABLE;
        // Whether the byte before is an ASCII digit or underscore: a letter after one starts
        // no word (a letter after a letter is skipped with its run).
        let mut glued = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                // Letters end no segment and carry no flag of their own: look cue words up
                // where a word starts, and move on past the letters.
                if !glued {
                    table.cues_at(bytes, i, |kind| {
                        current |= match kind {
                            Kind::Month => {
                                months.push((i, flags.len()));
                                MONTH
                            }
                            Kind::Unit(own, period) => {
                                unit_flags(own, period, text[..i].chars().next_back())
                            }
                            Kind::Word { flag, .. } => flag,
                            Kind::Long => LONG,
                        };
                    });
                }
                i = letters_end(bytes, i + 1);
                glued = true;
                continue;
            }
            if b.is_ascii_digit() && !glued {
                let end = bytes[i..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
                    .map_or(bytes.len(), |n| i + n);
                if is_year(&bytes[i..end]) {
                    years.push(i..end);
                }
            }
            glued = b.is_ascii_digit() || b == b'_';
            let flag = match b {
                b'.' if after_abbreviation(&bytes[..i]) => 0,
                b'0' => DIGIT | ASCII_DIGIT | zero_cue(&bytes[i + 1..]),
                0..=0x7F => ASCII[b as usize],
                // A continuation byte: its character was classed at its first byte.
                0x80..=0xBF => 0,
                _ => match text[i..].chars().next() {
                    Some('’' | '‘') => 0,
                    Some(c) if c.is_whitespace() => 0,
                    Some(c) if c.is_numeric() => DIGIT,
                    // Under `(?i)` the regexes also match "ſ" for "s" and the Kelvin sign for
                    // "k", which the ASCII-case-insensitive lookup would miss: such rare text
                    // runs every recogniser.
                    Some('\u{17F}' | '\u{212A}') => return Cues::everything(text),
                    _ => BREAK,
                },
            };
            if flag == BREAK {
                // A character no match contains ends the segment; the next starts with it.
                flags.push(current);
                starts.push(i);
                current = 0;
            } else {
                current |= flag;
            }
            i += 1;
        }
        flags.push(current);
        let union = flags.iter().fold(0, |all, f| all | f);
        let month_starts = months.iter().map(|&(at, _)| at).collect();
        let months = months
            .into_iter()
            .map(|(at, seg)| {
                let seg_end = starts.get(seg + 1).copied().unwrap_or(text.len());
                let from = words_back(text, at, MONTH_WORDS_BEFORE).max(starts[seg]);
                let to = words_forward(text, at, MONTH_WORDS_AFTER).min(seg_end);
                (from..to, seg, around_flags(text, at))
            })
            .collect();
        Cues {
            starts,
            flags,
            len: text.len(),
            union,
            months,
            month_starts,
            years,
        }
    }

    /// Where the month names of the paragraph can start, ascending: at least every full
    /// month name that starts a word.
    pub(super) fn month_starts(&self) -> &[usize] {
        &self.month_starts
    }

    /// The four-digit numbers that can be years, as [`year_tokens`] finds them.
    pub(super) fn years(&self) -> &[Range<usize>] {
        &self.years
    }

    /// One segment with every flag: every recogniser runs on the whole paragraph.
    pub(super) fn everything(text: &str) -> Cues {
        Cues {
            starts: vec![0],
            flags: vec![cue::ALL],
            len: text.len(),
            union: cue::ALL,
            months: Vec::new(),
            month_starts: super::bare_month::full_months(text).collect(),
            years: year_tokens(text).collect(),
        }
    }

    /// Whether any segment has any flag of `need`.
    pub(super) fn any(&self, need: u64) -> bool {
        self.union & need != 0
    }

    /// Whether some segment can pass `need`: the condition holds of all flags together.
    /// Most recognisers fail it on most paragraphs, so callers test it before asking for
    /// windows.
    #[inline]
    pub(super) fn may_pass(&self, need: fn(Flags) -> bool) -> bool {
        need(Flags(self.union))
    }

    /// The stretches of the paragraph, ascending and disjoint, made of the segments whose
    /// flags pass `need` (adjacent ones merged); every match of a regex whose necessary
    /// condition is `need` lies inside one of them.
    pub(super) fn windows(&self, need: fn(Flags) -> bool) -> Vec<Range<usize>> {
        // Conditions only ask for flags, so one no segment-union has holds in no segment.
        if !need(Flags(self.union)) {
            return Vec::new();
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        for (k, &f) in self.flags.iter().enumerate() {
            if !need(Flags(f)) {
                continue;
            }
            let start = self.starts[k];
            let end = self.starts.get(k + 1).copied().unwrap_or(self.len);
            match out.last_mut() {
                Some(last) if last.end == start => last.end = end,
                _ => out.push(start..end),
            }
        }
        out
    }

    /// Like [`windows`](Self::windows) for a regex every match of which holds a month name
    /// with at most [`MONTH_WORDS_BEFORE`] words before it and [`MONTH_WORDS_AFTER`] after
    /// (words parted by spaces, commas or hyphens): only the words around each month of a
    /// passing segment, and only of the months with every [`around`] flag of `near`. Month
    /// names are frequent, so whole segments would be scanned often.
    pub(super) fn month_windows(&self, need: fn(Flags) -> bool, near: u32) -> Vec<Range<usize>> {
        if !need(Flags(self.union)) {
            return Vec::new();
        }
        if self.flags.first() == Some(&cue::ALL) {
            // The prefilter stood aside: search everywhere.
            return self.windows(need);
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        for (around, seg, flags) in &self.months {
            if flags & near != near || !need(Flags(self.flags[*seg])) {
                continue;
            }
            let (start, end) = (around.start, around.end);
            match out.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => out.push(start..end),
            }
        }
        out
    }

    /// Calls `each` with the capture groups of every match of `re` in `text` inside
    /// `windows`, in order: the same as `re.captures_iter(text)` when every match lies inside
    /// a window (as [`windows`] and [`month_windows`] make sure). Each search starts at a
    /// window's start with the text before in view, so word boundaries read the same, and
    /// stops at the window's end, which is no word character, so a `\b` there reads the same
    /// too. The groups are read into one set of locations per regex and thread, kept from
    /// call to call in [`LOCATIONS`] at `slot` (the regex's own, from [`next_slot`]), not a
    /// fresh allocation per paragraph or match; `names` are `re`'s group names
    /// ([`group_names`]).
    ///
    /// [`windows`]: Self::windows
    /// [`month_windows`]: Self::month_windows
    pub(super) fn each_capture(
        (re, slot): (&Regex, usize),
        names: &[Option<String>],
        text: &str,
        windows: Vec<Range<usize>>,
        mut each: impl FnMut(&Caps),
    ) {
        if windows.is_empty() {
            return;
        }
        let mut locs = LOCATIONS
            .with_borrow_mut(|kept| kept.get_mut(slot).and_then(Option::take))
            .unwrap_or_else(|| re.capture_locations());
        for w in windows {
            let hay = &text[..w.end];
            let mut at = w.start;
            while let Some(m) = re.captures_read_at(&mut locs, hay, at) {
                each(&Caps {
                    text,
                    locs: &locs,
                    names,
                });
                // No recogniser matches the empty string; should one, stop rather than loop.
                if m.end() == m.start() {
                    break;
                }
                at = m.end();
            }
        }
        LOCATIONS.with_borrow_mut(|kept| {
            if kept.len() <= slot {
                kept.resize_with(slot + 1, || None);
            }
            kept[slot] = Some(locs);
        });
    }
}

thread_local! {
    /// The capture locations [`Cues::each_capture`] keeps for each regex, by slot.
    static LOCATIONS: RefCell<Vec<Option<CaptureLocations>>> = const { RefCell::new(Vec::new()) };
}

/// A slot of its own in [`LOCATIONS`], for a regex [`Cues::each_capture`] will search.
pub(super) fn next_slot() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The group names of `re` by index, as [`Caps`] looks them up.
pub(super) fn group_names(re: &Regex) -> Vec<Option<String>> {
    re.capture_names().map(|n| n.map(String::from)).collect()
}

/// The capture groups of one match (see [`Cues::each_capture`]), read like
/// [`regex::Captures`].
pub(super) struct Caps<'a> {
    text: &'a str,
    locs: &'a CaptureLocations,
    names: &'a [Option<String>],
}

impl<'a> Caps<'a> {
    /// Group `i`; 0 is the whole match.
    pub(super) fn get(&self, i: usize) -> Option<Span<'a>> {
        let (start, end) = self.locs.get(i)?;
        Some(Span {
            text: self.text,
            start,
            end,
        })
    }

    /// The group named `name`, when it took part in the match. A linear search: the
    /// recognisers have a handful of groups.
    pub(super) fn name(&self, name: &str) -> Option<Span<'a>> {
        let i = self.names.iter().position(|n| n.as_deref() == Some(name))?;
        self.get(i)
    }
}

/// Where one group matched, read like [`regex::Match`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Span<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Span<'a> {
    /// Byte offset of the group's start in the paragraph.
    pub(super) fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the group.
    pub(super) fn end(&self) -> usize {
        self.end
    }

    /// The group's text.
    pub(super) fn as_str(&self) -> &'a str {
        &self.text[self.start..self.end]
    }
}

/// The flag of each ASCII character, [`BREAK`] for those no recogniser's match contains. A
/// period breaks too unless it follows an abbreviated month, which the scan checks first.
const ASCII: [u64; 128] = {
    let mut t = [BREAK; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'0'..=b'9' => cue::DIGIT | cue::ASCII_DIGIT,
            b'-' => cue::DASH,
            b'/' => cue::SLASH,
            b'@' => cue::AT,
            // Whitespace as `char::is_whitespace` (and the regexes' `\s`) has it.
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => 0,
            b'A'..=b'Z' | b'a'..=b'z' | b'_' | b',' | b'\'' | b'(' => 0,
            _ => BREAK,
        };
        b += 1;
    }
    t
};

/// Words a month-name recogniser's match can hold before the month ("Monday, the 15th of
/// August 2021" has four) and after it ("May of last year" has three), with one to spare.
const MONTH_WORDS_BEFORE: usize = 5;
/// See [`MONTH_WORDS_BEFORE`].
const MONTH_WORDS_AFTER: usize = 4;

/// What parts words in the month-name recognisers: their separators are `\s`, `,` and `-`.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == '-'
}

/// Whether the character that ends right before `at` is a gap ([`is_gap`]), with where it
/// starts; ASCII, nearly every character, is classed by its byte.
fn gap_before(text: &str, at: usize) -> Option<(usize, bool)> {
    match *text.as_bytes().get(at.checked_sub(1)?)? {
        b if b < 0x80 => Some((at - 1, ascii_gap(b))),
        _ => text[..at]
            .chars()
            .next_back()
            .map(|c| (at - c.len_utf8(), is_gap(c))),
    }
}

/// Whether the character that starts at `at` is a gap ([`is_gap`]), with where it ends.
fn gap_after(text: &str, at: usize) -> Option<(usize, bool)> {
    match *text.as_bytes().get(at)? {
        b if b < 0x80 => Some((at + 1, ascii_gap(b))),
        _ => text[at..]
            .chars()
            .next()
            .map(|c| (at + c.len_utf8(), is_gap(c))),
    }
}

/// [`is_gap`] of an ASCII character.
fn ascii_gap(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | b',' | b'-')
}

/// The start of the `n`th word before the one `at` is in (or of the text).
fn words_back(text: &str, at: usize, n: usize) -> usize {
    let mut start = at;
    // The word `at` is in, then `n` times a gap and a word.
    for phase in 0..=2 * n {
        let gap = phase % 2 == 1;
        while let Some((i, g)) = gap_before(text, start) {
            if g != gap {
                break;
            }
            start = i;
        }
    }
    start
}

/// The end of the `n`th word after the one `at` is in (or of the text): a gap or the end.
fn words_forward(text: &str, at: usize, n: usize) -> usize {
    let mut end = at;
    for phase in 0..=2 * n {
        let gap = phase % 2 == 1;
        while let Some((i, g)) = gap_after(text, end) {
            if g != gap {
                break;
            }
            end = i;
        }
    }
    end
}

/// The [`around`] flags of the capitalised month prefix at `at`.
fn around_flags(text: &str, at: usize) -> u32 {
    let letters = text[at..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(text.len(), |n| at + n);
    let gap = |c: char| c.is_whitespace() || c == ',';
    let mut flags = 0;
    // Forward: `\.?(\s+of)?,?\s+\d`, as the month-first rules have it, and more.
    let after = &text[letters..];
    let after = after.strip_prefix('.').unwrap_or(after);
    let tail = after.trim_start_matches(gap);
    let tail = tail
        .strip_prefix("of")
        .unwrap_or(tail)
        .trim_start_matches(gap);
    if tail.starts_with(|c: char| c.is_numeric()) {
        flags |= around::NUM_AFTER;
        // `(\s+of)?,?\s+\d{4}`, as the month-year rules have it, and more.
        if four_digits(tail) {
            flags |= around::YEAR_AFTER;
        }
    }
    if day_then_year(after) {
        flags |= around::DAY_YEAR_AFTER;
    }
    // Backward: the rules with words before the month part them from it with whitespace.
    let head = &text[..at];
    let word = head.trim_end();
    if word.len() == head.len() {
        return flags;
    }
    // `\d{1,2}(st|nd|rd|th)?\s+(of\s+)?`, as the day-first rules have it, and more.
    let day = word.strip_suffix("of").map_or(word, str::trim_end);
    let day = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| day.strip_suffix(s))
        .unwrap_or(day);
    if day.ends_with(|c: char| c.is_numeric()) {
        flags |= around::NUM_BEFORE;
    }
    // `(?i:this|last|next)\s+`.
    let rel = word.as_bytes();
    if rel.len() >= 4
        && ["this", "last", "next"]
            .iter()
            .any(|w| rel[rel.len() - 4..].eq_ignore_ascii_case(w.as_bytes()))
    {
        flags |= around::REL_BEFORE;
    }
    flags
}

/// Whether `text` starts with four digits (any numeric characters, a superset of `\d`).
fn four_digits(text: &str) -> bool {
    let mut chars = text.chars();
    (0..4).all(|_| chars.next().is_some_and(char::is_numeric))
}

/// Whether `after`, the text after a month and its optional period, goes on as the
/// month-day-year rules have it: `\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}`, and more (numeric
/// characters for `\d`, any whitespace and commas for `,?\s+`).
fn day_then_year(after: &str) -> bool {
    let day = after.trim_start();
    if day.len() == after.len() {
        return false;
    }
    let digits = day.chars().take_while(|c| c.is_numeric()).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let rest = &day[day.char_indices().nth(digits).map_or(day.len(), |(i, _)| i)..];
    let rest = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| rest.strip_prefix(s))
        .unwrap_or(rest);
    let year = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    year.len() < rest.len() && four_digits(year)
}

/// The end of the run of ASCII letters that goes on at `at`: eight bytes at a time, as
/// most of a paragraph is letters.
fn letters_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let others = non_letters(u64::from_le_bytes(*chunk));
        if others != 0 {
            return at + (others.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        at += 1;
    }
    at
}

/// The high bit of each byte of `x` that is no ASCII letter, every other bit clear.
fn non_letters(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Lowercased and without high bits: no byte exceeds 0x7F, so no sum below carries into
    // the next byte.
    let low = (x | 0x2020_2020_2020_2020) & !HIGH;
    // High bit set where the byte is at least "a" (0x61), and where it is past "z" (0x7A).
    let from_a = low + 0x1F1F_1F1F_1F1F_1F1F;
    let past_z = low + 0x0505_0505_0505_0505;
    !(from_a & !past_z & !x) & HIGH
}

/// Whether a run of ASCII word characters is a number from 1000 to 2099, the bare-year
/// recogniser's `\b(1[0-9]{3}|20[0-9]{2})\b`.
fn is_year(run: &[u8]) -> bool {
    matches!(run, [b'1', b'0'..=b'9', c, d] | [b'2', b'0', c, d] if c.is_ascii_digit() && d.is_ascii_digit())
}

/// The matches of the bare-year recogniser in `text`: runs of ASCII word characters that
/// are such numbers ([`Cues::of`] finds the same in its pass).
pub(super) fn year_tokens(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !word(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && word(b[i]) {
                i += 1;
            }
            if is_year(&b[start..i]) {
                return Some(start..i);
            }
        }
        None
    })
}

/// The decade cues a "0" starts: "0s" (`ZERO_S`, any case) and "0'" or "0’" (`ZERO_QUOTE`).
fn zero_cue(after: &[u8]) -> u64 {
    match after {
        [b's' | b'S', ..] => cue::ZERO_S,
        [b'\'', ..] | [0xE2, 0x80, 0x99, ..] => cue::ZERO_QUOTE,
        _ => 0,
    }
}

/// Whether the period after `head` can belong to an abbreviated month ("Aug.") or to "B.C.":
/// whether `head` ends with "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
/// "Oct", "Nov", "Dec", " B" or " B.C". A slice pattern, as periods are frequent.
fn after_abbreviation(head: &[u8]) -> bool {
    matches!(
        head,
        [.., b'J', b'a' | b'u', b'n']
            | [.., b'F', b'e', b'b']
            | [.., b'M', b'a', b'r']
            | [.., b'A', b'p', b'r']
            | [.., b'J', b'u', b'l']
            | [.., b'A', b'u', b'g']
            | [.., b'S', b'e', b'p']
            | [.., b'S', b'e', b'p', b't']
            | [.., b'O', b'c', b't']
            | [.., b'N', b'o', b'v']
            | [.., b'D', b'e', b'c']
            | [.., b' ', b'B']
            | [.., b' ', b'B', b'.', b'C']
    )
}

/// The flags of one segment, as the recognisers' conditions test them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Flags(u64);

impl Flags {
    /// Whether every flag of `need` is present.
    pub(super) fn all(self, need: u64) -> bool {
        self.0 & need == need
    }

    /// Whether any flag of `need` is present.
    pub(super) fn any(self, need: u64) -> bool {
        self.0 & need != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::dates::context::{link_spans_everywhere, link_spans_with};
    use crate::annotate::dates::named::named_with;
    use crate::annotate::dates::patterns::calendar_with;
    use crate::annotate::dates::relative::relative_with;

    /// Paragraphs to compare on: the fuzz corpus, the shipped seeds, and edge cases of the
    /// segmenting and of the case-folding fallback.
    fn paragraphs() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out: Vec<String> = [
            "Monday, the 15th of August, 2021 and mid-Sept. 3, 1999; in May of last year",
            "“In May,” he said: 2021-08-15, 9/11, the ’90s (’80s) and 1990s—four years ago.",
            "early-August\u{a0}2020 the\u{2009}same day, a 25-year deal, decade-long, 17-year-old",
            "Aug.\u{b}5 2021 from June Carter and April to June; between March and May 2010",
            "this Year, LAST month, the next day, ſeveral weeks, 3 \u{212A}m, yeſterday",
            "Jan.2021 Mayday 5th May 2000 people _2021_ x2021 2021_ 12,2021 ٢٠٢١ 2021٣",
            "the 3rd of\u{a0}March, 2020, 4 Sept. 2021, LAST June, next\tMay, June of 2020 or 1of May",
            "mail a.b@c.org/x, WWW.x.com and\u{a0}https://t.co/2021 or x.com/2021-08-15 “www.y.af/1”",
            "é/www.été.com/x@y.ru 2021/ x@ @y.com/\u{2003}k.net/ wwW.a/b.c@d.e",
            "On 5 May the talks began; by June 6 they ended, the 7th of July. Last\u{a0}Aug. fell.",
            "Aug.,  5, 12th\u{2009}Dec 1999, ٣ May, May ٣, 7 Junebug, mid-May 9, Monday, May 5th, 2021",
            "met on Tuesday,\u{a0}last\tFRIDAY and next Sunday’s; Good Friday, Mondays, weekday",
            "a decade-long, YEAR-LONG war in 480 BC and B.C. 30; New Year's Eve, new  year, 5past",
            "the headquarters, third-quarter, 2 1/2 years, x2021y, _1999, 1990s, '80s and 1980’s",
            "right now, nowhere, per cent, per year, each day, half-year, the past, 1st\u{a0}quarter",
            "in the near future, former, currently, at present, recently, coming weeks, tonight",
            "June 6th,\u{a0}2021, May 2020, Aug. 12 ٢٠٢١, June 123 2020, June 1 20201, Sept.,5, 2020",
            "5 June, 2021, 22-25 April 1951, 3rd of May 1999, the 2 to 4 of Mayor, June 12th 2021x",
            "for the years, Within The Months, OVER\u{a0}centuries, forty years, two years LATER",
            "three days before the vote, 5 weeks after\tit, the past decade, the Previous year",
            "mid-next month, THIS week, later this year, earlier-last week, five years previously",
            "the year-ago quarter, the year earlier, the fiscal year that ended Sept. 30, year ends",
            "that same year, the following month, the prior year, THE SAME MONTH, that year",
        ]
        .map(String::from)
        .to_vec();
        for dir in ["fuzz/corpus/dates", "seeds"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("corpus folder") {
                let bytes = std::fs::read(entry.expect("entry").path()).expect("readable");
                let text = String::from_utf8_lossy(&bytes);
                out.extend(text.split('\n').map(String::from));
            }
        }
        out
    }

    /// The prefilter only skips searches: every recogniser (and the link regex) finds exactly
    /// what it finds when searching the whole paragraph.
    #[test]
    fn cues_never_change_candidates() {
        for p in paragraphs() {
            let (cues, all) = (Cues::of(&p), Cues::everything(&p));
            assert_eq!(calendar_with(&p, &cues), calendar_with(&p, &all), "{p:?}");
            assert_eq!(relative_with(&p, &cues), relative_with(&p, &all), "{p:?}");
            assert_eq!(named_with(&p, &cues), named_with(&p, &all), "{p:?}");
            assert_eq!(
                link_spans_with(&p, &cues),
                link_spans_everywhere(&p),
                "{p:?}"
            );
        }
    }

    #[test]
    fn word_cues_start_a_word() {
        let flags = |t: &str| Cues::of(t).flags[0];
        assert_eq!(flags("I know") & cue::NOW, 0);
        assert_ne!(flags("I know now") & cue::NOW, 0);
        assert_eq!(flags("ten percent") & cue::EVERY, 0);
        assert_ne!(flags("it was recently") & cue::RECENT, 0);
        assert_eq!(flags("headquarters") & cue::QUARTER, 0);
        assert_ne!(flags("third-quarter") & cue::DASH_UNIT, 0);
        assert_ne!(flags("in the 1990s") & cue::ZERO_S, 0);
    }

    #[test]
    fn abbreviation_periods_are_the_list() {
        let listed = |head: &str| {
            [
                "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                "Dec", " B", " B.C",
            ]
            .iter()
            .any(|m| head.ends_with(m))
        };
        for p in paragraphs() {
            for (i, _) in p.match_indices('.') {
                let head = &p[..i];
                assert_eq!(
                    after_abbreviation(head.as_bytes()),
                    listed(head),
                    "{head:?}"
                );
            }
        }
        for head in ["Jan", "Jun", "Jau", "Sept", "x B", "B", "x B.C", "ept", ""] {
            assert_eq!(
                after_abbreviation(head.as_bytes()),
                listed(head),
                "{head:?}"
            );
        }
    }

    /// [`words_back`] and [`words_forward`] as they read whole characters.
    fn words_by_chars(text: &str, at: usize, n: usize) -> (usize, usize) {
        let (mut start, mut end) = (at, at);
        for phase in 0..=2 * n {
            let gap = phase % 2 == 1;
            while let Some(c) = text[..start].chars().next_back() {
                if is_gap(c) != gap {
                    break;
                }
                start -= c.len_utf8();
            }
            while let Some(c) = text[end..].chars().next() {
                if is_gap(c) != gap {
                    break;
                }
                end += c.len_utf8();
            }
        }
        (start, end)
    }

    #[test]
    fn word_steps_read_characters() {
        for p in paragraphs() {
            for (at, _) in p.char_indices() {
                let want = words_by_chars(&p, at, 2);
                assert_eq!(
                    (words_back(&p, at, 2), words_forward(&p, at, 2)),
                    want,
                    "{p:?} {at}"
                );
            }
        }
        for b in 0..0x80u8 {
            assert_eq!(ascii_gap(b), is_gap(b as char), "{b:#x}");
        }
    }

    #[test]
    fn letter_runs_end_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for k in 0..12 {
                let mut text = vec![b'q'; 12];
                text[k] = b;
                let want = if b.is_ascii_alphabetic() { 12 } else { k };
                assert_eq!(letters_end(&text, 0), want, "{b:#x} at {k}");
            }
        }
        assert_eq!(letters_end(b"", 0), 0);
        assert_eq!(letters_end(b"ab cd", 3), 5);
    }

    #[test]
    fn around_flags_read_days_and_years() {
        let flags = |t: &str| around_flags(t, 0);
        assert_ne!(flags("June 6, 2021") & around::DAY_YEAR_AFTER, 0);
        assert_ne!(flags("Aug. 6th\u{a0}2021") & around::DAY_YEAR_AFTER, 0);
        assert_eq!(flags("June 6 people") & around::DAY_YEAR_AFTER, 0);
        assert_eq!(flags("June 123 2021") & around::DAY_YEAR_AFTER, 0);
        assert_ne!(flags("June of 2021") & around::YEAR_AFTER, 0);
        assert_ne!(flags("June, 2021") & around::YEAR_AFTER, 0);
        assert_eq!(flags("June 6, 2021") & around::YEAR_AFTER, 0);
        assert_ne!(flags("June 6, 2021") & around::NUM_AFTER, 0);
    }

    #[test]
    fn the_scan_finds_the_years() {
        for p in paragraphs() {
            assert_eq!(
                Cues::of(&p).years(),
                year_tokens(&p).collect::<Vec<_>>(),
                "{p:?}"
            );
        }
    }

    #[test]
    fn year_scan_is_the_regex() {
        let re = Regex::new(r"(?-u:\b)(?:1[0-9]{3}|20[0-9]{2})(?-u:\b)").expect("regex");
        for p in paragraphs() {
            let want: Vec<_> = re.find_iter(&p).map(|m| m.range()).collect();
            assert_eq!(year_tokens(&p).collect::<Vec<_>>(), want, "{p:?}");
        }
    }
}
