"""The built-in engine warms up in the background after a worker's first request."""

from __future__ import annotations

import threading

import pytest

from webapp import config as config_module
from webapp.suggestions import warm_up


@pytest.fixture
def calls(monkeypatch):
    """Record warm-up calls (thread names) instead of reading the word lists."""
    seen: list[str] = []
    done = threading.Event()

    def fake() -> None:
        seen.append(threading.current_thread().name)
        done.set()

    monkeypatch.setattr(warm_up.builtin, "warm_up", fake)
    monkeypatch.setattr(warm_up, "_started", False)
    return seen, done


def test_first_request_starts_one_background_warm_up(app_config, make_app, calls):
    seen, done = calls
    app = make_app({**app_config, "BYLINE_WARM_UP": True})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    assert done.wait(5), "the warm-up never ran"
    assert client.get("/healthz").status_code == 200
    assert seen == [warm_up.THREAD_NAME]


def test_tests_and_commands_do_not_warm_up_unless_asked(client, calls):
    seen, done = calls
    assert client.get("/healthz").status_code == 200
    assert not done.wait(0.2)
    assert seen == []


def test_a_failed_warm_up_is_logged_and_requests_go_on(app_config, make_app, monkeypatch, caplog):
    failed = threading.Event()

    def broken() -> None:
        failed.set()
        raise OSError("word list missing")

    monkeypatch.setattr(warm_up.builtin, "warm_up", broken)
    monkeypatch.setattr(warm_up, "_started", False)
    app = make_app({**app_config, "BYLINE_WARM_UP": True})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    assert failed.wait(5)
    for thread in threading.enumerate():
        if thread.name == warm_up.THREAD_NAME:
            thread.join(5)
    assert "Warming up the built-in suggestion engine failed." in caplog.text
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(("raw", "expected"), [("0", False), ("1", True), ("", None)])
def test_byline_warm_up_from_the_environment(monkeypatch, tmp_path, raw, expected):
    monkeypatch.setenv("BYLINE_WARM_UP", raw)
    assert config_module.from_environment(str(tmp_path)).get("BYLINE_WARM_UP") == expected
