//! One sense per discourse, for finding: a name the article gives once with evidence is a
//! name wherever else the article writes it the same way, capitalised, where no rule found it
//! (a sentence-initial "Mosul", a bare "Hezbollah" with no cue).

use rustc_hash::FxHashMap;

use super::key::Key;
use super::tokens::Tok;
use super::Candidate;
use crate::model::{EntityKind, Evidence};

/// What propagation needs of one block of the article.
pub struct BlockView<'a> {
    /// The block's plain text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: &'a [Tok],
    /// Per token, whether an actor or a date already holds it.
    pub taken: &'a [bool],
    /// Title Case lines and headings, where capitals say nothing: searched for no names.
    pub headline: bool,
}

/// A name to look for: its words' keys, the name and class its mention had.
struct Known {
    keys: Vec<Key>,
    name: String,
    kind: Option<EntityKind>,
    long: Option<String>,
}

/// Adds, for every block, candidates where the words of a name found elsewhere in the article
/// appear capitalised and uncovered. `cands` are (block, candidate) pairs, as found.
pub fn propagate(blocks: &[BlockView], cands: &mut Vec<(usize, Candidate)>) {
    let mut known: FxHashMap<Key, Vec<Known>> = FxHashMap::default();
    for (b, c) in cands.iter() {
        if c.kind.is_none() {
            continue;
        }
        let toks = blocks[*b].toks;
        let from = toks.partition_point(|t| t.start < c.name_start);
        let keys: Vec<Key> = toks[from..]
            .iter()
            .take_while(|t| t.end <= c.end)
            .map(|t| t.key)
            .collect();
        if keys.is_empty() {
            continue;
        }
        // A person named in full is found again by surname alone ("Votel spoke").
        let surname = (c.kind == Some(EntityKind::Person) && keys.len() >= 2)
            .then(|| keys.last().copied())
            .flatten()
            .filter(|s| s.chars().count() > 2 && !super::words::is_stop(s));
        for keys in std::iter::once(keys).chain(surname.map(|s| vec![s])) {
            let list = known.entry(keys[0]).or_default();
            if !list.iter().any(|k| k.keys == keys) {
                list.push(Known {
                    keys,
                    name: c.name.clone(),
                    kind: c.kind,
                    long: c.long.clone(),
                });
            }
        }
    }
    for list in known.values_mut() {
        list.sort_by_key(|k| std::cmp::Reverse(k.keys.len()));
    }
    let mut added = Vec::new();
    if known.is_empty() {
        return;
    }
    // Candidates come sorted by block: each block's are one run of them.
    let mut next = 0;
    for (b, block) in blocks.iter().enumerate() {
        let toks = block.toks;
        let mut covered: Vec<bool> = block.taken.to_vec();
        while next < cands.len() && cands[next].0 < b {
            next += 1;
        }
        while next < cands.len() && cands[next].0 == b {
            let c = &cands[next].1;
            let from = toks.partition_point(|t| t.end <= c.start);
            for (i, t) in toks.iter().enumerate().skip(from) {
                if t.start >= c.end {
                    break;
                }
                covered[i] = true;
            }
            next += 1;
        }
        if block.headline {
            continue;
        }
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let matched = (!covered[i] && (t.cap || t.acronym))
                .then(|| known.get(&t.key))
                .flatten()
                .and_then(|list| list.iter().find(|k| matches(toks, &covered, i, k)));
            let Some(k) = matched else {
                i += 1;
                continue;
            };
            let end = i + k.keys.len();
            // A person's one word ("Hussein") is named as written: which of the article's
            // people it stands for is decided in order of reading ([`super::resolve`]).
            let name = if k.kind == Some(EntityKind::Person) && k.keys.len() == 1 {
                block.text[t.start..t.end].to_string()
            } else {
                k.name.clone()
            };
            let mut c = Candidate {
                start: t.start,
                name_start: t.start,
                end: toks[end - 1].end,
                name,
                kind: k.kind,
                evidence: Evidence::Propagation,
                long: k.long.clone(),
                title: None,
            };
            super::take_article(toks, block.taken, &mut c);
            added.push((b, c));
            i = end;
        }
    }
    cands.extend(added);
    cands.sort_by_key(|(b, c)| (*b, c.start));
}

/// Whether the known name's words start at token `i`, capitalised, uncovered, joined, and not
/// inside a longer run of capitalised words.
fn matches(toks: &[Tok], covered: &[bool], i: usize, k: &Known) -> bool {
    let end = i + k.keys.len();
    if end > toks.len() {
        return false;
    }
    let words_match = toks[i..end]
        .iter()
        .zip(&k.keys)
        .enumerate()
        .all(|(n, (t, key))| {
            t.key == *key
                && !covered[i + n]
                && (t.cap || t.acronym || n > 0)
                && (n == 0 || t.joined)
        });
    let capital = |t: &Tok| t.cap || t.acronym;
    let glued_after = toks
        .get(end)
        .is_some_and(|t| t.joined && capital(t) && !toks[end - 1].possessive);
    let glued_before =
        i > 0 && toks[i].joined && capital(&toks[i - 1]) && !covered[i - 1] && !toks[i].initial;
    words_match && !glued_after && !glued_before
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::annotate::entities::tokens::tokens;

    #[test]
    fn a_name_found_once_is_found_again_where_capitalised() {
        let texts = [
            "Forces entered Mosul on foot.",
            "Mosul is calm, and mosul is a word.",
            "Retake Mosul Dam.",
        ];
        let toks: Vec<Vec<Tok>> = texts.iter().map(|t| tokens(t)).collect();
        let taken: Vec<Vec<bool>> = toks.iter().map(|t| vec![false; t.len()]).collect();
        let blocks: Vec<BlockView> = (0..3)
            .map(|i| BlockView {
                text: texts[i],
                toks: &toks[i],
                taken: &taken[i],
                headline: false,
            })
            .collect();
        let mut cands = vec![(
            0,
            Candidate {
                start: 15,
                name_start: 15,
                end: 20,
                name: "Mosul".into(),
                kind: Some(EntityKind::Place),
                evidence: Evidence::Cue,
                long: None,
                title: None,
            },
        )];
        propagate(&blocks, &mut cands);
        let found: Vec<(usize, usize)> = cands.iter().map(|(b, c)| (*b, c.start)).collect();
        // Once in the second block (not the lowercase word), never inside "Mosul Dam".
        assert_eq!(found, [(0, 15), (1, 0)]);
        assert_eq!(cands[1].1.evidence, Evidence::Propagation);
    }
}
