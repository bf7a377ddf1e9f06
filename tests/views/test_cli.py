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
    assert result.exit_code == 0 and "up to date" in result.output
    assert (tmp_path / "cli.sqlite3").exists()
