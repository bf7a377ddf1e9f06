// Clean HTML pasted from Word, Google Docs and web pages before ProseMirror
// parses it: keep structure (headings, lists, tables, links, emphasis), drop
// fonts, colours, comments, tracked deletions and Office markup.
import { DOMParser as PMDOMParser, Slice } from "prosemirror-model";
import { parseMarkdown } from "./markdown.js";
import { schema } from "./schema.js";

const DROP = "style, script, noscript, template, meta, link, title, head, xml, svg, iframe, object, embed, " +
  "form, input, button, select, textarea, canvas, video, audio, " +
  "del[cite], del.msoDel, span.msoDel, .MsoCommentReference, .msocomtxt, [style*='mso-element:comment'], " +
  "[style*='mso-list:Ignore'], [style*='mso-list: Ignore'], br.Apple-interchange-newline";

function styleOf(el) {
  return (el.getAttribute && el.getAttribute("style")) || "";
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

// Word: the comment a reviewer wrote, and the [A1] reference to it.
function dropWordComments(root) {
  for (const a of root.querySelectorAll("a[href^='#_msocom'], a[name^='_msocom'], a[style*='mso-comment']")) {
    const span = a.closest(".MsoCommentReference") || a;
    span.remove();
  }
  for (const d of root.querySelectorAll("div[style*='mso-element:comment-list'], div[id^='_com_']")) d.remove();
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
      const marker = p.querySelector("[style*='mso-list:Ignore'], [style*='mso-list: Ignore']");
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
  dropWordComments(root);
  for (const el of root.querySelectorAll(DROP)) el.remove();
  rebuildWordLists(root);
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-...">.
  for (const b of root.querySelectorAll("b[id^='docs-internal-guid'], b[style*='font-weight:normal'], b[style*='font-weight: normal']")) unwrap(b);
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
    // Keep only what says bold / italic / strike; fonts, colours, sizes go.
    const style = styleOf(el);
    if (style) {
      const keep = [];
      const fw = /font-weight:\s*([^;]+)/i.exec(style);
      if (fw && !/mso-bidi/i.test(fw[0])) keep.push("font-weight:" + fw[1].trim());
      const fs = /font-style:\s*(italic|normal)/i.exec(style);
      if (fs) keep.push("font-style:" + fs[1]);
      if (/text-decoration[^;]*line-through/i.test(style)) keep.push("text-decoration:line-through");
      const ta = /text-align:\s*(left|right|center)/i.exec(style);
      if (ta && (tag === "td" || tag === "th")) el.setAttribute("align", ta[1].toLowerCase());
      if (keep.length) el.setAttribute("style", keep.join(";"));
      else el.removeAttribute("style");
    }
    el.removeAttribute("class");
    el.removeAttribute("id");
    el.removeAttribute("lang");
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
  const doc = new window.DOMParser().parseFromString(html, "text/html");
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
