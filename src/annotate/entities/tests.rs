use super::*;
use crate::model::Evidence;

fn people(text: &str) -> Vec<String> {
    let mut c: Vec<(usize, Candidate)> = find(
        text,
        &tokens::tokens(text),
        &[],
        false,
        &Lexicon::of_text(text),
    )
    .into_iter()
    .map(|c| (0, c))
    .collect();
    resolve(&mut c);
    let mut out: Vec<String> = Vec::new();
    for (_, c) in c {
        if c.kind == Some(EntityKind::Person) && !out.contains(&c.name) {
            out.push(c.name);
        }
    }
    out
}

#[test]
fn titles_split_runs_and_name_a_person() {
    assert_eq!(
        people("Leaders including former Balkh Governor Atta Mohammad Noor travelled."),
        ["Atta Mohammad Noor"]
    );
    assert_eq!(
        people("Dr. Jane Roe, a former adviser, spoke."),
        ["Jane Roe"]
    );
}

#[test]
fn surnames_merge_into_full_names() {
    assert_eq!(
        people("Foreign Minister Amir Khan Muttaqi arrived. Muttaqi characterized it as new."),
        ["Amir Khan Muttaqi"]
    );
}

#[test]
fn places_and_organisations_have_their_cues() {
    let text = "Talks in Doha involved the Supreme Court of Ruritania.";
    let c = find(
        text,
        &tokens::tokens(text),
        &[],
        false,
        &Lexicon::of_text(text),
    );
    let kinds: Vec<_> = c.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert!(kinds.contains(&("Doha", Some(EntityKind::Place))));
    assert!(kinds.contains(&("Supreme Court of Ruritania", Some(EntityKind::Organisation))));
}

#[test]
fn sentence_openers_and_adjectives_are_no_names() {
    assert!(people("Some said so. Analysts suggest that Islamic Shariat rules.").is_empty());
}

/// A text on another topic: the rules are not tuned to the seeds' names.
#[test]
fn rules_generalise_to_another_topic() {
    let text = "Chancellor Olaf Scholz met Prime Minister Giorgia Meloni in Rome on Tuesday. \
                Scholz told reporters the talks were useful. Maria Schmidt, a researcher at \
                the Kiel Institute, said tariffs would hurt exporters. The European Central Bank \
                kept rates unchanged.";
    let found = people(text);
    assert_eq!(found, ["Olaf Scholz", "Giorgia Meloni", "Maria Schmidt"]);
    let c = find(
        text,
        &tokens::tokens(text),
        &[],
        false,
        &Lexicon::of_text(text),
    );
    assert!(c
        .iter()
        .any(|c| c.name == "Rome" && c.kind == Some(EntityKind::Place)));
    assert!(c
        .iter()
        .any(|c| c.name == "Kiel Institute" && c.kind == Some(EntityKind::Organisation)));
}

#[test]
fn quotes_go_to_the_nearest_person_before_the_verb() {
    let text = "Meeting President Ann Lee, Bob Stone told him: “We are all friends.”";
    let cands = find(
        text,
        &tokens::tokens(text),
        &[],
        false,
        &Lexicon::of_text(text),
    );
    let voices: Vec<quotes::Voice> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| quotes::Voice {
            range: c.start..c.end,
            person: c.kind == Some(EntityKind::Person),
            id: i,
        })
        .collect();
    let whole = [std::ops::Range {
        start: 0,
        end: text.len(),
    }];
    let q = quotes::find(text, &tokens::tokens(text), &whole, &voices);
    assert_eq!(q.len(), 1);
    assert_eq!(cands[q[0].speaker].name, "Bob Stone");
    assert_eq!(&text[q[0].range.clone()], "We are all friends");
}

#[test]
fn claimed_ranges_mark_the_words_they_touch() {
    let text = "Alpha Beta Gamma Delta Epsilon";
    let toks = tokens::tokens(text);
    // A long claim that starts early must still mark a word far after a short later one.
    let taken = overlapped(&toks, &[17..22, 0..12]);
    assert_eq!(taken, [true, true, true, true, false]);
    assert_eq!(overlapped(&toks, &[]), [false; 5]);
}

