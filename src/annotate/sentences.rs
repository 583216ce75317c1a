//! STUB
#![allow(missing_docs)]
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    vec![0..text.len()]
}
pub fn sentence_at(text: &str, _at: usize) -> std::ops::Range<usize> {
    0..text.len()
}
