"""Helpers shared by every blueprint's forms."""

from __future__ import annotations

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
