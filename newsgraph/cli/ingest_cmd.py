"""``newsgraph ingest`` and ``newsgraph demo``."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph.cli.common import (
    EXIT_ERROR,
    EXIT_PARTIAL,
    console,
    err_console,
    guarded,
    print_json,
    settings,
    store_session,
)
from newsgraph.graph.store import open_store
from newsgraph.loaders.ingest import ITEMS_PER_WRITE, IngestSummary, ingest

__all__ = ["register"]


def _run_ingest(
    paths: list[Path],
    *,
    fmt: str | None,
    date: dt.date | None,
    rejects: Path | None,
    quiet: bool,
    read_options: dict,
    items_per_write: int = ITEMS_PER_WRITE,
    workers: int = 1,
) -> IngestSummary:
    """Ingest into the chosen store, with a progress line on a terminal unless ``quiet``."""
    options = {
        "fmt": fmt,
        "default_date": date,
        "catalog": settings.catalog(),
        "rejects_path": rejects,
        "read_options": read_options,
        "items_per_write": items_per_write,
        "workers": workers,
    }
    with store_session() as store, ExitStack() as stack:
        if quiet or not sys.stderr.isatty():
            return ingest(paths, store, **options)
        progress = stack.enter_context(
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
        )
        task = progress.add_task("reading", total=None)

        def tick(summary: IngestSummary) -> None:
            progress.update(task, description=f"{summary.items_read} items read, {summary.rejected} rejected")

        return ingest(paths, store, on_item=tick, **options)


def _report(summary: IngestSummary, as_json: bool) -> None:
    for line in summary.errors:
        err_console.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
    if as_json:
        print_json(summary.model_dump())
    else:
        console.print(
            f"items read {summary.items_read}, new {summary.items_new}, already known {summary.items_known}, "
            f"rejected {summary.rejected}; entities {summary.entities}, facts {summary.facts}",
            highlight=False,
        )
        if summary.rejects_file:
            console.print(f"rejected records kept in {summary.rejects_file}", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    @guarded
    def ingest_command(
        paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format", help="Force the format (digest, markdown, jsonl, rss, csv, text) instead of detecting it."
            ),
        ] = None,
        columns: Annotated[
            str | None, typer.Option("--columns", help="Column names of a CSV without a header: date,url,title.")
        ] = None,
        date: Annotated[
            str | None, typer.Option("--date", help="The digest's date (YYYY-MM-DD) for items that carry none.")
        ] = None,
        rejects: Annotated[
            Path | None,
            typer.Option(
                "--rejects", help="Where rejected records are written (JSON Lines; default ./newsgraph-rejects.jsonl)."
            ),
        ] = None,
        workers: Annotated[
            int, typer.Option("--workers", min=1, help="Processes for extraction (the graph is the same).")
        ] = 1,
        batch_size: Annotated[
            int, typer.Option("--batch-size", min=1, help="Items per write transaction (the resume granularity).")
        ] = ITEMS_PER_WRITE,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    ) -> None:
        """Read news files into the graph. Re-reading a file changes nothing; bad records are kept aside.

        Exit code 0: all read; 3: partial (some files or records rejected); 1: nothing could be read.
        """
        day = _parse_date(date)
        options = {"columns": columns} if columns else {}
        summary = _run_ingest(
            paths,
            fmt=fmt,
            date=day,
            rejects=rejects,
            quiet=quiet or as_json,
            read_options=options,
            items_per_write=batch_size,
            workers=workers,
        )
        _report(summary, as_json)
        if summary.rejected:
            raise typer.Exit(EXIT_ERROR if summary.items_read == 0 else EXIT_PARTIAL)

    @app.command("demo")
    @guarded
    def demo_command(
        as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
        limit: Annotated[int, typer.Option("--limit", help="Rows to show.")] = 25,
    ) -> None:
        """Ingest the sample digest into a fresh store and show what affects the compute sector."""
        from newsgraph.cli.query_cmd import show_affects
        from newsgraph.queries.affects import affects

        seeds = resources.files("newsgraph") / "seeds"
        with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp, resources.as_file(seeds) as folder:
            uri = settings.store or str(Path(tmp) / "demo.lbdb")
            store = open_store(uri, database=settings.database)
            try:
                summary = ingest([folder], store, catalog=settings.catalog(), rejects_path=Path(tmp) / "rejects.jsonl")
                if not as_json:
                    _report(summary, as_json=False)
                result = affects(store, "compute", limit=limit, catalog=settings.catalog())
            finally:
                store.close()
        show_affects(result, as_json)


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2026-01-09", param_hint="--date") from None
