"""Markdown -> sanitized HTML, plain text, word count and reading time.

One renderer for the preview, the history view and exports, so what the
author sees is what is published. Markdown is parsed by markdown-it-py with
the CommonMark preset plus GFM tables and strikethrough. Its parser works in
time linear in the input (no backtracking over nested brackets or emphasis),
which matters because the preview runs at every pause in typing.

Raw HTML is off (`html=False`): text that looks like a tag (`<script>`,
`<iframe>`, `<b>`) comes out exactly as the author typed it, as text, and the
rest of the post is untouched. The result is still cleaned by nh3 against an
allow-list, so scripts, event handlers, styles and javascript: URLs never
survive even if the parser ever let one through.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.token import Token

from drafts.errors import DomainError

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "code": {"class"},  # only `language-*`, see _keep_attribute
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
PREVIEW_LINK_REL = "noopener noreferrer"  # exports carry no rel: the company's own links
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_ALIGN = re.compile(r"text-align:(left|right|center)")

# Work budget for one render, in inline-parser steps (a rule tried at one spot).
# markdown-it's parse is linear, but hostile punctuation ("![" repeated) costs
# up to ~30 microseconds a character against ~0.02 for prose. Real Markdown
# takes about 0.05 steps a character (a 2 MB draft fits); 100,000 steps cost
# at most about 3 seconds on one core.
INLINE_STEP_BUDGET = 100_000
TOO_COMPLEX = (
    "This text has so much repeated Markdown punctuation (brackets, stars, backticks, "
    "pipes...) that Byline will not turn it into a page: it would take too long. Nothing "
    "is lost. Remove the repeated punctuation, or put it inside a code block (```), and "
    "try again."
)

WORDS_PER_MINUTE = 238  # average silent reading speed for non-fiction
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Rendered:
    html: str
    words: int
    reading_minutes: int
    too_complex: bool = False  # over the work budget: html is the plain text and a notice


class MarkdownTooComplex(DomainError):
    def __init__(self) -> None:
        super().__init__(TOO_COMPLEX)


def _count_step(state, silent: bool) -> bool:
    """First inline rule: counts every step and stops a parse over the budget."""
    steps = state.env.get("byline_steps", 0) + 1
    state.env["byline_steps"] = steps
    if steps > INLINE_STEP_BUDGET:
        raise MarkdownTooComplex()
    return False


def _align_cells(state) -> None:
    """GFM table alignment as the `align` attribute (the sanitizer drops `style`)."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and token.attrs.get("style"):
            match = _ALIGN.fullmatch(str(token.attrs.pop("style")))
            if match:
                token.attrs["align"] = match.group(1)


def build_parser(inline: ParserInline | None = None) -> MarkdownIt:
    """A new parser with Byline's settings; `inline` swaps the inline parser (highlights)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": False})
    if inline is not None:
        md.inline = inline
    md.enable(["table", "strikethrough"])
    md.inline.ruler.before("escape", "byline_backslash_space", _backslash_before_space)
    md.core.ruler.push("byline_align_cells", _align_cells)
    return add_work_budget(md)


def _backslash_before_space(state, silent: bool) -> bool:
    """A backslash before a space is a literal backslash that leaves the space
    alone, so two trailing spaces after it are still a hard break (CommonMark;
    markdown-it 14, the editor's parser, does this; markdown-it-py 4.3 eats the
    space and loses the break)."""
    if state.src[state.pos] != "\\" or state.pos + 1 >= state.posMax or state.src[state.pos + 1] != " ":
        return False
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = token.markup = "\\"
        token.info = "escape"
    state.pos += 1
    return True


def add_work_budget(md: MarkdownIt) -> MarkdownIt:
    """Stop any parse of `md` past INLINE_STEP_BUDGET inline steps (MarkdownTooComplex).
    Every parser that reads a person's Markdown gets it: the preview's and the exports'."""
    md.inline.ruler.before("text", "byline_budget", _count_step)
    return md


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one configured parser (CommonMark + GFM tables + strikethrough, no raw HTML).

    Other modules that need tokens (exports) use this so they parse exactly
    what the preview shows. A single newline inside a paragraph is a soft
    break (`breaks=False`), as it has always been in Byline's preview.
    """
    return build_parser()


def parse_markdown(text: str) -> list[Token]:
    """markdown-it tokens for `text`, from the same parser as the preview.

    Raises MarkdownTooComplex when the text is over the work budget.
    """
    return markdown_parser().parse(text or "", {})


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "code" and attribute == "class":
        return value if _LANGUAGE_CLASS.fullmatch(value) else None
    return value


def sanitize_html(
    raw: str,
    extra_attributes: dict[str, set[str]] | None = None,
    attribute_filter: Callable[[str, str, str], str | None] | None = None,
    *,
    link_rel: str | None = PREVIEW_LINK_REL,
) -> str:
    """Clean HTML against the allow-list; `extra_attributes` also allows those tags."""
    attributes = {k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()}
    for tag, extra in (extra_attributes or {}).items():
        attributes[tag] = attributes.get(tag, set()) | set(extra)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        kept = _keep_attribute(tag, attribute, value)
        if kept is not None and attribute_filter is not None:
            return attribute_filter(tag, attribute, kept)
        return kept

    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS) | set(extra_attributes or ()),
        attributes=attributes,
        attribute_filter=keep,
        url_schemes=set(URL_SCHEMES),
        link_rel=link_rel,
    )


def markdown_to_raw_html(text: str, parser: MarkdownIt | None = None) -> str:
    """Render Markdown to HTML that is NOT yet safe: always sanitize the result.

    Raises MarkdownTooComplex when the text is over the work budget.
    """
    return (parser or markdown_parser()).render(text or "", {})


def too_complex_html(text: str) -> str:
    """What the preview shows for text over the budget: a notice, then the text as typed."""
    return (f'<p class="render-notice"><strong>Preview paused.</strong> {html.escape(TOO_COMPLEX)}</p>\n'
            f"<pre>{html.escape(text or '')}</pre>\n")


def markdown_to_html(text: str, *, link_rel: str | None = PREVIEW_LINK_REL) -> str:
    """Render Markdown and sanitize the result (exports and downloads).

    Raises MarkdownTooComplex (a DomainError whose message says what to do)
    when the text is over the work budget; never anything else on odd input.
    """
    return sanitize_html(markdown_to_raw_html(text), link_rel=link_rel)


def html_to_text(fragment: str) -> str:
    return html.unescape(nh3.clean(fragment, tags=set()))


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def reading_minutes(words: int) -> int:
    return 0 if words == 0 else max(1, math.ceil(words / WORDS_PER_MINUTE))


def render(text: str) -> Rendered:
    """The preview: HTML, words and reading time. Over the budget, the plain text and a notice."""
    try:
        body_html = markdown_to_html(text)
    except MarkdownTooComplex:
        words = count_words(text or "")
        return Rendered(html=too_complex_html(text), words=words,
                        reading_minutes=reading_minutes(words), too_complex=True)
    words = count_words(html_to_text(body_html))
    return Rendered(html=body_html, words=words, reading_minutes=reading_minutes(words))


def markdown_for_export(text: str) -> str:
    """The author's Markdown with raw HTML made inert: see drafts.export.markdown_safe."""
    from drafts.export.markdown_safe import export_markdown

    return export_markdown(text)
