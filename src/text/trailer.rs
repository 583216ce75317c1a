//! Trailing-matter recognition for the "parse" stage: copy-pasted articles
//! drag along what the page printed after the story — disclaimers,
//! "first published by" notes, author bios, publisher taglines, comment
//! counters and share/tag debris. The reader shows these as a muted footer
//! and never annotates them, so they must be cut off before any analysis.
//! Only a run at the very end counts: the same words mid-article are prose.

use std::sync::OnceLock;

use regex::Regex;

use super::lines::Line;
use super::shape::word_count_upto;

/// How many of the last non-blank lines may hold an author bio; a name-is-a
/// sentence further up is far more likely to be article prose.
const BIO_WINDOW: usize = 6;

/// What kind of boilerplate a line is, because bios need a position check
/// that other boilerplate does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Boiler {
    /// Disclaimers, publication notes, taglines and debris.
    Plain,
    /// "Jane Doe is a fellow at …".
    Bio,
}

/// The compiled patterns, built once per process.
struct Patterns {
    /// Disclaimers and taglines: reliable wording, tolerated in long lines.
    strong: Regex,
    /// Publication notes: reliable only in short lines.
    publication: Regex,
    /// Share/tag/comment debris: must start the line and be short.
    debris: Regex,
    /// A line made only of share-button labels.
    social: Regex,
    /// "Name Name is a <role> …", "… writes about …", "… has written …".
    bio: Regex,
    /// Quotes, attribution and dated events: what a story sentence has and
    /// a bio does not ("police said", "since the January 1998 bombing").
    story: Regex,
    /// A word naming a role or affiliation, which a real bio always has.
    bio_role: Regex,
    /// "The author is …", "About the author".
    bio_phrase: Regex,
    /// "He/She/They …" continuing a bio on the next line.
    pronoun: Regex,
}

