// Times in the browser's own zone for people who left the profile's time zone
// on "Use my browser's time zone": the server wrote them in UTC (see
// webapp/timefmt.py); this rewrites the exact time (the hover text, or the
// text itself for exact times) in the same format, "2 Dec 2026, 14:05 CET".
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var format = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short"
  });
  function exact(date) {
    var p = {};
    format.formatToParts(date).forEach(function (part) { p[part.type] = part.value; });
    return p.day + " " + p.month + " " + p.year + ", " + p.hour + ":" + p.minute + " " + p.timeZoneName;
  }
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var date = new Date(el.getAttribute("datetime"));
    if (isNaN(date.getTime())) return;
    var text = exact(date);
    el.setAttribute("title", text);
    if (el.getAttribute("data-style") === "exact") el.textContent = text;
  });
})();
