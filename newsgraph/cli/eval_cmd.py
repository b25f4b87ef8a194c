"""``newsgraph eval GOLD.jsonl...``: score the extractor against gold labels (../shared/gold/FORMAT.md).

With ``--cv K`` the learned models are retrained on K-1 grouped folds and scored on the
K-th (:mod:`newsgraph.learn.cv`); ``--tasks`` picks which models are trained (the rules decide
the others); ``--rules`` scores the rule verdicts alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import guarded, print_json, settings
from newsgraph.learn import SHIPPED_TASKS

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("eval")
    @guarded
    def eval_command(
        gold: Annotated[list[Path], typer.Argument(help="Gold files (JSON Lines, one labelled item a line).")],
        errors: Annotated[bool, typer.Option("--errors", help="Also list each item's misses and false hits.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
        cv: Annotated[
            int,
            typer.Option("--cv", min=0, help="K-fold grouped cross-validation: retrain on K-1 folds, score the K-th."),
        ] = 0,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the fold assignment (with --cv).")] = 13,
        jobs: Annotated[int, typer.Option("--jobs", min=1, help="Folds trained at a time (with --cv).")] = 1,
        rules: Annotated[
            bool, typer.Option("--rules", help="Score the rule verdicts alone (no learned models).")
        ] = False,
        tasks: Annotated[
            str,
            typer.Option(
                "--tasks",
                help="With --cv: comma list of the models trained (entities, relations, impacts; default: what ships).",
            ),
        ] = ",".join(SHIPPED_TASKS),
    ) -> None:
        """Precision, recall and F1 of entities, relations and impacts, overall and per type."""
        if cv:
            from newsgraph.learn.cv import cross_validate
            from newsgraph.learn.models import parse_tasks
            from newsgraph.learn.train import TrainSettings

            if cv < 2:
                raise typer.BadParameter("--cv needs at least 2 folds")
            try:
                train = TrainSettings(tasks=parse_tasks(tasks))
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="--tasks") from None
            report = cross_validate(
                gold, cv, seed=seed, catalog=settings.catalog(), rules_only=rules, settings=train, jobs=jobs
            )
        elif len(gold) == 1:
            from newsgraph.eval import evaluate  # imported here: it loads spaCy

            report = evaluate(gold[0], catalog=settings.catalog(), rules_only=rules)
        else:
            raise typer.BadParameter("give one gold file, or several with --cv K")
        if as_json:
            exclude = None if errors else {"errors"}
            print_json(report.model_dump(mode="json", exclude=exclude))
        else:
            from newsgraph.eval import format_report

            typer.echo(format_report(report, errors=errors))
