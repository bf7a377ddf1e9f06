"""Markdown -> editor -> Markdown is safe.

For generated documents (hypothesis), every Markdown sample in the test suite
and the five sample articles, loaded into the real editor in Chromium:

- md1 = roundtrip(md0) is stable: roundtrip(md1) == md1 (one normalization);
- the server renders md0 and md1 to the same HTML;
- no word of md0 is missing from md1, including what renders as nothing
  (link and footnote definitions).

The server renders with `drafts.rendering.render`. The editor speaks CommonMark
+ GFM tables/strikethrough (markdown-it), the dialect the server is moving to
(markdown-it-py). While `drafts.rendering` still renders with Python-Markdown,
which reads unclosed fences, `\\` hard breaks and `~` escapes differently,
the comparison uses that same CommonMark pipeline built here (markdown-it-py
+ the server's own sanitizer); once the server renders CommonMark, its render
is used as is.

One known difference is not generated: emphasis nested in emphasis
(`*a *b* c*`, or a bare `a*b` pairing with another `*`) is one emphasis in the
editor, because ProseMirror marks do not nest; the words and how they look
are kept, only the HTML nesting differs.

HTML is compared after one normalization, justified by HTML itself: outside
<pre>, a run of whitespace that contains a line break is shown exactly like a
single space, and the editor writes a soft line break inside a paragraph as
a space (what the reader sees).
"""

from __future__ import annotations

import ast
import html
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from drafts.rendering import render, sanitize_html
from tests.browser.bundle_page import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BATCH = 150


def _samples_dir() -> Path | None:
    env = os.environ.get("BYLINE_SAMPLES")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "samples" for p in ROOT.parents]
    return next((c for c in candidates if c.is_dir()), None)


_MD_SIGNAL = re.compile(
    r"(^|\n)\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|```|~~~|\|)|\*\*|\*\S|_\S|`[^`\n]+`"
    r"|\[[^\]\n]+\]\(|<[a-zA-Z/]|\n\n|  \n|\\\n"
)


def markdown_samples_in_tests() -> list[str]:
    """Every string literal in the test suite that looks like Markdown."""
    found: set[str] = set()
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.resolve() == Path(__file__).resolve():
            continue  # this file's generators and docstrings are not samples
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if 3 <= len(text) <= 200_000 and _MD_SIGNAL.search(text):
                    found.add(text)
    return sorted(found)


def article_samples() -> list[str]:
    folder = _samples_dir()
    if folder is None:
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_BLOCK_EDGE = re.compile(r"\s*(</?(?:p|li|ul|ol|h[1-6]|blockquote|table|thead|tbody|tr|td|th|hr)\b[^>]*>)\s*")


_COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _server_is_commonmark() -> bool:
    return render("```\nunclosed fence").html.startswith("<pre")


def server_html(markdown: str) -> str:
    if SERVER_IS_COMMONMARK:
        return render(markdown).html
    return sanitize_html(_COMMONMARK.render(markdown))


SERVER_IS_COMMONMARK = _server_is_commonmark()


def normalized_html(markdown: str) -> str:
    """Whitespace a browser does not show is not compared: outside <pre>, a run
    with a line break in it is one space, and whitespace at the edges of block
    elements (where markdown-it trims and Python-Markdown keeps) vanishes."""
    parts = _PRE.split(server_html(markdown))
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            part = re.sub(r"[ \t]*\n[ \t\n]*", " ", part)
            part = _BLOCK_EDGE.sub(r"\1", part)
        out.append(part)
    return "".join(out)


@pytest.fixture(scope="module")
def editor(browser):
    server = serve()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/")
    page.wait_for_function("() => window.__ed")

    def roundtrip(docs: list[str]) -> list[str]:
        out: list[str] = []
        for i in range(0, len(docs), BATCH):
            results = page.evaluate("(docs) => window.__roundtrip(docs)", docs[i : i + BATCH])
            for doc, result in zip(docs[i : i + BATCH], results):
                assert "error" not in result, f"editor failed on {doc!r}: {result['error']}"
                out.append(result["md"])
        return out

    yield roundtrip
    assert errors == []
    page.close()
    server.stop()


