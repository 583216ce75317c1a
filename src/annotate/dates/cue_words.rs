//! The cue words of the date recognisers, looked up at the start of each word: which flag a
//! word gives its segment (see [`super::cues`]).
//!
//! Every recogniser's keyword starts a word of its match (after a word boundary, whitespace or
//! a hyphen), so a word's first letters are the only place to look: two letters pick a short
//! bucket of candidate cue words from a table, and most words ("the", "and", "of") have none.
//! A cue word is a prefix of the word ("year" also cues "years", "yearly"), compared ASCII-
//! case-insensitively as the `(?i)` recognisers read it.

use std::sync::LazyLock;

use super::cues::cue::*;
use super::words::WEEKDAYS;

/// What a cue word gives once it is found at a word start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A month prefix ("jan"), a cue only written capitalised ("Jan"), as the calendar
    /// recognisers spell month names.
    Month,
    /// A unit of time: its flags depend on the character before it (see [`unit_flags`]);
    /// the `u64` is its own flag after whitespace (`WS_YEAR`…, or 0) and the `u64` after it
    /// what it gives wherever it stands (`QUARTER`, `CENTURY`, or 0).
    Unit(u64, u64),
    /// A plain cue word with its flag; `whole` ones must also end a word ("now", not "nowhere").
    Word { flag: u64, whole: bool },
    /// "long" right after a hyphen ("decade-long").
    Long,
}

