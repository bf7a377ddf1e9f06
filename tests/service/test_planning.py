"""Ideas, briefs, the calendar and moving a scheduled post, against the database."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from drafts.errors import NotFound, PermissionDenied, ValidationError
from drafts.export import scheduling
from drafts.models import DraftStatus, ExportAttempt, ExportRecord, Role, Transition, utcnow
from drafts.planning import briefs, calendar, ideas
from tests.factories import make_user
from tests.planning_world import blog, brief_for, people, scheduled

UTC = timezone.utc
FUTURE = datetime(2030, 3, 14, 9, 30)


def test_votes_toggle_one_per_person_and_order_the_list(dbs):
    ana, mia = people(dbs)
    first = ideas.add_idea(dbs, ana, ideas.IdeaFields(title="Cloud costs"))
    second = ideas.add_idea(dbs, ana, ideas.IdeaFields(title="Hiring engineers", angle="Pay less, train more"))
    assert ideas.toggle_vote(dbs, second, ana) is True
    assert ideas.toggle_vote(dbs, second, mia) is True
    assert ideas.toggle_vote(dbs, first, mia) is True
    assert ideas.toggle_vote(dbs, first, mia) is False  # a second click takes it back
    rows = ideas.list_ideas(dbs, mia)
    assert [(r.idea.title, r.votes, r.voted) for r in rows] == [("Hiring engineers", 2, True),
                                                               ("Cloud costs", 0, False)]


def test_ideas_need_a_title_and_only_their_author_or_marketing_archives_them(dbs):
    ana, mia = people(dbs)
    otto = make_user(dbs, Role.AUTHOR, name="Otto")
    with pytest.raises(ValidationError, match="working title"):
        ideas.add_idea(dbs, ana, ideas.IdeaFields(title="   "))
    idea = ideas.add_idea(dbs, ana, ideas.IdeaFields(title="Cloud costs"))
    with pytest.raises(PermissionDenied):
        ideas.set_archived(dbs, idea, otto, True)
    ideas.set_archived(dbs, idea, mia, True)
    assert ideas.list_ideas(dbs, ana) == []
    assert [r.idea.id for r in ideas.list_ideas(dbs, ana, archived=True)] == [idea.id]


def test_marketing_turns_an_idea_into_a_brief_and_the_author_drafts_from_it(dbs):
    ana, mia = people(dbs)
    idea = ideas.add_idea(dbs, ana, ideas.IdeaFields(title="Cloud costs", angle="We buy compute differently"))
    fields = briefs.BriefFields(title=idea.title, angle=idea.angle, author_id=ana.id,
                                due_on=date(2030, 1, 10), points=["The number", "What changed"])
    with pytest.raises(PermissionDenied):
        briefs.create_brief(dbs, ana, fields, idea=idea)  # authors do not assign work
    brief = briefs.create_brief(dbs, mia, fields, idea=idea)
    assert idea.archived_at is not None  # it became work
    assert [p.text for p in brief.points] == ["The number", "What changed"]

    with pytest.raises(PermissionDenied):
        briefs.start_draft(dbs, brief, mia)
    draft = briefs.start_draft(dbs, brief, ana)
    assert draft.title == "Cloud costs" and draft.author_id == ana.id
    assert briefs.for_draft(dbs, draft).id == brief.id
    assert briefs.start_draft(dbs, brief, ana).id == draft.id  # a second click opens the same draft

    point = brief.points[1]
    briefs.tick(dbs, brief, ana, point.id, True)
    assert point.done_at is not None and point.done_by_id == ana.id
    briefs.tick(dbs, brief, ana, point.id, False)
    assert point.done_at is None
    with pytest.raises(NotFound):
        briefs.tick(dbs, brief, ana, 999_999, True)


def test_a_brief_needs_an_active_author_and_a_due_date_from_today(dbs):
    ana, mia = people(dbs)
    fields = briefs.BriefFields(title="Cloud", author_id=mia.id, due_on=date(2030, 1, 1))
    with pytest.raises(ValidationError, match="author"):
        briefs.create_brief(dbs, mia, fields, today=date(2029, 1, 1))
    fields = briefs.BriefFields(title="Cloud", author_id=ana.id, due_on=date(2029, 1, 1))
    with pytest.raises(ValidationError, match="from today on"):
        briefs.create_brief(dbs, mia, fields, today=date(2029, 1, 2))


def test_moving_the_due_date_bumps_the_sequence_and_clears_the_reminder(dbs):
    ana, mia = people(dbs)
    brief = brief_for(dbs, ana, mia, due_on=date(2030, 1, 10))
    brief.reminded_at = utcnow()
    briefs.set_due(dbs, brief, mia, date(2030, 1, 10), today=date(2029, 12, 1))
    assert brief.sequence == 0  # the same date changes nothing
    briefs.set_due(dbs, brief, mia, date(2030, 1, 12), today=date(2029, 12, 1))
    assert (brief.sequence, brief.reminded_at, brief.due_on) == (1, None, date(2030, 1, 12))


def test_the_calendar_shows_due_scheduled_and_published_by_day_in_the_viewers_zone(dbs):
    ana, mia = people(dbs)
    otto = make_user(dbs, Role.AUTHOR, name="Otto Other")
    site, news = blog(dbs), blog(dbs, "Newsletter")
    brief_for(dbs, ana, mia, due_on=date(2030, 3, 12), destination=site)
    draft, record = scheduled(dbs, ana, mia, site, datetime(2030, 3, 14, 23, 30))  # UTC
    _other, other_record = scheduled(dbs, otto, mia, news, datetime(2030, 3, 20, 8, 0), title="Hiring")
    other_record.status, other_record.live_since = "published", datetime(2030, 3, 20, 8, 0, tzinfo=UTC)
    dbs.commit()

    found = calendar.items(dbs, mia, date(2030, 3, 1), date(2030, 3, 31), "Europe/Berlin")
    assert [(i.kind, i.day, i.title) for i in found] == [
        ("due", date(2030, 3, 12), "Why our cloud bill fell"),
        ("scheduled", date(2030, 3, 15), "Cloud costs"),  # 00:30 on the 15th in Berlin
        ("published", date(2030, 3, 20), "Hiring"),
    ]
    assert [i.movable for i in found] == [True, True, False]  # marketing moves due dates and schedules
    # Filters, and an author sees only their own.
    assert [i.kind for i in calendar.items(dbs, mia, date(2030, 3, 1), date(2030, 3, 31), "UTC",
                                           calendar.Filters(destination_id=news.id))] == ["published"]
    assert [i.kind for i in calendar.items(dbs, mia, date(2030, 3, 1), date(2030, 3, 31), "UTC",
                                           calendar.Filters(kind="due"))] == ["due"]
    mine = calendar.items(dbs, ana, date(2030, 3, 1), date(2030, 3, 31), "UTC")
    assert {i.author.id for i in mine} == {ana.id} and not any(i.movable for i in mine)


def test_month_and_week_grids_start_on_monday():
    weeks = calendar.month_days(date(2030, 3, 1))
    assert weeks[0][0] == date(2030, 2, 25) and weeks[-1][-1] == date(2030, 3, 31)
    assert all(len(w) == 7 for w in weeks)
    assert calendar.week_days(date(2030, 3, 14)) == [date(2030, 3, 11) + timedelta(days=i) for i in range(7)]


def test_moving_a_scheduled_post_keeps_its_time_of_day_through_the_scheduler(dbs):
    ana, mia = people(dbs)
    site = blog(dbs)
    draft, record = scheduled(dbs, ana, mia, site, FUTURE, timezone="America/New_York")
    calendar.move(dbs, mia, record.id, date(2030, 3, 15), "America/New_York")
    dbs.commit()
    record = dbs.get(ExportRecord, record.id)
    assert record.status == "scheduled" and draft.status is DraftStatus.SCHEDULED
    assert record.publish_at == datetime(2030, 3, 15, 13, 30, tzinfo=UTC)  # 09:30 EDT
    steps = [t.action for t in dbs.scalars(select(Transition).where(Transition.draft_id == draft.id)
                                           .order_by(Transition.id))]
    assert steps[-2:] == ["unschedule", "schedule"]
    history = [a.operation for a in dbs.scalars(select(ExportAttempt).where(ExportAttempt.draft_id == draft.id)
                                                .order_by(ExportAttempt.id))]
    assert history == ["schedule", "unschedule", "schedule"]


def test_moving_follows_the_publishing_panels_rules(dbs):
    ana, mia = people(dbs)
    site = blog(dbs)
    draft, record = scheduled(dbs, ana, mia, site, FUTURE)
    with pytest.raises(PermissionDenied):
        calendar.move(dbs, ana, record.id, date(2030, 3, 16), "UTC")  # the author does not schedule
    with pytest.raises(ValidationError, match="future"):
        calendar.move(dbs, mia, record.id, date(2020, 3, 16), "UTC")
    dbs.rollback()
    record = dbs.get(ExportRecord, record.id, populate_existing=True)
    record.claimed_until = utcnow() + timedelta(minutes=5)  # publish-due is pushing it right now
    dbs.commit()
    with pytest.raises(scheduling.ExportBusy):
        calendar.move(dbs, mia, record.id, date(2030, 3, 16), "UTC")
    record.claimed_until = None
    scheduling.workflow.act(dbs, draft, mia, scheduling.Action.UNSCHEDULE)
    dbs.commit()
    with pytest.raises(ValidationError, match="Only scheduled posts"):
        calendar.move(dbs, mia, record.id, date(2030, 3, 16), "UTC")
    with pytest.raises(NotFound):
        calendar.move(dbs, mia, 999_999, date(2030, 3, 16), "UTC")


def test_editing_a_brief_keeps_the_ticks_of_points_kept_word_for_word(dbs):
    ana, mia = people(dbs)
    otto = make_user(dbs, Role.AUTHOR, name="Otto Other")
    brief = brief_for(dbs, ana, mia, due_on=date(2030, 1, 10), points=["The number", "What changed"])
    briefs.tick(dbs, brief, ana, brief.points[0].id, True)
    fields = briefs.BriefFields(title="Cloud costs, a year on", author_id=ana.id, due_on=date(2030, 1, 10),
                                points=["A new first point", "The number"])
    briefs.update_brief(dbs, brief, mia, fields, today=date(2029, 12, 1))
    dbs.commit()
    assert [(p.text, p.done_at is not None) for p in brief.points] == [("A new first point", False),
                                                                      ("The number", True)]
    assert brief.sequence == 1  # the title is in the feed
    with pytest.raises(PermissionDenied):
        briefs.update_brief(dbs, brief, ana, fields)
    briefs.update_brief(dbs, brief, mia, briefs.BriefFields(title=brief.title, author_id=otto.id,
                                                            due_on=date(2030, 1, 10)), today=date(2029, 12, 1))
    assert brief.author_id == otto.id and brief.points == []
    briefs.start_draft(dbs, brief, otto)
    with pytest.raises(ValidationError, match="has started the draft"):
        briefs.update_brief(dbs, brief, mia, briefs.BriefFields(title=brief.title, author_id=ana.id,
                                                                due_on=date(2030, 1, 10)))


def test_a_move_across_the_clock_change_keeps_the_local_time(dbs):
    ana, mia = people(dbs)
    site = blog(dbs)
    _draft, record = scheduled(dbs, ana, mia, site, datetime(2030, 3, 30, 9, 30), timezone="Europe/Berlin")
    assert record.publish_at == datetime(2030, 3, 30, 8, 30, tzinfo=UTC)  # CET
    calendar.move(dbs, mia, record.id, date(2030, 3, 31), "Europe/Berlin")
    assert dbs.get(ExportRecord, record.id).publish_at == datetime(2030, 3, 31, 7, 30, tzinfo=UTC)  # CEST
