//! Fuzz target: `dossier::fuzz_entry::notes` (the invariants live there, shared with the replay test).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier::fuzz_entry::notes(data));
