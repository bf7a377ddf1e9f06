"""Helpers shared by the remote-post lifecycle tests (test_publish_lifecycle*.py): the secret
box, an approved draft, a destination on a fake blog, the blog's posts as it holds them."""

from __future__ import annotations

from cryptography.fernet import Fernet

from drafts.export import service
from drafts.models import ExportRecord, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from tests.factories import make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD

BOX = SecretBox(Fernet.generate_key())
BODY = "## Why it matters\n\nWe cut our cloud bill by a third.\n\nThe board asked one question."


def no_sleep(_seconds):
    return None


def _approved(dbs, title="What our cloud bill taught us"):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title=title, body=BODY, excerpt="One question.", tags="cloud")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, draft


def _destination(dbs, user, kind, server):
    if kind == "wordpress":
        settings, secret = {"site_url": server.base_url, "username": "editor"}, EDITOR_PASSWORD
    elif kind == "ghost":
        settings, secret = {"admin_url": server.base_url}, server.admin_api_key
    else:
        settings, secret = {"base_url": server.base_url}, server.api_key
    dest = service.add_destination(dbs, user, kind=kind, name=f"{kind} blog", settings=settings,
                                   secret=secret, box=BOX)
    dbs.commit()
    return dest


def _remote_posts(kind, server) -> list[dict]:
    if kind == "wordpress":
        return list(server.posts.values())
    if kind == "ghost":
        return list(server.posts.values())
    return list(server.articles.values())


def _is_live(kind, post) -> bool:
    if kind == "wordpress":
        return post["status"] == "publish"
    if kind == "ghost":
        return post["status"] == "published"
    return bool(post["published"])


def _record(dbs, record_id) -> ExportRecord:
    dbs.expire_all()
    return dbs.get(ExportRecord, record_id)
