// Keeps the Notifications badge in the top bar current without a reload:
// asks /notifications/unread every 30 seconds while the tab is visible,
// and at once when the tab comes back into view.
(function () {
  "use strict";
  var link = document.getElementById("notif-link");
  if (!link || !window.fetch) return;
  var url = link.getAttribute("data-unread-url");
  var every = parseInt(link.getAttribute("data-poll-ms"), 10) || 30000;
  var timer = null;

  function show(count) {
    var badge = link.querySelector(".badge");
    link.classList.toggle("has-unread", count > 0);
    if (count <= 0) {
      if (badge) badge.remove();
      return;
    }
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "badge";
      link.appendChild(document.createTextNode(" "));
      link.appendChild(badge);
    }
    badge.textContent = count < 100 ? String(count) : "99+";
    badge.setAttribute("aria-label", count + " unread");
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && typeof data.unread === "number") show(data.unread); })
      .catch(function () { /* offline: try again on the next tick */ });
  }

  function start() {
    if (timer === null) timer = window.setInterval(poll, every);
  }
  function stop() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { stop(); } else { poll(); start(); }
  });
  if (!document.hidden) start();
})();
