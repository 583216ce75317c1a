//! The `dossier` binary: everything lives in the library; see `cli.rs`.

fn main() -> std::process::ExitCode {
    dossier::cli::run()
}
