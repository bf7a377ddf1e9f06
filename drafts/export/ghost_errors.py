"""How Ghost's Admin API errors become Byline's typed errors, with a sentence on what to do.

A mixin of GhostAdapter (it uses the adapter's `site`); the adapter keeps the requests.
Ghost answers errors as `{"errors": [{"message", "context", "type", "code"}]}`.
"""

from __future__ import annotations

import httpx2

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Rejected,
    RemoteConflict,
    ServerError,
    TooLarge,
)

MESSAGE_LIMIT = 200
AUTH_CODES = {"INVALID_JWT", "MISSING_ADMIN_API_KID", "INVALID_AUTH_HEADER",
              "UNKNOWN_ADMIN_API_KEY", "INVALID_API_KEY_TYPE"}
KEY_HELP = ("Copy the Admin API key from Ghost Admin → Settings → Integrations (a custom "
            "integration), then use Test connection.")


class GhostErrors:
    site: str

    def _error(self, response: httpx2.Response, error: dict | None) -> ExportError:
        status = response.status_code
        code = str((error or {}).get("code") or "")
        said = _said(error)
        if 300 <= status < 400:
            target = response.headers.get("location", "")
            return BadResponse(f"{self.site} redirects the Admin API ({status}"
                               + (f" to {_clip(target)}" if target else "") + "). Use the "
                               "site's final address (usually its https:// address) as the "
                               "admin URL, then use Test connection.", status=status)
        if status == 401 or (status == 400 and code in AUTH_CODES):
            clock = ""
            if "expired" in said or "maxAge" in said:
                clock = (" Check this server's clock: Ghost accepts a token for five minutes "
                         "only.")
            return AuthFailed(f"Ghost refused the Admin API key ({status}"
                              + (f": {said}" if said else "") + ")." + clock + " " + KEY_HELP,
                              status=status)
        if status == 403:
            return NotAllowed("Ghost refused this action for the integration (403"
                              + (f": {said}" if said else "") + "). Use the Admin API key of "
                              "a custom integration, and check the site's plan allows "
                              "integrations.", status=status)
        if status == 404:
            return BadResponse(f"No Ghost Admin API answered at {self.site} (404). Check the "
                               "admin URL: it is the site's address, such as "
                               "https://blog.example.com.", status=status)
        if status == 409:
            return RemoteConflict("Someone edited this post in Ghost since Byline last "
                                  "published it (409" + (f": {said}" if said else "") + "). "
                                  "Nothing was overwritten. Review the blog's version, then "
                                  "publish again.", status=status)
        if status == 413:
            return TooLarge("Ghost refused the post as too large (413). Remove large pasted "
                            "content or images embedded in the text, then try again.",
                            status=status)
        if status in (400, 422):
            return Rejected(f"Ghost rejected the post ({status}): "
                            + (said or "no reason given")
                            + ". Fix what it names, then publish again.", status=status)
        if status == 429:
            return ServerError("Ghost is limiting requests (429). Byline will try again later.",
                               status=status)
        if status >= 500:
            return ServerError(f"Ghost had an internal error ({status}"
                               + (f": {said}" if said else "") + "). Byline will look the post "
                               "up by its slug before trying again; if it keeps happening, "
                               "check the site's logs.", status=status)
        return ExportError(f"Ghost answered with an unexpected status ({status})"
                           + (f": {said}" if said else "") + ". Try again later.",
                           status=status)

    def _not_ghost(self, status: int) -> BadResponse:
        return BadResponse(f"{self.site} answered with something that is not Ghost Admin API "
                           "JSON (maybe a login page or a proxy's error page). Check the admin "
                           "URL: it is the site's address, such as https://blog.example.com.",
                           status=status)


def _ghost_error(response: httpx2.Response) -> dict | None:
    """The first of Ghost's `{"errors": [{"message", "context", "type", "code"}]}`, if any."""
    try:
        body = response.json()
    except ValueError:
        return None
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return errors[0]
    return None


def _said(error: dict | None) -> str:
    """Ghost's own message (and its context), cut for a message."""
    if not error:
        return ""
    message = str(error.get("message") or "").strip().rstrip(".")
    context = str(error.get("context") or "").strip().rstrip(".")
    if context and context not in message:
        message = f"{message}: {context}" if message else context
    return _clip(message)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1].rstrip() + "…"
