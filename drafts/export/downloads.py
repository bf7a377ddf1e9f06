"""What a download or a static-site file says about a post: date, status, slug and author.

Everything is derived from what is stored, never from the moment of the download,
so downloading the same post twice gives the same file (a Jekyll file name carries
the date: a name that changed every day would duplicate the post on the site).

- Date: when it was first published, else when it is scheduled, else when it was
  last approved, else when it was written.
- Status: published only when the draft is published (or scheduled and due). An
  unsubmitted draft or a post scheduled for later is exported as not published.
- Slug: once the post is published, the slug the blog keeps (the first remote
  post's), else the one its title had when it was first published; before that,
  the one its current title gives.
- Author: the name of the Byline author, for front matter and the HTML byline.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.export.base import Post
from drafts.export.service import post_from_draft, slugify
from drafts.models import Draft, DraftStatus, ExportRecord, Revision, Transition
from drafts.review import workflow
from drafts.review.workflow import Action


def export_post(session: Session, draft: Draft, *, now: datetime) -> Post:
    """The draft as a Post for the Markdown/HTML downloads and static-site files."""
    live = is_live(session, draft, now)
    return post_from_draft(
        draft, status="publish" if live else "draft", publish_at=post_date(session, draft),
        slug=kept_slug(session, draft), author_name=draft.author.name if draft.author else "",
    )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _first_publication(session: Session, draft: Draft) -> Transition | None:
    return session.scalar(
        select(Transition).where(Transition.draft_id == draft.id,
                                 Transition.action == Action.PUBLISH.value)
        .order_by(Transition.id).limit(1))


def first_published_at(session: Session, draft: Draft) -> datetime | None:
    step = _first_publication(session, draft)
    return _aware(step.created_at) if step else None


def scheduled_at(session: Session, draft: Draft) -> datetime | None:
    if draft.status is not DraftStatus.SCHEDULED:
        return None
    return _aware(session.scalar(
        select(ExportRecord.publish_at).where(ExportRecord.draft_id == draft.id,
                                              ExportRecord.status == "scheduled",
                                              ExportRecord.publish_at.is_not(None))
        .order_by(ExportRecord.publish_at).limit(1)))


def post_date(session: Session, draft: Draft) -> datetime:
    published = first_published_at(session, draft)
    if published is not None:
        return published
    scheduled = scheduled_at(session, draft)
    if scheduled is not None:
        return scheduled
    approved = workflow.last_transition(session, draft, Action.APPROVE)
    if approved is not None:
        return _aware(approved.created_at)
    return _aware(draft.created_at)


def is_live(session: Session, draft: Draft, now: datetime) -> bool:
    if draft.status is DraftStatus.PUBLISHED:
        return True
    scheduled = scheduled_at(session, draft)
    return scheduled is not None and scheduled <= _aware(now)


def kept_slug(session: Session, draft: Draft) -> str:
    """The slug the blog keeps once the post is published (never the newest title's)."""
    remote = session.scalar(
        select(ExportRecord.slug).where(ExportRecord.draft_id == draft.id,
                                        ExportRecord.remote_id != "", ExportRecord.slug != "")
        .order_by(ExportRecord.id).limit(1))
    if remote:
        return remote
    step = _first_publication(session, draft)
    if step is not None and step.revision_id is not None:
        revision = session.get(Revision, step.revision_id)
        if revision is not None and revision.title.strip():
            return slugify(revision.title)
    return slugify(draft.title or "")
