"""The signed-in person's own page: their account, password, and sessions."""

from flask import flash, redirect, render_template, url_for
from flask_login import login_required, logout_user

from drafts import accounts
from webapp import sessions
from webapp.access import me
from webapp.auth import bp
from webapp.auth.forms import ChangePasswordForm, ProfileForm
from webapp.extensions import db
from webapp.forms import PostForm, submit
from webapp.notifications.views import email_form_context


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Shows the account; a POST changes the password (other sessions end, this one stays)."""
    user = me()
    form = ChangePasswordForm()

    def change() -> str:
        accounts.change_password(db.session, user, form.current.data, form.password.data)
        return "Password changed. Every other browser signed in to your account was signed out."

    done, status = submit(form, change, url_for("auth.profile"))
    if done:
        sessions.start(user)  # this browser carries on with the new generation
        return done
    return _page(user, form=form), status


@bp.post("/profile/details")
@login_required
def details():
    """Name and time zone."""
    user = me()
    form = ProfileForm()

    def save() -> str:
        accounts.update_profile(db.session, user, name=form.name.data, timezone=form.timezone.data)
        return "Profile saved."

    done, status = submit(form, save, url_for("auth.profile"))
    return done or (_page(user, details=form), status)


def _page(user, *, form=None, details=None):
    details = details or ProfileForm(name=user.name, timezone=user.timezone)
    details.timezone.choices = [("", "Use my browser's time zone")] + [
        (zone, zone) for zone in sorted(accounts.time_zones())
    ]
    return render_template(
        "auth/profile.html", user=user, form=form or ChangePasswordForm(), details=details,
        everywhere=PostForm(), back=url_for("auth.profile") + "#email",
        **email_form_context(user),
    )


@bp.post("/profile/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    accounts.end_sessions(db.session, me())
    db.session.commit()
    logout_user()
    sessions.clear()
    flash("You are signed out on every browser and device, this one included.", "info")
    return redirect(url_for("auth.login"))
