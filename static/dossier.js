/* dossier — the only script every page loads. Everything works without it; it adds the
   theme toggle (remembered across pages) and, in browsers that cannot show a closed
   <details> in the margin by CSS alone, opens the margin notes on wide screens. */
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

  function wireToggle() {
    var button = document.getElementById("theme-toggle");
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
    openNotesOnWideScreens();
  });
})();
