// Clean HTML pasted from Word, Google Docs and web pages before ProseMirror
// parses it: keep structure (headings, lists, tables, links, emphasis), drop
// fonts, colours, comments, tracked deletions and Office markup.
import { DOMParser as PMDOMParser, Slice } from "prosemirror-model";
import { parseMarkdown } from "./markdown.js";
import { schema } from "./schema.js";

const DROP = "style, script, noscript, template, meta, link, title, head, xml, svg, iframe, object, embed, " +
  "form, input, button, select, textarea, canvas, video, audio, nav, [aria-hidden='true'], " +
  "del[cite], del.msoDel, span.msoDel, .MsoCommentReference, .msocomtxt, [data-bl-style*='mso-element:comment'], " +
  "[data-bl-style*='mso-list:Ignore'], [data-bl-style*='mso-list: Ignore'], br.Apple-interchange-newline";

// Style attributes are renamed before parsing (see cleanPastedHTML).
function styleOf(el) {
  return (el.getAttribute && el.getAttribute("data-bl-style")) || "";
}

function unwrap(el) {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function removeComments(root) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const dead = [];
  while (walker.nextNode()) dead.push(walker.currentNode);
  for (const c of dead) c.remove();
}

// Word: the comment a reviewer wrote and its [JD1] marker go; the commented
// words themselves (wrapped in <a style="mso-comment-reference:...">) stay.
function dropWordComments(root) {
  for (const el of root.querySelectorAll(".MsoCommentReference, a.msocomanchor, a[href^='#_msocom'], a[name^='_msocom']")) el.remove();
  for (const d of root.querySelectorAll("div[data-bl-style*='mso-element:comment'], div[id^='_com_']")) d.remove();
  for (const a of root.querySelectorAll("a[data-bl-style*='mso-comment-reference']")) unwrap(a);
}

// Google Docs nests lists as <ul><li>..</li><ul>..</ul></ul>: move each
// nested list into the item before it.
function fixNestedLists(root) {
  for (const list of [...root.querySelectorAll("ul > ul, ul > ol, ol > ul, ol > ol")]) {
    const prev = list.previousElementSibling;
    if (prev && prev.tagName === "LI") prev.appendChild(list);
    else {
      const li = list.ownerDocument.createElement("li");
      list.parentNode.insertBefore(li, list);
      li.appendChild(list);
    }
  }
}

function wordListInfo(p) {
  const m = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(styleOf(p));
  return m ? { list: m[1], level: +m[2] } : null;
}

// Word puts list items on the clipboard as paragraphs with mso-list styles and
// a typed bullet ("·", "o", "1.") in a span marked mso-list:Ignore. Rebuild
// real <ul>/<ol> trees from them.
function rebuildWordLists(root) {
  const paras = [...root.querySelectorAll("p")].filter((p) => wordListInfo(p) || /MsoListParagraph/.test(p.className));
  const seen = new Set();
  for (const first of paras) {
    if (seen.has(first)) continue;
    const run = [];
    let el = first;
    while (el && el.nodeType === 1 && el.tagName === "P" && (wordListInfo(el) || /MsoListParagraph/.test(el.className))) {
      run.push(el);
      seen.add(el);
      el = el.nextElementSibling;
    }
    const doc = root.ownerDocument;
    const stack = [];
    const anchor = doc.createElement("div");
    first.parentNode.insertBefore(anchor, first);
    for (const p of run) {
      const info = wordListInfo(p) || { level: 1 };
      const marker = p.querySelector("[data-bl-style*='mso-list:Ignore'], [data-bl-style*='mso-list: Ignore']");
      const markerText = (marker ? marker.textContent : "").replace(/\u00a0/g, " ").trim();
      const ordered = /^(\(?[0-9]+|[a-zA-Z]|[ivxlcIVXLC]+)[.)]$/.test(markerText);
      if (marker) marker.remove();
      while (stack.length > info.level) stack.pop();
      while (stack.length < info.level) {
        const list = doc.createElement(ordered ? "ol" : "ul");
        if (stack.length) {
          const parentList = stack[stack.length - 1];
          let li = parentList.lastElementChild;
          if (!li) { li = doc.createElement("li"); parentList.appendChild(li); }
          li.appendChild(list);
        } else anchor.appendChild(list);
        stack.push(list);
      }
      const li = doc.createElement("li");
      while (p.firstChild) li.appendChild(p.firstChild);
      stack[stack.length - 1].appendChild(li);
      p.remove();
    }
    unwrap(anchor);
  }
}

