"""Sending email over SMTP: one small adapter with explicit timeouts and typed errors.

    mailer = SMTPMailer(host="smtp.example.com", sender="Byline <byline@example.com>",
                        username="byline", password="...")
    mailer.send("Ana Author <ana@example.com>", "Subject", "Plain text body")

`send` either hands the message to the server or raises `MailError` whose
message is a sentence a person can act on. Nothing here reads the
environment: the web layer builds the mailer from its configuration.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr


class MailError(Exception):
    """The message could not be handed to the mail server.

    `server_down` is true when the server itself could not be reached (refused,
    timed out, TLS or login failed), so further messages would fail the same way.
    """

    def __init__(self, message: str, *, server_down: bool = False) -> None:
        super().__init__(message)
        self.server_down = server_down


@dataclass(frozen=True)
class SMTPMailer:
    """Plain-text UTF-8 email through one SMTP server (optionally STARTTLS and login)."""

    host: str
    sender: str
    port: int = 587
    username: str = ""
    password: str = ""
    starttls: bool = True
    timeout: float = 10.0
    local_hostname: str | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def build(self, to: str, subject: str, text: str) -> EmailMessage:
        """The message as it will be sent (exposed for tests and previews)."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = " ".join(subject.split())  # one line: no header injection
        message["Date"] = formatdate(usegmt=True)
        domain = parseaddr(self.sender)[1].rpartition("@")[2] or "byline.invalid"
        message["Message-ID"] = make_msgid(domain=domain)
        message.set_content(text, charset="utf-8")
        return message

    def send(self, to: str, subject: str, text: str) -> None:
        """Hand one message to the server, or raise MailError."""
        try:
            message = self.build(to, subject, text)
        except (ValueError, TypeError) as exc:
            raise MailError(f"The email to {to!r} could not be built: {exc}.") from exc
        try:
            with smtplib.SMTP(
                self.host, self.port, timeout=self.timeout, local_hostname=self.local_hostname
            ) as smtp:
                self._open(smtp)
                smtp.send_message(message)
        except MailError:
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            reasons = "; ".join(_reply(code, msg) for code, msg in exc.recipients.values())
            raise MailError(
                f"The mail server at {self.where} refused the address {_address(to)} ({reasons})."
            ) from exc
        except smtplib.SMTPSenderRefused as exc:
            raise MailError(
                f"The mail server at {self.where} refused the sender address "
                f"{exc.sender} ({_reply(exc.smtp_code, exc.smtp_error)}); check the From address."
            ) from exc
        except (smtplib.SMTPConnectError, smtplib.SMTPHeloError) as exc:
            raise MailError(
                f"The mail server at {self.where} refused the connection "
                f"({_reply(exc.smtp_code, exc.smtp_error)}).",
                server_down=True,
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise MailError(
                f"The mail server at {self.where} rejected the message "
                f"({_reply(exc.smtp_code, exc.smtp_error)})."
            ) from exc
        except smtplib.SMTPServerDisconnected as exc:
            raise MailError(
                f"The mail server at {self.where} closed the connection unexpectedly ({exc}).",
                server_down=True,
            ) from exc
        except smtplib.SMTPException as exc:
            raise MailError(f"Sending through the mail server at {self.where} failed: {exc}.") from exc
        except ConnectionRefusedError as exc:
            raise MailError(
                f"Could not connect to the mail server at {self.where}: the connection was refused. "
                "Check the SMTP host and port, and that the server is running.",
                server_down=True,
            ) from exc
        except (socket.timeout, TimeoutError) as exc:
            raise MailError(
                f"The mail server at {self.where} did not answer within {self.timeout:g} seconds.",
                server_down=True,
            ) from exc
        except ssl.SSLError as exc:
            raise MailError(
                f"The secure (TLS) connection to the mail server at {self.where} failed: "
                f"{exc.reason or exc}.",
                server_down=True,
            ) from exc
        except socket.gaierror as exc:
            raise MailError(
                f"The mail server name {self.host!r} could not be resolved; check the SMTP host.",
                server_down=True,
            ) from exc
        except OSError as exc:
            raise MailError(
                f"Could not reach the mail server at {self.where}: {exc.strerror or exc}.",
                server_down=True,
            ) from exc

    def _open(self, smtp: smtplib.SMTP) -> None:
        """Say hello, upgrade to TLS and sign in, as configured."""
        smtp.ehlo()
        if self.starttls:
            if not smtp.has_extn("starttls"):
                raise MailError(
                    f"The mail server at {self.where} does not offer STARTTLS; "
                    "turn STARTTLS off only if the server is on a trusted network.",
                    server_down=True,
                )
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if self.username:
            try:
                smtp.login(self.username, self.password)
            except smtplib.SMTPAuthenticationError as exc:
                raise MailError(
                    f"The mail server at {self.where} rejected the SMTP user name or password.",
                    server_down=True,
                ) from exc
            except smtplib.SMTPNotSupportedError as exc:
                raise MailError(
                    f"The mail server at {self.where} does not accept a login here "
                    "(it may require STARTTLS first).",
                    server_down=True,
                ) from exc


def format_address(name: str, email: str) -> str:
    """'Ana Author <ana@example.com>', quoted and encoded as needed."""
    try:
        return str(Address(display_name=name, addr_spec=email))
    except (ValueError, IndexError):
        return email


def _address(to: str) -> str:
    return parseaddr(to)[1] or to


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"
