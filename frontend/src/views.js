// Node views and small decoration plugins: code blocks with a language field,
// raw blocks with a label, the placeholder, and image uploads in progress.
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

export class CodeBlockView {
  constructor(node, view, getPos) {
    this.node = node;
    this.view = view;
    this.getPos = getPos;
    const dom = (this.dom = document.createElement("div"));
    dom.className = "bl-codeblock";
    const head = document.createElement("div");
    head.className = "bl-codeblock-head";
    head.contentEditable = "false";
    const input = (this.input = document.createElement("input"));
    input.type = "text";
    input.className = "bl-code-lang";
    input.placeholder = "language";
    input.setAttribute("aria-label", "Code language");
    input.spellcheck = false;
    input.value = node.attrs.params || "";
    input.addEventListener("change", () => this.setLanguage(input.value.trim()));
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); this.setLanguage(input.value.trim()); view.focus(); }
    });
    head.appendChild(input);
    const pre = document.createElement("pre");
    pre.className = "bl-code";
    const code = (this.contentDOM = document.createElement("code"));
    pre.appendChild(code);
    dom.appendChild(head);
    dom.appendChild(pre);
  }

  setLanguage(lang) {
    const pos = this.getPos();
    if (pos == null || lang === (this.node.attrs.params || "")) return;
    this.view.dispatch(this.view.state.tr.setNodeMarkup(pos, null, { ...this.node.attrs, params: lang.replace(/\s+/g, "") }));
  }

  update(node) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    if (document.activeElement !== this.input) this.input.value = node.attrs.params || "";
    return true;
  }

  stopEvent(e) { return e.target === this.input; }
  ignoreMutation(m) { return !this.contentDOM.contains(m.target); }
}

export function placeholderPlugin(text) {
  return new Plugin({
    props: {
      decorations(state) {
        const doc = state.doc;
        if (!text || doc.childCount !== 1 || !doc.firstChild.isTextblock || doc.firstChild.content.size) return null;
        return DecorationSet.create(doc, [Decoration.node(0, doc.firstChild.nodeSize, { class: "bl-placeholder", "data-placeholder": text })]);
      },
    },
  });
}

export const uploadKey = new PluginKey("bylineUploads");

export function uploadPlugin() {
  return new Plugin({
    key: uploadKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        set = set.map(tr.mapping, tr.doc);
        const action = tr.getMeta(uploadKey);
        if (action && action.add) {
          const widget = document.createElement("span");
          widget.className = "bl-uploading";
          widget.setAttribute("role", "status");
          widget.textContent = "Uploading image…";
          set = set.add(tr.doc, [Decoration.widget(action.add.pos, widget, { id: action.add.id })]);
        } else if (action && action.remove) {
          set = set.remove(set.find(undefined, undefined, (spec) => spec.id === action.remove.id));
        }
        return set;
      },
    },
    props: {
      decorations(state) { return this.getState(state); },
    },
  });
}

export function uploadPos(state, id) {
  const found = uploadKey.getState(state).find(undefined, undefined, (spec) => spec.id === id);
  return found.length ? found[0].from : null;
}

// The top-level block holding the selection is always rendered (never skipped
// by content-visibility), so typing right after a block changes type (an
// input rule making a list, say) never lands in a not-yet-laid-out block.
export function activeBlockPlugin() {
  return new Plugin({
    props: {
      decorations(state) {
        const { $from, $to } = state.selection;
        const doc = state.doc;
        const decos = [];
        const seen = new Set();
        for (const $p of [$from, $to]) {
          if ($p.depth < 1) continue;
          const start = $p.before(1);
          if (seen.has(start)) continue;
          seen.add(start);
          decos.push(Decoration.node(start, start + doc.child($p.index(0)).nodeSize, { class: "bl-active" }));
        }
        return decos.length ? DecorationSet.create(doc, decos) : null;
      },
    },
  });
}
