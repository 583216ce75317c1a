//! Search, memory between builds: each document's length and terms, kept by `serve` so that a
//! rebuild after one article's edit tokenises only that article's documents.
//!
//! A document's terms are a pure function of its units, and its units of the article it comes
//! from (an article's blocks and title; a timeline entry's sentence and date label), so they
//! are kept under a key made from that article's analysis digest ([`super::docs::Corpus::key`]).
//! The index is then built from the same terms in the same order as without the memory, and
//! is byte-identical. A one-off `build` keeps nothing: the memory would outlive no build.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

/// A kept document: its length (in terms, for the BM25 length normalisation) and its terms,
/// packed as variable-length integers (a few bytes a term rather than the reader's 40: at
/// 10,000 articles there are millions of them) by [`pack`].
pub(super) struct Record {
    pub len: u32,
    pub packed: Box<[u8]>,
}

/// Packs terms given as (text, boosted frequency, unit, byte range, shown) into a record's
/// bytes: per term, the text's length and bytes, then the frequency, `unit · 2 + shown`, the
/// range's start and its length.
pub(super) fn pack<'t>(
    terms: impl Iterator<Item = (&'t str, u32, u32, (u32, u32), bool)>,
) -> Box<[u8]> {
    let mut out = Vec::new();
    for (text, tf, unit, at, shown) in terms {
        varint(&mut out, text.len() as u64);
        out.extend_from_slice(text.as_bytes());
        varint(&mut out, u64::from(tf));
        varint(&mut out, u64::from(unit) * 2 + u64::from(shown));
        varint(&mut out, u64::from(at.0));
        varint(&mut out, u64::from(at.1.saturating_sub(at.0)));
    }
    out.into_boxed_slice()
}

/// Calls `f` on each term [`pack`] packed, in order.
pub(super) fn unpack(packed: &[u8], mut f: impl FnMut(&str, u32, u32, (u32, u32), bool)) {
    let mut at = 0;
    while at < packed.len() {
        let len = read(packed, &mut at) as usize;
        let text = std::str::from_utf8(&packed[at..at + len]).unwrap_or_default();
        at += len;
        let tf = read(packed, &mut at) as u32;
        let unit = read(packed, &mut at);
        let start = read(packed, &mut at) as u32;
        let span = read(packed, &mut at) as u32;
        f(
            text,
            tf,
            (unit / 2) as u32,
            (start, start + span),
            unit % 2 == 1,
        );
    }
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read(bytes: &[u8], at: &mut usize) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

/// Documents' records by key, for the documents of the last build.
#[derive(Default)]
pub struct Memo {
    records: FxHashMap<u128, Record>,
}

impl Memo {
    pub(super) fn get(&self, key: u128) -> Option<&Record> {
        self.records.get(&key)
    }

    pub(super) fn insert(&mut self, key: u128, record: Record) {
        self.records.insert(key, record);
    }

    /// Forgets every document whose key is not in `live` (the ones of the build just made).
    pub(super) fn keep_only(&mut self, live: &rustc_hash::FxHashSet<u128>) {
        self.records.retain(|k, _| live.contains(k));
        self.records.shrink_to_fit();
    }

    /// Number of documents kept.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.records.len()
    }
}

/// The process's memory, once [`keep_terms`] turned it on.
pub(super) static KEPT: Mutex<Option<Memo>> = Mutex::new(None);

/// Makes every later search index of this process keep its documents' terms for the next
/// (`serve`, which rebuilds the same site again and again).
pub fn keep_terms() {
    if let Ok(mut kept) = KEPT.lock() {
        kept.get_or_insert_with(Memo::default);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_terms_unpack_as_they_were() {
        let terms = [
            ("doha", 1, 0, (0, 4), true),
            ("σισυφος", 300, 70_000, (1 << 20, (1 << 20) + 14), false),
            ("", 0, 0, (5, 5), true),
        ];
        let packed = pack(terms.iter().copied());
        let mut back = Vec::new();
        unpack(&packed, |t, tf, u, at, shown| {
            back.push((t.to_string(), tf, u, at, shown))
        });
        let want: Vec<_> = terms
            .iter()
            .map(|&(t, tf, u, at, shown)| (t.to_string(), tf, u, at, shown))
            .collect();
        assert_eq!(back, want);
    }
}