/// Every candidate of `text`, with its class and evidence, after the article pass.
fn article(text: &str) -> Vec<(String, String, Option<EntityKind>, Evidence)> {
    article_in(text, &Lexicon::of_text(text))
}

fn article_in(text: &str, lex: &Lexicon) -> Vec<(String, String, Option<EntityKind>, Evidence)> {
    let paragraphs: Vec<&str> = text.split('\n').collect();
    let toks: Vec<Vec<tokens::Tok>> = paragraphs.iter().map(|p| tokens::tokens(p)).collect();
    let taken: Vec<Vec<bool>> = toks.iter().map(|t| vec![false; t.len()]).collect();
    let mut cands = Vec::new();
    for (b, p) in paragraphs.iter().enumerate() {
        for c in find_in(p, &toks[b], &taken[b], false, lex) {
            cands.push((b, c));
        }
    }
    let views: Vec<BlockView> = (0..paragraphs.len())
        .map(|b| BlockView {
            text: paragraphs[b],
            toks: &toks[b],
            taken: &taken[b],
            headline: false,
        })
        .collect();
    propagate(&views, &mut cands);
    resolve(&mut cands);
    cands
        .into_iter()
        .map(|(b, c)| {
            let span = paragraphs[b][c.start..c.end].to_string();
            (span, c.name, c.kind, c.evidence)
        })
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    article(text).into_iter().map(|c| c.0).collect()
}

fn kind_of(text: &str, span: &str) -> Option<EntityKind> {
    article(text)
        .into_iter()
        .find(|c| c.0 == span)
        .and_then(|c| c.2)
}

#[test]
fn acronyms_are_organisations_and_countries_by_the_gazetteer() {
    let text = "Talks between NATO and the AU went on while UNICEF staff left the UK.";
    let found = article(text);
    let kind = |s: &str| found.iter().find(|c| c.0 == s).map(|c| (c.2, c.3));
    assert_eq!(
        kind("NATO"),
        Some((Some(EntityKind::Organisation), Evidence::Acronym))
    );
    assert_eq!(
        kind("the AU"),
        Some((Some(EntityKind::Organisation), Evidence::Acronym))
    );
    assert_eq!(kind("the UK").map(|k| k.0), Some(Some(EntityKind::Place)));
    // A country by any name is one entity.
    assert_eq!(
        found.iter().find(|c| c.0 == "the UK").unwrap().1,
        "United Kingdom"
    );
}

#[test]
fn acronyms_that_are_no_names() {
    // Plurals, Roman numerals, clock and era acronyms, and one after "a" with no noun after it.
    let text = "Troops found IEDs near Ruritania. They ruled in 1500 AD until 10 PM. \
                They found a UAV, then an IED.";
    let found = spans(text);
    for word in ["IEDs", "AD", "PM", "UAV", "IED"] {
        assert!(
            !found.iter().any(|s| s.contains(word)),
            "{word} in {found:?}"
        );
    }
}

#[test]
fn a_long_form_names_its_acronym_everywhere_in_the_article() {
    let text =
        "The Northern Farmers Cooperative Union (NFCU) met.\nLater the NFCU said prices rose.";
    let found = article(text);
    let nfcu: Vec<_> = found.iter().filter(|c| c.0.ends_with("NFCU")).collect();
    assert_eq!(nfcu.len(), 2);
    assert!(nfcu
        .iter()
        .all(|c| c.1 == "Northern Farmers Cooperative Union"));
}

#[test]
fn a_name_found_with_a_cue_is_found_again_without_one() {
    // "Kolvaro" has a cue once ("in"); the sentence-initial mention has none.
    // With no corpus evidence, only the article's own mention can show it is a name.
    let text = "Farmers gathered in Kolvaro on Monday.\nKolvaro stayed calm.";
    let found = article_in(text, &Lexicon::default());
    let q: Vec<_> = found.iter().filter(|c| c.0 == "Kolvaro").collect();
    assert_eq!(q.len(), 2, "{found:?}");
    assert!(q.iter().all(|c| c.2 == Some(EntityKind::Place)));
    assert_eq!(q[1].3, Evidence::Propagation);
}

