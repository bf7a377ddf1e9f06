"""Building blocks for planning tests: a brief, an approved draft, a scheduled post."""

from __future__ import annotations

from datetime import date, datetime

from drafts.export import scheduling
from drafts.models import Destination, Role
from drafts.planning import briefs
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import make_draft, make_user


def people(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    marketing = make_user(dbs, Role.REVIEWER, name="Mia Marketing")
    return author, marketing


def blog(dbs, name="Company blog") -> Destination:
    destination = Destination(kind="ghost", name=name, settings_json='{"site_url": "https://blog.invalid"}')
    dbs.add(destination)
    dbs.commit()
    return destination


def brief_for(dbs, author, marketing, *, due_on: date, title="Why our cloud bill fell",
              points=("The number", "What we changed"), destination=None, today: date | None = None):
    brief = briefs.create_brief(dbs, marketing, briefs.BriefFields(
        title=title, author_id=author.id, due_on=due_on, points=list(points),
        destination_id=destination.id if destination else None), today=today or due_on)
    dbs.commit()
    return brief


def scheduled(dbs, author, reviewer, destination, when: datetime, *, timezone="UTC", title="Cloud costs"):
    draft = make_draft(dbs, author, title=title, body="Our cloud bill fell by a third. " * 20)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    record = scheduling.schedule(dbs, draft, reviewer, destination, when_local=when, timezone=timezone)
    dbs.commit()
    return draft, record
