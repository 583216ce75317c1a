//! Word tables the recognisers share: month and number names, duration units, and the nouns
//! that mark a four-digit number as a count rather than a year.

/// Regex alternation of full month names (capitalised: "may" the verb never matches).
pub(crate) const MONTH_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";

/// Regex alternation of month names and their news abbreviations, for use beside a day or year.
pub(crate) const MONTH_ANY: &str = "January|February|March|April|May|June|July|August|September|\
October|November|December|Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.|Jul\\.|Aug\\.?|Sept\\.?|Sep\\.?|\
Oct\\.?|Nov\\.?|Dec\\.?";

/// Month names, lowercase: with [`WEEKDAYS`], calendar words the other recognisers (names,
/// metonyms, event matching) must not take for content or for part of a name.
pub(crate) const MONTHS_LOWER: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lowercase and Monday first, the order in which weekdays are numbered.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether lowercase `word` names a month or a weekday.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    MONTHS_LOWER.contains(&word) || WEEKDAYS.contains(&word)
}

/// Regex alternation of spelled-out numbers used in durations ("four", "twenty-five").
pub(crate) const NUMBER_WORDS: &str = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\
(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|\
nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred";

const UNITS: &str =
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen \
sixteen seventeen eighteen nineteen";

const TENS: &str = "twenty thirty forty fifty sixty seventy eighty ninety";

/// Month number (1–12) of a full or abbreviated month name, trailing period allowed.
/// Compares ASCII-case-insensitively in place: it runs for every month a recogniser reads, and
/// lowercasing copies of the name and of each month showed up in profiles.
pub(crate) fn month_number(name: &str) -> Option<u8> {
    let key = name.trim_end_matches('.').as_bytes();
    if key.len() < 3 {
        return None;
    }
    MONTHS_LOWER
        .iter()
        .position(|full| {
            full.len() >= key.len() && full.as_bytes()[..key.len()].eq_ignore_ascii_case(key)
        })
        .map(|i| i as u8 + 1)
}

/// Value of a count written in digits or words ("4", "four", "a", "twenty-five");
/// `None` for vague counts such as "several".
pub(crate) fn number_value(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    match w.as_str() {
        "a" | "an" => return Some(1),
        "hundred" | "a hundred" => return Some(100),
        // TimeML counts "a couple of years" as two.
        "a couple of" | "couple of" => return Some(2),
        _ => {}
    }
    if let Some(i) = UNITS.split_whitespace().position(|u| u == w) {
        return Some(i as u32 + 1);
    }
    let (tens, unit) = w.split_once(['-', ' ']).unwrap_or((&w, ""));
    let t = TENS.split_whitespace().position(|x| x == tens)? as u32 * 10 + 20;
    match unit {
        "" => Some(t),
        u => Some(t + UNITS.split_whitespace().take(9).position(|x| x == u)? as u32 + 1),
    }
}

/// ISO 8601 duration for `n` units (`None` = unspecified amount, written "X").
pub(crate) fn duration_value(n: Option<u32>, unit: &str) -> Option<String> {
    let unit = unit.to_ascii_lowercase();
    let unit = unit.trim_end_matches('s');
    let n_str = |k: u32| n.map_or("X".to_string(), |n| (n * k).to_string());
    let v = match unit {
        "year" => format!("P{}Y", n_str(1)),
        "decade" if n.is_some() => format!("P{}Y", n_str(10)),
        "decade" => "PXDE".to_string(),
        "century" | "centurie" if n.is_some() => format!("P{}Y", n_str(100)),
        "century" | "centurie" => "PXCE".to_string(),
        "month" => format!("P{}M", n_str(1)),
        "quarter" => format!("P{}Q", n_str(1)),
        "week" => format!("P{}W", n_str(1)),
        "day" => format!("P{}D", n_str(1)),
        "hour" => format!("PT{}H", n_str(1)),
        "minute" => format!("PT{}M", n_str(1)),
        _ => return None,
    };
    Some(v)
}

/// Nouns after a four-digit number that make it a count or measure ("1979 people").
pub(crate) const COUNT_NOUNS: &str =
    "people persons soldiers troops fighters militants civilians men women children kids \
girls boys students families households refugees migrants residents workers employees \
staff members lives deaths dead casualties victims prisoners detainees cases votes seats \
dollars euros pounds rupees afghanis rubles roubles yuan yen km kilometres kilometers \
miles metres meters feet ft tons tonnes kg barrels acres hectares units vehicles tanks \
aircraft rockets missiles homes houses schools villages words times more additional \
other others percent per gmt utc hours hrs points jobs officers police policemen \
protesters officials individuals citizens out million billion thousand followers \
signatures pupils voters";

/// Words before a four-digit number that make it a count, a label or an amount
/// ("some 1500", "Resolution 2593", "Rs 2000").
pub(crate) const NOT_YEAR_BEFORE: &str =
    "about some nearly almost around approximately roughly over than least estimated another \
resolution flight route highway room no number article section chapter code model page \
pages p pp item platform gate boeing airbus iso rule vol volume issue paragraph clause \
building apartment suite box exit rs usd eur gbp inr dollars rupees afs afn rub cny lot \
batch unit";

/// Words before a bare four-digit number that mark it as a year ("in 1979", "since 2021").
pub(crate) const YEAR_BEFORE: &str =
    "in since by until till from to of during before after circa c year through throughout \
between and early late mid spring summer autumn fall winter fiscal pre post the as for around";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(month_number("Aug."), Some(8));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("December"), Some(12));
        assert_eq!(month_number("Xyz"), None);
        assert_eq!(month_number("Mark"), None);
        assert_eq!(month_number("Decision"), None);
        assert_eq!(month_number("SEPT."), Some(9));
        assert_eq!(month_number("juNE"), Some(6));
        assert_eq!(month_number("Januaryx"), None);
        assert_eq!(month_number("Mä"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(number_value("four"), Some(4));
        assert_eq!(number_value("25"), Some(25));
        assert_eq!(number_value("an"), Some(1));
        assert_eq!(number_value("twenty-five"), Some(25));
        assert_eq!(number_value("Forty"), Some(40));
        assert_eq!(number_value("several"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(duration_value(Some(4), "years").as_deref(), Some("P4Y"));
        assert_eq!(duration_value(Some(2), "decades").as_deref(), Some("P20Y"));
        assert_eq!(duration_value(Some(1), "hour").as_deref(), Some("PT1H"));
        assert_eq!(duration_value(Some(3), "months").as_deref(), Some("P3M"));
        assert_eq!(duration_value(None, "years").as_deref(), Some("PXY"));
        assert_eq!(duration_value(None, "decades").as_deref(), Some("PXDE"));
        assert_eq!(
            duration_value(Some(2), "centuries").as_deref(),
            Some("P200Y")
        );
        assert_eq!(duration_value(Some(2), "fortnights"), None);
    }
}
