"""Compare models on your own text: every action over a folder of samples, with numbers.

Runs each suggestion action through the configured provider (a model, or the
built-in engine) exactly as the editor would ask, but records nothing in the
database and spends no one's budget. For each action it reports how many
answers were in a valid format, the change in readability grade and length
for rewrites, glossary terms removed, time to first token, tokens (the
server's, or Byline's estimate) and, given prices, the cost.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafts.readability import GlossaryTerm, metrics
from drafts.suggestions.actions import ACTIONS, Action
from drafts.suggestions.answers import result_payload
from drafts.suggestions.limits import estimate_tokens, output_limit, request_tokens
from drafts.suggestions.prompts import build_messages
from drafts.suggestions.provider import Provider, ProviderError, Request, TextDelta, Usage

SAMPLE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_SAMPLE_CHARS = 40_000


@dataclass
class Run:
    action: str
    sample: str
    ok: bool
    error: str = ""
    first_token_ms: int | None = None
    total_ms: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    estimated: bool = False
    grade_change: float | None = None
    length_change: float | None = None  # output words / input words - 1
    glossary_removed: int = 0
    notes: list[str] = field(default_factory=list)


def load_samples(folder: Path) -> list[tuple[str, str]]:
    """(file name, text) for each Markdown or text file, in name order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder. Give a folder of Markdown samples.")
    found = [(p.name, p.read_text(encoding="utf-8", errors="replace")[:MAX_SAMPLE_CHARS])
             for p in sorted(folder.iterdir()) if p.suffix.lower() in SAMPLE_SUFFIXES]
    if not found:
        raise FileNotFoundError(f"{folder} holds no .md or .txt files.")
    return found


def passage_for(action: Action, text: str) -> str:
    """Rewrites work on the first real paragraph; choices on the whole text; outline on a line."""
    paragraphs = [" ".join(b.split()) for b in text.split("\n\n")]
    prose = [p for p in paragraphs if len(p.split()) >= 25 and not p.startswith("#")]
    if action.kind == "outline":
        first = next((p for p in paragraphs if p.strip()), "")
        return first.lstrip("# ")[: action.max_input_chars]
    if action.kind == "rewrite":
        return (prose[0] if prose else text)[: action.max_input_chars]
    return text[: action.max_input_chars]


def _terms_in(text: str, glossary: Sequence[GlossaryTerm]) -> int:
    lowered = text.lower()
    return sum(lowered.count(t.term.lower()) for t in glossary if t.term.strip())


def run_one(provider: Provider, action: Action, sample: str, text: str,
            glossary: Sequence[GlossaryTerm], style_guide: str = "") -> Run:
    passage = passage_for(action, text)
    messages = build_messages(action.name, passage, audience="executive", title="",
                              style_guide=style_guide, glossary=glossary)
    request = Request(messages=messages, model=provider.model,
                      max_tokens=output_limit(action, passage), action=action.name, text=passage,
                      context={"glossary": list(glossary), "audience": "executive", "title": "",
                               "draft": text})
    run = Run(action=action.name, sample=sample, ok=False)
    started = time.perf_counter()
    parts: list[str] = []
    usage: Usage | None = None
    try:
        for event in provider.stream(request):
            if isinstance(event, TextDelta) and event.text:
                if run.first_token_ms is None:
                    run.first_token_ms = int((time.perf_counter() - started) * 1000)
                parts.append(event.text)
            elif isinstance(event, Usage):
                usage = event
        payload = result_payload(action, passage, "".join(parts))
        run.ok = True
        run.notes = list(payload.get("notes") or [])
        if payload["kind"] == "rewrite":
            out = payload["text"]
            run.grade_change = round(_grade(out) - _grade(passage), 2)
            run.length_change = round(len(out.split()) / max(1, len(passage.split())) - 1, 3)
            run.glossary_removed = max(0, _terms_in(passage, glossary) - _terms_in(out, glossary))
    except ProviderError as failure:
        run.error = failure.message
    run.total_ms = int((time.perf_counter() - started) * 1000)
    if provider.is_builtin:
        pass
    elif usage is not None and (usage.prompt_tokens or usage.completion_tokens):
        run.tokens_in, run.tokens_out = usage.prompt_tokens, usage.completion_tokens
    else:
        run.tokens_in, run.tokens_out = request_tokens(messages), estimate_tokens("".join(parts))
        run.estimated = True
    return run


def _grade(text: str) -> float:
    return metrics.textstat_scores(text)["flesch_kincaid_grade"] if text.strip() else 0.0


def evaluate(provider: Provider, samples: Sequence[tuple[str, str]],
             glossary: Sequence[GlossaryTerm], actions: Sequence[str] = (),
             style_guide: str = "") -> list[Run]:
    chosen = [ACTIONS[name] for name in (actions or ACTIONS)]
    return [run_one(provider, action, name, text, glossary, style_guide)
            for action in chosen for name, text in samples]


def report(runs: Sequence[Run], provider_name: str, price_in: float = 0.0,
           price_out: float = 0.0) -> str:
    """A Markdown table per action. Prices are per million tokens."""
    lines = [f"# Suggestions evaluated with {provider_name}", "",
             "| Action | Valid format | Errors | Grade change | Length change | Glossary terms removed "
             "| First token (median ms) | Tokens in / out | Cost |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name in dict.fromkeys(r.action for r in runs):
        mine = [r for r in runs if r.action == name]
        valid = sum(r.ok for r in mine)
        errors = len(mine) - valid
        grades = [r.grade_change for r in mine if r.grade_change is not None]
        lengths = [r.length_change for r in mine if r.length_change is not None]
        firsts = [r.first_token_ms for r in mine if r.first_token_ms is not None]
        t_in, t_out = sum(r.tokens_in for r in mine), sum(r.tokens_out for r in mine)
        est = " (estimate)" if any(r.estimated for r in mine) else ""
        cost = (t_in * price_in + t_out * price_out) / 1_000_000
        lines.append(
            f"| {ACTIONS[name].label} | {valid}/{len(mine)} | {errors} "
            f"| {_mean(grades, '+.2f')} | {_mean([x * 100 for x in lengths], '+.0f', '%')} "
            f"| {sum(r.glossary_removed for r in mine)} "
            f"| {int(statistics.median(firsts)) if firsts else '–'} | {t_in:,} / {t_out:,}{est} "
            f"| {'%.4f' % cost if price_in or price_out else '–'} |")
    failures = [r for r in runs if r.error]
    if failures:
        lines += ["", "## Errors", ""]
        lines += [f"- {ACTIONS[r.action].label} on {r.sample}: {r.error}" for r in failures[:50]]
    return "\n".join(lines) + "\n"


def _mean(values: list[float], spec: str, suffix: str = "") -> str:
    return format(statistics.fmean(values), spec) + suffix if values else "–"
