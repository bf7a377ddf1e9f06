from drafts.models import User


def test_create_user_from_shell(runner, dbs):
    result = runner.invoke(args=["create-user", "--email", "cto@example.com", "--name", "Chris CTO",
                                 "--role", "author", "--role", "reviewer"],
                           input="a long passphrase\na long passphrase\n")
    assert result.exit_code == 0, result.output
    assert "Created cto@example.com with roles: author, reviewer." in result.output
    user = dbs.query(User).filter_by(email="cto@example.com").one()
    assert user.role_names == {"author", "reviewer"}
    assert "a long passphrase" not in user.password_hash


def test_create_user_refuses_weak_password(runner, dbs):
    result = runner.invoke(args=["create-user", "--email", "x@example.com", "--name", "X"],
                           input="short\nshort\n")
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert dbs.query(User).count() == 0


def test_upgrade_db_command(runner, tmp_path, app):
    app.config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    result = runner.invoke(args=["upgrade-db"])
    path = (tmp_path / "cli.sqlite3").resolve()
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Created a new database at {path}."
    assert path.exists()
    again = runner.invoke(args=["upgrade-db"])
    assert again.output.strip() == f"The database at {path} is up to date."


def test_workflow_from_the_shell_follows_the_same_rules(runner, dbs):
    from drafts.models import Draft, DraftStatus, Role
    from tests.factories import make_draft, make_user

    author = make_user(dbs, Role.AUTHOR, email="ana@example.com")
    make_user(dbs, Role.REVIEWER, email="rita@example.com", name="Rita Reviewer")
    draft = make_draft(dbs, author, title="Cloud", body="Our cloud bill fell by a third. " * 40)
    result = runner.invoke(args=["workflow", str(draft.id), "approve", "--as", "ana@example.com"])
    assert result.exit_code != 0 and "cannot be approved" in result.output
    result = runner.invoke(args=["workflow", str(draft.id), "submit", "--as", "ana@example.com"])
    assert result.exit_code == 0 and "Notified: Rita Reviewer" in result.output
    result = runner.invoke(args=["workflow", str(draft.id), "approve", "--as", "ana@example.com"])
    assert result.exit_code != 0 and "Nobody approves their own post" in result.output
    result = runner.invoke(args=["workflow", str(draft.id), "request_changes", "--as", "rita@example.com"])
    assert result.exit_code != 0 and "a note is required" in result.output
    result = runner.invoke(args=["workflow", str(draft.id), "approve", "--as", "rita@example.com"])
    assert result.exit_code == 0
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
