//! Dependency-tracked rendering: a build that follows an edit keeps the last build's copy of
//! every page whose inputs did not change, and its output must be byte for byte what a cold
//! build of the same sources makes.

use std::path::Path;

use crate::common::*;
use dossier::pipeline::{build, BuildOptions};

/// A site's sources copied into a fresh folder, built there once (output and cache inside).
fn built_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_site_sources(from, dir.path());
    build_in(dir.path());
    dir
}

fn build_in(root: &Path) {
    build(&root.join("site.toml"), &BuildOptions::default())
        .unwrap_or_else(|e| panic!("build in {} failed: {e:#}", root.display()));
}

/// Builds `root` again, then a cold copy of its sources elsewhere, and compares every file.
fn assert_same_as_cold(root: &Path) {
    build_in(root);
    let cold = tempfile::tempdir().unwrap();
    copy_site_sources(root, cold.path());
    build_in(cold.path());
    let (warm, cold) = (root.join("public"), cold.path().join("public"));
    let names = files(&warm);
    assert_eq!(names, files(&cold), "the same files");
    for f in &names {
        assert!(
            std::fs::read(warm.join(f)).unwrap() == std::fs::read(cold.join(f)).unwrap(),
            "{f:?} differs from a cold build's"
        );
    }
}

fn first_seed(root: &Path) -> std::path::PathBuf {
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    seeds.sort();
    seeds.remove(0)
}

fn sites() -> Vec<std::path::PathBuf> {
    vec![repo(), repo().join("tests/fixtures/europe")]
}

#[test]
fn an_edited_article_rebuilds_as_a_cold_build_would() {
    for site in sites() {
        let dir = built_copy(&site);
        let seed = first_seed(dir.path());
        let mut text = std::fs::read_to_string(&seed).unwrap();
        text.push_str("\n\nOn 3 March 2021 NATO and the European Union met in Kyiv again.\n");
        std::fs::write(&seed, text).unwrap();
        assert_same_as_cold(dir.path());
        // And once more, with the previous build's records in place.
        let mut text = std::fs::read_to_string(&seed).unwrap();
        text = text.replacen("2021", "2019", 1);
        std::fs::write(&seed, text).unwrap();
        assert_same_as_cold(dir.path());
    }
}

#[test]
fn a_removed_article_rebuilds_as_a_cold_build_would() {
    for site in sites() {
        let dir = built_copy(&site);
        let seed = first_seed(dir.path());
        // Its notes, if any, would be orphans and fail the build: they go with it.
        let stem = seed.file_stem().unwrap().to_string_lossy().to_string();
        let _ = std::fs::remove_file(dir.path().join("notes").join(format!("{stem}.notes.md")));
        std::fs::remove_file(&seed).unwrap();
        // And its metadata table, which would name no file.
        let config = dir.path().join("site.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        let head = format!("[articles.{stem}]");
        let text = match text.find(&head) {
            Some(at) => {
                let rest = &text[at + head.len()..];
                let end = rest
                    .find("\n[")
                    .map_or(text.len(), |e| at + head.len() + e + 1);
                format!("{}{}", &text[..at], &text[end..])
            }
            None => text,
        };
        std::fs::write(&config, text).unwrap();
        assert_same_as_cold(dir.path());
    }
}

#[test]
fn a_changed_site_toml_rebuilds_as_a_cold_build_would() {
    for site in sites() {
        let dir = built_copy(&site);
        let config = dir.path().join("site.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        let retitled = text.replacen("title = \"", "title = \"Renamed ", 1);
        assert_ne!(retitled, text);
        std::fs::write(&config, retitled).unwrap();
        assert_same_as_cold(dir.path());
    }
}

#[test]
fn a_damaged_page_record_is_not_trusted() {
    let dir = built_copy(&repo());
    let records = dir.path().join(".dossier-cache/pages/links.bin");
    let mut bytes = std::fs::read(&records).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x55;
    std::fs::write(&records, bytes).unwrap();
    let seed = first_seed(dir.path());
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text.push_str("\n\nA closing line.\n");
    std::fs::write(&seed, text).unwrap();
    assert_same_as_cold(dir.path());
}

#[test]
fn a_link_to_an_article_that_has_gone_is_reported_at_its_line_with_the_cache_warm() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("site.toml"), "title = \"Links\"\n").unwrap();
    std::fs::create_dir(root.join("seeds")).unwrap();
    std::fs::write(
        root.join("seeds/a.md"),
        "# A\n\nRussia met Qatar, as [the other](b.md) says.\n",
    )
    .unwrap();
    // No capitalised word of b is in a, so a's corpus answers stay the same without b.
    std::fs::write(root.join("seeds/b.md"), "# Zed\n\nplain words only.\n").unwrap();
    build_in(root);
    std::fs::remove_file(root.join("seeds/b.md")).unwrap();
    let err = build(&root.join("site.toml"), &BuildOptions::default())
        .err()
        .map(|e| format!("{e:#}"))
        .expect("the build must fail");
    assert!(
        err.contains("seeds/a.md:3:") && err.contains("names no article \"b\""),
        "{err}"
    );
    assert!(
        root.join("public/articles/b.html").exists(),
        "the last site is kept"
    );
}

