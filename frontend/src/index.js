// window.BylineEditor: the rich-text editor behind Byline's draft page.
// Markdown in, Markdown out; see editor-api.md for the contract.
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { Slice } from "prosemirror-model";
import { history, closeHistory, undo, redo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { baseKeymap } from "prosemirror-commands";
import { dropCursor } from "prosemirror-dropcursor";
import { gapCursor } from "prosemirror-gapcursor";
import { tableEditing } from "prosemirror-tables";
import { schema } from "./schema.js";
import { parseMarkdown, serializeMarkdown, serializeFragment } from "./markdown.js";
import { buildInputRules, undoInputRule } from "./inputrules.js";
import { baseKeys, commands, isActive } from "./commands.js";
import { LinkDialog } from "./linkdialog.js";
import { cleanPastedHTML, markdownTextSlice } from "./paste.js";
import { highlightsPlugin } from "./highlights.js";
import { commentsPlugin } from "./comments.js";
import { buildTextIndex, findRange, normalizeSpace } from "./textindex.js";
import { activeBlockPlugin, CodeBlockView, placeholderPlugin, uploadPlugin } from "./views.js";
import { SourceMode } from "./source.js";
import { ONE_STEP, oneStep } from "./steps.js";
import { imageMethods } from "./images.js";
import { annotationMethods } from "./annotations.js";


// The smallest top-level change turning `state.doc` into `doc` (one step).
function replaceDocTr(state, doc) {
  const a = state.doc, b = doc;
  let start = 0, from = 0;
  while (start < a.childCount && start < b.childCount && a.child(start).eq(b.child(start))) {
    from += a.child(start).nodeSize;
    start++;
  }
  let endA = a.childCount, endB = b.childCount;
  while (endA > start && endB > start && a.child(endA - 1).eq(b.child(endB - 1))) { endA--; endB--; }
  if (start === endA && start === endB) return null;
  let to = from;
  for (let i = start; i < endA; i++) to += a.child(i).nodeSize;
  const nodes = [];
  for (let i = start; i < endB; i++) nodes.push(b.child(i));
  return state.tr.replaceWith(from, to, nodes);
}

function sliceFromMarkdown(markdown) {
  const doc = parseMarkdown(markdown);
  if (doc.childCount === 1 && doc.firstChild.type === schema.nodes.paragraph) return new Slice(doc.firstChild.content, 0, 0);
  const first = doc.firstChild, last = doc.lastChild;
  return new Slice(doc.content, first.type === schema.nodes.paragraph ? 1 : 0, last.type === schema.nodes.paragraph ? 1 : 0);
}

class Editor {
  constructor(mount, opts = {}) {
    this.opts = opts;
    this.editable = true;
    this._mode = "rich";
    this._closeNext = false;
    this._md = null;
    this._lastSel = null;
    this._hover = null;
    this._uploadSeq = 0;

    const root = (this.root = document.createElement("div"));
    root.className = "bl-editor";
    const rich = (this.richHost = document.createElement("div"));
    rich.className = "bl-rich";
    root.appendChild(rich);
    mount.appendChild(root);
    this.source = new SourceMode(this);
    this.dialog = new LinkDialog(root, () => this.view, () => this.view.focus());

    const plugins = [
      buildInputRules(),
      keymap({ Backspace: undoInputRule }),
      keymap(this._keys()),
      keymap(baseKeymap),
      history({ newGroupDelay: 600 }),
      dropCursor(),
      gapCursor(),
      tableEditing(),
      highlightsPlugin(),
      commentsPlugin(),
      uploadPlugin(),
      placeholderPlugin(opts.placeholder || ""),
      activeBlockPlugin(),
    ];
    const state = EditorState.create({ doc: parseMarkdown(opts.markdown || ""), plugins });
    this.view = new EditorView(rich, {
      state,
      editable: () => this.editable,
      dispatchTransaction: (tr) => this._dispatch(tr),
      nodeViews: { code_block: (node, view, getPos) => new CodeBlockView(node, view, getPos) },
      attributes: {
        class: "bl-prose",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": opts.label || "Post body",
        spellcheck: "true",
      },
      transformPastedHTML: (html) => cleanPastedHTML(html),
      clipboardTextParser: (text, $context, plain) => {
        if (plain || $context.parent.type.spec.code) return null;
        return markdownTextSlice(text) || null;
      },
      handlePaste: (view, event) => this._pasteFiles(event),
      handleDrop: (view, event, slice, moved) => this._dropFiles(event, moved),
      handleDOMEvents: {
        click: (view, event) => this._click(event),
        mouseover: (view, event) => this._hoverIn(event),
      },
    });
    this._emitSelection(true);
  }

  _keys() {
    const keys = baseKeys(() => this.openLinkDialog());
    for (const k of Object.keys(keys)) {
      if (!/^(Enter|ArrowDown|Tab|Shift-Tab|Mod-k|Mod-z|Shift-Mod-z|Mod-y)$/.test(k)) keys[k] = oneStep(keys[k]);
    }
    keys["Alt-Enter"] = () => this._activateAtSelection();
    return keys;
  }

  // ------------------------------------------------------------ transactions
  _dispatch(tr) {
    if (tr.docChanged && tr.getMeta("addToHistory") !== false) {
      if (tr.getMeta(ONE_STEP)) {
        closeHistory(tr);
        this._closeNext = true;
      } else if (this._closeNext) {
        closeHistory(tr);
        this._closeNext = false;
      }
    }
    const state = this.view.state.apply(tr);
    this.view.updateState(state);
    if (tr.docChanged && tr.getMeta("uiEvent") === "paste") this._uploadPastedDataImages(tr);
    if (tr.docChanged) {
      this._md = null;
      if (this._mode === "markdown" && !tr.getMeta("bylineFromSource")) this.source.refresh();
      if (this.opts.onChange) this.opts.onChange(this.getMarkdown());
    }
    this._emitSelection(false);
  }

  _emitSelection(initial) {
    const { from, to, empty } = this.view.state.selection;
    const key = from + ":" + to;
    if (key === this._lastSel) return;
    this._lastSel = key;
    if (!initial && this.opts.onSelectionChange) {
      this.opts.onSelectionChange({ empty, text: empty ? "" : this.view.state.doc.textBetween(from, to, "\n", " ") });
    }
  }

  // ProseMirror reads DOM selection changes on "selectionchange", a task
  // later; API calls made right after a keyboard selection must see them.
  _syncDOM() {
    const observer = this.view && this.view.domObserver;
    if (observer && typeof observer.flush === "function" && this._mode === "rich") observer.flush();
  }

  _run(cmd) {
    return cmd(this.view.state, (tr) => this.view.dispatch(tr), this.view);
  }

  // --------------------------------------------------------------- markdown
  getMarkdown() {
    if (this._mode === "markdown") return this.source.value();
    if (this._md === null || this._mdDoc !== this.view.state.doc) {
      this._md = serializeMarkdown(this.view.state.doc);
      this._mdDoc = this.view.state.doc;
    }
    return this._md;
  }

  setMarkdown(markdown, { history: keep = true } = {}) {
    this.source.flush();
    const tr = replaceDocTr(this.view.state, parseMarkdown(markdown || ""));
    if (!tr) return;
    if (keep === false) tr.setMeta("addToHistory", false);
    else tr.setMeta(ONE_STEP, true);
    this.view.dispatch(tr);
  }

  serialize() {
    return serializeMarkdown(this.view.state.doc);
  }

  _applySource(text) {
    const tr = replaceDocTr(this.view.state, parseMarkdown(text));
    if (tr) this.view.dispatch(tr.setMeta("bylineFromSource", true));
  }

  getSelection() {
    this.source.flush();
    this._syncDOM();
    const { from, to, empty } = this.view.state.selection;
    const doc = this.view.state.doc;
    let markdown = "";
    if (!empty) {
      const content = doc.slice(from, to).content;
      const wrapped = content.firstChild && content.firstChild.isInline ? schema.nodes.paragraph.create(null, content) : null;
      markdown = wrapped ? serializeFragment(wrapped) : serializeFragment(content) || doc.textBetween(from, to, "\n\n", " ");
    }
    return { empty, text: empty ? "" : doc.textBetween(from, to, "\n", " "), markdown };
  }

  replaceSelection(markdown) {
    this.source.flush();
    this._syncDOM();
    const tr = this.view.state.tr.replaceSelection(sliceFromMarkdown(markdown || ""));
    this.view.dispatch(tr.setMeta(ONE_STEP, true).scrollIntoView());
  }

  replaceText(oldText, newText, { occurrence = 0 } = {}) {
    this.source.flush();
    const needle = normalizeSpace(String(oldText || ""));
    if (!needle.trim()) return false;
    const range = findRange(buildTextIndex(this.view.state.doc), needle, occurrence || 0);
    if (!range) return false;
    const tr = this.view.state.tr;
    if (newText) tr.insertText(String(newText), range.from, range.to);
    else tr.delete(range.from, range.to);
    this.view.dispatch(tr.setMeta(ONE_STEP, true));
    return true;
  }

  // --------------------------------------------------------- commands, modes
  openLinkDialog() {
    if (this._mode !== "rich" || !this.editable) return false;
    this._syncDOM();
    this.dialog.show();
    return true;
  }

  exec(name) {
    if (this._mode !== "rich") return false;
    if (name === "link") return this.openLinkDialog();
    if (name === "image") { this.pickImage(); return true; }
    const cmd = commands[name];
    if (!cmd) return false;
    this._syncDOM();
    const ok = name === "undo" || name === "redo" ? this._run(cmd) : this._run(oneStep(cmd));
    this.view.focus();
    return ok;
  }

  isActive(name) {
    return isActive(this.view.state, name);
  }

  setMode(mode) {
    if (mode !== "rich" && mode !== "markdown") throw new Error('setMode takes "rich" or "markdown"');
    if (mode === this._mode) return;
    const hadFocus = this.root.contains(document.activeElement);
    if (mode === "markdown") {
      this.dialog.close();
      this.source.show(serializeMarkdown(this.view.state.doc));
      this._mode = "markdown";
      this.richHost.hidden = true;
      if (hadFocus) this.source.focus();
    } else {
      this.source.flush();
      this._mode = "rich";
      this.source.hide();
      this.richHost.hidden = false;
      if (hadFocus) this.view.focus();
    }
    this.root.classList.toggle("is-markdown", mode === "markdown");
  }

  mode() {
    return this._mode;
  }

  focus() {
    if (this._mode === "markdown") this.source.focus();
    else this.view.focus();
  }

  undo() {
    this.source.flush();
    return this._run(undo);
  }

  redo() {
    this.source.flush();
    return this._run(redo);
  }

  setEditable(on) {
    this.editable = !!on;
    this.view.setProps({});
    this.source.setEditable(this.editable);
  }

  destroy() {
    clearTimeout(this._hoverTimer);
    this.source.destroy();
    this.view.destroy();
    this.root.remove();
    this.view = null;
  }
}

Object.assign(Editor.prototype, imageMethods, annotationMethods);

function create(mount, opts) {
  if (!mount || mount.nodeType !== 1) throw new Error("BylineEditor.create needs the element to mount the editor in.");
  return new Editor(mount, opts || {});
}

window.BylineEditor = { create, parseMarkdown, serializeMarkdown, version: "1" };