_WORD = re.compile(r"[^\W\d_]+")
_REF_LABEL = re.compile(r"\]\[[^\]\n]*\]")


def lost_words(md0: str, md1: str) -> Counter:
    """Words of md0 missing from md1: nothing the author wrote may vanish, even
    what renders as nothing (a link or footnote definition). md1 may hold more
    (a reference link written inline repeats its address). Two normalizations:
    entities count as the character they stand for (the editor writes the
    character), and a full reference link's label ([text][label]) is markup,
    not words: the editor writes the link inline and keeps the definition."""
    md0 = _REF_LABEL.sub("]", md0)
    return Counter(_WORD.findall(html.unescape(md0))) - Counter(_WORD.findall(html.unescape(md1)))


def check(roundtrip, docs: list[str]) -> list[str]:
    """Return a description of every document that breaks a property."""
    md1 = roundtrip(docs)
    md2 = roundtrip(md1)
    problems = []
    for md0, one, two in zip(docs, md1, md2):
        if lost := lost_words(md0, one):
            problems.append(f"words lost {dict(lost)}:\nmd0={md0!r}\nmd1={one!r}")
        elif one != two:
            problems.append(f"not idempotent:\nmd0={md0!r}\nmd1={one!r}\nmd2={two!r}")
        elif normalized_html(md0) != normalized_html(one):
            problems.append(
                f"renders differently:\nmd0={md0!r}\nmd1={one!r}\n"
                f"html0={normalized_html(md0)!r}\nhtml1={normalized_html(one)!r}"
            )
    dump = os.environ.get("BYLINE_ROUNDTRIP_DUMP")
    if dump and problems:
        with open(dump, "a", encoding="utf-8") as f:
            f.write("\n\n".join(problems) + "\n\n")
    return problems


def test_every_markdown_sample_in_the_test_suite_survives(editor):
    samples = markdown_samples_in_tests()
    assert len(samples) > 50
    problems = check(editor, samples)
    assert not problems, f"{len(problems)} of {len(samples)} samples:\n\n" + "\n\n".join(problems[:8])


def test_the_sample_articles_survive(editor):
    articles = article_samples()
    if not articles:
        pytest.skip("The sample articles (../shared/samples or BYLINE_SAMPLES) are not here.")
    problems = check(editor, articles)
    assert not problems, "\n\n".join(p[:3000] for p in problems)


# ------------------------------------------------------------------ generated

WORD = st.sampled_from(
    "the plan cloud CIO budget data team 2027 AI & R&D C++ x_y snake_case a\\*b 5 * 3 "
    "[draft] (note) #tag 100% $9.99 +1 -1 1. 2) > < <br> &amp; &copy; ~ ~~ | \\ ` ! ? : ; é 中文 “quoted” —".split()
)
PLAIN = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
URL = st.sampled_from(
    ["https://example.com", "https://example.com/a_b?x=1&y=2", "/relative/path", "mailto:cio@example.com",
     "https://example.com/with(parens)", "https://example.com/#frag"]
)


@st.composite
def inline(draw, depth=0):
    kind = draw(st.sampled_from(
        ["plain", "plain", "plain", "em", "strong", "code", "link", "reflink", "image", "strike", "html", "escape",
         "autolink"]
        if depth < 2 else ["plain"]
    ))
    text = draw(PLAIN)
    word = draw(st.sampled_from(["alpha", "beta", "gamma", "delta"]))
    if kind == "plain":
        return text
    if kind == "em":
        # ProseMirror marks do not nest in themselves: *a *b** (emphasis inside
        # emphasis, shown the same) would become one emphasis, so not generated.
        inner = draw(inline(depth + 1)) if draw(st.booleans()) else word
        if inner.startswith("*") or inner.startswith("\\*"):
            inner = word
        return f"*{word} {inner}*"
    if kind == "strong":
        return f"**{word}**"
    if kind == "code":
        return draw(st.sampled_from(["`code`", "`a * b`", "`` a ` b ``", "`<div>`", "`x|y`"]))
    if kind == "link":
        return f"[{word}]({draw(URL)})"
    if kind == "reflink":
        return draw(st.sampled_from([f"[{word}][ref]", f"[{word}][docs]", "[ref]", "[docs][]", f"[{word}][nowhere]"]))
    if kind == "image":
        return f"![{word}]({draw(URL)})"
    if kind == "strike":
        return f"~~{word}~~"
    if kind == "html":
        return draw(st.sampled_from(["<sup>2</sup>", "<kbd>Ctrl</kbd>", "<abbr title=\"x\">CIO</abbr>"]))
    if kind == "escape":
        return draw(st.sampled_from(["\\*not em\\*", "\\[x\\]", "1\\. not a list", "\\# not a heading", "a \\_b\\_"]))
    return "<https://example.com/auto>"


