// The planning calendar: shows days in the browser's time zone when the profile names none,
// and moves a scheduled post or a brief's due date by drag and drop. A drop fills in the
// item's own "Move to" form and submits it, so dragging and the keyboard path are one path.
(function () {
  "use strict";
  const page = document.getElementById("calendar");
  if (!page) return;

  if (page.dataset.browserZone === "1") {
    let zone = "UTC";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { /* UTC */ }
    const url = new URL(window.location.href);
    if (zone !== "UTC" && !url.searchParams.has("tz")) {
      url.searchParams.set("tz", zone);
      window.location.replace(url.toString());
      return;
    }
  }

  let dragged = null;
  page.querySelectorAll(".cal-item[draggable='true']").forEach((item) => {
    item.addEventListener("dragstart", (event) => {
      dragged = item;
      item.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.record || item.dataset.brief || "");
    });
    item.addEventListener("dragend", () => {
      item.classList.remove("dragging");
      dragged = null;
      page.querySelectorAll(".drop-target").forEach((d) => d.classList.remove("drop-target"));
    });
  });

  page.querySelectorAll(".cal-day").forEach((day) => {
    day.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      day.classList.add("drop-target");
    });
    day.addEventListener("dragleave", (event) => {
      if (!day.contains(event.relatedTarget)) day.classList.remove("drop-target");
    });
    day.addEventListener("drop", (event) => {
      if (!dragged) return;
      event.preventDefault();
      day.classList.remove("drop-target");
      const form = dragged.querySelector("form.move-form");
      if (!form || day.contains(dragged)) return;
      form.querySelector("input[type='date']").value = day.dataset.day;
      dragged.classList.add("moving");
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });
})();
