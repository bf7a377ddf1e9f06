"""The dev.to adapter when dev.to misbehaves: statuses mapped to typed errors,
redirects, timeouts, dropped connections, nobody listening, HTML or JSON of the wrong
shape."""

from __future__ import annotations

import pytest

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Rejected,
    RemoteConflict,
    ServerError,
    Timeout,
    TooLarge,
    Unreachable,
)
from drafts.export.devto import DevToAdapter
from tests.fake_devto import Fault
from tests.unit.export.devto_support import adapter_for, free_port, make_post

# -- failures ------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "error"), [
    (401, AuthFailed), (403, NotAllowed), (409, RemoteConflict), (413, TooLarge),
    (400, Rejected), (422, Rejected), (429, ServerError), (500, ServerError),
    (502, ServerError), (503, ServerError),
])
def test_statuses_map_to_typed_errors(fake, status, error):
    fake.script(Fault(status=status))
    with pytest.raises(error) as caught:
        adapter_for(fake).create(make_post())

    assert caught.value.status == status
    assert fake.api_key not in caught.value.message
    assert caught.value.message.rstrip().endswith(".")
    assert caught.value.retryable == (error is ServerError)


def test_an_unexpected_status_is_a_plain_export_error(fake):
    fake.script(Fault(status=418, message="teapot"))
    with pytest.raises(ExportError) as caught:
        adapter_for(fake).check()
    assert type(caught.value) is ExportError
    assert "418" in caught.value.message and "teapot" in caught.value.message


def test_a_redirect_is_not_followed(fake):
    fake.script(Fault(status=301, headers={"Location": "https://example.com/"}))
    with pytest.raises(BadResponse, match="redirect"):
        adapter_for(fake).check()
    assert len(fake.requests) == 1


def test_a_404_on_create_is_a_bad_address_not_a_deleted_post(fake):
    fake.script(Fault(status=404))
    with pytest.raises(BadResponse):
        adapter_for(fake).create(make_post())


def test_a_timeout_is_timeout(fake):
    fake.script(Fault(delay=2.0))
    with pytest.raises(Timeout, match="did not answer in time"):
        adapter_for(fake, timeout=0.3).check()


def test_a_dropped_connection_is_treated_like_a_timeout(fake):
    fake.script(Fault(drop=True))
    with pytest.raises(Timeout, match="connection .* broke"):
        adapter_for(fake).create(make_post())


def test_nobody_listening_is_unreachable():
    adapter = DevToAdapter("key", base_url=f"http://127.0.0.1:{free_port()}", timeout=2.0)
    with pytest.raises(Unreachable) as caught:
        adapter.check()
    assert "Check the API address" in caught.value.message
    assert not caught.value.retryable


@pytest.mark.parametrize("method", ["check", "create", "find"])
def test_html_instead_of_json_is_a_bad_response(fake, method):
    fake.script(Fault(raw="<html><body>Sign in</body></html>"))
    adapter = adapter_for(fake)
    with pytest.raises(BadResponse, match="not Forem API JSON"):
        if method == "check":
            adapter.check()
        elif method == "create":
            adapter.create(make_post())
        else:
            adapter.find_by_slug("x")


def test_an_html_error_page_keeps_its_status_meaning(fake):
    fake.script(Fault(status=502, raw="<html>Bad gateway</html>"))
    with pytest.raises(ServerError, match=r"\(502\)"):
        adapter_for(fake).create(make_post())


def test_json_of_the_wrong_shape_is_a_bad_response(fake):
    fake.script(Fault(raw='{"id": "abc"}'))
    with pytest.raises(BadResponse):
        adapter_for(fake).create(make_post())
