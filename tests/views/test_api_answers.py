"""API clients get API answers; destinations take only known values."""

from sqlalchemy import select

from drafts.models import Destination, Role
from tests.factories import login, make_draft, make_user


def test_anonymous_json_calls_get_401_json_and_pages_the_sign_in_page(client, dbs):
    user = make_user(dbs)
    draft = make_draft(dbs, user)
    for url in ("/api/analyze", f"/drafts/{draft.id}/autosave", "/drafts/preview", "/suggestions"):
        response = client.post(url, json={"body": "x"})
        assert response.status_code == 401, url
        assert response.is_json and "Sign in again" in response.json["error"], url
    # A script reading JSON with GET says so in Accept.
    response = client.get(f"/drafts/{draft.id}/comments", headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.json["status"] == 401
    # A person in a browser is sent to the sign-in page, and back afterwards.
    response = client.get(f"/drafts/{draft.id}?tab=x")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/login?next=%2Fdrafts%2F{draft.id}%3Ftab%3Dx")
    login_page = client.post(response.headers["Location"], data={"email": user.email, "password": "x" * 12})
    assert login_page.status_code == 401


def test_ended_session_on_a_json_call_is_401_not_a_redirect(app, client, dbs):
    user = make_user(dbs)
    draft = make_draft(dbs, user)
    login(client, user)
    other = app.test_client()
    login(other, user)
    assert other.post("/logout").status_code == 302  # ends every session of the account
    response = client.post(f"/drafts/{draft.id}/autosave", json={"body": "kept?"})
    assert response.status_code == 401 and response.is_json


def test_static_site_generator_comes_from_the_known_list(client, dbs):
    login(client, make_user(dbs, Role.ADMIN))
    for bad in ("../../etc/passwd", "/usr/bin/hugo", "gatsby", "hugo; rm -rf /"):
        response = client.post("/admin/destinations", data={
            "kind": "static", "name": "Site", "static-generator": bad})
        assert response.status_code == 422, bad
        assert "Choose the generator: Hugo, Jekyll or Astro." in response.get_data(as_text=True)
    assert dbs.scalar(select(Destination)) is None
    response = client.post("/admin/destinations", data={
        "kind": "static", "name": "Site", "static-generator": "Jekyll"})
    assert response.status_code == 302
    assert dbs.scalar(select(Destination)).settings_json == '{"generator": "jekyll"}'
