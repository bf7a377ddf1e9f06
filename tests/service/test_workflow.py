import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import PermissionDenied, ValidationError
from drafts.models import Draft, DraftStatus, Notification, Role, Transition, User
from drafts.review import quality_gate, queue, review_changes, workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.factories import make_draft, make_user

LONG = ("Our cloud bill fell by a third in two quarters. " * 40).strip()


def _setup(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    rita = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    remy = make_user(dbs, Role.REVIEWER, name="Remy Reviewer")
    admin = make_user(dbs, Role.ADMIN, Role.AUTHOR, name="Ada Admin")
    draft = make_draft(dbs, author, title="Cloud costs", body=LONG, tags="cloud", excerpt="Short.")
    return author, rita, remy, admin, draft


def test_full_round_records_every_transition_and_notifies(dbs):
    author, rita, remy, _, draft = _setup(dbs)
    workflow.act(dbs, draft, author, Action.SUBMIT, gate=quality_gate.gate_for(dbs))
    workflow.act(dbs, draft, rita, Action.CLAIM)
    with pytest.raises(ValidationError, match="a note is required"):
        workflow.act(dbs, draft, rita, Action.REQUEST_CHANGES)
    workflow.act(dbs, draft, rita, Action.REQUEST_CHANGES, note="Lead with the number.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    outcome = workflow.act(dbs, draft, rita, Action.APPROVE)
    dbs.commit()
    assert draft.status is DraftStatus.APPROVED and draft.assignee_id == rita.id
    steps = [(t.action, t.from_status.value, t.to_status.value, t.actor_id) for t in workflow.timeline(dbs, draft)]
    assert steps == [
        ("submit", "draft", "in_review", author.id), ("claim", "in_review", "in_review", rita.id),
        ("request_changes", "in_review", "changes_requested", rita.id),
        ("submit", "changes_requested", "in_review", author.id),
        ("approve", "in_review", "approved", rita.id),
    ]
    assert [n.user_id for n in outcome.notified] == [author.id]
    events = {(n.event, n.user_id) for n in dbs.scalars(select(Notification))}
    assert ("submitted", rita.id) in events and ("submitted", remy.id) in events
    assert ("changes_requested", author.id) in events and ("approved", author.id) in events


def test_roles_and_the_table_are_enforced(dbs):
    author, rita, _, admin, draft = _setup(dbs)
    with pytest.raises(PermissionDenied):
        workflow.act(dbs, draft, rita, Action.SUBMIT)  # not hers
    with pytest.raises(ValidationError, match="cannot be approved"):
        workflow.act(dbs, draft, rita, Action.APPROVE)  # not submitted yet
    workflow.act(dbs, draft, author, Action.SUBMIT)
    with pytest.raises(PermissionDenied, match="Nobody approves their own post"):
        workflow.act(dbs, draft, author, Action.APPROVE)
    other = make_user(dbs, Role.AUTHOR)
    with pytest.raises(PermissionDenied):
        workflow.act(dbs, draft, other, Action.REQUEST_CHANGES, note="x")


def test_admin_override_needs_and_records_a_reason(dbs):
    _, _, _, admin, _ = _setup(dbs)
    own = make_draft(dbs, admin, title="Admin's post", body=LONG)
    workflow.act(dbs, own, admin, Action.SUBMIT)
    with pytest.raises(ValidationError, match="say why"):
        workflow.act(dbs, own, admin, Action.APPROVE)
    outcome = workflow.act(dbs, own, admin, Action.APPROVE, override_reason="Launch day, reviewer away")
    assert outcome.transition.override and outcome.transition.note.startswith("Admin override: Launch day")


def test_quality_gate_blocks_submission_with_the_list(dbs):
    author = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author, title="", body="Too short.")
    with pytest.raises(workflow.GateFailed) as failed:
        workflow.act(dbs, draft, author, Action.SUBMIT, gate=quality_gate.gate_for(dbs))
    assert any("A title" in u for u in failed.value.unmet)
    assert any("Word count" in u for u in failed.value.unmet)
    assert draft.status is DraftStatus.DRAFT
    quality_gate.save_rule(dbs, "title", "off")
    quality_gate.save_rule(dbs, "word_count", "recommended", 1, 10)
    workflow.act(dbs, draft, author, Action.SUBMIT, gate=quality_gate.gate_for(dbs))
    assert draft.status is DraftStatus.IN_REVIEW


def test_editing_an_approved_post_sends_it_back_to_review(dbs):
    author, rita, _, _, draft = _setup(dbs)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, rita, Action.APPROVE)
    dbs.commit()
    data = editing.DraftInput(title=draft.title, body=LONG + " One more line.", tags=("cloud",))
    editing.save_draft(dbs, draft, author, data, base_version=draft.version)
    dbs.commit()
    assert draft.status is DraftStatus.IN_REVIEW
    assert workflow.timeline(dbs, draft)[-1].action == "edit"


