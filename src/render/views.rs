//! Render stage, template views: slim, borrowed structs that templates see.
//!
//! Templates get only what they show — titles, links, short excerpts — never whole article
//! bodies on cross-article pages, which keeps rendering cheap at corpus scale (the cost that
//! made Zola's big sites slow). Every field is documented in docs/src/guide/templates.md.

use serde::Serialize;

/// A link with its text.
#[derive(Serialize, Clone, Debug)]
pub struct Link<'a> {
    /// Page-relative address.
    pub href: String,
    /// What the reader sees.
    pub text: &'a str,
}

/// A link whose text is made for the page (not borrowed from the model).
#[derive(Serialize, Clone, Debug)]
pub struct NavLink {
    /// Page-relative address.
    pub href: String,
    /// What the reader sees.
    pub text: String,
}

/// An actor as a small labelled chip with a count.
#[derive(Serialize, Clone, Debug)]
pub struct Chip<'a> {
    /// Address of the actor page.
    pub href: String,
    /// Actor name.
    pub name: &'a str,
    /// Mentions in the context the chip appears in.
    pub count: usize,
}

/// An article's byline data, shared by the home list and the article header.
#[derive(Serialize, Clone, Debug)]
pub struct Byline<'a> {
    /// Address of the article page.
    pub href: String,
    /// Headline.
    pub title: &'a str,
    /// True when the editor wrote the headline.
    pub title_editorial: bool,
    /// Publication.
    pub outlet: Option<&'a str>,
    /// Writer.
    pub author: Option<&'a str>,
    /// Date at its real precision ("July 2025").
    pub published_label: Option<String>,
    /// Machine-readable date for `<time datetime>`.
    pub published_value: Option<String>,
    /// Original's address.
    pub url: Option<&'a str>,
    /// One line from the text.
    pub summary: String,
    /// The actors it mentions, most mentioned first.
    pub actors: Vec<Chip<'a>>,
}

/// One dated mention as listed in an article's side panel.
#[derive(Serialize, Clone, Debug)]
pub struct PanelDate {
    /// Human date.
    pub label: String,
    /// The words in the text.
    pub text: String,
    /// Link to the paragraph.
    pub href: String,
}

/// One keyword-in-context line.
#[derive(Serialize, Clone, Debug)]
pub struct Kwic {
    /// Text before the keyword (may start with an ellipsis).
    pub left: String,
    /// The words as written.
    pub keyword: String,
    /// Text after the keyword.
    pub right: String,
    /// Link to the exact paragraph.
    pub href: String,
}

/// An actor page's mentions within one article.
#[derive(Serialize, Clone, Debug)]
pub struct ArticleMentions<'a> {
    /// The article.
    pub article: Link<'a>,
    /// Surface forms with counts ("Moscow ×3").
    pub forms: Vec<(String, usize)>,
    /// Its mentions as keyword-in-context lines (the first few only, for a busy actor).
    pub lines: Vec<Kwic>,
    /// Mentions in the article not listed as lines.
    pub more: usize,
}

/// One timeline entry.
#[derive(Serialize, Clone, Debug)]
pub struct TimelineItem<'a> {
    /// Anchor id.
    pub id: String,
    /// Human date at its precision.
    pub label: String,
    /// TIMEX3 value.
    pub value: String,
    /// `<time datetime>` value when it is valid HTML (not for decades).
    pub datetime: Option<String>,
    /// The original words.
    pub text: String,
    /// The sentence, escaped, with the words marked.
    pub sentence_html: String,
    /// How a relative date was resolved, when it was.
    pub resolution: Option<String>,
    /// The article it comes from, linked to the paragraph.
    pub article: Link<'a>,
    /// Actors named in the same sentence.
    pub actors: Vec<Chip<'a>>,
}

/// A stretch of a timeline page under one heading: a month of a year's page, or the whole
/// page of a month.
#[derive(Serialize, Clone, Debug)]
pub struct TimelineGroup<'a> {
    /// Anchor id (`m2024-04`), empty for a page's only group.
    pub id: String,
    /// "April 2024", or empty for a page's only group.
    pub label: String,
    /// Its rows in date order.
    pub rows: Vec<super::events::TimelineRow<'a>>,
}

/// A period in the timeline's navigation, with what it holds.
#[derive(Serialize, Clone, Debug)]
pub struct PeriodLink {
    /// Page-relative address of its page.
    pub href: String,
    /// "2024", "April 2024", "Decades and centuries".
    pub label: String,
    /// Dated mentions in the period.
    pub mentions: usize,
    /// Distinct dates (rows) in the period.
    pub dates: usize,
    /// For a year whose months have pages of their own: the months.
    pub months: Vec<PeriodLink>,
    /// True for the page the navigation is on.
    pub current: bool,
}
