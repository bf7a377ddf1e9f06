"""Shell commands: `flask --app webapp <command>`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from drafts import accounts
from drafts.errors import ValidationError
from drafts.migrate import upgrade
from webapp.extensions import db


@click.command("upgrade-db")
@with_appcontext
def upgrade_db() -> None:
    """Create or upgrade the database schema (safe to run at every start)."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database is up to date.")


@click.command("create-user")
@with_appcontext
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option(
    "--role", "roles", multiple=True, default=["author"], show_default=True,
    type=click.Choice(["author", "reviewer", "admin"]),
    help="Repeat for several roles.",
)
@click.password_option(
    "--password", envvar="BYLINE_NEW_USER_PASSWORD",
    help="Prompted (hidden) when not given; or set BYLINE_NEW_USER_PASSWORD.",
)
def create_user(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Add a user with one or more roles."""
    try:
        user = accounts.create_user(
            db.session, email=email, name=name, password=password,
            roles=accounts.parse_roles(roles),
        )
    except ValidationError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Created {user.email} with roles: {', '.join(sorted(user.role_names))}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(upgrade_db)
    app.cli.add_command(create_user)
