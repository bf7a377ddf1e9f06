"""Every error is a page of the app (or JSON for API calls), never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from drafts.errors import BodyTooLarge, DomainError, NotFound, PermissionDenied, ValidationError
from webapp.extensions import db

MESSAGES = {
    400: ("Bad request", "The request could not be understood. Reload the page and try again."),
    401: ("Sign in", "You are not signed in, or your session ended. Sign in again, then retry."),
    403: ("Not allowed", "Your account does not have permission to do that. Ask an admin if you need it."),
    404: ("Not found", "That page or draft does not exist, or you do not have access to it."),
    405: ("Not allowed", "That action is not available here."),
    413: (
        "Too large",
        "That is more than Byline accepts in one save. Nothing was changed on the server; "
        "your text is still in the editor. Shorten it, then save again.",
    ),
    429: ("Slow down", "Too many requests. Wait a moment and try again."),
    500: (
        "Something went wrong",
        "Byline hit an unexpected error. Nothing you saved before is lost. "
        "Try again; if it keeps happening, tell your admin the time it happened.",
    ),
}


def wants_json() -> bool:
    if request.is_json or request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _reset_database_session() -> None:
    """A failed statement leaves the request's session needing a rollback; the
    error page reads the database too (the nav's unread count), so start clean."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the database itself may be gone
        current_app.logger.exception("Could not roll back the failed request's session")


def _plain_page(status: int, title: str, message: str) -> str:
    """The error page without the app's layout, for when even that cannot render."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · Byline</title></head><body>"
        f"<main><p>{status}</p><h1>{escape(title)}</h1><p>{escape(message)}</p>"
        '<p><a href="/">Back to Byline</a></p></main></body></html>'
    )


def error_response(status: int, message: str | None = None, title: str | None = None):
    default_title, default_message = MESSAGES.get(status, MESSAGES[500])
    message = message or default_message
    title = title or default_title
    if status >= 500:
        _reset_database_session()
    if wants_json():
        return make_response(jsonify(error=message, status=status), status)
    try:
        page = render_template("errors/error.html", status=status, title=title, message=message)
    except Exception:  # noqa: BLE001 - an error page must never fail
        current_app.logger.exception("The error page could not render; sending the plain one")
        _reset_database_session()
        page = _plain_page(status, title, message)
    return make_response(page, status)


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        return error_response(
            400,
            "Your session expired or the form was out of date, so nothing was saved. "
            "Reload the page and try again; text typed in the editor is kept in this browser.",
            "Please reload",
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code == 413:
            return error_response(413)
        message = None if error.code in MESSAGES else error.description
        response = error_response(error.code, message)
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(NotFound)
    def _not_found(error: NotFound):
        return error_response(404, error.message)

    @app.errorhandler(PermissionDenied)
    def _denied(error: PermissionDenied):
        return error_response(403, error.message)

    @app.errorhandler(BodyTooLarge)
    def _too_large(error: BodyTooLarge):
        return error_response(413, error.message)

    @app.errorhandler(ValidationError)
    def _invalid(error: ValidationError):
        return error_response(422, error.message, "Please check")

    @app.errorhandler(DomainError)
    def _domain(error: DomainError):
        return error_response(400, error.message)

    @app.errorhandler(InternalServerError)
    def _internal(error: InternalServerError):
        return error_response(500)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500)
