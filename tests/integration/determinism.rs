//! The same input gives byte-identical output.

use crate::common::*;

#[test]
fn two_builds_are_byte_identical() {
    for config in [
        repo().join("site.toml"),
        repo().join("tests/fixtures/europe/site.toml"),
    ] {
        let (a, b) = (build_site(&config), build_site(&config));
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
