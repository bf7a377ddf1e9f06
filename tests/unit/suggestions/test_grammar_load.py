"""The tagger's lexicon is read once, and no thread uses it half-read."""

from __future__ import annotations

import threading
import time

from drafts.suggestions import grammar


def test_concurrent_first_uses_wait_for_one_complete_load(monkeypatch):
    loads: list[int] = []
    finished = threading.Event()

    def slow_parse(*args, **kwargs):
        loads.append(1)
        time.sleep(0.2)  # the library filling its lexicon
        finished.set()
        return ""

    monkeypatch.setattr(grammar, "parse", slow_parse)
    monkeypatch.setattr(grammar, "_LOADED", threading.Event())
    returned_early: list[bool] = []

    def first_use() -> None:
        grammar._load()
        returned_early.append(not finished.is_set())

    threads = [threading.Thread(target=first_use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert loads == [1]
    assert returned_early == [False] * 4
