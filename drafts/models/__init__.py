"""Typed SQLAlchemy 2.0 models: the data Byline keeps.

Design notes live in docs/decisions.md. In short: a Draft holds the current
text and a `version` counter used for optimistic locking; every save that
changes content also writes a Revision (immutable once sealed), so history and
"nothing is ever lost" do not depend on the draft row.
"""

from drafts.models.base import (  # noqa: F401
    Audience,
    Base,
    DraftStatus,
    RevisionSource,
    Role,
    UTCDateTime,
    utcnow,
)
from drafts.models.coach import FindingDismissal, GlossaryEntry, RevisionScore  # noqa: F401
from drafts.models.export import (  # noqa: F401
    Destination,
    ExportAttempt,
    ExportAuthor,
    ExportRecord,
)
from drafts.models.media import DraftImage, RemoteImage  # noqa: F401
from drafts.models.planning import (  # noqa: F401
    Brief,
    BriefPoint,
    Cadence,
    CalendarFeed,
    Idea,
    IdeaVote,
    PlanSettings,
)
from drafts.models.review import (  # noqa: F401
    ChecklistRule,
    Comment,
    Notification,
    NotificationPreference,
    Transition,
)
from drafts.models.stats import DraftCycle, PostStats, StatsLock, StatsSync  # noqa: F401
from drafts.models.suggestions import (  # noqa: F401
    LLMSettings,
    SuggestionCacheEntry,
    SuggestionRequest,
    TokenBudget,
)
from drafts.models.users import LoginThrottle, User, UserRole  # noqa: F401
from drafts.models.writing import Draft, DraftTag, Presence, Revision  # noqa: F401
