//! Search, word positions: for each kept posting, where in its document the term's first words
//! are, so that `search.js` can tell a "quoted phrase" from the same words scattered.
//!
//! Only the postings the lists kept need positions, and they are known only once every list is
//! cut, so the positions are a pass of their own over the documents those postings name. Words
//! are numbered through the document, stop words included, with a gap between units so that a
//! phrase never spans two paragraphs. At most [`MAX_POSITIONS`] are kept per posting: a phrase
//! is looked for among a term's first occurrences, which bounds the bytes a posting carries.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::bm25::Posting;
use super::docs::{Corpus, Unit};
use super::stem::Keys;
use super::tokenize::for_each_term_at;

/// Positions kept per posting.
pub const MAX_POSITIONS: usize = 16;

/// Per term of `index`, per posting, the term's first word positions in the posting's
/// document, ascending.
pub fn positions(docs: &impl Corpus, index: &[(String, Vec<Posting>)]) -> Vec<Vec<Vec<u32>>> {
    // Per document, the (term, posting) slots it must fill.
    let mut wanted: Vec<Vec<(u32, u32)>> = vec![Vec::new(); docs.len()];
    for (t, (_, postings)) in index.iter().enumerate() {
        for (p, posting) in postings.iter().enumerate() {
            wanted[posting.doc as usize].push((t as u32, p as u32));
        }
    }
    let order = docs.reading_order();
    let found: Vec<Vec<(u32, u32, Vec<u32>)>> = order
        .par_chunks(64)
        .map(|run| {
            let mut keys = Keys::pooled();
            let mut units = Vec::new();
            let mut out = Vec::new();
            for &d in run {
                let slots = &wanted[d as usize];
                if slots.is_empty() {
                    continue;
                }
                docs.units(d, &mut units);
                let lists = doc_positions(&units, slots, index, &mut keys);
                out.extend(slots.iter().zip(lists).map(|(&(t, p), list)| (t, p, list)));
            }
            keys.give_back();
            out
        })
        .collect();
    let mut all: Vec<Vec<Vec<u32>>> = index
        .iter()
        .map(|(_, postings)| vec![Vec::new(); postings.len()])
        .collect();
    for (t, p, list) in found.into_iter().flatten() {
        all[t as usize][p as usize] = list;
    }
    all
}

/// The positions of the terms `slots` name in one document's units, in the order of `slots`.
fn doc_positions(
    units: &[Unit],
    slots: &[(u32, u32)],
    index: &[(String, Vec<Posting>)],
    keys: &mut Keys,
) -> Vec<Vec<u32>> {
    let by_term: FxHashMap<&str, usize> = slots
        .iter()
        .enumerate()
        .map(|(i, &(t, _))| (index[t as usize].0.as_str(), i))
        .collect();
    let mut lists = vec![Vec::new(); slots.len()];
    let mut base = 0u32;
    for unit in units {
        let words = for_each_term_at(&unit.text, |term, _, _, n| {
            if let Some(&i) = by_term.get(keys.key(term)) {
                let list: &mut Vec<u32> = &mut lists[i];
                if list.len() < MAX_POSITIONS && list.last() != Some(&(base + n)) {
                    list.push(base + n);
                }
            }
        });
        // One number left out between units: no phrase runs across them.
        base += words + 1;
    }
    lists
}

/// Positions as JSON numbers: the first, then each one's distance from the one before, which
/// keeps them short.
pub fn deltas(list: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    list.iter()
        .map(|&p| {
            let d = p - prev;
            prev = p;
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docs::Kind;

    struct Texts(Vec<Vec<&'static str>>);

    impl Corpus for Texts {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn kind(&self, _: u32) -> Kind {
            Kind::Article
        }
        fn units<'s>(&'s self, d: u32, out: &mut Vec<Unit<'s>>) {
            out.clear();
            out.extend(self.0[d as usize].iter().map(|t| Unit {
                text: (*t).into(),
                anchor: "",
                boost: 1,
                show: true,
            }));
        }
    }

    fn posting(doc: u32) -> Posting {
        Posting {
            doc,
            score: 1,
            unit: 0,
            at: (0, 0),
        }
    }

    #[test]
    fn words_are_numbered_across_units_with_a_gap() {
        let docs = Texts(vec![
            vec!["The State of Iraq talks", "talks resumed"],
            vec!["nothing"],
        ]);
        let index = vec![
            ("iraq".to_string(), vec![posting(0)]),
            ("state".to_string(), vec![posting(0)]),
            ("talk".to_string(), vec![posting(0)]),
        ];
        let got = positions(&docs, &index);
        assert_eq!(got[0], [vec![3]]);
        assert_eq!(got[1], [vec![1]]);
        // "talks" ends unit one at word 4; unit two starts at 4 + 1 + 1 = 6.
        assert_eq!(got[2], [vec![4, 6]]);
        assert_eq!(deltas(&[4, 6, 20]), [4, 2, 14]);
    }

    #[test]
    fn positions_are_capped() {
        let text: &'static str = "word ".repeat(100).leak();
        let docs = Texts(vec![vec![text]]);
        let index = vec![("word".to_string(), vec![posting(0)])];
        assert_eq!(positions(&docs, &index)[0][0].len(), MAX_POSITIONS);
    }
}
