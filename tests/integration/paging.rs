//! A corpus big enough to split the home list, the timeline and an actor page into parts: every
//! part exists, links between parts and from articles into the right part resolve, and small
//! corpora stay on one page.

use std::fmt::Write;

use crate::common::{build_site, files, Built, MONTHS};

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
    for part in ["index/2.html", "actors/ruritania/2.html"] {
        assert!(all.iter().any(|f| f == part), "{part} missing");
    }
    // The timeline has a page per year, named by the year, each leading to its neighbours.
    for year in [1899, 1900, 1950, 1999] {
        assert!(
            all.iter().any(|f| *f == format!("timeline/{year}.html")),
            "{year}"
        );
    }
    let page = site.read("timeline/1950.html");
    assert!(
        page.contains("href=\"../timeline/1949.html\" rel=\"prev\""),
        "{page}"
    );
    assert!(page.contains("href=\"../timeline/1951.html\" rel=\"next\""));
    assert!(page.contains("href=\"../static/style.css\""));
    // 600 dated mentions, one row per date: every row once, on the page of its year.
    let rows = |html: &str| html.matches("<li class=\"event\"").count();
    let pages: Vec<&String> = all.iter().filter(|f| f.starts_with("timeline/")).collect();
    assert_eq!(
        rows(&site.read("timeline.html")),
        0,
        "the overview lists periods"
    );
    let total: usize = pages.iter().map(|p| rows(&site.read(p))).sum();
    assert_eq!(
        total,
        300 + 100,
        "a row per day cited, and per year cited as a year"
    );
    // Three articles cite 1949 as a year: one row counts them, shows one sentence and lists
    // the other two articles by name.
    let year = site.read("timeline/1949.html");
    let row = &year[year.find("id=\"t1949\"").expect("the row of 1949")..];
    let row = &row[..row.find("<li class=\"event\"").unwrap_or(row.len())];
    assert!(row.contains("3 mentions in 3 articles"), "{row}");
    assert_eq!(row.matches("<blockquote class=\"sentence\">").count(), 1);
    assert_eq!(
        row.matches("<li><a href=\"../articles/r15").count(),
        2,
        "{row}"
    );
    // A date late in the corpus links from its article to its row on its year's page.
    let article = site.read("articles/r299.html");
    let href = article
        .split("<a href=\"../timeline/")
        .nth(1)
        .map(|s| format!("../timeline/{}", &s[..s.find('"').unwrap()]))
        .unwrap();
    assert!(href.starts_with("../timeline/1999.html#t1999-"), "{href}");
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

/// A busy actor (over 2,000 mentions) lists one row per article: its headline linking to the
/// paragraph of its one line, and how many mentions the article has, so every mention is
/// counted.
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
    assert!(!page.contains("<section><h3>"), "no heading per article");
    let rows = &page[page.find("<ul class=\"rows\">").expect("rows")..];
    let rows = &rows[..rows.find("</ul>").unwrap()];
    assert_eq!(rows.matches("<li>").count(), 40, "{rows}");
    let row = rows.split("<li>").nth(1).unwrap();
    assert!(
        row.starts_with("<a href=\"../articles/b00.html#p"),
        "the headline links the line's paragraph: {row}"
    );
    assert_eq!(row.matches("<a ").count(), 1, "{row}");
    assert_eq!(row.matches("<mark>").count(), 1, "{row}");
    // One form: the line shows it, and the count covers every mention.
    assert!(row.contains("<small>61 mentions</small>"), "{row}");
}

/// Articles each citing one day of `year` (`days` of them) in a long sentence.
fn dated_corpus(dir: &std::path::Path, year: i32, days: usize) {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(dir.join("site.toml"), "title = \"Dense\"\n").unwrap();
    for n in 0..days {
        let (month, day) = (n / 28, n % 28 + 1);
        let text = format!(
            "Dispatch {n}\n\nOn {day} {} {year}, the harbour committee met again to weigh the long \
             list of complaints about the ferry timetable, the fares, the new quay and the noise \
             of the night shift, and adjourned without a decision once more.\n",
            MONTHS[month % 12]
        );
        std::fs::write(seeds.join(format!("d{year}-{n:03}.txt")), text).unwrap();
    }
}

