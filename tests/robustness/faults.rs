//! Faults lose nothing: a killed or failed build leaves the previous site as it was, dossier
//! deletes only what it wrote, and output does not depend on threads or listing order.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::*;

/// A corpus big enough that a debug build takes a noticeable time to render and write.
fn busy_project(variant: &str) -> Project {
    let p = Project::new();
    write_corpus(&p, variant);
    p
}

fn write_corpus(p: &Project, variant: &str) {
    for i in 0..60 {
        let mut text = format!("Article {i} {variant}\n\n");
        for j in 0..25 {
            text.push_str(&format!(
                "Russia told the UN on {} May 20{:02} that Moscow would act ({variant} {i}.{j}).\n\n",
                1 + j % 28,
                10 + i % 15
            ));
        }
        p.seed(&format!("a{i:03}.txt"), text);
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let p = busy_project("old");
    assert!(p.run(&["build"]).status.success());
    let old = snapshot(&p.path("public"));
    write_corpus(&p, "new");
    // What a complete build of the new corpus writes (output bytes do not depend on where).
    let elsewhere = tempfile::tempdir().unwrap();
    let expected = elsewhere.path().join("site");
    let built = dossier_cmd(p.root())
        .args(["build", "-o"])
        .arg(&expected)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let new = snapshot(&expected);
    assert_ne!(new, old);
    let mut delay = Duration::from_millis(20);
    let mut killed = 0;
    loop {
        let mut child = dossier_cmd(p.root())
            .args(["build", "-f"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap(); // SIGKILL: no destructor, no cleanup runs
            child.wait().unwrap();
            let now = snapshot(&p.path("public"));
            if now == new {
                // The kill landed after the swap, while the process was exiting: the new
                // site, whole, is the other allowed outcome, and no later kill can land.
                break;
            }
            killed += 1;
            assert_eq!(now, old, "site changed by a build killed after {delay:?}");
        } else {
            break;
        }
        delay = delay * 3 / 2;
    }
    assert!(
        killed >= 3,
        "only {killed} kills landed before the build finished"
    );
    // A clean build after the kills gives the same bytes and sweeps the killed builds' staging.
    assert!(p.run(&["build", "-f"]).status.success());
    assert_eq!(snapshot(&p.path("public")), new);
    let mut top: Vec<String> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, [".dossier-cache", "public", "seeds", "site.toml"]);
}

#[test]
fn a_failed_build_keeps_the_previous_site_byte_for_byte() {
    let p = Project::new();
    p.seed("a.txt", "Russia.\n");
    p.ok();
    let before = snapshot(&p.path("public"));
    p.seed("b.txt", b"\xff\n");
    assert!(p.build().is_err());
    p.config("title = \"T\"\nbogus = 1\n");
    assert!(p.build().is_err());
    assert_eq!(snapshot(&p.path("public")), before);
}

#[test]
fn a_file_dossier_did_not_write_is_never_deleted() {
    let p = Project::new();
    p.seed("a.txt", "Russia.\n");
    p.ok();
    // Added by hand after a build: the next build refuses rather than delete it.
    std::fs::write(p.path("public/CNAME"), "example.org\n").unwrap();
    std::fs::create_dir(p.path("public/extra")).unwrap();
    std::fs::write(p.path("public/extra/keep.txt"), "keep").unwrap();
    p.seed("b.txt", "More.\n");
    let err = p.error();
    assert_eq!(
        err,
        format!(
            "{} holds CNAME, which dossier did not write; a build replaces the whole folder, so move that file elsewhere first",
            p.path("public").display()
        )
    );
    assert_eq!(p.read("public/CNAME"), "example.org\n");
    assert_eq!(p.read("public/extra/keep.txt"), "keep");
    // A foreign folder is refused whole, and a folder outside the project is never touched.
    let p2 = Project::new();
    p2.seed("a.txt", "Russia.\n");
    std::fs::create_dir(p2.path("public")).unwrap();
    std::fs::write(p2.path("public/mine.txt"), "x").unwrap();
    assert_eq!(
        p2.error(),
        format!(
            "{} exists and was not made by dossier; move it away or choose another output folder (-o DIR)",
            p2.path("public").display()
        )
    );
    assert_eq!(p2.read("public/mine.txt"), "x");
}

/// The shipped corpus and the fixture, built with one thread and with two, each from its own
/// copy of the sources so that nothing (the analysis cache) is written into the repository and
/// the second build cannot reuse the first one's analysis.
#[test]
fn output_is_identical_whatever_the_thread_count() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for site in [".", "tests/fixtures/europe"] {
        let dir = tempfile::tempdir().unwrap();
        let mut snaps = Vec::new();
        for threads in ["1", "2"] {
            let copy = dir.path().join(format!("site-{threads}"));
            copy_sources(&repo.join(site), &copy);
            let out = dir.path().join(threads);
            let status = dossier_cmd(&copy)
                .env("RAYON_NUM_THREADS", threads)
                .args(["build", "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(status.status.success(), "{}", stderr(&status));
            snaps.push(snapshot(&out));
        }
        assert!(
            snaps[0] == snaps[1],
            "{site}: output differs between 1 and 2 threads"
        );
    }
}

/// Copies `site.toml` and the `seeds/` and `notes/` folders of the site in `from` into a new
/// folder `to`.
fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(from.join("site.toml"), to.join("site.toml")).unwrap();
    let folders = ["seeds", "notes"].map(|f| from.join(f));
    for entry in folders
        .iter()
        .filter(|f| f.is_dir())
        .flat_map(walkdir::WalkDir::new)
    {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Two projects with the same files created in opposite orders. On tmpfs (`/dev/shm`) a
/// folder lists its files newest first, so the two list them in opposite orders.
#[test]
fn output_is_identical_whatever_the_listing_order() {
    let shm = Path::new("/dev/shm");
    let make = |reverse: bool| {
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm).unwrap()
        } else {
            tempfile::tempdir().unwrap()
        };
        std::fs::write(dir.path().join("site.toml"), CONFIG).unwrap();
        std::fs::create_dir_all(dir.path().join("seeds/sub")).unwrap();
        let mut names: Vec<String> = (0..30)
            .map(|i| format!("n{:02}.txt", (i * 7) % 30))
            .collect();
        names.push("sub/z.md".into());
        if reverse {
            names.reverse();
        }
        for n in &names {
            std::fs::write(
                dir.path().join("seeds").join(n),
                format!("Title {n}\n\nRussia met the UN on 3 May 2024 ({n}).\n"),
            )
            .unwrap();
        }
        dir
    };
    let (a, b) = (make(false), make(true));
    let listing = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d.join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    if shm.is_dir() {
        assert_ne!(
            listing(a.path()),
            listing(b.path()),
            "the two folders list in the same order"
        );
    }
    for d in [&a, &b] {
        let out = dossier_cmd(d.path()).arg("build").output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(
        snapshot(&a.path().join("public")) == snapshot(&b.path().join("public")),
        "output depends on listing order"
    );
}
