//! Entry points shared by the `cargo fuzz` targets (`fuzz/`) and the corpus replay test
//! (`tests/robustness/fuzz_replay.rs`).
//!
//! Why here and not in `fuzz/`: the replay must run on a stable toolchain without libFuzzer,
//! so the code that turns fuzz bytes into calls, and the invariants checked on the result,
//! live in the library; a fuzz target is a one-line wrapper. Every function panics only when an
//! invariant is broken, which is exactly what the fuzzer and the replay report.

use crate::annotate::actors::{ActorMatcher, ActorSpec};
use crate::annotate::dates::{DateResolver, Timex};

/// Plain-text structure recovery ([`crate::text::recover`]) on arbitrary bytes, read as UTF-8
/// with replacement: spans must lie inside the source on char boundaries, in line order.
pub fn recover(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    let blocks = crate::text::recover(&source);
    let mut last_line = 0;
    for b in &blocks {
        assert!(b.span.start <= b.span.end, "{b:?}");
        assert!(
            source.get(b.span.clone()).is_some(),
            "span off a char boundary: {b:?}"
        );
        assert!(b.line > last_line, "lines out of order: {b:?}");
        last_line = b.line;
        if let Some(r) = b.repeat_of {
            assert!(r < blocks.len(), "{b:?}");
        }
    }
    let _ = crate::text::inferred_title(&source, &blocks);
}

/// The date extractor ([`DateResolver`]) on arbitrary bytes: an optional first line
/// `@YYYY[-MM[-DD]]` is the publication date, every other line one paragraph, fed in order.
/// Hits must be sorted, non-overlapping, inside the paragraph on char boundaries, and a date's
/// value must be its TIMEX3.
pub fn dates(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let (published, body) = match input.strip_prefix('@') {
        Some(rest) => {
            let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (Timex::parse(first.trim()), body)
        }
        None => (None, &*input),
    };
    let mut resolver = DateResolver::new(published);
    for para in body.split('\n') {
        let mut end = 0;
        for hit in resolver.find(para) {
            assert!(
                hit.start >= end && hit.start < hit.end,
                "{hit:?} in {para:?}"
            );
            assert!(
                para.get(hit.start..hit.end).is_some(),
                "{hit:?} in {para:?}"
            );
            end = hit.end;
            if let Some(t) = hit.timex {
                assert_eq!(t.to_string(), hit.value, "{hit:?}");
            }
        }
    }
}

/// The actor matcher ([`ActorMatcher`]) on arbitrary bytes: text before the first `\u{1}`
/// holds extra surface forms (one a line; `~` starts a metonym, `!` an exclusion) for a fuzzed
/// actor beside a fixed realistic set; the rest is the paragraph. Hits must be sorted,
/// non-overlapping, inside the paragraph on char boundaries, and name a configured actor.
pub fn actors(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let (forms, text) = input.split_once('\u{1}').unwrap_or(("", &input));
    let mut specs = fixed_actors();
    let mut fuzzed = ActorSpec {
        id: "fuzzed".into(),
        name: "Fuzzed".into(),
        ..ActorSpec::default()
    };
    for form in forms.lines() {
        if let Some(m) = form.strip_prefix('~') {
            fuzzed.metonyms.push(m.into());
        } else if let Some(x) = form.strip_prefix('!') {
            fuzzed.exclude.push(x.into());
        } else {
            fuzzed.aliases.push(form.into());
        }
    }
    specs.push(fuzzed);
    let Ok(matcher) = ActorMatcher::new(&specs) else {
        return; // a configuration error is a clean outcome
    };
    let mut end = 0;
    for hit in matcher.find(text) {
        assert!(
            hit.start >= end && hit.start < hit.end,
            "{hit:?} in {text:?}"
        );
        assert!(
            text.get(hit.start..hit.end).is_some(),
            "{hit:?} in {text:?}"
        );
        assert!(hit.actor < specs.len());
        end = hit.end;
    }
}

/// A small actor set with every feature the matcher has: acronyms, hyphens, apostrophes,
/// metonyms, exclusions, non-ASCII names and a longer alias containing a shorter one.
fn fixed_actors() -> Vec<ActorSpec> {
    let spec = |id: &str, name: &str, aliases: &[&str], metonyms: &[&str], exclude: &[&str]| {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        ActorSpec {
            id: id.into(),
            name: name.into(),
            aliases: own(aliases),
            metonyms: own(metonyms),
            exclude: own(exclude),
        }
    };
    vec![
        spec(
            "russia",
            "Russia",
            &["Russian", "Kremlin"],
            &["Moscow"],
            &[],
        ),
        spec(
            "taliban",
            "Taliban",
            &["Islamic Emirate"],
            &["Kabul"],
            &["Pakistani Taliban"],
        ),
        spec("ttp", "TTP", &["Pakistani Taliban"], &[], &[]),
        spec("us", "United States", &["US", "U.S."], &["Washington"], &[]),
        spec(
            "isk",
            "IS-K",
            &["ISIS-K", "Islamic State Khorasan"],
            &[],
            &[],
        ),
        spec(
            "turkey",
            "Türkiye",
            &["Turkey", "İstanbul", "ΣΑΣ"],
            &["Ankara"],
            &[],
        ),
    ]
}
