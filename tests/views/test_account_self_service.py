"""Accounts people run themselves (issue 12, item 4): reset by an admin, forgot password, profile."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from drafts.errors import ValidationError
from drafts.models import LoginThrottle, Role, User
from tests.factories import PASSWORD, login, make_user

NEW = "a brand new passphrase"


def _smtp(app, server):
    app.config.update({
        "BYLINE_SMTP_HOST": server.host, "BYLINE_SMTP_PORT": server.port,
        "BYLINE_SMTP_STARTTLS": False, "BYLINE_SMTP_FROM": "Byline <byline@example.com>",
        "BYLINE_SMTP_TIMEOUT": 5, "BYLINE_BASE_URL": "https://byline.example.com",
    })


def _link(message) -> str:
    match = re.search(r"https://byline\.example\.com(/reset-password/\S+)", message.get_content())
    assert match, message.get_content()
    return match.group(1)


# --- Admin reset forces a change at the next sign-in -------------------------------


def test_admin_reset_forces_a_new_password_at_next_sign_in(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author")
    login(client, admin)
    response = client.post(f"/admin/users/{ana.id}", data={"roles": ["author"], "password": "temporary pass 1"},
                           follow_redirects=True)
    assert "they choose their own at their next sign-in" in response.get_data(as_text=True)
    client.post("/logout")
    login(client, ana, "temporary pass 1")
    # Every page sends Ana to her profile until she chooses her own password.
    response = client.get("/drafts")
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    page = client.get("/profile").get_data(as_text=True)
    assert "An admin reset your password. Choose a new one of your own to continue." in page
    assert client.post("/drafts/1/autosave", json={}).status_code == 403
    response = client.post("/profile", data={"current": "temporary pass 1", "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert client.get("/drafts").status_code == 200
    dbs.expire_all()
    assert dbs.get(User, ana.id).must_change_password is False


def test_admin_changing_their_own_password_is_not_forced(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    client.post(f"/admin/users/{admin.id}", data={"roles": ["admin"], "password": NEW})
    dbs.expire_all()
    assert dbs.get(User, admin.id).must_change_password is False


def test_changing_to_the_same_password_is_refused(client, dbs):
    ana = make_user(dbs)
    login(client, ana)
    response = client.post("/profile", data={"current": PASSWORD, "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 422
    assert "different from the current one" in response.get_data(as_text=True)


# --- Forgot password ----------------------------------------------------------------


def test_without_email_the_page_says_ask_an_admin(client, dbs):
    make_user(dbs)
    assert "Forgot your password?" in client.get("/login").get_data(as_text=True)
    html = client.get("/forgot-password").get_data(as_text=True)
    assert "Ask an admin to reset your password" in html and 'name="email"' not in html


def test_forgot_password_link_works_once(app, client, dbs, smtp_server):
    _smtp(app, smtp_server)
    ana = make_user(dbs, name="Ana Author", email="ana@example.com")
    response = client.post("/forgot-password", data={"email": "Ana@Example.com"}, follow_redirects=True)
    assert "If there is an account for that address" in response.get_data(as_text=True)
    [message] = smtp_server.messages
    assert message["Subject"] == "[Byline] Reset your password"
    assert message["To"].addresses[0].addr_spec == "ana@example.com"
    link = _link(message)
    page = client.get(link)
    assert page.status_code == 200 and "For ana@example.com" in page.get_data(as_text=True)
    bad = client.post(link, data={"password": NEW, "confirm": "something else"})
    assert bad.status_code == 422 and "The passwords differ." in bad.get_data(as_text=True)
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    login(client, ana, NEW)
    client.post("/logout")
    # The same link a second time: already used.
    again = client.get(link)
    assert again.status_code == 400 and "already used" in again.get_data(as_text=True)
    assert client.post(link, data={"password": "another new phrase", "confirm": "another new phrase"}).status_code == 400
    login(client, ana, NEW)


def test_unknown_email_gets_the_same_answer_and_no_email(app, client, dbs, smtp_server):
    _smtp(app, smtp_server)
    make_user(dbs, email="ana@example.com")
    known = client.post("/forgot-password", data={"email": "ana@example.com"})
    unknown = client.post("/forgot-password", data={"email": "nobody@example.com"})
    known.close(), unknown.close()  # the email goes out once the answer is sent, as a server closes it
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert client.get("/login").get_data(as_text=True).count("If there is an account") == 2  # same words
    assert len(smtp_server.messages) == 1


def test_expired_and_forged_links_are_refused(app, client, dbs):
    from itsdangerous import URLSafeTimedSerializer

    from drafts import password_reset

    ana = make_user(dbs)
    token = password_reset.make_token(ana, app.secret_key)
    assert client.get(f"/reset-password/{token}x").status_code == 400
    forged = URLSafeTimedSerializer("another secret", salt="byline-password-reset").dumps({"u": ana.id})
    assert "not valid" in client.get(f"/reset-password/{forged}").get_data(as_text=True)
    with app.app_context():
        from webapp.extensions import db

        # A link older than its lifetime (here: any link, with a lifetime below zero).
        with pytest.raises(ValidationError, match="expired"):
            password_reset.user_for_token(db.session, token, app.secret_key,
                                          max_age=timedelta(seconds=-1))
        assert password_reset.user_for_token(db.session, token, app.secret_key).id == ana.id


def test_requests_are_rate_limited_per_email_and_per_address(app, client, dbs, smtp_server):
    _smtp(app, smtp_server)
    make_user(dbs, email="ana@example.com")
    for _ in range(5):
        response = client.post("/forgot-password", data={"email": "ana@example.com"})
        response.close()
        assert response.status_code == 302
    assert len(smtp_server.messages) == 3  # then quietly no more for this address for an hour
    for n in range(5):
        client.post("/forgot-password", data={"email": f"other{n}@example.com"})
    response = client.post("/forgot-password", data={"email": "ana@example.com"})
    assert response.status_code == 429
    assert "Too many reset requests from your network" in response.get_data(as_text=True)
    keys = {row.key for row in dbs.scalars(select(LoginThrottle))}
    assert "reset:ana@example.com" in keys and "reset-address:127.0.0.1" in keys


# --- One profile page: name, time zone, email preferences ------------------------


def test_profile_sets_name_time_zone_and_email_choices(client, dbs):
    ana = make_user(dbs, name="Ana Author")
    login(client, ana)
    html = client.get("/profile").get_data(as_text=True)
    assert 'value="Europe/Berlin"' in html and "Use my browser&#39;s time zone" in html
    assert 'name="email_submitted"' in html and 'name="delivery"' in html
    response = client.post("/profile/details", data={"name": "Ana Ng", "timezone": "Europe/Berlin"})
    assert response.status_code == 302
    html = client.get("/profile").get_data(as_text=True)
    assert 'selected value="Europe/Berlin"' in html and "Ana Ng" in html
    bad = client.post("/profile/details", data={"name": "Ana Ng", "timezone": "Mars/Olympus"})
    assert bad.status_code == 422 and "not a time zone we know" in bad.get_data(as_text=True)
    response = client.post("/notifications/preferences", data={
        "email_assigned": "1", "delivery": "digest", "next": "/profile#email"})
    assert response.headers["Location"] == "/profile#email"
    dbs.expire_all()
    saved = dbs.get(User, ana.id)
    assert (saved.name, saved.timezone, saved.email_digest) == ("Ana Ng", "Europe/Berlin", True)