@st.composite
def line(draw):
    parts = draw(st.lists(inline(), min_size=1, max_size=5))
    return " ".join(parts)


@st.composite
def paragraph(draw):
    lines = draw(st.lists(line(), min_size=1, max_size=3))
    joiner = draw(st.sampled_from(["\n", "  \n", "\\\n", " "]))
    return joiner.join(lines)


@st.composite
def listing(draw, depth=0):
    ordered = draw(st.booleans())
    start = draw(st.integers(1, 12))
    loose = draw(st.booleans())
    items = []
    for i in range(draw(st.integers(1, 4))):
        marker = f"{start + i}." if ordered else "-"
        pad = " " * (len(marker) + 1)
        body = draw(line())
        item = f"{marker} {body}"
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            child = draw(listing(depth + 1))
            item += "\n" + "\n".join(pad + c if c else "" for c in child.split("\n"))
        items.append(item)
    return ("\n\n" if loose else "\n").join(items)


@st.composite
def block(draw, depth=0):
    kind = draw(st.sampled_from(
        ["p", "p", "p", "h", "list", "quote", "code", "table", "html", "hr", "footnote", "refdef"]
        if depth == 0 else ["p", "list", "code", "footnote", "refdef"]
    ))
    if kind == "p":
        return draw(paragraph())
    if kind == "h":
        return "#" * draw(st.integers(1, 6)) + " " + draw(line())
    if kind == "list":
        return draw(listing())
    if kind == "quote":
        inner = draw(st.lists(block(depth + 1), min_size=1, max_size=2))
        return "\n>\n".join("\n".join("> " + ln if ln else ">" for ln in b.split("\n")) for b in inner)
    if kind == "code":
        lang = draw(st.sampled_from(["", "python", "js", "c++"]))
        body = draw(st.lists(st.sampled_from(
            ["x = 1", "  indented", "# not a heading", "", "<script>alert(1)</script>", "a | b", "```inner", "* star"]
        ), min_size=1, max_size=4))
        fence = "````" if any(b.startswith("```") for b in body) else "```"
        return f"{fence}{lang}\n" + "\n".join(body) + f"\n{fence}"
    if kind == "table":
        cols = draw(st.integers(1, 3))
        align = draw(st.lists(st.sampled_from(["---", ":---", "---:", ":---:"]), min_size=cols, max_size=cols))
        rows = draw(st.lists(st.lists(PLAIN.map(lambda s: s.replace("|", "/")), min_size=cols, max_size=cols),
                             min_size=2, max_size=4))
        out = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(align) + " |"]
        out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(out)
    if kind == "html":
        return draw(st.sampled_from([
            '<div class="note">\n<p>Raw <b>HTML</b> block</p>\n</div>',
            "<!-- an HTML comment -->",
            "<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>",
        ]))
    if kind == "hr":
        return draw(st.sampled_from(["---", "***", "___", "- - -"]))
    if kind == "footnote":
        return f"[^{draw(st.integers(1, 3))}]: " + draw(line())
    return f"[{draw(st.sampled_from(['ref', 'docs']))}]: {draw(URL)}"


DOCUMENT = st.lists(block(), min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=150, deadline=None, derandomize=True,  # the same examples in CI
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(docs=st.lists(DOCUMENT, min_size=1, max_size=8))
def test_generated_documents_survive(editor, docs):
    problems = check(editor, docs)
    assert not problems, "\n\n".join(problems[:3])
