// A flat, searchable copy of the document's text with a way back to positions.
// Built in one pass (linear in document size); each textblock becomes one
// line of `text`, inline leaves (images) become U+FFFC, hard breaks
// a space, so sentences the analyzer reports can be found again.

const LEAF = "\ufffc";

export function buildTextIndex(doc) {
  const chunks = [];
  const blocks = []; // {flat, pos, node, top}
  let flat = 0;
  doc.forEach((top, topOffset, topIndex) => {
    const visit = (node, pos) => {
      if (node.isTextblock) {
        let s = "";
        node.forEach((child) => {
          if (child.isText) s += child.text;
          else if (child.type.name === "hard_break") s += " ";
          else s += LEAF;
        });
        blocks.push({ flat, pos: pos + 1, node, top: topIndex });
        chunks.push(s);
        flat += s.length + 1;
        return;
      }
      node.forEach((child, offset) => visit(child, pos + 1 + offset));
    };
    visit(top, topOffset);
  });
  return { text: chunks.join("\n"), blocks };
}

function findBlock(index, flatPos) {
  const b = index.blocks;
  let lo = 0, hi = b.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b[mid].flat <= flatPos) lo = mid;
    else hi = mid - 1;
  }
  return b[lo];
}

// Flat offset -> document position (every inline child counts its own size).
export function flatToPos(index, flatPos) {
  if (!index.blocks.length) return 1;
  const block = findBlock(index, flatPos);
  let rel = flatPos - block.flat;
  let pos = block.pos;
  let done = false;
  block.node.forEach((child) => {
    if (done) return;
    const len = child.isText ? child.text.length : 1;
    if (rel <= len) {
      pos += child.isText ? rel : rel === 0 ? 0 : child.nodeSize;
      done = true;
      return;
    }
    rel -= len;
    pos += child.nodeSize;
  });
  return pos;
}

// Find the n-th occurrence of `needle` (whitespace-insensitive) from `from`.
export function normalizeSpace(s) {
  return s.replace(/[ \t\r\n]+/g, " ");
}

export function findText(index, needle, from = 0) {
  if (!needle) return -1;
  return index.text.indexOf(needle, from);
}

export function findRange(index, needle, occurrence = 0) {
  let at = -1, from = 0;
  for (let n = 0; n <= occurrence; n++) {
    at = index.text.indexOf(needle, from);
    if (at < 0) return null;
    from = at + 1;
  }
  return { from: flatToPos(index, at), to: flatToPos(index, at + needle.length), flat: at };
}

// Markdown source of a span -> the plain text the editor shows for it.
export function markdownToPlain(md) {
  return normalizeSpace(
    md
      .replace(/!\[([^\]]*)\]\((?:[^()\\]|\\.)*\)/g, LEAF)
      .replace(/\[([^\]]*)\]\((?:[^()\\]|\\.)*\)/g, "$1")
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
      .replace(/<((?:https?|mailto):[^>\s]*)>/gi, "$1")
      .replace(/<\/?[A-Za-z][^>]*>/g, LEAF)
      .replace(/`+/g, "")
      .replace(/\*+|~~/g, "")
      .replace(/(^|\W)_+|_+(?=\W|$)/g, "$1")
      .replace(/\\([!-/:-@[-`{-~])/g, "$1")
      .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&nbsp;/g, "\u00a0")
      .replace(/^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/gm, "")
      .replace(/ {2,}\n/g, " "),
  );
}
