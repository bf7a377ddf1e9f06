"""Fault injection for the fake WordPress: `_Fault` (one scripted misbehaviour) and the
`fail_next` / `delay_next` / `html_next` / `close_next` / `drop_next` methods that queue
them, each taken by the next matching request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.fake_wordpress.model import DEFAULT_ERRORS


@dataclass
class _Fault:
    kind: str  # fail | delay | html | close | drop
    method: str | None = None
    route: str | None = None
    status: int = 200
    code: str = ""
    message: str = ""
    data: dict | None = None
    seconds: float = 0.0
    after: bool = False  # handle the request for real first (state changes), then misbehave

    def matches(self, method: str, route: str) -> bool:
        if self.method and self.method.upper() != method:
            return False
        if self.route is None:
            return True
        if self.route.endswith("*"):
            return route.startswith(self.route[:-1])
        return route == self.route


class FaultsMixin:
    """Scripting faults; part of `FakeWordPress`."""

    def fail_next(self, status: int, code: str | None = None, message: str | None = None, *,
                  method: str | None = None, route: str | None = None, after: bool = False,
                  **data: Any) -> None:
        """Answer the next (matching) request with a WordPress error body (after handling it
        for real when `after`)."""
        default_code, default_message = DEFAULT_ERRORS.get(status, ("rest_error", "Error."))
        self._add(_Fault("fail", method, route, status=status, code=code or default_code,
                         message=message or default_message, data=data, after=after))

    def delay_next(self, seconds: float, *, method: str | None = None,
                   route: str | None = None) -> None:
        self._add(_Fault("delay", method, route, seconds=seconds))

    def html_next(self, status: int = 200, *, method: str | None = None,
                  route: str | None = None, after: bool = False) -> None:
        self._add(_Fault("html", method, route, status=status, after=after))

    def close_next(self, *, method: str | None = None, route: str | None = None,
                   after: bool = False) -> None:
        self._add(_Fault("close", method, route, after=after))

    def drop_next(self, seconds: float = 5.0, *, method: str | None = "POST",
                  route: str | None = "/wp/v2/posts") -> None:
        """Create the post, then hold the reply past the client's timeout."""
        self._add(_Fault("drop", method, route, seconds=seconds))

    def _add(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, method: str, route: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, route):
                    self._faults.remove(fault)
                    return fault
        return None
