//! Unit tests for the whole actor-matching pipeline (all stages together),
//! on sentences written for these tests rather than taken from the seeds.

use super::*;

fn spec(id: &str, name: &str, aliases: &[&str], metonyms: &[&str], exclude: &[&str]) -> ActorSpec {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    ActorSpec {
        id: id.into(),
        name: name.into(),
        aliases: v(aliases),
        metonyms: v(metonyms),
        exclude: v(exclude),
    }
}

fn specs() -> Vec<ActorSpec> {
    vec![
        spec(
            "russia",
            "Russia",
            &["Russian", "Russian Federation", "Kremlin"],
            &["Moscow"],
            &[],
        ),
        spec(
            "taliban",
            "Taliban",
            &["Islamic Emirate of Afghanistan", "Islamic Emirate"],
            &["Kabul"],
            &[
                "Islamic Republic of Afghanistan",
                "Pakistani Taliban",
                "Tehrik-e-Taliban-e-Pakistan",
            ],
        ),
        spec(
            "is-k",
            "Islamic State Khorasan",
            &["IS-K", "ISIS-K", "Islamic State-Khorasan"],
            &[],
            &[],
        ),
        spec(
            "haqqani",
            "Haqqani Network",
            &["Haqqani", "Haqqanis"],
            &[],
            &[],
        ),
        spec(
            "ttp",
            "Tehrik-e-Taliban Pakistan",
            &["TTP", "Pakistani Taliban"],
            &[],
            &[],
        ),
        spec("us", "United States", &["US", "U.S."], &["Washington"], &[]),
        spec(
            "un",
            "United Nations",
            &["UN", "UN Security Council"],
            &[],
            &[],
        ),
    ]
}

/// (mention text, actor id) for every hit, in order.
fn hits(text: &str) -> Vec<(String, String)> {
    let s = specs();
    let m = ActorMatcher::new(&s).unwrap();
    let found = m.find(text);
    for w in found.windows(2) {
        assert!(w[0].end <= w[1].start, "overlap or unsorted: {found:?}");
    }
    found
        .iter()
        .map(|h| (text[h.start..h.end].to_string(), s[h.actor].id.clone()))
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    hits(text).into_iter().map(|(_, id)| id).collect()
}

#[test]
fn matcher_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ActorMatcher>();
}

#[test]
fn case_possessives_and_boundaries() {
    let h = hits("The taliban’s envoy met TALIBAN-led and anti-Taliban Haqqanis’ men.");
    let texts: Vec<&str> = h.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["taliban", "TALIBAN", "Taliban", "Haqqanis"]);
    assert!(ids("Russians and Iranians went to UNICEF.").is_empty());
    assert_eq!(hits("Russia's and Russia’s")[1].0, "Russia");
}

#[test]
fn acronyms_are_case_sensitive() {
    assert!(ids("Let us meet the un-elected.").is_empty());
    assert_eq!(ids("The US and the UN met; U.S. too."), ["us", "un", "us"]);
    assert_eq!(hits("IS‑K’s attack and ISIS-K")[0].0, "IS‑K");
    assert_eq!(ids("is-k"), Vec::<String>::new());
}

#[test]
fn rejected_longest_falls_back_to_prefix() {
    // "UN Security Council" wins the automaton but fails the case check on
    // "un"; nothing shorter is valid. With correct case the long form wins.
    assert_eq!(
        hits("The UN Security Council met.")[0].0,
        "UN Security Council"
    );
    assert_eq!(
        hits("The UN security council met.")[0].0,
        "UN security council"
    );
    // "Russian" ends inside "Russians"; its prefix "Russia" would too.
    assert!(ids("Russians").is_empty());
    // A case-sensitive long form rejected, its shorter prefix accepted.
    let s = [
        spec("x", "Foo", &[], &[], &[]),
        spec("y", "FOO BAR", &[], &[], &[]),
    ];
    let m = ActorMatcher::new(&s).unwrap();
    assert_eq!(
        m.find("a Foo bar"),
        [ActorHit {
            start: 2,
            end: 5,
            actor: 0
        }]
    );
    assert_eq!(
        m.find("a FOO BAR"),
        [ActorHit {
            start: 2,
            end: 9,
            actor: 1
        }]
    );
    // Longest is "Haqqanis" which ends inside "Haqqanisx": fall back fails too.
    assert!(ids("Haqqanisx").is_empty());
}

#[test]
fn excludes_swallow_and_other_actors_win() {
    assert!(ids("the Islamic Republic of Afghanistan fell").is_empty());
    assert_eq!(
        hits("attacks by the Pakistani Taliban (TTP)")[0],
        ("Pakistani Taliban".into(), "ttp".into())
    );
    assert!(ids("Tehrik‑e‑Taliban‑e‑Pakistan").is_empty());
    assert_eq!(ids("the Islamic Emirate of Afghanistan"), ["taliban"]);
}

