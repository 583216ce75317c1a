//! Robustness battery: bad input gives a clear error or a safe result, never a panic; faults
//! lose nothing; output is deterministic; fuzz corpora replay; property tests on invariants.
//! Each case asserts the exact message or the escaped output (docs/src/guide/guarantees.md).

mod big;
mod config;
mod escaping;
mod faults;
mod folders;
mod fuzz_replay;
mod input;
mod names;
mod properties;
mod support;
mod yaml;
