//! People found in the shipped seeds against a hand-made gold list: precision and recall of
//! (article, person) pairs must both reach 0.95.

use std::collections::BTreeSet;
use std::path::Path;

use dossier::config::Site;
use dossier::model::EntityKind;

#[test]
fn people_in_the_seeds_match_the_gold() {
    let site = Site::load(Path::new("site.toml")).unwrap();
    let articles = dossier::pipeline::analyse(&site).unwrap().articles;
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/gold/people.json")).unwrap();
    let mut want = BTreeSet::new();
    for (id, names) in gold.as_object().unwrap() {
        for n in names.as_array().into_iter().flatten() {
            want.insert((id.clone(), n.as_str().unwrap().to_string()));
        }
    }
    let mut got = BTreeSet::new();
    for a in &articles {
        for e in a.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            got.insert((a.id.clone(), e.name.clone()));
        }
    }
    let hits = want.intersection(&got).count() as f64;
    let (p, r) = (hits / got.len().max(1) as f64, hits / want.len() as f64);
    let missed: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    println!("people: precision {p:.3} recall {r:.3}\nmissed {missed:?}\nextra {extra:?}");
    assert!(
        p >= 0.95 && r >= 0.95,
        "precision {p:.3} recall {r:.3}\nmissed {missed:?}\nextra {extra:?}"
    );
}
