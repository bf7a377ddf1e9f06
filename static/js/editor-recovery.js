// Byline editor page: when two saves collide, and when this browser kept text the server
// never got. A refused save (409) shows both versions with three choices; a kept copy is
// offered back on the next visit. Nothing is lost either way.
(function () {
  "use strict";

  const page = window.BylinePage;
  if (!page || !page.draft) return;
  const $ = (id) => document.getElementById(id);
  const {
    state, urls, csrf, values, fill, save, onEdit, setVersion, setStatus, showError, timeNow,
    keepLocally, readLocal, forgetLocal,
  } = page.draft;

  // --------------------------------------------------------------- conflict
  document.addEventListener("byline:conflict", (event) => showConflict(event.detail));

  function showConflict(data) {
    state.conflict = data.conflict;
    $("conflict-message").textContent = data.error;
    $("conflict-diff-js").innerHTML = data.conflict.diff_html; // escaped on the server
    $("conflict-banner-js").hidden = false;
    $("conflict-banner-js").scrollIntoView({ block: "nearest" });
  }

  function closeConflict() {
    state.conflict = null;
    $("conflict-banner-js").hidden = true;
  }

  $("conflict-keep").addEventListener("click", () => {
    setVersion(state.conflict.server.version);
    closeConflict();
    state.dirty = true;
    save(true);
  });

  function takeServer() {
    const server = state.conflict.server;
    closeConflict();
    fill(server, true);
    setVersion(server.version);
    state.dirty = false;
    forgetLocal();
    setStatus("saved", "Saved " + timeNow());
  }

  $("conflict-take").addEventListener("click", takeServer);

  $("conflict-copy").addEventListener("click", async () => {
    const body = new FormData();
    const v = values();
    Object.keys(v).forEach((k) => body.append(k, v[k]));
    body.append("csrf_token", csrf);
    try {
      const response = await fetch(urls.copy, { method: "POST", body: body, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const link = response.url;
      takeServer();
      const banner = $("stale-banner");
      banner.innerHTML = "";
      banner.append("Your text is now a separate draft: ");
      const a = document.createElement("a");
      a.href = link;
      a.textContent = "open my copy";
      banner.append(a);
      banner.hidden = false;
    } catch (e) {
      showError("Could not create the copy. Your text is still here and in this browser; try again.");
    }
  });

  // ---------------------------------------------------- offer kept text back
  function offerLocal() {
    const kept = readLocal();
    if (!kept) return;
    const current = values();
    const same = ["title", "body", "excerpt", "tags", "audience"].every(
      (k) => (kept[k] || "") === (current[k] || "")
    );
    if (same) {
      forgetLocal();
      return;
    }
    const when = new Date(kept.kept_at || Date.now()).toLocaleString();
    $("restore-text").textContent =
      "This browser kept text you had not saved (" + when + "). Restore it, or discard it to keep the saved version.";
    $("restore-banner").hidden = false;
    $("restore-local").onclick = () => {
      $("restore-banner").hidden = true;
      fill(kept, true);
      // Save against the version the text was written on: if the server moved on,
      // the conflict banner appears and nothing is lost.
      if (kept.base_version !== undefined && state.draftId) setVersion(kept.base_version);
      onEdit();
      save(true);
    };
    $("discard-local").onclick = () => {
      $("restore-banner").hidden = true;
      forgetLocal();
    };
  }

  if (document.getElementById("conflict-banner")) {
    // Server-rendered conflict (plain form path): the text in the form is the writer's.
    keepLocally();
  } else {
    offerLocal();
  }
})();
