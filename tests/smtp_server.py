"""A real SMTP server on 127.0.0.1 for tests: aiosmtpd in a thread, on a free port.

    def test_something(smtp_server):
        mailer = SMTPMailer(host=smtp_server.host, port=smtp_server.port, starttls=False, ...)
        ...
        assert smtp_server.messages[0]["Subject"] == "..."

tests/conftest.py makes them available to every test.
Every accepted message is kept, parsed (`messages`, email.message.EmailMessage)
and raw (`envelopes`: mail_from, rcpt_tos, content bytes). `refuse(address)`
makes the server answer 550 to that recipient, like a mailbox that does not
exist; `require_login(user, password)` starts a server variant with AUTH.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class MailboxHandler:
    """Stores what it receives; refuses the addresses it is told to."""

    envelopes: list[Received] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope: Envelope, address: str, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope: Envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        with self.lock:
            self.envelopes.append(Received(envelope.mail_from, list(envelope.rcpt_tos), content))
        return "250 Message accepted for delivery"


class SMTPTestServer:
    host = "127.0.0.1"

    def __init__(self, *, login: tuple[str, str] | None = None) -> None:
        self.handler = MailboxHandler()
        self.port = free_port()
        kwargs = {}
        if login is not None:
            expected = (login[0].encode(), login[1].encode())

            def authenticate(server, session, envelope, mechanism, auth_data):
                ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == expected
                return AuthResult(success=ok, handled=False)  # handled=False: server sends 535

            kwargs = {
                "authenticator": authenticate, "auth_require_tls": False,
                "auth_exclude_mechanism": ["LOGIN"],  # PLAIN only: one clean 535 on a bad password
            }
        self.controller = Controller(
            self.handler, hostname=self.host, port=self.port, server_hostname="smtp.test",
            ready_timeout=5.0, **kwargs,
        )
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def refuse(self, address: str) -> None:
        self.handler.refused.add(address.lower())

    @property
    def envelopes(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.envelopes)

    @property
    def messages(self) -> list[EmailMessage]:
        # As received, less the wire's CRLF line ends.
        return [
            message_from_bytes(e.content.replace(b"\r\n", b"\n"), policy=policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]


def free_port() -> int:
    """A port nothing listens on right now (also good for "connection refused")."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    """A loopback port with no server: connecting to it is refused."""
    return free_port()


@pytest.fixture
def smtp_server() -> Iterator[SMTPTestServer]:
    """A fresh SMTP server for one test, stopped afterwards."""
    server = SMTPTestServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server_with_login() -> Iterator[SMTPTestServer]:
    """An SMTP server that requires AUTH PLAIN as user "byline", password "s3cret"."""
    server = SMTPTestServer(login=("byline", "s3cret"))
    try:
        yield server
    finally:
        server.stop()
