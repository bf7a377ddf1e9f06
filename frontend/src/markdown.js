// Markdown <-> document. Parsing uses markdown-it (CommonMark + GFM tables and
// strikethrough, raw HTML off), the same dialect and settings the server
// renders with (drafts/rendering.py): text that looks like HTML is text.
// Serialising is cached per top-level block, so getMarkdown() on a long draft
// only re-serialises the blocks a keystroke touched.
import MarkdownIt from "markdown-it";
import { Fragment } from "prosemirror-model";
import { MarkdownParser, MarkdownSerializer, MarkdownSerializerState } from "prosemirror-markdown";
import { schema } from "./schema.js";

export const tokenizer = MarkdownIt("commonmark", { html: false, linkify: false, breaks: false }).enable(["table", "strikethrough"]);

// markdown-it hides the paragraphs of tight lists: look at this list's own
// paragraphs (two levels down), whatever its items start with.
function listIsTight(tokens, i) {
  const level = tokens[i].level;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.level === level && t.nesting === -1) break;
    if (t.type === "paragraph_open" && t.level === level + 2) return t.hidden;
  }
  return true;
}

function cellAlign(tok) {
  const m = /text-align:\s*(left|right|center)/.exec(tok.attrGet("style") || "");
  return m ? m[1] : null;
}

// An image's alt text exactly as the server writes it (markdown-it-py's
// renderInlineAsText): spaces kept, markup dropped, escapes, entities and
// code spans as their text, a line break as "\n".
function altOf(children) {
  let alt = "";
  for (const t of children || []) {
    if (t.type === "text" || t.type === "text_special" || t.type === "code_inline") alt += t.content;
    else if (t.type === "image") alt += altOf(t.children);
    else if (t.type === "softbreak" || t.type === "hardbreak") alt += "\n";
  }
  return alt;
}

const parser = new MarkdownParser(schema, tokenizer, {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item" },
  bullet_list: { block: "bullet_list", getAttrs: (_, tokens, i) => ({ tight: listIsTight(tokens, i) }) },
  ordered_list: {
    block: "ordered_list",
    getAttrs: (tok, tokens, i) => ({ order: +tok.attrGet("start") || 1, tight: listIsTight(tokens, i) }),
  },
  heading: { block: "heading", getAttrs: (tok) => ({ level: +tok.tag.slice(1) }) },
  code_block: { block: "code_block", getAttrs: (tok) => ({ blank: tok.content === "\n" }), noCloseToken: true },
  fence: { block: "code_block", getAttrs: (tok) => ({ params: tok.info || "", blank: tok.content === "\n" }), noCloseToken: true },
  hr: { node: "horizontal_rule" },
  image: {
    node: "image",
    getAttrs: (tok) => ({
      src: tok.attrGet("src"),
      title: tok.attrGet("title") || null,
      alt: altOf(tok.children),
    }),
  },
  hardbreak: { node: "hard_break" },
  em: { mark: "em" },
  strong: { mark: "strong" },
  s: { mark: "strike" },
  link: { mark: "link", getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }) },
  code_inline: { mark: "code", noCloseToken: true },
  table: { block: "table" },
  tr: { block: "table_row" },
  thead: { ignore: true },
  tbody: { ignore: true },
});

const h = parser.tokenHandlers;
for (const [tag, type] of [["th", "table_header"], ["td", "table_cell"]]) {
  h[tag + "_open"] = (state, tok) => {
    state.openNode(schema.nodes[type], { align: cellAlign(tok) });
    state.openNode(schema.nodes.paragraph, null);
  };
  h[tag + "_close"] = (state) => { state.closeNode(); state.closeNode(); };
}
h.bl_raw_markdown = (state, tok) => {
  state.openNode(schema.nodes.raw_block, { kind: "markdown" });
  state.addText(tok.content);
  state.closeNode();
};

// YAML front matter (---\nkey: value\n---) at the very top: its line count.
function frontMatterLines(lines, tokens) {
  if (!/^---[ \t]*$/.test(lines[0] || "") || !/^[A-Za-z0-9_-]+[ \t]*:/.test(lines[1] || "")) return 0;
  let end = -1;
  for (let i = 2; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) { end = i + 1; break; }
  }
  if (end < 0) return 0;
  for (const tok of tokens) {
    if (tok.level === 0 && tok.map && tok.map[0] < end && tok.map[1] > end) return 0;
  }
  return end;
}

