//! The tense of the sentence around a mention, so a month or weekday without a year or week
//! can be placed before or after the publication date: "Nov. 25" in a January report of what
//! happened is last year's, "will resume on Tuesday" is the coming Tuesday.

/// Which way a sentence looks from the time it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    /// It reports what happened ("was", "said", "killed").
    Past,
    /// It announces what will happen ("will", "is due to", "plans to").
    Future,
    /// Neither, or both.
    Unknown,
}

/// Words and phrases that put a clause in the future.
const FUTURE: &[&str] = &[
    "will",
    "won't",
    "won’t",
    "shall",
    "is due",
    "are due",
    "is expected",
    "are expected",
    "is scheduled",
    "are scheduled",
    "is set to",
    "are set to",
    "plans to",
    "plan to",
    "planned for",
    "is to",
    "are to",
    "as soon as",
    "as early as",
    "scheduled",
    "set to",
    "would",
    "next",
    "upcoming",
    "coming",
    "going to",
    "supposed to",
    "scheduled to",
    "due to",
];

/// The first words of [`FUTURE`]'s phrases, so most words are passed over at once.
static FUTURE_STARTS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| FUTURE.iter().filter_map(|p| p.split(' ').next()).collect());

/// Past forms of frequent irregular verbs (regular ones end in "-ed").
const PAST: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "began", "took", "came", "went", "got", "gave",
    "made", "found", "left", "met", "held", "won", "lost", "fell", "led", "fought", "saw", "sent",
    "became", "brought", "built", "broke", "chose", "drove", "flew", "grew", "hit", "kept", "knew",
    "paid", "ran", "rose", "set", "shot", "sold", "spoke", "stood", "struck", "thought", "wrote",
    "ago", "last", "earlier", "previous", "former", "since",
];

/// The tense of the clause that holds `at` (from the previous clause break up to the next).
/// The words before the mention decide first ("talks will resume on Tuesday"); when they say
/// nothing, the rest of the sentence does.
pub(crate) fn tense_at(text: &str, at: usize) -> Tense {
    // A verb right before: "said Tuesday", "announced Wednesday".
    let head = text[..at].trim_end();
    let last = head
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if is_past_form(&last) && !FUTURE.contains(&last.as_str()) && last != "planned" {
        return Tense::Past;
    }
    let sentence = text[..at]
        .rfind(['.', '!', '?', ';', '\n'])
        .map_or(0, |i| i + 1);
    let clause = text[sentence..at]
        .rfind([',', ':'])
        .map_or(sentence, |i| sentence + i + 1);
    let to = text[at..]
        .find(['.', '!', '?', ';', '\n'])
        .map_or(text.len(), |i| at + i);
    // The clause leading up to the mention, then its whole sentence, then what follows.
    for part in [&text[clause..at], &text[sentence..clause], &text[at..to]] {
        match tense_of(part) {
            Tense::Unknown => continue,
            t => return t,
        }
    }
    Tense::Unknown
}

/// A past form: a frequent irregular one or a regular "-ed" of five letters or more.
fn is_past_form(w: &str) -> bool {
    PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
}

/// The tense the words of `clause` show: a future cue wins over past forms.
fn tense_of(clause: &str) -> Tense {
    let mut past = false;
    let lower = clause.to_lowercase();
    if lower.contains("’ll ") || lower.contains("'ll ") {
        return Tense::Future;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        // A phrase of FUTURE starting here, compared word by word without building strings,
        // and only for words that start one.
        let starts_phrase = |p: &&str| {
            p.split(' ')
                .enumerate()
                .all(|(k, pw)| words.get(i + k).is_some_and(|x| *x == pw))
        };
        if FUTURE_STARTS.contains(w) && FUTURE.iter().any(starts_phrase) {
            return Tense::Future;
        }
        if is_past_form(w) {
            past = true;
        }
    }
    if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, word: &str) -> Tense {
        tense_at(text, text.find(word).unwrap())
    }

    #[test]
    fn clauses_before_the_mention_decide() {
        assert_eq!(
            at("Talks will resume on Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(at("He was killed on Nov. 25.", "Nov."), Tense::Past);
        assert_eq!(at("The vote is due in April.", "April"), Tense::Future);
        assert_eq!(
            at("Police said they arrested him in March.", "March"),
            Tense::Past
        );
    }

    #[test]
    fn the_rest_of_the_sentence_speaks_when_the_start_is_silent() {
        assert_eq!(at("On Tuesday, talks resumed.", "Tuesday"), Tense::Past);
        assert_eq!(at("In April the law changes.", "April"), Tense::Unknown);
        assert_eq!(
            at("Talks ended. On Tuesday they will vote.", "Tuesday"),
            Tense::Future
        );
    }

    #[test]
    fn words_that_only_look_past_are_not() {
        assert_eq!(at("The feed needs care in May.", "May"), Tense::Unknown);
        assert_eq!(at("Red flags in June.", "June"), Tense::Unknown);
    }
}
