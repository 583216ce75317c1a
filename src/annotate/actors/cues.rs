//! Data for stage 3 (metonymy): the word tables behind the place-or-state
//! rule in `metonymy`.
//!
//! Kept apart from the rule so the vocabulary can grow without touching the
//! logic. All entries are folded (lowercase, ASCII apostrophes/hyphens) and
//! are single tokens, since the rule compares one token at a time. The
//! tables are about English news usage in general, not about any article.

/// Prepositions that put the following name in a location.
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "near",
    "outside",
    "across",
    "around",
    "into",
    "within",
    "inside",
    "throughout",
    "toward",
    "towards",
    "via",
    "through",
    "onto",
    "beyond",
    "nearby",
];

/// Adjectives that only ever modify a place, never a state actor.
pub(crate) const PLACE_MODIFIER: &[&str] = &[
    "central", "downtown", "northern", "southern", "eastern", "western", "greater", "suburban",
    "outer", "inner", "capital", "besieged", "torn",
];

/// Verbs whose object is a location (capture, movement, visiting).
pub(crate) const PLACE_VERB: &[&str] = &[
    "seized",
    "seize",
    "seizes",
    "seizing",
    "captured",
    "capture",
    "captures",
    "capturing",
    "took",
    "entered",
    "enter",
    "enters",
    "entering",
    "stormed",
    "storm",
    "overran",
    "overrun",
    "occupied",
    "occupy",
    "liberated",
    "invaded",
    "invade",
    "besiege",
    "bombed",
    "shelled",
    "visited",
    "visit",
    "visits",
    "visiting",
    "toured",
    "reached",
    "reach",
    "left",
    "leave",
    "leaving",
    "fled",
    "flee",
    "fleeing",
    "evacuated",
    "evacuate",
    "flew",
];

/// Nouns X in "X of <city>" that denote the city as a place or population.
pub(crate) const PLACE_OF: &[&str] = &[
    "fall",
    "streets",
    "street",
    "outskirts",
    "suburbs",
    "centre",
    "center",
    "heart",
    "city",
    "capital",
    "mayor",
    "residents",
    "people",
    "citizens",
    "population",
    "inhabitants",
    "skyline",
    "siege",
    "capture",
    "seizure",
    "battle",
    "liberation",
    "occupation",
    "bombing",
    "parts",
    "part",
    "districts",
    "neighborhoods",
    "neighbourhoods",
    "map",
    "governor",
    "skies",
    "north",
    "south",
    "east",
    "west",
    "entrance",
    "gates",
    "ruins",
    "evacuation",
];

/// Nouns that, right after the city (or after its possessive), make it a
/// place: infrastructure, institutions, inhabitants, geography.
pub(crate) const PLACE_NOUN: &[&str] = &[
    "airport",
    "airports",
    "metro",
    "subway",
    "region",
    "oblast",
    "province",
    "university",
    "city",
    "residents",
    "resident",
    "streets",
    "street",
    "suburbs",
    "suburb",
    "outskirts",
    "mayor",
    "hospital",
    "hospitals",
    "zoo",
    "marathon",
    "skyline",
    "river",
    "valley",
    "district",
    "districts",
    "municipality",
    "police",
    "weather",
    "traffic",
    "stadium",
    "square",
    "neighborhood",
    "neighborhoods",
    "neighbourhood",
    "neighbourhoods",
    "centre",
    "center",
    "downtown",
    "population",
    "citizens",
    "inhabitants",
    "theatre",
    "theater",
    "museum",
    "hotel",
    "hotels",
    "schools",
    "school",
    "governor",
    "court",
];

/// Nouns that follow the city only as a compound ("Kabul embassy", "the
/// Moscow office"); after a possessive they belong to the state instead
/// ("Moscow’s embassy in Kabul").
pub(crate) const COMPOUND_NOUN: &[&str] = &[
    "embassy",
    "office",
    "bureau",
    "correspondent",
    "post",
    "times",
    "time",
    "area",
];

/// Words that make a place adjective after a hyphen ("Moscow-based",
/// "Kabul-born"); bare, several are verbs ("Moscow raised concerns").
pub(crate) const HYPHEN_SUFFIX: &[&str] = &[
    "based",
    "born",
    "bound",
    "headquartered",
    "raised",
    "educated",
    "area",
];

/// Capitalised words that can precede a metonym without forming a name (besides month and
/// weekday names, see `is_calendar_word`).
pub(crate) const NOT_NAME: &[&str] = &["i"];
