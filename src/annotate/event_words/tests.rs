use super::*;

#[test]
fn inflections_meet() {
    for group in [
        &["removed", "removal", "remove", "removes"][..],
        &["list", "listing", "lists", "listed"][..],
        &["organisation", "organization"][..],
    ] {
        let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
        assert!(stems.iter().all(|s| *s == stems[0]), "{stems:?}");
    }
    assert_eq!(stem("crisis"), "crisis");
    assert_eq!(stem("status"), "status");
}

#[test]
fn date_words_and_stopwords_are_left_out() {
    let words = content_words(
        "In April this year, Russia dropped the Taliban from its list of 2003.",
        "In April this year",
    );
    assert_eq!(words, ["russia", "dropp", "taliban", "list"]);
}

proptest::proptest! {
    /// The one-pass clause finder cuts where searching for each break separately cut, on text
    /// dense with breaks, partial breaks and repeats of the date's words.
    #[test]
    fn clause_of_matches_the_reference(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "; ", " — ", " – ", ": ", ", and ", ", but ", ", which ", ", while ",
                ", whereas ", ", who ", ", as ", ",", ";", " ", "—", ", a", "as ", "In May",
                "May", "Kabul", "é", "2021",
            ]),
            0..24,
        ),
        words in proptest::sample::select(vec!["In May", "May", "2021", "", "as", ", and "]),
    ) {
        let sentence: String = parts.concat();
        proptest::prop_assert_eq!(
            clause_of(&sentence, words),
            clause_of_reference(&sentence, words)
        );
    }

    /// Reading runs of letters byte by byte finds the words `str::split` found.
    #[test]
    fn alphanumeric_runs_are_the_pieces_split_finds(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", ", ", "’s", "-", "Talks", "Kabul", "É", "café", "²", "x2021", "2021",
                "ΣΊΣΥΦΟΣ", "١٢٣", "naïve", "\u{00A0}", "a", "😀",
            ]),
            0..24,
        ),
    ) {
        let text: String = parts.concat();
        let runs: Vec<&str> = alphanumeric_runs(&text).collect();
        let pieces: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        proptest::prop_assert_eq!(runs, pieces);
    }
}

/// An annotated article's dated mentions carry their clause's words and the actors it names,
/// and a decade carries none.
#[test]
fn each_dated_mention_carries_its_clause_words_and_actors() {
    let config = crate::config::parse(
        "title = \"t\"\n[[actors]]\nid = \"russia\"\nname = \"Russia\"\n\
         [[actors]]\nid = \"taliban\"\nname = \"Taliban\"\n",
    )
    .unwrap();
    let text = "Headline\n\nOn 3 July 2025, Russia recognised the Taliban; \
                the embassy opened in the 1990s.\n";
    let file = crate::model::SourceFile {
        id: "a".into(),
        path: "a.txt".into(),
        display_path: "a.txt".into(),
        text: text.into(),
        format: crate::model::Format::Text,
    };
    let article = crate::parse::parse_article(file, &config).unwrap();
    let article = crate::annotate::Annotator::new(&config.actors)
        .unwrap()
        .annotate(article);
    let dated: Vec<(usize, &str)> = article
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| matches!(m.kind, MentionKind::Date { .. }))
        .map(|(i, m)| (i, &text[m.span.clone()]))
        .collect();
    let words = |at: &str| {
        let m = dated.iter().find(|(_, w)| w.contains(at)).unwrap().0;
        article.event_words.of(m).to_string()
    };
    assert_eq!(words("July"), "russia recogniz taliban @0 @1");
    assert_eq!(words("1990s"), "", "a decade names an era");
    assert_eq!(article.event_words, of_article(&article));
    let all: Vec<(u32, &str)> = article.event_words.iter().collect();
    assert_eq!(all.len(), 1, "{all:?}");
}

#[test]
fn event_words_are_found_by_mention_and_kept_in_order() {
    let mut words = EventWords::default();
    assert!(words.push(2, "talks @0"));
    assert!(words.push(7, "embassy"));
    assert!(!words.push(7, "again"), "a mention once");
    assert!(!words.push(3, "earlier"), "in mention order");
    assert_eq!(words.of(2), "talks @0");
    assert_eq!(words.of(7), "embassy");
    assert_eq!(words.of(3), "");
    assert_eq!(words.len(), 2);
    let all: Vec<(u32, &str)> = words.iter().collect();
    assert_eq!(all, [(2, "talks @0"), (7, "embassy")]);
}
