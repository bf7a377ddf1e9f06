// Coach findings shown as decorations in the text. Placed once per analysis
// (linear in document size), then only mapped through each edit, so typing
// never rebuilds them over the whole document.
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import { serializeWithMap } from "./markdown.js";
import { buildTextIndex, flatToPos, markdownToPlain } from "./textindex.js";

export const highlightKey = new PluginKey("bylineHighlights");

function kindClass(kind) {
  return String(kind || "finding").replace(/[^a-z_]/gi, "").toLowerCase() || "finding";
}

// Place findings on the document: offsets into the analysed Markdown when they
// still match it, otherwise the finding's text, searched in document order.
export function placeHighlights(doc, list) {
  const { markdown, starts, parts } = serializeWithMap(doc);
  const index = buildTextIndex(doc);
  // Flat offset where each top-level block's text starts.
  const topFlat = new Array(parts.length).fill(-1);
  for (const b of index.blocks) if (topFlat[b.top] < 0) topFlat[b.top] = b.flat;
  const sorted = list
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h && typeof h.text === "string" && h.text.trim())
    .sort((a, b) => (a.h.start ?? 0) - (b.h.start ?? 0) || (b.h.end ?? 0) - (a.h.end ?? 0) || a.i - b.i);
  const placed = [];
  let cursor = 0; // fallback search resumes here (in-order matching)
  let block = 0;
  for (const { h } of sorted) {
    const s = h.start, e = h.end;
    const slice = Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s ? markdown.slice(s, e) : null;
    // Offsets still describe this Markdown (the page may cut long texts short).
    const current = slice !== null && (slice === h.text || (h.text.length >= 80 && slice.startsWith(h.text)));
    const needle = markdownToPlain(current ? slice : h.text).trim();
    if (!needle) continue;
    let at = -1;
    if (current) {
      while (block + 1 < starts.length && starts[block + 1] <= s) block++;
      if (topFlat[block] >= 0) {
        // Where in the block's plain text the finding should start: the same
        // share of the block as in its Markdown (markup is spread evenly
        // enough for this to pick the right one of repeated words).
        const from = topFlat[block];
        const to = block + 1 < starts.length && topFlat[block + 1] >= 0 ? topFlat[block + 1] - 1 : index.text.length;
        const mdLen = Math.max(1, parts[block].length);
        const approx = from + Math.round(((s - starts[block]) / mdLen) * (to - from));
        at = nearest(index.text, needle, approx, from, to + needle.length);
      }
    }
    if (at < 0) {
      at = index.text.indexOf(needle, cursor);
      if (at < 0) at = index.text.indexOf(needle);
    }
    if (at < 0) continue;
    cursor = at + 1;
    placed.push({ h, from: flatToPos(index, at), to: flatToPos(index, at + needle.length) });
  }
  return placed;
}

function nearest(text, needle, approx, lo, hi) {
  let best = -1, bestDist = Infinity;
  let at = text.indexOf(needle, lo);
  while (at >= 0 && at + needle.length <= hi) {
    const d = Math.abs(at - approx);
    if (d < bestDist) { best = at; bestDist = d; }
    if (at > approx) break;
    at = text.indexOf(needle, at + 1);
  }
  return best;
}

function decorationsFor(doc, placed) {
  const decos = placed.map(({ h, from, to }) =>
    Decoration.inline(from, to, {
      nodeName: "mark",
      class: `hl hl-${kindClass(h.kind)}`,
      "data-finding": String(h.index),
      title: h.title || null,
    }, { finding: h }));
  return DecorationSet.create(doc, decos);
}

export function highlightsPlugin() {
  return new Plugin({
    key: highlightKey,
    state: {
      init: () => ({ set: DecorationSet.empty, byIndex: new Map() }),
      apply(tr, value) {
        const meta = tr.getMeta(highlightKey);
        if (meta) {
          const placed = placeHighlights(tr.doc, meta.list);
          const byIndex = new Map();
          for (const p of placed) byIndex.set(String(p.h.index), p.h);
          return { set: decorationsFor(tr.doc, placed), byIndex };
        }
        if (!tr.docChanged) return value;
        return { set: value.set.map(tr.mapping, tr.doc), byIndex: value.byIndex };
      },
    },
    props: {
      decorations(state) { return highlightKey.getState(state).set; },
    },
  });
}

export function findingAt(state, el) {
  const mark = el && el.closest && el.closest("mark[data-finding]");
  if (!mark) return null;
  const h = highlightKey.getState(state).byIndex.get(mark.getAttribute("data-finding"));
  return h ? { h, el: mark } : null;
}

export function findingAtSelection(state) {
  const { from } = state.selection;
  const found = highlightKey.getState(state).set.find(from, from);
  let best = null;
  for (const d of found) if (!best || d.to - d.from < best.to - best.from) best = d;
  return best ? best.spec.finding : null;
}
