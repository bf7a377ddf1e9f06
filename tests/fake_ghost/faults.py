"""Fault injection for the fake Ghost: `_Fault` (one scripted misbehaviour) and the
`fail_next` / `delay_next` / `html_next` / `redirect_next` / `drop_next` methods that queue
them, each taken by the next request whose "METHOD /path?query" contains `match`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Fault:
    kind: str  # "error" | "delay" | "html" | "redirect" | "drop"
    match: str | None
    status: int = 500
    type: str = "InternalServerError"
    message: str = ""
    code: str | None = None
    seconds: float = 0.0
    body: bytes = b""
    location: str = ""
    after: bool = False  # handle the request for real first (state changes), then misbehave


class FaultsMixin:
    """Scripting faults; part of `FakeGhost`."""

    def fail_next(self, status: int, type: str = "InternalServerError",  # noqa: A002
                  message: str = "An unexpected error occurred, please try again.", *,
                  code: str | None = None, match: str | None = None,
                  after: bool = False) -> None:
        self._add_fault(_Fault("error", match, status=status, type=type, message=message,
                               code=code, after=after))

    def delay_next(self, seconds: float, *, match: str | None = None) -> None:
        self._add_fault(_Fault("delay", match, seconds=seconds))

    def html_next(self, status: int = 200, body: str = "<html><body><h1>Sign in</h1></body></html>",
                  *, match: str | None = None, after: bool = False) -> None:
        self._add_fault(_Fault("html", match, status=status, body=body.encode(), after=after))

    def redirect_next(self, location: str, status: int = 301, *, match: str | None = None) -> None:
        self._add_fault(_Fault("redirect", match, status=status, location=location))

    def drop_next(self, *, match: str | None = None, after: bool = False) -> None:
        """Close the connection without answering (after reading the request, and after
        handling it for real when `after`)."""
        self._add_fault(_Fault("drop", match, after=after))

    def _add_fault(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, request_line: str) -> _Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.match is None or fault.match in request_line:
                    return self._faults.pop(i)
        return None
