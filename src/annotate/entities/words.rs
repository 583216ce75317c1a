//! Word classes the entity rules consult: closed classes of English (titles, head nouns,
//! saying verbs, function words), never names. Everything is lowercase, without periods.

/// Titles and ranks that put a person's name right after them ("President", "Dr.").
pub const TITLES: &[&str] = &[
    "president", "minister", "governor", "executive", "director", "secretary", "ambassador",
    "senator", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson",
    "leader", "mayor", "judge", "justice", "king", "queen", "prince", "princess", "emir",
    "sheikh", "commander", "adviser", "advisor", "chancellor", "premier", "envoy", "general",
    "dr", "mr", "mrs", "ms", "sir", "dame", "lord", "pope", "mp", "colonel", "captain",
    "lieutenant", "sergeant", "marshal", "admiral", "professor", "prof", "rev", "reverend",
    "imam", "mullah", "ayatollah", "cardinal", "bishop", "gen", "col", "lt", "sen", "rep",
    "gov", "capt", "sgt", "officer", "chief", "president-elect", "speaker", "congressman",
    "congresswoman", "representative",
];

/// Words that qualify a title ("Foreign Minister", "former Vice President").
pub const TITLE_MODIFIERS: &[&str] = &[
    "vice", "deputy", "prime", "foreign", "interior", "defence", "defense", "finance",
    "acting", "former", "chief", "supreme", "national", "security", "state", "first", "grand",
    "high", "attorney", "special", "senior", "assistant", "executive", "general", "of", "the",
    "economy", "justice", "health", "education", "trade",
];

/// Head nouns that end an organisation's name ("Security Council", "Supreme Court").
pub const ORG_HEADS: &[&str] = &[
    "council", "ministry", "network", "organisation", "organization", "party", "front",
    "agency", "university", "court", "department", "commission", "committee", "bank", "fund",
    "institute", "institution", "foundation", "association", "corporation", "company",
    "group", "alliance", "union", "movement", "army", "forces", "police", "assembly",
    "parliament", "senate", "congress", "office", "bureau", "service", "times", "post", "news",
    "journal", "herald", "tribune", "press", "radio", "television", "watch", "federation",
    "league", "club", "society", "center", "centre", "programme", "program", "school",
    "college", "academy", "church", "mission", "coalition", "board", "authority",
    "administration", "cabinet", "brigade", "corps", "guard", "media", "channel", "gazette",
    "magazine", "cooperation", "inc", "ltd", "llc", "corp", "co",
];

/// Head nouns that end a place's name ("Kabul Province", "Panjshir Valley").
pub const PLACE_HEADS: &[&str] = &[
    "city", "province", "district", "valley", "river", "mountains", "mountain", "sea", "gulf",
    "strait", "island", "islands", "basin", "lake", "ocean", "county", "region", "peninsula",
    "desert", "street", "square", "airport", "border", "pass", "republics", "kingdom",
    "emirates", "territory", "territories", "village", "town", "coast", "bay", "hills",
];

/// Words before a name that make it a place ("in Doha", "at Bagram").
pub const PLACE_PREPS: &[&str] = &[
    "in", "at", "from", "into", "across", "near", "throughout", "towards", "toward", "via",
    "inside", "outside", "around", "visited", "visiting", "within", "onto",
];

/// Verbs that, right after a name, make it a speaker and a person ("Muttaqi characterized").
pub const SAYING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "warned", "warns", "warning",
    "characterized", "characterised", "characterizes", "characterises", "described",
    "describes", "called", "calls", "stated", "states", "declared", "declares", "noted",
    "notes", "argued", "argues", "claimed", "claims", "insisted", "insists", "explained",
    "wrote", "writes", "asked", "announced", "urged", "urges", "stressed", "emphasized",
    "emphasised", "suggested", "suggests", "condemned", "criticized", "criticised",
    "praised", "termed", "referred", "replied", "responded", "commented", "remarked",
    "tweeted", "acknowledged", "admitted", "denied", "confirmed", "expressed", "articulated",
    "believes", "believed", "hopes", "hoped", "cautioned", "cautioning", "hailed", "hailing",
    "dubbed", "branded", "labelled", "labeled", "predicted", "vowed", "pledged", "promised",
    "recalled", "conceded", "told", "speaking", "saying", "stating", "adding", "arguing",
];

/// Words that may sit between a name and its saying verb ("Putin has previously referred").
pub const AUXILIARIES: &[&str] = &[
    "has", "had", "have", "was", "is", "also", "then", "once", "later", "later", "again",
    "had", "would", "will", "once",
];

