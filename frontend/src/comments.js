// Comment anchors: the quoted passage is marked in the text and a margin
// marker opens the thread. Placed by searching the quote, then mapped through
// edits like the highlights.
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import { buildTextIndex, flatToPos, normalizeSpace } from "./textindex.js";

export const commentKey = new PluginKey("bylineComments");

function marker(id, resolved, label) {
  return () => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "bl-comment-marker" + (resolved ? " is-resolved" : "");
    b.setAttribute("data-comment", String(id));
    b.setAttribute("aria-label", label);
    b.title = label;
    b.contentEditable = "false";
    // A speech bubble drawn in SVG (no emoji font needed).
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H7l-3.5 3v-3H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z");
    svg.appendChild(path);
    b.appendChild(svg);
    return b;
  };
}

export function placeComments(doc, list) {
  const index = buildTextIndex(doc);
  const decos = [];
  const ranges = new Map();
  for (const c of list || []) {
    if (!c || c.id == null || !c.quote) continue;
    const quote = normalizeSpace(String(c.quote)).trim();
    if (!quote) continue;
    const at = index.text.indexOf(quote);
    if (at < 0) continue;
    const from = flatToPos(index, at), to = flatToPos(index, at + quote.length);
    const cls = "bl-comment" + (c.resolved ? " is-resolved" : "") + (c.outdated ? " is-outdated" : "");
    const id = String(c.id);
    decos.push(Decoration.inline(from, to, { class: cls, "data-comment": id }, { comment: id, inclusiveStart: false, inclusiveEnd: false }));
    decos.push(Decoration.widget(from, marker(id, c.resolved, c.resolved ? "Resolved comment" : "Open comment thread"), {
      side: -1, key: "c" + id + (c.resolved ? "r" : ""), comment: id, ignoreSelection: true,
    }));
    ranges.set(id, true);
  }
  return DecorationSet.create(doc, decos);
}

export function commentsPlugin() {
  return new Plugin({
    key: commentKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const meta = tr.getMeta(commentKey);
        if (meta) return placeComments(tr.doc, meta.list);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations(state) { return commentKey.getState(state); },
    },
  });
}

export function commentRange(state, id) {
  const set = commentKey.getState(state);
  const found = set.find(undefined, undefined, (spec) => spec.comment === String(id));
  const inline = found.find((d) => d.from < d.to);
  return inline ? { from: inline.from, to: inline.to } : null;
}
