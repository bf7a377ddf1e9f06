import json

from sqlalchemy import select

from drafts import glossary
from drafts.migrate import upgrade
from drafts.models import GlossaryEntry, RevisionScore, Role
from drafts.readability import ANALYZER_VERSION
from tests.factories import autosave, login, make_draft, make_user

PASSIVE = "The new pricing model was approved by the board after a long review of the numbers."


def _analysis(client, body, draft_id=None, audience="executive", title="Cloud costs fell"):
    response = client.post("/drafts/analysis", json={"draft_id": draft_id, "body": body,
                                                     "audience": audience, "title": title})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def test_analysis_returns_scores_highlights_and_checks(client, dbs):
    user = make_user(dbs)
    login(client, user)
    data = _analysis(client, f"## Why it matters\n\n{PASSIVE} We leverage synergy going forward.")
    assert 0 <= data["score"]["score"] <= 100 and data["score"]["light"] in {"green", "orange", "red"}
    assert data["analyzer_version"] == ANALYZER_VERSION
    assert data["counts"]["passive"] == 1 and data["counts"]["buzzword"] >= 2
    passive = next(f for f in data["findings"] if f["kind"] == "passive")
    assert passive["text"] == "was approved" and len(passive["fingerprint"]) == 64
    assert f'<mark class="hl hl-passive" data-finding="{passive["index"]}">was approved</mark>' in data["preview_html"]
    assert "<h2>Why it matters</h2>" in data["preview_html"]
    assert {c["id"] for c in data["structure"]} >= {"passive_voice", "paragraph_length"} or data["structure"]
    assert len(data["scorecard"]) >= 8


def test_highlighted_preview_stays_sanitized(client, dbs):
    login(client, make_user(dbs))
    data = _analysis(client, f'{PASSIVE} <script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "<script" not in data["preview_html"] and "<img" not in data["preview_html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=" in data["preview_html"]


def test_dismissal_persists_across_reloads_and_revisions_until_sentence_changes(client, dbs):
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user, body=f"{PASSIVE}\n\nMargins fell.")
    finding = next(f for f in _analysis(client, draft.body, draft.id)["findings"] if f["kind"] == "passive")
    response = client.post(f"/drafts/{draft.id}/dismissals", json={
        "kind": "passive", "fingerprint": finding["fingerprint"], "text": finding["text"]})
    assert response.status_code == 200
    again = _analysis(client, draft.body, draft.id)
    assert "passive" not in again["counts"] and again["dismissed"] == 1
    # A new revision that edits another paragraph keeps the dismissal.
    edited = f"Costs fell by a third.\n\n{PASSIVE}\n\nMargins fell."
    assert autosave(client, draft.id, 1, body=edited).status_code == 200
    assert "passive" not in _analysis(client, edited, draft.id)["counts"]
    # Rewriting that sentence brings the check back.
    rewritten = edited.replace("after a long review", "after a short review")
    assert _analysis(client, rewritten, draft.id)["counts"]["passive"] == 1
    # Another draft with the same sentence is not affected.
    other = make_draft(dbs, user, body=draft.body)
    assert _analysis(client, other.body, other.id)["counts"]["passive"] == 1
    # "Show ignored findings again" clears them.
    client.post(f"/drafts/{draft.id}/dismissals/clear")
    assert _analysis(client, draft.body, draft.id)["counts"]["passive"] == 1


def test_dismissal_of_someone_elses_draft_is_404(client, dbs):
    owner = make_user(dbs)
    draft = make_draft(dbs, owner, body=PASSIVE)
    login(client, make_user(dbs))
    response = client.post(f"/drafts/{draft.id}/dismissals", json={"kind": "passive", "fingerprint": "a" * 64})
    assert response.status_code == 404
    response = client.post("/drafts/analysis", json={"draft_id": draft.id, "body": "x"})
    assert response.status_code == 404