/// The patterns, compiled on first use and shared, because recovery runs
/// once per article and regex compilation dominates otherwise.
fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("trailer pattern compiles");
        Patterns {
            strong: re(r"(?i)\b(views|opinions)\s+(and\s+opinions\s+)?(expressed|stated|presented)\b|\bnecessarily\s+(reflect|represent|endorse|share|align|coincide)|\beditorial\s+(policy|policies|stance|position|line|view)|\bsolely\s+(those|that)\s+of\b|\bthe\s+(author|writer)[’']?s?[’']?\s+own\b|\bis\s+(powered|supported|funded|sponsored|brought\s+to\s+you)\s+by\b|\bis\s+an?\s+(project|publication|initiative|programme|program|product|service)\s+(of|by|from)\b"),
            publication: re(&[
                // "This article was published by …": the article talking about itself.
                r"(?i)\bthis\s+(article|piece|story|post|essay|commentary|column|op-?ed|interview|analysis|report)",
                r"\s+(was\s+|is\s+|has\s+been\s+)?(first\s+|originally\s+)?",
                r"(published|posted|appeared|republished|reprinted|reproduced|adapted|syndicated)\b",
                r"|\b(first|originally)\s+(published|appeared|posted|ran)\b",
                r"|^(first\s+|originally\s+)?(re)?published\s+(by|with|under|in|on|at)\b",
                r"|\bre(published|printed|posted)\s+(with|by|from|under|courtesy|here|on)\b",
                r"|\b(reproduced|used|shared)\s+with\s+(the\s+)?(kind\s+)?permission\b",
                r"|\bappeared\s+first\s+(on|in|at)\b|\bcreative\s+commons\b",
            ]
            .concat()),
            debris: re(&[
                // Whole-line labels and counters.
                r"(?i)^(\d+\s+comments?|no\s+comments?(\s+yet)?|comments?(\s*\(\d+\))?",
                r"|share(\s+(this|on|via|it))?(\s+(article|story|post|page))?\s*:?",
                r"|related(\s+(articles?|stories|posts|content|reading|topics|coverage))?\s*:?",
                r"|read\s+more|advertisement|sponsored(\s+content)?|like\s+this\s*:?|loading\.*",
                r"|(print|e-?mail)(\s+this)?(\s+(article|page|story))?)$",
                // Prefixes that only ever open a label.
                r"|(?i)^((tags?|tagged(\s+with)?|topics?|filed\s+under|categor(y|ies)|keywords",
                r"|related|read\s+(more|also)|see\s+also|share\s+(this|on|via)",
                r"|sources?|(photo|image|picture|header|featured)(\s+(image|photo))?(\s+(credit|source))?s?",
                r")\s*:",
                r"|(leave|post|add|write)\s+a\s+(comment|reply)|more\s+from\b|follow\s+(us|me)\b",
                r"|follow\s+\S+(\s+\S+)?\s+on\s+(twitter|x|facebook|instagram|telegram|linkedin|bluesky|threads|mastodon|youtube|tiktok)\b",
                r"|\(c\)\s*\d{4}|copyright\s*(©|\(c\)|\d{4})|subscribe(\s+(to|for|now|today|here)\b|\s*$)",
                r"|sign\s+up\s+(for|to|here|now)\b|(click|tap)\s+here\b",
                r"|(additional\s+)?(reporting|editing|writing)\s+by\b|(last\s+)?(updated|modified)\s*(on\s|:))",
                // Anywhere in a short line.
                r"|©|(?i)\ball\s+rights\s+reserved\b",
            ]
            .concat()),
            social: re(r"(?i)^((share|tweet|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|print|copy\s+link|messenger|threads|bluesky)[\s,|·•/]*)+$"),
            bio: re(&[
                // The leading name, with an optional apposition ("Jane Doe, a historian,").
                r"^(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?\p{Lu}[\p{L}\p{M}'’.\-]*",
                r"(?:\s+(?:(?:al|el|bin|ibn|de|da|di|du|van|von|der|den|la|le)\s+)?\p{Lu}[\p{L}\p{M}'’.\-]*){1,3}",
                r"(?:\s*,[^,]{1,80},)?\s+(?:",
                // "is/was (also) a|the|former|senior … <role>": a role, not an event.
                r"(?:is|was)\s+(?:(?:also|currently|now|formerly|previously)\s+)?(?:a|an|the|former|senior|associate|assistant|visiting|professor|executive|founding|founder|co-founder|director|editor|chief|deputy|retired|research|contributing|lecturer|journalist|writer|author|based|pursuing|working|studying)\b",
                // "has written/served/taught …", "has been a …": a career, not "has been on the run".
                r"|has\s+(?:also\s+)?(?:been\s+(?:a|an|the)\b|served|worked|written|authored|taught|reported|covered|edited|contributed)\b",
                r"|(?:serves|served)\s+as\b",
                // Present-tense beats, a bio on their own: "writes about", "covers X for", "teaches".
                r"|(?P<beat>teaches\b|(?:writes|reports)\s+(?:on|about|for|from|in)\b|covers\s+(?:[^\s.,;]+\s+){1,4}(?:for|from)\b)",
                r"|(?:works|worked)\s+(?:at|for|as|in|on|with)\b|(?:holds|leads|heads)\s+(?:a|an|the)\b",
                r")",
            ]
            .concat()),
            story: re(&[
                // Quotation and attribution.
                r#"["“”]|\b(said|says|say|told|according\s+to|reportedly|allegedly)\b"#,
                // A dated event: a month with a day or year, a weekday, a deictic day.
                r"|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December)\.?\s+\d",
                r"|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)\b",
            ]
            .concat()),
            bio_role: re(r"(?i)\b(former|formerly|director|editor|author|journalist|fellow|professor|analyst|researcher|research|writer|correspondent|founder|co-founder|student|member|expert|lecturer|contributor|columnist|specialist|advis[eo]r|ambassador|minister|officer|chair|president|executive|reporter|scholar|ph\.?\s?d|candidate|graduate|universit(y|ies)|institute|cent(er|re)|commentator|consultant|books?|diplomat|historian|economist|scientist|lawyer|activist|based\s+in)\b"),
            bio_phrase: re(r"(?i)^(about\s+the\s+(author|writer)s?\b|the\s+(author|writer)s?\s+(is|are|was|were|has|have|teaches|works|writes)\b)"),
            pronoun: re(r"^(He|She|They|His|Her|Their)\s"),
        }
    })
}