/// A year with more dates than one page holds gets a page per month, and its own page leads
/// to them; a quiet year keeps one page.
#[test]
fn a_dense_year_is_split_into_months() {
    let dir = tempfile::tempdir().unwrap();
    dated_corpus(dir.path(), 2020, 12 * 28);
    dated_corpus(dir.path(), 1990, 5);
    let site = build_site(&dir.path().join("site.toml"));
    let all: Vec<String> = files(&site.out)
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    for page in [
        "timeline/1990.html",
        "timeline/2020.html",
        "timeline/2020-01.html",
        "timeline/2020-12.html",
    ] {
        assert!(all.iter().any(|f| f == page), "{page} missing");
    }
    assert!(!all.iter().any(|f| f.starts_with("timeline/1990-")));
    let year = site.read("timeline/2020.html");
    assert!(year.contains("href=\"../timeline/2020-03.html\""), "{year}");
    let march = site.read("timeline/2020-03.html");
    assert_eq!(march.matches("<li class=\"event\"").count(), 28);
    // The month is the current page, not its year.
    assert_eq!(march.matches("aria-current=\"page\"").count(), 1, "{march}");
    assert!(march.contains("href=\"../timeline/2020-03.html\" aria-current=\"page\""));
    assert!(year.contains("href=\"../timeline/2020.html\" aria-current=\"page\""));
    assert!(march.contains("id=\"t2020-03-15\""));
    for f in all.iter().filter(|f| f.starts_with("timeline")) {
        assert!(
            std::fs::metadata(site.out.join(f)).unwrap().len() < 1_000_000,
            "{f}"
        );
    }
    // The article's date links to its row on its month's page.
    let article = site.read("articles/d2020-070.html");
    assert!(
        article.contains("href=\"../timeline/2020-03.html#t2020-03-15\""),
        "{article}"
    );
}

/// Timeline pages are named by period: another article changes only the pages of the periods
/// its dates fall in (and the overview), so the others keep their bytes. (An article that joins
/// an event reported across periods also changes the page that shows the event: its words are
/// unrelated to the others' here.)
#[test]
fn another_article_changes_only_the_pages_of_its_periods() {
    let dir = tempfile::tempdir().unwrap();
    // Enough dates that the timeline has a page per year.
    for year in 1990..2000 {
        dated_corpus(dir.path(), year, 40);
    }
    let before = build_site(&dir.path().join("site.toml"));
    std::fs::write(
        dir.path().join("seeds/zz-new.txt"),
        "A new report\n\nOn 4 May 1995 the mayor opened the bridge. In 1997 its tolls were abolished.\n",
    )
    .unwrap();
    let after = build_site(&dir.path().join("site.toml"));
    let timeline = |b: &Built| -> Vec<(String, String)> {
        files(&b.out)
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .filter(|f| f.starts_with("timeline/"))
            .map(|f| (f.clone(), b.read(&f)))
            .collect()
    };
    let (old, new) = (timeline(&before), timeline(&after));
    assert_eq!(
        old.iter().map(|p| &p.0).collect::<Vec<_>>(),
        new.iter().map(|p| &p.0).collect::<Vec<_>>(),
        "the same pages"
    );
    let changed: Vec<&str> = old
        .iter()
        .zip(&new)
        .filter(|(o, n)| o.1 != n.1)
        .map(|(o, _)| o.0.as_str())
        .collect();
    assert_eq!(changed, ["timeline/1995.html", "timeline/1997.html"]);
    assert!(new[5].1.contains("id=\"t1995-05-04\""), "{}", new[5].0);
}