// Top-level source lines markdown-it consumed without a token (link reference
// definitions), footnote definitions and front matter are kept as raw
// Markdown blocks, exactly as written.
function keepUntokenized(text, tokens) {
  const lines = text.split("\n");
  const out = [];
  let next = 0;
  const raw = (content) => out.push({ type: "bl_raw_markdown", content, level: 0, block: true });
  const gap = (upTo) => {
    const chunk = lines.slice(next, upTo);
    while (chunk.length && !chunk[0].trim()) chunk.shift();
    while (chunk.length && !chunk[chunk.length - 1].trim()) chunk.pop();
    if (chunk.length) raw(chunk.join("\n"));
  };
  const front = frontMatterLines(lines, tokens);
  if (front) {
    raw(lines.slice(0, front).join("\n"));
    next = front;
  }
  let skipping = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.level === 0 && tok.map) skipping = tok.map[0] < front;
    if (skipping) continue;
    // A footnote definition ([^1]: text) is kept as written.
    if (tok.type === "paragraph_open" && tok.level === 0 && tok.map && /^ {0,3}\[\^[^\]\s]+\]:/.test(lines[tok.map[0]])) {
      gap(tok.map[0]);
      raw(lines.slice(tok.map[0], tok.map[1]).join("\n").replace(/\s+$/, ""));
      next = Math.max(next, tok.map[1]);
      while (i + 1 < tokens.length && tokens[i].type !== "paragraph_close") i++;
      continue;
    }
    // A fence left open at the end keeps no final newline: keep it as written.
    if (tok.type === "fence" && tok.level === 0 && tok.map && tok.content && !tok.content.endsWith("\n")) {
      gap(tok.map[0]);
      raw(lines.slice(tok.map[0], tok.map[1]).join("\n").replace(/\s+$/, ""));
      next = Math.max(next, tok.map[1]);
      continue;
    }
    if (tok.level === 0 && tok.map && tok.nesting >= 0) {
      next = Math.max(next, tok.map[1]);
    }
    out.push(tok);
  }
  gap(lines.length);
  return out;
}

export function parseMarkdown(text) {
  const src = (text || "").replace(/\r\n?/g, "\n");
  const tokens = keepUntokenized(src, tokenizer.parse(src, {}));
  // MarkdownParser.parse without re-tokenising: feed our token list.
  const saved = tokenizer.parse;
  tokenizer.parse = () => tokens;
  try {
    return parser.parse(src);
  } finally {
    tokenizer.parse = saved;
  }
}

// ---------------------------------------------------------------- serialiser

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

function destination(url) {
  url = url || "";
  if (/[\s<>]/.test(url) || url === "") return "<" + url.replace(/[<>\\]/g, "\\$&") + ">";
  return url.replace(/[()\\]/g, "\\$&");
}

function titlePart(title) {
  return title ? ' "' + title.replace(/["\\]/g, "\\$&") + '"' : "";
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

function isPlainURL(link, parent, index) {
  // Written back as an autolink (<scheme:...>) when it was one.
  if (link.attrs.title || !/^[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*$/.test(link.attrs.href)) return false;
  const content = parent.child(index);
  if (!content.isText || content.text !== link.attrs.href) return false;
  // Other marks must already be open (they wrap the autolink), or the link be innermost.
  const prev = index > 0 ? parent.child(index - 1).marks : [];
  const last = content.marks[content.marks.length - 1] === link;
  if (!last && !content.marks.every((m) => m === link || m.type.name === "code" || m.isInSet(prev))) return false;
  if (content.marks.some((m) => m.type.name === "code")) return false;
  return index === parent.childCount - 1 || !link.isInSet(parent.child(index + 1).marks);
}

function backticksFor(node, side) {
  const ticks = /`+/g;
  let m, len = 0;
  if (node.isText) while ((m = ticks.exec(node.text))) len = Math.max(len, m[0].length);
  const pad = node.isText && (len > 0 || /^ .* $/.test(node.text) || /^`|`$/.test(node.text));
  let result = "`".repeat(len + 1);
  if (pad) result = side > 0 ? " " + result : result + " ";
  return result;
}

const marks = {
  em: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
  strong: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
  strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  link: {
    open(state, mark, parent, index) {
      state.inAutolink = isPlainURL(mark, parent, index);
      return state.inAutolink ? "<" : "[";
    },
    close(state, mark) {
      const auto = state.inAutolink;
      state.inAutolink = undefined;
      return auto ? ">" : "](" + destination(mark.attrs.href) + titlePart(mark.attrs.title) + ")";
    },
    mixable: true,
  },
  code: {
    open(_state, _mark, parent, index) { return backticksFor(parent.child(index), -1); },
    close(_state, _mark, parent, index) { return backticksFor(parent.child(index - 1), 1); },
    escape: false,
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
