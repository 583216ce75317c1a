//! Notes stage, anchoring: where in an article's text a note's quote is, following the W3C
//! TextQuoteSelector model (exact words, optional prefix and suffix).
//!
//! Three steps, each tried only when the one before finds nothing:
//! 1. **exact**: the quote as written;
//! 2. **normalised**: case, punctuation and runs of whitespace ignored, apostrophes dropped
//!    ("Taliban’s" = "talibans"), so retyped quotes and re-wrapped lines still match;
//! 3. **fuzzy**: the most similar passage ([`super::fuzzy`]), accepted at [`MIN_SCORE`] or above.
//!
//! Several equally good places are told apart by how well the text around each matches the
//! prefix and suffix; when that leaves more than one, the quote is ambiguous. An ambiguous or
//! unmatched quote is never attached anywhere: the caller reports it as an orphan.

use std::ops::Range;

use super::fuzzy;

/// Lowest fuzzy similarity (1 − edit distance / length, on the normalised text) at which a
/// quote is still anchored: 0.8 lets a few words be retyped or changed, not the passage.
pub const MIN_SCORE: f64 = 0.8;

/// Most places of a quote examined: a quote found more often than this is a word, not a passage.
const MAX_PLACES: usize = 10_000;

/// Characters of prefix and suffix compared with the text: the words nearest the quote.
const CONTEXT_CHARS: usize = 64;

/// What a note says it is about.
#[derive(Clone, Copy, Debug)]
pub struct Selector<'a> {
    /// The exact words.
    pub exact: &'a str,
    /// Words right before them (may be empty).
    pub prefix: &'a str,
    /// Words right after them (may be empty).
    pub suffix: &'a str,
}

/// Which step anchored a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The quote as written.
    Exact,
    /// Case, punctuation and whitespace ignored.
    Normalised,
    /// The most similar passage, at [`MIN_SCORE`] or above.
    Fuzzy,
}

impl Method {
    /// The step's name, for pages and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Normalised => "normalised",
            Method::Fuzzy => "fuzzy",
        }
    }
}

/// The result of anchoring one quote in one text.
#[derive(Clone, Debug, PartialEq)]
pub enum Anchoring {
    /// One place: byte range in the text, the step that found it, and its score (1 unless fuzzy).
    Found {
        /// Byte range in the text.
        range: Range<usize>,
        /// The step that found it.
        method: Method,
        /// Similarity, 1.0 for exact and normalised matches.
        score: f64,
    },
    /// Several places equally good, even with prefix and suffix: byte ranges, in text order.
    Ambiguous {
        /// The places, in text order.
        places: Vec<Range<usize>>,
        /// The step that found them.
        method: Method,
    },
    /// No place good enough; the closest passage and its score, when any shares a word.
    NotFound {
        /// The most similar passage and its score, below [`MIN_SCORE`].
        closest: Option<(Range<usize>, f64)>,
    },
}

/// Anchors `sel` in `text`.
pub fn anchor(text: &str, sel: &Selector) -> Anchoring {
    if sel.exact.is_empty() {
        return Anchoring::NotFound { closest: None };
    }
    let exact = occurrences(text, sel.exact);
    if !exact.is_empty() {
        return choose(text, sel, exact, Method::Exact, 1.0);
    }
    let folded = fold(text);
    let quote = fold(sel.exact).text;
    if quote.is_empty() {
        return Anchoring::NotFound { closest: None };
    }
    let normal: Vec<Range<usize>> = occurrences(&folded.text, &quote)
        .into_iter()
        .map(|r| folded.source(r))
        .collect();
    if !normal.is_empty() {
        return choose(text, sel, normal, Method::Normalised, 1.0);
    }
    let hits = fuzzy::search(&folded.text, &quote);
    let Some(best) = hits.first() else {
        return Anchoring::NotFound { closest: None };
    };
    if best.score < MIN_SCORE {
        return Anchoring::NotFound {
            closest: Some((folded.source(best.range.clone()), best.score)),
        };
    }
    let top: Vec<Range<usize>> = hits
        .iter()
        .take_while(|h| h.score >= best.score - 1e-9)
        .map(|h| folded.source(h.range.clone()))
        .collect();
    choose(text, sel, top, Method::Fuzzy, best.score)
}

