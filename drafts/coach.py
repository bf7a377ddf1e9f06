"""Use cases around the readability report: a draft's coach view, dismissals, score history."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from drafts import coach_fixes, glossary
from drafts.db import upsert
from drafts.highlight import Highlight, render_highlighted
from drafts.models import Draft, FindingDismissal, Revision, RevisionScore, User, utcnow
from drafts.readability import ANALYZER_VERSION, Finding, Report, analyze

_SPACE = re.compile(r"\s+")
# Kinds highlighted in the preview, with the legend's wording.
LEGEND = {
    "very_hard": "Very hard sentence",
    "hard": "Hard sentence",
    "passive": "Passive voice",
    "adverb": "Adverb",
    "qualifier": "Qualifier or hedge",
    "wordy": "Wordy phrase",
    "cliche": "Cliché",
    "buzzword": "Buzzword",
    "glossary": "Jargon: glossary term",
    "acronym": "Acronym not spelled out",
    "image_alt": "Image without alt text",
}


@dataclass(frozen=True)
class CoachView:
    report: Report
    findings: list[dict[str, Any]]  # visible findings, with fingerprint and text
    dismissed: int
    preview_html: str

    def to_dict(self) -> dict[str, Any]:
        data = self.report.to_dict()
        data.pop("sentences", None)
        data["findings"] = self.findings
        data["counts"] = dict(Counter(f["kind"] for f in self.findings))
        data["dismissed"] = self.dismissed
        data["legend"] = LEGEND
        data["preview_html"] = self.preview_html
        return data


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def fingerprint(markdown: str, report: Report, finding: Finding) -> str:
    """Stable across edits elsewhere: the finding's kind, text and its sentence's text."""
    start, end = finding.span
    sentence = ""
    if finding.sentence is not None and 0 <= finding.sentence < len(report.sentences):
        s_start, s_end = report.sentences[finding.sentence].span
        sentence = markdown[s_start:s_end]
    key = "\x1f".join([finding.kind, _normal(markdown[start:end]), _normal(sentence)])
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def analyze_text(session: Session, markdown: str, audience: str, title: str = "") -> Report:
    return analyze(markdown, audience, glossary.terms(session), title=title)


def coach_view(
    session: Session, draft: Draft | None, markdown: str, audience: str, title: str = ""
) -> CoachView:
    terms = glossary.terms(session)
    report = analyze(markdown, audience, terms, title=title)
    dismissed_keys: set[tuple[str, str]] = set()
    if draft is not None:
        rows = session.execute(
            select(FindingDismissal.kind, FindingDismissal.fingerprint).where(
                FindingDismissal.draft_id == draft.id
            )
        )
        dismissed_keys = {(kind, key) for kind, key in rows}
    visible: list[dict[str, Any]] = []
    dismissed = 0
    for finding in report.findings:
        key = fingerprint(markdown, report, finding)
        if (finding.kind, key) in dismissed_keys:
            dismissed += 1
            continue
        start, end = finding.span
        visible.append({
            "index": len(visible),
            "kind": finding.kind,
            "span": [start, end],
            "text": markdown[start:end][:300],
            "message": finding.message,
            "suggestion": finding.suggestion,
            "fix": coach_fixes.fix_for(finding.kind, markdown[start:end], terms),
            "fingerprint": key,
        })
    highlights = [
        Highlight(f["span"][0], f["span"][1], f["kind"], f["index"])
        for f in visible if f["kind"] in LEGEND
    ]
    return CoachView(
        report=report, findings=visible, dismissed=dismissed,
        preview_html=render_highlighted(markdown, highlights),
    )


def dismiss(
    session: Session, draft: Draft, user: User, *, kind: str, fingerprint: str, excerpt: str = ""
) -> None:
    exists = session.get(FindingDismissal, (draft.id, kind[:30], fingerprint[:64]))
    if exists is None:
        session.add(FindingDismissal(
            draft_id=draft.id, kind=kind[:30], fingerprint=fingerprint[:64],
            excerpt=excerpt[:200], dismissed_by_id=user.id,
        ))
        session.flush()


def undismiss_all(session: Session, draft: Draft) -> int:
    result = session.execute(delete(FindingDismissal).where(FindingDismissal.draft_id == draft.id))
    return result.rowcount or 0


# Scoring a revision costs about 5 microseconds a word; a history page of many
# large revisions computes what fits in this budget and shows the rest as pending.
SCORE_BUDGET_S = 1.5


def _is_current(score: RevisionScore | None, revision: Revision) -> bool:
    return (
        score is not None
        and score.analyzer_version == ANALYZER_VERSION
        and score.revision_updated_at is not None
        and score.revision_updated_at == revision.updated_at
        and score.buzzwords is not None
    )


def score_history(
    session: Session, revisions: list[Revision], *, budget_s: float = SCORE_BUDGET_S,
) -> list[tuple[Revision, RevisionScore | None]]:
    """Scores for these revisions, oldest first. Missing or stale ones (another
    analyzer version, or an open autosave revision whose text changed) are
    computed and upserted, so people opening the page together never collide;
    past `budget_s` the rest are left for a later view (None)."""
    if not revisions:
        return []
    ids = [r.id for r in revisions]
    stored = {
        s.revision_id: s
        for s in session.scalars(select(RevisionScore).where(RevisionScore.revision_id.in_(ids)))
    }
    deadline = time.monotonic() + budget_s
    terms = None
    fresh: dict[int, dict] = {}
    for revision in sorted(revisions, key=lambda r: r.number):
        if _is_current(stored.get(revision.id), revision) or time.monotonic() > deadline:
            continue
        if terms is None:
            terms = glossary.terms(session)
        report = analyze(revision.body, revision.audience.value, terms, title=revision.title)
        fresh[revision.id] = dict(
            revision_id=revision.id, analyzer_version=ANALYZER_VERSION, score=report.score.score,
            light=report.score.light, grade=report.score.grade,
            reading_ease=report.score.flesch_reading_ease, words=report.metrics.words,
            buzzwords=sum(f.kind == "buzzword" for f in report.findings),
            jargon=sum(f.kind == "glossary" for f in report.findings),
            revision_updated_at=revision.updated_at, computed_at=utcnow(),
        )
    rows = [fresh[i] for i in sorted(fresh)]
    upsert(session, RevisionScore, rows, key=["revision_id"],
           update=[k for k in rows[0] if k != "revision_id"] if rows else [])
    out = []
    for revision in sorted(revisions, key=lambda r: r.number):
        if revision.id in fresh:
            out.append((revision, RevisionScore(**fresh[revision.id])))
        else:
            current = stored.get(revision.id)
            out.append((revision, current if _is_current(current, revision) else None))
    return out


def score_revision(session: Session, revision_id: int) -> None:
    """Store the score of one revision now (a workflow step: the numbers dashboard compares
    the text at first submission with the text at approval). Costs about 5 us a word."""
    revision = session.get(Revision, revision_id)
    if revision is not None:
        score_history(session, [revision], budget_s=SCORE_BUDGET_S)
