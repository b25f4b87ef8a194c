"""Reader for JSON Lines: one JSON object a line, checked against :data:`RECORD_SCHEMA`.

Fields (keys are matched case-insensitively; unknown keys with a short scalar value are kept in
``Item.sections``, others are ignored):

==========  ===========================================  ===============================
field       type                                         becomes
==========  ===========================================  ===============================
``text``    string, required (or ``content``/``summary``)  ``Item.text``
``title``   string                                       ``Item.title``
``url``     string                                       ``Item.url`` (first of ``urls``)
``urls``    list of strings                              ``Item.urls``
``date``    string (ISO 8601, RFC 2822, 2026年1月9日)     ``Item.date``
``lang``    ``zh`` / ``en`` (``zh-CN``, ``en_US`` ...)    ``Item.lang`` (else detected)
``source``  string (the publisher)                       ``sections["source"]``
``id``      string or integer                            ``sections["record_id"]``
==========  ===========================================  ===============================

A line that is not JSON, not an object, misses its text, has a field of the wrong type or a
date that is not a date becomes a :class:`~newsgraph.loaders.records.Reject` with
``location="line N"`` and the raw line; the other lines are read. Blank lines and ``//`` or
``#`` comment lines are skipped. A file whose first character is ``[`` is read as a JSON array
of such objects, and a file of pretty-printed objects one after another is read too
(``location`` is then the line where each object starts).

>>> lines = ['{"title": "Render joins DePIN alliance", "text": "...", "date": "2026-01-09"}', '{"title": "x"}']
>>> items = list(read_jsonl("feed.jsonl", lines))
>>> items[0].date, items[1].reason
(datetime.date(2026, 1, 9), "a record needs 'text' (or 'content' or 'summary')")
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from jsonschema import Draft202012Validator

from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject, make_item, parse_date_value, resolve_date

__all__ = ["RECORD_SCHEMA", "read_jsonl"]

TEXT_FIELDS = ("text", "content", "summary")

#: JSON Schema (draft 2020-12) of one record; ``docs/formats.md`` shows it too.
RECORD_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "newsgraph JSON Lines record",
    "type": "object",
    "properties": {
        "id": {"type": ["string", "integer"]},
        "title": {"type": ["string", "null"]},
        "text": {"type": ["string", "null"]},
        "content": {"type": ["string", "null"]},
        "summary": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]},
        "urls": {"type": ["array", "null"], "items": {"type": "string"}},
        "date": {"type": ["string", "null"]},
        "lang": {"type": ["string", "null"], "pattern": "^(?i:zh|en)([-_][A-Za-z0-9]+)*$"},
        "source": {"type": ["string", "null"]},
    },
    "anyOf": [{"required": [name], "properties": {name: {"type": "string", "pattern": r"\S"}}} for name in TEXT_FIELDS],
}

_VALIDATOR = Draft202012Validator(RECORD_SCHEMA)


def _reason(record: dict) -> str | None:
    """The first schema violation in words, or None."""
    errors = sorted(_VALIDATOR.iter_errors(record), key=lambda e: (len(e.path) == 0, list(e.path)))
    if not errors:
        return None
    error = errors[0]
    if error.validator == "anyOf" and not error.path:
        return "a record needs 'text' (or 'content' or 'summary')"
    if error.validator == "type" and not error.path:
        return f"a record must be a JSON object, not {type(record).__name__}"
    field = ".".join(str(part) for part in error.path)
    if error.validator == "pattern" and field == "lang":
        return f"field 'lang' is {error.instance!r}; newsgraph reads zh and en"
    return f"field {field!r}: {error.message}"


def _record_to_item(path: Path, record: object, location: str, raw: str, default_date: dt.date | None) -> Item | Reject:
    if not isinstance(record, dict):
        kind = "array" if isinstance(record, list) else type(record).__name__
        return Reject(
            source=str(path), location=location, reason=f"a record must be a JSON object, not {kind}", raw=raw
        )
    fields = {str(key).casefold(): value for key, value in record.items()}
    if (reason := _reason(fields)) is not None:
        return Reject(source=str(path), location=location, reason=reason, raw=raw)
    try:
        own_date = parse_date_value(fields.get("date"))
    except ValueError:
        return Reject(
            source=str(path), location=location, reason=f"field 'date' is not a date: {fields['date']!r}", raw=raw
        )
    text = next(fields[name] for name in TEXT_FIELDS if isinstance(fields.get(name), str) and fields[name].strip())
    urls = [u for u in (fields.get("urls") or []) if u.strip()]
    url = (fields.get("url") or "").strip() or (urls[0] if urls else None)
    if url and url not in urls:
        urls.insert(0, url)
    sections: dict[str, str] = {}
    if fields.get("source"):
        sections["source"] = fields["source"]
    if fields.get("id") is not None:
        sections["record_id"] = str(fields["id"])
    for name in TEXT_FIELDS:
        if isinstance(fields.get(name), str) and fields[name].strip() and fields[name] is not text:
            sections[name] = fields[name]
    for key, value in fields.items():
        if key not in RECORD_SCHEMA["properties"] and isinstance(value, str | int | float) and len(str(value)) <= 500:
            sections.setdefault(key, str(value))
    lang = fields.get("lang")
    return make_item(
        path,
        text=text,
        title=fields.get("title") or "",
        location=location,
        url=url,
        urls=urls,
        date=resolve_date(own_date, default_date, path),
        lang=lang[:2].lower() if lang else None,
        sections=sections,
    )


def _lines(text: str | Iterable[str]) -> Iterable[str]:
    return io.StringIO(text, newline="") if isinstance(text, str) else text


def read_jsonl(
    path: str | Path, text: str | Iterable[str], *, default_date: dt.date | None = None, **_opts: object
) -> Iterator[Item | Reject]:
    """Read JSON Lines (or a JSON array, or concatenated objects) into items and rejects.

    ``text`` may be the whole decoded file or an iterable of its lines (``read_source`` streams
    large files that way); records are read and yielded one at a time.
    """
    path = Path(path)
    numbered = enumerate(_lines(text), start=1)
    for number, line in numbered:
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or stripped.startswith(("//", "#")):
            continue
        if stripped.startswith("[") or (stripped.startswith("{") and not stripped.endswith("}")):
            yield from _read_values(path, itertools.chain([(number, line)], numbered), default_date)
            return
        yield from _read_line(path, stripped, number, default_date)
        break
    for number, line in numbered:
        stripped = line.strip()
        if stripped and not stripped.startswith(("//", "#")):
            yield from _read_line(path, stripped, number, default_date)


def _read_line(path: Path, line: str, number: int, default_date: dt.date | None) -> Iterator[Item | Reject]:
    location = f"line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} (column {exc.colno})"
        yield Reject(source=str(path), location=location, reason=reason, raw=line)
        return
    yield _record_to_item(path, record, location, line, default_date)


_MAX_PENDING = 1 << 20


def _read_values(path: Path, lines: Iterator[tuple[int, str]], default_date: dt.date | None) -> Iterator[Item | Reject]:
    """A JSON array or a run of pretty-printed objects, decoded value by value as lines arrive.

    A value that does not decode is reported when the next object starts at the beginning of
    a line (or at the end of the file), and reading goes on from there.
    """
    decoder = json.JSONDecoder()
    buffer, first_line, column = "", 1, 0  # column: where the pending value starts in its line
    error: json.JSONDecodeError | None = None

    def reject() -> Reject:
        where = f" at line {first_line + error.lineno - 1}" if error is not None else ""
        reason = f"not valid JSON: {error.msg if error is not None else 'incomplete value'}{where}"
        return Reject(source=str(path), location=f"line {first_line}", reason=reason, raw=buffer.strip()[:10000])

    for number, line in lines:
        opens = line.lstrip().startswith("{") and len(line) - len(line.lstrip()) <= column
        if buffer and error is not None and (opens or len(buffer) > _MAX_PENDING):
            yield reject()
            buffer, error = "", None
        if not buffer:
            first_line, column = number, 0
        buffer += line if line.endswith("\n") else line + "\n"
        while True:
            stripped = buffer.lstrip(" \t\r\n,[]\ufeff")
            removed = buffer[: len(buffer) - len(stripped)]
            first_line += removed.count("\n")
            column = len(removed) - removed.rfind("\n") - 1 if "\n" in removed else column + len(removed)
            buffer = stripped
            if not buffer:
                break
            try:
                value, end = decoder.raw_decode(buffer)
            except json.JSONDecodeError as exc:
                error = exc
                break
            error = None
            raw = buffer[:end]
            yield _record_to_item(path, value, f"line {first_line}", raw, default_date)
            first_line += raw.count("\n")
            column = len(raw) - raw.rfind("\n") - 1 if "\n" in raw else column + len(raw)
            buffer = buffer[end:]
    if buffer.strip():
        yield reject()
