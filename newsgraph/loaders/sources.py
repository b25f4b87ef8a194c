"""Open a source file: find its encoding and format, and hand it to the right reader.

``read_source(path)`` is the one entry point ``ingest`` uses. It yields items and rejects and
raises :class:`~newsgraph.errors.InputError` only when the whole file cannot be read
(missing, empty, binary, undecodable); the caller reports that and goes on with other files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from newsgraph.errors import InputError, UnknownNameError
from newsgraph.graph.model import Item
from newsgraph.loaders.digest import looks_like_digest, read_digest
from newsgraph.loaders.records import Reject, make_item

__all__ = ["FORMATS", "decode", "detect_format", "expand_paths", "read_source", "read_text"]

Reader = Callable[..., Iterator[Item | Reject]]


def read_text(path: str | Path, text: str, *, default_date: dt.date | None = None) -> Iterator[Item | Reject]:
    """Plain text: paragraphs separated by blank lines, one item each."""
    from newsgraph.loaders.records import date_from_name

    date = default_date or date_from_name(path)
    line = 1
    for block in text.split("\n\n"):
        if block.strip():
            offset = len(block) - len(block.lstrip("\n"))
            yield make_item(path, text=block.strip(), location=f"line {line + offset}", date=date)
        line += block.count("\n") + 2


FORMATS: dict[str, Reader] = {
    "digest": read_digest,
    "text": read_text,
}

SUFFIXES = {".txt": "text", ".text": "text"}


def decode(path: Path, data: bytes) -> str:
    """Decode bytes with their detected encoding (UTF-8 first, BOMs honoured)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(str(path), "binary file (NUL bytes); not a text format newsgraph reads")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(str(path), "cannot detect the text encoding; is it a binary file?")
    return str(best)


def detect_format(path: Path, text: str) -> str:
    """The format name from content first (digest markers), then the file suffix."""
    if looks_like_digest(text):
        return "digest"
    return SUFFIXES.get(path.suffix.lower(), "text")


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given, and the files inside given folders (sorted, hidden ones skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def read_source(
    path: str | Path, *, fmt: str | None = None, default_date: dt.date | None = None
) -> Iterator[Item | Reject]:
    """Read one file into items and rejects. Raises InputError if the file is unreadable."""
    path = Path(path)
    if fmt is not None and fmt not in FORMATS:
        raise UnknownNameError("format", fmt, sorted(FORMATS))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise InputError(str(path), "empty file")
    text = decode(path, data)
    reader = FORMATS[fmt or detect_format(path, text)]
    yield from reader(path, text, default_date=default_date)
