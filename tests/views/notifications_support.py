"""Helpers shared by the notification tests (test_notifications*.py): two people and a draft,
a notification for one of them, the nav badge's count, a submitted draft."""

from __future__ import annotations

import re

from drafts.models import Role
from drafts.review import workflow
from drafts.review.notifications import notify
from drafts.review.workflow import Action
from tests.factories import make_draft, make_user


def _people(dbs):
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author", email="ana@example.com")
    rita = make_user(dbs, Role.REVIEWER, name="Rita Reviewer", email="rita@example.com")
    draft = make_draft(dbs, ana, title="Cloud costs")
    return ana, rita, draft


def _notify(dbs, draft, actor, recipient, message="Ana Author submitted “Cloud costs” for review."):
    [row] = notify(dbs, event="submitted", draft=draft, actor=actor, recipients=[recipient], message=message)
    dbs.commit()
    return row


def _badge(html: str) -> str | None:
    match = re.search(r'id="notif-link"[^>]*>Notifications\s*(?:<span class="badge"[^>]*>(\w+)</span>)?', html)
    assert match, "the nav has no Notifications link"
    return match.group(1)


def _submitted(dbs):
    ana, rita, draft = _people(dbs)
    workflow.act(dbs, draft, ana, Action.SUBMIT)
    dbs.commit()
    return ana, rita, draft
