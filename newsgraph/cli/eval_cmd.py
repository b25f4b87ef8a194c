"""``newsgraph eval GOLD.jsonl``: score the extractor against gold labels (../shared/gold/FORMAT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import guarded, print_json, settings

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("eval")
    @guarded
    def eval_command(
        gold: Annotated[Path, typer.Argument(help="A gold file (JSON Lines, one labelled item a line).")],
        errors: Annotated[bool, typer.Option("--errors", help="Also list each item's misses and false hits.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    ) -> None:
        """Precision, recall and F1 of entities, relations and impacts, overall and per type."""
        from newsgraph.eval import evaluate, format_report  # imported here: it loads spaCy

        report = evaluate(gold, catalog=settings.catalog())
        if as_json:
            exclude = None if errors else {"errors"}
            print_json(report.model_dump(mode="json", exclude=exclude))
        else:
            typer.echo(format_report(report, errors=errors))
