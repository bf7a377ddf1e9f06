from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user

from drafts import accounts
from drafts.errors import AccountLocked, LoginFailed, ValidationError
from webapp import sessions
from webapp.access import me, safe_next
from webapp.auth import bp
from webapp.auth.forms import LoginForm, SetupForm
from webapp.extensions import db
from webapp.forms import add_error


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """One-time page that creates the first admin. Gone once anyone exists."""
    if accounts.has_users(db.session):
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_first_admin(
                db.session, email=form.email.data, name=form.name.data, password=form.password.data
            )
        except ValidationError as error:
            db.session.rollback()
            add_error(form, error)
        else:
            db.session.commit()
            sessions.start(user)
            flash("Byline is ready. You are the first admin; add your team under Users.", "success")
            return redirect(url_for("editor.home"))
    return render_template("auth/setup.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("editor.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                db.session, form.email.data, form.password.data, address=request.remote_addr
            )
        except AccountLocked as error:
            db.session.commit()
            form.password.errors.append(error.message)
            status = 429
        except LoginFailed as error:
            db.session.commit()
            form.password.errors.append(error.message)
            status = 401
        else:
            db.session.commit()
            sessions.start(user)
            return redirect(safe_next(request.args.get("next"), url_for("editor.home")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Signing out ends every session of the account, so a copied cookie is useless."""
    accounts.end_sessions(db.session, me())
    db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))

