"""`flask --app webapp eval-suggestions SAMPLES_DIR`: compare models on your own text."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask.cli import with_appcontext

from drafts import glossary
from drafts.readability import load_seed_glossary
from drafts.suggestions import config as llm_config
from drafts.suggestions import evaluate, service
from drafts.suggestions.actions import ACTIONS
from webapp.extensions import db, secret_box


@click.command("eval-suggestions")
@click.argument("samples_dir", type=click.Path(path_type=Path))
@click.option("--action", "actions", multiple=True, type=click.Choice(sorted(ACTIONS)),
              help="Only these actions (repeat the option); all by default.")
@click.option("--builtin", is_flag=True, help="Use the built-in engine even if a model is configured.")
@click.option("--price-in", type=float, default=0.0, help="Price per million input tokens.")
@click.option("--price-out", type=float, default=0.0, help="Price per million output tokens.")
@click.option("--out", "out_path", type=click.Path(path_type=Path), help="Write the report here.")
@with_appcontext
def eval_suggestions(samples_dir: Path, actions, builtin: bool, price_in: float, price_out: float,
                     out_path: Path | None) -> None:
    """Run every suggestion over a folder of Markdown samples and report the numbers."""
    try:
        samples = evaluate.load_samples(samples_dir)
    except FileNotFoundError as missing:
        raise click.UsageError(str(missing)) from None
    config = llm_config.effective_config(db.session, os.environ, secret_box())
    if builtin:
        from drafts.suggestions.builtin import BuiltinEngine

        provider = BuiltinEngine()
    else:
        provider = service.make_provider(config)
    terms = glossary.terms(db.session) or load_seed_glossary()
    click.echo(f"Evaluating {len(samples)} sample(s) with {provider.name}…", err=True)
    runs = evaluate.evaluate(provider, samples, terms, actions, config.style_guide)
    text = evaluate.report(runs, provider.name, price_in, price_out)
    if out_path:
        out_path.write_text(text, encoding="utf-8")
        click.echo(f"Report written to {out_path}.", err=True)
    else:
        click.echo(text)
