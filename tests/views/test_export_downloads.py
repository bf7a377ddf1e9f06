"""Downloads and static-site files: dates, names, status, slug, code classes, links, headers."""

import io
import zipfile
from datetime import datetime, timedelta, timezone

import yaml
from sqlalchemy import select

from drafts.export import scheduling, service
from drafts.models import Destination, ExportRecord, Role, Transition, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user

PUBLISHED_ON = datetime(2024, 3, 5, 10, 0, tzinfo=timezone.utc)
BODY = ("Intro with a [link](https://example.com/about).\n\n"
        "```python\nprint('hi')\n```\n")


def _people(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Cleo Chief")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    return author, reviewer


def _approved(dbs, author, reviewer, title="Cloud costs, revisited"):
    draft = make_draft(dbs, author, title=title, body=BODY, tags="cloud")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return draft


def _published(dbs, author, reviewer, title="Cloud costs, revisited"):
    draft = _approved(dbs, author, reviewer, title)
    workflow.act(dbs, draft, reviewer, Action.PUBLISH)
    dbs.commit()
    step = workflow.last_transition(dbs, draft, Action.PUBLISH)
    step.created_at = PUBLISHED_ON
    dbs.commit()
    return draft


def _static(dbs, generator):
    destination = Destination(kind="static", name=f"{generator} site",
                              settings_json=f'{{"generator": "{generator}"}}')
    dbs.add(destination)
    dbs.commit()
    return destination


def _front_matter(text):
    head = text.split("---\n")[1]
    return yaml.safe_load(head)


def _filename(response):
    return response.headers["Content-Disposition"].split('filename="')[1].rstrip('"')


def test_a_published_post_is_dated_when_it_was_published_and_its_file_name_is_stable(client, dbs):
    author, reviewer = _people(dbs)
    draft = _published(dbs, author, reviewer)
    jekyll = _static(dbs, "jekyll")
    login(client, reviewer)

    first = client.get(f"/drafts/{draft.id}/export/{jekyll.id}")
    again = client.get(f"/drafts/{draft.id}/export/{jekyll.id}")
    assert _filename(first) == "2024-03-05-cloud-costs-revisited.md" == _filename(again)
    fields = _front_matter(first.get_data(as_text=True))
    assert fields["date"] == "2024-03-05 10:00:00 +0000" and fields["published"] is True
    md = _front_matter(client.get(f"/drafts/{draft.id}/download.md").get_data(as_text=True))
    assert md["date"] == PUBLISHED_ON and md["draft"] is False


def test_an_unsubmitted_draft_is_never_marked_published(client, dbs):
    author, _ = _people(dbs)
    draft = make_draft(dbs, author, title="Still thinking", body="Notes.")
    jekyll, hugo = _static(dbs, "jekyll"), _static(dbs, "hugo")
    login(client, author)

    assert _front_matter(client.get(f"/drafts/{draft.id}/export/{jekyll.id}")
                         .get_data(as_text=True))["published"] is False
    assert _front_matter(client.get(f"/drafts/{draft.id}/export/{hugo.id}")
                         .get_data(as_text=True))["draft"] is True
    md = _front_matter(client.get(f"/drafts/{draft.id}/download.md").get_data(as_text=True))
    assert md["draft"] is True
    # Dated when it was written, the same on every download.
    assert md["date"] == draft.created_at.replace(microsecond=0)


def test_the_all_approved_zip_keeps_scheduled_posts_unpublished_until_due(client, dbs):
    author, reviewer = _people(dbs)
    scheduled = _approved(dbs, author, reviewer, "Scheduled piece")
    blog = Destination(kind="wordpress", name="Blog", settings_json='{"site_url": "http://x", "username": "u"}')
    dbs.add(blog)
    dbs.commit()
    when = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)
    scheduling.schedule(dbs, scheduled, reviewer, blog, when_local=when, timezone="UTC")
    dbs.commit()
    live = _published(dbs, author, reviewer, "Live piece")
    hugo = _static(dbs, "hugo")
    login(client, reviewer)

    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/export/{hugo.id}/all").data))
    files = {name: _front_matter(archive.read(name).decode()) for name in archive.namelist()}
    assert files["scheduled-piece.md"]["draft"] is True
    assert files["scheduled-piece.md"]["date"] == when
    assert files["live-piece.md"]["draft"] is False
    assert files["live-piece.md"]["date"] == PUBLISHED_ON
    assert live.id != scheduled.id


def test_the_slug_stays_the_one_the_blog_keeps_after_the_title_changes(client, dbs):
    author, reviewer = _people(dbs)
    draft = _published(dbs, author, reviewer, "First title")
    blog = Destination(kind="wordpress", name="Blog", settings_json='{"site_url": "http://x", "username": "u"}')
    dbs.add(blog)
    dbs.commit()
    dbs.add(ExportRecord(draft_id=draft.id, destination_id=blog.id, remote_id="7",
                         slug="first-title", status="published"))
    draft.title = "A much better title"
    dbs.commit()
    hugo = _static(dbs, "hugo")
    login(client, reviewer)

    response = client.get(f"/drafts/{draft.id}/export/{hugo.id}")
    assert _filename(response) == "first-title.md"
    assert _front_matter(response.get_data(as_text=True))["slug"] == "first-title"
    md = client.get(f"/drafts/{draft.id}/download.md")
    assert _filename(md) == "first-title.md"
    assert _front_matter(md.get_data(as_text=True))["title"] == "A much better title"


def test_without_a_remote_record_the_slug_is_the_title_at_first_publication(client, dbs):
    author, reviewer = _people(dbs)
    draft = _published(dbs, author, reviewer, "Original headline")
    draft.title = "Edited headline"
    dbs.commit()
    hugo = _static(dbs, "hugo")
    login(client, reviewer)
    assert _filename(client.get(f"/drafts/{draft.id}/export/{hugo.id}")) == "original-headline.md"


def test_downloads_keep_code_language_classes_and_add_no_nofollow(client, dbs):
    author, reviewer = _people(dbs)
    draft = _approved(dbs, author, reviewer)
    login(client, reviewer)

    page = client.get(f"/drafts/{draft.id}/download.html").get_data(as_text=True)
    assert 'class="language-python"' in page
    assert 'href="https://example.com/about"' in page and "nofollow" not in page
    post = service.post_from_draft(draft, status="publish")
    assert 'class="language-python"' in post.html and "nofollow" not in post.html


def test_content_types_name_the_charset_once(client, dbs):
    author, reviewer = _people(dbs)
    draft = _approved(dbs, author, reviewer)
    jekyll = _static(dbs, "jekyll")
    login(client, reviewer)

    assert client.get(f"/drafts/{draft.id}/download.md").headers["Content-Type"] == \
        "text/markdown; charset=utf-8"
    assert client.get(f"/drafts/{draft.id}/download.html").headers["Content-Type"] == \
        "text/html; charset=utf-8"
    assert client.get(f"/drafts/{draft.id}/export/{jekyll.id}").headers["Content-Type"] == \
        "text/markdown; charset=utf-8"


def test_transitions_are_what_the_dates_come_from(dbs):
    author, reviewer = _people(dbs)
    draft = _published(dbs, author, reviewer)
    steps = dbs.scalars(select(Transition).where(Transition.draft_id == draft.id)).all()
    assert [s.action for s in steps] == ["submit", "approve", "publish"]