/// Strip list markers, emphasis and enclosing brackets around a line so that
/// "*The views expressed…*", "(Republished …)" and "- This article…" read as
/// their words. A bracket is only stripped when it encloses the whole line,
/// so "(c) 2024" keeps its meaning.
fn core(text: &str) -> &str {
    let is_wrap =
        |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-' | '–' | '—' | '•' | '·');
    let mut text = text.trim_matches(is_wrap);
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            text = inner.trim_matches(is_wrap);
        }
    }
    text
}

/// Words that open ordinary sentences while being capitalised; a bio's
/// leading name never starts with them ("The United States is a member …").
const NOT_NAMES: &[&str] = &[
    "The", "This", "That", "These", "Those", "A", "An", "It", "Its", "Our", "Their", "His", "Her",
    "We", "They", "In", "On", "At", "For", "But", "And", "If", "When", "While", "What", "Who",
];

/// "Jane Doe is a …": a personal name followed by a bio verb, in a line
/// without the quotes, attribution or dates of a story sentence. A beat
/// ("writes about", "covers", "teaches") is a bio by itself; "is a …" or
/// "has served …" needs a role or affiliation word as well.
fn is_name_bio(p: &Patterns, text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    if NOT_NAMES.contains(&first) || p.story.is_match(text) {
        return false;
    }
    p.bio
        .captures(text)
        .is_some_and(|c| c.name("beat").is_some() || p.bio_role.is_match(text))
}

/// Classify one line as boilerplate, if it is.
fn classify(text: &str) -> Option<Boiler> {
    let p = patterns();
    let text = core(text);
    let words = word_count_upto(text, 120);
    if text.is_empty() || words > 120 {
        return None;
    }
    if p.strong.is_match(text)
        || (words <= 30 && p.publication.is_match(text))
        || (words <= 14 && (p.debris.is_match(text) || p.social.is_match(text)))
    {
        return Some(Boiler::Plain);
    }
    if is_name_bio(p, text) || p.bio_phrase.is_match(text) {
        return Some(Boiler::Bio);
    }
    None
}

