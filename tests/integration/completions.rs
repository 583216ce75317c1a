//! `dossier completions SHELL` prints a completion script; usage errors exit with 2.

use crate::cli::dossier;

#[test]
fn completion_scripts_are_printed_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let run = dossier(&["completions", shell], dir.path());
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.len() > 500, "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("extract"), "{shell}");
    }
}

#[test]
fn usage_errors_exit_with_2_and_help_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(dossier(&["completions", "tcsh"], dir.path()).code, 2);
    assert_eq!(dossier(&["frobnicate"], dir.path()).code, 2);
    assert_eq!(dossier(&["extract"], dir.path()).code, 2);
    for command in ["build", "check", "extract", "init", "completions"] {
        let run = dossier(&[command, "--help"], dir.path());
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("Examples:"),
            "{command}: {}",
            run.stdout
        );
    }
    let top = dossier(&["--help"], dir.path());
    assert!(top.stdout.contains("Exit codes: 0"), "{}", top.stdout);
}

#[test]
fn quiet_build_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(dossier(&["init"], dir.path()).code, 0);
    let run = dossier(&["build", "--quiet"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}
