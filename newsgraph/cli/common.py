"""What every command shares: the chosen store, error handling, and JSON/table output."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsgraph.errors import NewsgraphError
from newsgraph.graph.catalog import Catalog, default_catalog, load_catalog
from newsgraph.graph.store import GraphStore, default_store_uri, open_store

__all__ = [
    "EXIT_ERROR",
    "EXIT_PARTIAL",
    "JsonOpt",
    "LimitOpt",
    "SinceOpt",
    "UntilOpt",
    "guarded",
    "parse_params",
    "print_json",
    "print_table",
    "settings",
    "store_session",
]


# Options every query command shares.
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Rows to return.")]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", help="From this date (YYYY-MM-DD) or span (7d, 4w, 6m, 1y back from the graph's newest date)."
    ),
]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD) or span.")]

EXIT_ERROR = 1
EXIT_PARTIAL = 3

# Piped output (a file, a pager) gets wide tables rather than 80 columns of wrapped text.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)


class _Settings:
    """Global options, set once by the app callback."""

    store: str | None = None
    database: str | None = None
    catalog_files: list[Path] = []  # noqa: RUF012

    def catalog(self) -> Catalog:
        return load_catalog(self.catalog_files) if self.catalog_files else default_catalog()

    def store_uri(self) -> str:
        return self.store or default_store_uri()


settings = _Settings()


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn newsgraph's exceptions into a one-line message and exit code 1 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsgraphError as exc:
            err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; rerun the same command to resume", highlight=False)
            raise typer.Exit(130) from None

    return wrapper


@contextmanager
def store_session(*, read_only: bool = False) -> Iterator[GraphStore]:
    """Open the chosen store for one command and close it afterwards."""
    store = open_store(settings.store_uri(), read_only=read_only, database=settings.database)
    try:
        yield store
    finally:
        store.close()


def _default(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(title=title, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    console.print(table)


def parse_params(pairs: list[str]) -> dict:
    """``--param name=value`` options as a dict; a value that parses as JSON is read as JSON."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{pair!r} is not name=value", param_hint="--param")
        try:
            params[name] = json.loads(value)
        except json.JSONDecodeError:
            params[name] = value
    return params
