"""Prompt templates (files in prompts/) turned into chat messages.

Instructions live only in the system message, with the house style guide and
the glossary; the author's text goes in the user message between <draft>
delimiters, as data. Each template file starts with "version: N"; the version
of the system template and the action's template is recorded on every request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from drafts.readability import GlossaryTerm
from drafts.suggestions.provider import Message

PROMPTS = Path(__file__).resolve().parent / "prompts"
AUDIENCE_LABELS = {"executive": "executive", "general": "general business", "technical": "technical"}
DEFAULT_STYLE_GUIDE = (
    "- Write for busy business readers: the point first, then the proof.\n"
    "- Short sentences, active voice, concrete numbers.\n"
    "- No hype words (game-changer, revolutionary, synergy) and no unexplained acronyms."
)


@dataclass(frozen=True)
class Template:
    name: str
    version: str
    text: str


@cache
def load_template(name: str) -> Template:
    raw = (PROMPTS / f"{name}.md").read_text(encoding="utf-8")
    header, _, body = raw.partition("\n---\n")
    version = header.split(":", 1)[1].strip() if header.startswith("version:") else "0"
    return Template(name=name, version=version, text=body.strip())


def prompt_version(action: str) -> str:
    return f"system-{load_template('_system').version}/{action}-{load_template(action).version}"


def _glossary_lines(glossary: Sequence[GlossaryTerm], limit: int = 150) -> str:
    lines = [f"- {t.term} -> {t.alternative}" for t in list(glossary)[:limit]]
    return "\n".join(lines) or "- (none)"


def _neutralise(text: str) -> str:
    """The author's text may not close our delimiters early."""
    return text.replace("</draft>", "</ draft>").replace("<draft>", "< draft>")


def build_messages(
    action: str,
    text: str,
    *,
    audience: str,
    title: str,
    style_guide: str,
    glossary: Sequence[GlossaryTerm],
) -> tuple[Message, ...]:
    system = load_template("_system").text.format(
        audience_label=AUDIENCE_LABELS.get(audience, "business"),
        style_guide=(style_guide or DEFAULT_STYLE_GUIDE).strip(),
        glossary=_glossary_lines(glossary),
    )
    system += "\n\n" + load_template(action).text
    title_line = f"Post title: {_neutralise(title)}\n" if title else ""
    user = f"{title_line}<draft>\n{_neutralise(text)}\n</draft>"
    return (Message("system", system), Message("user", user))
