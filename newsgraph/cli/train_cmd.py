"""``newsgraph train [GOLD.jsonl...] [--out DIR] [--tasks LIST]``: rebuild the learned extraction models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import guarded, settings
from newsgraph.learn import SHIPPED_TASKS

TASKS_HELP = (
    "Comma list of the models to train: entities, relations, impacts (default: those that ship;"
    " the rules decide the others)."
)

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("train")
    @guarded
    def train_command(
        gold: Annotated[
            list[Path] | None,
            typer.Argument(help="Gold files to train on (default: ../shared/gold dev + train + train2)."),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option("--out", help="Where to write the models (default: the packaged models directory)."),
        ] = None,
        tasks: Annotated[str, typer.Option("--tasks", help=TASKS_HELP)] = ",".join(SHIPPED_TASKS),
    ) -> None:
        """Train the learned deciders on gold items (fixed seeds: same input, same weights)."""
        from newsgraph.learn.models import packaged_models_dir, parse_tasks
        from newsgraph.learn.train import TrainSettings, default_gold_files, train_to_dir

        try:
            chosen = parse_tasks(tasks)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--tasks") from None
        paths = list(gold) if gold else default_gold_files()
        target = out if out is not None else packaged_models_dir()
        models = train_to_dir(paths, target, catalog=settings.catalog(), settings=TrainSettings(tasks=chosen))
        thresholds = {
            "entities": models.entity_threshold,
            "relations": models.relation_threshold,
            "impacts": models.impact_threshold,
        }
        shown = ", ".join(f"{t} threshold {thresholds[t]}" for t in models.tasks())
        typer.echo(f"trained on {len(paths)} file(s) -> {target}: {shown}")
