"""The one interface every export adapter implements, its data and its typed errors.

An adapter talks to one kind of destination (WordPress, Ghost, dev.to, static
files). It is given a `Post` (already rendered and sanitized by Byline) and
the destination's settings and secret, and returns a `RemotePost`. It never
decides whether a draft may be published: the publishing service does.
Network adapters have explicit timeouts and raise `ExportError` subclasses
whose `message` says what happened and what to do; they never return error
strings and never put a credential in a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Post:
    title: str
    slug: str
    html: str  # sanitized HTML from drafts.rendering (the same renderer as the preview)
    markdown: str
    excerpt: str
    tags: tuple[str, ...]
    status: str  # "publish" | "draft" | "schedule"
    # An aware datetime sent as the post's date: needed for "schedule"; the publishing service
    # leaves it None, so the blog dates a new post itself and an update keeps the date.
    publish_at: datetime | None = None
    timezone: str = "UTC"  # the user's IANA time zone, for sites that want local time
    author_name: str = ""
    canonical_url: str = ""
    remote_author_id: str = ""  # the blog's user to publish under ("": the account's own)


@dataclass(frozen=True)
class RemoteAuthor:
    """A user of the blog whose name a post can carry."""

    remote_id: str
    name: str
    email: str = ""


@dataclass(frozen=True)
class RemotePost:
    remote_id: str
    url: str
    status: str  # the blog's own word: publish, future, draft, trash, published, scheduled...
    updated_at: str = ""  # what the remote says (Ghost needs it for the next update)
    extra: dict = field(default_factory=dict)
    published_at: str = ""  # the post's date as the blog reports it ("" when it has none)


@dataclass(frozen=True)
class FileExport:
    filename: str
    content: bytes
    mimetype: str


SLUG_VARIANTS = 10


def slug_variants(slug: str) -> list[str]:
    """The slug and the forms WordPress and Ghost give a post when it is taken: slug-2, -3..."""
    return [slug] + [f"{slug}-{n}" for n in range(2, SLUG_VARIANTS + 1)]


class Adapter(Protocol):
    kind: str  # "wordpress" | "ghost" | "devto" | "static"
    label: str

    def check(self) -> str:
        """Test the connection and credentials; return a sentence on success, raise on failure."""
        ...

    def find_by_slug(self, slug: str) -> RemotePost | None:
        """The remote post with this slug, if any (used when a create may have happened)."""
        ...

    # Optional: find_candidates(slug) -> list[RemotePost], oldest first: the posts holding
    # the slug or one of its slug_variants (a create whose answer was lost may have been
    # given "slug-2" because another post had the slug). Without it, find_by_slug is used.

    def create(self, post: Post) -> RemotePost: ...

    def update(self, remote: RemotePost, post: Post) -> RemotePost:
        """Update the post we created before. Raise RemoteGone (404) or RemoteConflict (409)."""
        ...

    def fetch(self, remote_id: str) -> RemotePost | None:
        """The post as the blog has it now (None when it was deleted); see remote_state.py."""
        ...

    def unpublish(self, current: RemotePost) -> RemotePost:
        """Take a live post offline (back to a draft on the blog), changing nothing else."""
        ...


class ExportError(Exception):
    retryable = False
    default_message = "The export failed. The draft is unchanged; try again."

    def __init__(self, message: str | None = None, *, status: int | None = None) -> None:
        self.message = message or self.default_message
        self.status = status
        super().__init__(self.message)

    @property
    def maybe_saved(self) -> bool:
        """Whether the blog may have saved the post although the call failed (a 5xx, a
        dropped connection, a timeout, a 2xx answer Byline could not read): then the post
        is looked up by its slug before anything is created again."""
        if self.retryable:
            return True
        return isinstance(self, BadResponse) and (self.status is None or 200 <= self.status < 300)


class AuthFailed(ExportError):
    default_message = ("The blog refused the credentials (401). Ask an admin to check the "
                       "destination's user and password or key, then use Test connection.")


class NotAllowed(ExportError):
    default_message = ("The blog account may not publish (403): its role can only create drafts "
                       "or pending posts. Use a publishing account, or push the post as a remote draft.")


class RemoteGone(ExportError):
    default_message = ("The post was deleted on the blog (404). Byline did not re-create it; "
                       "choose whether to publish it as a new post.")


class RemoteConflict(ExportError):
    default_message = ("Someone changed this post on the blog since Byline last published it (409). "
                       "Nothing was overwritten. Review the blog's version, then publish again.")


class TooLarge(ExportError):
    default_message = "The blog refused the post as too large (413). Remove large pasted content and try again."


class Rejected(ExportError):
    default_message = "The blog rejected the post's fields (422)."


class ServerError(ExportError):
    retryable = True
    default_message = "The blog had an internal error (5xx). Nothing was duplicated; try again later."


class Timeout(ExportError):
    retryable = True
    default_message = ("The blog did not answer in time. Byline will look the post up by its slug "
                       "before trying again, so it is never published twice.")


class Unreachable(ExportError):
    default_message = "Byline could not reach the blog. Check its address, then use Test connection."


class BadResponse(ExportError):
    default_message = ("The blog answered with something that is not its API's JSON (maybe an error "
                       "page or a login form). Check the site address.")
