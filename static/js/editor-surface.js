// Byline editor page: the writing surface. One small API over either the rich-text
// editor bundle (window.BylineEditor, static/vendor/byline-editor.js) or, when the bundle
// is missing or fails, the plain Markdown text area. Every other script talks to
// window.BylinePage.surface, never to the text area or the bundle directly.
// The hidden <textarea name="body"> stays the form field: it always holds the Markdown.
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  const textarea = document.getElementById("body");
  const mount = document.getElementById("editor-mount");
  if (!form || !textarea) return;

  const csrf = form.querySelector("[name=csrf_token]").value;
  const handlers = { change: [], selection: [], highlight: [], comment: [] };
  const on = (name) => (fn) => handlers[name].push(fn);
  const emit = (name, ...args) => handlers[name].forEach((fn) => fn(...args));
  let quiet = false; // loading text that is not an edit (the server's version, a reload)

  // Images: the page uploads, the editor inserts. Contract (branch editor-server):
  // POST /drafts/<id>/images, multipart with the picture in "file" and the CSRF token;
  // answer JSON {src, alt}; an error answer has {error} with a sentence to show.
  async function uploadImage(file) {
    // A new draft gets its id (and its image folder) from a first save.
    if (!form.dataset.imagesUrl && window.BylinePage.ensureSaved) await window.BylinePage.ensureSaved();
    const url = form.dataset.imagesUrl;
    if (!url) throw new Error("Save the draft once before adding images.");
    const data = new FormData();
    data.append("file", file, file.name || "image");
    data.append("csrf_token", csrf);
    let response;
    try {
      response = await fetch(url, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrf },
      });
    } catch (e) {
      throw new Error("The image could not be sent: you seem to be offline. Try again when you are back.");
    }
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    if (!response.ok || !body.src) {
      throw new Error(body.error || "The image was not accepted (" + response.status + "). Your text is unchanged.");
    }
    return { src: body.src, alt: body.alt || "" };
  }

  // -------------------------------------------------------------- rich editor
  function richSurface() {
    const ed = window.BylineEditor.create(mount, {
      markdown: textarea.value,
      placeholder: textarea.getAttribute("placeholder") || "",
      label: "Draft text",
      onChange(markdown) {
        textarea.value = markdown;
        if (!quiet) emit("change", markdown);
      },
      onSelectionChange(selection) { emit("selection", selection); },
      uploadImage: uploadImage,
      onHighlightActivate(highlight, rect) { emit("highlight", highlight, rect); },
      onCommentActivate(id, rect) { emit("comment", id, rect); },
    });
    mount.hidden = false;
    textarea.hidden = true;
    // A refused image (type, size, pixels) or a failed upload: the editor says why.
    mount.addEventListener("byline-editor-error", (event) => {
      document.dispatchEvent(new CustomEvent("byline:error", { detail: { message: event.detail.message } }));
    });
    textarea.setAttribute("tabindex", "-1");
    return {
      rich: true,
      element: mount,
      getMarkdown: () => ed.getMarkdown(),
      setMarkdown(markdown, options) {
        const history = !!(options && options.history);
        quiet = !history;
        try {
          ed.setMarkdown(markdown, { history: history });
        } finally {
          quiet = false;
        }
        textarea.value = ed.getMarkdown();
      },
      getSelection: () => ed.getSelection(),
      replaceSelection: (markdown) => ed.replaceSelection(markdown),
      replaceText: (oldText, newText, options) => ed.replaceText(oldText, newText, options || { occurrence: 0 }),
      setHighlights: (list, options) => ed.setHighlights(list, options),
      setHighlightsVisible: (visible) => ed.setHighlightsVisible(visible),
      setCommentAnchors: (list) => ed.setCommentAnchors(list),
      selectComment: (id) => ed.selectComment(id),
      setMode: (mode) => ed.setMode(mode),
      mode: () => ed.mode(),
      focus: () => ed.focus(),
      setEditable: (yes) => ed.setEditable(yes),
      undo: () => ed.undo(),
      redo: () => ed.redo(),
      exec: (name) => ed.exec(name),
      isActive: (name) => ed.isActive(name),
      editor: ed,
    };
  }

  // ---------------------------------------------------------- plain text area
  function plainSurface() {
    let anchors = [];
    // execCommand keeps the browser's undo history (setting .value wipes it).
    function insert(text) {
      textarea.focus();
      let done = false;
      try {
        done = text ? document.execCommand("insertText", false, text) : document.execCommand("delete");
      } catch (e) {
        done = false;
      }
      if (!done) {
        textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
    function nth(haystack, needle, occurrence) {
      let at = -1;
      for (let i = 0; i <= (occurrence || 0); i += 1) {
        at = haystack.indexOf(needle, at + 1);
        if (at < 0) return -1;
      }
      return at;
    }
    function selectRange(start, end) {
      textarea.focus();
      textarea.setSelectionRange(start, end);
      emit("selection", selection());
    }
    function selection() {
      const start = textarea.selectionStart;
      const end = textarea.selectionEnd;
      const text = textarea.value.slice(start, end);
      return { empty: start === end, text: text, markdown: text, start: start, end: end };
    }
    textarea.addEventListener("input", () => { if (!quiet) emit("change", textarea.value); });
    ["select", "keyup", "mouseup"].forEach((name) =>
      textarea.addEventListener(name, () => emit("selection", selection())));
    return {
      rich: false,
      element: textarea,
      getMarkdown: () => textarea.value,
      setMarkdown(markdown, options) {
        if (options && options.history) {
          textarea.focus();
          textarea.select();
          insert(markdown);
          return;
        }
        quiet = true;
        textarea.value = markdown;
        quiet = false;
      },
      getSelection: selection,
      replaceSelection: (markdown) => insert(markdown),
      replaceText(oldText, newText, options) {
        const at = nth(textarea.value, oldText, options && options.occurrence);
        if (at < 0) return false;
        textarea.focus();
        textarea.setSelectionRange(at, at + oldText.length);
        insert(newText);
        return true;
      },
      setHighlights() { /* the text area cannot colour text; the coach lists findings instead */ },
      setHighlightsVisible() {},
      setCommentAnchors(list) { anchors = list || []; },
      selectComment(id) {
        const anchor = anchors.find((a) => String(a.id) === String(id));
        if (!anchor || !anchor.quote) return false;
        const at = textarea.value.indexOf(anchor.quote);
        if (at < 0) return false;
        selectRange(at, at + anchor.quote.length);
        return true;
      },
      selectRange: selectRange,
      setMode() {},
      mode: () => "markdown",
      focus: () => textarea.focus(),
      setEditable(yes) { textarea.readOnly = !yes; },
      undo() { textarea.focus(); document.execCommand("undo"); },
      redo() { textarea.focus(); document.execCommand("redo"); },
    };
  }

  let surface = null;
  if (window.BylineEditor && mount) {
    try {
      surface = richSurface();
    } catch (e) {
      // A broken bundle must never cost the writer the page: fall back to the text area.
      mount.hidden = true;
      textarea.hidden = false;
      surface = null;
    }
  }
  if (!surface) surface = plainSurface();
  surface.onChange = on("change");
  surface.onSelectionChange = on("selection");
  surface.onHighlightActivate = on("highlight");
  surface.onCommentActivate = on("comment");
  surface.uploadImage = uploadImage;
  const modeToggle = document.getElementById("mode-toggle");
  if (modeToggle && surface.rich) {
    modeToggle.addEventListener("click", () => {
      const source = surface.mode() !== "markdown";
      surface.setMode(source ? "markdown" : "rich");
      modeToggle.setAttribute("aria-pressed", String(source));
      modeToggle.title = source ? "Back to the formatted view" : "Show the Markdown source";
      surface.focus();
    });
  } else if (modeToggle) {
    modeToggle.remove(); // the text area already is the Markdown source
  }
  document.body.classList.toggle("surface-rich", surface.rich);
  document.body.classList.toggle("surface-plain", !surface.rich);
  window.BylinePage = Object.assign(window.BylinePage || {}, { surface: surface, csrf: csrf });
})();
