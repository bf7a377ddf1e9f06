from datetime import timedelta

import pytest

from drafts import accounts
from drafts.errors import AccountLocked, LoginFailed, ValidationError
from drafts.models import LoginThrottle, Role, utcnow
from tests.factories import PASSWORD, make_user


def test_passwords_are_hashed_and_emails_normalised(dbs):
    user = make_user(dbs, Role.AUTHOR, email="  Ceo@Example.COM ")
    assert user.email == "ceo@example.com"
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
    assert accounts.authenticate(dbs, "CEO@example.com", PASSWORD).id == user.id


@pytest.mark.parametrize("password", ["short", "aaaaaaaaaaaa", "          "])
def test_weak_passwords_refused(dbs, password):
    with pytest.raises(ValidationError) as error:
        accounts.create_user(dbs, email="a@b.co", name="A", password=password, roles={Role.AUTHOR})
    assert error.value.field == "password"


def test_duplicate_email_refused(dbs):
    make_user(dbs, email="dup@example.com")
    with pytest.raises(ValidationError, match="already an account"):
        make_user(dbs, email="DUP@example.com")


def test_user_may_hold_several_roles(dbs):
    user = make_user(dbs, Role.AUTHOR, Role.REVIEWER)
    assert user.role_names == {"author", "reviewer"}
    assert user.has_role(Role.REVIEWER) and not user.has_role(Role.ADMIN)


def test_first_admin_only_once(dbs):
    admin = accounts.create_first_admin(dbs, email="boss@example.com", name="Boss", password=PASSWORD)
    assert admin.role_names == {"admin", "author", "reviewer"}
    with pytest.raises(ValidationError, match="already set up"):
        accounts.create_first_admin(dbs, email="two@example.com", name="Two", password=PASSWORD)


def test_lockout_after_repeated_failures_then_unlocks(dbs):
    user = make_user(dbs)
    now = utcnow()
    for attempt in range(4):
        with pytest.raises(LoginFailed, match=f"{4 - attempt} attempt"):
            accounts.authenticate(dbs, user.email, "wrong password!", now=now)
    with pytest.raises(AccountLocked, match="locked for 15"):
        accounts.authenticate(dbs, user.email, "wrong password!", now=now)
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        accounts.authenticate(dbs, user.email, PASSWORD, now=now + timedelta(minutes=5))
    assert accounts.authenticate(dbs, user.email, PASSWORD, now=now + timedelta(minutes=16)).id == user.id
    assert dbs.get(LoginThrottle, user.email) is None


def test_unknown_accounts_are_throttled_the_same_way(dbs):
    now = utcnow()
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.authenticate(dbs, "ghost@example.com", "whatever-123", now=now)
    with pytest.raises(AccountLocked):
        accounts.authenticate(dbs, "ghost@example.com", "whatever-123", now=now)


def test_deactivated_user_cannot_sign_in(dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs)
    accounts.set_active(dbs, user, False, acting=admin)
    with pytest.raises(LoginFailed, match="deactivated"):
        accounts.authenticate(dbs, user.email, PASSWORD)


def test_last_admin_cannot_be_removed(dbs):
    admin = make_user(dbs, Role.ADMIN)
    with pytest.raises(ValidationError, match="your own admin role"):
        accounts.set_roles(dbs, admin, {Role.AUTHOR}, acting=admin)
    with pytest.raises(ValidationError, match="your own account"):
        accounts.set_active(dbs, admin, False, acting=admin)
    other = make_user(dbs, Role.ADMIN)
    accounts.set_roles(dbs, other, {Role.REVIEWER}, acting=admin)
    assert other.role_names == {"reviewer"}


def test_set_roles_replaces_roles(dbs):
    admin = make_user(dbs, Role.ADMIN)
    user = make_user(dbs, Role.AUTHOR)
    accounts.set_roles(dbs, user, {Role.REVIEWER, Role.ADMIN}, acting=admin)
    dbs.commit()
    dbs.expire_all()
    assert dbs.get(type(user), user.id).role_names == {"reviewer", "admin"}
