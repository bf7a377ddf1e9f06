// Byline suggestions panel: ask, watch the answer stream in, stop, and take
// exactly the changes you want. Model output is shown as text, never as HTML.
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  const panel = document.getElementById("suggest-panel");
  if (!form || !panel) return;

  const $ = (id) => document.getElementById(id);
  const csrf = form.querySelector("[name=csrf_token]").value;
  const surface = window.BylinePage.surface;
  const layout = window.BylinePage.layout;
  const REWRITE = ["clarity", "concise", "expand_example", "executive", "conversational", "jargon", "business_case"];
  let scope = null; // {start, end, text, whole}
  let controller = null;
  let last = null; // {requestId, result, scope}

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function loadActions() {
    const response = await fetch(form.dataset.actionsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    $("suggest-provider").textContent = data.builtin ? data.provider + " · no model configured" : data.provider;
    $("suggest-provider").classList.toggle("pill-builtin", data.builtin);
    panel.querySelectorAll(".action-grid").forEach((grid) => (grid.innerHTML = ""));
    data.actions.forEach((action) => {
      if (action.name === "outline") return;
      const group = REWRITE.includes(action.name) ? "rewrite" : "ideas";
      const button = el("button", { type: "button", "data-action": action.name, class: "small" }, action.label);
      panel.querySelector('.action-grid[data-group="' + group + '"]').append(button);
    });
  }

  // The passage to work on: the selection in the editor (as Markdown), or the whole draft.
  function captureScope() {
    const sel = surface.getSelection();
    const text = sel && !sel.empty ? (sel.markdown || sel.text || "") : "";
    if (text.trim()) {
      scope = { text: text, whole: false };
      const words = text.trim().split(/\s+/).length;
      $("suggest-scope").textContent = "Working on your selection (" + words + " word" + (words === 1 ? "" : "s") + ").";
    } else {
      scope = { text: surface.getMarkdown(), whole: true };
      $("suggest-scope").textContent = "Working on the whole draft. Select a passage first to work on just that.";
    }
  }

  // reset: the Suggest button and Ctrl+J start over from the list of actions; merely
  // switching back to the tab keeps a result that is on screen.
  function open(reset) {
    if (!panel.dataset.loaded) {
      panel.dataset.loaded = "1";
      loadActions();
    }
    if (running()) return;
    if (reset || !$("suggest-actions").hidden) {
      captureScope();
      showActions();
    }
  }

  function openFromButton() {
    open(true);
    if (layout) layout.show("suggest");
  }

  function running() {
    return !$("suggest-run").hidden && !$("suggest-stop").hidden;
  }

  function showActions() {
    $("suggest-actions").hidden = false;
    $("suggest-run").hidden = true;
  }

  function setStatus(text) {
    $("suggest-status").textContent = text;
  }

  function showError(message) {
    $("suggest-error").textContent = message;
    $("suggest-error").hidden = false;
    setStatus("");
    $("suggest-stop").hidden = true;
  }

  async function ask(action) {
    const isOutline = action === "outline";
    const text = isOutline ? $("outline-idea").value : scope.text;
    $("suggest-actions").hidden = true;
    $("suggest-run").hidden = false;
    $("suggest-stream").textContent = "";
    $("suggest-result").innerHTML = "";
    $("suggest-error").hidden = true;
    $("suggest-stop").hidden = false;
    setStatus("Asking…");
    controller = new AbortController();
    const askedScope = Object.assign({}, scope);
    let response;
    try {
      response = await fetch(form.dataset.suggestUrl, {
        method: "POST",
        credentials: "same-origin",
        signal: controller.signal,
        headers: { "Content-Type": "application/json", Accept: "text/event-stream", "X-CSRFToken": csrf },
        body: JSON.stringify({
          action: action, text: text, draft_id: form.dataset.draftId || null,
          title: $("title").value, audience: $("audience").value,
        }),
      });
    } catch (e) {
      showError("Byline could not be reached. Your draft is unchanged; check the connection and try again.");
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || !type.startsWith("text/event-stream")) {
      let message = "The suggestion could not start (" + response.status + "). Your draft is unchanged.";
      try {
        message = (await response.json()).error || message;
      } catch (e) { /* keep the default */ }
      showError(message);
      return;
    }
    await readEvents(response, action, askedScope);
  }

  async function readEvents(response, action, askedScope) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let streamed = "";
    let finished = false;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const raw = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let name = "message";
          let data = "";
          raw.split("\n").forEach((line) => {
            if (line.startsWith("event: ")) name = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          });
          const payload = data ? JSON.parse(data) : {};
          if (name === "start") {
            setStatus((payload.builtin ? "Built-in engine" : payload.model) + " is writing…");
          } else if (name === "delta") {
            streamed += payload.text;
            $("suggest-stream").textContent = streamed;
            const words = streamed.trim() ? streamed.trim().split(/\s+/).length : 0;
            setStatus("Writing… " + words + " word" + (words === 1 ? "" : "s"));
          } else if (name === "done") {
            finished = true;
            $("suggest-stop").hidden = true;
            setStatus(payload.cached ? "Done (from cache)." : "Done.");
            last = { requestId: payload.request_id, result: payload.result, scope: askedScope, action: action };
            showResult(payload.result);
          } else if (name === "error") {
            finished = true;
            showError(payload.message);
          }
        }
      }
    } catch (e) {
      if (e.name === "AbortError") {
        setStatus("Stopped. Nothing was changed.");
        $("suggest-stop").hidden = true;
        return;
      }
      showError("The connection dropped before the answer was complete. Your draft is unchanged; try again.");
      return;
    }
    if (!finished) showError("The answer ended early. Your draft is unchanged; try again.");
  }

  // ---------------------------------------------------------------- results
  function showResult(result) {
    $("suggest-stream").textContent = "";
    const box = $("suggest-result");
    box.innerHTML = "";
    if (result.kind === "rewrite") return showRewrite(box, result);
    if (result.kind === "choices") return showChoices(box, result);
    if (result.kind === "excerpt") return showExcerpt(box, result);
    if (result.kind === "outline") return showOutline(box, result);
  }

  function showRewrite(box, result) {
    const changes = result.segments.filter((s) => s.kind === "change").length;
    if (!changes) {
      box.append(el("p", {}, "No changes suggested: this passage already reads well for this task."));
      return;
    }
    box.append(el("p", { class: "small muted" }, changes + " change" + (changes === 1 ? "" : "s") +
      ". Click a change to accept or reject it, then apply."));
    const diff = el("div", { class: "diff suggest-diff", id: "suggest-diff" });
    result.segments.forEach((segment, index) => {
      if (segment.kind === "same") {
        diff.append(document.createTextNode(segment.old));
        return;
      }
      const change = el("span", { class: "change accepted", "data-index": String(index), role: "button",
        tabindex: "0", "aria-pressed": "true", title: "Click to reject this change" });
      if (segment.old) change.append(el("del", { class: "diff-del" }, segment.old));
      if (segment.new) change.append(el("ins", { class: "diff-ins" }, segment.new));
      const toggle = () => {
        const on = !change.classList.contains("accepted");
        change.classList.toggle("accepted", on);
        change.classList.toggle("rejected", !on);
        change.setAttribute("aria-pressed", String(on));
        change.title = on ? "Click to reject this change" : "Click to accept this change";
      };
      change.addEventListener("click", toggle);
      change.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
      diff.append(change);
    });
    box.append(diff);
    const actions = el("div", { class: "actions" });
    const all = el("button", { type: "button", class: "small" }, "Accept all");
    const none = el("button", { type: "button", class: "small" }, "Reject all");
    const apply = el("button", { type: "button", class: "small primary", id: "suggest-apply" }, "Apply accepted changes");
    all.onclick = () => diff.querySelectorAll(".change").forEach((c) => { if (!c.classList.contains("accepted")) c.click(); });
    none.onclick = () => diff.querySelectorAll(".change").forEach((c) => { if (c.classList.contains("accepted")) c.click(); });
    apply.onclick = () => applyRewrite(result, diff);
    actions.append(all, none, apply);
    box.append(actions);
  }

  // One undo step: the selection itself when it is still the passage, else the passage
  // wherever it now is in the draft.
  function applyRewrite(result, diff) {
    const accepted = new Set(Array.from(diff.querySelectorAll(".change.accepted")).map((c) => parseInt(c.dataset.index, 10)));
    if (!accepted.size) {
      setStatus("No changes accepted; the draft is unchanged.");
      return;
    }
    const text = result.segments.map((s, i) => (s.kind === "change" && accepted.has(i) ? s.new : s.old)).join("");
    const sc = last.scope;
    const current = surface.getMarkdown();
    const sel = surface.getSelection();
    if (!sc.whole && sel && !sel.empty && (sel.markdown || sel.text) === sc.text) {
      surface.replaceSelection(text);
      apply({});
    } else {
      const start = sc.whole ? (current === sc.text ? 0 : -1) : current.indexOf(sc.text);
      if (start < 0) {
        showError("The passage changed while the suggestion was written, so it was not applied. Ask again.");
        return;
      }
      apply({ body: current.slice(0, start) + text + current.slice(start + sc.text.length) });
    }
    setStatus("Applied " + accepted.size + " change" + (accepted.size === 1 ? "" : "s") + ". Ctrl+Z undoes it.");
    $("suggest-result").innerHTML = "";
  }

  function choiceList(box, items, label, onUse) {
    const list = el("ul", { class: "choices" });
    items.forEach((item) => {
      const li = el("li");
      li.append(el("strong", {}, item.text));
      if (item.rationale) li.append(el("span", { class: "small muted" }, " — " + item.rationale));
      const use = el("button", { type: "button", class: "small" }, label);
      use.onclick = () => onUse(item);
      li.append(use);
      list.append(li);
    });
    box.append(list);
  }

  function apply(fields) {
    document.dispatchEvent(new CustomEvent("byline:apply", { detail: { fields: fields, suggestionId: last.requestId } }));
  }

  function showChoices(box, result) {
    if (last.action === "headlines") {
      choiceList(box, result.choices, "Use as title", (item) => {
        apply({ title: item.text });
        setStatus("Title updated.");
      });
    } else {
      choiceList(box, result.choices, "Add at the end", (item) => {
        apply({ body: surface.getMarkdown().replace(/\s*$/, "") + "\n\n" + item.text + "\n" });
        setStatus("Added to the end of the draft.");
      });
    }
  }

  function showExcerpt(box, result) {
    choiceList(box, [{ text: result.excerpt, rationale: "Excerpt" }], "Use as excerpt", (item) => {
      apply({ excerpt: item.text });
      setStatus("Excerpt updated.");
    });
    if (result.meta_description) {
      const meta = el("p", { class: "small" });
      meta.append(el("strong", {}, "Meta description: "), document.createTextNode(result.meta_description));
      box.append(meta);
    }
  }

  function showOutline(box, result) {
    box.append(el("pre", { class: "suggest-stream" }, result.text));
    const insert = el("button", { type: "button", class: "small primary" },
      surface.getMarkdown().trim() ? "Add the outline at the end" : "Start the draft from this outline");
    insert.onclick = () => {
      const lines = result.text.split("\n");
      const fields = {};
      if (lines[0].startsWith("# ") && !$("title").value.trim()) {
        fields.title = lines[0].slice(2).trim();
        lines.shift();
      }
      const current = surface.getMarkdown();
      fields.body = (current.trim() ? current.replace(/\s*$/, "") + "\n\n" : "") + lines.join("\n").trim() + "\n";
      apply(fields);
      setStatus("Outline added.");
    };
    box.append(insert);
  }

  // ------------------------------------------------------------------ wire
  $("suggest-button").addEventListener("click", openFromButton);
  document.addEventListener("byline:tab", (event) => {
    if (event.detail.tab === "suggest") open(false);
  });
  $("suggest-stop").addEventListener("click", () => controller && controller.abort());
  $("suggest-back").addEventListener("click", () => {
    if (controller) controller.abort();
    captureScope();
    showActions();
  });
  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) ask(button.dataset.action);
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "j") {
      event.preventDefault();
      openFromButton();
    }
  });
})();
