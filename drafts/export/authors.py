"""Under whose name a post appears on each blog: Byline authors mapped to the blog's users.

- WordPress: the user with the author's email (WordPress lets only an
  administrator's account search by email) or the user an admin chose. Sending
  another user as `author` needs `edit_others_posts` (the Editor role).
- Ghost: the staff user with the author's email; without one, Ghost gives the
  post to the site owner.
- dev.to: always the API key's owner; it cannot post under another name.
- Static files and downloads: the author's name in the front matter and byline.

A mapping found or chosen is stored (ExportAuthor), so the draft's publishing
panel can say under whose name the post will appear without asking the blog.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from drafts.export.base import ExportError, NotAllowed, RemoteAuthor
from drafts.models import Destination, ExportAuthor, Role, User, UserRole, utcnow


@dataclass(frozen=True)
class Byline:
    remote_id: str  # the blog user to send ("": none, the blog decides)
    sentence: str  # under whose name the post appears, and why


def stored(session: Session, destination: Destination, user: User) -> ExportAuthor | None:
    return session.scalar(select(ExportAuthor).where(ExportAuthor.destination_id == destination.id,
                                                     ExportAuthor.user_id == user.id))


def describe(session: Session, destination: Destination, user: User | None) -> str:
    """What the publishing panel says, from what is stored (no request to the blog)."""
    if user is None:
        return ""
    if destination.kind == "static":
        return f"The files carry the author's name, {user.name}."
    if destination.kind == "devto":
        return "Appears under the API key's owner: dev.to cannot post under another name."
    row = stored(session, destination, user)
    if row is not None and row.remote_id:
        return f"Appears as {row.remote_name}" + (" (chosen by an admin)." if row.source == "chosen"
                                                  else f" (the blog user with {user.email}).")
    fallback = "the site owner" if destination.kind == "ghost" else "the destination's own account"
    if row is not None and row.source == "unsearchable":
        return (f"Appears as {fallback}: its user may not look others up by email. An admin "
                "can choose the author under Destinations → Authors.")
    if row is not None:  # looked up before, nobody found
        return (f"Appears as {fallback}: the blog has no user with {user.email}."
                + (" An admin can choose one under Destinations → Authors."
                   if destination.kind == "wordpress" else ""))
    return (f"Appears as the blog user with {user.email} if there is one (Byline looks when it "
            f"publishes, or at Test connection), else as {fallback}.")


def describe_kind(kind: str) -> str:
    """How a kind of destination decides the name on a post (when there is nothing to choose)."""
    return {
        "ghost": "Ghost posts carry the staff user with the author's email, else the site owner.",
        "devto": "dev.to posts appear under the API key's owner: it cannot post under another name.",
        "static": "Static-site files carry the Byline author's name in their front matter.",
    }.get(kind, "WordPress authors are chosen under Destinations → Authors.")


def resolve(session: Session, destination: Destination, user: User, adapter, *,
            refresh: bool = False) -> Byline:
    """Who the post will carry. Asks the blog by email when nothing is stored (or, with
    `refresh`, unless an admin chose); the answer, even "nobody", is stored."""
    if destination.kind not in ("wordpress", "ghost"):
        return Byline("", describe(session, destination, user))
    row = stored(session, destination, user)
    if row is not None and row.source != "unsearchable" and (row.source == "chosen" or not refresh):
        if not row.remote_id:
            return Byline("", _nobody(destination, user))
        return Byline(row.remote_id, f"{user.name}'s posts appear as {row.remote_name}"
                      + (" (chosen by an admin)." if row.source == "chosen"
                         else f" (the blog user with {user.email})."))
    finder = getattr(adapter, "find_author", None)
    if finder is None or (row is not None and row.source == "unsearchable" and not refresh):
        return Byline("", describe(session, destination, user))
    try:
        found = finder(user.email)
    except NotAllowed as error:  # the account may not search users: ask an admin to choose
        remember(session, destination, user, RemoteAuthor("", ""), source="unsearchable")
        return Byline("", f"{user.name}'s posts appear under the destination's own account: "
                      + error.message)
    except ExportError as error:
        return Byline("", f"{user.name}'s posts appear under the destination's own account: "
                      + error.message)
    remember(session, destination, user, found or RemoteAuthor("", ""), source="email")
    if found is None:
        return Byline("", _nobody(destination, user))
    return Byline(found.remote_id, f"{user.name}'s posts appear as {found.name} (the blog user "
                  f"with {user.email}).")


def _nobody(destination: Destination, user: User) -> str:
    if destination.kind == "ghost":
        return (f"No Ghost staff user has {user.email}, so {user.name}'s posts appear as the "
                "site owner. Invite them as staff in Ghost with that email, then use Test "
                "connection.")
    return (f"No WordPress user has {user.email}, so {user.name}'s posts appear under the "
            "destination's own account. Add them in WordPress, or choose their author under "
            "Destinations → Authors.")


def remember(session: Session, destination: Destination, user: User, author: RemoteAuthor, *,
             source: str) -> ExportAuthor:  # source: email | chosen | unsearchable
    """Store the mapping: one atomic insert-or-update, so two publishers at once (two
    overlapping publish-due runs) cannot collide on the unique (destination, user)."""
    values = {"remote_id": author.remote_id[:100], "remote_name": author.name[:200],
              "source": source, "updated_at": utcnow()}
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ExportAuthor).values(destination_id=destination.id, user_id=user.id,
                                            **values)
    session.execute(statement.on_conflict_do_update(
        index_elements=["destination_id", "user_id"], set_=values))
    return session.scalars(select(ExportAuthor).where(
        ExportAuthor.destination_id == destination.id, ExportAuthor.user_id == user.id)
        .execution_options(populate_existing=True)).one()


def forget(session: Session, destination: Destination, user: User) -> None:
    row = stored(session, destination, user)
    if row is not None:
        session.delete(row)
        session.flush()


def byline_authors(session: Session) -> list[User]:
    """The people whose names go on posts: every user with the author role."""
    return list(session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.AUTHOR).order_by(User.name)).unique())


def check_sentences(session: Session, destination: Destination, adapter) -> list[str]:
    """For Test connection: under whose name each author's posts will appear."""
    if destination.kind not in ("wordpress", "ghost"):
        return []
    lines = [resolve(session, destination, user, adapter, refresh=True).sentence
             for user in byline_authors(session)]
    if destination.kind == "wordpress":
        account = adapter.account()
        capabilities = account.get("capabilities") if isinstance(account, dict) else None
        others = [row for row in session.scalars(select(ExportAuthor).where(
            ExportAuthor.destination_id == destination.id))
            if row.remote_id and row.remote_id != str(account.get("id"))]
        if others and isinstance(capabilities, dict) and capabilities.get("edit_others_posts") is not True:
            lines.append("But this account cannot publish under another user's name (its role "
                         "lacks edit_others_posts): give it the Editor role, or the posts fail "
                         "with a message instead of appearing under the wrong name.")
    return lines
