//! A corpus big enough to split the home list, the timeline and an actor page into parts: every
//! part exists, links between parts and from articles into the right part resolve, and small
//! corpora stay on one page.

use std::fmt::Write;

use crate::common::{build_site, files, Built};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// 300 short articles, each naming Ruritania four times and citing two dates.
fn big_corpus() -> (tempfile::TempDir, Built) {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Paging\"\n[[actors]]\nid = \"ruritania\"\nname = \"Ruritania\"\n",
    )
    .unwrap();
    for n in 0..300 {
        let year = 1900 + n / 3;
        let month = MONTHS[n % 12];
        let mut text = format!("Ruritania report {n}\n\n");
        let _ = writeln!(
            text,
            "Ruritania signed treaty number {n} on {} {month} {year}. Ruritania said so.\n",
            n % 28 + 1
        );
        let _ = writeln!(
            text,
            "In {}, Ruritania had already tried. Critics of Ruritania disagreed.",
            year - 1
        );
        std::fs::write(seeds.join(format!("r{n:03}.txt")), text).unwrap();
    }
    let built = build_site(&dir.path().join("site.toml"));
    (dir, built)
}

#[test]
fn long_lists_are_split_into_linked_parts() {
    let (_dir, site) = big_corpus();
    let all: Vec<String> = files(&site.out)
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    for part in ["index/2.html", "timeline/2.html", "actors/ruritania/2.html"] {
        assert!(all.iter().any(|f| f == part), "{part} missing");
    }
    // The first timeline part links to the next one, which links back from its own depth.
    let first = site.read("timeline.html");
    assert!(
        first.contains("href=\"timeline/2.html\" rel=\"next\""),
        "{first}"
    );
    let second = site.read("timeline/2.html");
    assert!(second.contains("href=\"../timeline.html\" rel=\"prev\""));
    assert!(second.contains("href=\"../static/style.css\""));
    // 600 dated entries: each part holds at most its share, and together they hold them all.
    let entries = |html: &str| html.matches("<li class=\"event\"").count();
    let parts: Vec<&String> = all
        .iter()
        .filter(|f| *f == "timeline.html" || f.starts_with("timeline/"))
        .collect();
    let total: usize = parts.iter().map(|p| entries(&site.read(p))).sum();
    assert_eq!(total, 600);
    assert!(parts.iter().all(|p| entries(&site.read(p)) <= 400));
    // A date late in the corpus links from its article into a later part, where its anchor is.
    let article = site.read("articles/r299.html");
    let href = article
        .split("class=\"md\" href=\"")
        .nth(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .unwrap();
    assert!(href.starts_with("../timeline/"), "{href}");
    let (page, anchor) = href.trim_start_matches("../").split_once('#').unwrap();
    assert!(site.read(page).contains(&format!("id=\"{anchor}\"")));
    // The home list counts every article, though it shows only its part.
    let home = site.read("index.html");
    assert!(home.contains("<span class=\"count\">300</span>"));
    assert_eq!(home.matches("class=\"card\"").count(), 250);
    assert!(site
        .read("actors/ruritania.html")
        .contains("mentions in 300 articles"));
}

/// A busy actor (over 2,000 mentions) lists one line per article and says how many more
/// each article has, so the line and the count cover every mention.
#[test]
fn a_busy_actor_shows_one_line_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Busy\"\n[[actors]]\nid = \"ruritania\"\nname = \"Ruritania\"\n",
    )
    .unwrap();
    for n in 0..40 {
        let mut text = format!("Ruritania dispatch {n}\n\n");
        for s in 0..60 {
            let _ = write!(text, "Ruritania acted again, time {s}. ");
        }
        std::fs::write(seeds.join(format!("b{n:02}.txt")), text).unwrap();
    }
    let site = build_site(&dir.path().join("site.toml"));
    let page = site.read("actors/ruritania.html");
    let group = page
        .split("<section class=\"kwic-group\">")
        .nth(1)
        .expect("an article group");
    let group = &group[..group.find("</section>").unwrap()];
    assert_eq!(group.matches("<mark class=\"kw\">").count(), 1, "{group}");
    assert!(group.contains("60 more in this article</p>"), "{group}");
    // One form: the line shows it, and the rest is counted.
    assert!(!group.contains("Written as"), "{group}");
}
