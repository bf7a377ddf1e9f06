"""Admin pages: model settings and usage."""

from __future__ import annotations

import os

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional

from drafts.models import Role, utcnow
from drafts.secrets import hint
from drafts.suggestions import config as llm_config
from drafts.suggestions import connection, service, usage
from webapp.access import me, roles_required
from webapp.extensions import db, secret_box
from webapp.suggestions import bp


class ModelSettingsForm(FlaskForm):
    base_url = StringField("Base URL", validators=[Optional(), Length(max=300)])
    model = StringField("Model", validators=[Optional(), Length(max=120)])
    api_key = PasswordField("API key", validators=[Optional(), Length(max=500)])
    clear_api_key = BooleanField("Remove the stored API key")
    timeout_seconds = DecimalField("Timeout (seconds)", validators=[Optional(), NumberRange(1, 600)], places=None)
    max_retries = IntegerField("Retries", validators=[Optional(), NumberRange(0, 5)])
    builtin_only = BooleanField("Use only the built-in engine (never call a model)")
    daily_token_budget = IntegerField("Daily token budget per user", validators=[Optional(), NumberRange(0, 100_000_000)])
    style_guide = TextAreaField("House style guide", validators=[Optional(), Length(max=5_000)])


@bp.route("/admin/llm", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def model_settings():
    row = llm_config.settings_row(db.session)
    form = ModelSettingsForm(obj=row)
    status = 200
    if form.validate_on_submit():
        base_url = (form.base_url.data or "").strip()
        if base_url and not base_url.startswith(("http://", "https://")):
            form.base_url.errors = ["Start the base URL with http:// or https://"]
            status = 422
        else:
            row.base_url = base_url
            row.model = (form.model.data or "").strip()
            if form.clear_api_key.data:
                row.api_key_encrypted = ""
            elif form.api_key.data:
                row.api_key_encrypted = secret_box().encrypt(form.api_key.data.strip())
            row.timeout_seconds = float(form.timeout_seconds.data) if form.timeout_seconds.data else None
            row.max_retries = form.max_retries.data
            row.builtin_only = bool(form.builtin_only.data)
            if form.daily_token_budget.data is not None:
                row.daily_token_budget = form.daily_token_budget.data
            row.style_guide = form.style_guide.data or ""
            row.updated_by_id = me().id
            row.updated_at = utcnow()
            db.session.commit()
            flash("Model settings saved.", "success")
            return redirect(url_for("suggestions.model_settings"))
    elif request.method == "POST":
        status = 422
    config = llm_config.effective_config(db.session, os.environ, secret_box())
    provider = service.make_provider(config)
    return render_template(
        "suggestions/settings.html", form=form, provider=provider, config=config,
        key_hint=hint(config.api_key), key_from_env=not row.api_key_encrypted and bool(config.api_key),
        switched_off=_switched_off(config),
    ), status


@bp.post("/admin/llm/check")
@roles_required(Role.ADMIN)
def check_model():
    """Lists the server's models and sends a one-token request with the saved settings."""
    config = llm_config.effective_config(db.session, os.environ, secret_box())
    if not config.uses_model:
        flash(_switched_off(config) or "No model is configured: fill in the base URL or the API "
              "key, save, then check again.", "error")
        return redirect(url_for("suggestions.model_settings"))
    result = connection.check_connection(service.make_provider(config))
    for step in result.steps:
        flash(step.message, "success" if step.ok else "error")
    return redirect(url_for("suggestions.model_settings"))


def _switched_off(config: llm_config.LLMConfig) -> str:
    if config.builtin_only and (config.api_key or config.base_url):
        return (f"The model “{config.model}” is switched off: “Use only the built-in engine” is "
                "ticked. Untick it and save to check the connection.")
    return ""


@bp.get("/admin/usage")
@roles_required(Role.ADMIN)
def usage_report():
    return render_template(
        "suggestions/usage.html",
        days=usage.usage_by_user_and_day(db.session),
        recent=usage.recent_requests(db.session),
    )
