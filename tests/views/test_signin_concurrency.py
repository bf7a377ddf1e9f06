"""The sign-in throttle under concurrent attack, against a real threaded server.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL (CI does both).
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from drafts.models import LoginThrottle
from tests.factories import PASSWORD, make_user
from tests.live import LiveServer

BURST = 12


@pytest.fixture
def server(app):
    live = LiveServer(app)
    yield live
    live.stop()


def _burst(server, email: str | list[str], password: str, size: int = BURST) -> list[int]:
    """`size` browsers load the sign-in page, then all post at the same moment."""
    emails = email if isinstance(email, list) else [email] * size
    size = len(emails)
    barrier = threading.Barrier(size)

    def attempt(email):
        with httpx2.Client(base_url=server.url, timeout=30) as browser:
            page = browser.get("/login").text
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
            barrier.wait()
            response = browser.post("/login", data={"csrf_token": token, "email": email, "password": password})
            return response.status_code

    with ThreadPoolExecutor(size) as pool:
        return list(pool.map(attempt, emails))


def test_simultaneous_wrong_passwords_are_each_counted_and_never_500(server, dbs):
    user = make_user(dbs)
    statuses = _burst(server, user.email, "wrong password 1")
    assert 500 not in statuses
    # Exactly five guesses reach the password check: four say "n attempts left",
    # the fifth starts the pause; the other seven are refused unchecked.
    assert sorted(statuses) == [401] * 4 + [429] * 8
    dbs.expire_all()
    assert dbs.get(LoginThrottle, "account:" + user.email).failures == 5


def test_three_bursts_never_let_the_right_password_through_a_pause(server, dbs):
    user = make_user(dbs)
    answered = 0
    for n in range(3):
        statuses = _burst(server, user.email, f"wrong password {n}")
        assert 500 not in statuses and set(statuses) <= {401, 429}
        answered += statuses.count(401)
    assert answered == 4
    with httpx2.Client(base_url=server.url, timeout=30) as browser:
        page = browser.get("/login").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = browser.post("/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD})
    assert response.status_code == 429 and "paused" in response.text


def test_a_team_signing_in_at_once_from_one_office_address_all_get_in(server, dbs):
    team = [make_user(dbs) for _ in range(8)]
    statuses = _burst(server, [u.email for u in team], PASSWORD)
    assert statuses == [302] * 8
    dbs.expire_all()
    assert dbs.get(LoginThrottle, "address:127.0.0.1").failures == 0
