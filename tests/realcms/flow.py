"""What Byline's people do, through the app's own pages and commands (the test client
and `flask publish-due`), so the real-blog tests follow the path a user takes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.models import Destination, Draft, ExportRecord, User
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.factories import login, make_draft

# Everything a post must carry through intact: a table, code with markup characters in
# it, inline code, typography, non-Latin scripts, emoji (one a ZWJ sequence).
RICH_BODY = """Our cloud bill fell by a third — here is how “FinOps” worked for us.

| Quarter | Spend (€) | Change |
|---|---:|---|
| Q1 | 1 200 000 | — |
| Q2 | 800 000 | −33 % |

```
if cost > budget and team != "R&D":
    alert("<over budget>")
```

Inline `a < b && c > d`, a naïve café in Zürich, 東京 and Kraków, emoji 🚀 and 👩‍💻.
"""
RICH_TAGS = ("R&D", "Café culture", "Cloud")


@dataclass(frozen=True)
class Record:
    status: str
    remote_id: str
    remote_url: str
    slug: str
    last_error: str


def unique(title: str) -> str:
    """A title no earlier run used: the blogs keep their posts between runs."""
    return f"{title} {uuid.uuid4().hex[:6]}"


@dataclass
class Newsroom:
    app: Flask
    client: object
    dbs: Session
    cio: User
    marketing: User
    admin: User
    signed_in: int | None = None

    def sign_in(self, user: User) -> None:
        """Sign in through the login page, unless `user` already is (hashing is slow)."""
        if self.signed_in != user.id:
            login(self.client, user)
            self.signed_in = user.id

    # -- setup -------------------------------------------------------------------

    def destination(self, kind: str, name: str, settings: dict, secret: str) -> Destination:
        """An admin adds a destination on the destinations page."""
        self.sign_in(self.admin)
        form = {"kind": kind, "name": name, f"{kind}-secret": secret}
        form.update({f"{kind}-{key}": value for key, value in settings.items()})
        response = self.client.post("/admin/destinations", data=form)
        assert response.status_code == 302, response.get_data(as_text=True)
        self.dbs.expire_all()
        return self.dbs.scalar(select(Destination).where(Destination.name == name))

    def destination_for(self, blog, secret: str | None = None) -> Destination:
        return self.destination(blog.kind, f"Company {blog.label}", blog.settings(),
                                secret or blog.secret)

    def approved(self, title: str, body: str = "We changed how we buy compute.",
                 tags: str = "Cloud", excerpt: str = "One question changed our spending.") -> Draft:
        """The CIO writes a post and marketing approves it."""
        draft = make_draft(self.dbs, self.cio, title=title, body=body, tags=tags, excerpt=excerpt)
        workflow.act(self.dbs, draft, self.cio, Action.SUBMIT)
        workflow.act(self.dbs, draft, self.marketing, Action.APPROVE)
        self.dbs.commit()
        return draft

    def revise(self, draft: Draft, *, title: str | None = None, body: str | None = None) -> Draft:
        """The CIO edits the published post (it goes back to review) and marketing approves."""
        draft = self.fresh(draft)
        editing.save_draft(self.dbs, draft, self.cio, editing.DraftInput(
            title=title or draft.title, body=body or draft.body, excerpt=draft.excerpt,
            tags=tuple(draft.tag_names), audience=draft.audience), base_version=draft.version)
        workflow.act(self.dbs, draft, self.marketing, Action.APPROVE)
        self.dbs.commit()
        return draft

    # -- what marketing clicks -----------------------------------------------------

    def publish(self, draft: Draft, destination: Destination, mode: str = "publish",
                **form) -> list[tuple[str, str]]:
        """Click "Publish now" (or "Push as remote draft"); the messages the page shows."""
        return self.post(f"/drafts/{draft.id}/publish", destination_id=destination.id, mode=mode,
                         timezone="Europe/Berlin", **form)

    def schedule(self, draft: Draft, destination: Destination, when: datetime,
                 timezone: str = "UTC") -> list[tuple[str, str]]:
        return self.post(f"/drafts/{draft.id}/schedule", destination_id=destination.id,
                         publish_at=when.strftime("%Y-%m-%dT%H:%M:%S"), timezone=timezone)

    def act(self, draft: Draft, action: Action, user: User | None = None,
            **form) -> list[tuple[str, str]]:
        return self.post(f"/drafts/{draft.id}/workflow", user=user, action=action.value, **form)

    def post(self, url: str, user: User | None = None, **form) -> list[tuple[str, str]]:
        self.sign_in(user or self.marketing)
        self.flashes()  # only the messages this click shows
        response = self.client.post(url, data=form)
        assert response.status_code in (200, 302), (response.status_code, response.get_data(as_text=True))
        self.dbs.expire_all()
        return self.flashes()

    def flashes(self) -> list[tuple[str, str]]:
        with self.client.session_transaction() as session:
            return list(session.pop("_flashes", []))

    def publish_due(self):
        """What cron runs every minute: `flask publish-due`."""
        result = self.app.test_cli_runner().invoke(args=["publish-due"])
        self.dbs.expire_all()
        return result

    # -- what Byline knows -----------------------------------------------------------

    def fresh(self, draft: Draft) -> Draft:
        self.dbs.expire_all()
        return self.dbs.get(Draft, draft.id)

    def record(self, draft: Draft, destination: Destination) -> Record | None:
        """What Byline holds now about the draft's post on the destination (a copy: later
        calls do not change it)."""
        self.dbs.expire_all()
        row = self.dbs.scalar(select(ExportRecord).where(
            ExportRecord.draft_id == draft.id, ExportRecord.destination_id == destination.id))
        if row is None:
            return None
        return Record(row.status, row.remote_id, row.remote_url, row.slug, row.last_error)

    def page(self, draft: Draft, user: User | None = None) -> str:
        """The draft's page (with its publishing panel) as `user` sees it."""
        self.sign_in(user or self.marketing)
        response = self.client.get(f"/drafts/{draft.id}")
        assert response.status_code == 200
        return response.get_data(as_text=True)
