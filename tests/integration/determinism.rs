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
