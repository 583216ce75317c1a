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

/// Notes: the file format and anchoring on arbitrary bytes. Text before the first `\u{1}` is a
/// notes file; the rest is the article's reader text. Parsing must end in notes or errors with
/// lines inside the file; each note's quote (or, when the file does not parse, the file's
/// first line as a quote) is anchored: a found range lies inside the text on char boundaries
/// and an exact match is the quote itself; ambiguous places are several, sorted, valid; a
/// closest candidate scores below the threshold.
pub fn notes(data: &[u8]) {
    use crate::notes::anchor::{anchor, Anchoring, Method, Selector, MIN_SCORE};
    let input = String::from_utf8_lossy(data);
    let (file, text) = input.split_once('\u{1}').unwrap_or((&input, ""));
    let lines = file.split('\n').count();
    let selectors: Vec<(String, String, String)> = match crate::notes::format::parse(file) {
        Ok(notes) => notes
            .into_iter()
            .map(|n| {
                assert!(
                    n.line >= 1 && n.line <= lines && n.body_line <= lines + 1,
                    "{n:?}"
                );
                (n.quote, n.prefix, n.suffix)
            })
            .collect(),
        Err(errors) => {
            for e in &errors {
                assert!(e.line >= 1 && e.line <= lines && e.col >= 1, "{e:?}");
            }
            let first = file
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(300)
                .collect();
            vec![(first, String::new(), String::new())]
        }
    };
    for (exact, prefix, suffix) in selectors {
        let sel = Selector {
            exact: &exact,
            prefix: &prefix,
            suffix: &suffix,
        };
        match anchor(text, &sel) {
            Anchoring::Found {
                range,
                method,
                score,
            } => {
                assert!(text.get(range.clone()).is_some(), "{range:?}");
                assert!(range.start < range.end, "{range:?}");
                assert!((MIN_SCORE..=1.0).contains(&score), "{score}");
                if method == Method::Exact {
                    assert_eq!(&text[range], exact);
                }
            }
            Anchoring::Ambiguous { places, .. } => {
                assert!(places.len() >= 2, "{places:?}");
                for w in places.windows(2) {
                    assert!(w[0].start <= w[1].start, "{places:?}");
                }
                for r in &places {
                    assert!(text.get(r.clone()).is_some(), "{r:?}");
                }
            }
            Anchoring::NotFound { closest } => {
                if let Some((r, score)) = closest {
                    assert!(text.get(r.clone()).is_some(), "{r:?}");
                    assert!((0.0..MIN_SCORE).contains(&score), "{score}");
                }
            }
        }
    }
}
