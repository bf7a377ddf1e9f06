// Document -> Markdown. Serialising is cached per top-level block, so
// getMarkdown() on a long draft only re-serialises the blocks a keystroke
// touched.
import { Fragment } from "prosemirror-model";
import { MarkdownSerializer, MarkdownSerializerState } from "prosemirror-markdown";
import { schema } from "./schema.js";
import { marks, destination, titlePart } from "./serialize-marks.js";

// Footnote references ([^1]) are left as typed: exports to renderers with
// footnotes keep working, and without a definition they are plain text.
const FOOTNOTE_REF = /(\[\^[^\]\s]+\])(?![(\[:])/;

function escapeInline(str) {
  return str.split(FOOTNOTE_REF).map((part, i) => (i % 2 ? part : part.replace(/[`*\\\[\]_]/g, (m, j) =>
    m === "_" && j > 0 && j + 1 < part.length && /\w/.test(part[j - 1]) && /\w/.test(part[j + 1]) ? m : "\\" + m))).join("");
}

class State extends MarkdownSerializerState {
  // As in prosemirror-markdown, except that two lists of one kind in a row
  // need no extra blank line: their markers differ (- then *, . then )).
  renderList(node, delim, firstDelim) {
    const isTight = node.attrs.tight;
    if (this.closed && this.closed.type === node.type) this.flushClose(this.inTightList ? 1 : 2);
    else if (this.inTightList) this.flushClose(1);
    const prevTight = this.inTightList;
    this.inTightList = isTight;
    node.forEach((child, _, i) => {
      if (i && isTight) this.flushClose(1);
      this.wrapBlock(delim, firstDelim(i), node, () => this.render(child, node, i));
    });
    this.inTightList = prevTight;
  }

  // Blocks inside an item of a tight list follow each other without a blank
  // line (a blank line would make the whole list loose).
  renderContent(parent) {
    parent.forEach((node, _, i) => {
      const paragraphs = i && node.type.name === "paragraph" && parent.child(i - 1).type.name === "paragraph";
      if (i && this.inTightList && parent.type.name === "list_item" && this.closed && !paragraphs) this.flushClose(1);
      this.render(node, parent, i);
    });
  }

  esc(str, startOfLine = false) {
    str = escapeInline(str);
    str = str.replace(/~{2,}/g, (m) => "\\~".repeat(m.length));
    str = str.replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;");
    str = str.replace(/<(?=[A-Za-z/!?])/g, "&lt;");
    if (this.inTable) str = str.replace(/\|/g, "\\|");
    const lineStart = startOfLine || this.out.length === 0 || this.out.endsWith("\n" + this.delim) || this.out === this.delim;
    if (lineStart) {
      str = str.replace(/^[ \t]+/, "");
      str = str
        .replace(/^(\+[ \t]|\+$|[-*>=]|~)/, "\\$&")
        .replace(/^(#{1,6})(\s|$)/, "\\$1$2")
        .replace(/^(\d{1,9})([.)])(\s|$)/, "$1\\$2$3");
    }
    if (this.inHeading) str = str.replace(/(^|\s)(#+)\s*$/, "$1\\$2");
    return str;
  }
}

function fenceFor(text, info) {
  const runs = text.match(/^[ \t]*(`{3,}|~{3,})/gm) || [];
  let ticks = 3;
  for (const r of runs) if (r.trim()[0] === "`") ticks = Math.max(ticks, r.trim().length + 1);
  if (info.includes("`")) {
    let tildes = 3;
    for (const r of runs) if (r.trim()[0] === "~") tildes = Math.max(tildes, r.trim().length + 1);
    return "~".repeat(tildes);
  }
  return "`".repeat(ticks);
}

// Alt text inside ![...], kept exactly: escaped like text, but its start is
// not the start of a line (never trimmed or escaped as one). Its line breaks
// stay line breaks (continuation lines escaped as line starts), except in
// tables and headings, which hold one line.
function writeAlt(state, alt) {
  alt = (alt || "").replace(/[ \t]*\n[ \t\n]*/g, "\n");
  const lines = state.inTable || state.inHeading ? [alt.replace(/\n/g, " ")] : alt.split("\n");
  state.write("![" + state.esc("x" + lines[0]).slice(1));
  for (const line of lines.slice(1)) {
    state.out += "\n";
    state.write("");
    state.out += state.esc(line, true);
  }
}

function sameListBefore(node, parent, index) {
  let n = 0;
  for (let i = index - 1; i >= 0 && parent.child(i).type === node.type; i--) n++;
  return n;
}

function inlineOnly(state, node) {
  // Table cells and headings hold one line: hard breaks become <br>.
  state.renderInline(node);
}

const nodes = {
  blockquote(state, node) {
    state.wrapBlock("> ", null, node, () => state.renderContent(node));
  },
  code_block(state, node) {
    const text = node.textContent;
    const info = node.attrs.params || "";
    const fence = fenceFor(text, info);
    state.write(fence + info + "\n");
    // Empty text is a fence with no line, unless it held one blank line.
    if (text || node.attrs.blank) {
      state.text(text, false);
      state.out += "\n";
    }
    state.write(fence);
    state.closeBlock(node);
  },
  raw_block(state, node) {
    state.text(node.textContent, false);
    state.closeBlock(node);
  },
  heading(state, node) {
    state.write("#".repeat(node.attrs.level) + " ");
    state.inHeading = true;
    inlineOnly(state, node);
    state.inHeading = false;
    state.closeBlock(node);
  },
  horizontal_rule(state, node) {
    state.write("---");
    state.closeBlock(node);
  },
  bullet_list(state, node, parent, index) {
    const bullet = sameListBefore(node, parent, index) % 2 ? "*" : "-";
    state.renderList(node, "  ", () => bullet + " ");
  },
  ordered_list(state, node, parent, index) {
    const delim = sameListBefore(node, parent, index) % 2 ? ")" : ".";
    const start = node.attrs.order ?? 1;
    const maxW = String(start + node.childCount - 1).length;
    state.renderList(node, " ".repeat(maxW + 2), (i) => {
      const n = String(start + i);
      return " ".repeat(maxW - n.length) + n + delim + " ";
    });
  },
  list_item(state, node) {
    if (!node.childCount || (node.childCount === 1 && node.firstChild.type.name === "paragraph" && !node.firstChild.content.size)) {
      state.write("");
      state.closeBlock(node);
      return;
    }
    state.renderContent(node);
  },
  paragraph(state, node) {
    state.renderInline(node);
    state.closeBlock(node);
  },
  table(state, node) {
    state.inTable = true;
    const aligns = [];
    node.forEach((row, _, r) => {
      const cells = [];
      row.forEach((cell, __, c) => {
        if (r === 0) aligns[c] = cell.attrs.align;
        const sub = new State(state.nodes, state.marks, state.options);
        sub.inTable = true;
        sub.renderInline(cell.firstChild || schema.nodes.paragraph.create());
        cells.push(sub.out.replace(/\n/g, " ").trim());
      });
      state.write("| " + cells.join(" | ") + " |");
      state.ensureNewLine();
      if (r === 0) {
        const delims = cells.map((_, c) => {
          const a = aligns[c];
          return a === "left" ? ":---" : a === "right" ? "---:" : a === "center" ? ":---:" : "---";
        });
        state.write("| " + delims.join(" | ") + " |");
        state.ensureNewLine();
      }
    });
    state.inTable = false;
    state.closeBlock(node);
  },
  image(state, node) {
    writeAlt(state, node.attrs.alt);
    state.write("](" + destination(node.attrs.src) + titlePart(node.attrs.title) + ")");
  },
  hard_break(state, node, parent, index) {
    for (let i = index + 1; i < parent.childCount; i++) {
      if (parent.child(i).type !== node.type) {
        if (state.inTable || state.inHeading) state.write("<br>");
        else state.write("\\\n");
        return;
      }
    }
  },
  text(state, node) {
    state.text(node.text, !state.inAutolink);
  },
};

const serializer = new MarkdownSerializer(nodes, marks, { tightLists: true });

const cache = new WeakMap();

// A mark may continue over a line break but never start on one: "*" before a
// line break cannot open emphasis in Markdown. Such marks start after it.
function fixBreakMarks(node) {
  if (node.isLeaf || !node.childCount) return node;
  let changed = false;
  const kids = [];
  node.forEach((child, _, i) => {
    let next = child;
    if (node.isTextblock) {
      if (child.type.name === "hard_break" && child.marks.length) {
        const prev = i ? node.child(i - 1).marks : [];
        const keep = child.marks.filter((m) => m.isInSet(prev));
        if (keep.length !== child.marks.length) next = child.mark(keep);
      }
    } else {
      next = fixBreakMarks(child);
    }
    if (next !== child) changed = true;
    kids.push(next);
  });
  return changed ? node.copy(Fragment.from(kids)) : node;
}

function serializeBlock(node, parent, index) {
  const alt = index > 0 && parent.child(index - 1).type === node.type ? sameListBefore(node, parent, index) % 2 : 0;
  const hit = cache.get(node);
  if (hit && hit.alt === alt) return hit.text;
  const state = new State(serializer.nodes, serializer.marks, { tightLists: true, hardBreakNodeName: "hard_break" });
  state.render(fixBreakMarks(node), parent, index);
  const text = state.out.replace(/\n+$/, "");
  cache.set(node, { alt, text });
  return text;
}

// Serialise the doc; also returns where each top-level block starts in the
// output, so analyzer offsets can be mapped back onto blocks.
export function serializeWithMap(doc) {
  const parts = [];
  const starts = [];
  let markdown = "";
  doc.forEach((child, _pos, i) => {
    // Empty paragraphs (Enter pressed twice) have no Markdown form.
    const text = child.type.name === "paragraph" && !child.content.size ? "" : serializeBlock(child, doc, i);
    if (text && markdown) markdown += "\n\n";
    starts.push(markdown.length);
    parts.push(text);
    markdown += text;
  });
  return { markdown, starts, parts };
}

export function serializeMarkdown(doc) {
  return serializeWithMap(doc).markdown;
}

// Serialise a slice (the selection) to Markdown.
export function serializeFragment(fragment) {
  const doc = schema.topNodeType.createAndFill(null, fragment);
  if (!doc) return "";
  return serializeMarkdown(doc);
}
