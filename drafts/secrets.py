"""Encryption at rest for credentials (model API keys, CMS passwords).

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package). The
key comes from BYLINE_ENCRYPTION_KEY or a file generated once in the instance
folder. Plain text never leaves this module except to the outside service.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from drafts.errors import DomainError


class SecretUnreadable(DomainError, ValueError):
    """A stored credential that the current encryption key cannot decrypt."""

    def __init__(self) -> None:
        super().__init__(
            "These credentials can no longer be read: enter them again, then use Test "
            "connection. (Byline's encryption key changed since they were saved; restoring "
            "BYLINE_ENCRYPTION_KEY or instance/encryption_key also works.)")


class SecretBox:
    def __init__(self, key: bytes | str) -> None:
        self._fernet = Fernet(key)

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii") if plain else ""

    def decrypt(self, token: str) -> str:
        if not token:
            return ""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise SecretUnreadable() from None


def hint(plain: str) -> str:
    """What may be shown of a secret: only that it is set, and its last four characters."""
    if not plain:
        return ""
    return f"set, ending in …{plain[-4:]}" if len(plain) >= 12 else "set"


def load_key(instance_path: str) -> bytes:
    env = os.environ.get("BYLINE_ENCRYPTION_KEY")
    if env:
        return env.encode("ascii")
    path = Path(instance_path) / "encryption_key"
    if path.exists():
        return path.read_bytes().strip()
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key