/// Nouns that, in an appositive after a name, make it a person ("Koofi, a former politician").
pub const PERSON_NOUNS: &[&str] = &[
    "politician", "leader", "adviser", "advisor", "minister", "president", "spokesman",
    "spokeswoman", "spokesperson", "official", "activist", "journalist", "refugee", "diplomat",
    "commander", "general", "author", "writer", "analyst", "professor", "scholar", "lawyer",
    "ally", "member", "founder", "chief", "head", "envoy", "ambassador", "negotiator",
    "student", "girl", "woman", "man", "boy", "father", "mother", "son", "daughter", "wife",
    "husband", "director", "researcher", "expert", "economist", "historian", "governor",
    "senator", "mayor", "judge", "officer", "soldier", "fighter", "militant", "cleric",
    "scientist", "doctor", "executive", "chairman", "candidate", "lawmaker", "legislator",
    "mp", "secretary", "deputy", "aide", "colleague", "friend", "resident", "citizen",
    "survivor", "victim", "poet", "artist", "singer", "actor", "player", "coach", "teacher",
    "warlord", "dissident", "campaigner", "reporter", "editor", "correspondent", "prisoner",
];

/// Function words, pronouns and sentence openers: capitalised only because a sentence starts.
pub const STOP: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "as", "when", "since", "while", "although", "though",
    "however", "yet", "but", "and", "or", "so", "some", "many", "other", "others", "those",
    "these", "this", "that", "there", "here", "who", "what", "why", "how", "where", "which",
    "our", "their", "his", "her", "its", "it", "they", "we", "i", "he", "she", "you", "my",
    "your", "if", "for", "from", "by", "with", "after", "before", "during", "despite", "under",
    "over", "all", "each", "every", "both", "no", "not", "neither", "nor", "one", "only",
    "even", "also", "still", "then", "now", "today", "meanwhile", "moreover", "furthermore",
    "instead", "indeed", "thus", "therefore", "hence", "perhaps", "already", "again", "once",
    "among", "amid", "until", "unless", "because", "whether", "let", "just", "most", "more",
    "few", "several", "such", "any", "nothing", "none", "everyone", "nobody", "according",
    "following", "regardless", "take", "to", "of", "do", "does", "did", "is", "are", "was",
    "were", "will", "would", "can", "could", "should", "may", "might", "must", "be", "have",
    "has", "had", "than", "rather", "like", "unlike", "about", "against", "between", "through",
    "without", "within", "toward", "towards", "upon", "onto", "off", "out", "up", "down",
    "yes", "well", "oh", "dear", "hello", "please", "thanks", "thank", "mr", "mrs", "ms",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "last", "next", "earlier", "later", "early", "late",
    "whatever", "whoever", "whenever", "wherever", "either", "much", "very", "too", "often",
];

/// Capitalised common nouns and adjectives that never make a person's name by themselves.
pub const NOT_NAME: &[&str] = &[
    "international", "national", "peace", "prize", "award", "day", "war", "state", "states",
    "republic", "empire", "emirate", "united", "central", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "new", "great", "human", "rights", "forum",
    "summit", "conference", "treaty", "agreement", "accord", "act", "law", "global", "world",
    "cup", "games", "base", "station", "women", "men", "children", "people", "youth", "god",
    "islam", "quran", "sharia", "shariat", "internet", "middle", "far", "near", "upper",
    "lower", "greater", "old", "holy", "royal", "federal", "democratic", "general", "civil",
    "political", "participation", "year", "years", "century", "era", "age", "government",
    "regime", "opposition", "resistance", "revolution", "constitution", "declaration",
    "air", "force", "saint", "st", "fort", "port", "mount", "lake", "cape", "san", "santa",
    "los", "las", "el", "la", "le", "de", "al", "jihad", "mujahideen", "taliban", "muslim",
    "muslims", "christians", "jews", "hindus", "buddhists",
];

/// Nationality and group adjectives that end in no tell-tale suffix ("Afghan", "Arab").
pub const DEMONYMS: &[&str] = &[
    "afghan", "afghans", "pashtun", "pashtuns", "tajik", "tajiks", "uzbek", "uzbeks", "arab",
    "arabs", "kurd", "kurds", "turk", "turks", "thai", "french", "dutch", "swiss", "greek",
    "czech", "welsh", "scots", "shia", "sunni", "sikh", "jewish", "european", "asian",
    "african", "saudi", "iraqi", "israeli", "kuwaiti", "qatari", "yemeni", "omani", "bahraini",
    "emirati", "hazara", "baloch", "punjabi", "bengali", "nepali", "somali", "pakistani",
];

/// Lowercase particles inside names ("Osama bin Laden", "Zia ul-Haq", "Abd al-Rahman").
pub const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "bint", "ul", "ud", "ur", "de", "da", "van", "von", "der", "den", "la",
    "le", "el", "di", "du", "dos",
];

/// Whether `word` (lowercase) is in `list`.
pub fn is(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Adjectives of nationality, religion and region ("Islamic", "Russian", "Chinese",
/// "Northern"), recognised by their suffix or the short list above.
pub fn is_adjective(word: &str) -> bool {
    let long = word.chars().count() > 4;
    is(DEMONYMS, word)
        || (long
            && ["ic", "ian", "ean", "ese", "ish", "ern", "ians", "ists"]
                .iter()
                .any(|s| word.ends_with(s)))
}
