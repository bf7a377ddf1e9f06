// Images in the editor: dropped, pasted or picked files go through the
// page's upload (opts.uploadImage) with a placeholder where they will land;
// pasted data: URLs (screenshots from Word or Google Docs) are uploaded too.
import { schema } from "./schema.js";
import { uploadKey, uploadPos } from "./views.js";
import { ONE_STEP } from "./steps.js";

export const imageMethods = {
  _imageFiles(list) {
    return [...(list || [])].filter((f) => /^image\//.test(f.type));
  },

  _pasteFiles(event) {
    const files = this._imageFiles(event.clipboardData && event.clipboardData.files);
    if (!files.length || !this.opts.uploadImage) return false;
    this._upload(files, this.view.state.selection.from);
    return true;
  },

  _dropFiles(event, moved) {
    if (moved) return false;
    const files = this._imageFiles(event.dataTransfer && event.dataTransfer.files);
    if (!files.length || !this.opts.uploadImage) return false;
    const at = this.view.posAtCoords({ left: event.clientX, top: event.clientY });
    this._upload(files, at ? at.pos : this.view.state.selection.from);
    event.preventDefault();
    return true;
  },

  _upload(files, pos) {
    for (const file of files) {
      const id = ++this._uploadSeq;
      this.view.dispatch(this.view.state.tr.setMeta(uploadKey, { add: { id, pos } }));
      Promise.resolve()
        .then(() => this.opts.uploadImage(file))
        .then((result) => {
          if (!this.view) return;
          const at = uploadPos(this.view.state, id);
          const tr = this.view.state.tr.setMeta(uploadKey, { remove: { id } });
          if (at != null && result && result.src) {
            tr.insert(at, schema.nodes.image.create({ src: result.src, alt: result.alt || null }));
            tr.setMeta(ONE_STEP, true);
          }
          this.view.dispatch(tr);
        })
        .catch((err) => {
          if (!this.view) return;
          this.view.dispatch(this.view.state.tr.setMeta(uploadKey, { remove: { id } }));
          this._reportError(err);
        });
    }
  },

  // Images pasted as data: URLs (screenshots in Word or Google Docs HTML) go
  // through the page's upload like dropped files; their src is then replaced.
  _uploadPastedDataImages(tr) {
    if (!this.opts.uploadImage) return;
    const found = [];
    tr.doc.descendants((node) => {
      if (node.type === schema.nodes.image && /^data:image\//i.test(node.attrs.src || "")) found.push(node.attrs.src);
    });
    for (const dataUrl of new Set(found)) {
      let file;
      try {
        const [head, body] = dataUrl.split(",", 2);
        const type = /data:([^;,]+)/.exec(head)[1];
        const bytes = /;base64/i.test(head) ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0)) : new TextEncoder().encode(decodeURIComponent(body));
        file = new File([bytes], "pasted." + (type.split("/")[1] || "png").replace(/[^a-z0-9]/g, ""), { type });
      } catch (err) {
        continue;
      }
      Promise.resolve()
        .then(() => this.opts.uploadImage(file))
        .then((result) => {
          if (!this.view || !result || !result.src) return;
          const tr2 = this.view.state.tr;
          this.view.state.doc.descendants((node, pos) => {
            if (node.type === schema.nodes.image && node.attrs.src === dataUrl) {
              tr2.setNodeMarkup(pos, null, { ...node.attrs, src: result.src, alt: node.attrs.alt || result.alt || null });
            }
          });
          if (tr2.docChanged) this.view.dispatch(tr2.setMeta("addToHistory", false));
        })
        .catch((err) => this._reportError(err));
    }
  },

  _reportError(err) {
    if (!this.root) return;
    this.root.dispatchEvent(new CustomEvent("byline-editor-error", {
      bubbles: true,
      detail: { message: (err && err.message) || "The image could not be uploaded. Try again, or use a smaller PNG or JPEG." },
    }));
  },

  pickImage() {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = "image/*";
    input.hidden = true;
    input.addEventListener("change", () => {
      const files = this._imageFiles(input.files);
      if (files.length && this.opts.uploadImage) this._upload(files, this.view.state.selection.from);
      input.remove();
    });
    this.root.appendChild(input);
    input.click();
  },

  insertImage({ src, alt } = {}) {
    if (!src) return false;
    this.source.flush();
    const tr = this.view.state.tr.replaceSelectionWith(schema.nodes.image.create({ src, alt: alt || null }), false);
    this.view.dispatch(tr.setMeta(ONE_STEP, true).scrollIntoView());
    return true;
  },

};