def test_api_analyze_returns_full_report(client, dbs):
    login(client, make_user(dbs, Role.REVIEWER))
    response = client.post("/api/analyze", json={"markdown": PASSIVE, "audience": "technical"})
    assert response.status_code == 200
    report = response.json
    assert report["audience"] == "technical" and report["metrics"]["words"] == 16
    assert {f["kind"] for f in report["findings"]} >= {"passive"}
    assert client.post("/api/analyze", json={"markdown": "x", "audience": "martians"}).status_code == 422
    assert client.post("/api/analyze", data="not json", content_type="application/json").status_code == 422
    assert client.post("/api/analyze", json={"markdown": "x"}, csrf=False).status_code == 400


def test_api_analyze_refuses_oversized_text(client, dbs, app):
    app.config["BYLINE_MAX_BODY_BYTES"] = 1_000
    login(client, make_user(dbs))
    response = client.post("/api/analyze", json={"markdown": "word " * 400})
    assert response.status_code == 413 and "over the size limit" in response.json["error"]


def test_glossary_edited_by_reviewers_read_by_authors(client, dbs):
    glossary.seed(dbs)
    dbs.commit()
    author = make_user(dbs, Role.AUTHOR)
    login(client, author)
    page = client.get("/glossary").get_data(as_text=True)
    assert 'data-term="microservices"' in page and "Add a term" not in page
    assert client.post("/glossary", data={"term": "x", "alternative": "y"}).status_code == 403

    reviewer = make_user(dbs, Role.REVIEWER)
    login(client, reviewer)
    response = client.post("/glossary", data={"term": "blast radius", "alternative": "traffic control between our services",
                                               "note": "Say what it protects."})
    assert response.status_code == 302
    dup = client.post("/glossary", data={"term": "Blast Radius", "alternative": "again"})
    assert dup.status_code == 422 and "already in the glossary" in dup.get_data(as_text=True)
    entry = dbs.scalar(select(GlossaryEntry).where(GlossaryEntry.term == "blast radius"))
    assert entry.updated_by_id == reviewer.id

    # The analyzer uses the team's own glossary at once.
    login(client, author)
    data = _analysis(client, "Our blast radius is small.")
    term = next(f for f in data["findings"] if f["kind"] == "glossary")
    assert "traffic control between our services" in (term["suggestion"] or "") + term["message"]

    login(client, reviewer)
    client.post(f"/glossary/{entry.id}", data={"term": "blast radius", "alternative": "how much one failure can break"})
    dbs.expire_all()
    assert dbs.get(GlossaryEntry, entry.id).alternative == "how much one failure can break"
    entry_id = entry.id
    client.post(f"/glossary/{entry_id}/delete")
    dbs.expire_all()
    assert dbs.get(GlossaryEntry, entry_id) is None


def test_glossary_seeded_by_migration(tmp_path):
    url = f"sqlite:///{tmp_path / 'seeded.sqlite3'}"
    upgrade(url)
    from sqlalchemy.orm import Session

    from drafts.db import make_engine

    engine = make_engine(url)
    with Session(engine) as session:
        terms = {e.term.lower() for e in glossary.list_entries(session)}
    engine.dispose()
    assert len(terms) >= 60
    assert {"microservices", "technical debt", "latency", "zero trust", "kubernetes", "api",
            "data lake", "observability"} <= terms


def test_history_chart_stores_scores_with_analyzer_version(client, dbs):
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user, body=PASSIVE)
    autosave(client, draft.id, 1, body="Margins fell. We fixed pricing. Customers stayed.", explicit=True)
    page = client.get(f"/drafts/{draft.id}/history").get_data(as_text=True)
    assert 'id="score-chart"' in page
    assert page.count("<circle") == 2
    scores = dbs.scalars(select(RevisionScore)).all()
    assert len(scores) == 2 and {s.analyzer_version for s in scores} == {ANALYZER_VERSION}


def test_cli_analyze_prints_report(runner, tmp_path, dbs):
    path = tmp_path / "post.md"
    path.write_text(f"# Title\n\n{PASSIVE}\n")
    result = runner.invoke(args=["analyze", str(path), "--audience", "general"])
    assert result.exit_code == 0, result.output
    assert "Readability" in result.output and "/100" in result.output
    assert "passive" in result.output and "Flesch reading ease" in result.output
    result = runner.invoke(args=["analyze", str(path), "--json"])
    assert json.loads(result.output)["metrics"]["words"] >= 16
