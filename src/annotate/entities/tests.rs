use super::*;

fn people(text: &str) -> Vec<String> {
    let mut c: Vec<(usize, Candidate)> = find(text, &[], false).into_iter().map(|c| (0, c)).collect();
    resolve(&mut c);
    let mut out: Vec<String> = c
        .into_iter()
        .filter(|(_, c)| c.kind == Some(EntityKind::Person))
        .map(|(_, c)| c.name)
        .collect();
    out.dedup();
    out
}

#[test]
fn titles_split_runs_and_name_a_person() {
    assert_eq!(
        people("Leaders including former Balkh Governor Atta Mohammad Noor travelled."),
        ["Atta Mohammad Noor"]
    );
    assert_eq!(people("Dr. Jane Roe, a former adviser, spoke."), ["Jane Roe"]);
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
    let c = find("Talks in Doha involved the Supreme Court of Ruritania.", &[], false);
    let kinds: Vec<_> = c.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert!(kinds.contains(&("Doha", Some(EntityKind::Place))));
    assert!(kinds.contains(&("Supreme Court of Ruritania", Some(EntityKind::Organisation))));
}

#[test]
fn sentence_openers_and_adjectives_are_no_names() {
    assert!(people("Some said so. Analysts suggest that Islamic Shariat rules.").is_empty());
}
