"""Sessions end when they should: a captured cookie is useless afterwards."""

import time

from drafts.models import Role, User
from tests.factories import PASSWORD, login, make_user

COOKIE = "byline_session"
NEW_PASSWORD = "a brand new passphrase"


def _copy_of_cookie(app, client):
    """A second browser holding a copy of `client`'s session cookie (as a thief would)."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    assert thief.get("/drafts").status_code == 200
    return thief


def test_cookie_captured_before_sign_out_stops_working(app, client, dbs):
    login(client, make_user(dbs))
    thief = _copy_of_cookie(app, client)
    assert client.post("/logout").status_code == 302
    response = thief.get("/drafts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_password_reset_ends_every_session(app, client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs)
    login(client, user)
    thief = _copy_of_cookie(app, client)
    admin_browser = app.test_client()
    login(admin_browser, admin)
    response = admin_browser.post(f"/admin/users/{user.id}", data={"roles": ["author"], "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/drafts").status_code == 302
    assert thief.get("/drafts").status_code == 302
    login(client, user, NEW_PASSWORD)
    # Signed in with the admin's password, they choose their own first (issue 12).
    assert client.get("/drafts").headers["Location"] == "/profile"
    assert client.get("/profile").status_code == 200


def test_deactivation_ends_sessions_and_reactivation_does_not_revive_them(app, client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs)
    login(client, user)
    admin_browser = app.test_client()
    login(admin_browser, admin)
    assert admin_browser.post(f"/admin/users/{user.id}/active", data={"active": "0"}).status_code == 302
    assert client.get("/drafts").status_code == 302
    assert admin_browser.post(f"/admin/users/{user.id}/active", data={"active": "1"}).status_code == 302
    assert client.get("/drafts").status_code == 302  # the old cookie stays dead


def test_changing_your_password_keeps_this_browser_and_ends_the_others(app, client, dbs):
    user = make_user(dbs)
    login(client, user)
    other = _copy_of_cookie(app, client)
    page = client.get("/profile").get_data(as_text=True)
    assert "Sign out everywhere" in page and user.email in page
    wrong = client.post("/profile", data={"current": "not my password", "password": NEW_PASSWORD,
                                          "confirm": NEW_PASSWORD})
    assert wrong.status_code == 422 and "current password is not right" in wrong.get_data(as_text=True)
    response = client.post("/profile", data={"current": PASSWORD, "password": NEW_PASSWORD,
                                             "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/drafts").status_code == 200
    assert other.get("/drafts").status_code == 302
    login(other, user, NEW_PASSWORD)


def test_sign_out_everywhere(app, client, dbs):
    user = make_user(dbs)
    login(client, user)
    other = app.test_client()
    login(other, user)
    response = client.post("/profile/sign-out-everywhere", follow_redirects=True)
    assert "signed out on every browser" in response.get_data(as_text=True)
    assert client.get("/drafts").status_code == 302
    assert other.get("/drafts").status_code == 302
    assert client.post("/profile/sign-out-everywhere", csrf=False).status_code in (302, 400)


def test_profile_needs_sign_in_and_csrf(client, dbs):
    assert client.get("/profile").status_code == 302
    login(client, make_user(dbs))
    assert client.post("/profile/sign-out-everywhere", csrf=False).status_code == 400
    assert client.get("/drafts").status_code == 200


def _age_session(client, seconds):
    with client.session_transaction() as session:
        session["byline_seen"] = session["byline_seen"] - seconds


def test_idle_session_expires(make_app, app_config, dbs):
    app = make_app({**app_config, "BYLINE_IDLE_TIMEOUT_MINUTES": 30})
    client = app.test_client()
    login(client, make_user(dbs))
    _age_session(client, 29 * 60)
    assert client.get("/drafts").status_code == 200  # still within the idle time, and renewed
    with client.session_transaction() as session:
        assert time.time() - session["byline_seen"] < 5
    _age_session(client, 31 * 60)
    response = client.get("/drafts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_background_polls_do_not_keep_an_idle_session_alive(make_app, app_config, dbs):
    from tests.factories import make_draft

    app = make_app({**app_config, "BYLINE_IDLE_TIMEOUT_MINUTES": 30})
    client = app.test_client()
    user = make_user(dbs)
    draft = make_draft(dbs, user)
    login(client, user)
    _age_session(client, 20 * 60)
    assert client.post(f"/drafts/{draft.id}/presence").status_code == 200
    assert client.get(f"/drafts/{draft.id}/comments").status_code == 200
    _age_session(client, 11 * 60)
    assert client.get("/drafts").status_code == 302


def test_sessions_from_before_this_release_must_sign_in_again(client, dbs):
    user = make_user(dbs)
    login(client, user)
    with client.session_transaction() as session:
        del session["byline_gen"]
    assert client.get("/drafts").status_code == 302
    assert dbs.get(User, user.id).active
