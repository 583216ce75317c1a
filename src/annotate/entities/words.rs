//! Word classes the entity rules consult: closed classes of English (titles, head nouns,
//! saying verbs, function words), never names. Everything is lowercase, without periods.
//! The lists live in files by theme (`titles`, `name_heads`, `person_cues`, `stop_words`,
//! `not_names`, `cue_words`); this one holds the lookup they share and the tests over all.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub use super::cue_words::*;
pub use super::name_heads::*;
pub use super::not_names::*;
pub use super::person_cues::*;
pub use super::stop_words::*;
pub use super::titles::*;

/// A closed word class. Each class owns one bit, so a single hash lookup in a table shared by
/// all classes answers [`is`] instead of a linear scan of a list of a hundred words: the
/// entity rules ask several classes about every word of every paragraph.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    bit: u32,
    words: &'static [&'static str],
}

impl Words {
    pub(super) const fn new(index: u32, words: &'static [&'static str]) -> Words {
        Words {
            bit: 1 << index,
            words,
        }
    }

    /// Whether class bits from [`classes`] include this class.
    #[inline]
    pub fn among(self, classes: u32) -> bool {
        classes & self.bit != 0
    }
}

/// Every class, for building the lookup table: a class missing here would match nothing.
const ALL: [Words; 21] = [
    TITLES,
    TITLE_MODIFIERS,
    ORG_HEADS,
    PLACE_HEADS,
    PLACE_PREPS,
    SAYING_VERBS,
    AUXILIARIES,
    PERSON_NOUNS,
    STOP,
    NOT_NAME,
    DEMONYMS,
    PARTICLES,
    GROUP_NOUNS,
    PLACE_FIRSTS,
    TEMPORAL_HEADS,
    VESSEL_PREFIXES,
    OPERATION_FIRSTS,
    COMPASS,
    PLACE_NOUNS,
    AGENT_VERBS,
    TIME_ACRONYMS,
];

/// The class lookup: word → the bits of the classes it belongs to, and per word shape (its
/// length and first letter) the bits of the classes some word of that shape belongs to, so
/// that most words are answered without hashing them. Built once per process.
struct Table {
    bits: FxHashMap<&'static str, u32>,
    shapes: [u32; 1024],
    /// The words of up to eight bytes (most of the function words a text is full of) by
    /// their bytes packed into a number, for [`classes`]: no string to hash or compare.
    short: FxHashMap<u64, u32>,
}

/// A word of up to eight bytes packed into a number, zero bytes after it (no key holds a
/// zero byte, so no two words pack alike).
#[inline]
fn packed(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    Some(u64::from_le_bytes(buf))
}

/// A word's shape slot: its length (up to 31) and the low five bits of its first byte.
fn shape(word: &str) -> usize {
    let first = word.as_bytes().first().map_or(0, |b| usize::from(b & 31));
    (word.len().min(31) << 5) | first
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table {
            bits: FxHashMap::default(),
            shapes: [0; 1024],
            short: FxHashMap::default(),
        };
        for list in ALL {
            for word in list.words {
                *table.bits.entry(*word).or_insert(0) |= list.bit;
                table.shapes[shape(word)] |= list.bit;
                if let Some(p) = packed(word) {
                    *table.short.entry(p).or_insert(0) |= list.bit;
                }
            }
        }
        table
    })
}

/// Whether `word` (lowercase) is in `list`.
pub fn is(list: Words, word: &str) -> bool {
    let table = table();
    table.shapes[shape(word)] & list.bit != 0
        && table
            .bits
            .get(word)
            .is_some_and(|bits| bits & list.bit != 0)
}

/// The bits of every class `word` (lowercase) belongs to, for [`Words::among`]: the
/// tokenizer asks once per word, so the rules that ask a word about several classes need
/// no lookup each.
pub fn classes(word: &str) -> u32 {
    let table = table();
    if let Some(p) = packed(word) {
        return table.short.get(&p).copied().unwrap_or(0);
    }
    if table.shapes[shape(word)] == 0 {
        return 0;
    }
    table.bits.get(word).copied().unwrap_or(0)
}

/// [`classes`] of a word of up to eight bytes given packed into a number (zero bytes after
/// it), as a token's key holds it: no string to pack or hash.
#[inline]
pub fn classes_packed(packed: u64) -> u32 {
    table().short.get(&packed).copied().unwrap_or(0)
}

/// Whether `word`, in any case, is a [`PARTICLES`] word; without lowercasing ASCII words,
/// since [`tokens`](super::tokens) asks for capitalised hyphen parts of name words.
pub fn is_particle_any_case(word: &str) -> bool {
    if word.is_ascii() {
        PARTICLES.words.iter().any(|p| p.eq_ignore_ascii_case(word))
    } else {
        is(PARTICLES, &word.to_lowercase())
    }
}

/// Month abbreviations ("Jan. 8", "Sept."), which name no entity.
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether `key` is a stop word for names: [`STOP`], or a month or weekday name or a
/// month's abbreviation.
pub fn is_stop(key: &str) -> bool {
    is_stop_classed(key, classes(key))
}

/// [`is_stop`] of a key whose [`classes`] are known (a token's): no lookup for [`STOP`].
pub fn is_stop_classed(key: &str, classes: u32) -> bool {
    STOP.among(classes)
        || crate::annotate::dates::words::is_calendar_word(key)
        || MONTH_ABBREVIATIONS.contains(&key)
}

/// Adjectives of nationality, religion and region ("Islamic", "Russian", "Chinese",
/// "Northern"), recognised by their suffix or the short list above.
///
/// Given the word's [`classes`], as a token holds them.
pub fn is_adjective_classed(word: &str, classes: u32) -> bool {
    let long = word.chars().count() > 4;
    DEMONYMS.among(classes)
        || (long
            && ["ic", "ian", "ean", "ese", "ish", "ern", "ians", "ists"]
                .iter()
                .any(|s| word.ends_with(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_its_own_bit_and_finds_its_words() {
        let bits: u32 = ALL.iter().map(|l| l.bit).fold(0, |a, b| {
            assert_eq!(a & b, 0);
            a | b
        });
        assert_eq!(bits.count_ones() as usize, ALL.len());
        for list in ALL {
            for word in list.words {
                assert!(is(list, word));
                for other in ALL.iter().filter(|o| o.bit != list.bit) {
                    assert_eq!(is(*other, word), other.words.contains(word));
                    assert_eq!(other.among(classes(word)), other.words.contains(word));
                }
            }
        }
        assert!(!is(STOP, "kabul") && is_particle_any_case("Bin") && !is_particle_any_case("x"));
        for word in [
            "said",
            "the",
            "minister",
            "kabul",
            "of",
            "al",
            "x",
            "",
            "ministers",
        ] {
            for list in ALL {
                assert_eq!(list.among(classes(word)), is(list, word), "{word}");
            }
        }
    }
}
