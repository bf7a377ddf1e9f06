"""Shell commands: `flask --app webapp <command>`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from drafts import accounts
from drafts.errors import ValidationError
from drafts.migrate import describe, upgrade
from drafts.review.workflow import SYSTEM_ONLY, Action
from webapp.extensions import db


@click.command("upgrade-db")
@with_appcontext
def upgrade_db() -> None:
    """Create or upgrade the database schema (safe to run at every start)."""
    url = current_app.config["DATABASE_URL"]
    outcome = upgrade(url)
    where = describe(url)
    click.echo({
        "created": f"Created a new database at {where}.",
        "upgraded": f"Upgraded the database at {where} to the latest schema.",
        "current": f"The database at {where} is up to date.",
    }[outcome])


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


@click.command("analyze")
@click.argument("path", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--audience", type=click.Choice(["executive", "general", "technical"]),
              default="executive", show_default=True)
@click.option("--title", default="", help="The post's title, for the headline check.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@with_appcontext
def analyze_command(path, audience: str, title: str, as_json: bool) -> None:
    """Print the readability report for a Markdown file (use - for stdin)."""
    import json

    from sqlalchemy.exc import SQLAlchemyError

    from drafts import glossary
    from drafts.readability import analyze, load_seed_glossary

    try:
        terms = glossary.terms(db.session) or load_seed_glossary()
    except SQLAlchemyError:
        db.session.rollback()
        terms = load_seed_glossary()  # database not set up yet: use the shipped glossary
    report = analyze(path.read(), audience, terms, title=title)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    click.echo(format_report(report))


def format_report(report) -> str:
    m, s, score = report.metrics, report.summary, report.score
    light = {"green": "GREEN", "orange": "ORANGE", "red": "RED"}.get(score.light, "-")
    lines = [
        f"Readability {score.score}/100 [{light}] for {score.band.label}: {score.reason}",
        *[f"  -{d.points:g} {d.why}" for d in score.deductions],
        f"{m.words} words, {m.sentences} sentences, {m.paragraphs} paragraphs, "
        f"{m.reading_time_minutes:.0f} min read",
        f"Flesch reading ease {m.flesch_reading_ease:.1f} | Flesch-Kincaid {m.flesch_kincaid_grade:.1f} | "
        f"Fog {m.gunning_fog:.1f} | SMOG {m.smog_index:.1f} | Coleman-Liau {m.coleman_liau_index:.1f} | "
        f"ARI {m.automated_readability_index:.1f} | Dale-Chall {m.dale_chall_readability_score:.1f} | "
        f"consensus grade {m.text_standard:.0f}",
        "",
        f"{s.hard_sentences} of {s.sentences} sentences are hard to read, {s.very_hard_sentences} very hard.",
        f"{s.adverbs} adverbs (aim for {s.adverbs_aim} or fewer); {s.passive} passive "
        f"(aim for {s.passive_aim} or fewer).",
        "",
        "Structure:",
        *[f"  [{c.light.upper():6}] {c.reason}" for c in report.structure],
        "Scorecard:",
        *[f"  [{c.status.upper():4}] {c.why}" for c in report.scorecard],
    ]
    if report.findings:
        lines += ["", "Findings:"]
        for f in report.findings[:200]:
            hint = f" -> {f.suggestion}" if f.suggestion else ""
            lines.append(f"  {f.span[0]}-{f.span[1]} {f.kind}: {f.message}{hint}")
    lines.append(f"\n(analyzer {report.analyzer_version})")
    return "\n".join(lines)


@click.command("workflow")
@click.argument("draft_id", type=int)
@click.argument("action", type=click.Choice([a.value for a in Action if a not in SYSTEM_ONLY]))
@click.option("--as", "email", required=True, help="Email of the person taking the step.")
@click.option("--note", default="", help="Note for the timeline (required to request changes).")
@click.option("--assignee", default="", help="Email of the reviewer, for assign.")
@click.option("--override-reason", default="", help="An admin's reason for a step outside their role.")
@with_appcontext
def workflow_command(draft_id: int, action: str, email: str, note: str, assignee: str,
                     override_reason: str) -> None:
    """Take one review step from a shell, under the same rules as the app."""
    from sqlalchemy import select

    from drafts.errors import DomainError
    from drafts.models import User
    from drafts.review import quality_gate, workflow
    from drafts.writing import editing

    def user_by(address: str) -> User:
        user = db.session.scalar(select(User).where(User.email == accounts.normalise_email(address)))
        if user is None or not user.active:
            raise click.ClickException(f"No active user {address}.")
        return user

    actor = user_by(email)
    try:
        draft = editing.get_draft(db.session, draft_id, actor)
        outcome = workflow.act(
            db.session, draft, actor, Action(action), note=note,
            assignee=user_by(assignee) if assignee else None, override_reason=override_reason,
            gate=quality_gate.gate_for(db.session),
        )
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    names = ", ".join(n.user.name for n in outcome.notified) or "nobody"
    click.echo(f"{Action(action).label}: “{draft.display_title}” is now {draft.status.label.lower()}. "
               f"Notified: {names}.")


@click.command("publish-due")
@with_appcontext
def publish_due_command() -> None:
    """Publish scheduled posts that are due. Safe from cron every minute, even twice at once.

    Exits with status 1 when any publish failed (cron then mails the output); failures
    the blog may recover from are retried on later runs, the others notify people."""
    from drafts.export import scheduling
    from drafts.review.notification_mail import deliver_pending
    from webapp.extensions import image_store, secret_box
    from webapp.notifications import mailer_from_config

    run = scheduling.publish_due(db.session, secret_box(), images=image_store())
    for line in run.lines:
        click.echo(line)
    if not run.lines:
        click.echo("Nothing is due.")
    config = current_app.config
    deliver_pending(db.session, mailer_from_config(config),
                    config.get("BYLINE_BASE_URL") or "http://localhost:5000")
    db.session.commit()
    if run.failed:
        raise click.exceptions.Exit(1)


@click.command("sync-stats")
@with_appcontext
def sync_stats_command() -> None:
    """Read the blogs' numbers (Ghost's sign-ups, clicks, feedback; dev.to's views and
    reactions) for every live post and keep them as history. Safe from cron, even twice at
    once: a second run finds the first one's lease and reads nothing. Exits with status 1
    when a post could not be read (the others are still read)."""
    from drafts.metrics import stats_sync
    from webapp.extensions import secret_box

    run = stats_sync.sync(db.session, secret_box())
    for line in run.lines:
        click.echo(line, err=not run.busy)
    if run.busy:
        return
    click.echo(f"Read the numbers of {run.ok} post{'s' if run.ok != 1 else ''}"
               + (f"; {run.failed} could not be read." if run.failed else "."))
    if run.failed:
        raise click.exceptions.Exit(1)


@click.group("notifications")
def notifications_group() -> None:
    """Notification email jobs."""


@notifications_group.command("digest")
@with_appcontext
def digest_command() -> None:
    """Send the daily digest to everyone who chose it. Run once a day from cron.

    Exits with status 1 when an email could not be sent (those notifications
    stay in the digest and go out with the next run)."""
    from drafts.review.digest import send_digests
    from drafts.review.notification_mail import deliver_pending
    from webapp.notifications import mailer_from_config

    config = current_app.config
    mailer = mailer_from_config(config)
    if mailer is None:
        raise click.ClickException(
            "Email is off: set BYLINE_SMTP_HOST (and the other BYLINE_SMTP_* settings) first."
        )
    base_url = config.get("BYLINE_BASE_URL") or "http://localhost:5000"
    # Anything still pending (a request that ended before delivering) is sorted first.
    deliver_pending(db.session, mailer, base_url)
    run = send_digests(db.session, mailer, base_url)
    click.echo(f"Sent {run.sent} digest{'s' if run.sent != 1 else ''} "
               f"listing {run.notifications} notification{'s' if run.notifications != 1 else ''}.")
    if run.failed:
        click.echo(f"{run.failed} could not be sent; they are retried on the next run.", err=True)
        raise click.exceptions.Exit(1)


@click.command("reminders")
@with_appcontext
def reminders_command() -> None:
    """Remind authors of briefs due soon (in-app and email). Safe from cron, even twice at once."""
    from drafts.planning.reminders import reminder_days, send_reminders
    from drafts.review.notification_mail import deliver_pending
    from webapp.notifications import mailer_from_config

    config = current_app.config
    days = reminder_days(db.session, config["BYLINE_REMINDER_DAYS"])
    run = send_reminders(db.session, days=days)
    for line in run.reminded:
        click.echo(line)
    if not run.reminded:
        click.echo(f"No brief is due within {days} day{'s' if days != 1 else ''} without a reminder.")
    deliver_pending(db.session, mailer_from_config(config),
                    config.get("BYLINE_BASE_URL") or "http://localhost:5000")
    db.session.commit()


def init_app(app: Flask) -> None:
    app.cli.add_command(notifications_group)
    app.cli.add_command(upgrade_db)
    app.cli.add_command(create_user)
    app.cli.add_command(analyze_command)
    app.cli.add_command(workflow_command)
    app.cli.add_command(publish_due_command)
    app.cli.add_command(reminders_command)
    app.cli.add_command(sync_stats_command)
    from webapp.suggestions.cli import eval_suggestions

    app.cli.add_command(eval_suggestions)
