// Byline editor: autosave, local backup, analysis refresh, conflicts, presence, offline.
// Nothing a writer types is lost: every keystroke is kept in localStorage until
// the server confirms the save, and a refused save is kept on the server too.
// The text lives in the writing surface (editor-surface.js); the hidden <textarea
// name="body"> mirrors it as Markdown for the plain form.
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  if (!form) return;

  const $ = (id) => document.getElementById(id);
  const surface = window.BylinePage.surface;
  const csrf = form.querySelector("[name=csrf_token]").value;
  const baseInput = form.querySelector("[name=base_version]");
  const fields = {
    title: $("title"),
    body: $("body"),
    excerpt: $("excerpt"),
    tags: $("tags"),
    audience: $("audience"),
  };
  const statusEl = $("save-state");
  const AUTOSAVE_DELAY = 2000;
  // The coach and its highlights refresh this soon after typing stops (the whole
  // round trip, analysis included, stays under 300 ms on 3,000 words: bench/coach_refresh.py).
  const PREVIEW_DELAY = 150;
  // A save that gets no answer in time is treated like a network failure: the
  // text stays in this browser and the save is tried again.
  const SAVE_TIMEOUT = parseInt(form.dataset.saveTimeoutMs, 10) || 20000;

  const state = {
    draftId: form.dataset.draftId || null,
    version: parseInt(form.dataset.version, 10) || 0,
    dirty: false,
    saving: false,
    again: false,
    conflict: null,
    saveTimer: null,
    retryDelay: 0,
    editSeq: 0,
  };
  const urls = {
    create: form.dataset.createUrl,
    analysis: form.dataset.analysisUrl,
    preview: form.dataset.previewUrl,
    autosave: form.dataset.autosaveUrl,
    presence: form.dataset.presenceUrl,
    leave: form.dataset.leaveUrl,
    copy: form.dataset.copyUrl,
  };

  // ---------------------------------------------------------------- helpers
  function values() {
    return {
      title: fields.title.value,
      body: surface.getMarkdown(),
      excerpt: fields.excerpt.value,
      tags: fields.tags.value,
      audience: fields.audience.value,
    };
  }

  // history: true makes it one undo step (a restored local copy); false for the server's text.
  function fill(v, history) {
    fields.title.value = v.title || "";
    if ((v.body || "") !== surface.getMarkdown()) surface.setMarkdown(v.body || "", { history: !!history });
    fields.excerpt.value = v.excerpt || "";
    fields.tags.value = Array.isArray(v.tags) ? v.tags.join(", ") : v.tags || "";
    if (v.audience) fields.audience.value = v.audience;
    schedulePreview(0);
  }

  function workflowState(workflow, editUrl) {
    if (!workflow) return;
    document.dispatchEvent(new CustomEvent("byline:workflow", {
      detail: Object.assign({ edit_url: editUrl || form.action }, workflow),
    }));
  }

  function storeKey(id) {
    return "byline:draft:" + (id || state.draftId || "new");
  }

  function keepLocally() {
    try {
      const entry = Object.assign(values(), { base_version: state.version, kept_at: Date.now() });
      localStorage.setItem(storeKey(), JSON.stringify(entry));
    } catch (e) {
      /* storage full or disabled: the server copy is still the source of truth */
    }
  }

  function readLocal(id) {
    try {
      const raw = localStorage.getItem(storeKey(id));
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function forgetLocal(id) {
    try {
      localStorage.removeItem(storeKey(id));
    } catch (e) {
      /* ignore */
    }
  }

  function setStatus(kind, text) {
    statusEl.dataset.state = kind;
    statusEl.textContent = text;
  }

  function showError(message) {
    const el = $("error-banner");
    el.textContent = message || "";
    el.hidden = !message;
  }

  function timeNow() {
    return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  async function postJSON(url, payload, timeoutMs) {
    const controller = timeoutMs ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrf,
        },
        body: JSON.stringify(payload),
        signal: controller ? controller.signal : undefined,
      });
    } finally {
      clearTimeout(timer);
    }
    let data = {};
    try {
      data = await response.json();
    } catch (e) {
      data = {};
    }
    return { status: response.status, data: data };
  }

  function setVersion(version) {
    state.version = version;
    baseInput.value = String(version);
    const workflowVersion = $("workflow-version");
    if (workflowVersion) workflowVersion.value = String(version);
  }

  // --------------------------------------------------------------- autosave
  function scheduleSave(delay) {
    clearTimeout(state.saveTimer);
    state.saveTimer = setTimeout(() => save(false), delay);
  }

  function onEdit() {
    state.dirty = true;
    state.editSeq += 1;
    keepLocally();
    if (!state.conflict) {
      setStatus("dirty", "Unsaved changes");
      scheduleSave(AUTOSAVE_DELAY);
    }
  }

  function becameDraft(draft) {
    const oldKey = storeKey("new");
    state.draftId = String(draft.id);
    form.dataset.draftId = state.draftId;
    urls.autosave = draft.edit_url + "/autosave";
    urls.presence = draft.edit_url + "/presence";
    urls.leave = draft.edit_url + "/presence/leave";
    urls.copy = draft.edit_url + "/copy-aside";
    form.dataset.dismissUrl = draft.edit_url + "/dismissals";
    form.dataset.imagesUrl = draft.edit_url + "/images";
    form.dataset.panelUrl = draft.edit_url + "/workflow-panel";
    form.dataset.historyPanelUrl = draft.edit_url + "/history-panel";
    form.action = draft.edit_url;
    $("history-link").href = draft.edit_url + "/history";
    $("trash-form").action = draft.edit_url + "/trash";
    $("draft-links").hidden = false;
    try {
      const kept = localStorage.getItem(oldKey);
      localStorage.removeItem(oldKey);
      if (kept) localStorage.setItem(storeKey(), kept);
    } catch (e) {
      /* ignore */
    }
    history.replaceState(null, "", draft.edit_url);
    document.dispatchEvent(new CustomEvent("byline:draft-created")); // presence starts
  }

  // Resolves to the server's answer ({status, data}; status 0: no answer, -1: not sent).
  async function save(explicit, extra) {
    if (state.conflict) return { status: 409, data: {} };
    if (state.saving) {
      state.again = true;
      return { status: -1, data: {} };
    }
    if (!state.dirty && !explicit) return { status: -1, data: {} };
    if (!navigator.onLine) {
      // No request while the browser knows it is offline; the "online" event saves at once.
      keepLocally();
      setStatus("offline", "Offline – kept in this browser");
      return { status: 0, data: {} };
    }
    clearTimeout(state.saveTimer);
    state.saving = true;
    const seq = state.editSeq;
    setStatus("saving", "Saving…");
    const payload = Object.assign(values(), { base_version: state.version, explicit: !!explicit }, extra || {});
    let result;
    try {
      result = state.draftId
        ? await postJSON(urls.autosave, payload, SAVE_TIMEOUT)
        : await postJSON(urls.create, payload); // no retry: a late create would make two drafts
    } catch (e) {
      result = { status: 0, data: {} };
    }
    state.saving = false;
    handleSaveResult(result, seq);
    if (state.again) {
      state.again = false;
      if (state.dirty) scheduleSave(0);
    }
    return result;
  }

  function handleSaveResult(result, seq) {
    const { status, data } = result;
    if (status === 200 || status === 201) {
      if (status === 201) {
        becameDraft(data.draft);
        setVersion(data.draft.version);
      } else {
        setVersion(data.version);
      }
      workflowState(data.workflow);
      state.retryDelay = 0;
      showError("");
      if (seq === state.editSeq) {
        state.dirty = false;
        forgetLocal();
        setStatus("saved", "Saved " + timeNow());
      } else {
        keepLocally();
        scheduleSave(AUTOSAVE_DELAY);
      }
      return;
    }
    keepLocally();
    if (status === 409 && data.conflict) {
      document.dispatchEvent(new CustomEvent("byline:conflict", { detail: data })); // editor-recovery.js
      setStatus("conflict", "Not saved – kept in this browser");
      return;
    }
    if (status === 413 || status === 422 || status === 400) {
      setStatus("error", "Not saved – kept in this browser");
      showError(data.error || "The server refused this save.");
      return;
    }
    if (status === 401 || status === 403) {
      setStatus("error", "Not saved – kept in this browser");
      showError("You are signed out. Sign in again in another tab; your text is kept in this browser.");
      retryLater();
      return;
    }
    // Network down, server restarting or a 5xx: keep trying with backoff.
    setStatus("offline", navigator.onLine ? "Not saved – kept in this browser" : "Offline – kept in this browser");
    retryLater();
  }

  // Back online: save now, not after the backoff, and let the coach catch up.
  window.addEventListener("online", () => {
    state.retryDelay = 0;
    clearTimeout(state.saveTimer);
    if (state.dirty && !state.conflict) save(false);
    else if (!state.conflict) setStatus("saved", state.draftId ? "Saved" : "Not saved yet");
    schedulePreview(0);
  });
  window.addEventListener("offline", () => {
    if (state.dirty) setStatus("offline", "Offline – kept in this browser");
  });

  function retryLater() {
    state.retryDelay = Math.min(60000, state.retryDelay ? state.retryDelay * 2 : 5000);
    scheduleSave(state.retryDelay);
  }

  // ---------------------------------------------------------------- preview
  let previewTimer = null;
  let previewSeq = 0;

  function schedulePreview(delay) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, delay === undefined ? PREVIEW_DELAY : delay);
  }

  async function renderPreview() {
    const seq = ++previewSeq;
    const v = values();
    if (!navigator.onLine) return; // the coach says it is paused; "online" refreshes it
    try {
      // One request gives the highlighted preview and the coach's report.
      const { status, data } = await postJSON(urls.analysis, {
        draft_id: state.draftId, title: v.title, body: v.body, audience: v.audience,
        excerpt: v.excerpt, tags: v.tags,
      });
      if (seq !== previewSeq || status !== 200) return;
      data.analyzedMarkdown = v.body;
      $("word-count").textContent = data.metrics.words;
      $("reading-time").textContent = Math.max(data.metrics.words ? 1 : 0, Math.ceil(data.metrics.reading_time_minutes));
      document.dispatchEvent(new CustomEvent("byline:analysis", { detail: data }));
    } catch (e) {
      /* the preview catches up on the next keystroke */
    }
  }

  document.addEventListener("byline:refresh", () => schedulePreview(0));

  // A suggestion the writer accepted: the text is changed as one undo step, then saved as
  // its own revision (marked "Suggestion accepted").
  // detail.reply, when given, hears how the save went: {ok} or {ok: false, status, error}.
  // A refused title or excerpt (4xx) is put back, so the draft is left as it was saved.
  document.addEventListener("byline:apply", (event) => {
    const detail = event.detail;
    const before = {};
    Object.keys(detail.fields || {}).forEach((name) => {
      if (name === "body") {
        surface.setMarkdown(detail.fields.body, { history: true });
      } else {
        before[name] = fields[name].value;
        fields[name].value = detail.fields[name];
      }
    });
    schedulePreview(0);
    state.dirty = true;
    state.editSeq += 1;
    keepLocally();
    const seq = state.editSeq;
    const run = async () => {
      if (state.saving) {
        setTimeout(run, 200);
        return;
      }
      const result = await save(true, detail.suggestionId ? { suggestion_id: detail.suggestionId } : {});
      if (!detail.reply) return;
      const status = result ? result.status : 0;
      if (status === 200 || status === 201) {
        detail.reply({ ok: true });
        return;
      }
      const refused = status === 400 || status === 413 || status === 422;
      if (refused && seq === state.editSeq && !("body" in (detail.fields || {}))) {
        Object.keys(before).forEach((name) => (fields[name].value = before[name]));
        state.dirty = false;
        forgetLocal();
        showError("");
        setStatus("saved", "Saved");
        schedulePreview(0);
      }
      detail.reply({ ok: false, status: status, error: saveFailure(result) });
    };
    run();
  });

  function saveFailure(result) {
    const status = result ? result.status : 0;
    const said = result && result.data && result.data.error;
    if (said) return said;
    if (status === 409) return "someone else saved a newer version of this draft";
    if (status === 401 || status === 403) return "you are signed out";
    if (status === -1) return "another save was still running";
    return navigator.onLine ? "the server did not answer" : "this browser is offline";
  }

  document.addEventListener("byline:error", (event) => showError(event.detail.message));

  // Ctrl+S anywhere saves at once.
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      state.dirty = true;
      save(true);
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (state.dirty || state.saving) {
      keepLocally();
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // ------------------------------------------------------------------ wire
  ["title", "excerpt", "tags"].forEach((name) => fields[name].addEventListener("input", onEdit));
  fields.audience.addEventListener("change", onEdit);
  surface.onChange(() => {
    onEdit();
    schedulePreview();
  });
  fields.title.addEventListener("input", () => schedulePreview());
  fields.excerpt.addEventListener("input", () => schedulePreview());
  fields.tags.addEventListener("input", () => schedulePreview());
  fields.audience.addEventListener("change", () => schedulePreview());
  form.addEventListener("submit", (event) => {
    // With JavaScript on, Save saves in place; the plain form is the fallback.
    if (event.submitter && event.submitter.id === "save-button") {
      event.preventDefault();
      state.dirty = true;
      save(true);
    }
  });

  // A workflow step (Submit for review...) waits for unsaved words to reach the server first.
  document.addEventListener("submit", async (event) => {
    const target = event.target;
    if (target.id !== "workflow-form" || !(state.dirty || state.saving) || target.dataset.saving) return;
    event.preventDefault();
    target.dataset.saving = "1";
    const submitter = event.submitter;
    while (state.saving) await new Promise((resolve) => setTimeout(resolve, 100));
    if (state.dirty) await save(true);
    delete target.dataset.saving;
    if (!state.dirty && !state.conflict) target.requestSubmit(submitter && submitter.form === target ? submitter : undefined);
  });

  // Something that needs a draft id (an image for a new draft) saves first.
  window.BylinePage.ensureSaved = async () => {
    while (state.saving) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!state.draftId) {
      state.dirty = true;
      await save(true);
    }
    return !!state.draftId;
  };

  // What editor-recovery.js (conflicts, the kept copy) and editor-presence.js share.
  window.BylinePage.draft = {
    state: state, urls: urls, csrf: csrf, values: values, fill: fill, save: save, onEdit: onEdit,
    setVersion: setVersion, setStatus: setStatus, showError: showError, timeNow: timeNow,
    keepLocally: keepLocally, readLocal: readLocal, forgetLocal: forgetLocal,
    postJSON: postJSON, workflowState: workflowState,
  };
  schedulePreview(0);
})();
