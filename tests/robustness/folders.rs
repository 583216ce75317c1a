//! Odd seeds folders: links, loops, unreadable entries, nesting.

use crate::support::*;

#[test]
fn symlinks_and_loops_are_skipped_with_a_warning() {
    let p = Project::new();
    // Both actors mentioned: the only warnings are the links'.
    p.seed("a.txt", "Russia and the UN.\n");
    std::os::unix::fs::symlink("a.txt", p.path("seeds/link.txt")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", p.path("seeds/passwd.txt")).unwrap();
    std::os::unix::fs::symlink(".", p.path("seeds/loop")).unwrap();
    std::os::unix::fs::symlink("missing.txt", p.path("seeds/dangling.txt")).unwrap();
    let r = p.ok();
    assert_eq!(r.articles, 1);
    let warning = |name: &str| {
        format!("seeds/{name}: symbolic link skipped; dossier reads only regular files inside the seeds folder (copy the file in instead)")
    };
    assert_eq!(
        p.warnings(&r),
        [
            warning("dangling.txt"),
            warning("link.txt"),
            warning("loop"),
            warning("passwd.txt")
        ]
    );
    let out = p.run(&["build", "-f"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(&format!("warning: {}\n", warning("loop"))),
        "{}",
        stderr(&out)
    );
}

#[test]
fn nested_folders_are_read_in_sorted_order() {
    let p = Project::new();
    p.seed("z/deep/er/c.txt", "C\n");
    p.seed("a/b.md", "B\n");
    p.seed("m.txt", "M\n");
    p.seed("notes/m.notes.md", "not an article\n");
    p.seed("x/readme.pdf", "not an article\n");
    std::fs::create_dir_all(p.path("seeds/empty/dir")).unwrap();
    let r = p.ok();
    assert_eq!(r.articles, 3);
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/annotations.json")).unwrap();
    let sources: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["seeds/a/b.md", "seeds/m.txt", "seeds/z/deep/er/c.txt"]
    );
}

/// Root ignores file permissions, so the unreadable cases run the binary as `nobody` when
/// the tests run as root (as CI does), through util-linux's `setpriv`.
fn run_unprivileged(p: &Project, prepare: bool) -> Option<std::process::Output> {
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let mut cmd = if root {
        if std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("setpriv missing: cannot drop root privileges; skipping");
            return None;
        }
        if prepare {
            // The binary under target/ and the project must be reachable by nobody.
            std::process::Command::new("chmod")
                .args(["-R", "a+rwX"])
                .arg(p.root())
                .status()
                .unwrap();
            std::process::Command::new("chmod")
                .arg("a+rx")
                .arg(p.root().parent().unwrap())
                .status()
                .unwrap();
        }
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_dossier"),
        ]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
    };
    Some(cmd.arg("build").current_dir(p.root()).output().unwrap())
}

#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new();
    p.seed("a.txt", "Russia.\n").seed("secret.txt", "S\n");
    let Some(_) = run_unprivileged(&p, true) else {
        return;
    };
    std::fs::remove_dir_all(p.path("public")).ok();
    std::fs::set_permissions(
        p.path("seeds/secret.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = run_unprivileged(&p, false).unwrap();
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out),
        "error: cannot read seeds/secret.txt: Permission denied (os error 13)\nnothing was written; the previous site, if any, is unchanged.\n"
    );
}

#[test]
fn an_unreadable_folder_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new();
    p.seed("a.txt", "Russia.\n").seed("locked/b.txt", "B\n");
    let Some(_) = run_unprivileged(&p, true) else {
        return;
    };
    std::fs::set_permissions(
        p.path("seeds/locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = run_unprivileged(&p, false).unwrap();
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out),
        "error: cannot read seeds/locked: Permission denied (os error 13)\nnothing was written; the previous site, if any, is unchanged.\n"
    );
}