def test_two_reviewers_at_once_cannot_both_win(app, dbs):
    author, rita, remy, _, draft = _setup(dbs)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    engine = dbs.get_bind()
    with Session(engine, expire_on_commit=False) as one, Session(engine, expire_on_commit=False) as two:
        d1, d2 = one.get(Draft, draft.id), two.get(Draft, draft.id)
        workflow.act(one, d1, one.get(User, rita.id), Action.APPROVE)
        one.commit()
        with pytest.raises(workflow.WorkflowConflict, match="Someone else acted on this draft"):
            workflow.act(two, d2, two.get(User, remy.id), Action.REQUEST_CHANGES, note="No")
        two.rollback()
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
    actions = [t.action for t in dbs.scalars(select(Transition).where(Transition.draft_id == draft.id))]
    assert actions == ["submit", "approve"]


def test_queue_filters_counts_and_never_unsubmitted(dbs):
    author, rita, _, _, draft = _setup(dbs)
    make_draft(dbs, author, title="Never submitted", body=LONG)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    other = make_draft(dbs, author, title="Security budget", body=LONG, audience="general")
    workflow.act(dbs, other, author, Action.SUBMIT)
    workflow.act(dbs, other, rita, Action.CLAIM)
    dbs.commit()
    page = queue.list_queue(dbs, queue.QueueFilters())
    assert {r.draft.title for r in page.rows} == {"Cloud costs", "Security budget"}
    assert page.counts["in_review"] == 2
    assert [r.draft.title for r in queue.list_queue(dbs, queue.QueueFilters(assignee_id=rita.id)).rows] == ["Security budget"]
    assert [r.draft.title for r in queue.list_queue(dbs, queue.QueueFilters(search="CLOUD")).rows] == ["Cloud costs"]
    assert [r.draft.title for r in queue.list_queue(dbs, queue.QueueFilters(audience="general")).rows] == ["Security budget"]
    assert queue.list_queue(dbs, queue.QueueFilters(status="draft")).total == 0


def test_tracked_changes_author_accepts_one_and_rejects_another(dbs):
    author, rita, _, _, _ = _setup(dbs)
    draft = make_draft(dbs, author, title="T", body="We moved fast. Costs fell a lot.", tags="x")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    data = editing.DraftInput(title="T", body="We moved quickly. Costs fell by a third.", tags=("x",))
    editing.save_draft(dbs, draft, rita, data, base_version=draft.version)
    workflow.act(dbs, draft, rita, Action.REQUEST_CHANGES, note="See my edits.")
    dbs.commit()
    changes = review_changes.since_submission(dbs, draft)
    indexes = [i for i, s in enumerate(changes.segments) if s.kind == "change"]
    assert len(indexes) == 2  # fast->quickly, "a lot"->"by a third" (one readable change)
    result = review_changes.decide(dbs, draft, author, base_revision_id=changes.base.id,
                                   accepted={indexes[1]}, base_version=draft.version)
    dbs.commit()
    assert result.draft.body == "We moved fast. Costs fell by a third."
    # The reviewer sees what the author changed since the review.
    since = review_changes.since_last_review(dbs, draft, rita)
    assert [s.new for s in since.segments if s.kind == "change"] == ["fast"]


def test_claim_is_no_longer_offered_to_the_reviewer_who_claimed(dbs):
    """Issue 12: the Claim button stayed after claiming."""
    ana = make_user(dbs, Role.AUTHOR)
    rita = make_user(dbs, Role.REVIEWER)
    sam = make_user(dbs, Role.REVIEWER)
    draft = make_draft(dbs, ana, body="Our cloud bill fell by a third. " * 20)
    workflow.act(dbs, draft, ana, Action.SUBMIT)
    assert Action.CLAIM in workflow.available(rita, draft)
    workflow.act(dbs, draft, rita, Action.CLAIM)
    assert Action.CLAIM not in workflow.available(rita, draft)
    assert Action.CLAIM in workflow.available(sam, draft)  # another reviewer may take it over
