"""A hand-built program history for the numbers dashboard's tests (service, views, browser).

Now is 15 Jun 2026 12:00 UTC; six months are Jan..Jun 2026. What the numbers must be:

- "Cloud costs" (Ana): created 1 Mar, submitted 2 Mar, claimed, changes requested 3 Mar,
  resubmitted 4 Mar with plainer text, approved 5 Mar, published 6 Mar on WordPress, taken
  offline 10 Mar. Cycle 5 d, review 48 h (24 + 24; the claim does not stop the clock), 2 rounds.
- "Zero trust" (Ana): created 1 Apr, submitted 2 Apr, approved 3 Apr, scheduled 4 Apr,
  unscheduled 5 Apr, edited 6 Apr (back to review), approved 8 Apr, published 10 Apr on
  Ghost. Cycle 9 d, review 72 h, 2 rounds.
- "Security budget" (Ben): created 1 May, submitted 1 May 12:00, approved 2 May 12:00,
  published 3 May; edited after publication 5 May, approved 6 May, published again 7 May
  (counts once, in May, and the later review is not in its numbers). Cycle 2 d, review 24 h,
  1 round.
- Not counted: "Never out" (scheduled, unscheduled, never published), "Binned" (published
  in May, then trashed), "Old news" (published Dec 2025, before the period).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from drafts.models import Destination, Draft, ExportRecord, Role, SuggestionRequest, User
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.factories import make_draft, make_user

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)
BUZZY = ("Going forward, we will leverage our best-in-class paradigm to operationalize "
         "cross-functional, enterprise-grade capabilities which, notwithstanding the considerable "
         "organizational complexities inherent in multi-jurisdictional regulatory environments, "
         "will move the needle on world-class stakeholder value realization and be a genuine "
         "game-changer. ") * 4
PLAIN = "We cut the cloud bill by a third. We buy compute only when we need it. " * 8


def at(month: int, day: int, hour: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=timezone.utc)


@dataclass
class History:
    ana: User
    ben: User
    rita: User
    admin: User
    ghost: Destination
    wordpress: Destination
    cloud: Draft
    zero: Draft
    security: Draft
    never: Draft
    binned: Draft
    old: Draft


def _draft(dbs, author, title, created, tags="", body=PLAIN):
    draft = make_draft(dbs, author, title=title, tags=tags, body=body)
    draft.created_at = created
    dbs.commit()
    return draft


def _step(dbs, draft, user, action, when, **kw):
    workflow.act(dbs, draft, user, action, now=when, **kw)
    dbs.commit()


def _live(dbs, draft, destination, when):
    record = ExportRecord(draft_id=draft.id, destination_id=destination.id, status="published",
                          remote_id=f"r{draft.id}-{destination.id}", live_since=when)
    dbs.add(record)
    dbs.commit()
    return record


def build(dbs) -> History:
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author")
    ben = make_user(dbs, Role.AUTHOR, name="Ben Writer")
    rita = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    admin = make_user(dbs, Role.ADMIN, name="Ada Admin")
    ghost = Destination(kind="ghost", name="Ghost blog", settings_json="{}")
    wordpress = Destination(kind="wordpress", name="WordPress site", settings_json="{}")
    dbs.add_all([ghost, wordpress])
    dbs.commit()

    cloud = _draft(dbs, ana, "Cloud costs", at(3, 1), tags="cloud, cost", body=BUZZY)
    _step(dbs, cloud, ana, Action.SUBMIT, at(3, 2))
    _step(dbs, cloud, rita, Action.CLAIM, at(3, 2, 12))
    _step(dbs, cloud, rita, Action.REQUEST_CHANGES, at(3, 3), note="Fewer buzzwords, please.")
    editing.save_draft(dbs, cloud, ana, editing.DraftInput.from_raw(
        title="Cloud costs", body=PLAIN, excerpt="", tags="cloud, cost", audience="executive"),
        base_version=cloud.version)
    dbs.commit()
    _step(dbs, cloud, ana, Action.SUBMIT, at(3, 4))
    _step(dbs, cloud, rita, Action.APPROVE, at(3, 5))
    _step(dbs, cloud, rita, Action.PUBLISH, at(3, 6))
    taken_down = _live(dbs, cloud, wordpress, at(3, 6))
    taken_down.status = "unpublished"
    _step(dbs, cloud, rita, Action.UNPUBLISH, at(3, 10))

    zero = _draft(dbs, ana, "Zero trust", at(4, 1), tags="cloud")
    for action, when in ((Action.SUBMIT, at(4, 2)), (Action.APPROVE, at(4, 3)),
                         (Action.SCHEDULE, at(4, 4)), (Action.UNSCHEDULE, at(4, 5))):
        _step(dbs, zero, ana if action is Action.SUBMIT else rita, action, when)
    _step(dbs, zero, ana, Action.EDIT, at(4, 6))
    _step(dbs, zero, rita, Action.APPROVE, at(4, 8))
    _step(dbs, zero, rita, Action.PUBLISH, at(4, 10))
    _live(dbs, zero, ghost, at(4, 10))

    security = _draft(dbs, ben, "Security budget", at(5, 1), tags="security")
    _step(dbs, security, ben, Action.SUBMIT, at(5, 1, 12))
    _step(dbs, security, rita, Action.APPROVE, at(5, 2, 12))
    _step(dbs, security, rita, Action.PUBLISH, at(5, 3))
    _step(dbs, security, ben, Action.EDIT, at(5, 5))
    _step(dbs, security, rita, Action.APPROVE, at(5, 6))
    _step(dbs, security, rita, Action.PUBLISH, at(5, 7))

    never = _draft(dbs, ben, "Never out", at(5, 10))
    for action, when in ((Action.SUBMIT, at(5, 11)), (Action.APPROVE, at(5, 12)),
                         (Action.SCHEDULE, at(5, 13)), (Action.UNSCHEDULE, at(5, 14))):
        _step(dbs, never, ben if action is Action.SUBMIT else rita, action, when)

    binned = _draft(dbs, ana, "Binned", at(5, 1), tags="cloud")
    for action, when in ((Action.SUBMIT, at(5, 2)), (Action.APPROVE, at(5, 3)),
                         (Action.PUBLISH, at(5, 4))):
        _step(dbs, binned, ana if action is Action.SUBMIT else rita, action, when)
    _live(dbs, binned, wordpress, at(5, 4))
    binned.trashed_at = at(5, 20)
    dbs.commit()

    old = _draft(dbs, ben, "Old news", at(11, 1, year=2025), tags="cloud")
    for action, when in ((Action.SUBMIT, at(11, 2, year=2025)), (Action.APPROVE, at(11, 3, year=2025)),
                         (Action.PUBLISH, at(12, 1, year=2025))):
        _step(dbs, old, ben if action is Action.SUBMIT else rita, action, when)

    _suggestions(dbs, ana, ben, cloud, binned)
    return History(ana, ben, rita, admin, ghost, wordpress, cloud, zero, security, never, binned, old)


def _suggestions(dbs, ana, ben, cloud, binned) -> None:
    """concise: 3 asked, 2 answered, 1 accepted (Ana); headlines: 1 asked by Ben, answered,
    accepted. Not counted: one on the trashed draft, one before the period."""
    def ask(user, draft, action, outcome, when, accepted=None):
        dbs.add(SuggestionRequest(user_id=user.id, draft_id=draft.id if draft else None,
                                  action=action, provider="builtin", model="builtin",
                                  outcome=outcome, created_at=when, accepted_at=accepted))
    ask(ana, cloud, "concise", "ok", at(3, 3, 10), accepted=at(3, 3, 11))
    ask(ana, cloud, "concise", "cached", at(3, 3, 12))
    ask(ana, cloud, "concise", "error:Timeout", at(3, 3, 13))
    ask(ben, None, "headlines", "ok", at(5, 1, 9), accepted=at(5, 1, 10))
    ask(ana, binned, "concise", "ok", at(5, 2), accepted=at(5, 2, 1))
    ask(ana, cloud, "concise", "ok", at(12, 1, year=2025), accepted=at(12, 1, 1, year=2025))
    dbs.commit()
