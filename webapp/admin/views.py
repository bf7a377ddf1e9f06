from flask import flash, redirect, render_template, request, url_for

from drafts import accounts
from drafts.errors import ValidationError
from drafts.models import Role, TokenBudget
from drafts.suggestions import usage
from webapp.access import me, roles_required
from webapp.admin import bp
from webapp.admin.forms import EditUserForm, NewUserForm
from webapp.extensions import db
from webapp.forms import PostForm, submit


@bp.route("/users", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def users():
    form = NewUserForm()

    def add() -> str:
        user = accounts.create_user(
            db.session,
            email=form.email.data,
            name=form.name.data,
            password=form.password.data,
            roles=accounts.parse_roles(form.roles.data or []),
        )
        return f"Added {user.name} ({user.email}). Share the initial password with them privately."

    done, status = submit(form, add, url_for("admin.users"))
    if done:
        return done
    return (
        render_template(
            "admin/users.html",
            form=form,
            users=accounts.list_users(db.session),
            active_form=PostForm(),
        ),
        status,
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int):
    user = accounts.get_user(db.session, user_id)
    override = db.session.get(TokenBudget, user.id)
    form = EditUserForm(roles=sorted(user.role_names),
                        daily_tokens=override.daily_tokens if override else None)

    def save() -> str:
        accounts.set_roles(db.session, user, accounts.parse_roles(form.roles.data or []), acting=me())
        if form.password.data:
            accounts.reset_password(db.session, user, form.password.data, acting=me())
        usage.set_budget(db.session, user, form.daily_tokens.data)
        if form.password.data and user.must_change_password:
            return (f"Saved changes to {user.name}. Share the new password with them privately; "
                    "they choose their own at their next sign-in.")
        return f"Saved changes to {user.name}."

    done, status = submit(form, save, url_for("admin.users"))
    if done:
        return done
    return render_template("admin/edit_user.html", form=form, user=user), status


@bp.post("/users/<int:user_id>/active")
@roles_required(Role.ADMIN)
def set_active(user_id: int):
    user = accounts.get_user(db.session, user_id)
    active = request.form.get("active") == "1"
    try:
        accounts.set_active(db.session, user, active, acting=me())
    except ValidationError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(f"{user.name} is now {'active' if active else 'deactivated'}.", "success")
    return redirect(url_for("admin.users"))

