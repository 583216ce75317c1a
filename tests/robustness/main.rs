//! Robustness battery: bad input gives a clear error or a safe result, never a panic; faults
//! lose nothing; output is deterministic; fuzz corpora replay; property tests on invariants.
//! Each case asserts the exact message or the escaped output (README: "What dossier guarantees").

mod support;
mod escaping;
mod input;
mod names;
mod big;
mod folders;
mod config;
