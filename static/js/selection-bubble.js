// Byline editor page: a small bar by a selection in the rich-text editor, as in Google
// Docs and Medium: comment on the passage or ask for a suggestion on it, in one click.
(function () {
  "use strict";

  const page = window.BylinePage;
  const mount = document.getElementById("editor-mount");
  if (!page || !page.surface || !page.surface.rich || !mount) return;
  const surface = page.surface;
  const form = document.getElementById("editor-form");

  const bubble = document.createElement("div");
  bubble.className = "selection-bubble";
  bubble.hidden = true;
  bubble.setAttribute("role", "toolbar");
  bubble.setAttribute("aria-label", "Selection");
  const comment = document.createElement("button");
  comment.type = "button";
  comment.className = "small";
  comment.textContent = "Comment";
  comment.title = "Comment on this passage (Ctrl+Alt+M)";
  const suggest = document.createElement("button");
  suggest.type = "button";
  suggest.className = "small";
  suggest.textContent = "Suggest…";
  suggest.title = "Suggestions for this passage (Ctrl+J)";
  bubble.append(comment, suggest);
  document.body.append(bubble);

  // The buttons act on the editor's selection, so they must not take it away.
  bubble.addEventListener("mousedown", (event) => event.preventDefault());

  function place() {
    const sel = window.getSelection();
    const inside = sel && sel.rangeCount && mount.contains(sel.anchorNode);
    const current = surface.getSelection();
    if (!inside || !current || current.empty || !current.text.trim()) {
      bubble.hidden = true;
      return;
    }
    const rect = sel.getRangeAt(0).getBoundingClientRect();
    if (!rect.width && !rect.height) {
      bubble.hidden = true;
      return;
    }
    bubble.hidden = false;
    const width = bubble.offsetWidth;
    const vw = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(rect.left + rect.width / 2 - width / 2, vw - width - 8));
    const above = rect.top - bubble.offsetHeight - 8;
    bubble.style.left = left + window.scrollX + "px";
    bubble.style.top = (above > 60 ? above : rect.bottom + 8) + window.scrollY + "px";
  }

  comment.addEventListener("click", () => {
    bubble.hidden = true;
    if (!form.dataset.draftId) return;
    if (page.startComment) page.startComment();
  });
  suggest.addEventListener("click", () => {
    bubble.hidden = true;
    document.getElementById("suggest-button").click();
  });
  comment.hidden = !form.dataset.draftId;
  new MutationObserver(() => (comment.hidden = !form.dataset.draftId))
    .observe(form, { attributes: true, attributeFilter: ["data-draft-id"] });

  surface.onSelectionChange(() => requestAnimationFrame(place));
  mount.addEventListener("focusout", (event) => {
    if (!bubble.contains(event.relatedTarget)) bubble.hidden = true;
  });
  window.addEventListener("scroll", () => { if (!bubble.hidden) place(); }, { passive: true });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") bubble.hidden = true;
  });
})();
