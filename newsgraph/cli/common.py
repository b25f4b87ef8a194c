"""What every command shares: the chosen store, error handling, and the output options.

Imports here stay light (no spaCy, networkx, drivers or pydantic models at import time): the
``newsgraph`` command imports this module for ``--help`` and every query, and start-up time is
most of a short query's time. Commands import what they need inside their bodies.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.output import FORMATS, clean, emit, to_jsonable
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from newsgraph.graph.catalog import Catalog
    from newsgraph.graph.store import GraphStore

__all__ = [
    "EXIT_ERROR",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "FormatOpt",
    "JsonOpt",
    "LimitOpt",
    "SinceOpt",
    "UntilOpt",
    "echo",
    "error_line",
    "guarded",
    "output_format",
    "parse_params",
    "print_json",
    "print_rows",
    "print_table",
    "settings",
    "store_session",
    "warn",
]


# Options every query command shares.
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table (same as --format json).")]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", help=f"Output: {', '.join(FORMATS)} (default table; csv cells are spreadsheet-safe)."),
]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Rows to return.")]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", help="From this date (YYYY-MM-DD) or span (7d, 4w, 6m, 1y back from the graph's newest date)."
    ),
]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD) or span.")]

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
#: --param values nested deeper than this are refused (a JSON bomb would exhaust the stack)
MAX_PARAM_DEPTH = 64


class _Settings:
    """Global options, set once by the app callback (flag > environment > config file > default)."""

    store: str | None = None
    database: str | None = None
    catalog_files: list[Path] = []  # noqa: RUF012

    def catalog(self) -> Catalog:
        from newsgraph.cli.catalog_cache import cached_catalog

        return cached_catalog(list(self.catalog_files))

    def store_uri(self) -> str:
        from newsgraph.graph.store import default_store_uri

        return default_store_uri() if self.store is None else self.store


settings = _Settings()


def error_line(message: str) -> None:
    """One line on stderr: ``error: ...`` (cleaned of control characters)."""
    sys.stderr.write(f"error: {clean(str(message))}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"warning: {clean(str(message))}\n")


def echo(message: str) -> None:
    """A line on stdout, cleaned of terminal control characters from the data."""
    sys.stdout.write(clean(str(message), keep_newlines=True) + "\n")


def _driver_error(exc: BaseException) -> bool:
    """A Neo4j driver exception (without importing the driver when it was never loaded)."""
    errors = sys.modules.get("neo4j.exceptions")
    return errors is not None and isinstance(exc, errors.Neo4jError | errors.DriverError)


def _driver_message(exc: BaseException) -> str:
    errors = sys.modules["neo4j.exceptions"]
    code = getattr(exc, "code", None) or ""
    text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else None
    text = text or getattr(exc, "message", None) or str(exc) or type(exc).__name__
    text = clean(str(text)).splitlines()[0] if str(text).strip() else type(exc).__name__
    if "DatabaseNotFound" in code:
        return f"Neo4j: {text} (check --database / NEWSGRAPH_DATABASE)"
    if isinstance(exc, errors.AuthError | errors.TokenExpired) or "Security" in code:
        return f"Neo4j refused the credentials: {text}"
    return f"Neo4j: {text}"


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn newsgraph's exceptions, driver errors and failed file writes into one line on
    stderr and an exit code (2 for a bad store URI, else 1); never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from newsgraph.graph.store import InvalidStoreURIError

        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except InvalidStoreURIError as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        except NewsgraphError as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            sys.stderr.write("interrupted; rerun the same command to resume\n")
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `newsgraph ... | head`
            raise typer.Exit(0) from None
        except OSError as exc:  # a full disk, a missing or read-only folder
            where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
            error_line(f"cannot write{where}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_ERROR) from None
        except RecursionError:
            error_line("the input is nested too deeply to read")
            raise typer.Exit(EXIT_ERROR) from None
        except Exception as exc:
            if _driver_error(exc):
                error_line(_driver_message(exc))
                raise typer.Exit(EXIT_ERROR) from None
            raise

    return wrapper


@contextmanager
def store_session(*, read_only: bool = False) -> Iterator[GraphStore]:
    """Open the chosen store for one command and close it afterwards."""
    from newsgraph.graph.store import open_store

    store = open_store(settings.store_uri(), read_only=read_only, database=settings.database)
    try:
        yield store
    finally:
        store.close()


def output_format(fmt: str | None, as_json: bool) -> str:
    """The output format from ``--format`` and its alias ``--json``."""
    if as_json:
        if fmt not in (None, "json"):
            raise typer.BadParameter(f"--json and --format {fmt} disagree", param_hint="--format")
        return "json"
    fmt = (fmt or "table").lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    return fmt


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n")


def print_rows(
    fmt: str, rows: Sequence[Any], columns: Sequence[str], *, title: str | None = None, payload: Any = None
) -> None:
    """Rows (dicts or pydantic models) in the chosen format; the table shows ``columns``."""
    plain = [to_jsonable(row) if hasattr(row, "model_dump") else row for row in rows]
    emit(fmt, plain, columns, title=title, payload=payload)


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    emit("table", [dict(zip(columns, row, strict=True)) for row in rows], columns, title=title)


def _depth(text: str) -> int:
    """How deeply a JSON text nests (counted without parsing it)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_params(pairs: list[str]) -> dict:
    """``--param name=value`` options as a dict; a value that parses as JSON is read as JSON."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{pair!r} is not name=value", param_hint="--param")
        if _depth(value) > MAX_PARAM_DEPTH:
            raise NewsgraphError(f"--param {name}: the value nests deeper than {MAX_PARAM_DEPTH} levels")
        try:
            params[name] = json.loads(value)
        except json.JSONDecodeError:
            params[name] = value
    return params


def __getattr__(name: str) -> Any:
    """``console`` / ``err_console`` (rich), made on first use: importing rich costs start-up time."""
    if name in ("console", "err_console"):
        from rich.console import Console

        made = Console(stderr=True) if name == "err_console" else Console(width=None if sys.stdout.isatty() else 160)
        globals()[name] = made
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
