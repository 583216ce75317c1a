//! Search, spelling: folds British and American spellings of a word to one form before it is
//! stemmed, so that `recognised` and `recognized`, `colour` and `color`, `centre` and `center`
//! are one term.
//!
//! The rules are general patterns of the two spellings, each with a condition that keeps it
//! off the words the pattern does not describe (`size`, `four`, `string`), not lists of words.
//! The folded form is only a key: it is never shown, so either spelling may be the target, and
//! a fold that joins a rare pair of unrelated words costs little next to missing every page
//! written in the other spelling. `static/search.js` applies exactly these rules in the same
//! order (`foldSpelling`): change both together.

use std::borrow::Cow;

/// Endings after `-ize`/`-yze` (and `-ise`/`-yse`): `realize`, `realizes`, `realization`.
const IZE_ENDINGS: &[&str] = &[
    "e", "es", "ed", "ing", "er", "ers", "ation", "ations", "able",
];

/// Endings after British `-our`: `colour`, `colourful`, `favourite`, `neighbourhood`.
const OUR_ENDINGS: &[&str] = &[
    "", "s", "ed", "ing", "er", "ers", "ful", "fully", "able", "ably", "ite", "ites", "al", "ally",
    "less", "ist", "ists", "ism", "y", "ies", "hood", "hoods",
];

/// Endings after a doubled `l` that American spelling writes single: `travelled`, `counsellor`,
/// `instalment`; the empty ending folds `install` with `instal`.
const LL_ENDINGS: &[&str] = &[
    "", "s", "ed", "ing", "er", "ers", "or", "ors", "ment", "ments",
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_vowel(s: &[u8]) -> bool {
    s.iter().copied().any(is_vowel)
}

/// The word with British and American spellings folded to one; `word` is a lowercase term.
/// Words that are not all ASCII letters are returned as they are.
pub fn fold(word: &str) -> Cow<'_, str> {
    let b = word.as_bytes();
    if b.len() < 4 || !b.iter().all(u8::is_ascii_lowercase) {
        return Cow::Borrowed(word);
    }
    for rule in [ize, our, tre, ogue, ence, ll, dgement, amme] {
        if let Some(folded) = rule(word) {
            return Cow::Owned(folded);
        }
    }
    Cow::Borrowed(word)
}

/// `word` as `stem` + `middle` + one of `endings`, longest ending first: the stem.
fn split<'w>(
    word: &'w str,
    middle: &str,
    endings: &[&'static str],
) -> Option<(&'w str, &'static str)> {
    let mut best: Option<(&'w str, &'static str)> = None;
    for &ending in endings {
        let stem = word
            .strip_suffix(ending)
            .and_then(|head| head.strip_suffix(middle));
        if let Some(stem) = stem {
            if best.is_none_or(|(_, e)| ending.len() > e.len()) {
                best = Some((stem, ending));
            }
        }
    }
    best
}

/// `-ize` → `-ise` and `-yze` → `-yse` (`realize`, `organization`, `analyzed`), after at
/// least three letters so that `size`, `prize` and `seize` stay as they are.
fn ize(word: &str) -> Option<String> {
    for (from, to) in [("iz", "is"), ("yz", "ys")] {
        if let Some((stem, ending)) = split(word, from, IZE_ENDINGS) {
            if stem.len() >= 3 || (from == "yz" && stem.len() >= 2) {
                return Some(format!("{stem}{to}{ending}"));
            }
        }
    }
    None
}

/// `-our` → `-or` (`colour`, `honourable`, `behavioural`) after at least two letters that hold
/// a vowel, which keeps `four`, `hour`, `your`, `tour`, `flour` and `scour`.
fn our(word: &str) -> Option<String> {
    let (stem, ending) = split(word, "our", OUR_ENDINGS)?;
    (stem.len() >= 2 && has_vowel(stem.as_bytes())).then(|| format!("{stem}or{ending}"))
}

/// `-tre`/`-bre` → `-ter`/`-ber` (`centre`, `theatres`, `fibre`) after at least two letters;
/// `-tred`/`-tring` → `-tered`/`-tering` (`centred`) when a vowel or `n` comes before the `t`
/// and at least three letters before that, which keeps `hatred`, `string` and `hamstring`.
fn tre(word: &str) -> Option<String> {
    for end in ["tre", "tres", "bre", "bres"] {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.len() >= 2 {
                let plural = if end.ends_with('s') { "s" } else { "" };
                return Some(format!("{stem}{}er{plural}", &end[..1]));
            }
        }
    }
    for (end, to) in [("tred", "tered"), ("tring", "tering")] {
        if let Some(stem) = word.strip_suffix(end) {
            let last = stem.as_bytes().last().copied().unwrap_or(b' ');
            if stem.len() >= 3 && (is_vowel(last) || last == b'n') {
                return Some(format!("{stem}{to}"));
            }
        }
    }
    None
}

