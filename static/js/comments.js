// Byline comments: threads on the draft or on a passage selected in the editor, with
// replies, resolve/reopen, and edit/delete of one's own. All user text goes in with
// textContent. Passages are marked in the text (surface.setCommentAnchors); clicking a
// thread selects its passage, clicking a marked passage opens its thread.
// The server counts offsets in code points; JavaScript strings count UTF-16 units.
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  const panel = document.getElementById("comments");
  if (!form || !panel || !window.BylinePage) return;
  const surface = window.BylinePage.surface;
  const layout = window.BylinePage.layout;

  const $ = (id) => document.getElementById(id);
  const csrf = form.querySelector("[name=csrf_token]").value;
  const compose = $("comment-new");
  const send = $("comment-send");
  let listUrl = panel.dataset.listUrl;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, onClick, cls) {
    const b = el("button", { type: "button", class: cls === "primary" ? "small primary" : "link small " + (cls || "") }, label);
    b.addEventListener("click", onClick);
    return b;
  }

  // Offsets: code points (server) <-> UTF-16 units (textarea).
  const toPoints = (text, units) => Array.from(text.slice(0, units)).length;

  async function call(url, payload) {
    const options = { headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (payload !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRFToken"] = csrf;
      options.body = JSON.stringify(payload);
    }
    let response;
    let data = {};
    try {
      response = await fetch(url, options);
      data = await response.json();
    } catch (e) {
      /* handled below */
    }
    if (!response || !response.ok) {
      throw new Error(data.error || "Comments are not reachable right now. Check your connection and try again.");
    }
    return data;
  }

  function showError(message) {
    $("comments-error").textContent = message || "";
    $("comments-error").hidden = !message;
  }

  async function act(url, payload) {
    try {
      await call(url, payload || {});
      showError("");
      await load();
      return true;
    } catch (e) {
      showError(e.message);
      return false;
    }
  }

  // --- The selection in the editor -------------------------------------------------------

  // The selected passage as it is written in the Markdown: the selection's Markdown if the
  // draft holds it as is, else its plain text (the server finds that in the saved text).
  function selection() {
    const sel = surface.getSelection();
    if (!sel || sel.empty) return null;
    const text = surface.getMarkdown();
    const candidates = [sel.markdown, sel.text].filter((q) => q && q.trim());
    if (!candidates.length) return null;
    const quote = candidates.find((q) => text.includes(q)) || candidates[candidates.length - 1];
    let start = sel.start !== undefined && text.slice(sel.start, sel.start + quote.length) === quote ? sel.start : text.indexOf(quote);
    if (start < 0) return { quote: quote };
    return { quote: quote, anchor_start: toPoints(text, start), anchor_end: toPoints(text, start + quote.length) };
  }

  function showScope() {
    const sel = selection();
    const scope = $("comments-scope");
    if (!sel) {
      scope.textContent = "On the whole draft. Select text in the editor to comment on a passage.";
      send.textContent = "Comment on draft";
      return;
    }
    const short = sel.quote.length > 80 ? sel.quote.slice(0, 80) + "…" : sel.quote;
    scope.textContent = "On “" + short + "”";
    send.textContent = "Comment on selection";
  }

  // Select a thread's passage in the editor (the surface finds the quote in the current text).
  function selectPassage(thread) {
    if (!thread.quote || thread.outdated) return;
    if (layout && layout.isPhone()) layout.hide();
    surface.selectComment(thread.id);
  }

  // --- Drawing ---------------------------------------------------------------------------

  function when(iso) {
    return iso ? new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "";
  }

  function drawComment(c, thread) {
    const item = el("div", { class: "comment" + (c.deleted ? " deleted" : ""), "data-comment-id": c.id });
    const head = el("div", { class: "comment-head small" });
    head.append(el("strong", {}, c.deleted ? "" : c.author.name), " ", el("span", { class: "muted" }, when(c.created_at)));
    if (c.edited_at) head.append(" ", el("span", { class: "muted", title: "Edited " + when(c.edited_at) }, "(edited)"));
    const text = el("p", { class: "comment-body" }, c.body);
    item.append(head, text);
    if (c.notified.length) item.append(el("p", { class: "small muted" }, "Notified: " + c.notified.join(", ")));
    const actions = el("div", { class: "comment-actions" });
    if (c.can_edit) actions.append(button("Edit", () => startEdit(item, text, c)));
    if (c.can_delete) {
      actions.append(button("Delete", () => {
        if (confirm("Delete this comment? Its text cannot be recovered.")) act(c.url + "/delete");
      }, "danger"));
    }
    if (thread) {
      actions.append(thread.resolved
        ? button("Reopen", () => act(c.url + "/reopen"))
        : button("Resolve", () => act(c.url + "/resolve")));
    }
    if (actions.children.length) item.append(actions);
    return item;
  }

  function startEdit(item, text, c) {
    const box = el("textarea", { rows: "3", maxlength: "5000", "aria-label": "Edit comment" });
    box.value = c.body;
    const save = button("Save", async () => {
      await act(c.url, { body: box.value });
    }, "primary");
    const cancel = button("Cancel", () => load());
    text.replaceWith(box);
    item.querySelector(".comment-actions").replaceChildren(save, cancel);
    box.focus();
  }

  function replyBox(thread) {
    const wrap = el("div", { class: "comment-reply" });
    const box = el("textarea", { rows: "2", maxlength: "5000", "aria-label": "Reply", placeholder: "Reply…" });
    const go = button("Reply", async () => {
      if (await act(listUrl, { body: box.value, parent_id: thread.id })) box.value = "";
    }, "primary");
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) go.click();
    });
    wrap.append(box, go);
    return wrap;
  }

  function drawThread(thread) {
    const li = el("li", { class: "comment-thread" + (thread.outdated ? " outdated" : ""), "data-thread-id": thread.id });
    if (thread.quote) {
      const quote = el("blockquote", { class: "comment-quote", title: "Show this passage in the editor" }, thread.quote);
      li.append(quote);
      if (thread.outdated) li.append(el("p", { class: "comment-outdated small" }, "The passage was changed"));
      li.addEventListener("click", (event) => {
        if (!event.target.closest("button, textarea")) selectPassage(thread);
      });
    }
    li.append(drawComment(thread, thread));
    thread.replies.forEach((reply) => li.append(drawComment(reply)));
    if (thread.resolved && thread.resolved_by) {
      li.append(el("p", { class: "small muted" }, "Resolved by " + thread.resolved_by.name + " · " + when(thread.resolved_at)));
    }
    if (!thread.resolved) li.append(replyBox(thread));
    return li;
  }

  function render(data) {
    const open = data.threads.filter((t) => !t.resolved);
    const done = data.threads.filter((t) => t.resolved);
    surface.setCommentAnchors(open.filter((t) => t.quote).map((t) => ({
      id: t.id, quote: t.quote, resolved: t.resolved, outdated: t.outdated,
    })));
    if (layout) layout.counter("comments", open.length);
    $("comments-list").replaceChildren(...open.map(drawThread));
    $("comments-resolved").replaceChildren(...done.map(drawThread));
    $("comments-resolved-count").textContent = done.length;
    $("comments-resolved-box").hidden = !done.length;
    $("comments-count").textContent = open.length;
    $("comments-count").hidden = !open.length;
  }

  async function load() {
    if (!listUrl) return;
    try {
      render(await call(listUrl));
      showError("");
    } catch (e) {
      showError(e.message);
    }
  }

  async function submit() {
    const payload = Object.assign({ body: compose.value }, selection() || {});
    send.disabled = true;
    if (await act(listUrl, payload)) compose.value = "";
    send.disabled = false;
  }

  function enable(url) {
    listUrl = url;
    $("comments-unsaved").hidden = true;
    $("comments-compose").hidden = false;
    load();
  }

  send.addEventListener("click", submit);
  compose.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit();
  });
  surface.onSelectionChange(showScope);

  // A click on a marked passage (or its margin marker) opens its thread.
  surface.onCommentActivate((id) => {
    if (layout) layout.show("comments");
    const thread = panel.querySelector('[data-thread-id="' + id + '"]');
    if (!thread) return;
    thread.scrollIntoView({ block: "nearest" });
    thread.classList.add("flash");
    setTimeout(() => thread.classList.remove("flash"), 1200);
  });

  // "New comment" from the editor's selection: Ctrl+Alt+M (as in Google Docs) or the
  // Comment button by the selection.
  function startComment() {
    if (!listUrl) return;
    showScope();
    if (layout) layout.show("comments");
    compose.focus();
  }
  window.BylinePage.startComment = startComment;
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === "m") {
      event.preventDefault();
      startComment();
    }
  });

  // A new draft gets an id on its first save (editor.js sets data-draft-id).
  new MutationObserver(() => {
    if (!listUrl && form.dataset.draftId) {
      enable(panel.dataset.listUrlTemplate.replace("/0/", "/" + form.dataset.draftId + "/"));
    }
  }).observe(form, { attributes: true, attributeFilter: ["data-draft-id"] });

  // Pick up others' comments; skip while someone is typing a reply or an edit here.
  setInterval(() => {
    const typing = panel.contains(document.activeElement) && document.activeElement.tagName === "TEXTAREA";
    if (!document.hidden && !typing) load();
  }, 60000);

  showScope();
  if (listUrl) enable(listUrl);
})();
