//! One event, several sources: grouping on a fixture written for it and on the shipped corpus.

use serde_json::Value;

use crate::common::*;

/// The export's events, each as (mention ids, dates, agree).
fn events(json: &Value) -> Vec<(Vec<String>, Vec<String>, bool)> {
    json["events"]
        .as_array()
        .expect("events list")
        .iter()
        .map(|e| {
            let strings = |k: &str| -> Vec<String> {
                e[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            };
            (
                strings("mentions"),
                strings("dates"),
                e["agree"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// The id of the date mention whose sentence contains `words`.
fn mention_in(site: &Built, json: &Value, article: &str, words: &str) -> String {
    let sentences = site.part_lines("sentences");
    let sentence = |m: &Value| {
        sentences
            .iter()
            .find(|s| s["article"] == m["article"] && s["sentence"] == m["sentence"])
            .and_then(|s| s["text"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "date" && m["article"] == article && sentence(m).contains(words))
        .unwrap_or_else(|| panic!("no date in {article} near {words:?}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn fixture_finds_the_disagreement_and_keeps_unrelated_events_apart() {
    let site = events_fixture();
    let json = site.json();
    let march = mention_in(site, &json, "harbour-daily", "bridge");
    let may = mention_in(site, &json, "coast-times", "bridge");
    let this_year = mention_in(site, &json, "river-post", "bridge");
    let budget = mention_in(site, &json, "harbour-daily", "libraries");
    let football = mention_in(site, &json, "valley-herald", "football");
    let all = events(&json);
    assert_eq!(all.len(), 1, "{all:?}");
    let (mut members, mut dates, agree) = all[0].clone();
    members.sort();
    dates.sort();
    let mut expected = vec![march.clone(), may, this_year];
    expected.sort();
    assert_eq!(members, expected);
    assert_eq!(dates, ["2023", "2023-03", "2023-05"]);
    assert!(!agree, "March and May disagree");
    for unrelated in [budget, football] {
        assert!(all.iter().all(|(m, _, _)| !m.contains(&unrelated)));
    }

    // The event is shown under the date of its first source, March 2023.
    let html = site.read("timeline.html");
    let block = html
        .split("class=\"multi-source\"")
        .nth(1)
        .expect("event block")
        .split("</section>")
        .next()
        .unwrap();
    assert!(block.contains("Sources disagree on the date"));
    assert!(block.contains("<time datetime=\"2023-03\">March 2023</time>"));
    assert!(block.contains("<time datetime=\"2023-05\">May 2023</time>"));
    assert!(block.contains("articles/coast-times.html#"));
    assert!(block.contains("articles/river-post.html#"));
    // Where sources disagree, each one's sentence is shown beside its date.
    assert!(block.contains("bridge"), "{block}");
    assert!(html.contains("resolved against the article’s publication date (20 November 2023)"));
    // Each date has one row, named by its value; the other dates' rows point to the event.
    for value in ["2023", "2023-03", "2023-05"] {
        assert_eq!(
            html.matches(&format!("id=\"t{value}\"")).count(),
            1,
            "{value}"
        );
    }
    assert_eq!(html.matches("class=\"in-event\"").count(), 2);
}

#[test]
fn shipped_corpus_groups_the_terrorist_list_removal_as_a_disagreement() {
    let site = shipped();
    let json = site.json();
    let removal_2024 = mention_in(
        site,
        &json,
        "004_5cfbe151e982db66",
        "remove the Taliban from its terrorist list",
    );
    let dropped_2025 = mention_in(
        site,
        &json,
        "003_a2ebef9a25d52dce",
        "dropped the terrorist group designation",
    );
    let delisted = mention_in(site, &json, "002_f09ae1030d639c2c", "delisted from Russia");
    let all = events(&json);
    let event = all
        .iter()
        .find(|(m, _, _)| m.contains(&removal_2024))
        .unwrap_or_else(|| panic!("no event holds {removal_2024}: {all:?}"));
    assert!(event.0.contains(&dropped_2025), "{event:?}");
    assert!(event.0.contains(&delisted), "{event:?}");
    assert!(!event.2, "the sources disagree: {event:?}");
    let listed_2003 = mention_in(
        site,
        &json,
        "004_5cfbe151e982db66",
        "formally listed the Taliban",
    );
    assert!(all.iter().all(|(m, _, _)| !m.contains(&listed_2003)));
}