#[test]
fn the_corpus_tells_common_openers_from_names() {
    // "Analysts" opens a sentence here and is lowercase elsewhere in the corpus: no name.
    let corpus = Lexicon::from_forms([
        &lexicon::WordForms::of("Several analysts disagreed."),
        &lexicon::WordForms::of("They met Okonkwo there."),
    ]);
    let found = article_in("Analysts met at noon. Okonkwo left early.", &corpus);
    let names: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(names, ["Okonkwo"]);
    assert_eq!(found[0].3, Evidence::Corpus);
}

#[test]
fn titles_are_part_of_the_mention_not_of_the_name() {
    let text = "Finance Minister Ana Lima Duarte spoke. Later Minister Duarte left. \
                Adm. Pedro J. Alves arrived.";
    let found = article(text);
    let ana = found
        .iter()
        .find(|c| c.0 == "Finance Minister Ana Lima Duarte")
        .unwrap();
    assert_eq!(
        (ana.1.as_str(), ana.2),
        ("Ana Lima Duarte", Some(EntityKind::Person))
    );
    assert!(found
        .iter()
        .any(|c| c.0 == "Minister Duarte" && c.1 == "Ana Lima Duarte"));
    assert!(found
        .iter()
        .any(|c| c.0 == "Adm. Pedro J. Alves" && c.1 == "Pedro J. Alves"));
}

#[test]
fn titles_alone_are_no_names() {
    let text = "The Deputy Secretary met the Special Envoy and the Prime Minister.";
    assert!(spans(text).is_empty(), "{:?}", spans(text));
}

#[test]
fn organisation_heads_and_group_nouns_make_organisations() {
    let text = "The Ruritanian Farmers Front joined Kalbar fighters and Chilean security forces.";
    assert_eq!(
        kind_of(text, "The Ruritanian Farmers Front"),
        Some(EntityKind::Organisation)
    );
    assert_eq!(kind_of(text, "Kalbar"), Some(EntityKind::Organisation));
    assert_eq!(
        kind_of(text, "Chilean security forces"),
        Some(EntityKind::Organisation)
    );
}

#[test]
fn places_from_the_gazetteer_and_place_cues() {
    let text =
        "Rain fell on Lagos and the town of Ikorodu, near the Gulf of Guinea and East Lagos.";
    assert_eq!(kind_of(text, "Lagos"), Some(EntityKind::Place));
    assert_eq!(kind_of(text, "Ikorodu"), Some(EntityKind::Place));
    assert_eq!(kind_of(text, "the Gulf of Guinea"), Some(EntityKind::Place));
    assert_eq!(kind_of(text, "East Lagos"), Some(EntityKind::Place));
}

#[test]
fn a_state_that_acts_is_an_organisation() {
    let text = "Aid reached Chile. Chile will send doctors, and Peru said it agreed.";
    let found = article(text);
    let chile: Vec<_> = found
        .iter()
        .filter(|c| c.1 == "Chile")
        .map(|c| c.2)
        .collect();
    assert_eq!(
        chile,
        [Some(EntityKind::Place), Some(EntityKind::Organisation)]
    );
}

#[test]
fn the_article_joins_names_that_take_it_but_not_modifiers() {
    let text = "Leaders of the European Union met, and the Chile conflict eased.";
    let found = spans(text);
    assert!(
        found.contains(&"the European Union".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"Chile".to_string()), "{found:?}");
}