/// The first `key = "value"` after `[[actors]]` in a site's `site.toml`.
fn first_actor_field(root: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let actors = &text[text.find("[[actors]]")?..];
    let head = format!("\n{key} = ");
    let at = actors.find(&head)? + head.len();
    let value = actors[at..].lines().next()?;
    let value = value.trim_start_matches('[').trim_start_matches('"');
    Some(value[..value.find('"')?].to_string())
}

/// A sentence naming the site's first actor, and its first member when it has one, with a
/// date and a quote.
fn actor_sentence(root: &Path) -> String {
    let actor = first_actor_field(root, "name").expect("the site has actors");
    let member = first_actor_field(root, "members").unwrap_or_else(|| actor.clone());
    format!(
        "\n\nOn 6 June 2023 the talks resumed. {actor} met again. {member} said, \"We will not wait any longer.\"\n"
    )
}

fn last_seed(root: &Path) -> std::path::PathBuf {
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    seeds.sort();
    seeds.pop().unwrap()
}

#[test]
fn an_added_mention_of_an_actor_rebuilds_as_a_cold_build_would() {
    for site in sites() {
        let dir = built_copy(&site);
        let seed = last_seed(dir.path());
        let mut text = std::fs::read_to_string(&seed).unwrap();
        text.push_str(&actor_sentence(dir.path()));
        std::fs::write(&seed, &text).unwrap();
        assert_same_as_cold(dir.path());
        // An article naming the actor in an undated sentence, then the same mention in other
        // words: only its line on the actor's page changes.
        let actor = first_actor_field(dir.path(), "name").unwrap();
        let added = dir.path().join("seeds/zz_actor.txt");
        std::fs::write(&added, format!("Later, {actor} met again in Tallinn.\n")).unwrap();
        assert_same_as_cold(dir.path());
        std::fs::write(
            &added,
            format!("Later, {actor} met once more in Tallinn.\n"),
        )
        .unwrap();
        assert_same_as_cold(dir.path());
    }
}

#[test]
fn the_only_article_naming_an_entity_added_then_removed_rebuilds_as_a_cold_build_would() {
    for site in sites() {
        let dir = built_copy(&site);
        let seed = dir.path().join("seeds/zz_added.txt");
        let text = format!(
            "Ottoline Brackenridge-Vasquez of the Quintavon Assembly arrived in Tallinn.{}",
            actor_sentence(dir.path())
        );
        std::fs::write(&seed, &text).unwrap();
        assert_same_as_cold(dir.path());
        // The same names in other words.
        let reworded = text.replace("arrived in", "landed in");
        std::fs::write(&seed, reworded.replace("will not wait", "shall not wait")).unwrap();
        assert_same_as_cold(dir.path());
        std::fs::remove_file(&seed).unwrap();
        assert_same_as_cold(dir.path());
    }
}

#[test]
fn a_renamed_actor_rebuilds_as_a_cold_build_would() {
    for site in sites() {
        let dir = built_copy(&site);
        let name = first_actor_field(dir.path(), "name").unwrap();
        let config = dir.path().join("site.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        let renamed = text.replacen(
            &format!("name = \"{name}\""),
            &format!("name = \"{name} Renamed\""),
            1,
        );
        assert_ne!(renamed, text);
        std::fs::write(&config, renamed).unwrap();
        assert_same_as_cold(dir.path());
    }
}

