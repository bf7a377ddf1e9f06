"""Messages a person can act on, never a 500 (issue 9, item 11)."""

from cryptography.fernet import Fernet
from sqlalchemy import select

from drafts.models import Destination, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from tests.factories import login, make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD


def _destination_under_an_old_key(client, dbs, wordpress_server):
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Company blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    destination = dbs.scalar(select(Destination))
    # The credential was stored under a key the app no longer has.
    destination.secret_encrypted = SecretBox(Fernet.generate_key()).encrypt(EDITOR_PASSWORD)
    dbs.commit()
    return admin, destination


def test_test_connection_after_the_key_changed_asks_to_enter_the_credentials_again(
        client, dbs, wordpress_server):
    _, destination = _destination_under_an_old_key(client, dbs, wordpress_server)
    response = client.post(f"/admin/destinations/{destination.id}/check", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "can no longer be read" in page and "enter them again" in page
    assert wordpress_server.requests == []


def test_publishing_after_the_key_changed_says_the_same_and_loses_nothing(
        client, dbs, wordpress_server):
    admin, destination = _destination_under_an_old_key(client, dbs, wordpress_server)
    author = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author, title="Key change")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, admin, Action.APPROVE, override_reason="test")
    dbs.commit()
    response = client.post(f"/drafts/{draft.id}/publish",
                           data={"destination_id": destination.id, "mode": "publish"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "can no longer be read" in response.get_data(as_text=True)
    assert wordpress_server.posts == {}
