"""Forgot password (a link by email), and the forced change after an admin's reset."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from drafts import password_reset
from drafts.errors import ValidationError
from drafts.mail import MailError, format_address
from drafts.models import utcnow
from webapp.auth import bp
from webapp.auth.forms import ForgotForm, ResetForm
from webapp.extensions import db
from webapp.forms import add_error
from webapp.notifications import mailer_from_config

SENT = ("If there is an account for that address, we sent it a link to choose a new password. "
        "It works once, for one hour. Nothing arrived? Check the spam folder, or ask an admin.")
# What a person who must choose a new password may still open.
_WHILE_FORCED = frozenset({"auth.profile", "auth.logout", "auth.sign_out_everywhere", "static",
                           "health", "notifications.unread"})


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot():
    mailer = mailer_from_config(current_app.config)
    form = ForgotForm()
    status = 200
    if mailer is not None and form.validate_on_submit():
        try:
            wanted = password_reset.request_reset(
                db.session, form.email.data, address=request.remote_addr,
                secret=current_app.secret_key, now=utcnow(),
            )
        except password_reset.TooManyRequests as error:
            db.session.commit()
            add_error(form, error)
            status = 429
        else:
            db.session.commit()  # the count stands even if the mail server fails
            flash(SENT, "info")
            response = redirect(url_for("auth.login"))
            if wanted.user is not None:
                base = current_app.config.get("BYLINE_BASE_URL") or request.host_url
                link = base.rstrip("/") + url_for("auth.reset", token=wanted.token)
                # Sent once the answer is out, so a known address answers as fast as an unknown one.
                response.call_on_close(_sender(
                    mailer, format_address(wanted.user.name, wanted.user.email),
                    *password_reset.email_text(wanted.user, link),
                ))
            return response
    elif request.method == "POST":
        status = 400
    return render_template("auth/forgot.html", form=form, email_on=mailer is not None), status


def _sender(mailer, to: str, subject: str, text: str):
    logger = current_app.logger

    def send() -> None:
        try:
            mailer.send(to, subject, text)
        except MailError:
            logger.exception("Sending a password reset link failed.")

    return send


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset(token: str):
    secret = current_app.secret_key
    try:
        user = password_reset.user_for_token(db.session, token, secret)
    except ValidationError as error:
        return render_template("auth/reset.html", form=None, problem=error.message), 400
    form = ResetForm()
    status = 200
    if form.validate_on_submit():
        try:
            password_reset.reset_with_token(db.session, token, secret, form.password.data)
        except ValidationError as error:
            db.session.rollback()
            add_error(form, error)
            status = 422
        else:
            db.session.commit()
            flash("Your password is changed. Sign in with it now.", "success")
            return redirect(url_for("auth.login"))
    elif request.method == "POST":
        status = 422
    return render_template("auth/reset.html", form=form, problem=None, user=user), status


@bp.before_app_request
def _must_change_password():
    """After an admin's reset, the person chooses their own password before anything else."""
    if request.endpoint in _WHILE_FORCED or not current_user.is_authenticated:
        return None
    if not getattr(current_user, "must_change_password", False):
        return None
    from webapp.errors import error_response, wants_json

    message = "An admin reset your password. Choose a new one of your own to continue."
    if wants_json():
        return error_response(403, message)
    flash(message, "info")
    return redirect(url_for("auth.profile"))
