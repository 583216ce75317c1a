//! Stage 0 of actor matching: compiling the actor specs into a pattern table.
//!
//! Runs once per build. Every name, alias, metonym and exclude phrase is
//! folded (see `normalize`) into one surface form; forms are deduplicated,
//! conflicts between actors are reported as configuration errors, and each
//! form records what the search stage needs to validate a candidate cheaply:
//! which bytes must be uppercase in the original (acronyms), whether its
//! edges are word chars (boundary checks), and which shorter forms are its
//! prefixes (fallbacks when the longest candidate at a position is rejected).

use std::collections::HashMap;

use super::normalize::{fold, is_word_char};
use super::ActorSpec;

/// What a surface form means once it wins at a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The form always names the actor (its name or an alias).
    Alias,
    /// A place name that names the actor only when acting as the state.
    Metonym,
    /// A phrase that swallows the span and yields no hit.
    Exclude,
}

/// One folded surface form, ready for the automaton.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// Folded text fed to the automaton.
    pub folded: String,
    /// Index of the owning actor in the specs slice.
    pub actor: usize,
    /// What a win by this form produces.
    pub role: Role,
    /// Folded byte offsets whose original char must be uppercase
    /// (acronyms such as "US", "UN", "IS-K" match case-sensitively).
    pub upper: Vec<usize>,
    /// Whether the first / last char is a word char (else no boundary check).
    pub word_start: bool,
    /// See `word_start`.
    pub word_end: bool,
    /// Indices of other patterns that are proper prefixes, longest first.
    pub prefixes: Vec<usize>,
}

