"""Fixtures for the readability analyzer tests (pure code: no app, no database)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from drafts.readability import GlossaryTerm, Report, analyze, load_seed_glossary

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def seed_glossary() -> list[GlossaryTerm]:
    return load_seed_glossary()


@pytest.fixture
def run() -> Callable[..., Report]:
    """analyze() with defaults: executive audience, no glossary."""

    def _run(markdown: str, audience: str = "executive", glossary=(), **kw) -> Report:
        return analyze(markdown, audience, glossary, **kw)

    return _run


@pytest.fixture(scope="session")
def labeled() -> list[dict[str, str]]:
    with (HERE / "labeled_sentences.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def find(run: Callable[..., Report]) -> Callable[..., list[str]]:
    """find(markdown, kind) -> the texts flagged with that kind."""

    def _find(markdown: str, kind: str, **kw) -> list[str]:
        report = run(markdown, **kw)
        return [markdown[f.span[0] : f.span[1]] for f in report.findings if f.kind == kind]

    return _find
