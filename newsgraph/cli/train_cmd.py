"""``newsgraph train [GOLD.jsonl...] [--out DIR] [--tasks LIST] [--cluener DIR]``: rebuild the learned extraction
models."""

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
        cluener: Annotated[
            Path | None,
            typer.Option(
                "--cluener",
                help="Also retrain the name checker from CLUENER's train.json and dev.json in this folder"
                " (e.g. ../shared/corpora/cluener-zh) before the gold models, which are trained with it"
                " (default: keep the packaged name checker).",
            ),
        ] = None,
    ) -> None:
        """Train the learned deciders on gold items (fixed seeds: same input, same weights)."""
        from newsgraph.learn.models import packaged_models_dir, parse_tasks
        from newsgraph.learn.train import TrainSettings, default_gold_files, train_names, train_to_dir

        try:
            chosen = parse_tasks(tasks)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--tasks") from None
        paths = list(gold) if gold else default_gold_files()
        target = out if out is not None else packaged_models_dir()
        names = None
        if cluener is not None:
            model, threshold, figures = train_names(cluener, settings.catalog())
            names = (model, threshold)
            shown_figures = ", ".join(f"{k} {v}" for k, v in figures.items())
            typer.echo(f"name checker from {cluener}: threshold {threshold} (held-out CLUENER: {shown_figures})")
        models = train_to_dir(
            paths, target, catalog=settings.catalog(), settings=TrainSettings(tasks=chosen), names=names
        )
        thresholds = {
            "entities": models.entity_threshold,
            "relations": models.relation_threshold,
            "impacts": models.impact_threshold,
        }
        shown = ", ".join(f"{t} threshold {thresholds[t]}" for t in models.tasks())
        if models.names is not None:
            shown += f", name checker threshold {models.name_threshold}"
        typer.echo(f"trained on {len(paths)} file(s) -> {target}: {shown}")
