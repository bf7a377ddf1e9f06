"""Fault injection for the fake dev.to: `Fault` (one scripted misbehaviour) and the
`script` method that queues them, each taken by the first request matching its method
and path prefix."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Fault:
    """One scripted misbehaviour, for the first request matching `method` and `path`.

    status: answer with this status and a Forem error body (`message`, or a default);
      None answers normally (useful with `delay`, `after` or `raw`).
    raw: send this text as a text/html body instead of JSON (with `status`, or 200).
    delay: seconds to wait before answering; hang: never answer (until the test ends).
    drop: close the connection without any answer.
    after: process the request for real first (state changes), then apply the fault.
    method/path: only requests with this method and a path starting with this.
    """

    status: int | None = None
    message: str = ""
    raw: str | None = None
    delay: float = 0.0
    hang: bool = False
    drop: bool = False
    after: bool = False
    method: str = ""
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return ((not self.method or self.method.upper() == method)
                and (not self.path or path.startswith(self.path)))


class FaultsMixin:
    """Scripting faults; part of `FakeDevTo`."""

    def script(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.matches(method, path):
                    return self._faults.pop(i)
        return None