/// A cue word, lowercase, and what it gives.
type Entry = (&'static str, Kind);

const fn w(flag: u64) -> Kind {
    Kind::Word { flag, whole: false }
}

const fn whole(flag: u64) -> Kind {
    Kind::Word { flag, whole: true }
}

/// Every cue word but the weekday names (added from [`WEEKDAYS`]).
const ENTRIES: &[Entry] = &[
    ("jan", Kind::Month),
    ("feb", Kind::Month),
    ("mar", Kind::Month),
    ("apr", Kind::Month),
    ("may", Kind::Month),
    ("jun", Kind::Month),
    ("jul", Kind::Month),
    ("aug", Kind::Month),
    ("sep", Kind::Month),
    ("oct", Kind::Month),
    ("nov", Kind::Month),
    ("dec", Kind::Month),
    ("year", Kind::Unit(WS_YEAR, 0)),
    ("month", Kind::Unit(WS_MONTH, 0)),
    ("week", Kind::Unit(WS_WEEK, 0)),
    ("day", Kind::Unit(WS_DAY, 0)),
    ("hour", Kind::Unit(0, 0)),
    ("minute", Kind::Unit(0, 0)),
    ("decade", Kind::Unit(0, 0)),
    ("centur", Kind::Unit(0, CENTURY)),
    ("quarter", Kind::Unit(0, QUARTER)),
    ("old", w(OLD)),
    ("age", w(AGE)),
    ("than", w(AGE)),
    ("ago", w(AGO)),
    ("yesterday", w(YESTERDAY)),
    ("tomorrow", w(YESTERDAY)),
    ("long", Kind::Long),
    ("www.", w(WWW)),
    ("now", whole(NOW)),
    ("today", w(TODAY)),
    ("tonight", w(TODAY)),
    ("current", w(CURRENTLY)),
    ("recent", w(RECENT)),
    ("future", w(FUTURE)),
    ("former", w(FUTURE)),
    ("present", w(CURRENTLY)),
    ("modern", w(CURRENTLY)),
    ("nowadays", w(CURRENTLY)),
    ("coming", w(COMING)),
    ("spring", w(SEASON)),
    ("summer", w(SEASON)),
    ("autumn", w(SEASON)),
    ("fall", w(SEASON)),
    ("winter", w(SEASON)),
    ("half", whole(HALF)),
    ("fiscal", w(FISCAL)),
    ("period", w(PERIOD)),
    ("morning", w(DAYPART)),
    ("afternoon", w(DAYPART)),
    ("evening", w(DAYPART)),
    ("night", w(DAYPART)),
    ("christmas", w(FEAST)),
    ("thanksgiving", w(FEAST)),
    ("easter", w(FEAST)),
    ("new year", w(FEAST)),
    ("election day", w(FEAST)),
    ("end", whole(END)),
    ("beginning", w(POSITION)),
    ("start", whole(POSITION)),
    ("middle", w(POSITION)),
    ("bc", whole(BC)),
    ("b.c", w(BC)),
    ("nineteen", w(SPELLED)),
    ("two thousand", w(SPELLED)),
    ("twenties", w(SPELLED)),
    ("thirties", w(SPELLED)),
    ("forties", w(SPELLED)),
    ("fifties", w(SPELLED)),
    ("sixties", w(SPELLED)),
    ("seventies", w(SPELLED)),
    ("eighties", w(SPELLED)),
    ("nineties", w(SPELLED)),
    ("every", w(EVERY)),
    ("each", whole(EVERY)),
    ("per", whole(EVERY)),
    ("past", whole(PAST)),
    ("last", w(REL)),
    ("next", w(REL)),
    ("previous", w(REL)),
    ("this", whole(THIS)),
    ("for", whole(FOR)),
    ("within", whole(FOR)),
    ("over", whole(FOR)),
    ("later", w(LATER)),
    ("earlier", w(LATER)),
    ("previously", w(LATER)),
    ("before", whole(BEFORE)),
    ("after", whole(BEFORE)),
    ("ended", w(ENDED)),
    ("ending", w(ENDED)),
    ("ends", w(ENDED)),
    ("that", whole(SAME)),
    ("same", whole(SAME)),
    ("following", w(SAME)),
    ("prior", w(SAME)),
];

/// The bucket of a word's first two bytes (lowercased); `None` unless both are ASCII letters
/// or the second is the period of "b.c".
fn bucket(a: u8, b: u8) -> Option<usize> {
    let letter = |c: u8| {
        c.is_ascii_alphabetic()
            .then(|| (c.to_ascii_lowercase() - b'a') as usize)
    };
    let second = if b == b'.' { Some(26) } else { letter(b) };
    Some(letter(a)? * 27 + second?)
}

/// One cue word of the [`Table`].
struct Cue {
    word: &'static [u8],
    kind: Kind,
    /// The word's first eight bytes (at most) as [`Table::cues_at`] reads a text's, and which
    /// bytes of that count: one comparison rules out most words before a byte-wise one.
    value: u64,
    mask: u64,
}

/// The cue words grouped by the bucket of their first two letters.
pub(super) struct Table {
    /// Each bucket's first entry and entry count.
    index: Vec<(u16, u16)>,
    entries: Vec<Cue>,
}

/// Up to eight bytes from the start of `bytes`, little-endian, with ASCII letters lowercased
/// (`| 0x20`, which makes no other byte a lowercase letter) and missing bytes read as spaces.
fn head8(bytes: &[u8]) -> u64 {
    let raw = match bytes.first_chunk::<8>() {
        Some(head) => *head,
        None => {
            let mut buf = [0u8; 8];
            buf[..bytes.len()].copy_from_slice(bytes);
            buf
        }
    };
    u64::from_le_bytes(raw) | 0x2020_2020_2020_2020
}

/// The cue-word table, built once.
pub(super) static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let weekdays = WEEKDAYS.iter().map(|d| (*d, w(WEEKDAY)));
    let mut entries: Vec<(usize, Cue)> = ENTRIES
        .iter()
        .copied()
        .chain(weekdays)
        .map(|(word, kind)| {
            let b = word.as_bytes();
            let n = b.len().min(8);
            let mask = if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            };
            let cue = Cue {
                word: b,
                kind,
                value: head8(b) & mask,
                mask,
            };
            (
                bucket(b[0], b[1]).expect("cue words start with two letters"),
                cue,
            )
        })
        .collect();
    entries.sort_by_key(|e| e.0);
    let mut index = vec![(0u16, 0u16); 26 * 27];
    for (i, e) in entries.iter().enumerate() {
        let slot = &mut index[e.0];
        if slot.1 == 0 {
            slot.0 = i as u16;
        }
        slot.1 += 1;
    }
    Table {
        index,
        entries: entries.into_iter().map(|(_, c)| c).collect(),
    }
});