/// `-ogue` → `-og` (`catalogue`, `dialogues`, `catalogued`) after at least three letters, which
/// keeps `vogue`, `rogue` and `brogue`.
fn ogue(word: &str) -> Option<String> {
    for (end, to) in [
        ("ogue", "og"),
        ("ogues", "ogs"),
        ("ogued", "oged"),
        ("oguing", "oging"),
    ] {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.len() >= 3 {
                return Some(format!("{stem}{to}"));
            }
        }
    }
    None
}

/// `-fence`/`-cence` → `-fense`/`-cense` (`defence`, `offences`, `licence`) after at least two
/// letters, which keeps `fence`.
fn ence(word: &str) -> Option<String> {
    for (end, to) in [
        ("fence", "fense"),
        ("fences", "fenses"),
        ("cence", "cense"),
        ("cences", "censes"),
    ] {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.len() >= 2 {
                return Some(format!("{stem}{to}"));
            }
        }
    }
    None
}

/// A doubled `l` after the vowel of a final unstressed syllable, which British spelling doubles
/// and American does not (`travelled`, `modelling`, `counsellor`), and the final `ll` that
/// British spelling writes single (`install`, `instalment`, `fulfil`), fold to one `l`. Only
/// when a vowel comes earlier in the word, so that `killed`, `called` and `spelling` (one
/// syllable before the `ll`) stay as they are.
fn ll(word: &str) -> Option<String> {
    let (stem, ending) = split(word, "ll", LL_ENDINGS)?;
    let s = stem.as_bytes();
    let (&vowel, before) = s.split_last()?;
    (is_vowel(vowel) && has_vowel(before) && !is_vowel(*before.last()?))
        .then(|| format!("{stem}l{ending}"))
}

/// `-dgement` → `-dgment` (`judgement`, `acknowledgements`).
fn dgement(word: &str) -> Option<String> {
    for (end, to) in [("dgement", "dgment"), ("dgements", "dgments")] {
        if let Some(stem) = word.strip_suffix(end) {
            return Some(format!("{stem}{to}"));
        }
    }
    None
}

/// `-amme` → `-am` (`programme`, `programmes`) after at least four letters.
fn amme(word: &str) -> Option<String> {
    for (end, to) in [("amme", "am"), ("ammes", "ams")] {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.len() >= 4 {
                return Some(format!("{stem}{to}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::fold;

    fn same(a: &str, b: &str) {
        assert_eq!(fold(a), fold(b), "{a} / {b}");
    }

    fn kept(word: &str) {
        assert_eq!(fold(word), word, "{word} should not change");
    }

    #[test]
    fn ize_and_ise_are_one() {
        for (gb, us) in [
            ("recognise", "recognize"),
            ("recognised", "recognized"),
            ("organisations", "organizations"),
            ("realising", "realizing"),
            ("analysed", "analyzed"),
            ("paralyse", "paralyze"),
        ] {
            same(gb, us);
        }
        for w in [
            "size", "prize", "seize", "citizen", "citizens", "promise", "rise",
        ] {
            kept(w);
        }
    }

    #[test]
    fn our_and_or_are_one() {
        for (gb, us) in [
            ("colour", "color"),
            ("honourable", "honorable"),
            ("favourite", "favorite"),
            ("behavioural", "behavioral"),
            ("neighbourhoods", "neighborhoods"),
            ("labourers", "laborers"),
            ("armoury", "armory"),
        ] {
            same(gb, us);
        }
        for w in [
            "four", "hour", "your", "tour", "pour", "flour", "scour", "journal", "course",
            "source", "tourism", "courage",
        ] {
            kept(w);
        }
    }

    #[test]
    fn tre_and_ter_are_one() {
        for (gb, us) in [
            ("centre", "center"),
            ("theatres", "theaters"),
            ("fibre", "fiber"),
            ("centred", "centered"),
            ("centring", "centering"),
        ] {
            same(gb, us);
        }
        for w in [
            "hatred",
            "string",
            "hamstring",
            "strings",
            "genre",
            "acre",
            "water",
        ] {
            kept(w);
        }
    }

    #[test]
    fn doubled_l_is_one() {
        for (gb, us) in [
            ("travelled", "traveled"),
            ("cancelling", "canceling"),
            ("counsellor", "counselor"),
            ("instalment", "installment"),
            ("fulfil", "fulfill"),
            ("modellers", "modelers"),
        ] {
            same(gb, us);
        }
        for w in [
            "killed", "called", "spelling", "filled", "well", "allies", "bullet",
        ] {
            kept(w);
        }
    }

    #[test]
    fn other_patterns() {
        same("catalogue", "catalog");
        same("dialogues", "dialogs");
        same("defence", "defense");
        same("offences", "offenses");
        same("licence", "license");
        same("judgement", "judgment");
        same("programme", "program");
        for w in ["vogue", "rogue", "fence", "hence", "gramme"] {
            kept(w);
        }
    }

    #[test]
    fn only_plain_lowercase_words_fold() {
        kept("colour2");
        kept("is-k");
        kept("our");
    }
}
