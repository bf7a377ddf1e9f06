// Byline readability coach: draws the sidebar from the analysis the editor fetches,
// jumps to findings, and lets the writer ignore one for this draft.
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  const coach = document.getElementById("coach");
  if (!form || !coach) return;

  const $ = (id) => document.getElementById(id);
  const csrf = form.querySelector("[name=csrf_token]").value;
  const preview = $("preview");
  const body = $("body");
  let latest = null;
  let selected = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function counterLabel(kind, n, data) {
    const s = data.summary;
    switch (kind) {
      case "hard": return plural(n, "hard sentence") + " of " + s.sentences;
      case "very_hard": return plural(n, "very hard sentence") + " of " + s.sentences;
      case "adverb": return plural(n, "adverb") + ", aim for " + s.adverbs_aim + " or fewer";
      case "passive": return plural(n, "use") + " of passive voice, aim for " + s.passive_aim + " or fewer";
      default: return n + " × " + data.legend[kind].toLowerCase();
    }
  }

  function render(data) {
    latest = data;
    const score = data.score;
    $("coach-score").textContent = score.score;
    $("coach-light").className = "light light-" + score.light;
    $("coach-light").title = score.light;
    $("coach-band").textContent =
      "Grade " + score.grade.toFixed(1) + " · reading ease " + score.flesch_reading_ease.toFixed(0) +
      " · target for " + score.band.label + ": grade " + score.band.grade_min + "–" + score.band.grade_max;
    $("coach-reason").textContent = score.reason;

    const counters = $("coach-counters");
    counters.innerHTML = "";
    Object.keys(data.legend).forEach((kind) => {
      const n = data.counts[kind] || 0;
      if (!n) return;
      const li = el("li");
      const button = el("button", { type: "button", class: "counter hl-" + kind, "data-kind": kind });
      button.append(el("span", { class: "swatch hl-" + kind }), counterLabel(kind, n, data));
      button.addEventListener("click", () => jumpTo(kind));
      li.append(button);
      counters.append(li);
    });
    if (!counters.children.length) counters.append(el("li", { class: "muted small" }, "Nothing flagged."));

    const legend = $("legend");
    legend.innerHTML = "";
    Object.keys(data.legend).forEach((kind) => {
      if (!data.counts[kind]) return;
      const item = el("li");
      item.append(el("span", { class: "swatch hl-" + kind }), data.legend[kind]);
      legend.append(item);
    });

    const dismissed = $("coach-dismissed");
    dismissed.hidden = !data.dismissed;
    dismissed.textContent = data.dismissed ? plural(data.dismissed, "finding") + " ignored in this draft." : "";

    const checklist = $("checklist");
    if (checklist && data.checklist) {
      checklist.innerHTML = "";
      data.checklist.forEach((item) => {
        const light = item.passed ? "green" : item.level === "required" ? "red" : "orange";
        const li = el("li", { class: "check", "data-key": item.key, "data-passed": String(item.passed) });
        li.append(el("span", { class: "light light-" + light, title: item.level }),
          el("span", {}, item.label + (item.level === "required" ? " (required)" : "") + ": " + item.detail));
        checklist.append(li);
      });
    }

    drawChecks($("coach-structure"), data.structure.map((c) => ({ light: c.light, text: c.reason })));
    const scorecardLight = { pass: "green", warn: "orange", fail: "red" };
    drawChecks($("coach-scorecard"), data.scorecard.map((c) => ({ light: scorecardLight[c.status], text: c.why })));

    const metrics = $("coach-metrics");
    metrics.innerHTML = "";
    const m = data.metrics;
    [
      ["Flesch reading ease", m.flesch_reading_ease], ["Flesch-Kincaid grade", m.flesch_kincaid_grade],
      ["Gunning fog", m.gunning_fog], ["SMOG", m.smog_index], ["Coleman-Liau", m.coleman_liau_index],
      ["ARI", m.automated_readability_index], ["Dale-Chall", m.dale_chall_readability_score],
      ["Consensus grade", m.text_standard], ["Words", m.words], ["Sentences", m.sentences],
      ["Paragraphs", m.paragraphs],
    ].forEach(([label, value]) => {
      metrics.append(el("dt", {}, label), el("dd", {}, typeof value === "number" ? String(Math.round(value * 10) / 10) : value));
    });
    if (selected !== null) hideFinding();
  }

  function drawChecks(list, items) {
    list.innerHTML = "";
    items.forEach((item) => {
      const li = el("li", { class: "check" });
      li.append(el("span", { class: "light light-" + item.light, title: item.light }), el("span", {}, item.text));
      list.append(li);
    });
  }

  function jumpTo(kind) {
    const first = latest && latest.findings.find((f) => f.kind === kind);
    if (!first) return;
    const mark = preview.querySelector('mark[data-finding="' + first.index + '"]');
    if (mark) {
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
      mark.classList.add("flash");
      setTimeout(() => mark.classList.remove("flash"), 1200);
    }
    body.focus();
    body.setSelectionRange(first.span[0], first.span[1]);
    showFinding(first);
  }

  function showFinding(finding) {
    selected = finding;
    $("coach-finding-message").textContent = finding.message;
    $("coach-finding-suggestion").textContent = finding.suggestion ? "Try: " + finding.suggestion : "";
    $("coach-finding").hidden = false;
  }

  function hideFinding() {
    selected = null;
    $("coach-finding").hidden = true;
  }

  preview.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-finding]");
    if (!mark || !latest) return;
    const finding = latest.findings[parseInt(mark.dataset.finding, 10)];
    if (finding) showFinding(finding);
  });

  $("coach-ignore").addEventListener("click", async () => {
    const url = form.dataset.dismissUrl;
    if (!selected || !url) return;
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ kind: selected.kind, fingerprint: selected.fingerprint, text: selected.text }),
    });
    if (response.ok) {
      hideFinding();
      document.dispatchEvent(new CustomEvent("byline:refresh"));
    }
  });

  document.addEventListener("byline:analysis", (event) => render(event.detail));
})();
