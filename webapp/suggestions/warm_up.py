"""Warm the built-in engine up in the background once a worker serves its first request.

Its word lists, the tagger's lexicon and the inflection tables take a second
or two to read. Without this, the first person to ask for a suggestion after
a restart waits for them, once per worker. Command-line runs (`flask
upgrade-db`, `flask publish-due`) serve no request, so they never pay for it;
tests leave it off unless they ask for it. `BYLINE_WARM_UP=0` turns it off.
"""

from __future__ import annotations

import threading

from flask import current_app

from drafts.suggestions import builtin

THREAD_NAME = "byline-warm-up"
_started = False
_starting = threading.Lock()


def _run(logger) -> None:
    try:
        builtin.warm_up()
    except Exception:  # a failed warm-up only means the first suggestion loads the lists itself
        logger.exception("Warming up the built-in suggestion engine failed.")


def start_once() -> None:
    """Before each request: the first one in this process starts the warm-up thread."""
    global _started
    if _started:
        return
    app = current_app
    if not app.config.get("BYLINE_WARM_UP", not app.testing):
        return
    with _starting:
        if _started:
            return
        _started = True
    threading.Thread(target=_run, args=(app.logger,), name=THREAD_NAME, daemon=True).start()