impl Table {
    /// Calls `found` with the kind of each cue word that starts at `at`, a word start (the
    /// byte before is no ASCII letter, digit or underscore) with an ASCII letter.
    #[inline]
    pub(super) fn cues_at(&self, bytes: &[u8], at: usize, mut found: impl FnMut(Kind)) {
        let rest = &bytes[at..];
        let head = head8(rest);
        let first = (head as u8).wrapping_sub(b'a') as usize;
        let second = (head >> 8) as u8;
        let second = match second {
            b'a'..=b'z' => (second - b'a') as usize,
            b'.' => 26,
            _ => return,
        };
        let Some(&(start, n)) = self.index.get(first * 27 + second) else {
            return;
        };
        for cue in &self.entries[start as usize..(start + n) as usize] {
            if head & cue.mask != cue.value {
                continue;
            }
            let word = cue.word;
            let Some(text) = rest.get(..word.len()) else {
                continue;
            };
            if !text.eq_ignore_ascii_case(word) {
                continue;
            }
            let letter_after = rest.get(word.len()).is_some_and(u8::is_ascii_alphabetic);
            let ok = match cue.kind {
                // Written "Jan", "May": a capital and the rest as in the table.
                Kind::Month => text[0].is_ascii_uppercase() && text[1..] == word[1..],
                Kind::Word { whole: true, .. } => !letter_after,
                Kind::Long => at > 0 && bytes[at - 1] == b'-',
                _ => true,
            };
            if ok {
                found(cue.kind);
            }
        }
    }
}

/// The flags of a unit of time whose word follows `before` (the character before it, if any):
/// after whitespace it is a unit and its own flag, after a hyphen a compound's unit, and a
/// report's period ("quarter") wherever it stands.
pub(super) fn unit_flags(own: u64, period: u64, before: Option<char>) -> u64 {
    match before {
        Some(c) if c.is_whitespace() => WS_UNIT | own | period,
        Some('-') => DASH_UNIT | period,
        _ => period,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, at: usize) -> Vec<Kind> {
        let mut out = Vec::new();
        TABLE.cues_at(text.as_bytes(), at, |k| out.push(k));
        out
    }

    #[test]
    fn words_are_prefixes_in_any_case() {
        assert_eq!(kinds("Years", 0), [Kind::Unit(WS_YEAR, 0)]);
        assert_eq!(kinds("TUESDAY", 0), [w(WEEKDAY)]);
        assert_eq!(kinds("the", 0), []);
    }

    #[test]
    fn months_only_capitalised() {
        assert_eq!(kinds("March", 0), [Kind::Month]);
        assert_eq!(kinds("march", 0), []);
        assert_eq!(kinds("MAY", 0), []);
    }

    #[test]
    fn whole_words_end_a_word() {
        assert_eq!(kinds("now", 0), [whole(NOW)]);
        assert_eq!(kinds("nowhere", 0), []);
        assert_eq!(kinds("endless", 0), []);
        assert_eq!(kinds("ends", 0), [w(ENDED)]);
        assert_eq!(kinds("B.C.", 0), [w(BC)]);
    }

    #[test]
    fn long_only_after_a_hyphen() {
        assert_eq!(kinds("year-long", 5), [Kind::Long]);
        assert_eq!(kinds("a long year", 2), []);
    }

    #[test]
    fn phrases_need_their_space() {
        assert_eq!(kinds("New Year", 0), [w(FEAST)]);
        assert_eq!(kinds("new yorkers", 0), []);
    }
}
