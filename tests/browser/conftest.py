"""Browser tests: Playwright driving Debian's Chromium against a live Byline.

Browsers are never downloaded. With CI set and no Chromium these tests fail;
elsewhere they skip and say why. `bundle_server` and `ed` serve the editor bundle on
a bare page (tests/browser/bundle_page.py) for the test_editor_bundle*.py tests.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.bundle_page import serve
from tests.live import LiveServer

CHROMIUM = os.environ.get("BYLINE_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _chromium_present():
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = (
        f"Chromium not found at {CHROMIUM}. Install Debian's package (apt-get install chromium) "
        "or set BYLINE_CHROMIUM; Playwright never downloads browsers here."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}}


@pytest.fixture
def live_server(app):
    server = LiveServer(app)
    yield server
    server.stop()


@pytest.fixture
def shot():
    """Save a screenshot under docs/screenshots (the README shows them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # Each person lands where their work is: the queue, their drafts, or their home page.
    page.wait_for_url(lambda url: url.startswith(base_url) and "/login" not in url)


@pytest.fixture(scope="session")
def base_url():
    """Shadows pytest-base-url's fixture (deprecated style under pytest 9); tests use live_server.url."""
    return None


@pytest.fixture(scope="module")
def bundle_server():
    server = serve()
    yield server
    server.stop()


@pytest.fixture
def ed(page, bundle_server):
    page.goto(bundle_server.url + "/")
    page.wait_for_function("() => window.__ed")
    yield page
    assert page.evaluate("() => window.__cspViolations") == []
