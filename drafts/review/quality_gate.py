"""The pre-submission checklist: admin-set rules, each required, recommended or off."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.models import ChecklistRule, Draft
from drafts.readability import Report

LEVELS = ("required", "recommended", "off")


@dataclass(frozen=True)
class RuleSpec:
    key: str
    label: str
    level: str
    min_value: int | None = None
    max_value: int | None = None


DEFAULTS: tuple[RuleSpec, ...] = (
    RuleSpec("title", "A title", "required"),
    RuleSpec("word_count", "Word count in range", "required", 150, 5_000),
    RuleSpec("readability", "Readability inside the audience band", "recommended"),
    RuleSpec("structure", "No red structure check", "recommended"),
    RuleSpec("excerpt", "An excerpt", "recommended"),
    RuleSpec("tags", "At least one tag", "recommended"),
)


@dataclass(frozen=True)
class CheckResult:
    key: str
    label: str
    level: str
    passed: bool
    detail: str


def rules(session: Session) -> list[RuleSpec]:
    stored = {r.key: r for r in session.scalars(select(ChecklistRule))}
    out = []
    for spec in DEFAULTS:
        row = stored.get(spec.key)
        if row is None:
            out.append(spec)
        else:
            out.append(RuleSpec(spec.key, spec.label, row.level,
                                row.min_value if row.min_value is not None else spec.min_value,
                                row.max_value if row.max_value is not None else spec.max_value))
    return out


def save_rule(session: Session, key: str, level: str, min_value: int | None = None,
              max_value: int | None = None) -> None:
    from drafts.errors import ValidationError

    if key not in {s.key for s in DEFAULTS} or level not in LEVELS:
        raise ValidationError("Unknown checklist rule or level.")
    if min_value is not None and max_value is not None and min_value > max_value:
        raise ValidationError("The minimum word count must not be above the maximum.", field=key)
    row = session.get(ChecklistRule, key) or ChecklistRule(key=key)
    row.level, row.min_value, row.max_value = level, min_value, max_value
    session.add(row)
    session.flush()


def evaluate(specs: list[RuleSpec], *, title: str, excerpt: str, tags: list[str],
             report: Report) -> list[CheckResult]:
    words = report.metrics.words
    results = []
    for spec in specs:
        if spec.level == "off":
            continue
        if spec.key == "title":
            passed, detail = bool(title.strip()), "Add a title." if not title.strip() else "Has a title."
        elif spec.key == "excerpt":
            passed = bool(excerpt.strip())
            detail = "Has an excerpt." if passed else "Add an excerpt for the blog index and social cards."
        elif spec.key == "tags":
            passed = bool(tags)
            detail = f"{len(tags)} tag{'s' if len(tags) != 1 else ''}." if passed else "Add at least one tag."
        elif spec.key == "word_count":
            low, high = spec.min_value or 0, spec.max_value or 10**9
            passed = low <= words <= high
            detail = f"{words:,} words (aim for {low:,}–{high:,})."
        elif spec.key == "readability":
            passed = report.score.light == "green"
            detail = report.score.reason
        else:  # structure
            red = [c for c in report.structure if c.light == "red"]
            passed = not red
            detail = "No red structure checks." if passed else red[0].reason
        results.append(CheckResult(spec.key, spec.label, spec.level, passed, detail))
    return results


def unmet_required(results: list[CheckResult]) -> list[str]:
    return [f"{r.label} ({r.detail})" for r in results if r.level == "required" and not r.passed]


def check_draft(session: Session, draft: Draft) -> list[CheckResult]:
    from drafts import coach

    report = coach.analyze_text(session, draft.body, draft.audience.value, draft.title)
    return evaluate(rules(session), title=draft.title, excerpt=draft.excerpt,
                    tags=draft.tag_names, report=report)


def gate_for(session: Session):
    """The callable workflow.act() uses on submit: unmet required items, as sentences."""
    return lambda draft: unmet_required(check_draft(session, draft))
