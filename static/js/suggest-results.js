// Byline suggestions panel, the results: notes, the diff of a rewrite, choices and the
// outline, and applying them. Loaded before suggest.js, which passes in what it shares.
// Model output is shown as text, never as HTML.
(function () {
  "use strict";

  window.BylineSuggestResults = function (ctx) {
    function showResult(result) {
      ctx.$("suggest-stream").textContent = "";
      const box = ctx.$("suggest-result");
      box.innerHTML = "";
      showNotes(box, result);
      if (result.kind === "rewrite") return showRewrite(box, result);
      if (result.kind === "choices") return showChoices(box, result);
      if (result.kind === "excerpt") return showExcerpt(box, result);
      if (result.kind === "outline") return showOutline(box, result);
    }

    // What Byline did to the answer before offering it ("2 headlines dropped: over 70 characters").
    function showNotes(box, result) {
      const notes = (result.notes || []).concat(result.note ? [result.note] : []);
      if (notes.length) box.append(ctx.el("p", { class: "banner banner-info small", id: "suggest-notes", role: "note" }, notes.join(" ")));
    }

    // A message about an apply that did not save; the suggestion stays on screen.
    function showApplyError(message) {
      ctx.$("suggest-error").textContent = message;
      ctx.$("suggest-error").hidden = false;
      ctx.setStatus("");
    }

    // Applies the fields, then says so only once the save went through.
    async function applyAndReport(fields, done, what) {
      ctx.$("suggest-error").hidden = true;
      ctx.setStatus("Saving…");
      const outcome = await ctx.apply(fields);
      if (outcome.ok) {
        ctx.setStatus(done);
        return true;
      }
      showApplyError(what + " not saved: " + outcome.error.replace(/\.?$/, ".") +
        " The suggestion is still here; pick another or edit it by hand.");
      return false;
    }

    function showRewrite(box, result) {
      const changes = result.segments.filter((s) => s.kind === "change").length;
      if (!changes) {
        box.append(ctx.el("p", {}, "No changes suggested: this passage already reads well for this task."));
        return;
      }
      box.append(ctx.el("p", { class: "small muted" }, changes + " change" + (changes === 1 ? "" : "s") +
        ". Click a change to accept or reject it, then apply."));
      const diff = ctx.el("div", { class: "diff suggest-diff", id: "suggest-diff" });
      result.segments.forEach((segment, index) => {
        if (segment.kind === "same") {
          diff.append(document.createTextNode(segment.old));
          return;
        }
        const change = ctx.el("span", { class: "change accepted", "data-index": String(index), role: "button",
          tabindex: "0", "aria-pressed": "true", title: "Click to reject this change" });
        if (segment.old) change.append(ctx.el("del", { class: "diff-del" }, segment.old));
        if (segment.new) change.append(ctx.el("ins", { class: "diff-ins" }, segment.new));
        const toggle = () => {
          const on = !change.classList.contains("accepted");
          change.classList.toggle("accepted", on);
          change.classList.toggle("rejected", !on);
          change.setAttribute("aria-pressed", String(on));
          change.title = on ? "Click to reject this change" : "Click to accept this change";
        };
        change.addEventListener("click", toggle);
        change.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
        diff.append(change);
      });
      box.append(diff);
      const actions = ctx.el("div", { class: "actions" });
      const all = ctx.el("button", { type: "button", class: "small" }, "Accept all");
      const none = ctx.el("button", { type: "button", class: "small" }, "Reject all");
      const apply = ctx.el("button", { type: "button", class: "small primary", id: "suggest-apply" }, "Apply accepted changes");
      all.onclick = () => diff.querySelectorAll(".change").forEach((c) => { if (!c.classList.contains("accepted")) c.click(); });
      none.onclick = () => diff.querySelectorAll(".change").forEach((c) => { if (c.classList.contains("accepted")) c.click(); });
      apply.onclick = () => applyRewrite(result, diff);
      actions.append(all, none, apply);
      box.append(actions);
    }

    // One undo step: the selection itself when it is still the passage, else the passage
    // wherever it now is in the draft.
    function applyRewrite(result, diff) {
      const accepted = new Set(Array.from(diff.querySelectorAll(".change.accepted")).map((c) => parseInt(c.dataset.index, 10)));
      if (!accepted.size) {
        ctx.setStatus("No changes accepted; the draft is unchanged.");
        return;
      }
      const text = result.segments.map((s, i) => (s.kind === "change" && accepted.has(i) ? s.new : s.old)).join("");
      const sc = ctx.last().scope;
      const current = ctx.surface.getMarkdown();
      const sel = ctx.surface.getSelection();
      let fields = {};
      if (!sc.whole && sel && !sel.empty && (sel.markdown || sel.text) === sc.text) {
        ctx.surface.replaceSelection(text);
      } else {
        const start = sc.whole ? (current === sc.text ? 0 : -1) : current.indexOf(sc.text);
        if (start < 0) {
          ctx.showError("The passage changed while the suggestion was written, so it was not applied. Ask again.");
          return;
        }
        fields = { body: current.slice(0, start) + text + current.slice(start + sc.text.length) };
      }
      const done = "Applied " + accepted.size + " change" + (accepted.size === 1 ? "" : "s") + ". Ctrl+Z undoes it.";
      applyAndReport(fields, done, "The changes were applied in the editor but").then((ok) => {
        if (ok) ctx.$("suggest-result").innerHTML = "";
      });
    }

    function choiceList(box, items, label, onUse) {
      const list = ctx.el("ul", { class: "choices" });
      items.forEach((item) => {
        const li = ctx.el("li");
        li.append(ctx.el("strong", {}, item.text));
        if (item.rationale) li.append(ctx.el("span", { class: "small muted" }, " — " + item.rationale));
        const use = ctx.el("button", { type: "button", class: "small" }, label);
        use.onclick = () => onUse(item);
        li.append(use);
        list.append(li);
      });
      box.append(list);
    }

    function showChoices(box, result) {
      if (ctx.last().action === "headlines") {
        choiceList(box, result.choices, "Use as title", (item) =>
          applyAndReport({ title: item.text }, "Title updated.", "Title"));
      } else {
        choiceList(box, result.choices, "Add at the end", (item) =>
          applyAndReport({ body: ctx.surface.getMarkdown().replace(/\s*$/, "") + "\n\n" + item.text + "\n" },
            "Added to the end of the draft.", "The text was added in the editor but"));
      }
    }

    function showExcerpt(box, result) {
      choiceList(box, [{ text: result.excerpt, rationale: "Excerpt" }], "Use as excerpt", (item) =>
        applyAndReport({ excerpt: item.text }, "Excerpt updated.", "Excerpt"));
      if (result.meta_description) {
        const meta = ctx.el("p", { class: "small" });
        meta.append(ctx.el("strong", {}, "Meta description: "), document.createTextNode(result.meta_description));
        box.append(meta);
      }
    }

    function showOutline(box, result) {
      box.append(ctx.el("pre", { class: "suggest-stream" }, result.text));
      const insert = ctx.el("button", { type: "button", class: "small primary" },
        ctx.surface.getMarkdown().trim() ? "Add the outline at the end" : "Start the draft from this outline");
      insert.onclick = () => {
        const lines = result.text.split("\n");
        const fields = {};
        if (lines[0].startsWith("# ") && !ctx.$("title").value.trim()) {
          fields.title = lines[0].slice(2).trim();
          lines.shift();
        }
        const current = ctx.surface.getMarkdown();
        fields.body = (current.trim() ? current.replace(/\s*$/, "") + "\n\n" : "") + lines.join("\n").trim() + "\n";
        applyAndReport(fields, "Outline added.", "The outline was added in the editor but");
      };
      box.append(insert);
    }

    return { showResult: showResult };
  };
})();
