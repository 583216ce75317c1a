//! Word classes for the newer cues (group nouns, place and operation words, verbs after a
//! state, times and vessels): closed classes of English, never names. Each owns a bit of the
//! table in [`super::words`]; everything is lowercase.

use super::words::Words;

/// First words of a place's name ("Camp Hurriya", "Fort Campbell", "Lake Tharthar").
pub const PLACE_FIRSTS: Words = Words::new(
    13,
    &[
        "camp", "fort", "mount", "lake", "port", "cape", "point", "isla", "wadi", "jebel", "jabal",
    ],
);

/// Group nouns that, after a demonym, name an organised body ("Iraqi security forces", "the
/// Syrian opposition", "Kurdish fighters"), and after a country's name make it act as one
/// ("U.S. forces").
pub const GROUP_NOUNS: Words = Words::new(
    12,
    &[
        "forces",
        "force",
        "troops",
        "military",
        "army",
        "navy",
        "government",
        "authorities",
        "officials",
        "police",
        "opposition",
        "regime",
        "partners",
        "people",
        "fighters",
        "militants",
        "rebels",
        "militias",
        "militia",
        "soldiers",
        "units",
        "unit",
        "personnel",
        "delegation",
        "embassy",
        "ministry",
        "leadership",
        "administration",
        "coalition",
        "parliament",
        "diplomats",
        "negotiators",
        "team",
        "contingent",
        "members",
        "groups",
        "group",
        "terrorists",
        "insurgents",
        "commanders",
        "leaders",
    ],
);

/// Last words of names of times, not of entities ("Thanksgiving Day", "Greenwich Mean Time").
pub const TEMPORAL_HEADS: Words = Words::new(
    14,
    &[
        "day", "days", "time", "eve", "week", "night", "morning", "festival", "holiday",
    ],
);

/// Prefixes of ships' names ("USS", "HMS"): a vessel is no person, organisation or place.
pub const VESSEL_PREFIXES: Words = Words::new(
    15,
    &[
        "uss", "usns", "hms", "hmas", "hmcs", "hmnzs", "ins", "fs", "rfs", "mv", "ss", "rv", "tcg",
        "its", "sns", "hnlms", "kri", "pns",
    ],
);

/// First words of military operations and exercises ("Operation Inherent Resolve"): names,
/// but of events, never places or people.
pub const OPERATION_FIRSTS: Words = Words::new(16, &["operation", "exercise", "exercises"]);

/// Compass words before a place's name ("East Mosul", "Northern Syria").
pub const COMPASS: Words = Words::new(
    17,
    &[
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "central",
        "upper",
        "lower",
        "greater",
    ],
);

/// Nouns for an area that "of" joins to its name ("the town of Tel Tamer", "the outskirts
/// of Raqqa").
pub const PLACE_NOUNS: Words = Words::new(
    18,
    &[
        "city",
        "town",
        "village",
        "province",
        "district",
        "region",
        "vicinity",
        "outskirts",
        "heart",
        "centre",
        "center",
        "suburbs",
        "capital",
        "governorate",
        "port",
        "area",
        "neighborhood",
        "neighbourhood",
        "streets",
        "north",
        "south",
        "east",
        "west",
        "island",
        "county",
        "state",
        "republic",
        "kingdom",
        "municipality",
    ],
);

/// Auxiliaries, modals and verbs of action after a state's name that make it an actor
/// ("the United States will", "Turkey has", "Iraq continues").
pub const AGENT_VERBS: Words = Words::new(
    19,
    &[
        "will",
        "would",
        "has",
        "have",
        "had",
        "is",
        "was",
        "must",
        "should",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "continues",
        "continued",
        "supports",
        "supported",
        "remains",
        "stands",
        "welcomes",
        "welcomed",
        "condemns",
        "condemned",
        "calls",
        "urges",
        "urged",
        "provides",
        "provided",
        "pledged",
        "pledges",
        "commends",
        "thanks",
        "joined",
        "joins",
        "agreed",
        "agrees",
        "signed",
        "signs",
        "announced",
        "announces",
        "recognizes",
        "recognises",
        "recognized",
        "recognised",
        "rejects",
        "rejected",
        "wants",
        "seeks",
        "sought",
        "plans",
        "intends",
        "hopes",
        "believes",
        "looks",
        "encourages",
        // Irregular past forms, which no "-ed" test finds.
        "met",
        "went",
        "came",
        "took",
        "gave",
        "made",
        "saw",
        "began",
        "led",
        "left",
        "held",
        "kept",
        "sent",
        "won",
        "lost",
        "fought",
        "brought",
        "built",
        "struck",
        "ran",
        "fell",
        "rose",
        "spoke",
        "became",
        "found",
        "stood",
        "paid",
        "put",
        "hit",
        "thought",
        "chose",
        "drove",
        "flew",
        "grew",
        "knew",
        "broke",
        "got",
        "did",
        "does",
        "meets",
        "leads",
        "holds",
        "sends",
        "wins",
        "fights",
        "takes",
        "gives",
        "makes",
        "goes",
        "began",
    ],
);

/// Acronyms of eras and clock times ("575 B.C.", "10 a.m.", "1200 GMT"): no names.
pub const TIME_ACRONYMS: Words = Words::new(
    20,
    &[
        "bc", "ad", "bce", "ce", "am", "pm", "gmt", "utc", "est", "edt", "pst", "cet", "bst",
    ],
);