/// An edit that makes the timeline outgrow its one page moves every row onto the pages of
/// its years; the graphic of an actor named only in another article links into the timeline,
/// so its page must follow though none of its articles changed.
#[test]
fn a_timeline_that_outgrows_its_page_moves_every_link_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Split\"\n[[actors]]\nid = \"russia\"\nname = \"Russia\"\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("seeds")).unwrap();
    std::fs::write(
        root.join("seeds/a.md"),
        "# A\n\nOn 3 March 2021, Russia opened talks in Doha.\n",
    )
    .unwrap();
    // Sentences on as many different days after the actor's, none naming it: the actor's entry
    // keeps its place on the timeline, only the page that shows it changes.
    let dated = |n: usize| -> String {
        (0..n)
            .map(|i| {
                format!(
                    "On {} {} {}, observers counted convoy number {i} on the northern road.\n\n",
                    1 + i % 28,
                    MONTHS[(i / 28) % 12],
                    2022 + i / 336
                )
            })
            .collect()
    };
    std::fs::write(root.join("seeds/b.md"), format!("# B\n\n{}", dated(3))).unwrap();
    build_in(root);
    let year_page = root.join("public/timeline/2021.html");
    assert!(!year_page.exists(), "the timeline starts on one page");
    std::fs::write(root.join("seeds/b.md"), format!("# B\n\n{}", dated(3000))).unwrap();
    assert_same_as_cold(root);
    assert!(year_page.exists(), "the edit splits the timeline by year");
}

/// Inode of a file: a page whose bytes did not change is a hard link to the last build's copy.
#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .ino()
}

/// A timeline split into period pages, with an event whose two sources sit on different
/// pages: moving one source's date remakes the pages of both sources (the other's table links
/// to the moved row) and leaves every other period page as it was. The comparison with a cold
/// build is what catches a page kept from stale inputs.
#[cfg(unix)]
#[test]
fn an_edit_remakes_only_the_timeline_periods_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Periods\"\n[[actors]]\nid = \"russia\"\nname = \"Russia\"\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("seeds")).unwrap();
    let talks = |date: &str| {
        format!("# Talks\n\nOn {date}, Russia opened talks with the Taliban in Doha.\n")
    };
    std::fs::write(root.join("seeds/a.md"), talks("30 December 2021")).unwrap();
    std::fs::write(root.join("seeds/c.md"), talks("2 January 2022")).unwrap();
    // Enough dates that 2022 and later years are split into months.
    let dated: String = (0..3000)
        .map(|i| {
            format!(
                "On {} {} {}, observers counted convoy number {i} on the northern road.\n\n",
                1 + i % 28,
                MONTHS[(i / 28) % 12],
                2022 + i / 336
            )
        })
        .collect();
    std::fs::write(root.join("seeds/b.md"), format!("# Convoys\n\n{dated}")).unwrap();
    build_in(root);
    let page = |name: &str| root.join("public/timeline").join(name);
    let (y2021, jan, later) = (
        page("2021.html"),
        page("2022-01.html"),
        page("2025-06.html"),
    );
    let table = std::fs::read_to_string(&y2021).unwrap();
    assert!(
        table.contains("date-disagreement") && table.contains("2022-01.html#t2022-01-02"),
        "the event's table on 2021's page links to its other source's row"
    );
    let before = [inode(&y2021), inode(&jan), inode(&later)];
    // The source on January's page moves a day; the one on 2021's page does not change.
    std::fs::write(root.join("seeds/c.md"), talks("3 January 2022")).unwrap();
    assert_same_as_cold(root);
    assert_ne!(inode(&jan), before[1], "the moved date's page changes");
    assert_ne!(
        inode(&y2021),
        before[0],
        "so does the page whose table links to it"
    );
    assert_eq!(
        inode(&later),
        before[2],
        "a period without the edit's dates does not"
    );
    // An edit without dates leaves every period page as it was.
    let before = [inode(&y2021), inode(&jan), inode(&later)];
    let mut text = std::fs::read_to_string(root.join("seeds/c.md")).unwrap();
    text.push_str("\nNobody expected a quick outcome.\n");
    std::fs::write(root.join("seeds/c.md"), text).unwrap();
    assert_same_as_cold(root);
    assert_eq!([inode(&y2021), inode(&jan), inode(&later)], before);
}
