"""Input hygiene shared by every write: control characters, newlines, limits."""

from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls.
# PostgreSQL rejects NUL in text, and none of these belong in prose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates cannot be encoded as UTF-8 and break every database driver.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str | None, *, single_line: bool = False) -> str:
    if not value:
        return ""
    value = _SURROGATE.sub("\ufffd", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    if single_line:
        value = " ".join(value.split())
    return value


def utf8_size(value: str) -> int:
    return len(value.encode("utf-8"))
