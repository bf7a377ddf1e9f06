"""Conflict answer benchmark: how long a refused (stale) save takes to answer.

A stale autosave is answered 409 with a conflict copy stored and a word diff of
the server's text against the refused one. This times that whole answer through
the app (Flask's test client, a throw-away SQLite database), for drafts of
10 KB, 100 KB and 1 MB, written as one paragraph and as ordinary paragraphs, in
two situations: two tabs that each changed a few sentences (the usual case),
and a refused text that differs everywhere (the worst case for the diff).

    .venv/bin/python bench/conflict.py [--runs 5]

Goal (issue 15): under 200 ms at 1 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from drafts import accounts  # noqa: E402
from drafts.db import make_engine  # noqa: E402
from drafts.models import Base, Role  # noqa: E402
from drafts.writing import editing  # noqa: E402
from webapp import create_app  # noqa: E402

PASSWORD = "benchmark passphrase"
SIZES = {"10 KB": 10_000, "100 KB": 100_000, "1 MB": 990_000}


def vocabulary() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8").lower()
    return sorted({w.strip(".,;:()*`'\"") for w in text.split() if w.isascii()} - {""})


def make_text(size: int, paragraphs: bool, seed: int) -> list[str]:
    """Sentences of 8 to 30 words drawn from the README's vocabulary (so, like real
    prose, almost no sentence repeats), with paragraph breaks ("\n\n") as items."""
    rng = random.Random(seed)
    words = vocabulary()
    out: list[str] = []
    total = 0
    while total < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        out.append(sentence)
        total += len(sentence) + 1
        if paragraphs and rng.random() < 0.2:
            out.append("\n\n")
    return out


def join(sentences: list[str]) -> str:
    return " ".join(sentences).replace(" \n\n ", "\n\n").strip()


def edited(sentences: list[str], seed: int, share: float) -> list[str]:
    rng = random.Random(seed)
    out = list(sentences)
    for i, s in enumerate(out):
        if s != "\n\n" and rng.random() < share:
            words = s.split(" ")
            spot = rng.randrange(len(words))
            words.insert(spot, rng.choice(["new", "whole", "entire"]))
            out[i] = " ".join(words)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="byline-conflict-")
    url = f"sqlite:///{os.path.join(folder, 'bench.sqlite3')}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        user = accounts.create_user(
            session, email="bench@example.com", name="Bench", password=PASSWORD, roles={Role.AUTHOR}
        )
        session.commit()
    app = create_app({
        "SECRET_KEY": "bench", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
        "BYLINE_ENCRYPTION_KEY": Fernet.generate_key(),
    })
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})

    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (cores: {os.cpu_count()})")
    print(f"{'draft':>7} {'shape':<11} {'situation':<22} {'median ms':>10} {'max ms':>8}")
    worst_at_1mb = 0.0
    for label, size in SIZES.items():
        for paragraphs in (False, True):
            base = make_text(size, paragraphs, seed=size)
            situations = {
                "few sentences each": (edited(base, 1, 0.02), edited(base, 2, 0.02)),
                "rewritten everywhere": (base, make_text(size, paragraphs, seed=size + 7)),
            }
            for situation, (theirs, mine) in situations.items():
                with Session(engine, expire_on_commit=False) as session:
                    author = session.get(accounts.User, user.id)
                    draft = editing.create_draft(
                        session, author, editing.DraftInput(title="Bench", body=join(base))
                    )
                    editing.save_draft(
                        session, draft, author, editing.DraftInput(title="Bench", body=join(theirs)),
                        base_version=draft.version,
                    )
                    session.commit()
                    draft_id, stale = draft.id, draft.version - 1
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    response = client.post(
                        f"/drafts/{draft_id}/autosave",
                        json={"title": "Bench", "body": join(mine), "base_version": stale},
                    )
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 409, response.status_code
                shape = "paragraphs" if paragraphs else "one para."
                print(f"{label:>7} {shape:<11} {situation:<22} {statistics.median(times):>10.1f} "
                      f"{max(times):>8.1f}")
                if label == "1 MB":
                    worst_at_1mb = max(worst_at_1mb, statistics.median(times))
    print(f"worst median at 1 MB: {worst_at_1mb:.0f} ms (goal: under 200 ms) -> "
          f"{'met' if worst_at_1mb < 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
