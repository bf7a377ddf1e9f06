// The Markdown toggle: a plain-text view of the same document. Edits are
// parsed back into the rich document after a short pause (and at once before
// any other operation), so both views share one document and one undo history.
const SYNC_DELAY = 400;

export class SourceMode {
  constructor(editor) {
    this.editor = editor;
    this.timer = null;
    this.dirty = false;
    const ta = (this.el = document.createElement("textarea"));
    ta.className = "bl-source";
    ta.hidden = true;
    ta.spellcheck = true;
    ta.setAttribute("aria-label", "Markdown source");
    editor.root.appendChild(ta);
    ta.addEventListener("input", () => {
      this.dirty = true;
      this.autosize();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), SYNC_DELAY);
      if (editor.opts.onChange) editor.opts.onChange(ta.value);
    });
    ta.addEventListener("keydown", (e) => {
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && !e.altKey && (k === "z" || k === "y")) {
        e.preventDefault();
        if (k === "y" || e.shiftKey) editor.redo();
        else editor.undo();
      }
    });
    ta.addEventListener("beforeinput", (e) => {
      if (e.inputType === "historyUndo" || e.inputType === "historyRedo") {
        e.preventDefault();
        if (e.inputType === "historyUndo") editor.undo();
        else editor.redo();
      }
    });
  }

  value() {
    return this.el.value;
  }

  show(markdown) {
    this.el.value = markdown;
    this.el.hidden = false;
    this.autosize();
  }

  hide() {
    this.el.hidden = true;
  }

  focus() {
    this.el.focus();
  }

  autosize() {
    this.el.style.height = "auto";
    this.el.style.height = this.el.scrollHeight + 2 + "px";
  }

  // Parse the source into the rich document (one history event per pause).
  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    this.dirty = false;
    this.editor._applySource(this.el.value);
  }

  // After undo/redo or an API change while the source is shown.
  refresh() {
    const ta = this.el;
    const start = ta.selectionStart, end = ta.selectionEnd;
    ta.value = this.editor.serialize();
    ta.setSelectionRange(Math.min(start, ta.value.length), Math.min(end, ta.value.length));
    this.autosize();
  }

  setEditable(on) {
    this.el.readOnly = !on;
  }

  destroy() {
    clearTimeout(this.timer);
  }
}
