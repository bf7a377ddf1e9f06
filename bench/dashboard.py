"""Numbers dashboard benchmark: the page's render time over a large program history.

Seeds 10,000 drafts and 200,000 workflow transitions (plus their revisions and scores,
tags, export records, suggestion requests and blog readings) with bulk Core inserts, then
times GET /numbers (signed in as a reviewer, through Flask's test client) for each period,
and the posts list behind the biggest number.

    .venv/bin/python bench/dashboard.py [--runs 15]                  # SQLite (a temp file)
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/byline_x .venv/bin/python bench/dashboard.py

PostgreSQL: the database's public schema is dropped and rebuilt. Goal (issue 14): under
300 ms p50 for the dashboard page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from drafts import accounts  # noqa: E402
from drafts.db import make_engine, normalise_url  # noqa: E402
from drafts.metrics import cycle  # noqa: E402
from drafts.models import (  # noqa: E402
    Audience,
    Base,
    Destination,
    Draft,
    DraftStatus,
    DraftTag,
    ExportRecord,
    PostStats,
    Revision,
    RevisionScore,
    RevisionSource,
    Role,
    StatsSync,
    SuggestionRequest,
    Transition,
)
from webapp import create_app  # noqa: E402

PASSWORD = "benchmark passphrase"
DRAFTS, TRANSITIONS = 10_000, 200_000
NOW = datetime.now(timezone.utc)
S = DraftStatus
TAGS = ["cloud", "security", "ai", "data", "finops", "talent", "strategy", "risk", "vendors",
        "architecture", "leadership", "compliance"]
ACTIONS = ["clarity", "concise", "executive", "jargon", "headlines", "business_case"]


def _chunks(session: Session, model, rows: list[dict], size: int = 5000) -> None:
    for start in range(0, len(rows), size):
        session.execute(insert(model), rows[start:start + size])


def _history(rng: random.Random, target: int, start: datetime, published: bool):
    """A plausible walk through the workflow of about `target` steps, ending published (or
    approved / in review). Yields (from, to, action, at, first_submission)."""
    status, at, out = S.DRAFT, start, []

    def step(action, to, hours):
        nonlocal status, at
        at += timedelta(hours=hours)
        out.append((status, to, action, at))
        status = to

    final = 3 if published else 2  # submit, approve (, publish)
    while len(out) + 2 + final <= target:
        step("submit", S.IN_REVIEW, rng.uniform(2, 72))
        if len(out) + 2 + final <= target and rng.random() < 0.5:
            step(rng.choice(["claim", "assign"]), S.IN_REVIEW, rng.uniform(0.5, 12))
        step("request_changes", S.CHANGES_REQUESTED, rng.uniform(1, 48))
    step("submit", S.IN_REVIEW, rng.uniform(2, 48))
    while len(out) < target - final + 1:
        step("claim", S.IN_REVIEW, rng.uniform(0.5, 12))
    step("approve", S.APPROVED, rng.uniform(1, 48))
    if published:
        step("publish", S.PUBLISHED, rng.uniform(1, 96))
    return status, out


def seed(engine) -> int:
    rng = random.Random(14)
    with Session(engine, expire_on_commit=False) as session:
        reviewer = accounts.create_user(session, email="bench@example.com", name="Bench Reviewer",
                                        password=PASSWORD, roles={Role.REVIEWER, Role.ADMIN})
        authors = [accounts.create_user(session, email=f"author{i}@example.com", name=f"Author {i}",
                                        password=PASSWORD, roles={Role.AUTHOR}) for i in range(20)]
        destinations = [Destination(kind=k, name=n, settings_json="{}") for k, n in
                        (("ghost", "Ghost blog"), ("wordpress", "WordPress site"), ("devto", "dev.to"))]
        session.add_all(destinations)
        sync = StatsSync(started_at=NOW, finished_at=NOW, posts_ok=1)
        session.add(sync)
        session.commit()
        drafts, revisions, scores, transitions, tags, records, stats, requests = ([] for _ in range(8))
        per_draft = TRANSITIONS // DRAFTS
        for draft_id in range(1, DRAFTS + 1):
            author = rng.choice(authors)
            created = NOW - timedelta(days=rng.uniform(5, 420))
            published = rng.random() < 0.6
            target = per_draft + (draft_id % 2) * 2 - 1  # 19 or 21: 200,000 in all
            status, steps = _history(rng, target, created, published)
            first_rev, last_rev = 2 * draft_id - 1, 2 * draft_id
            drafts.append(dict(id=draft_id, author_id=author.id, title=f"Post {draft_id}", body="Text.",
                               excerpt="", audience=Audience.EXECUTIVE, version=1, revision_seq=2,
                               created_at=created, updated_at=steps[-1][3], status=status,
                               trashed_at=NOW if rng.random() < 0.03 else None))
            for number, rid in ((1, first_rev), (2, last_rev)):
                revisions.append(dict(id=rid, draft_id=draft_id, number=number, author_id=author.id,
                                      source=RevisionSource.AUTHOR, title="t", body="b", excerpt="",
                                      tags="", audience=Audience.EXECUTIVE, note="", sealed=True,
                                      created_at=created, updated_at=created))
                scores.append(dict(revision_id=rid, analyzer_version="bench", score=rng.randint(30, 90),
                                   light="green", grade=rng.uniform(6, 14), reading_ease=50.0,
                                   words=rng.randint(400, 1500), buzzwords=rng.randint(0, 9),
                                   jargon=rng.randint(0, 6), revision_updated_at=created,
                                   computed_at=created))
            for i, (before, after, action, at) in enumerate(steps):
                transitions.append(dict(draft_id=draft_id, actor_id=reviewer.id, from_status=before,
                                        to_status=after, action=action, note="", override=False,
                                        revision_id=first_rev if i == 0 else last_rev, created_at=at))
            for name in rng.sample(TAGS, rng.randint(1, 3)):
                tags.append(dict(draft_id=draft_id, name=name, position=0))
            if published:
                destination = rng.choice(destinations)
                records.append(dict(id=len(records) + 1, draft_id=draft_id, destination_id=destination.id,
                                    remote_id=str(draft_id), status="published", live_since=steps[-1][3],
                                    updated_at=steps[-1][3]))
                if destination.kind != "wordpress":
                    stats.append(dict(record_id=len(records), draft_id=draft_id,
                                      destination_id=destination.id, sync_id=sync.id, taken_at=NOW,
                                      signups=rng.randint(0, 9), clicks=rng.randint(0, 40)))
            for _ in range(rng.randint(0, 6)):
                requests.append(dict(user_id=author.id, draft_id=draft_id, action=rng.choice(ACTIONS),
                                     provider="builtin", model="builtin", outcome="ok",
                                     created_at=created + timedelta(hours=rng.uniform(1, 100)),
                                     accepted_at=NOW if rng.random() < 0.4 else None))
        for model, rows in ((Draft, drafts), (Revision, revisions), (RevisionScore, scores),
                            (Transition, transitions), (DraftTag, tags), (ExportRecord, records),
                            (PostStats, stats), (SuggestionRequest, requests)):
            _chunks(session, model, rows)
        session.commit()
        # Bulk rows bypass the workflow, which keeps each draft's cycle row: fold them now,
        # as the 0008 migration does for existing data.
        cycle.rebuild(session)
        session.commit()
        session.execute(text("ANALYZE"))
        session.commit()
        print(f"seeded {len(drafts):,} drafts, {len(transitions):,} transitions, {len(records):,} "
              f"published posts, {len(requests):,} suggestion requests")
        return reviewer.id


def timed(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm: templates compiled, connections open
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    url = normalise_url(os.environ.get("DATABASE_URL", ""))
    if url.startswith("postgresql"):
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        url = f"sqlite:///{os.path.join(tempfile.mkdtemp(prefix='byline-dash-'), 'bench.sqlite3')}"
        engine = make_engine(url)
    Base.metadata.create_all(engine)
    started = time.perf_counter()
    seed(engine)
    print(f"seeding took {time.perf_counter() - started:.1f} s ({engine.dialect.name})")
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                      "BYLINE_ENCRYPTION_KEY": Fernet.generate_key()})
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.com", "password": PASSWORD})
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (cores: {os.cpu_count()})")
    print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8}")
    p50s = {}
    for label, path in (("/numbers (3 months)", "/numbers?period=3"),
                        ("/numbers (6 months)", "/numbers"),
                        ("/numbers (12 months)", "/numbers?period=12"),
                        ("/numbers (12 months, one author)", "/numbers?period=12&author=2"),
                        ("/numbers/posts (12 months, by cycle)", "/numbers/posts?period=12&sort=cycle")):
        times = sorted(timed(client, path, args.runs))
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        p50s[label] = p50
        print(f"{label:<34} {p50:>8.0f} {p95:>8.0f}")
    worst = max(v for k, v in p50s.items() if k.startswith("/numbers ("))
    print(f"worst dashboard p50: {worst:.0f} ms (goal: under 300 ms) -> "
          f"{'met' if worst < 300 else 'NOT met'}")
    engine.dispose()
    app.extensions["byline.db"][0].dispose()


if __name__ == "__main__":
    main()
