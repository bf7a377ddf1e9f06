"""The team glossary kept in the database: list, seed, add, edit, delete."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts.errors import NotFound, ValidationError
from drafts.models import GlossaryEntry, User, utcnow
from drafts.readability import GlossaryTerm, load_seed_glossary
from drafts.text import clean_text


def list_entries(session: Session) -> list[GlossaryEntry]:
    return list(session.scalars(select(GlossaryEntry).order_by(func.lower(GlossaryEntry.term))))


def terms(session: Session) -> list[GlossaryTerm]:
    rows = session.execute(
        select(GlossaryEntry.term, GlossaryEntry.alternative, GlossaryEntry.note)
    ).all()
    return [GlossaryTerm(term=t, alternative=a, note=n) for t, a, n in rows]


def seed(session: Session) -> int:
    """Add the shipped seed terms that are not there yet. Returns how many were added."""
    existing = {t.lower() for t in session.scalars(select(GlossaryEntry.term))}
    added = 0
    for term in load_seed_glossary():
        if term.term.lower() not in existing:
            session.add(GlossaryEntry(term=term.term, alternative=term.alternative, note=term.note))
            existing.add(term.term.lower())
            added += 1
    session.flush()
    return added


def _clean(term: str, alternative: str, note: str) -> tuple[str, str, str]:
    term = clean_text(term, single_line=True).strip()
    alternative = clean_text(alternative, single_line=True).strip()
    note = clean_text(note, single_line=True).strip()
    if not term or len(term) > 80:
        raise ValidationError("Enter the term (up to 80 characters).", field="term")
    if not alternative or len(alternative) > 200:
        raise ValidationError(
            "Enter the plain-business alternative (up to 200 characters).", field="alternative"
        )
    if len(note) > 500:
        raise ValidationError("Keep the note under 500 characters.", field="note")
    return term, alternative, note


def _check_unique(session: Session, term: str, exclude_id: int | None = None) -> None:
    query = select(GlossaryEntry.id).where(func.lower(GlossaryEntry.term) == term.lower())
    if exclude_id is not None:
        query = query.where(GlossaryEntry.id != exclude_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"“{term}” is already in the glossary. Edit that entry instead.", field="term")


def add_entry(session: Session, user: User, *, term: str, alternative: str, note: str = "") -> GlossaryEntry:
    term, alternative, note = _clean(term, alternative, note)
    _check_unique(session, term)
    entry = GlossaryEntry(term=term, alternative=alternative, note=note, updated_by_id=user.id)
    session.add(entry)
    session.flush()
    return entry


def get_entry(session: Session, entry_id: int) -> GlossaryEntry:
    entry = session.get(GlossaryEntry, entry_id)
    if entry is None:
        raise NotFound("That glossary entry does not exist.")
    return entry


def update_entry(
    session: Session, entry: GlossaryEntry, user: User, *, term: str, alternative: str, note: str = ""
) -> None:
    term, alternative, note = _clean(term, alternative, note)
    _check_unique(session, term, exclude_id=entry.id)
    entry.term, entry.alternative, entry.note = term, alternative, note
    entry.updated_by_id = user.id
    entry.updated_at = utcnow()
    session.flush()


def delete_entry(session: Session, entry: GlossaryEntry) -> None:
    session.delete(entry)
    session.flush()
