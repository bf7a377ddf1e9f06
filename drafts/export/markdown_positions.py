"""A CommonMark parser (markdown-it-py) whose tokens say where in the source they came from.

markdown-it-py gives block tokens their lines but inline tokens no positions. This
module wraps a few of its own rules, without changing what they parse, so that:

- every `inline` token knows, for each character of its `content`, the offset of
  that character in the source (`offsets(token, src)`), from the line marks the
  block rule saw (block quotes and list items strip their markers that way);
- `code_inline`, `link_open`, `image` and autolink tokens carry `meta["span"]`, the
  (start, end) of their source text within the inline content (an image's
  children count from the start of its alt text, `meta["children_at"]`), and
  links and images `meta["label_end"]`, where their `]` is;
- `definition` tokens (reference definitions) know their lines.

The source must be normalized first (`normalize`), as markdown-it does it itself.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.token import Token

from drafts.rendering import add_work_budget


class Unmapped(Exception):
    """A token's text could not be located in the source (never expected)."""


def normalize(text: str) -> str:
    """What markdown-it does to its input before parsing: LF line ends, no NUL."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def parser(*, html: bool, track: bool = True) -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough; every link kept (the caller judges)."""
    md = MarkdownIt("commonmark", {"html": html, "inline_definitions": track})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    add_work_budget(md)  # hostile punctuation stops with a message, as in the preview
    if track:
        for name in ("paragraph", "heading", "lheading", "table", "reference"):
            _wrap(md.block.ruler, name, _track_block)
        for name in ("backticks", "link", "image", "autolink"):
            _wrap(md.inline.ruler, name, _track_inline)
    return md


def _wrap(ruler, name: str, wrapper: Callable) -> None:
    index = ruler.__find__(name)
    rule = ruler.__rules__[index]
    ruler.at(name, wrapper(name, rule.fn), {"alt": list(rule.alt)})


def _track_block(name: str, rule: Callable) -> Callable:
    def tracked(state, start_line, end_line, silent):
        count = len(state.tokens)
        found = rule(state, start_line, end_line, silent)
        if found and not silent:
            cell = 0
            for token in state.tokens[count:]:
                if token.type == "tr_open":
                    cell = 0
                if token.type in ("inline", "definition") and token.map:
                    first, last = token.map
                    if name == "reference":
                        last = state.line
                    token.meta["lines"] = [(state.bMarks[n] + state.tShift[n], state.eMarks[n])
                                           for n in range(first, last)]
                    token.meta["block"] = name
                    if name == "table":
                        token.meta["cell"] = cell
                        cell += 1
        return found

    return tracked


_SPANNED = {"backticks": "code_inline", "link": "link_open", "image": "image",
            "autolink": "link_open"}


def _track_inline(name: str, rule: Callable) -> Callable:
    wanted = _SPANNED[name]

    def tracked(state, silent):
        start = state.pos
        count = len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            token = next((t for t in state.tokens[count:] if t.type == wanted), None)
            if token is not None and "span" not in token.meta:
                token.meta["span"] = (start, state.pos)
                if name in ("link", "image"):
                    label_start = start + (1 if name == "link" else 2)
                    token.meta["label_end"] = _label_end(state, start, name == "link")
                    token.meta["children_at"] = label_start
        return found

    return tracked


def _label_end(state, start: int, is_link: bool) -> int:
    saved = state.pos
    try:
        state.pos = start
        at = start if is_link else start + 1
        return state.md.helpers.parseLinkLabel(state, at, is_link)
    finally:
        state.pos = saved


# -- from inline content back to the source ------------------------------------------------


def offsets(token: Token, src: str) -> list[int]:
    """For each character of the token's content, its offset in `src` (-1: not in the source,
    such as spaces expanded from a tab). One more entry marks the content's end."""
    lines = token.meta.get("lines")
    if not lines:
        raise Unmapped(f"no lines for {token.type}")
    block = token.meta.get("block")
    if block == "heading":
        return _heading(token.content, src, lines[0])
    if block == "table":
        return _cell(token.content, src, lines[0], token.meta["cell"])
    if block in ("paragraph", "lheading"):
        return _lines(token.content, src, lines)
    raise Unmapped(f"unexpected block {block}")


def _lines(content: str, src: str, lines: list[tuple[int, int]]) -> list[int]:
    parts = content.split("\n")
    if len(parts) != len(lines):
        raise Unmapped("line count")
    out: list[int] = []
    for i, (part, (begin, end)) in enumerate(zip(parts, lines, strict=True)):
        seg = src[begin:end]
        if i == len(parts) - 1:
            seg = seg.rstrip(MD_TRIM_CHARS)
        text = part.lstrip(" \t")
        if not seg.endswith(text):
            raise Unmapped("line text")
        base = begin + len(seg) - len(text)
        lead = len(part) - len(text)
        out.extend([-1] * lead)
        out.extend(range(base, base + len(text)))
        if i < len(parts) - 1:
            out.append(end)  # the line break
    out.append(out[-1] + 1 if out and out[-1] >= 0 else -1)
    return out


def _heading(content: str, src: str, line: tuple[int, int]) -> list[int]:
    begin, end = line
    seg = src[begin:end]
    hashes = len(seg) - len(seg.lstrip("#"))
    at = seg.find(content, hashes) if content else hashes
    if at < 0:
        raise Unmapped("heading text")
    return list(range(begin + at, begin + at + len(content) + 1))


def _cell(content: str, src: str, line: tuple[int, int], index: int) -> list[int]:
    begin, end = line
    seg = src[begin:end]
    lead = len(seg) - len(seg.lstrip(MD_TRIM_CHARS))
    text = seg.strip(MD_TRIM_CHARS)
    columns = _split_cells(text, begin + lead)
    if columns and columns[0][0] == "":
        columns.pop(0)
    if columns and columns[-1][0] == "":
        columns.pop()
    if index >= len(columns):
        if content:
            raise Unmapped("missing cell")
        return [-1]
    cell, places = columns[index]
    trimmed = cell.lstrip(MD_TRIM_CHARS)
    skip = len(cell) - len(trimmed)
    if not trimmed.startswith(content):
        raise Unmapped("cell text")
    return places[skip:skip + len(content)] + [places[skip + len(content)]]


def _split_cells(text: str, base: int) -> list[tuple[str, list[int]]]:
    """markdown-it's escapedSplit, keeping each character's source offset."""
    cells: list[tuple[str, list[int]]] = []
    chars: list[str] = []
    places: list[int] = []
    escaped = False
    for i, ch in enumerate(text):
        if ch == "|" and not escaped:
            cells.append(("".join(chars), places + [base + i]))
            chars, places = [], []
        elif ch == "|":  # an escaped pipe: the backslash is dropped
            chars[-1], places[-1] = ch, base + i
        else:
            chars.append(ch)
            places.append(base + i)
        escaped = ch == "\\"
    cells.append(("".join(chars), places + [base + len(text)]))
    return cells


def definition_lines(token: Token, src: str) -> tuple[str, list[int]]:
    """A reference definition's text as the reference rule read it, and its offsets."""
    text: list[str] = []
    places: list[int] = []
    for begin, end in token.meta.get("lines", []):
        stop = min(end + 1, len(src))
        text.append(src[begin:stop])
        places.extend(range(begin, stop))
    return "".join(text), places
