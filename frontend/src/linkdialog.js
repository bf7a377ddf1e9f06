// Ctrl/Cmd+K: a small, accessible link dialog (no window.prompt).
import { TextSelection } from "prosemirror-state";
import { schema } from "./schema.js";

let counter = 0;

export function normalizeHref(value) {
  const v = value.trim();
  if (!v) return "";
  if (/^(https?:|mailto:|#|\/)/i.test(v)) return v;
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) return null; // javascript:, data: ... refused
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return "mailto:" + v;
  return "https://" + v;
}

function linkRange(state) {
  const { $from, from, to } = state.selection;
  const type = schema.marks.link;
  let mark = type.isInSet($from.marks()) || ($from.nodeAfter && type.isInSet($from.nodeAfter.marks));
  if (!mark && from < to) mark = findMark(state, from, to);
  if (!mark) return null;
  // The whole run of text carrying this link around the cursor.
  let pos = $from.start(), a = null, b = null, done = false;
  $from.parent.forEach((child) => {
    if (done) return;
    const end = pos + child.nodeSize;
    if (mark.isInSet(child.marks)) {
      if (a === null) a = pos;
      b = end;
    } else if (a !== null && b >= from) {
      done = true;
    } else {
      a = b = null;
    }
    pos = end;
  });
  return a === null || b < from ? null : { from: a, to: b, mark };
}

function findMark(state, from, to) {
  let found = null;
  state.doc.nodesBetween(from, to, (node) => {
    if (!found) found = schema.marks.link.isInSet(node.marks);
  });
  return found;
}

export class LinkDialog {
  constructor(host, getView, onClose) {
    this.getView = getView;
    this.onClose = onClose;
    const id = "bl-link-" + ++counter;
    const d = (this.el = document.createElement("div"));
    d.className = "bl-link-dialog";
    d.setAttribute("role", "dialog");
    d.setAttribute("aria-modal", "true");
    d.setAttribute("aria-labelledby", id + "-title");
    d.hidden = true;
    d.innerHTML =
      `<form class="bl-link-form" novalidate>` +
      `<p class="bl-link-title" id="${id}-title">Link</p>` +
      `<label for="${id}-text">Text</label><input id="${id}-text" name="text" type="text" autocomplete="off">` +
      `<label for="${id}-href">Address</label><input id="${id}-href" name="href" type="text" inputmode="url" autocomplete="off" placeholder="https://example.com">` +
      `<p class="bl-link-error" role="alert" hidden></p>` +
      `<div class="bl-link-actions"><button type="submit" class="bl-link-save">Apply</button>` +
      `<button type="button" class="bl-link-remove">Remove link</button>` +
      `<button type="button" class="bl-link-cancel">Cancel</button></div></form>`;
    host.appendChild(d);
    this.form = d.querySelector("form");
    this.text = d.querySelector("[name=text]");
    this.href = d.querySelector("[name=href]");
    this.error = d.querySelector(".bl-link-error");
    this.removeBtn = d.querySelector(".bl-link-remove");
    this.form.addEventListener("submit", (e) => { e.preventDefault(); this.apply(); });
    d.querySelector(".bl-link-cancel").addEventListener("click", () => this.close());
    this.removeBtn.addEventListener("click", () => this.remove());
    d.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.close(); }
      if (e.key === "Tab") this.trapFocus(e);
    });
  }

  get open() { return !this.el.hidden; }

  trapFocus(e) {
    const items = [...this.el.querySelectorAll("input, button:not([hidden])")].filter((x) => !x.hidden && x.offsetParent !== null);
    if (!items.length) return;
    const first = items[0], last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }

  show() {
    const view = this.getView();
    const state = view.state;
    const existing = linkRange(state);
    this.range = existing ? { from: existing.from, to: existing.to } : { from: state.selection.from, to: state.selection.to };
    this.existing = existing;
    this.text.value = state.doc.textBetween(this.range.from, this.range.to, " ");
    this.href.value = existing ? existing.mark.attrs.href : "";
    this.removeBtn.hidden = !existing;
    this.error.hidden = true;
    this.el.hidden = false;
    const coords = view.coordsAtPos(this.range.from);
    const host = this.el.offsetParent || document.body;
    const box = host.getBoundingClientRect();
    this.el.style.top = Math.max(0, coords.bottom - box.top + 6) + "px";
    this.el.style.left = Math.max(0, Math.min(coords.left - box.left, box.width - this.el.offsetWidth - 8)) + "px";
    (this.text.value ? this.href : this.text).focus();
  }

  close() {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.onClose();
  }

  apply() {
    const href = normalizeHref(this.href.value);
    if (href === null || !href) {
      this.error.textContent = href === null
        ? "That address cannot be used. Use a web address starting with https:// or an email address."
        : "Type the address the link should open, for example https://example.com.";
      this.error.hidden = false;
      this.href.focus();
      return;
    }
    const view = this.getView();
    const { from, to } = this.range;
    const label = this.text.value || href;
    const type = schema.marks.link;
    let tr = view.state.tr;
    const current = view.state.doc.textBetween(from, to, " ");
    if (label !== current) {
      const marks = view.state.doc.resolve(from).marksAcross(view.state.doc.resolve(to)) || [];
      tr = tr.replaceWith(from, to, schema.text(label, marks.filter((m) => m.type !== type)));
    }
    const end = from + (label !== current ? label.length : to - from);
    tr.removeMark(from, end, type).addMark(from, end, type.create({ href }));
    tr.setSelection(TextSelection.create(tr.doc, end));
    tr.setMeta("bylineOneStep", true);
    view.dispatch(tr);
    this.close();
  }

  remove() {
    const view = this.getView();
    if (this.existing) {
      const tr = view.state.tr.removeMark(this.existing.from, this.existing.to, schema.marks.link);
      tr.setMeta("bylineOneStep", true);
      view.dispatch(tr);
    }
    this.close();
  }
}
