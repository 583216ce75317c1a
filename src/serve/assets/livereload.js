// dossier serve: reloads the page after each successful rebuild and shows build errors over
// it. Injected by `dossier serve` only, never part of a built site. No inline script or style:
// the page's Content-Security-Policy allows neither; the overlay's look is in overlay.css.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? Number(new URL(me.src).searchParams.get("build")) : 0;
  var overlay = null;
  var dropped = false;

  function showError(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "dossier-overlay";
      overlay.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.className = "dossier-overlay-title";
      // Build 0 is the page served before any build succeeded: there is no good site yet.
      title.textContent = build > 0
        ? "Build failed: still showing the last good site"
        : "Build failed: no site built yet";
      var text = document.createElement("pre");
      text.className = "dossier-overlay-message";
      var close = document.createElement("button");
      close.type = "button";
      close.className = "dossier-overlay-close";
      close.textContent = "Hide";
      close.addEventListener("click", hideError);
      overlay.append(title, text, close);
    }
    overlay.querySelector("pre").textContent = message;
    if (!overlay.isConnected) document.body.appendChild(overlay);
  }

  function hideError() {
    if (overlay) overlay.remove();
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/__dossier/ws");
    socket.addEventListener("message", function (event) {
      var msg = JSON.parse(event.data);
      if (msg.type === "reload") location.reload();
      else if (msg.type === "hello" && (dropped || msg.build !== build)) location.reload();
      else if (msg.type === "error") showError(msg.message);
    });
    socket.addEventListener("close", function () {
      // The server stopped or restarted: reload once it is back.
      dropped = true;
      setTimeout(connect, 1000);
    });
  }

  connect();
})();
