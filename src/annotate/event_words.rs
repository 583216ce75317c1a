//! Event words: what each dated mention says happened, as the timeline's event grouping
//! compares it (`index::events`). They are the content words of the date's clause, normalised
//! so different wordings of one event meet ("removed", "removal" and "remove" share a stem,
//! "list" and "listing" too; function words and the words of dates, which say when, not what,
//! are left out), then `@actor` for each actor the clause names.
//!
//! They depend on the article alone, so they are made here with its analysis and kept in the
//! cache with it: a build after one article's edit reads every other article's words instead of
//! making hundreds of thousands of them again.

use crate::model::{Article, EventWords, MentionKind};
use crate::time::Precision;

/// The event words of every dated mention of `article` that has some, each mention's words
/// separated by single spaces. A decade gets none: it names an era, not an event. Words never
/// hold a space: they are runs of letters and digits, or `@` and an actor's number.
pub fn of_article(article: &Article) -> EventWords {
    let mut out = EventWords::default();
    for (m, mention) in article.mentions.iter().enumerate() {
        let MentionKind::Date { timex, .. } = &mention.kind else {
            continue;
        };
        if timex.precision() <= Precision::Decade {
            continue;
        }
        let words = &article.source[mention.span.clone()];
        let clause = clause_of(&mention.sentence, words);
        let actors = article.same_sentence(m).filter_map(|o| match o.kind {
            MentionKind::Actor(id) if clause.contains(&article.source[o.span.clone()]) => {
                Some(format!("@{id}"))
            }
            _ => None,
        });
        let all: Vec<String> = content_words(clause, words)
            .into_iter()
            .chain(actors)
            .collect();
        // Mentions come in order, so a push fails only past 4 GB of words: those are left out.
        if !all.is_empty() {
            out.push(m as u32, &all.join(" "));
        }
    }
    out
}

/// Function words: they occur everywhere and say nothing about what happened.
const STOPWORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "and",
    "any",
    "are",
    "around",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "can",
    "could",
    "did",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "into",
    "its",
    "itself",
    "just",
    "more",
    "most",
    "much",
    "must",
    "not",
    "now",
    "off",
    "once",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "too",
    "under",
    "upon",
    "very",
    "was",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
    "according",
    "already",
    "still",
    "however",
    "notably",
    "first",
    "two",
    "three",
    "new",
];

/// Words of dates and times besides month and weekday names (`is_calendar_word`): the date is
/// compared separately, so its words must not count as
/// shared content ("in April" alone makes no two sentences one event).
const DATE_WORDS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "ago",
    "earlier",
    "later",
    "last",
    "next",
    "previous",
    "previously",
    "since",
    "until",
    "decade",
    "decades",
    "century",
    "spring",
    "summer",
    "autumn",
    "winter",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "recent",
    "recently",
    "annual",
    "time",
];

/// Where one clause ends and another begins: a date describes the clause it sits in, and a
/// sentence often carries a second, unrelated fact after ", and" or ", which".
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    " — ",
    " – ",
    ": ",
    ", and ",
    ", but ",
    ", which ",
    ", while ",
    ", whereas ",
    ", who ",
    ", as ",
];

/// The clause of `sentence` that holds the date mention `words` (the whole sentence when the
/// words are not found in it).
pub fn clause_of<'a>(sentence: &'a str, words: &str) -> &'a str {
    let Some(at) = sentence.find(words).filter(|_| !words.is_empty()) else {
        return sentence;
    };
    let after = at + words.len();
    let bytes = sentence.as_bytes();
    // One pass over the sentence: every break starts with one of these bytes, so only there
    // are the breaks tried (instead of searching the sentence once per break, twice).
    let breaks_at = |p: usize| {
        CLAUSE_BREAKS
            .iter()
            .filter(move |b| bytes[p..].starts_with(b.as_bytes()))
    };
    // A break starts with ';', ':', ',' or a space before a dash (whose UTF-8 begins E2):
    // most spaces start none, and are passed over without trying each break.
    let may_break = |p: usize| match bytes[p] {
        b';' | b':' | b',' => true,
        b' ' => bytes.get(p + 1) == Some(&0xE2),
        _ => false,
    };
    let mut start = 0;
    for p in (0..at).filter(|&p| may_break(p)) {
        for b in breaks_at(p) {
            if p + b.len() <= at {
                start = start.max(p + b.len());
            }
        }
    }
    let end = (after..bytes.len())
        .filter(|&p| may_break(p))
        .find(|&p| breaks_at(p).next().is_some())
        .unwrap_or(sentence.len());
    &sentence[start..end]
}

