"""``newsgraph ingest`` and ``newsgraph demo``."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.common import (
    EXIT_ERROR,
    EXIT_PARTIAL,
    EXIT_USAGE,
    echo,
    error_line,
    guarded,
    print_json,
    settings,
    store_session,
)

if TYPE_CHECKING:
    from newsgraph.loaders.ingest import IngestSummary

__all__ = ["register"]

#: The same as newsgraph.loaders.ingest.ITEMS_PER_WRITE (a test keeps them equal); spelled out
#: so that `newsgraph --help` does not import the extraction stack.
ITEMS_PER_WRITE = 1000
DEFAULT_REJECTS = "newsgraph-rejects.jsonl"


def check_rejects(path: Path) -> str | None:
    """Why rejected records could not be written to ``path`` (checked before the run), or ``None``."""
    if path.exists() and path.is_dir():
        return f"--rejects {path}: is a folder; give a file name"
    if path.exists() and not path.is_file():
        return f"--rejects {path}: is not a regular file"
    folder = path.parent
    if not folder.exists():
        return f"--rejects {path}: the folder {folder} does not exist"
    if not folder.is_dir():
        return f"--rejects {path}: {folder} is not a folder"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        hint = "" if str(path) != DEFAULT_REJECTS else " (the working folder); choose another with --rejects FILE"
        return f"cannot write rejected records to {path}{hint}: permission denied"
    return None


class _ProgressBar:
    """A progress bar over the run: items done out of an estimate of the items to come, made
    from the bytes of the files read so far (files and bytes are known up front)."""

    def __init__(self, files: list[Path]) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from newsgraph.cli.common import err_console

        self.sizes = []
        for path in files:
            try:
                self.sizes.append(path.stat().st_size)
            except OSError:
                self.sizes.append(0)
        self.total_bytes = sum(self.sizes) or 1
        self.summary: IngestSummary | None = None
        self.done = 0
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            TaskProgressColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        self.task = self.progress.add_task("ingest", total=None, detail="")

    def __enter__(self) -> _ProgressBar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def _refresh(self) -> None:
        summary = self.summary
        if summary is None:
            return
        files = min(summary.files, len(self.sizes))
        started = sum(self.sizes[:files]) or 1
        # the files started so far hold items_read items: scale to all the bytes
        estimate = max(summary.items_read, round(summary.items_read * self.total_bytes / started))
        detail = (
            f"files {files}/{len(self.sizes)}, {_size(started)}/{_size(self.total_bytes)}, "
            f"items {self.done}/{'~' if files < len(self.sizes) else ''}{estimate}, rejected {summary.rejected}"
        )
        self.progress.update(self.task, total=max(estimate, 1), completed=self.done, detail=detail)

    def on_item(self, summary: IngestSummary) -> None:
        self.summary = summary
        self._refresh()

    def on_extracted(self, done: int) -> None:
        self.done = done
        self._refresh()


def _size(count: int) -> str:
    """``512 B``, ``12.3 kB``, ``4.5 MB``."""
    if count < 10_000:
        return f"{count} B"
    return f"{count / 1e3:.1f} kB" if count < 10_000_000 else f"{count / 1e6:.1f} MB"


def _present(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The paths that exist, and an error line for each one that does not."""
    found, missing = [], []
    for path in paths:
        if path.exists():
            found.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    return found, missing


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
    """Ingest into the chosen store, with a progress bar on a terminal unless ``quiet``."""
    from newsgraph.loaders.ingest import ingest
    from newsgraph.loaders.sources import expand_paths

    options = {
        "fmt": fmt,
        "default_date": date,
        "catalog": settings.catalog(),
        "rejects_path": rejects,
        "read_options": read_options,
        "items_per_write": items_per_write,
        "workers": workers,
    }
    with store_session() as store:
        if quiet or not sys.stderr.isatty():
            return ingest(paths, store, **options)
        with _ProgressBar(list(expand_paths(paths))) as bar:
            return ingest(paths, store, on_item=bar.on_item, on_extracted=bar.on_extracted, **options)


def _report(summary: IngestSummary, as_json: bool) -> None:
    for line in summary.errors:
        error_line(line)
    if as_json:
        print_json(summary.model_dump())
    else:
        echo(
            f"items read {summary.items_read}, new {summary.items_new}, already known {summary.items_known}, "
            f"rejected {summary.rejected}; entities {summary.entities}, facts {summary.facts}"
        )
        if summary.rejects_file:
            echo(f"rejected records kept in {summary.rejects_file}")


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
        problem = check_rejects(rejects or Path(DEFAULT_REJECTS))
        if problem:
            error_line(problem)
            raise typer.Exit(EXIT_USAGE)
        found, missing = _present(paths)
        if not found:  # nothing to read: fail before opening the store or writing a rejects file
            for line in missing:
                error_line(line)
            raise typer.Exit(EXIT_ERROR)
        summary = _run_ingest(
            paths,  # a missing one among them is rejected, with the rest read
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
        """Ingest the sample digest into a fresh store and show what affects the compute sector.

        The signed drivers come first; the sector's catalog members (Render, Akash, Gensyn ...)
        follow as ``member`` rows, as ``affects --members`` shows them.
        """
        from newsgraph.cli.query_cmd import show_affects
        from newsgraph.graph.store import open_store
        from newsgraph.loaders.ingest import ingest
        from newsgraph.queries.affects import affects

        seeds = resources.files("newsgraph") / "seeds"
        with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp, resources.as_file(seeds) as folder:
            uri = settings.store or str(Path(tmp) / "demo.lbdb")
            store = open_store(uri, database=settings.database)
            try:
                summary = ingest([folder], store, catalog=settings.catalog(), rejects_path=Path(tmp) / "rejects.jsonl")
                if not as_json:
                    _report(summary, as_json=False)
                result = affects(store, "compute", limit=limit, catalog=settings.catalog(), members=True)
            finally:
                store.close()
        show_affects(result, "json" if as_json else "table")


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2026-01-09", param_hint="--date") from None