#[test]
fn offsets_survive_multibyte_and_spaces() {
    let text = "İstanbul — “Islamic\u{A0}\n Emirate” and Russia’s";
    let h = hits(text);
    assert_eq!(h[0], ("Islamic\u{A0}\n Emirate".into(), "taliban".into()));
    assert_eq!(h[1].0, "Russia");
}

#[test]
fn metonym_as_state() {
    for s in [
        "Moscow accepted the credentials.",
        "Moscow kept its embassy open.",
        "Moscow’s move surprised many.",
        "It was hailed as bold by Kabul.",
        "Ties between Moscow and Kabul grew.",
        "By and large, Moscow-Kabul’s romance is cold.",
        "In Moscow’s view, nothing changed.",
        "A war with Moscow followed; pro-Moscow voices cheered.",
        "Washington imposed sanctions.",
        "Moscow raised concerns and Moscow based its case on law.",
        "Moscow’s embassy stayed open; Moscow’s time has come.",
        "Relations with Kabul improved after Moscow, Beijing and Tehran met.",
    ] {
        let cities = ["Moscow", "Kabul", "Washington"];
        let want = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| cities.contains(w))
            .count();
        let h = hits(s);
        let got = h
            .iter()
            .filter(|(t, _)| cities.contains(&t.as_str()))
            .count();
        assert_eq!(
            got, want,
            "expected every city as the state in {s:?}: {h:?}"
        );
    }
    assert_eq!(
        ids("Ties between Moscow and Kabul grew."),
        ["russia", "taliban"]
    );
}

#[test]
fn metonym_as_place() {
    for s in [
        "A concert in Moscow drew crowds.",
        "The embassy in Kabul closed.",
        "He flew to Moscow and then from Kabul to Doha.",
        "Offices at, near, outside and around Kabul shut.",
        "The Moscow Metro and Kabul airport were busy.",
        "A Moscow-based firm and a Kabul-born poet.",
        "After the fall of Kabul, the streets of Kabul emptied.",
        "The Taliban seized Kabul; residents fled Kabul.",
        "Embassies in Moscow and Kabul stayed open.",
        "Kabul, the Afghan capital, is cold; so is the capital, Kabul.",
        "Moscow’s streets and Moscow’s mayor.",
        "Traffic in central Moscow and downtown Kabul.",
        "He read the Washington Post about George Washington.",
        "Staff at the Kabul embassy and the Moscow office left.",
        "Rebels took Kabul and entered Moscow.",
    ] {
        let h = hits(s);
        assert!(
            !h.iter()
                .any(|(t, _)| ["Moscow", "Kabul", "Washington"].contains(&t.as_str())),
            "expected place reading in {s:?}: {h:?}"
        );
    }
}

#[test]
fn headline_capitals_do_not_block_metonyms() {
    assert_eq!(
        ids("Taliban Hail Moscow Decision as Historic"),
        ["taliban", "russia"]
    );
}

#[test]
fn config_errors() {
    let dup = [
        spec("a", "Alpha", &["Shared"], &[], &[]),
        spec("b", "Beta", &["shared"], &[], &[]),
    ];
    let err = ActorMatcher::new(&dup).err().unwrap();
    assert!(
        err.contains("`a`") && err.contains("`b`") && err.contains("shared"),
        "{err}"
    );
    let empty = [spec("a", "Alpha", &["  "], &[], &[])];
    assert!(ActorMatcher::new(&empty).err().unwrap().contains("`a`"));
    let self_excl = [spec("a", "Alpha", &["Beta"], &[], &["beta"])];
    assert!(ActorMatcher::new(&self_excl).is_err());
    // Name repeated as alias is fine, and so is excluding another's alias.
    let ok = [
        spec("a", "Alpha", &["Alpha"], &[], &["Beta Gamma"]),
        spec("b", "Beta", &["Beta Gamma"], &[], &[]),
    ];
    assert!(ActorMatcher::new(&ok).is_ok());
}

#[test]
fn a_name_that_holds_a_capital_is_not_the_state() {
    // "the Paris Agreement"-style names: the capital heads a longer proper name.
    assert!(hits("Both sides cited the Moscow Declaration and the Kabul Accord.").is_empty());
    assert_eq!(
        hits("Moscow signed the declaration."),
        [("Moscow".into(), "russia".into())]
    );
}

#[test]
fn a_copular_description_of_the_city_is_the_city() {
    assert!(
        hits("Moscow has become one of the largest cities of its region and a busy city.")
            .is_empty()
    );
    assert!(hits("Kabul is a city of five million people.").is_empty());
    assert_eq!(
        hits("Kabul is ready to talk."),
        [("Kabul".into(), "taliban".into())]
    );
}

#[test]
fn a_nationality_spelt_as_the_country_keeps_its_alias_and_exclusion() {
    // Configured as "Pakistani Taliban": "Pakistan Taliban" is the TTP too, never the Taliban.
    assert_eq!(
        hits("The Pakistan Taliban and the Pakistani Taliban attacked."),
        [
            ("Pakistan Taliban".into(), "ttp".into()),
            ("Pakistani Taliban".into(), "ttp".into())
        ]
    );
}
