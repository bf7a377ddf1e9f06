// A brief's points, ticked off in place (the brief page and the editor's Brief tab).
// Without JavaScript each point has its own small form button instead.
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrf = meta ? meta.content : "";
  document.querySelectorAll("form.brief-tick").forEach((form) => {
    const box = form.querySelector("input[type='checkbox']");
    const button = form.querySelector("button.no-js-only");
    if (button) button.hidden = true;
    if (!box || !window.fetch) return;
    box.addEventListener("change", () => {
      const wanted = box.checked;
      box.disabled = true;
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ done: wanted }),
      })
        .then((r) => (r.ok ? r.json() : Promise.reject(r)))
        .then((data) => {
          box.checked = data.done;
          form.closest("li").classList.toggle("done", data.done);
          form.querySelector("input[name='done']").value = data.done ? "0" : "1";
          const count = form.closest(".brief").querySelector(".brief-count");
          if (count) count.textContent = "(" + data.covered + " of " + data.total + ")";
        })
        .catch(() => { box.checked = !wanted; })
        .finally(() => { box.disabled = false; });
    });
  });
})();