/// The clause as first written: each break searched for separately. Kept as the reference the
/// one-pass version is tested against.
#[cfg(test)]
pub fn clause_of_reference<'a>(sentence: &'a str, words: &str) -> &'a str {
    let Some(at) = sentence.find(words).filter(|_| !words.is_empty()) else {
        return sentence;
    };
    let after = at + words.len();
    let start = CLAUSE_BREAKS
        .iter()
        .filter_map(|b| sentence[..at].rfind(b).map(|p| p + b.len()))
        .max()
        .unwrap_or(0);
    let end = CLAUSE_BREAKS
        .iter()
        .filter_map(|b| sentence[after..].find(b).map(|p| after + p))
        .min()
        .unwrap_or(sentence.len());
    &sentence[start..end]
}

/// The stop and date words as one set: every word of every timeline sentence is looked up.
static SKIPPED: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOPWORDS.iter().chain(DATE_WORDS).copied().collect());

/// The distinct content words of `sentence` without the date mention `words`, stemmed, in
/// order of first appearance.
pub fn content_words(sentence: &str, words: &str) -> Vec<String> {
    let (before, after) = match sentence.find(words) {
        Some(at) if !words.is_empty() => (&sentence[..at], &sentence[at + words.len()..]),
        _ => (sentence, ""),
    };
    let mut out: Vec<String> = Vec::new();
    let mut lower = String::new();
    for token in [before, after].into_iter().flat_map(alphanumeric_runs) {
        // Short and numeric tokens are the commonest and need no lowercasing to be skipped.
        let numeric = if token.is_ascii() {
            token.bytes().any(|b| b.is_ascii_digit())
        } else {
            token.chars().any(char::is_numeric)
        };
        if token.len() < 3 || numeric {
            continue;
        }
        lower.clear();
        if token.is_ascii() {
            lower.extend(token.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            lower.extend(token.chars().flat_map(char::to_lowercase));
        }
        if lower.chars().count() < 3
            || lower.chars().any(|c| c.is_numeric())
            || SKIPPED.contains(lower.as_str())
            || crate::annotate::dates::words::is_calendar_word(&lower)
        {
            continue;
        }
        let stem = stem(&lower);
        if !out.contains(&stem) {
            out.push(stem);
        }
    }
    out
}

/// The runs of letters and digits of `text`, in order: the non-empty pieces of
/// `text.split(|c: char| !c.is_alphanumeric())`, with ASCII read byte by byte (every word of
/// every timeline sentence passes through here).
pub(crate) fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let alphanumeric = |i: usize| {
        let (c, len) = crate::chars::char_at(text, i);
        (c.is_alphanumeric(), len)
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            let (yes, len) = alphanumeric(i);
            if yes {
                break;
            }
            i += len;
        }
        let start = i;
        while i < text.len() {
            let (yes, len) = alphanumeric(i);
            if !yes {
                break;
            }
            i += len;
        }
        (i > start).then(|| &text[start..i])
    })
}

/// A light suffix stripper: plural, past and gerund forms and a few noun endings, with a final
/// "e" dropped and British "-is-" spelt "-iz-", so inflections of one word meet. Never leaves
/// fewer than three letters.
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    let mut stripped = false;
    for (suffix, replacement) in [("ies", "y"), ("ied", "y")] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.len() >= 3 {
                return format!("{base}{replacement}");
            }
        }
    }
    for suffix in [
        "ations", "ation", "ments", "ment", "ings", "ing", "als", "al", "ers", "er", "ed", "es",
        "s",
    ] {
        if let Some(base) = w.strip_suffix(suffix) {
            // "crisis", "status", "class" are not plurals.
            let keeps = suffix != "s" || !base.ends_with(['s', 'u', 'i']);
            if base.len() >= 3 && keeps {
                w = base.to_string();
                stripped = true;
                break;
            }
        }
    }
    if w.len() > 4 && w.ends_with("ian") {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
        stripped = true;
    }
    if stripped && w.len() > 5 && w.ends_with("is") {
        w.truncate(w.len() - 2);
        w.push_str("iz");
    }
    w
}

#[cfg(test)]
mod tests;
