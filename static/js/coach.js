// Byline readability coach: draws the Coach tab from the analysis the editor fetches,
// highlights findings in the text itself (one show/hide switch, remembered on the user),
// and opens a small card at a highlight: what it is, why, a one-click fix, Ignore.
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  const coach = document.getElementById("coach");
  if (!form || !coach) return;

  const $ = (id) => document.getElementById(id);
  const csrf = form.querySelector("[name=csrf_token]").value;
  const surface = window.BylinePage.surface;
  const layout = window.BylinePage.layout;
  const card = $("coach-card");
  const toggle = $("highlights-switch");
  let latest = null;
  let selected = null;
  let visible = form.dataset.showHighlights !== "0";

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
      button.addEventListener("click", () => jumpTo(kind, button));
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
    surface.setHighlights(highlightList(data), { visible: visible });
    if (layout) layout.counter("coach", data.findings.length);
  }

  function highlightList(data) {
    return data.findings
      .filter((f) => data.legend[f.kind])
      .map((f) => ({ index: f.index, kind: f.kind, text: f.text, start: f.span[0], end: f.span[1], title: data.legend[f.kind] }));
  }

  function drawChecks(list, items) {
    list.innerHTML = "";
    items.forEach((item) => {
      const li = el("li", { class: "check" });
      li.append(el("span", { class: "light light-" + item.light, title: item.light }), el("span", {}, item.text));
      list.append(li);
    });
  }

  // How many times the finding's text appears before it: which one to select or replace.
  function occurrence(finding) {
    const md = (latest && latest.analyzedMarkdown) || surface.getMarkdown();
    let n = 0;
    let at = md.indexOf(finding.text);
    while (at >= 0 && at < finding.span[0]) {
      n += 1;
      at = md.indexOf(finding.text, at + 1);
    }
    return n;
  }

  function markFor(finding) {
    const root = surface.element;
    return root.querySelector('[data-finding="' + finding.index + '"], [data-highlight="' + finding.index + '"]');
  }

  function jumpTo(kind, button) {
    const first = latest && latest.findings.find((f) => f.kind === kind);
    if (!first) return;
    if (surface.rich) {
      const mark = markFor(first);
      if (mark) {
        mark.scrollIntoView({ block: "center" });
        showFinding(first, mark.getBoundingClientRect());
        return;
      }
    } else if (surface.selectRange) {
      const md = surface.getMarkdown();
      if (md.slice(first.span[0], first.span[1]) === first.text) surface.selectRange(first.span[0], first.span[1]);
    }
    showFinding(first, button ? button.getBoundingClientRect() : null);
  }

  // Opened from the keyboard (Alt+Enter on a highlight, Enter on a counter), the card takes
  // the focus so its buttons are one Tab away; opened with the mouse, the text keeps it.
  let lastInput = "mouse";
  document.addEventListener("keydown", () => (lastInput = "key"), true);
  document.addEventListener("mousedown", () => (lastInput = "mouse"), true);

  function place(rect) {
    card.style.visibility = "hidden";
    card.hidden = false;
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const vw = document.documentElement.clientWidth;
    let left = 8;
    let top = window.scrollY + 80;
    if (rect) {
      left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + vw - width - 8));
      top = rect.bottom + window.scrollY + 6;
      if (rect.bottom + height + 12 > window.innerHeight && rect.top > height + 12) {
        top = rect.top + window.scrollY - height - 6;
      }
    }
    card.style.left = left + "px";
    card.style.top = top + "px";
    card.style.visibility = "";
  }

  // Why each kind of finding matters to the people a CIO writes for.
  const WHY = {
    very_hard: "Long, dense sentences make busy readers read twice. One idea per sentence keeps them with you.",
    hard: "Long sentences make busy readers work. Two short ones are easier to follow.",
    passive: "Passive voice hides who acted; readers want to know who owns the decision.",
    adverb: "An adverb often props up a weak verb; a precise verb is shorter and stronger.",
    qualifier: "Hedges make the claim sound unsure; a point of view commits.",
    wordy: "Extra words slow the reader down without adding meaning.",
    cliche: "A cliché reads as filler; a concrete example says more.",
    buzzword: "Buzzwords sound like marketing; plain words sound like someone who runs the business.",
    glossary: "IT jargon loses readers outside IT; plain words keep the board with you.",
    acronym: "An acronym nobody spelled out stops the readers who do not know it.",
  };

  function showFinding(finding, rect) {
    selected = finding;
    const [what, ...rest] = finding.message.split(/(?<=[.!?])\s+/);
    $("coach-card-what").textContent = what;
    $("coach-card-why").textContent = [rest.join(" "), WHY[finding.kind] || "",
      finding.suggestion && String(finding.fix).toLowerCase() !== finding.suggestion.toLowerCase()
        ? "Try: " + finding.suggestion : ""].filter(Boolean).join(" ");
    const fix = $("coach-card-fix");
    const canFix = typeof finding.fix === "string";
    fix.hidden = !canFix;
    if (canFix) {
      fix.textContent = finding.fix ? "Replace with “" + finding.fix + "”" : "Cut “" + finding.text + "”";
    }
    place(rect);
    if (lastInput === "key") (canFix ? fix : $("coach-card-ignore")).focus({ preventScroll: true });
  }

  function hideFinding() {
    selected = null;
    card.hidden = true;
  }

  function applyFix() {
    if (!selected || typeof selected.fix !== "string") return;
    const f = selected;
    const n = occurrence(f);
    let done = false;
    if (f.fix) {
      done = surface.replaceText(f.text, f.fix, { occurrence: n });
    } else {
      // Cutting a phrase takes one space with it, so no double space is left behind.
      done = surface.replaceText(f.text + " ", "", { occurrence: n }) ||
        surface.replaceText(" " + f.text, "", { occurrence: n }) ||
        surface.replaceText(f.text, "", { occurrence: n });
    }
    hideFinding();
    if (!done) {
      document.dispatchEvent(new CustomEvent("byline:error", {
        detail: { message: "That passage changed since the coach looked at it; the fix was not applied." },
      }));
    }
    surface.focus();
  }

  async function ignore() {
    const url = form.dataset.dismissUrl;
    if (!selected) return;
    if (!url) {
      $("coach-card-why").textContent = "Save the draft once, then you can ignore findings in it.";
      return;
    }
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
  }

  function setVisible(on, remember) {
    visible = on;
    toggle.setAttribute("aria-checked", String(on));
    surface.setHighlightsVisible(on);
    document.body.classList.toggle("highlights-off", !on);
    if (!on) hideFinding();
    if (remember === false) return;
    fetch(form.dataset.highlightsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ visible: on }),
    }).catch(() => { /* offline: the switch still works on this page */ });
  }

  toggle.addEventListener("click", () => setVisible(!visible));
  $("coach-card-fix").addEventListener("click", applyFix);
  $("coach-card-ignore").addEventListener("click", ignore);
  $("coach-card-close").addEventListener("click", () => {
    hideFinding();
    surface.focus();
  });
  card.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      hideFinding();
      surface.focus();
    }
  });
  document.addEventListener("mousedown", (event) => {
    if (!card.hidden && !card.contains(event.target) && !event.target.closest("[data-finding], [data-highlight], .counter")) hideFinding();
  });

  surface.onHighlightActivate((highlight, rect) => {
    if (!latest || !visible) return;
    const finding = latest.findings[highlight.index];
    if (finding) showFinding(finding, rect);
  });

  document.addEventListener("byline:analysis", (event) => render(event.detail));
  setVisible(visible, false);
})();
