//! The gazetteer: names of countries, capitals, major cities, provinces, world regions,
//! international organisations, demonyms and languages, generated from open data packages by
//! `tools/gazetteer.py` into `data/gazetteer/gazetteer.tsv` (licence and attribution beside it).
//!
//! It types names the text already shows to be names ("Mosul" is a place, "Syrian" a demonym);
//! it never finds a name by itself, so a city called "Reading" costs nothing in "Reading it…".

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The data file, embedded in the binary.
const DATA: &str = include_str!("../../../data/gazetteer/gazetteer.tsv");

/// What the gazetteer knows a name to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeoKind {
    /// A sovereign state or territory ("Syria", "United Kingdom", "UAE").
    Country,
    /// A country's capital ("Baghdad").
    Capital,
    /// A city of 150,000 people or more ("Mosul", "Raqqa").
    City,
    /// A first-level province or a US state ("Anbar", "Texas").
    Province,
    /// A continent or world region ("Western Asia").
    Region,
    /// An international organisation ("European Union").
    Organisation,
    /// A people or nationality adjective ("Syrian", "British").
    Demonym,
    /// A language ("Arabic", "Kurdish").
    Language,
}

impl GeoKind {
    /// True for kinds that name a place.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            GeoKind::Country
                | GeoKind::Capital
                | GeoKind::City
                | GeoKind::Province
                | GeoKind::Region
        )
    }
}

/// One name the gazetteer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GeoEntry {
    /// What it is.
    pub kind: GeoKind,
    /// The country it is in or of (its own name for a country); empty when none.
    pub country: &'static str,
    /// The name as the data writes it.
    pub name: &'static str,
}

/// A name's key as the tokens write theirs: lowercase, periods removed, `'` for `’` ("U.S."
/// and "US" share "us").
fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '.' => {}
            '’' => key.push('\''),
            c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Name key ([`name_key`]) → entry; parsed once per process.
fn table() -> &'static FxHashMap<String, GeoEntry> {
    static TABLE: OnceLock<FxHashMap<String, GeoEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = FxHashMap::with_capacity_and_hasher(20_000, Default::default());
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(kind), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match kind {
                "country" => GeoKind::Country,
                "capital" => GeoKind::Capital,
                "city" => GeoKind::City,
                "province" | "state" => GeoKind::Province,
                "region" => GeoKind::Region,
                "org" => GeoKind::Organisation,
                "demonym" => GeoKind::Demonym,
                "language" => GeoKind::Language,
                _ => continue,
            };
            let country = cols.next().unwrap_or("");
            map.insert(
                super::key(name),
                GeoEntry {
                    kind,
                    country,
                    name,
                },
            );
        }
        map
    })
}

/// The entry for a name as written (any case, either apostrophe); acronyms only in capitals,
/// so "us" and "Us" are not the United States.
pub fn lookup(name: &str) -> Option<GeoEntry> {
    lookup_key(&name_key(name), name)
}

/// [`lookup`] by a token's key (lowercase, no periods), with the word as written for the
/// acronym test: no allocation, for the many single words the rules ask about.
pub fn lookup_key(key: &str, written: &str) -> Option<GeoEntry> {
    let entry = *table().get(key)?;
    let upper = |s: &str| {
        let mut letters = s.chars().filter(|c| c.is_alphabetic());
        letters.clone().count() > 1 && letters.all(char::is_uppercase)
    };
    if upper(entry.name) && !upper(written) {
        return None;
    }
    Some(entry)
}

/// The country a demonym belongs to, also in the plural ("Syrians" → Syria).
pub fn demonym_country(word: &str) -> Option<&'static str> {
    demonym_country_key(&name_key(word))
}

/// [`demonym_country`] by a token's key.
pub fn demonym_country_key(key: &str) -> Option<&'static str> {
    let hit = |k: &str| table().get(k).filter(|e| e.kind == GeoKind::Demonym);
    hit(key)
        .or_else(|| key.strip_suffix('s').and_then(hit))
        .map(|e| e.country)
}

/// [`is_nationality`] by a token's key.
pub fn is_nationality_key(key: &str) -> bool {
    demonym_country_key(key).is_some()
        || table()
            .get(key)
            .is_some_and(|e| e.kind == GeoKind::Language)
}

/// The demonym of a country, by the country's name ("Pakistan" → "Pakistani").
pub fn demonym_of(country: &str) -> Option<&'static str> {
    static BY_COUNTRY: OnceLock<FxHashMap<String, &'static str>> = OnceLock::new();
    let map = BY_COUNTRY.get_or_init(|| {
        table()
            .values()
            .filter(|e| e.kind == GeoKind::Demonym)
            .map(|e| (name_key(e.country), e.name))
            .collect()
    });
    let country = lookup(country)
        .filter(|e| e.kind == GeoKind::Country)?
        .country;
    map.get(&name_key(country)).copied()
}

/// Whether `word` is a demonym or a language, which name no person, organisation or place.
pub fn is_nationality(word: &str) -> bool {
    demonym_country(word).is_some() || lookup(word).is_some_and(|e| e.kind == GeoKind::Language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_countries_cities_and_demonyms() {
        assert_eq!(lookup("Syria").map(|e| e.kind), Some(GeoKind::Country));
        assert_eq!(lookup("Baghdad").map(|e| e.kind), Some(GeoKind::Capital));
        assert_eq!(lookup("Mosul").map(|e| e.country), Some("Iraq"));
        assert_eq!(lookup("U.S.").map(|e| e.country), Some("United States"));
        assert_eq!(
            lookup("European Union").map(|e| e.kind),
            Some(GeoKind::Organisation)
        );
        assert_eq!(demonym_country("Syrians"), Some("Syria"));
        assert!(is_nationality("Arabic") && is_nationality("British"));
        assert_eq!(demonym_of("Pakistan"), Some("Pakistani"));
        assert_eq!(demonym_of("Lahore"), None);
    }

    #[test]
    fn acronyms_only_in_capitals_and_common_words_are_absent() {
        assert!(lookup("us").is_none() && lookup("Us").is_none());
        assert!(lookup("UK").is_some());
        assert!(lookup("the").is_none() && lookup("strikes").is_none());
    }
}
