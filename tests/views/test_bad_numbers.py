"""Bad numbers and bad JSON get a 4xx with a message, never a 500.

Walks every route with ids too large for the database, and every JSON and
form field that carries a number with values a hostile client would send.
"""

from __future__ import annotations

import json

import pytest

from drafts.models import Destination, Role
from drafts.review import comments, workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user

HUGE = "99999999999999999999"
BAD_JSON_NUMBERS = ["10" + "0" * 30, "1e400", "-1e400", "-1", "1.5", '"abc"', "true", "[1]", '{"a": 1}',
                    str(2**31), '"99999999999999999999"', '"²"']


def _world(dbs):
    admin = make_user(dbs, Role.ADMIN, Role.AUTHOR, Role.REVIEWER)
    draft = make_draft(dbs, admin, title="Cloud", body="Our cloud bill fell by a third. " * 20)
    workflow.act(dbs, draft, admin, Action.SUBMIT)
    comment = comments.add_comment(dbs, draft, admin, "Check the numbers.")
    destination = Destination(kind="static", name="Site files", settings_json='{"generator": "hugo"}')
    dbs.add(destination)
    dbs.commit()
    return admin, draft, comment, destination


def test_every_route_answers_404_for_ids_too_large_for_the_database(app, client, dbs):
    admin, draft, comment, destination = _world(dbs)
    login(client, admin)
    ids = {"draft_id": draft.id, "number": 1, "user_id": admin.id, "entry_id": 1, "comment_id": comment.id,
           "notification_id": 1, "destination_id": destination.id, "fmt": "md",
           "name": "0" * 64 + ".png", "token": "not-a-token", "idea_id": 1, "brief_id": 1, "point_id": 1}
    checked = 0
    for rule in app.url_map.iter_rules():
        # Text arguments (a file name, a format, a signed token, an image name) are not ids.
        numeric = [a for a in rule.arguments if a not in ("fmt", "filename", "token", "name")]
        for name in numeric:
            for value in (HUGE, str(2**31), str(2**63)):
                values = {k: v for k, v in ids.items() if k in rule.arguments}
                values[name] = 1234567
                url = rule.build(values)[1].replace("1234567", value)
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    response = client.open(url, method=method, json={})
                    assert response.status_code == 404, (method, url, response.status_code)
                    checked += 1
    assert checked > 60


def _post_raw(client, url, text):
    return client.post(url, data=text, content_type="application/json")


JSON_FIELDS = [
    # (url template, base payload, field)
    ("/drafts/{draft}/autosave", {"title": "t", "body": "b", "base_version": 1}, "base_version"),
    ("/drafts/{draft}/autosave", {"title": "t", "body": "b", "base_version": 1}, "suggestion_id"),
    ("/drafts/analysis", {"body": "Some text.", "audience": "executive"}, "draft_id"),
    ("/suggestions", {"action": "concise", "text": "Some text here."}, "draft_id"),
    ("/drafts/{draft}/comments", {"body": "A reply."}, "parent_id"),
    ("/drafts/{draft}/comments", {"body": "On a passage.", "quote": "cloud"}, "anchor_start"),
    ("/drafts/{draft}/comments", {"body": "On a passage.", "quote": "cloud"}, "anchor_end"),
    ("/drafts/{draft}/workflow", {"action": "claim"}, "assignee_id"),
    ("/drafts/{draft}/workflow", {"action": "claim"}, "expected_version"),
    ("/plan/calendar/move", {"to_day": "2030-01-01"}, "record_id"),
]


@pytest.mark.parametrize("url, payload, field", JSON_FIELDS, ids=[f"{u}:{f}" for u, _, f in JSON_FIELDS])
def test_json_numbers_out_of_range_get_4xx_with_a_message(client, dbs, url, payload, field):
    admin, draft, _comment, _destination = _world(dbs)
    login(client, admin)
    url = url.format(draft=draft.id)
    for raw in BAD_JSON_NUMBERS:
        body = json.dumps(payload)[:-1] + f', "{field}": {raw}}}'
        response = _post_raw(client, url, body)
        assert 400 <= response.status_code < 500, (field, raw, response.status_code)
        if response.is_json:
            assert response.json.get("error"), (field, raw)