function cleanTree(root) {
  removeComments(root);
  // Code language from class="language-x" (classes are dropped below).
  for (const pre of root.querySelectorAll("pre")) {
    const code = pre.querySelector("code");
    const m = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(((code && code.className) || "") + " " + pre.className);
    if (m) pre.setAttribute("data-params", m[1]);
  }
  dropWordComments(root);
  rebuildWordLists(root);
  for (const el of root.querySelectorAll(DROP)) el.remove();
  fixNestedLists(root);
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-...">.
  for (const b of root.querySelectorAll("b[id^='docs-internal-guid'], b[data-bl-style*='font-weight:normal'], b[data-bl-style*='font-weight: normal']")) unwrap(b);
  // Word/Office namespaced elements (<o:p>, <w:sdt>, <v:shape> ...) and tracked insertions.
  for (const el of [...root.querySelectorAll("*")]) {
    const tag = el.tagName.toLowerCase();
    if (tag.includes(":")) {
      if (tag === "v:imagedata" || tag === "v:shape") el.remove();
      else unwrap(el);
      continue;
    }
    if (tag === "ins" || (tag === "span" && /msoIns/.test(el.className))) { unwrap(el); continue; }
    if (tag === "font" || tag === "center") { unwrap(el); continue; }
    if (tag === "img") {
      const src = el.getAttribute("src") || "";
      if (!/^(https?:|data:image\/)/i.test(src)) { el.remove(); continue; }
    }
    if (tag === "a") {
      const href = el.getAttribute("href") || "";
      if (!href || /^(javascript|vbscript|data|file):/i.test(href.trim()) || href.startsWith("#")) { unwrap(el); continue; }
    }
    // What a style says about bold / italic / strike becomes <strong> / <em> /
    // <s>; every style attribute then goes (fonts, colours, sizes, and the
    // page's CSP forbids inline styles anyway).
    const style = styleOf(el);
    if (style) {
      const fw = /(?:^|;)\s*font-weight:\s*([^;]+)/i.exec(style);
      const weight = fw ? fw[1].trim().toLowerCase() : "";
      const bold = /^(bold|bolder|[6-9]\d\d)$/.test(weight);
      const normalWeight = /^(normal|[1-4]\d\d)$/.test(weight);
      const italic = /(?:^|;)\s*font-style:\s*italic/i.test(style);
      const strike = /text-decoration[^;]*line-through/i.test(style);
      const ta = /text-align:\s*(left|right|center)/i.exec(style);
      if (ta && (tag === "td" || tag === "th")) el.setAttribute("align", ta[1].toLowerCase());
      el.removeAttribute("data-bl-style");
      if (normalWeight && (tag === "b" || tag === "strong")) { unwrap(el); continue; }
      if (!/^(h[1-6]|th)$/.test(tag) && !el.closest("h1, h2, h3, h4, h5, h6")) {
        if (bold && tag !== "b" && tag !== "strong") wrapInside(el, "strong");
      }
      if (italic && tag !== "i" && tag !== "em") wrapInside(el, "em");
      if (strike && tag !== "s" && tag !== "del" && tag !== "strike") wrapInside(el, "s");
    }
    el.removeAttribute("class");
    el.removeAttribute("id");
    el.removeAttribute("lang");
  }
  // Line breaks between blocks (Google Docs puts <br> between lists) carry nothing.
  for (const br of root.querySelectorAll("br")) {
    const parent = br.parentElement;
    if (parent && (parent === root || /^(DIV|SECTION|ARTICLE|MAIN|BODY|UL|OL|TABLE|BLOCKQUOTE)$/.test(parent.tagName))) br.remove();
  }
  // Empty Word paragraphs (<p><o:p>&nbsp;</o:p></p>) carry nothing.
  for (const p of root.querySelectorAll("p")) {
    if (!p.textContent.replace(/[\s\u00a0]/g, "") && !p.querySelector("img")) p.remove();
  }
  // Word titles are paragraphs with a style class, not headings.
  return root;
}

export function cleanPastedHTML(html) {
  const isWord = /urn:schemas-microsoft-com|class="?Mso|mso-/i.test(html);
  // Parsing happens in a document that shares the page's CSP: <style> blocks,
  // style and on* attributes would be reported as violations, so the blocks
  // go and the attributes are renamed (inside tags only) before parsing.
  const prepared = html
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag
      .replace(/(\s)style(\s*=)/gi, "$1data-bl-style$2")
      .replace(/(\s)on([a-z]+\s*=)/gi, "$1data-bl-on$2"));
  const doc = new window.DOMParser().parseFromString(prepared, "text/html");
  const body = doc.body;
  if (isWord) {
    for (const p of body.querySelectorAll("p.MsoTitle")) renameTo(p, "h1");
    for (const p of body.querySelectorAll("p.MsoSubtitle")) renameTo(p, "h2");
    for (const p of body.querySelectorAll("p.MsoQuote, p.MsoIntenseQuote")) {
      const q = doc.createElement("blockquote");
      p.parentNode.insertBefore(q, p);
      q.appendChild(p);
    }
  }
  cleanTree(body);
  return body.innerHTML;
}

// Wrap an element's children in a new inline element (<span style=bold> -> <span><strong>).
function wrapInside(el, tag) {
  if (!el.firstChild) return;
  const w = el.ownerDocument.createElement(tag);
  while (el.firstChild) w.appendChild(el.firstChild);
  el.appendChild(w);
}

function renameTo(el, tag) {
  const n = el.ownerDocument.createElement(tag);
  while (el.firstChild) n.appendChild(el.firstChild);
  el.parentNode.replaceChild(n, el);
}

const domParser = PMDOMParser.fromSchema(schema);

// Plain text that looks like Markdown is parsed as Markdown (as Ghost does).
export function markdownTextSlice(text) {
  if (!/(^|\n)\s{0,3}(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|```|~~~|\|.*\|)|\*\*|__|\[[^\]]+\]\([^)]+\)|`[^`]+`/.test(text)) return null;
  const doc = parseMarkdown(text);
  const first = doc.firstChild, last = doc.lastChild;
  const open = first && first.isTextblock && last && last.isTextblock ? 1 : 0;
  return new Slice(doc.content, open && first.type === schema.nodes.paragraph ? 1 : 0, open && last.type === schema.nodes.paragraph ? 1 : 0);
}

export { domParser };