/// Folds one surface form and works out which of its letters are
/// case-sensitive: all of them when the whole form is written in capitals
/// ("US", "IS-K", "U.S."), else those of any all-caps word of 2+ letters
/// ("UN Security Council" keeps "UN" strict, the rest case-insensitive).
fn compile_form(form: &str) -> (String, Vec<usize>) {
    let form = form.trim();
    let folded = fold(form);
    let cased = |c: char| c.is_uppercase() || c.is_lowercase();
    let all_caps = form.chars().any(cased) && !form.chars().any(char::is_lowercase);
    let mut strict = vec![false; form.len()];
    let mut word: Vec<(usize, char)> = Vec::new();
    let mut flush = |word: &mut Vec<(usize, char)>| {
        let letters = word.iter().filter(|(_, c)| cased(*c)).count();
        let caps = word.iter().all(|(_, c)| !c.is_lowercase());
        if all_caps || (letters >= 2 && caps) {
            for &(i, c) in word.iter() {
                strict[i] = c.is_uppercase();
            }
        }
        word.clear();
    };
    for (i, c) in form.char_indices() {
        if is_word_char(c) {
            word.push((i, c));
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    let upper = (0..folded.text.len())
        .filter(|&b| folded.text.is_char_boundary(b) && strict[folded.orig_start(b)])
        .collect();
    (folded.text, upper)
}

/// The same phrase with its first word's nationality written the other way: "Pakistani
/// Taliban" ↔ "Pakistan Taliban", so an alias or an exclusion holds for both spellings.
fn nationality_variants(form: &str) -> Vec<String> {
    use crate::annotate::entities::gazetteer;
    let Some((first, rest)) = form.trim().split_once(' ') else {
        return Vec::new();
    };
    let other = gazetteer::demonym_country(first)
        .filter(|_| !first.ends_with('s'))
        .or_else(|| gazetteer::demonym_of(first));
    other
        .filter(|o| !o.eq_ignore_ascii_case(first))
        .map(|o| vec![format!("{o} {rest}")])
        .unwrap_or_default()
}

/// Builds the deduplicated pattern table, or explains the first conflict.
pub(crate) fn compile(specs: &[ActorSpec]) -> Result<Vec<Pattern>, String> {
    let mut pats: Vec<Pattern> = Vec::new();
    let mut by_form: HashMap<String, usize> = HashMap::new();
    // The configured forms of every actor first, then the spellings derived from them, which
    // yield to any configured form (they are never a conflict).
    let mut forms: Vec<(usize, String, Role, &str, bool)> = Vec::new();
    let mut derived: Vec<(usize, String, Role, &str, bool)> = Vec::new();
    for (actor, spec) in specs.iter().enumerate() {
        let given = std::iter::once((&spec.name, Role::Alias, "name"))
            .chain(spec.aliases.iter().map(|a| (a, Role::Alias, "alias")))
            .chain(spec.metonyms.iter().map(|a| (a, Role::Metonym, "metonym")))
            .chain(spec.exclude.iter().map(|a| (a, Role::Exclude, "exclude")));
        for (raw, role, what) in given {
            forms.push((actor, raw.clone(), role, what, false));
            if role != Role::Metonym {
                for v in nationality_variants(raw) {
                    derived.push((actor, v, role, what, true));
                }
            }
        }
    }
    forms.extend(derived);
    let mut given: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (actor, raw, role, what, derived) in &forms {
        let (actor, raw, role, what, derived) = (*actor, raw.as_str(), *role, *what, *derived);
        let spec = &specs[actor];
        {
            if derived && given.contains(&compile_form(raw).0) {
                continue;
            }
            if !derived {
                given.insert(compile_form(raw).0);
            }
            let (folded, upper) = compile_form(raw);
            if !folded.chars().any(is_word_char) {
                return Err(format!(
                    "actor `{}`: empty {what} {raw:?} (a surface form needs at least one letter or digit)",
                    spec.id
                ));
            }
            let Some(&idx) = by_form.get(&folded) else {
                by_form.insert(folded.clone(), pats.len());
                let first = folded.chars().next().is_some_and(is_word_char);
                let last = folded.chars().next_back().is_some_and(is_word_char);
                pats.push(Pattern {
                    folded,
                    actor,
                    role,
                    upper,
                    word_start: first,
                    word_end: last,
                    prefixes: Vec::new(),
                });
                continue;
            };
            let old = &mut pats[idx];
            let other = &specs[old.actor].id;
            match (old.role, role) {
                (Role::Exclude, Role::Exclude) => {}
                // Another actor's alias beats a mere exclusion of the form.
                (_, Role::Exclude) if old.actor != actor => {}
                (Role::Exclude, _) if old.actor != actor => {
                    (old.actor, old.role, old.upper) = (actor, role, upper);
                }
                (_, _) if derived => {}
                (_, _) if old.actor != actor => {
                    return Err(format!(
                        "surface form {raw:?} is claimed by two actors: `{other}` and `{}`",
                        spec.id
                    ));
                }
                (Role::Exclude, _) | (_, Role::Exclude) if derived => {}
                (Role::Exclude, _) | (_, Role::Exclude) => {
                    return Err(format!(
                        "actor `{}`: {raw:?} is listed both as a match and as an exclude",
                        spec.id
                    ));
                }
                // Same actor twice (e.g. name repeated as alias): an alias
                // listing beats a metonym listing; keep the first casing.
                (_, Role::Alias) => old.role = Role::Alias,
                _ => {}
            }
        }
    }
    let snapshot: Vec<String> = pats.iter().map(|p| p.folded.clone()).collect();
    for (i, p) in pats.iter_mut().enumerate() {
        let mut pre: Vec<usize> = (0..snapshot.len())
            .filter(|&j| j != i && p.folded.starts_with(snapshot[j].as_str()))
            .collect();
        pre.sort_by_key(|&j| std::cmp::Reverse(snapshot[j].len()));
        p.prefixes = pre;
    }
    Ok(pats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_casing() {
        assert_eq!(compile_form("US").1, vec![0, 1]);
        assert_eq!(compile_form("IS-K").1, vec![0, 1, 3]);
        assert_eq!(compile_form("UN Security Council").1, vec![0, 1]);
        assert!(compile_form("Taliban").1.is_empty());
        assert_eq!(compile_form("Russia’s").0, "russia's");
    }
}
