"""``newsgraph train [GOLD.jsonl...] [--out DIR]``: rebuild the learned extraction models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import guarded, settings

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
    ) -> None:
        """Train the relation and impact models on gold items (fixed seeds: same input, same weights)."""
        from newsgraph.learn.models import packaged_models_dir
        from newsgraph.learn.train import default_gold_files, train_to_dir

        paths = list(gold) if gold else default_gold_files()
        target = out if out is not None else packaged_models_dir()
        models = train_to_dir(paths, target, catalog=settings.catalog())
        typer.echo(
            f"trained on {len(paths)} file(s) -> {target}: relations thresholds {models.relation_threshold}, "
            f"impacts thresholds {models.impact_threshold}"
        )
