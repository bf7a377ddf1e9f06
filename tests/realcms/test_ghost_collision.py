"""Someone edits the post in Ghost's editor, then marketing updates it from Byline (issue 9
item 9): nothing is overwritten silently, Byline shows what changed on Ghost, and offers
three ways on: overwrite with Byline's version, keep Ghost's, or publish as a new post."""

from __future__ import annotations

import html
import re
import time

import pytest

from tests.realcms import blogs
from tests.realcms.flow import unique

pytestmark = pytest.mark.realcms
blogs.skip_module_unless_running()
GHOST_TITLE = "Edited in Ghost"
GHOST_TEXT = "<p>Fixed a typo in Ghost’s editor.</p>"


def collided(newsroom, ghost):
    """A published post, edited in Ghost, then revised in Byline and updated: a collision."""
    destination = newsroom.destination_for(ghost)
    draft = newsroom.approved(unique("Our data strategy in one page"))
    newsroom.publish(draft, destination)
    record = newsroom.record(draft, destination)
    # Ghost's updated_at counts whole seconds: an edit within the second of Byline's push
    # looks like no edit at all. A person takes longer than that.
    time.sleep(1.1)
    ghost.edit(record.remote_id, title=GHOST_TITLE, html_text=GHOST_TEXT)

    newsroom.revise(draft, body="Byline's revised text, approved by marketing.")
    messages = newsroom.publish(draft, destination)
    assert newsroom.record(draft, destination).status == "conflict", messages
    return draft, destination, record, messages


def resolve(newsroom, draft, destination, choice: str):
    """Marketing picks one of the three buttons on the collision page."""
    messages = newsroom.post(f"/drafts/{draft.id}/collision/{destination.id}", choice=choice)
    assert [category for category, _ in messages] == ["success"], messages
    return messages


def test_an_update_after_an_edit_in_ghost_overwrites_nothing(newsroom, real_ghost):
    draft, destination, record, messages = collided(newsroom, real_ghost)

    assert [category for category, _ in messages] == ["error"]
    assert "409" in messages[0][1] and "Nothing was overwritten" in messages[0][1]
    remote = real_ghost.get(record.remote_id)
    assert remote.title == GHOST_TITLE and "Fixed a typo" in remote.html
    assert remote.status == "published"
    assert newsroom.record(draft, destination).status == "conflict"


def test_the_draft_shows_what_changed_in_ghost(newsroom, real_ghost):
    draft, destination, _, _ = collided(newsroom, real_ghost)

    newsroom.sign_in(newsroom.marketing)
    response = newsroom.client.get(f"/drafts/{draft.id}/collision/{destination.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    page = page[page.index('class="collision-diff"'):]
    page = page[:page.index("</pre>")]
    added = " ".join(html.unescape(t) for t in re.findall(r"<ins[^>]*>(.*?)</ins>", page, re.S))
    removed = " ".join(html.unescape(t) for t in re.findall(r"<del[^>]*>(.*?)</del>", page, re.S))
    assert "Fixed a typo in Ghost’s editor" in " ".join(added.split())  # on the blog only
    assert "We changed how we buy compute" in " ".join(removed.split())  # what Byline last sent


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


def test_keep_ghosts_version_leaves_ghost_alone_and_clears_the_collision(newsroom, real_ghost):
    draft, destination, record, _ = collided(newsroom, real_ghost)

    resolve(newsroom, draft, destination, "keep")

    remote = real_ghost.get(record.remote_id)
    assert remote.title == GHOST_TITLE and "Fixed a typo" in remote.html
    assert newsroom.record(draft, destination).status == "published"
    assert len(real_ghost.copies(remote.slug)) == 1


def test_publish_as_a_new_post_keeps_both(newsroom, real_ghost):
    draft, destination, record, _ = collided(newsroom, real_ghost)

    resolve(newsroom, draft, destination, "new")

    again = newsroom.record(draft, destination)
    assert again.status == "published" and again.remote_id != record.remote_id
    assert real_ghost.get(record.remote_id).title == GHOST_TITLE  # the edited post stays
    new = real_ghost.get(again.remote_id)
    assert new.status == "published" and "Byline's revised text" in new.html
