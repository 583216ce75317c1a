//! Markup, script and template syntax anywhere in the input is shown as text, never run.

use crate::support::*;

const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ site.title }} {% if true %}X{% endif %} javascript:alert(3)";

#[test]
fn hostile_text_title_metadata_and_notes_render_as_text() {
    let config = format!(
        r#"title = "Site {{{{ x }}}} <script>alert(0)</script>"
description = "<b>d</b> {{% raw %}}"
[[actors]]
id = "evil"
name = "Evil <script>alert(4)</script> {{{{ root }}}}"
kind = "<i>k</i>"
description = "{{% include 'base.html' %}} <a href=javascript:alert(5)>x</a>"
aliases = ["Evil Corp"]
[articles.plain]
title = "{HOSTILE}"
outlet = "<b>Outlet</b> {{{{ page_title }}}}"
author = "<script>alert(6)</script>"
url = "https://example.org/?a=1&b=2"
[articles.sub]
subtitle = "{{% for x in y %}}<em>sub</em>"
"#
    );
    let p = Project::with_config(&config);
    p.seed(
        "plain.txt",
        format!("{HOSTILE}\n\nEvil Corp wrote {HOSTILE} on 3 May 2024.\n\nEvil <script>alert(7)</script> Corp.\n"),
    );
    p.seed(
        "front.md",
        "+++\ntitle = \"<script>alert(8)</script> {{ x }}\"\nauthor = \"{% if %}<i>\"\nurl = \"javascript:alert(9)\"\n+++\n# Head <script>alert(10)</script>\n\n[link](javascript:alert(11)) <script>alert(12)</script> Evil Corp {{ site }}\n\n<div onclick=\"alert(13)\">raw</div>\n\n![img](javascript:alert(14))\n"
    );
    p.seed("sub.txt", "Evil Corp met.\n");
    let r = p.ok();
    // The non-web front-matter URL is dropped with a warning naming the file.
    assert_eq!(
        p.warnings(&r),
        ["seeds/front.md: url \"javascript:alert(9)\" is not a web address (http:// or https://); it is not linked"]
    );
    p.check_all_pages();
    let doc = check_page("plain", &p.read("public/articles/plain.html"));
    assert_eq!(text_of(&doc, "h1").trim(), HOSTILE);
    let main = text_of(&doc, "main");
    assert!(
        main.contains(&format!("Evil Corp wrote {HOSTILE} on 3 May 2024.")),
        "{main}"
    );
    assert!(main.contains("<b>Outlet</b> {{ page_title }}"), "{main}");
    assert!(main.contains("<script>alert(6)</script>"), "{main}");
    let title = text_of(&doc, "title");
    assert!(
        title.contains(HOSTILE) && title.contains("Site {{ x }} <script>alert(0)</script>"),
        "{title}"
    );
    // Margin notes and chips carry the actor's hostile name as text.
    assert!(
        main.contains("Evil <script>alert(4)</script> {{ root }}"),
        "{main}"
    );
    let front = check_page("front", &p.read("public/articles/front.html"));
    let main = text_of(&front, "main");
    assert!(
        main.contains("<script>alert(12)</script> Evil Corp {{ site }}"),
        "{main}"
    );
    assert!(
        main.contains("<div onclick=\"alert(13)\">raw</div>"),
        "{main}"
    );
    assert_eq!(
        text_of(&front, "h1").trim(),
        "<script>alert(8)</script> {{ x }}"
    );
    let sub = check_page("sub", &p.read("public/articles/sub.html"));
    assert_eq!(
        text_of(&sub, ".standfirst").trim(),
        "{% for x in y %}<em>sub</em>"
    );
    let actor = check_page("actor", &p.read("public/actors/evil.html"));
    let text = text_of(&actor, "main");
    assert!(
        text.contains("{% include 'base.html' %} <a href=javascript:alert(5)>x</a>"),
        "{text}"
    );
    assert!(text.contains("<i>k</i>"), "{text}");
    // The search index holds data in the site's own scripts; search.js builds results with
    // text nodes only, so hostile excerpts stay text there too.
    let search_js = include_str!("../../static/search.js");
    assert!(!search_js.contains("innerHTML =") && !search_js.contains("insertAdjacentHTML"));
}

#[test]
fn base_url_must_be_a_web_address() {
    let p = Project::with_config("title = \"T\"\nbase_url = \"javascript:alert(1)//\"\n");
    assert_eq!(
        p.error(),
        format!(
            "error: {}:2:13: base_url: \"javascript:alert(1)//\" is not a web address; write it as https://host/path/",
            p.path("site.toml").display()
        )
    );
    let p = Project::new();
    p.seed("a.txt", "Russia.\n");
    let out = p.run(&["build", "-u", "javascript:alert(1)"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out)
            .starts_with("error: --base-url: \"javascript:alert(1)\" is not a web address;"),
        "{}",
        stderr(&out)
    );
}
