// Byline editor page: who else has the draft open, and what changed elsewhere. A
// heartbeat every 20 s (and at once when the tab comes back) returns the others editing,
// the server's version and the draft's status and next step for the top bar.
(function () {
  "use strict";

  const page = window.BylinePage;
  if (!page || !page.draft) return;
  const $ = (id) => document.getElementById(id);
  const { state, urls, csrf, postJSON, workflowState } = page.draft;
  const PRESENCE_EVERY = 20000;

  // --------------------------------------------------------------- presence
  let presenceTimer = null;

  async function beat() {
    if (!urls.presence || !navigator.onLine) return;
    try {
      const { status, data } = await postJSON(urls.presence, {});
      if (status !== 200) return;
      workflowState(data.workflow);
      const banner = $("presence-banner");
      if (data.others.length) {
        const names = data.others.map((o) => o.name).join(", ");
        banner.textContent =
          names + (data.others.length === 1 ? " is" : " are") +
          " also editing this draft. Your saves are protected: if you both change it, nothing is lost.";
        banner.hidden = false;
      } else {
        banner.hidden = true;
      }
      const stale = $("stale-banner");
      if (data.version > state.version && !state.saving && !state.conflict) {
        if (!state.dirty) {
          stale.textContent =
            "A newer version of this draft was saved elsewhere. Reload the page to see it.";
          stale.hidden = false;
        }
      }
    } catch (e) {
      /* offline: the save status already says so */
    }
  }

  function startPresence() {
    if (presenceTimer || !urls.presence) return;
    beat();
    presenceTimer = setInterval(beat, PRESENCE_EVERY);
  }

  // Coming back to the tab asks at once: a colleague may have approved or edited meanwhile.
  window.addEventListener("focus", () => beat());
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) beat();
  });

  window.addEventListener("pagehide", () => {
    if (!urls.leave || !navigator.sendBeacon) return;
    const data = new FormData();
    data.append("csrf_token", csrf);
    navigator.sendBeacon(urls.leave, data);
  });

  document.addEventListener("byline:draft-created", startPresence);
  window.addEventListener("online", () => beat());
  startPresence();
})();
