//! The `dossier` binary: everything lives in the library; see `cli.rs`.

/// The allocator is chosen here, not in the library, so embedders keep their own. A build
/// makes millions of short-lived strings (views, escaped text, JSON); mimalloc's per-thread
/// free lists make that about a fifth cheaper in CPU than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option: its index in the option enum of mimalloc v2 and v3, which
/// the Rust bindings do not name. A test checks it still holds the documented default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the process before mimalloc gives it back to the OS, in
/// milliseconds. mimalloc's default (one second) returns memory between the stages of a big
/// build only to ask for it again a moment later, and every page asked for anew is zeroed by
/// the kernel, which at 10,000 articles costs 5-7 % of the CPU. Ten seconds covers a build;
/// `serve` still returns the memory of a big rebuild once it is idle.
const PURGE_DELAY_MS: std::ffi::c_long = 10_000;

fn main() -> std::process::ExitCode {
    // A delay set in the environment (mimalloc reads MIMALLOC_PURGE_DELAY) is left alone.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mimalloc's options are plain globals; this runs first thing in `main`,
        // before the program starts any other thread, so nothing reads the option meanwhile.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
    dossier::cli::run()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // 1000 ms is mimalloc v3's documented default for `purge_delay`, and no other option's.
        // SAFETY: reads a plain integer option; no test sets it.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
