// The document schema: what the rich editor can hold. Everything Markdown can
// say that these nodes cannot is kept verbatim in raw_block. Raw HTML is off,
// as on the server: text that looks like HTML is ordinary text.
import { Schema } from "prosemirror-model";
import { tableNodes } from "prosemirror-tables";

const tables = tableNodes({
  tableGroup: "block",
  cellContent: "paragraph",
  cellAttributes: {
    align: {
      default: null,
      getFromDOM(dom) {
        const cls = /(?:^|\s)align-(left|right|center)/.exec(dom.className || "");
        const a = (dom.getAttribute("align") || (cls && cls[1]) || dom.style.textAlign || "").toLowerCase();
        return ["left", "right", "center"].includes(a) ? a : null;
      },
      setDOMAttr(value, attrs) {
        // A class, not a style attribute: the page's CSP forbids inline styles.
        if (value) attrs.class = "align-" + value;
      },
    },
  },
});

export const schema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: {
      content: "inline*",
      group: "block",
      parseDOM: [{ tag: "p" }],
      toDOM() { return ["p", 0]; },
    },
    heading: {
      attrs: { level: { default: 1 } },
      content: "inline*",
      group: "block",
      defining: true,
      parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: "h" + level, attrs: { level } })),
      toDOM(node) { return ["h" + node.attrs.level, 0]; },
    },
    blockquote: {
      content: "block+",
      group: "block",
      defining: true,
      parseDOM: [{ tag: "blockquote" }],
      toDOM() { return ["blockquote", 0]; },
    },
    horizontal_rule: {
      group: "block",
      parseDOM: [{ tag: "hr" }],
      toDOM() { return ["hr"]; },
    },
    code_block: {
      // blank: the block held exactly one empty line (kept for the round trip).
      attrs: { params: { default: "" }, blank: { default: false } },
      content: "text*",
      marks: "",
      group: "block",
      code: true,
      defining: true,
      parseDOM: [{
        tag: "pre",
        preserveWhitespace: "full",
        getAttrs(dom) {
          const code = dom.querySelector("code");
          const cls = (code && code.className) || dom.className || "";
          const m = /(?:^|\s)(?:language|lang)-(\S+)/.exec(cls);
          return { params: dom.getAttribute("data-params") || (m ? m[1] : "") };
        },
      }],
      toDOM(node) {
        const attrs = node.attrs.params ? { "data-params": node.attrs.params, class: "bl-code" } : { class: "bl-code" };
        return ["pre", attrs, ["code", 0]];
      },
    },
    // Markdown the schema cannot represent (link reference and footnote
    // definitions, front matter, a fence left open): kept and written back
    // exactly as typed.
    raw_block: {
      attrs: { kind: { default: "markdown" } },
      content: "text*",
      marks: "",
      group: "block",
      code: true,
      defining: true,
      parseDOM: [{ tag: "pre.bl-raw", preserveWhitespace: "full", getAttrs: (dom) => ({ kind: dom.getAttribute("data-kind") || "markdown" }) }],
      toDOM(node) {
        return ["pre", { class: "bl-raw", "data-kind": node.attrs.kind, title: "Kept exactly as written in Markdown" }, ["code", 0]];
      },
    },
    bullet_list: {
      attrs: { tight: { default: true } },
      content: "list_item+",
      group: "block",
      parseDOM: [{ tag: "ul" }],
      toDOM() { return ["ul", 0]; },
    },
    ordered_list: {
      attrs: { order: { default: 1 }, tight: { default: true } },
      content: "list_item+",
      group: "block",
      parseDOM: [{
        tag: "ol",
        getAttrs(dom) {
          return { order: dom.hasAttribute("start") ? +dom.getAttribute("start") || 1 : 1 };
        },
      }],
      toDOM(node) { return node.attrs.order === 1 ? ["ol", 0] : ["ol", { start: node.attrs.order }, 0]; },
    },
    list_item: {
      content: "block+",
      defining: true,
      parseDOM: [{ tag: "li" }],
      toDOM() { return ["li", 0]; },
    },
    ...tables,
    text: { group: "inline" },
    image: {
      inline: true,
      attrs: { src: {}, alt: { default: null }, title: { default: null } },
      group: "inline",
      draggable: true,
      parseDOM: [{
        tag: "img[src]",
        getAttrs(dom) {
          return { src: dom.getAttribute("src"), title: dom.getAttribute("title"), alt: dom.getAttribute("alt") };
        },
      }],
      toDOM(node) {
        const { src, alt, title } = node.attrs;
        return ["img", { src, alt: alt || "", title }];
      },
    },
    hard_break: {
      inline: true,
      group: "inline",
      selectable: false,
      parseDOM: [{ tag: "br" }],
      toDOM() { return ["br"]; },
    },
  },
  marks: {
    link: {
      attrs: { href: {}, title: { default: null } },
      inclusive: false,
      parseDOM: [{
        tag: "a[href], a[data-href]",
        getAttrs(dom) { return { href: dom.getAttribute("data-href") || dom.getAttribute("href"), title: dom.getAttribute("title") }; },
      }],
      // Only web, mail and relative addresses become live hrefs in the editor.
      toDOM(mark) {
        const href = mark.attrs.href || "";
        const safe = !/^[a-z][a-z0-9+.-]*:/i.test(href) || /^(https?|mailto):/i.test(href);
        return ["a", { href: safe ? href : null, "data-href": href, title: mark.attrs.title, rel: "noopener noreferrer nofollow" }, 0];
      },
    },
    em: {
      parseDOM: [
        { tag: "i" }, { tag: "em" },
        { style: "font-style=italic" },
        { style: "font-style=normal", clearMark: (m) => m.type.name === "em" },
      ],
      toDOM() { return ["em", 0]; },
    },
    strong: {
      parseDOM: [
        { tag: "strong" },
        { tag: "b", getAttrs: (dom) => dom.style.fontWeight !== "normal" && null },
        { style: "font-weight=400", clearMark: (m) => m.type.name === "strong" },
        { style: "font-weight=normal", clearMark: (m) => m.type.name === "strong" },
        { style: "font-weight", getAttrs: (value) => /^(bold(er)?|[6-9]\d{2})$/.test(value) && null },
      ],
      toDOM() { return ["strong", 0]; },
    },
    strike: {
      parseDOM: [{ tag: "s" }, { tag: "del" }, { tag: "strike" }, { style: "text-decoration=line-through" }, { style: "text-decoration-line=line-through" }],
      toDOM() { return ["s", 0]; },
    },
    code: {
      parseDOM: [{ tag: "code" }],
      toDOM() { return ["code", 0]; },
    },
  },
});
