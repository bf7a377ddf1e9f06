// Publishing forms send the writer's time zone, so dates are the user's local time.
(function () {
  "use strict";
  let zone = "UTC";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch (e) { /* keep UTC */ }
  document.querySelectorAll("#export input.tz").forEach((input) => (input.value = zone));
})();
