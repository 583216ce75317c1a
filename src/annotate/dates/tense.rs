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
    // A plan, an intention or an expectation is of what comes after it.
    "planned to",
    "planning to",
    "intends to",
    "intend to",
    "expects to",
    "expect to",
    "hopes to",
    "hope to",
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
    let sentence = sentence_start(text, at);
    let clause = text[sentence..at]
        .rfind([',', ':'])
        .map_or(sentence, |i| sentence + i + 1);
    let to = sentence_end(text, at);
    // The clause leading up to the mention, then its whole sentence, then what follows, where
    // the first verb tells: "On Friday, when she set aside her plans, ... they hope to" is
    // the past.
    for part in [&text[clause..at], &text[sentence..clause]] {
        match tense_of(part, Cue::Last) {
            Tense::Unknown => continue,
            t => return t,
        }
    }
    tense_of(&text[at..to], Cue::First)
}

/// Words after which a past form is a participle or an adjective, not a verb of its own.
const PARTICIPLE_AFTER: &[&str] = &[
    "be", "been", "being", "is", "are", "am", "get", "gets", "a", "an", "the", "this", "that",
    "these", "those", "its", "their", "his", "her", "our", "still", "newly", "recently",
];

/// Whether the last of `words` ends a phrase of [`FUTURE`] ("is expected", "planned to").
fn is_future_phrase_end(words: &[&str]) -> bool {
    FUTURE.iter().any(|p| {
        let n = p.split(' ').count();
        n > 1
            && words.len() >= n
            && p.split(' ')
                .zip(&words[words.len() - n..])
                .all(|(a, b)| a == *b)
    })
}

/// Verbs that put something off to a later time ("postponed until Tuesday").
const DEFERRALS: &[&str] = &[
    "postponed",
    "delayed",
    "deferred",
    "adjourned",
    "extended",
    "suspended",
];

/// Whether the mention at `at`, after "until", "till", "through" or "by", or after
/// "effective" (the day a change takes effect: "named chairman, effective Feb. 1"), is a
/// deadline ahead of the report: unless its own clause tells the past ("talks lasted until Tuesday";
/// "The sale, which had been expected, is to repay the loan by February" is ahead), or
/// when what was done is putting off ("postponed until Tuesday", "extended the loans through
/// January").
pub(crate) fn deadline_ahead(text: &str, at: usize) -> bool {
    let before = super::context::word_before(text, at);
    if !["until", "till", "through", "by", "effective"].contains(&before.as_str()) {
        return false;
    }
    let clause_start = text[..at]
        .rfind([',', ';', '!', '?', '\n'])
        .map_or(0, |i| i + 1)
        .max(sentence_start(text, at));
    let clause = &text[clause_start..at];
    let deferred = clause
        .split(|c: char| !c.is_alphabetic())
        .any(|w| DEFERRALS.iter().any(|d| d.eq_ignore_ascii_case(w)));
    let mut own = tense_of(clause, Cue::AnyFuture);
    let opens = clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count()
        <= 1;
    if own == Tense::Unknown && opens {
        // "Until Thursday, they had not called him a suspect": the clause is what follows.
        own = tense_of(&text[at..sentence_end(text, at)], Cue::First);
    }
    deferred || own != Tense::Past
}

/// Words whose period abbreviates them ("Mr. Davison", "Feb. 1", "Daniel P. Davison"), so it
/// ends no sentence; single letters (initials, "a.m.", "U.S.") are abbreviations too.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt", "sgt",
    "capt", "maj", "adm", "prof", "rev", "mt", "co", "corp", "inc", "ltd", "no", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether the character at `i` of `text` ends a sentence: `!`, `?`, `;`, a line break, or a
/// period that closes no abbreviation and is not followed by a lowercase word, a digit, a
/// comma or a colon.
fn ends_sentence(text: &str, i: usize) -> bool {
    match text.as_bytes()[i] {
        b'!' | b'?' | b';' | b'\n' => true,
        b'.' => {
            let word = text[..i]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let abbreviation = word.chars().count() == 1
                || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
            let next = text[i + 1..].trim_start().chars().next();
            // "Birmingham, Ala., killed": a comma or a colon after the period goes on.
            let goes_on = next
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || matches!(c, ',' | ':'));
            !abbreviation && !goes_on
        }
        _ => false,
    }
}

/// Where the sentence that holds `at` starts.
pub(crate) fn sentence_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(i, _)| ends_sentence(text, i))
        .map_or(0, |(i, _)| i + 1)
}

/// Where the sentence that holds `at` ends (the mention's own abbreviation, as in "Feb. 1",
/// ends none).
fn sentence_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(i, _)| ends_sentence(text, at + i))
        .map_or(text.len(), |(i, _)| at + i)
}

/// A past form: a frequent irregular one or a regular "-ed" of five letters or more.
fn is_past_form(w: &str) -> bool {
    PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
}

/// Which cue of a stretch of words decides its tense.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A future cue anywhere wins over past forms.
    AnyFuture,
    /// The first cue: what follows a mention, where its own verb comes first.
    First,
    /// The last cue: the words leading up to a mention, where the verb nearest it governs it
    /// ("it will transfer the boy, who was rescued in November").
    Last,
}

