import re

from drafts.models import Role, User
from tests.factories import PASSWORD, login, make_user


def test_fresh_install_redirects_to_setup_and_creates_first_admin(client, dbs):
    response = client.get("/drafts")
    assert response.status_code == 302 and response.headers["Location"].endswith("/setup")
    page = client.get("/setup").get_data(as_text=True)
    assert "Create the first admin account" in page and "no default passwords" in page
    response = client.post("/setup", data={
        "name": "Casey CIO", "email": "casey@example.com", "password": PASSWORD, "confirm": PASSWORD,
    })
    assert response.status_code == 302
    admin = dbs.query(User).one()
    assert admin.role_names == {"admin", "author", "reviewer"}
    # Signed in straight away, and the setup page is gone for good.
    assert client.get("/drafts").status_code == 200
    assert client.get("/setup").status_code == 404


def test_setup_rejects_mismatched_and_weak_passwords(client, dbs):
    response = client.post("/setup", data={"name": "A", "email": "a@example.com", "password": "short", "confirm": "short"})
    assert response.status_code == 422
    assert "at least 10" in response.get_data(as_text=True)
    response = client.post("/setup", data={"name": "A", "email": "a@example.com", "password": PASSWORD, "confirm": "other thing!"})
    assert "The passwords differ." in response.get_data(as_text=True)
    assert dbs.query(User).count() == 0


def test_login_logout_and_session_cookie_flags(client, dbs):
    user = make_user(dbs)
    response = login(client, user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/drafts").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/drafts").status_code == 302


def test_cookie_is_secure_over_https(client, dbs):
    user = make_user(dbs)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD}, base_url="https://byline.test"
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_wrong_password_says_how_many_tries_left_then_locks(client, dbs):
    user = make_user(dbs)
    for left in (4, 3, 2, 1):
        response = client.post("/login", data={"email": user.email, "password": "nope nope nope"})
        assert response.status_code == 401
        assert f"{left} attempt" in response.get_data(as_text=True)
    response = client.post("/login", data={"email": user.email, "password": "nope nope nope"})
    assert response.status_code == 429
    assert "Sign-in to this account is paused for 1 more minute" in response.get_data(as_text=True)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429 and "Too many failed sign-in attempts" in response.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, dbs):
    user = make_user(dbs)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert "Reload the page" in response.get_data(as_text=True)


def test_login_next_only_redirects_within_site(client, dbs):
    user = make_user(dbs)
    response = client.post("/login?next=https://evil.example/x", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_deactivated_user_is_signed_out(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs)
    login(client, user)
    from drafts import accounts

    accounts.set_active(dbs, dbs.get(User, user.id), False, acting=dbs.get(User, admin.id))
    dbs.commit()
    assert client.get("/drafts").status_code == 302


def test_forms_carry_csrf_token(client, dbs):
    make_user(dbs)
    page = client.get("/login").get_data(as_text=True)
    assert re.search(r'name="csrf_token" type="hidden" value="[^"]+"', page)
