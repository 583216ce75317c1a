use super::*;

fn people(text: &str) -> Vec<String> {
    let mut c: Vec<(usize, Candidate)> = find(text, &tokens::tokens(text), &[], false, &Lexicon::of_text(text))
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
    let c = find(text, &tokens::tokens(text), &[], false, &Lexicon::of_text(text));
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
    let c = find(text, &tokens::tokens(text), &[], false, &Lexicon::of_text(text));
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
    let cands = find(text, &tokens::tokens(text), &[], false, &Lexicon::of_text(text));
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
