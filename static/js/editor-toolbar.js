// Byline editor page: the formatting toolbar. With the rich-text editor each button runs
// one of its commands (one undo step each) and shows whether it is active; with the plain
// text area (no bundle) it writes Markdown through execCommand, so Ctrl+Z undoes each one.
(function () {
  "use strict";

  const surface = window.BylinePage && window.BylinePage.surface;
  const body = document.getElementById("body");
  const toolbar = document.getElementById("md-toolbar");
  if (!surface || !body || !toolbar) return;
  if (surface.rich) {
    const buttons = Array.from(toolbar.querySelectorAll("[data-exec]"));
    buttons.forEach((button) => {
      button.hidden = false;
      // Keep the editor's selection: the toolbar acts on it without taking the focus.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => {
        surface.exec(button.dataset.exec);
        if (button.dataset.exec !== "link" && button.dataset.exec !== "image") surface.focus();
        pressed();
      });
    });
    const toggles = buttons.filter((b) => !["link", "image", "table"].includes(b.dataset.exec));
    function pressed() {
      toggles.forEach((b) => b.setAttribute("aria-pressed", String(!!surface.isActive(b.dataset.exec))));
    }
    surface.onSelectionChange(pressed);
    surface.onChange(pressed);
    pressed();
    return;
  }
  toolbar.setAttribute("aria-controls", "body");

  function replace(make) {
    const start = body.selectionStart;
    const end = body.selectionEnd;
    const { text, selectFrom, selectTo } = make(body.value.slice(start, end));
    surface.replaceSelection(text);
    if (selectFrom !== undefined) body.setSelectionRange(start + selectFrom, start + selectTo);
  }

  function wrap(marker, placeholder) {
    replace((s) => {
      const inner = s || placeholder;
      return { text: marker + inner + marker, selectFrom: marker.length, selectTo: marker.length + inner.length };
    });
  }

  function prefixLines(prefix) {
    const start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    body.setSelectionRange(start, body.selectionEnd);
    replace((s) => ({
      text: (s || "").split("\n")
        .map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : prefix + line)).join("\n"),
    }));
  }

  const actions = {
    bold: () => wrap("**", "bold text"),
    italic: () => wrap("_", "italic text"),
    heading: () => prefixLines("## "),
    list: () => prefixLines("- "),
    quote: () => prefixLines("> "),
    code: () => {
      const s = body.value.slice(body.selectionStart, body.selectionEnd);
      if (s.includes("\n")) replace((sel) => ({ text: "```\n" + sel + "\n```" }));
      else wrap("`", "code");
    },
    link: () => replace((s) => {
      const label = s || "link text";
      return { text: "[" + label + "](https://)", selectFrom: label.length + 3, selectTo: label.length + 11 };
    }),
  };

  toolbar.querySelectorAll("[data-md]").forEach((button) => {
    button.addEventListener("click", () => actions[button.dataset.md]());
  });

  body.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    let action = null;
    if (key === "b" && !event.shiftKey) action = "bold";
    else if (key === "i" && !event.shiftKey) action = "italic";
    else if (key === "k") action = "link";
    else if (key === "e") action = "code";
    else if (event.altKey && key === "2") action = "heading";
    else if (event.shiftKey && (key === "8" || key === "*")) action = "list";
    else if (event.shiftKey && (key === "." || key === ">")) action = "quote";
    if (action) {
      event.preventDefault();
      actions[action]();
    }
  });
})();