def test_deeply_nested_or_broken_json_is_a_400_on_every_json_endpoint(client, dbs):
    admin, draft, _comment, _destination = _world(dbs)
    login(client, admin)
    urls = [f"/drafts/{draft.id}/autosave", "/drafts/analysis", "/api/analyze", "/drafts/preview",
            "/suggestions", f"/drafts/{draft.id}/comments", f"/drafts/{draft.id}/workflow", "/plan/calendar/move",
            f"/drafts/{draft.id}/dismissals", "/drafts/new.json", f"/comments/{_comment.id}"]
    for body in ("[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
                 '{"body": ' + "[" * 40 + "]" * 40 + "}", "{not json", '"\\ud800"'):
        for url in urls:
            response = _post_raw(client, url, body)
            assert 400 <= response.status_code < 500, (url, body[:20], response.status_code)


def test_form_and_query_numbers_out_of_range_never_500(client, dbs):
    admin, draft, _comment, destination = _world(dbs)
    login(client, admin)
    for url in (f"/review?author={HUGE}&assignee={HUGE}&page={HUGE}", "/review?page=-3&author=²",
                f"/drafts?page={HUGE}", f"/notifications?page={HUGE}",
                f"/drafts/{draft.id}/compare?from={HUGE}&to={HUGE}", f"/drafts/{draft.id}/compare?from=1e400",
                f"/plan/calendar?author={HUGE}&destination=-1&day=99999-01-01&view=week&tz=Mars/Base",
                "/plan/calendar?day=2030-02-30&kind=<script>", f"/plan/briefs/new?idea={HUGE}"):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
    for data in ({"destination_id": HUGE}, {"destination_id": "²"}, {"destination_id": str(2**63)}):
        response = client.post(f"/drafts/{draft.id}/publish", data=data)
        assert response.status_code < 500
    response = client.post(f"/drafts/{draft.id}/schedule", data={
        "destination_id": destination.id, "publish_at": "9999-12-31T23:30", "timezone": "Pacific/Pago_Pago"})
    assert response.status_code == 302
    assert "between the years 2000 and 2999" in client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    for data in ({"base_revision": HUGE, "base_version": HUGE, "accept": [HUGE, "²", "-1"]},):
        response = client.post(f"/drafts/{draft.id}/changes", data=data)
        assert response.status_code < 500
    for url in (f"/numbers?author={HUGE}&destination={HUGE}", f"/numbers/posts?page={HUGE}&live={HUGE}",
                "/numbers?period=1e400", "/numbers/posts?live=²&month=²", f"/numbers/suggestions?action=x&page={HUGE}"):
        assert 400 <= client.get(url).status_code < 500, url
    assert client.get(f"/numbers/posts?page={HUGE}").status_code == 200  # the last page
    response = client.post("/admin/checklist", data={"word_count-min": HUGE, "word_count-max": "1e400"})
    assert response.status_code < 500
    for data in ({"posts": HUGE, "period": "month", "author_id": HUGE}, {"what": "reminders", "reminder_days": "1e400"},
                 {"posts": "-1", "period": "year"}, {"what": "reminders", "reminder_days": str(2**63)}):
        assert client.post("/plan/cadence", data=data).status_code == 422
    for data in ({"record_id": HUGE, "to_day": "2030-01-01"}, {"record_id": "1", "to_day": "0000-00-00"},
                 {"record_id": "1", "to_day": "99999-12-31"}):
        assert client.post("/plan/calendar/move", data=data).status_code < 500
    for data in ({"author_id": HUGE, "due_on": "2030-01-01", "title": "t"}, {"destination_id": "²", "due_on": "x"}):
        assert client.post("/plan/briefs/new", data=data).status_code == 422
