from drafts.models import Role, User
from tests.factories import PASSWORD, login, make_user


def test_admin_creates_user_with_several_roles(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    response = client.post("/admin/users", data={
        "name": "Rita Reviewer", "email": "rita@example.com", "password": PASSWORD,
        "roles": ["author", "reviewer"],
    })
    assert response.status_code == 302
    page = client.get("/admin/users").get_data(as_text=True)
    assert "Added Rita Reviewer" in page and "rita@example.com" in page
    rita = dbs.query(User).filter_by(email="rita@example.com").one()
    assert rita.role_names == {"author", "reviewer"}


def test_admin_form_errors_are_shown(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    response = client.post("/admin/users", data={
        "name": "X", "email": admin.email, "password": PASSWORD, "roles": ["author"],
    })
    assert response.status_code == 422
    assert "There is already an account" in response.get_data(as_text=True)


def test_admin_deactivates_and_reactivates(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs)
    login(client, admin)
    client.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    dbs.expire_all()
    assert dbs.get(User, user.id).active is False
    other = client.application.test_client()
    response = other.post("/login", data={"email": user.email, "password": PASSWORD})
    assert "deactivated" in response.get_data(as_text=True)
    client.post(f"/admin/users/{user.id}/active", data={"active": "1"})
    dbs.expire_all()
    assert dbs.get(User, user.id).active is True


def test_admin_changes_roles(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs)
    login(client, admin)
    response = client.post(f"/admin/users/{user.id}", data={"roles": ["reviewer", "admin"]})
    assert response.status_code == 302
    dbs.expire_all()
    assert dbs.get(User, user.id).role_names == {"reviewer", "admin"}


def test_non_admins_cannot_manage_users(client, dbs):
    make_user(dbs, Role.ADMIN)
    author = make_user(dbs, Role.AUTHOR, Role.REVIEWER)
    login(client, author)
    assert client.get("/admin/users").status_code == 403
    response = client.post("/admin/users", data={"name": "Evil", "email": "e@example.com",
                                                 "password": PASSWORD, "roles": ["admin"]})
    assert response.status_code == 403
    assert dbs.query(User).filter_by(email="e@example.com").count() == 0


def test_anonymous_is_sent_to_login(client, dbs):
    make_user(dbs, Role.ADMIN)
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
