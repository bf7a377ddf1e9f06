// The coach's highlights and the comment anchors in the text: set from the
// page, and activated by click, hover or keyboard (a card opens at the spot).
import { TextSelection } from "prosemirror-state";
import { highlightKey, findingAt, findingAtSelection } from "./highlights.js";
import { commentKey, commentRange } from "./comments.js";

export const annotationMethods = {
  setHighlights(list, { visible } = {}) {
    this.source.flush();
    this._highlights = Array.isArray(list) ? list : [];
    this.view.dispatch(this.view.state.tr.setMeta(highlightKey, { list: this._highlights }).setMeta("addToHistory", false));
    if (typeof visible === "boolean") this.setHighlightsVisible(visible);
  },

  setHighlightsVisible(on) {
    this.root.classList.toggle("bl-hl-hidden", !on);
  },

  setCommentAnchors(list) {
    this.source.flush();
    this.view.dispatch(this.view.state.tr.setMeta(commentKey, { list: Array.isArray(list) ? list : [] }).setMeta("addToHistory", false));
  },

  selectComment(id) {
    if (this._mode === "markdown") this.setMode("rich");
    const range = commentRange(this.view.state, id);
    if (!range) return false;
    const tr = this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, range.from, range.to));
    this.view.dispatch(tr.scrollIntoView());
    this.view.focus();
    const dom = this.view.domAtPos(range.from).node;
    const el = dom.nodeType === 1 ? dom : dom.parentElement;
    if (el && el.scrollIntoView) el.scrollIntoView({ block: "center", behavior: "auto" });
    return true;
  },

  _click(event) {
    const comment = event.target.closest && event.target.closest("[data-comment]");
    if (comment && this.opts.onCommentActivate) {
      this.opts.onCommentActivate(comment.getAttribute("data-comment"), comment.getBoundingClientRect());
      if (comment.classList.contains("bl-comment-marker")) { event.preventDefault(); return true; }
    }
    const hit = findingAt(this.view.state, event.target);
    if (hit && !this.root.classList.contains("bl-hl-hidden") && this.opts.onHighlightActivate) {
      this.opts.onHighlightActivate(hit.h, hit.el.getBoundingClientRect());
    }
    return false;
  },

  _hoverIn(event) {
    const hit = findingAt(this.view.state, event.target);
    if (!hit || hit.el === this._hover || this.root.classList.contains("bl-hl-hidden")) {
      if (!hit) this._hover = null;
      return false;
    }
    this._hover = hit.el;
    clearTimeout(this._hoverTimer);
    this._hoverTimer = setTimeout(() => {
      if (this._hover === hit.el && hit.el.isConnected && this.opts.onHighlightActivate) {
        this.opts.onHighlightActivate(hit.h, hit.el.getBoundingClientRect());
      }
    }, 250);
    return false;
  },

  _activateAtSelection() {
    this._syncDOM();
    const state = this.view.state;
    const h = findingAtSelection(state);
    const c = state.selection.from;
    const at = this.view.coordsAtPos(c);
    const rect = new DOMRect(at.left, at.top, Math.max(1, at.right - at.left), at.bottom - at.top);
    if (h && this.opts.onHighlightActivate && !this.root.classList.contains("bl-hl-hidden")) {
      this.opts.onHighlightActivate(h, rect);
      return true;
    }
    const found = commentKey.getState(state).find(c, c, (spec) => !!spec.comment);
    if (found.length && this.opts.onCommentActivate) {
      this.opts.onCommentActivate(found[0].spec.comment, rect);
      return true;
    }
    return false;
  },
};
