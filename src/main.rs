//! The `dossier` binary: everything lives in the library; see `cli.rs`.

/// The allocator is chosen here, not in the library, so embedders keep their own. A build
/// makes millions of short-lived strings (views, escaped text, JSON); mimalloc's per-thread
/// free lists make that about a fifth cheaper in CPU than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dossier::cli::run()
}