#[test]
fn capitalised_common_words_and_calendar_words_are_no_names() {
    let text = "On Monday, Jan. 5, the Counter-Terrorism and Anti-Corruption teams met. \
                In March the Festival Day passed; Thanksgiving Day too.";
    let found = spans(text);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn vessels_operations_and_times_are_no_entities() {
    let text = "The frigate HMS Valiant joined Operation Desert Gale at noon Greenwich Mean Time.";
    assert!(spans(text).is_empty(), "{:?}", spans(text));
}

#[test]
fn particles_and_hyphens_keep_names_whole() {
    let text = "Ahmad al-Rashid met Tehrik-e-Insaf leaders; Kalbar-held towns fell.";
    let found = spans(text);
    assert!(found.contains(&"Ahmad al-Rashid".to_string()), "{found:?}");
    assert!(found.contains(&"Kalbar".to_string()), "{found:?}");
}

#[test]
fn a_town_name_yields_to_the_person_the_article_names_with_it() {
    // "Lincoln" is a city in the gazetteer; here it is Sarah Lincoln's surname.
    let found = article("Sarah Lincoln arrived at noon. Later, Lincoln met the press.");
    let lincoln: Vec<_> = found.iter().filter(|c| c.0 == "Lincoln").collect();
    assert_eq!(lincoln.len(), 1, "{found:?}");
    assert_eq!(lincoln[0].1, "Sarah Lincoln");
    assert_eq!(lincoln[0].2, Some(EntityKind::Person));
}

#[test]
fn a_place_after_of_ends_a_titled_name_and_a_speaking_body_takes_the_article() {
    let found = article("Queen Amina of Ghana met them, and the Bundesrat said no.");
    assert!(
        found
            .iter()
            .any(|c| c.0 == "Queen Amina" && c.1 == "Queen Amina"),
        "{found:?}"
    );
    assert!(found
        .iter()
        .any(|c| c.1 == "Ghana" && c.2 == Some(EntityKind::Place)));
    assert!(found
        .iter()
        .any(|c| c.1 == "Bundesrat" && c.2 == Some(EntityKind::Organisation)));
}

#[test]
fn compass_adjectives_and_number_words_are_no_places() {
    let found = spans("Southern farmers met. Twelve Nordic ministers came from Eastern towns.");
    assert!(found.is_empty(), "{found:?}");
}

/// The names each mention of `surname` stands for, in order of reading.
fn referents(text: &str, surname: &str) -> Vec<String> {
    article(text)
        .into_iter()
        .filter(|c| c.0 == surname)
        .map(|c| c.1)
        .collect()
}

#[test]
fn people_who_share_a_surname_stay_apart() {
    // A king is named by his given name: the title is part of it.
    let text = "King Hussein of Jordan met Saddam Hussein in Baghdad.";
    assert_eq!(people(text), ["King Hussein", "Saddam Hussein"]);
    let text = "Queen Margrethe spoke. Later, Pope Francis and Anna Francis arrived.";
    assert_eq!(
        people(text),
        ["Queen Margrethe", "Pope Francis", "Anna Francis"]
    );
}

#[test]
fn a_shared_surname_joins_the_person_mentioned_last() {
    let text = "Saddam Hussein invaded Kuwait in 1990.\n\
                King Hussein of Jordan tried to mediate.\n\
                Hussein flew to Baghdad the next day.";
    assert_eq!(referents(text, "Hussein"), ["King Hussein"]);
    let text = "Ruth Okafor chaired the panel.\n\
                Daniel Okafor, her brother, spoke first.\n\
                Okafor said the rules were clear.\n\
                Ruth Okafor disagreed.\n\
                Okafor then left.";
    assert_eq!(referents(text, "Okafor"), ["Daniel Okafor", "Ruth Okafor"]);
}

#[test]
fn a_shared_surname_joins_nobody_while_both_are_in_play() {
    // Both people were last named in the same paragraph, or neither yet.
    let text = "Ruth Okafor met Daniel Okafor in Lagos.\nOkafor said the talks went well.";
    assert_eq!(referents(text, "Okafor"), ["Okafor"]);
    let text = "Okafor said the talks went well.\nRuth Okafor and Daniel Okafor agreed.";
    assert!(referents(text, "Okafor").iter().all(|n| n == "Okafor"));
    // One person of the name: every bare surname is that person, before or after.
    let text = "Okafor said the talks went well.\nRuth Okafor agreed.\nOkafor left.";
    assert_eq!(referents(text, "Okafor"), ["Ruth Okafor", "Ruth Okafor"]);
}
