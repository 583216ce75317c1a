/* dossier — the only script every page loads. Everything works without it; it adds the
   theme toggle (remembered across pages), the margin notes of an article (each paragraph's
   actors and dates, made from the paragraph's own links, so the page carries every link once)
   and, in browsers that cannot show a closed <details> in the margin by CSS alone, opens those
   notes on wide screens. */
(function () {
  "use strict";
  var KEY = "dossier-theme";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(theme) {
    try { window.localStorage.setItem(KEY, theme); } catch (e) { /* private mode: session only */ }
  }
  function current() {
    if (root.dataset.theme) { return root.dataset.theme; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // Applied before the body is parsed, so a remembered dark theme never flashes light.
  var saved = stored();
  if (saved === "dark" || saved === "light") { root.dataset.theme = saved; }

  // The toggle is made here, not written into every page: without this script it could not
  // work, and a site of thousands of pages would carry its markup thousands of times.
  function makeToggle() {
    var header = document.querySelector(".site-header");
    if (!header) { return null; }
    var button = el("button", "theme-toggle");
    button.id = "theme-toggle";
    button.type = "button";
    var icon = el("span", "theme-toggle-icon");
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.appendChild(el("span", "theme-toggle-text", "Dark theme"));
    header.appendChild(button);
    return button;
  }

  function wireToggle() {
    var button = document.getElementById("theme-toggle") || makeToggle();
    if (!button) { return; }
    function label() {
      var dark = current() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      remember(next);
      label();
    });
  }


  // Margin notes. Each paragraph, heading or list of the article's body that names actors
  // or dates gets a <details class="notes"> after it (in the margin on wide screens, folded
  // inline on narrow ones): each actor once, by the name its page gives it (from the
  // article's actor chips), then each date as resolved (a date link's data-d, else the date its
  // timeline anchor spells, else its words)
  // with its words. A block with editorial notes already has a .margin cell after it; the
  // notes join that cell.
  var BLOCKS = "p[id], li[id], h2[id], h3[id], h4[id], h5[id], h6[id]";
  var MENTIONS = 'a[href^="../actors/"], a[href^="../timeline"], mark.ma, mark.md';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // The date a date link's timeline anchor spells (#t2022-06-06 "6 June 2022", #t2020-12
  // "December 2020", #t1992, #t2023-W01 "week 1 of 2023"), as label_from_href in
  // src/render/body.rs reads it; the page writes data-d only where this is not the date.
  function labelFromHref(href) {
    var m = /#t([1-9]\d{3})(?:-(?:W(\d{2})|(\d{2})(?:-(\d{2}))?))?$/.exec(href || "");
    if (!m) { return null; }
    var within = function (s, max) { var v = parseInt(s, 10); return v >= 1 && v <= max ? v : null; };
    if (m[2]) { var w = within(m[2], 53); return w ? "week " + w + " of " + m[1] : null; }
    if (!m[3]) { return m[1]; }
    var month = within(m[3], 12);
    if (!month) { return null; }
    var named = MONTHS[month - 1] + " " + m[1];
    if (!m[4]) { return named; }
    var day = within(m[4], 31);
    return day ? day + " " + named : null;
  }

  function count(n, one, many) {
    return n === 0 ? null : n === 1 ? "1 " + one : n + " " + many;
  }

  // The element the notes of `block` follow: the block, or for a list item its outermost list.
  function noteTarget(block, body) {
    if (block.tagName !== "LI") { return block; }
    var target = block.parentElement;
    while (target.parentElement && target.parentElement !== body && /^(UL|OL|LI)$/.test(target.parentElement.tagName)) {
      target = target.parentElement;
    }
    return target;
  }

  function noteFor(group, names) {
    var details = el("details", "notes");
    details.id = "n-" + group.id;
    var summary = el("summary");
    summary.appendChild(el("span", "notes-label", "Notes"));
    summary.appendChild(document.createTextNode(" "));
    var counts = [count(group.actors.length, "actor", "actors"), count(group.dates.length, "date", "dates")];
    summary.appendChild(el("span", "notes-count", counts.filter(Boolean).join(", ")));
    details.appendChild(summary);
    var list = el("ul", "note-list");
    if (group.actors.length) {
      var actors = el("li", "note note-actors");
      actors.appendChild(el("span", "visually-hidden", "Actors: "));
      group.actors.forEach(function (a, i) {
        if (i > 0) { actors.appendChild(document.createTextNode(", ")); }
        var link = el("a", null, names[a.href] || a.text);
        link.href = a.href;
        actors.appendChild(link);
      });
      list.appendChild(actors);
    }
    group.dates.forEach(function (d) {
      var item = el("li", "note note-date");
      item.appendChild(el("span", "visually-hidden", "Date: "));
      var link = el("a", null, d.label);
      if (d.href) { link.href = d.href; }
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "words", "\u201c" + d.text + "\u201d"));
      list.appendChild(item);
    });
    details.appendChild(list);
    return details;
  }

  // Repeated mentions. The page writes a mention whose words and link repeat the latest
  // mention link with the same words as a bare <b> (see Ctx::repeat in src/render/body.rs);
  // each becomes a copy of that link again, before the notes are made from the links.
  var MENTION_LINKS = 'a[href^="../actors/"], a[href^="../timeline"], a[href^="../entities/"]';

  function linkRepeats() {
    var body = document.querySelector(".reader .body");
    if (!body) { return; }
    var latest = Object.create(null);
    var nodes = body.querySelectorAll(MENTION_LINKS + ", b");
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (n.closest(".margin")) { continue; }
      var words = n.textContent;
      if (n.tagName === "A") {
        latest[words] = n;
        continue;
      }
      var like = latest[words];
      if (!like) { continue; }
      var link = like.cloneNode(false);
      while (n.firstChild) { link.appendChild(n.firstChild); }
      n.parentNode.replaceChild(link, n);
    }
  }

  function buildNotes() {
    var body = document.querySelector(".reader .body");
    if (!body) { return; }
    var names = {};
    var chips = document.querySelectorAll(".in-article .chips a");
    for (var c = 0; c < chips.length; c++) {
      names[chips[c].getAttribute("href")] = chips[c].firstChild.nodeValue.trim();
    }
    var groups = [];
    var last = null;
    // A mention link says its kind by its address (the page carries no class on it); a
    // highlight inside an author's link has the class of its kind and the address in data-h.
    var mentions = body.querySelectorAll(MENTIONS);
    for (var i = 0; i < mentions.length; i++) {
      var m = mentions[i];
      var block = m.closest(BLOCKS);
      if (!block || !body.contains(block) || block.closest(".margin")) { continue; }
      var target = noteTarget(block, body);
      if (!last || last.target !== target) {
        last = { target: target, id: block.id, actors: [], seen: {}, dates: [] };
        groups.push(last);
      }
      var href = m.getAttribute("href") || m.getAttribute("data-h");
      var text = m.textContent;
      if (m.classList.contains("ma") || (m.getAttribute("href") || "").indexOf("../actors/") === 0) {
        if (href && !last.seen[href]) {
          last.seen[href] = true;
          last.actors.push({ href: href, text: text });
        }
      } else {
        last.dates.push({ href: href, label: m.getAttribute("data-d") || labelFromHref(href) || text, text: text });
      }
    }
    for (var g = 0; g < groups.length; g++) {
      var note = noteFor(groups[g], names);
      var after = groups[g].target;
      var next = after.nextElementSibling;
      if (next && next.classList.contains("margin")) {
        next.insertBefore(note, next.firstChild);
      } else {
        after.parentNode.insertBefore(note, after.nextSibling);
      }
    }
  }

  function openNotesOnWideScreens() {
    var supported = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    if (supported || !window.matchMedia) { return; }
    var wide = window.matchMedia("(min-width: 62rem)");
    function apply() {
      var notes = document.querySelectorAll("details.notes");
      for (var i = 0; i < notes.length; i++) { notes[i].open = wide.matches; }
    }
    apply();
    if (wide.addEventListener) { wide.addEventListener("change", apply); }
  }

  // Printed pages keep their notes, whatever the browser's support for ::details-content.
  window.addEventListener("beforeprint", function () {
    var notes = document.querySelectorAll("details.notes");
    for (var i = 0; i < notes.length; i++) { notes[i].open = true; }
  });

  document.addEventListener("DOMContentLoaded", function () {
    wireToggle();
    linkRepeats();
    buildNotes();
    openNotesOnWideScreens();
  });
})();
