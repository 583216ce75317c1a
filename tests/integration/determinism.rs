//! The same input gives byte-identical output.

use crate::common::*;

#[test]
fn two_builds_are_byte_identical() {
    for (a, from) in [(shipped(), repo()), (europe(), fixture_dir("europe"))] {
        let b = build_copy(&from);
        let (fa, fb) = (files(&a.out), files(&b.out));
        assert_eq!(fa, fb);
        for f in &fa {
            assert_eq!(
                std::fs::read(a.out.join(f)).unwrap(),
                std::fs::read(b.out.join(f)).unwrap(),
                "{f:?} differs"
            );
        }
    }
}

#[test]
fn a_second_build_with_nothing_changed_keeps_the_output_and_a_change_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("seeds")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"T\"\n[[actors]]\nid = \"nato\"\nname = \"NATO\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("seeds/a.txt"),
        "NATO met\n\nNATO met in May 2020.\n",
    )
    .unwrap();
    let options = dossier::pipeline::BuildOptions::default();
    let config = root.join("site.toml");
    let first = dossier::pipeline::build(&config, &options).unwrap();
    assert!(!first.up_to_date);
    let second = dossier::pipeline::build(&config, &options).unwrap();
    assert!(second.up_to_date, "nothing changed");
    assert_eq!(second.files, first.files);
    // An edited seed is rebuilt.
    std::fs::write(
        root.join("seeds/a.txt"),
        "NATO met\n\nNATO met in June 2021.\n",
    )
    .unwrap();
    let third = dossier::pipeline::build(&config, &options).unwrap();
    assert!(!third.up_to_date);
    let page = std::fs::read_to_string(root.join("public/timeline.html")).unwrap();
    assert!(page.contains("June 2021") && !page.contains("May 2020"));
    // A deleted output file is noticed and rebuilt.
    std::fs::remove_file(root.join("public/index.html")).unwrap();
    assert!(
        !dossier::pipeline::build(&config, &options)
            .unwrap()
            .up_to_date
    );
    assert!(root.join("public/index.html").is_file());
}

/// An actor page's mention groups are written in Rust while its template is the built-in one,
/// and by Tera (the group loop of `actor.html`) when a site overrides it; timeline rows are
/// always written by the `timeline_row` macro: a site overriding the templates with exact
/// copies must get the very same bytes, or the two ways have drifted apart. The fixtures cover multi-source events, sources that disagree on a date,
/// resolved relative dates, decades, several surface forms and text that needs escaping.
#[test]
fn overriding_templates_with_copies_changes_nothing() {
    for site in ["", "tests/fixtures/events", "tests/fixtures/hostile"] {
        for copies in [&["macros.html"][..], &["timeline.html", "actor.html"][..]] {
            let from = repo().join(site);
            let (plain, overridden) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
            copy_site_sources(&from, plain.path());
            copy_site_sources(&from, overridden.path());
            std::fs::create_dir(overridden.path().join("templates")).unwrap();
            for name in copies {
                std::fs::copy(
                    repo().join("templates").join(name),
                    overridden.path().join("templates").join(name),
                )
                .unwrap();
            }
            let a = build_site(&plain.path().join("site.toml"));
            let b = build_site(&overridden.path().join("site.toml"));
            let (fa, fb) = (files(&a.out), files(&b.out));
            assert!(
                fa.iter()
                    .map(|f| f.to_string_lossy().into_owned())
                    .filter(|f| f.starts_with("timeline"))
                    .any(|f| a.read(&f).contains("<li class=\"event\"")),
                "{site}: no entries"
            );
            assert_eq!(fa, fb, "{site}");
            assert!(
                fa.iter().any(|f| f.starts_with("actors")),
                "{site}: no actor pages"
            );
            for f in fa.iter().filter(|f| !f.ends_with(".dossier-output")) {
                assert_eq!(
                    std::fs::read_to_string(a.out.join(f)).unwrap_or_default(),
                    std::fs::read_to_string(b.out.join(f)).unwrap_or_default(),
                    "{site}: {f:?} differs between the Rust and the Tera ways ({copies:?} copied)"
                );
            }
        }
    }
}
