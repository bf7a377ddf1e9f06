// Markdown -> document. Parsing uses markdown-it (CommonMark + GFM tables and
// strikethrough, raw HTML off), the same dialect and settings the server
// renders with (drafts/rendering.py): text that looks like HTML is text.
// Whatever the document's nodes cannot say is kept as a raw block, exactly as
// written: link and footnote definitions, front matter, a fence left open.
import MarkdownIt from "markdown-it";
import { MarkdownParser } from "prosemirror-markdown";
import { schema } from "./schema.js";

export const tokenizer = MarkdownIt("commonmark", { html: false, linkify: false, breaks: false }).enable(["table", "strikethrough"]);

// A link reference definition ([ref]: /url) renders nothing and markdown-it
// consumes it without a token; at any depth (in a quote, in a list item) it
// is kept as a raw block holding its lines without the container's prefix.
// References still resolve: markdown-it's own rule records them first.
const referenceRule = tokenizer.block.ruler.__rules__.find((r) => r.name === "reference").fn;
tokenizer.block.ruler.at("reference", (state, startLine, endLine, silent) => {
  if (!referenceRule(state, startLine, endLine, silent)) return false;
  if (silent) return true;
  const token = state.push("bl_raw_markdown", "", 0);
  token.content = state.getLines(startLine, state.line, state.blkIndent, false).replace(/\s+$/, "");
  token.map = [startLine, state.line];
  token.block = true;
  return true;
});

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

// Top-level source lines markdown-it consumed without a token (none are
// known; kept as a safeguard), footnote definitions and front matter are kept
// as raw Markdown blocks, exactly as written.
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
      gap(tok.map[0]);
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
