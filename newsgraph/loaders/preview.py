"""How files will be split into items, without reading them into a graph (``newsgraph inspect``).

:func:`preview_file` reads one file through :func:`~newsgraph.loaders.sources.read_source` and
reports its format, encoding, the layout found (which repeating unit gave the items), each
item's title, date, URL and first words, what was left out as boilerplate and why, the rejects
and the reader's notes. :func:`preview_paths` does it for files and folders, an unreadable one
being a preview with its error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, Field

from newsgraph.errors import InputError
from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject
from newsgraph.loaders.sources import FileInfo, read_source, walk_paths

__all__ = ["FilePreview", "ItemPreview", "LeftOutPreview", "preview_file", "preview_paths"]


class ItemPreview(BaseModel):
    """One item as it will be read."""

    location: str
    kind: str
    title: str
    date: dt.date | None = None
    url: str | None = None
    first_words: str = ""


class LeftOutPreview(BaseModel):
    """A part of the file that is not an item, and why."""

    line: int
    what: str
    why: str


class FilePreview(BaseModel):
    """How one file splits."""

    path: str
    format: str = ""
    encoding: str = ""
    layout: str = ""
    items: list[ItemPreview] = Field(default_factory=list)
    left_out: list[LeftOutPreview] = Field(default_factory=list)
    rejects: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    error: str | None = None

    @property
    def empty_titles(self) -> int:
        return sum(1 for item in self.items if not item.title)


def _first_words(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def preview_file(
    path: str | Path, *, fmt: str | None = None, default_date: dt.date | None = None, **opts: object
) -> FilePreview:
    """The preview of one file (an unreadable file gives a preview with ``error`` set)."""
    info = FileInfo()
    preview = FilePreview(path=str(path))
    try:
        records = list(read_source(path, fmt=fmt, default_date=default_date, info=info, **opts))
    except InputError as exc:
        preview.error = exc.reason
        return preview
    except (OSError, UnicodeError, RecursionError, MemoryError, ValueError) as exc:  # as ingest does
        preview.error = f"cannot read: {exc}"
        return preview
    for record in records:
        if isinstance(record, Reject):
            preview.rejects.append(f"{record.location}: {record.reason}" if record.location else record.reason)
        elif isinstance(record, Item):
            preview.items.append(
                ItemPreview(
                    location=record.location,
                    kind=record.kind,
                    title=record.title,
                    date=record.date,
                    url=record.url,
                    first_words=_first_words(record.text),
                )
            )
    preview.format, preview.encoding, preview.layout = info.format, info.encoding, info.layout
    preview.left_out = [LeftOutPreview(line=x.line, what=x.what, why=x.why) for x in info.left_out]
    preview.notes = list(info.notes)
    return preview


def preview_paths(paths: Iterable[str | Path], **options: object) -> Iterator[FilePreview]:
    """Previews of the files named and of the files inside the folders named."""
    for found in walk_paths([Path(p) for p in paths]):
        if isinstance(found, InputError):
            yield FilePreview(path=found.source, error=found.reason)
        else:
            yield preview_file(found, **options)  # type: ignore[arg-type]
