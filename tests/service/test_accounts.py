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


def test_growing_delay_after_repeated_failures_then_unlocks(dbs):
    user = make_user(dbs)
    now = utcnow()
    for attempt in range(4):
        with pytest.raises(LoginFailed, match=f"{4 - attempt} attempt"):
            accounts.authenticate(dbs, user.email, "wrong password!", now=now)
    with pytest.raises(AccountLocked, match="paused for 1 more minute"):
        accounts.authenticate(dbs, user.email, "wrong password!", now=now)
    # Even the right password is refused while paused, and that try is not counted.
    with pytest.raises(AccountLocked):
        accounts.authenticate(dbs, user.email, PASSWORD, now=now + timedelta(seconds=30))
    assert dbs.get(LoginThrottle, "account:" + user.email).failures == 5
    # Each wrong guess after a pause doubles the next pause, up to 15 minutes.
    at = now
    for minutes in (2, 4, 8, 15, 15):
        at += timedelta(minutes=16)
        with pytest.raises(AccountLocked, match=f"paused for {minutes} more minutes"):
            accounts.authenticate(dbs, user.email, "wrong password!", now=at)
    # Never locked out for longer than the last pause: the right password then works.
    at += timedelta(minutes=15, seconds=1)
    assert accounts.authenticate(dbs, user.email, PASSWORD, now=at).id == user.id
    assert dbs.get(LoginThrottle, "account:" + user.email) is None


def test_a_quiet_hour_ends_a_run_of_failures(dbs):
    user = make_user(dbs)
    now = utcnow()
    for _ in range(3):
        with pytest.raises(LoginFailed):
            accounts.authenticate(dbs, user.email, "wrong password!", now=now)
    with pytest.raises(LoginFailed, match="4 attempts left"):
        accounts.authenticate(dbs, user.email, "wrong password!", now=now + timedelta(minutes=61))


def test_password_spraying_from_one_address_is_paused(dbs):
    now = utcnow()
    victims = [make_user(dbs) for _ in range(3)]
    for n in range(20):
        victim = victims[n % 3]
        with pytest.raises((LoginFailed, AccountLocked)):
            accounts.authenticate(dbs, f"spray{n}@example.com" if n % 2 else victim.email,
                                  "Winter2026!", address="203.0.113.9", now=now)
    # The address is paused for every account, even one it has not tried yet...
    fresh = make_user(dbs)
    with pytest.raises(AccountLocked, match="your network address"):
        accounts.authenticate(dbs, fresh.email, PASSWORD, address="203.0.113.9", now=now)
    # ...while the same person from another address signs in.
    assert accounts.authenticate(dbs, fresh.email, PASSWORD, address="198.51.100.7", now=now).id == fresh.id


def test_successful_sign_ins_do_not_use_up_the_address_budget(dbs):
    user = make_user(dbs)
    now = utcnow()
    for _ in range(40):
        accounts.authenticate(dbs, user.email, PASSWORD, address="192.0.2.1", now=now)
    assert dbs.get(LoginThrottle, "address:192.0.2.1").failures == 0


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
