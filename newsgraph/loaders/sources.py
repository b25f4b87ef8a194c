"""Open a source file: find its encoding and format, and hand it to the right reader.

``read_source(path)`` is the one entry point ``ingest`` uses. It yields items and rejects and
raises :class:`~newsgraph.errors.InputError` only when the whole file cannot be read
(missing, empty, binary, undecodable); the caller reports that and goes on with other files.

Formats (:data:`FORMATS`; ``fmt`` or the CLI's ``--format`` overrides detection, and
:data:`ALIASES` accepts ``md``, ``rss``, ``atom``, ``ndjson``, ``tsv``, ``txt``):

========== ============================================ ==========================================
format     reader                                       detected by
========== ============================================ ==========================================
digest     :func:`~newsgraph.loaders.digest.read_digest`    digest section/field labels (any suffix
                                                        but the structured ones below)
markdown   :func:`~newsgraph.loaders.markdown.read_markdown` ``.md``/``.markdown``/``.mdown``, or
                                                        front matter / Markdown structure
jsonl      :func:`~newsgraph.loaders.jsonl.read_jsonl`      ``.jsonl``/``.ndjson``/``.json``, or a
                                                        first line that is a JSON object/array
feed       :func:`~newsgraph.loaders.feeds.read_feed`       ``.xml``/``.rss``/``.atom``, or an
                                                        ``<rss>``/``<feed>``/``<rdf:RDF>`` root
csv        :func:`~newsgraph.loaders.csvfile.read_csv`      ``.csv``/``.tsv``
text       :func:`read_text`                            ``.txt`` and anything else
========== ============================================ ==========================================
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.errors import InputError, UnknownNameError
from newsgraph.graph.model import Item
from newsgraph.loaders.csvfile import read_csv
from newsgraph.loaders.digest import looks_like_digest, read_digest
from newsgraph.loaders.encoding import decode, decode_text, detect_encoding
from newsgraph.loaders.feeds import looks_like_feed, read_feed
from newsgraph.loaders.itemtext import bounded
from newsgraph.loaders.jsonl import read_jsonl
from newsgraph.loaders.markdown import looks_like_markdown, read_markdown
from newsgraph.loaders.markdown.boilerplate import learn_repeats, sibling_files
from newsgraph.loaders.markdown.reader import LeftOut, analyse_markdown, markdown_blocks, reading_items
from newsgraph.loaders.plaintext import read_text, text_layout
from newsgraph.loaders.records import Reject, add_note

__all__ = [
    "ALIASES",
    "FORMATS",
    "STREAM_THRESHOLD",
    "SUFFIXES",
    "FileInfo",
    "decode",
    "detect_encoding",
    "detect_format",
    "expand_paths",
    "folder_repeats",
    "read_source",
    "read_text",
    "walk_paths",
]

Reader = Callable[..., Iterator[Item | Reject]]


@dataclass
class FileInfo:
    """What :func:`read_source` found about a file: its format, encoding and notes on the reading."""

    format: str = ""
    encoding: str = ""
    layout: str = ""
    notes: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


#: the layout of the formats whose records are one kind of unit
_LAYOUTS = {
    "jsonl": "JSON records",
    "csv": "CSV rows",
    "feed": "feed entries",
    "digest": "digest sections and field blocks",
}


FORMATS: dict[str, Reader] = {
    "digest": read_digest,
    "markdown": read_markdown,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "csv": read_csv,
    "text": read_text,
}

#: other names accepted for ``fmt`` / ``--format``
ALIASES: dict[str, str] = {
    "md": "markdown",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
    "json": "jsonl",
    "ndjson": "jsonl",
    "tsv": "csv",
    "txt": "text",
    "plain": "text",
}

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".csv": "csv",
    ".tsv": "csv",
}

#: formats whose suffix is decisive (content sniffing for digests does not override them)
_STRUCTURED = frozenset({"jsonl", "feed", "csv"})

#: files larger than this (bytes) in a line-oriented format are decoded and read incrementally
STREAM_THRESHOLD = 32 * 1024 * 1024


def _sniff(text: str) -> str | None:
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    if looks_like_feed(head):
        return "feed"
    if head.startswith("{") or re.match(r"\[\s*(?:[{\]]|$)", head):
        return "jsonl"
    return None


def detect_format(path: Path, text: str) -> str:
    """The format name of a decoded file.

    Structured suffixes (``.jsonl``/``.ndjson``/``.json``, ``.xml``/``.rss``/``.atom``,
    ``.csv``/``.tsv``) decide; otherwise the content is sniffed: a feed root element, a JSON
    first line, digest section/field labels, then the suffix (``.md``, ``.txt``), then Markdown
    structure; anything else is plain text.

    >>> detect_format(Path("a.txt"), "今日三件事\\n- x\\n逐条速记\\n标题\\n发生了什么: y")
    'digest'
    >>> detect_format(Path("feed"), "<?xml version='1.0'?><rss version='2.0'></rss>")
    'feed'
    """
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if by_suffix in _STRUCTURED:
        return by_suffix
    if (sniffed := _sniff(text)) is not None:
        return sniffed
    if looks_like_digest(text):
        return "digest"
    if by_suffix is not None:
        return by_suffix
    return "markdown" if looks_like_markdown(text) else "text"


#: files inside a folder that are never news (licences and manifests of data folders)
_NOT_NEWS = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|MANIFEST)(\.(txt|md))?$", re.IGNORECASE)


def _wanted(child: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in child.relative_to(root).parts) and not _NOT_NEWS.match(child.name)


def walk_paths(paths: list[Path]) -> Iterator[Path | InputError]:
    """Files as given, and the files inside given folders; an unreadable folder is an InputError.

    Folder contents are sorted; hidden files and folders and licence/manifest files
    (``LICENSE``, ``COPYING``, ``NOTICE``, ``MANIFEST.txt``) are skipped. A file named on the
    command line is always read (and if it cannot be, :func:`read_source` says so).
    """
    for path in paths:
        try:
            is_folder = path.is_dir()
        except OSError:  # a path inside a folder we may not enter: read_source says why
            is_folder = False
        if not is_folder:
            yield path
            continue
        errors: list[OSError] = []
        found: list[Path] = []
        for folder, dirs, files in os.walk(path, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder) / name for name in files)
        for error in errors:
            where = error.filename or str(path)
            yield InputError(str(where), f"cannot read folder: {error.strerror or error}")
        for child in sorted(found):
            if _wanted(child, path):
                yield child


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """The files of :func:`walk_paths`, without the errors (for callers that only list files)."""
    for found in walk_paths(paths):
        if isinstance(found, Path):
            yield found


@lru_cache(maxsize=64)
def folder_repeats(folder: str, suffix: str) -> frozenset[str]:
    """Fingerprints of the Markdown blocks that most files of a source folder share (boilerplate)."""
    blocks = []
    for sibling in sibling_files(Path(folder) / f"x{suffix}"):
        try:
            data = sibling.read_bytes()
            blocks.append(markdown_blocks(decode(sibling, data)))
        except (OSError, InputError, RecursionError):
            continue
    return learn_repeats(blocks)


def _resolve_format(fmt: str) -> str:
    name = fmt.strip().casefold()
    name = ALIASES.get(name, name)
    if name not in FORMATS:
        raise UnknownNameError("format", fmt, sorted(FORMATS))
    return name


def _stream_lines(path: Path, encoding: str, skip: int, info: FileInfo) -> Iterable[str]:
    """The lines of a large file, decoded as they are read; bad bytes replaced per line, with a note."""
    with path.open("rb") as handle:
        handle.seek(skip)
        if encoding.replace("-", "_").startswith(("utf_16", "utf_32")):
            yield from io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
            return
        bad: list[int] = []
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode(encoding)
            except UnicodeDecodeError:
                bad.append(number)
                yield raw.decode(encoding, errors="replace")
        if bad:
            shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
            info.notes.append(f"invalid {encoding} bytes replaced with U+FFFD on line {shown}")


def _finish(records: Iterable[Item | Reject], info: FileInfo) -> Iterator[Item | Reject]:
    """Split over-long items; note replaced bytes on the items that hold them."""
    for record in records:
        if isinstance(record, Reject):
            yield record
            continue
        for part in bounded(record):
            if info.notes and "\ufffd" in part.text + part.title:
                for note in info.notes:
                    add_note(part.sections, note)
            yield part


def read_source(
    path: str | Path,
    *,
    fmt: str | None = None,
    default_date: dt.date | None = None,
    info: FileInfo | None = None,
    **opts: object,
) -> Iterator[Item | Reject]:
    """Read one file into items and rejects. Raises InputError if the file is unreadable.

    ``opts`` go to the reader: ``columns`` and ``delimiter`` for CSV, ``columns`` for JSON.
    JSONL and CSV files larger than :data:`STREAM_THRESHOLD` are decoded and read line by line.
    Items longer than :data:`~newsgraph.loaders.itemtext.MAX_ITEM_CHARS` are split into parts.
    ``info``, when given, is filled with the format, encoding and reading notes.
    """
    path = Path(path)
    info = info if info is not None else FileInfo()
    name = _resolve_format(fmt) if fmt is not None else None
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError
        suffix_format = SUFFIXES.get(path.suffix.lower())
        streamable = (name or suffix_format) in ("jsonl", "csv")
        if size > STREAM_THRESHOLD and streamable:
            with path.open("rb") as handle:
                head = handle.read(1 << 20)
        else:
            head = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not head.strip():
        raise InputError(str(path), "empty file")
    if size > STREAM_THRESHOLD and streamable:
        encoding, skip = detect_encoding(path, head)
        info.format, info.encoding = name or suffix_format or "", encoding
        info.layout = _LAYOUTS.get(info.format, info.format)
        reader = FORMATS[info.format]
        lines = _stream_lines(path, encoding, skip, info)
        yield from _finish(reader(path, lines, default_date=default_date, **opts), info)
        return
    text, info.encoding, notes = decode_text(path, head)
    info.notes.extend(notes)
    if not text.strip() or not re.search(r"\S", text.replace("\ufeff", "")):
        raise InputError(str(path), "empty file")
    info.format = name or detect_format(path, text)
    if info.format == "markdown":
        repeats = opts.get("repeats")
        if not isinstance(repeats, frozenset):
            repeats = folder_repeats(str(path.parent.resolve()), path.suffix.lower())
        reading = analyse_markdown(path, text, repeats=repeats)
        info.layout, info.left_out = reading.layout, reading.left_out
        yield from _finish(reading_items(reading, path, default_date), info)
        return
    info.layout = text_layout(text) if info.format == "text" else _LAYOUTS[info.format]
    reader = FORMATS[info.format]
    yield from _finish(reader(path, text, default_date=default_date, **opts), info)
