"""Someone edits the post in Ghost's editor, then marketing updates it from Byline (issue 9
item 9): nothing is overwritten silently, Byline shows what changed on Ghost, and offers
three ways on: overwrite with Byline's version, keep Ghost's, or publish as a new post."""

from __future__ import annotations

import pytest

from tests.realcms.flow import unique

pytestmark = pytest.mark.realcms
CHOICES = "needs branch publish: the Ghost collision choices (issue 9 item 9)"
GHOST_TITLE = "Edited in Ghost"
GHOST_TEXT = "<p>Fixed a typo in Ghost’s editor.</p>"


def collided(newsroom, ghost):
    """A published post, edited in Ghost, then revised in Byline and updated: a collision."""
    destination = newsroom.destination_for(ghost)
    draft = newsroom.approved(unique("Our data strategy in one page"))
    newsroom.publish(draft, destination)
    record = newsroom.record(draft, destination)
    ghost.edit(record.remote_id, title=GHOST_TITLE, html_text=GHOST_TEXT)

    newsroom.revise(draft, body="Byline's revised text, approved by marketing.")
    messages = newsroom.publish(draft, destination)
    return draft, destination, record, messages


def resolve(newsroom, draft, destination, choice: str):
    return newsroom.publish(draft, destination, on_conflict=choice)


def test_an_update_after_an_edit_in_ghost_overwrites_nothing(newsroom, real_ghost):
    draft, destination, record, messages = collided(newsroom, real_ghost)

    assert [category for category, _ in messages] == ["error"]
    assert "409" in messages[0][1] and "Nothing was overwritten" in messages[0][1]
    remote = real_ghost.get(record.remote_id)
    assert remote.title == GHOST_TITLE and "Fixed a typo" in remote.html
    assert remote.status == "published"
    assert newsroom.record(draft, destination).status == "conflict"


@pytest.mark.xfail(strict=False, reason=CHOICES)
def test_the_draft_shows_what_changed_in_ghost(newsroom, real_ghost):
    draft, _, _, _ = collided(newsroom, real_ghost)

    page = newsroom.page(draft)
    assert "Fixed a typo in Ghost" in page and "Byline's revised text" in page


@pytest.mark.xfail(strict=False, reason=CHOICES)
def test_overwrite_puts_bylines_version_on_ghost(newsroom, real_ghost):
    draft, destination, record, _ = collided(newsroom, real_ghost)

    resolve(newsroom, draft, destination, "overwrite")

    remote = real_ghost.get(record.remote_id)
    assert remote.title == draft.title and "Byline's revised text" in remote.html
    assert "Fixed a typo" not in remote.html
    assert newsroom.record(draft, destination).status == "published"
    # ...and the next update goes through without a new collision.
    newsroom.revise(draft, body="A second revision.")
    newsroom.publish(draft, destination)
    assert "A second revision." in real_ghost.get(record.remote_id).html


@pytest.mark.xfail(strict=False, reason=CHOICES)
def test_keep_ghosts_version_leaves_ghost_alone_and_clears_the_collision(newsroom, real_ghost):
    draft, destination, record, _ = collided(newsroom, real_ghost)

    resolve(newsroom, draft, destination, "keep_remote")

    remote = real_ghost.get(record.remote_id)
    assert remote.title == GHOST_TITLE and "Fixed a typo" in remote.html
    assert newsroom.record(draft, destination).status == "published"
    assert len(real_ghost.copies(remote.slug)) == 1


@pytest.mark.xfail(strict=False, reason=CHOICES)
def test_publish_as_a_new_post_keeps_both(newsroom, real_ghost):
    draft, destination, record, _ = collided(newsroom, real_ghost)

    resolve(newsroom, draft, destination, "new")

    again = newsroom.record(draft, destination)
    assert again.status == "published" and again.remote_id != record.remote_id
    assert real_ghost.get(record.remote_id).title == GHOST_TITLE  # the edited post stays
    new = real_ghost.get(again.remote_id)
    assert new.status == "published" and "Byline's revised text" in new.html