/// The tense the words of `clause` show, by `cue`.
fn tense_of(clause: &str, cue: Cue) -> Tense {
    let first_wins = cue == Cue::First;
    let mut past = false;
    let mut last = Tense::Unknown;
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
        // "next to the embassy" is a place.
        let place = *w == "next" && words.get(i + 1) == Some(&"to");
        if FUTURE_STARTS.contains(w) && !place && FUTURE.iter().any(starts_phrase) {
            if cue != Cue::Last {
                return Tense::Future;
            }
            last = Tense::Future;
        } else if is_past_form(w) {
            if first_wins {
                return Tense::Past;
            }
            past = true;
            // The past form that ends a future phrase ("is expected", "is scheduled") is
            // part of it; after an auxiliary or a determiner it is a participle ("will be
            // named", "an unspecified date"), whose tense is the auxiliary's or none.
            let participle = i > 0 && PARTICIPLE_AFTER.contains(&words[i - 1]);
            let ends_future = last == Tense::Future && is_future_phrase_end(&words[..=i]);
            if !(participle || ends_future) {
                last = Tense::Past;
            }
        }
    }
    if cue == Cue::Last {
        return last;
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
    fn abbreviations_end_no_sentence() {
        let t = "Mr. Schwarz, 52, will succeed Daniel P. Davison Feb. 1, the bank said.";
        assert_eq!(at(t, "Feb."), Tense::Future);
        assert_eq!(
            at(
                "Officials have given them until 9 a.m. Tuesday to sign.",
                "Tuesday"
            ),
            Tense::Unknown
        );
        // A real sentence end still parts the clauses.
        assert_eq!(
            at("The bank said it will grow. In April sales fell.", "April"),
            Tense::Past
        );
        assert_eq!(sentence_start("It rained. Then", 14), 10);
        // A comma after a period goes on with the sentence ("Birmingham, Ala., killed").
        assert_eq!(
            at(
                "In January, a bomb in Birmingham, Ala., killed a guard.",
                "January"
            ),
            Tense::Past
        );
    }

    #[test]
    fn plans_and_expectations_look_ahead() {
        assert_eq!(
            at("The team planned to leave Nairobi on Thursday.", "Thursday"),
            Tense::Future
        );
        assert_eq!(
            at("The company expects to post a loss in March.", "March"),
            Tense::Future
        );
    }

    #[test]
    fn after_the_mention_the_first_verb_tells() {
        let t = "On Friday, when she set aside her plans, they hope to meet.";
        assert_eq!(at(t, "Friday"), Tense::Past);
        let t = "On Friday the board will meet, as was agreed.";
        assert_eq!(at(t, "Friday"), Tense::Future);
        // "next to" names a place, not the coming time.
        let t = "A bomb exploded on Friday next to the embassy.";
        assert_eq!(at(t, "Friday"), Tense::Past);
        assert_eq!(
            tense_of("the shop next to the bank", Cue::AnyFuture),
            Tense::Unknown
        );
    }

    #[test]
    fn the_verb_nearest_the_mention_governs_it() {
        let t = "It will transfer the boy, who has been with relatives since he was rescued in \
                 late November.";
        assert_eq!(at(t, "late"), Tense::Past);
        let t = "The family will leave for the city where they were married in April.";
        assert_eq!(at(t, "April"), Tense::Past);
        // A participle takes the tense of its auxiliary; an adjective has none.
        let t = "Collins will be named commander for a mission in December.";
        assert_eq!(at(t, "December"), Tense::Future);
        let t = "The split would be paid on a still unspecified date in January.";
        assert_eq!(at(t, "January"), Tense::Future);
        let t = "The vote is expected in March.";
        assert_eq!(at(t, "March"), Tense::Future);
    }

    #[test]
    fn deadlines_look_ahead_unless_the_clause_is_past() {
        let dl = |t: &str, w: &str| deadline_ahead(t, t.find(w).unwrap());
        assert!(dl("It must repay the loan by February.", "February"));
        assert!(dl("Banks extended the loans through January.", "January"));
        assert!(!dl("The talks lasted until March.", "March"));
        assert!(!dl(
            "Until Thursday, they had not called him a suspect.",
            "Thursday"
        ));
        assert!(dl(
            "The sale, which was expected, is to repay it by March.",
            "March"
        ));
        assert!(dl(
            "The board also named a new chairman, effective Feb. 1.",
            "Feb. 1"
        ));
        assert!(!dl(
            "Costs rose under a labor pact that took hold effective June 1.",
            "June 1"
        ));
        // No deadline word, no deadline.
        assert!(!dl("The loan is due in February.", "February"));
        assert!(!dl("It was an effective campaign in February.", "February"));
    }

    #[test]
    fn words_that_only_look_past_are_not() {
        assert_eq!(at("The feed needs care in May.", "May"), Tense::Unknown);
        assert_eq!(at("Red flags in June.", "June"), Tense::Unknown);
    }
}
