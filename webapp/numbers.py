"""Numbers and JSON from the outside, checked at the edge in one place.

Ids and counts go into SQL, where a number larger than the column (PostgreSQL
`integer`, SQLite's 64-bit INTEGER) is an error inside the driver, and
`1e400` arrives from JSON as infinity. Every id in a URL goes through the
bounded `int` converter (too large: 404, like any id that does not exist);
every number in JSON, a form or a query string goes through `json_int` or
`arg_int`. JSON bodies are parsed by a provider that turns the parser's own
recursion limit into a plain parse error and refuses nesting deeper than
Byline ever sends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter

from drafts.errors import ValidationError

MAX_INT = 2**31 - 1  # PostgreSQL `integer`, the type of every id and version column
MAX_JSON_DEPTH = 32  # Byline's own JSON is two or three levels deep
_DIGITS = re.compile(r"[0-9]{1,10}")


def _at_most(limit: int) -> str:
    """A regular expression for the decimal numbers 0..limit (no signs, no overflow)."""
    digits = str(limit)
    options = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for i, d in enumerate(digits):
        rest = len(digits) - i - 1
        low = "1" if i == 0 else "0"
        if int(d) > int(low):
            options.append(f"{digits[:i]}[{low}-{int(d) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    options.append(digits)
    return "(?:" + "|".join(options) + ")"


class BoundedIntConverter(IntegerConverter):
    """Flask's `int` converter, matching only numbers every database column can hold.

    The limit is in the pattern itself, so a larger number is a URL that does
    not exist (404 for every method), exactly like an id nobody has.
    """

    regex = _at_most(2**31 - 1)

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min,
                         max=MAX_INT if max is None else max, signed=signed)


def as_int(value: Any, minimum: int, maximum: int, strings: bool = True) -> int | None:
    """The whole number in `value` (an int, or digits in a string), within bounds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and strings:
        text = value.strip()
        if not _DIGITS.fullmatch(text):
            return None
        value = int(text)
    if not isinstance(value, int) or not minimum <= value <= maximum:
        return None
    return value


def json_int(
    values: Mapping[str, Any], name: str, *, required: bool = False, minimum: int = 0,
    maximum: int = MAX_INT, message: str | None = None, strings: bool = True,
) -> int | None:
    """A whole number from a JSON body or a form; ValidationError (422) when it is not one.

    `strings=False` refuses digits sent as a JSON string (JSON-only fields).
    """
    raw = values.get(name)
    if raw is None or raw == "":
        if required:
            raise ValidationError(message or f"'{name}' is missing: send a whole number.", field=name)
        return None
    value = as_int(raw, minimum, maximum, strings)
    if value is None:
        raise ValidationError(
            message or f"'{name}' must be a whole number from {minimum} to {maximum}.", field=name
        )
    return value


def arg_int(minimum: int = 0, maximum: int = MAX_INT) -> Callable[[str], int]:
    """A `type=` for `request.args.get`: out of range counts as not given."""

    def convert(raw: str) -> int:
        value = as_int(raw, minimum, maximum)
        if value is None:
            raise ValueError(raw)
        return value

    return convert


def json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply lists and dicts nest in parsed JSON, up to limit + 1 (no recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        stack.extend([(child, depth + 1) for child in children if isinstance(child, (list, dict))])
    return deepest


class BoundedJSONProvider(DefaultJSONProvider):
    """Refuse JSON nested deeper than MAX_JSON_DEPTH (a 400, not a RecursionError)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:  # the parser stops itself about a thousand levels down
            raise ValueError("JSON nested too deeply.") from None
        brackets = s.count(b"[" if isinstance(s, bytes) else "[") + \
            s.count(b"{" if isinstance(s, bytes) else "{")
        if brackets > MAX_JSON_DEPTH and json_depth(value) > MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep.")
        return value