/// Every place `needle` occurs in `hay`, overlapping ones included, at most [`MAX_PLACES`].
fn occurrences(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        out.push(at..at + needle.len());
        if out.len() >= MAX_PLACES {
            break;
        }
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// One place, or the places whose surroundings best match the prefix and suffix.
fn choose(
    text: &str,
    sel: &Selector,
    mut places: Vec<Range<usize>>,
    method: Method,
    score: f64,
) -> Anchoring {
    if places.len() > 1 {
        let scores: Vec<f64> = places.iter().map(|r| context(text, r, sel)).collect();
        let best = scores.iter().copied().fold(f64::MIN, f64::max);
        places = places
            .into_iter()
            .zip(scores)
            .filter(|(_, s)| *s >= best - 1e-9)
            .map(|(r, _)| r)
            .collect();
    }
    match places.len() {
        1 => Anchoring::Found {
            range: places.remove(0),
            method,
            score,
        },
        _ => {
            places.sort_by_key(|r| r.start);
            Anchoring::Ambiguous { places, method }
        }
    }
}

/// How well the text around `r` matches the selector's prefix and suffix (0 to 2), compared
/// normalised, on the [`CONTEXT_CHARS`] characters nearest the quote.
fn context(text: &str, r: &Range<usize>, sel: &Selector) -> f64 {
    let mut score = 0.0;
    let prefix = fold(sel.prefix).text;
    if !prefix.is_empty() {
        let want = tail(&prefix, CONTEXT_CHARS);
        let n = want.chars().count();
        let before = &text[floor(text, r.start.saturating_sub(8 * n + 16))..r.start];
        let got = fold(before).text;
        score += strsim::normalized_levenshtein(want, tail(&got, n));
    }
    let suffix = fold(sel.suffix).text;
    if !suffix.is_empty() {
        let want = head(&suffix, CONTEXT_CHARS);
        let n = want.chars().count();
        let after = &text[r.end..floor(text, r.end + 8 * n + 16)];
        let got = fold(after).text;
        score += strsim::normalized_levenshtein(want, head(&got, n));
    }
    score
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let skip = s.chars().count().saturating_sub(n);
    s.char_indices().nth(skip).map_or("", |(i, _)| &s[i..])
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A text folded for comparison, with the way back to the original's bytes.
pub struct Folded {
    /// Lowercase letters and digits, one space for any run of other characters, apostrophes
    /// dropped, no leading or trailing space.
    pub text: String,
    /// For each byte of `text`, the byte range of the original character it came from.
    from: Vec<(u32, u32)>,
}

impl Folded {
    /// The original byte range of the folded range `r`.
    pub fn source(&self, r: Range<usize>) -> Range<usize> {
        let start = self.from[r.start].0 as usize;
        let end = self.from[r.end - 1].1 as usize;
        start..end
    }
}

/// Folds `s` for the normalised and fuzzy steps.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let span = (i as u32, (i + c.len_utf8()) as u32);
        if matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´') {
            continue;
        }
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                text.push(lower);
                from.extend(std::iter::repeat_n(span, lower.len_utf8()));
            }
        } else if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
            from.push(span);
        }
    }
    if text.ends_with(' ') {
        text.pop();
        from.pop();
    }
    Folded { text, from }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel<'a>(exact: &'a str, prefix: &'a str, suffix: &'a str) -> Selector<'a> {
        Selector {
            exact,
            prefix,
            suffix,
        }
    }

    fn found(text: &str, s: Selector) -> (String, Method, f64) {
        match anchor(text, &s) {
            Anchoring::Found {
                range,
                method,
                score,
            } => (text[range].to_string(), method, score),
            other => panic!("not found: {other:?}"),
        }
    }

    #[test]
    fn exact_match() {
        let (got, method, score) =
            found("Russia recognised the Taliban.", sel("the Taliban", "", ""));
        assert_eq!(
            (got.as_str(), method, score),
            ("the Taliban", Method::Exact, 1.0)
        );
    }

    #[test]
    fn prefix_and_suffix_choose_among_equal_quotes() {
        let text = "Koofi condemned the decision. Spanta regretted the decision. Others shrugged.";
        assert!(matches!(
            anchor(text, &sel("the decision", "", "")),
            Anchoring::Ambiguous { ref places, method: Method::Exact } if places.len() == 2
        ));
        let Anchoring::Found { range, .. } =
            anchor(text, &sel("the decision", "Spanta regretted ", ""))
        else {
            panic!()
        };
        assert_eq!(range.start, 47);
        let Anchoring::Found { range, .. } = anchor(text, &sel("the decision", "", ". Spanta"))
        else {
            panic!()
        };
        assert_eq!(range.start, 16);
    }

    #[test]
    fn ambiguous_when_context_does_not_tell() {
        let text = "He said no. He said no.";
        let got = anchor(text, &sel("said no", "He ", "."));
        assert_eq!(
            got,
            Anchoring::Ambiguous {
                places: vec![3..10, 15..22],
                method: Method::Exact
            }
        );
    }

    #[test]
    fn normalised_match_ignores_case_punctuation_and_spacing() {
        let text = "The Taliban’s   return to power — in Kabul — was swift.";
        let (got, method, _) = found(text, sel("the talibans return to power, in kabul", "", ""));
        assert_eq!(method, Method::Normalised);
        assert_eq!(got, "The Taliban’s   return to power — in Kabul");
    }

    #[test]
    fn fuzzy_match_above_the_threshold() {
        let text = "In April this year, the Russian Supreme Court removed the Taliban from its list of terrorist organisations.";
        let (got, method, score) = found(
            text,
            sel("the Russian Supreme Court struck the Taliban off its list of terrorist organisations", "", ""),
        );
        assert_eq!(method, Method::Fuzzy);
        assert!((MIN_SCORE..1.0).contains(&score), "{score}");
        assert!(
            got.starts_with("the Russian Supreme Court") && got.ends_with("organisations"),
            "{got}"
        );
    }

    #[test]
    fn fuzzy_match_below_the_threshold_is_not_found_but_reported() {
        let text = "Moscow hosted Taliban delegations at economic forums in St. Petersburg.";
        match anchor(
            text,
            &sel(
                "Beijing hosted Taliban envoys at trade fairs in Shanghai",
                "",
                "",
            ),
        ) {
            Anchoring::NotFound {
                closest: Some((range, score)),
            } => {
                assert!(score < MIN_SCORE, "{score}");
                assert!(text[range].contains("Taliban"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            anchor(text, &sel("nothing alike here", "", "")),
            Anchoring::NotFound { closest: None }
        );
    }

    #[test]
    fn multibyte_text_maps_back_to_char_boundaries() {
        let text = "İdrakpost: “Hailed as a bold decision” by Kabul — Zürich’s view.";
        let (got, method, _) = found(text, sel("hailed as a bold decision by kabul", "", ""));
        assert_eq!(method, Method::Normalised);
        assert_eq!(got, "Hailed as a bold decision” by Kabul");
        let (got, ..) = found(text, sel("Zürich’s", "", ""));
        assert_eq!(got, "Zürich’s");
        let (got, method, _) = found(text, sel("Zurichs view", "", ""));
        assert_eq!(method, Method::Fuzzy);
        assert!(got.contains("Zürich’s view"), "{got}");
    }

    #[test]
    fn folding_keeps_a_map_to_the_original() {
        let f = fold("  A–B’s  C ");
        assert_eq!(f.text, "a bs c");
        assert_eq!(f.source(0..6), 2..14);
    }
}
