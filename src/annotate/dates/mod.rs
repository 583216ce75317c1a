//! STUB (replaced by the dates helper's module).
#![allow(missing_docs, dead_code, unused)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timex {
    y: i32,
    m: u8,
    d: u8,
    p: u8,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Decade,
    Year,
    Month,
    Day,
}
impl Timex {
    pub fn parse(s: &str) -> Option<Timex> {
        let y: i32 = s.get(0..4)?.parse().ok()?;
        Some(Timex {
            y,
            m: 0,
            d: 0,
            p: 1,
        })
    }
    pub fn value(&self) -> String {
        format!("{:04}", self.y)
    }
    pub fn year(&self) -> i32 {
        self.y
    }
    pub fn label(&self) -> String {
        self.value()
    }
    pub fn precision(&self) -> Precision {
        Precision::Year
    }
}
impl std::fmt::Display for Timex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value())
    }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    Date,
    Duration,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Explicit,
    PublicationDate,
    PreviousDate,
}
#[derive(Clone, Debug, PartialEq)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub kind: DateKind,
    pub value: String,
    pub timex: Option<Timex>,
    pub resolution: Resolution,
}
pub struct DateResolver;
impl DateResolver {
    pub fn new(published: Option<Timex>) -> Self {
        DateResolver
    }
    pub fn find(&mut self, text: &str) -> Vec<DateHit> {
        Vec::new()
    }
}
