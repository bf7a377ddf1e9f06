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
    // The server words it: "Model switched off (using the built-in engine)", "… · no model configured".
    $("suggest-provider").textContent = data.label || data.provider;
    if (data.detail) $("suggest-provider").title = data.detail;
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

  // Resolves to {ok} or {ok: false, status, error} once the editor's save has an answer.
  function apply(fields) {
    return new Promise((resolve) => {
      document.dispatchEvent(new CustomEvent("byline:apply", {
        detail: { fields: fields, suggestionId: last.requestId, reply: resolve },
      }));
    });
  }

  const results = window.BylineSuggestResults({
    $: $, el: el, surface: surface, setStatus: setStatus, showError: showError, apply: apply,
    last: () => last,
  });
  const showResult = results.showResult;

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