/// Index (into `lines`) of the first line of trailing matter, or
/// `lines.len()` when there is none. Lines before `floor` are never trailer,
/// so the head of the article and at least one body line survive.
pub(crate) fn trailer_start(source: &str, lines: &[Line], floor: usize) -> usize {
    let mut start = lines.len();
    while start > floor {
        let i = start - 1;
        let from_end = lines.len() - 1 - i;
        let text = lines[i].text(source);
        match classify(text) {
            Some(Boiler::Plain) => start = i,
            Some(Boiler::Bio) if from_end < BIO_WINDOW => start = i,
            _ => {
                // A bio continued on its own line: "She previously …".
                let continues_bio = i > floor
                    && from_end < BIO_WINDOW
                    && word_count_upto(text, 80) <= 80
                    && patterns().pronoun.is_match(core(text))
                    && !patterns().story.is_match(text)
                    && classify(lines[i - 1].text(source)) == Some(Boiler::Bio);
                if !continues_bio {
                    break;
                }
                start = i - 1;
            }
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn start(src: &str) -> usize {
        trailer_start(src, &split_lines(src), 1)
    }

    #[test]
    fn classifies_boilerplate() {
        for line in [
            "The opinions expressed here are the author’s own.",
            "Views and opinions expressed are those of the contributor.",
            "This piece first appeared in The Conversation.",
            "Originally published on Substack.",
            "Republished with permission from Example Times.",
            "The post Why Rates Fell appeared first on Example Daily.",
            "_This commentary does not represent the editorial position of the paper._",
            "Tags: economy, rates, banks",
            "3 Comments",
            "Share this:",
            "Facebook Twitter WhatsApp Email",
            "© 2025 Example Media. All rights reserved.",
            "Follow us on Telegram",
            "Reporting by Ann Lee; Editing by Bo Park",
            "Example Review is a project of the Open Desk Foundation.",
        ] {
            assert_eq!(classify(line), Some(Boiler::Plain), "{line}");
        }
        for line in [
            "Jane Doe is the former editor of X and a fellow at Y.",
            "Dr. Omar al Farouk is a senior lecturer at Example University.",
            "Maria Lopez, a historian, has written three books on the region.",
            "The author is a journalist based in Nairobi.",
        ] {
            assert_eq!(classify(line), Some(Boiler::Bio), "{line}");
        }
        for line in [
            "Russia won’t be the last.",
            "The real question is what we will do next, and who will pay for it.",
            "Lawmakers will vote next week on the published budget.",
            "Share prices fell sharply after the announcement on Monday, dragging the index lower.",
            "Moscow is a city of contradictions.",
            "The report was published by the UN on Monday, officials said.",
            "The newspaper republished the cartoons.",
            "The analysis is clear: rates must fall.",
            "This does not necessarily mean defeat.",
            "Vladimir Putin is the one to blame.",
            "The United States is a member of the council.",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn bios_are_told_from_closing_story_sentences() {
        for line in [
            "Jane Roe is a senior fellow at the Example Institute and the author of two books.",
            "Jane Roe writes about energy policy for the Example Review.",
            "Jane Roe covers courts for the Example Post.",
            "Jane Roe reports on migration from Example City.",
            "Jane Roe teaches history at Example University.",
            "Jane Roe works at the Example Centre as a researcher.",
            "Jane Roe has written widely on trade and is a contributing editor.",
            "Jane Roe is also a columnist for the Example Times.",
        ] {
            assert_eq!(classify(line), Some(Boiler::Bio), "{line}");
        }
        for line in [
            "John Doe has been on the run since the January 1998 bombing, and police say he may be hiding in the mountains.",
            "John Doe has been a suspect since the bombing, police said.",
            "John Doe was the former director’s deputy when he fled on Tuesday.",
            "John Doe is the author of the plan, according to officials.",
            "John Doe was a member of the cell, “and he knew it,” a lawyer told reporters.",
            "John Doe has been on the board of the university for years.",
            "John Doe was arrested at the institute in March 2003.",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
        // A story sentence after a bio does not continue it.
        let src = "Title\nBody one.\nJane Roe is a reporter at the Example Post.\nShe said on Monday she would appeal.\n";
        assert_eq!(start(src), 4);
    }

    #[test]
    fn run_stops_at_prose_and_respects_floor() {
        let src = "Title\nBody one.\nJane Doe is a reporter at the Example Post.\nShe previously covered courts.\n\nTags: courts\n";
        assert_eq!(start(src), 2);
        // A bio followed by prose is prose.
        let src = "Title\nJane Doe is a reporter at the Example Post.\nThe end of the story.\n";
        assert_eq!(start(src), 3);
        // Everything after the floor may be trailer, nothing before it.
        let src = "0 Comments\n3 Comments\n";
        assert_eq!(start(src), 1);
        assert_eq!(trailer_start(src, &split_lines(src), 0), 0);
    }

    #[test]
    fn bio_only_near_the_end() {
        let mut src = String::from("Intro.\nJane Doe is a reporter at the Example Post.\n");
        for _ in 0..BIO_WINDOW {
            src.push_str("Share this:\n");
        }
        assert_eq!(start(&src), 2);
    }
}
