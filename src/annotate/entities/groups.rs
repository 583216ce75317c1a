//! Organised bodies named by a demonym and a group noun ("Iraqi security forces", "the Syrian
//! opposition", "Kurdish fighters"): the demonym alone is a nationality, not an entity, but
//! with a group noun after it the phrase names an organisation.

use super::gazetteer;
use super::tokens::Tok;
use super::words::{DEMONYMS, GROUP_NOUNS};
use super::Candidate;
use crate::model::{EntityKind, Evidence};

/// Lowercase words allowed between the demonym and its group noun ("security", "armed").
const MAX_BETWEEN: usize = 2;

/// Adds a candidate for each demonym that a group noun follows within a few lowercase words,
/// where no other candidate or claimed range already covers the words.
pub fn find(text: &str, toks: &[Tok], taken: &[bool], out: &mut Vec<Candidate>) {
    let mut found = Vec::new();
    let mut covered: Option<Vec<bool>> = None;
    for (i, t) in toks.iter().enumerate() {
        if !t.cap || taken[i] || t.possessive {
            continue;
        }
        if !(t.is(DEMONYMS) || gazetteer::is_nationality_key(&t.key)) {
            continue;
        }
        // Which tokens the candidates cover, worked out once, when first needed.
        let covered = covered.get_or_insert_with(|| {
            let mut c = vec![false; toks.len()];
            for cand in out.iter() {
                let from = toks.partition_point(|t| t.end <= cand.start);
                for (k, t) in toks.iter().enumerate().skip(from) {
                    if t.start >= cand.end {
                        break;
                    }
                    c[k] = true;
                }
            }
            c
        });
        let mut head = None;
        for j in i + 1..(i + 2 + MAX_BETWEEN).min(toks.len()) {
            let w = &toks[j];
            if !w.joined || w.cap || w.acronym || taken[j] {
                break;
            }
            if w.is(GROUP_NOUNS) {
                head = Some(j);
                // "army units": the last of consecutive group nouns heads the phrase.
                let mut k = j + 1;
                while k < toks.len() && toks[k].joined && !toks[k].cap && toks[k].is(GROUP_NOUNS) {
                    head = Some(k);
                    k += 1;
                }
                break;
            }
            if w.possessive {
                break;
            }
        }
        let Some(h) = head else { continue };
        if covered[i..=h].iter().any(|&c| c) {
            continue;
        }
        found.push(Candidate {
            start: t.start,
            name_start: t.start,
            end: toks[h].end,
            name: text[t.start..toks[h].end].to_string(),
            kind: Some(EntityKind::Organisation),
            evidence: Evidence::Gazetteer,
            long: None,
            title: None,
        });
    }
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::entities::tokens::tokens;

    fn groups(text: &str) -> Vec<String> {
        let toks = tokens(text);
        let mut out = Vec::new();
        find(text, &toks, &vec![false; toks.len()], &mut out);
        out.into_iter().map(|c| c.name).collect()
    }

    #[test]
    fn a_demonym_and_a_group_noun_name_a_body() {
        assert_eq!(
            groups("Iraqi security forces and Kurdish fighters met."),
            ["Iraqi security forces", "Kurdish fighters"]
        );
        assert_eq!(
            groups("the Syrian army units advanced"),
            ["Syrian army units"]
        );
    }

    #[test]
    fn a_demonym_alone_or_before_other_nouns_is_no_body() {
        assert!(groups("Iraqi food and Syrian culture are rich; a Syrian said so.").is_empty());
        assert!(groups("Syrian women who fled their security forces").is_empty());
    }
}
