"""``newsgraph inspect``: how files will be split into items, without touching a store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.common import EXIT_ERROR, JsonOpt, echo, guarded, print_json, print_table

if TYPE_CHECKING:  # the readers are imported by the command itself: they cost start-up time
    from newsgraph.loaders.preview import FilePreview

__all__ = ["register"]


def _show(preview: FilePreview, limit: int) -> None:
    if preview.error:
        echo(f"{preview.path}: {preview.error}")
        return
    echo(f"{preview.path}: {preview.format} ({preview.encoding}), layout: {preview.layout}")
    rows = [[i.location, i.title, i.date, i.url, i.first_words] for i in preview.items[:limit]]
    print_table(f"{len(preview.items)} items", ["where", "title", "date", "url", "first words"], rows)
    if preview.left_out:
        rows = [[x.line, x.what, x.why] for x in preview.left_out]
        print_table("left out (not news)", ["line", "what", "why"], rows)
    for line in [*preview.rejects, *preview.notes]:
        echo(f"  {line}")


def register(app: typer.Typer) -> None:
    @app.command("inspect")
    @guarded
    def inspect_command(
        paths: Annotated[list[Path], typer.Argument(help="Files or folders to look at.")],
        fmt: Annotated[str | None, typer.Option("--format", help="Force the format instead of detecting it.")] = None,
        columns: Annotated[
            str | None, typer.Option("--columns", help="CSV: date,url,title; JSON: title=key,text=key.")
        ] = None,
        date: Annotated[str | None, typer.Option("--date", help="The date (YYYY-MM-DD) for items without one.")] = None,
        limit: Annotated[int, typer.Option("--limit", min=1, help="Items to list per file.")] = 50,
        summary: Annotated[bool, typer.Option("--summary", help="One line per file: layout and item counts.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Show how files split into items: layout found, each item's title/date/URL, what was left out and why."""
        from newsgraph.loaders.preview import preview_paths

        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise typer.BadParameter(f"{date!r} is not a date like 2026-01-09", param_hint="--date") from None
        options = {"columns": columns} if columns else {}
        previews = list(preview_paths(paths, fmt=fmt, default_date=day, **options))
        if as_json:
            print_json([p.model_dump(mode="json") for p in previews])
        elif summary:
            rows = [[p.path, p.layout or p.error, len(p.items), p.empty_titles, len(p.rejects)] for p in previews]
            print_table(f"{len(previews)} files", ["file", "layout", "items", "untitled", "rejects"], rows)
        else:
            for preview in previews:
                _show(preview, limit)
        if previews and all(p.error for p in previews):
            raise typer.Exit(EXIT_ERROR)
