"""Helpers shared by every blueprint's forms."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, request
from flask_wtf import FlaskForm

from drafts.errors import ValidationError


def add_error(form: FlaskForm, error: ValidationError) -> None:
    """Show a domain validation error next to its field (or above the form)."""
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = list(field.errors) + [error.message]
    else:
        form.form_errors.append(error.message)


class PostForm(FlaskForm):
    """A form with nothing but the CSRF token, for buttons that POST."""


def submit(form: FlaskForm, action: Callable[[], str], success_url: str):
    """The one way a form page saves: validate, run the domain action, commit.

    Returns (redirect, None) on success, with the action's message flashed; or
    (None, status) to re-render the form: 200 for a GET, 422 with the errors
    shown next to their fields otherwise. The request commits once.
    """
    from webapp.extensions import db

    if not form.validate_on_submit():
        return None, 422 if request.method == "POST" else 200
    try:
        message = action()
    except ValidationError as error:
        db.session.rollback()
        add_error(form, error)
        return None, 422
    db.session.commit()
    flash(message, "success")
    return redirect(success_url), None
