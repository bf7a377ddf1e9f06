// Byline editor page: the layout around the text. Tabs of the side panel (keyboard as in
// the WAI-ARIA tabs pattern), collapsing it, bottom sheets on phones, the top bar's status
// badge and next step, and being offline. Other scripts ask for a tab with
// BylinePage.layout.show("suggest") and hear "byline:tab" when one opens.
(function () {
  "use strict";

  const shell = document.getElementById("editor-shell");
  const form = document.getElementById("editor-form");
  if (!shell || !form) return;

  const $ = (id) => document.getElementById(id);
  const panel = $("side-panel");
  const tabs = Array.from(panel.querySelectorAll('[role="tab"]'));
  const phone = window.matchMedia("(max-width: 760px)");
  const PREF = "byline:panel:" + (form.dataset.userId || "");

  document.querySelectorAll(".js-only").forEach((el) => (el.hidden = false));
  shell.classList.add("js");

  // ------------------------------------------------------------------ tabs
  function current() {
    const tab = tabs.find((t) => t.getAttribute("aria-selected") === "true");
    return tab ? tab.dataset.tab : "coach";
  }

  function select(name) {
    tabs.forEach((tab) => {
      const on = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      $(tab.getAttribute("aria-controls")).hidden = !on;
    });
  }

  function setOpen(open, remember) {
    shell.classList.toggle("panel-collapsed", !open);
    $("panel-toggle").setAttribute("aria-expanded", String(open));
    if (remember !== false && !phone.matches) {
      try { localStorage.setItem(PREF, open ? "open" : "closed"); } catch (e) { /* private mode */ }
    }
  }

  function isOpen() {
    return !shell.classList.contains("panel-collapsed");
  }

  function show(name, options) {
    select(name);
    setOpen(true);
    document.dispatchEvent(new CustomEvent("byline:tab", { detail: { tab: name } }));
    if (options && options.focus) $("tab-" + name).focus({ preventScroll: true });
  }

  function hide() {
    setOpen(false);
    if (phone.matches) window.BylinePage.surface.focus();
  }

  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => {
      // On a phone a tap on the open tab folds the sheet away again.
      if (phone.matches && isOpen() && current() === tab.dataset.tab) hide();
      else show(tab.dataset.tab);
    });
    tab.addEventListener("keydown", (event) => {
      let to = null;
      if (event.key === "ArrowRight" || event.key === "ArrowDown") to = tabs[(i + 1) % tabs.length];
      else if (event.key === "ArrowLeft" || event.key === "ArrowUp") to = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") to = tabs[0];
      else if (event.key === "End") to = tabs[tabs.length - 1];
      if (!to) return;
      event.preventDefault();
      to.focus();
      show(to.dataset.tab);
    });
  });

  $("panel-toggle").addEventListener("click", () => (isOpen() ? hide() : show(current())));
  $("panel-close").addEventListener("click", hide);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      event.preventDefault();
      hide();
      window.BylinePage.surface.focus();
    }
  });

  // Links into a panel ("#export", "#comments") open its tab instead of jumping.
  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (!link) return;
    const target = document.querySelector(link.getAttribute("href"));
    const holder = target && target.closest('[role="tabpanel"]');
    if (!holder) return;
    event.preventDefault();
    show(holder.id.replace("tab-", ""), { focus: true });
  });

  function counter(name, n) {
    const el = $("tab-count-" + name);
    if (!el) return;
    el.textContent = n ? String(n) : "";
    el.hidden = !n;
  }

  // ------------------------------------------------------- status and next step
  let workflow = null;
  let checklist = null;

  function renderNext() {
    const next = $("next-step");
    const publish = $("next-publish");
    const todo = $("next-todo");
    const waiting = $("next-waiting");
    next.hidden = publish.hidden = todo.hidden = true;
    const step = workflow && workflow.next_step;
    waiting.textContent = (workflow && workflow.waiting) || "";
    waiting.hidden = !waiting.textContent;
    if (!step) return;
    if (step.kind === "publish") {
      publish.hidden = false;
      return;
    }
    if (step.action === "submit" && checklist) {
      const missing = checklist.filter((item) => item.level === "required" && !item.passed);
      if (missing.length) {
        todo.textContent = "Checklist: " + missing.length + " to do";
        todo.title = "Before you submit: " + missing.map((m) => m.label).join(", ");
        todo.hidden = false;
        return;
      }
    }
    if (!$("workflow-form")) return;
    next.value = step.action;
    next.textContent = step.label;
    next.hidden = false;
  }

  async function refreshReviewTab() {
    const url = form.dataset.panelUrl;
    if (!url) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) return;
      $("workflow-slot").innerHTML = await response.text(); // our own template, escaped by Jinja
      document.dispatchEvent(new CustomEvent("byline:refresh"));
    } catch (e) { /* the next heartbeat tries again */ }
  }

  // The History tab lists the newest revisions as they are now.
  async function refreshHistoryTab() {
    const url = form.dataset.historyPanelUrl;
    if (!url) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const holder = document.createElement("div");
      holder.innerHTML = await response.text(); // our own template, escaped by Jinja
      const fresh = holder.querySelector("#draft-links");
      if (fresh) $("draft-links").replaceWith(fresh);
    } catch (e) { /* offline: the list stays as it was */ }
  }
  document.addEventListener("byline:tab", (event) => {
    if (event.detail.tab === "history") refreshHistoryTab();
  });

  function ensureWorkflowForm(editUrl) {
    if ($("workflow-form")) return;
    const f = document.createElement("form");
    f.id = "workflow-form";
    f.method = "post";
    f.action = editUrl + "/workflow";
    f.hidden = true;
    [["csrf_token", window.BylinePage.csrf, ""], ["expected_version", form.dataset.version, "workflow-version"]]
      .forEach(([name, value, id]) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        if (id) input.id = id;
        f.append(input);
      });
    document.body.append(f);
  }

  document.addEventListener("byline:workflow", (event) => {
    const state = event.detail;
    const changed = workflow && workflow.status !== state.status;
    workflow = state;
    const badge = $("status-badge");
    badge.textContent = state.status_label;
    // The classes of templates/partials/_status_badge.html: one badge style everywhere.
    badge.className = "pill status-badge status-" + state.status;
    if (state.edit_url) ensureWorkflowForm(state.edit_url);
    renderNext();
    document.querySelectorAll(".unsaved-note").forEach((el) => (el.hidden = true));
    if (changed || !$("workflow")) refreshReviewTab();
  });

  document.addEventListener("byline:analysis", (event) => {
    checklist = event.detail.checklist || null;
    renderNext();
  });

  $("next-todo").addEventListener("click", () => show("review", { focus: true }));
  $("next-publish").addEventListener("click", (event) => {
    event.preventDefault();
    show("publish", { focus: true });
  });

  // ---------------------------------------------------------------- offline
  function network() {
    const offline = !navigator.onLine;
    $("net-state").hidden = !offline;
    $("offline-banner").hidden = !offline;
    $("coach-paused").hidden = !offline;
    shell.classList.toggle("is-offline", offline);
  }
  window.addEventListener("online", network);
  window.addEventListener("offline", network);

  // ------------------------------------------------------------------ title
  // The title wraps like the post's headline; Enter goes on to the text.
  const title = $("title");
  function growTitle() {
    title.style.height = "auto";
    title.style.height = title.scrollHeight + "px";
  }
  title.addEventListener("input", growTitle);
  title.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      window.BylinePage.surface.focus();
    }
  });
  window.addEventListener("resize", growTitle);
  growTitle();

  // -------------------------------------------------------------------- start
  let remembered = null;
  try { remembered = localStorage.getItem(PREF); } catch (e) { remembered = null; }
  // A draft started from a brief opens with its Brief tab ("#brief"); otherwise the Coach.
  select(location.hash === "#brief" && $("tab-brief") ? "brief" : "coach");
  setOpen(phone.matches ? false : remembered !== "closed", false);
  phone.addEventListener("change", () => setOpen(!phone.matches && remembered !== "closed", false));
  network();

  window.BylinePage = Object.assign(window.BylinePage || {}, {
    layout: { show: show, hide: hide, isOpen: isOpen, current: current, counter: counter, isPhone: () => phone.matches },
  });
})();
