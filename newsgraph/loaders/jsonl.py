"""Reader for JSON Lines: one JSON object a line (or a JSON array of objects, or pretty-printed objects).

Fields are read by what they mean, not by fixed keys (:mod:`~newsgraph.loaders.recordfields`):

==========  ===========================================================  ===========================
meaning     keys (case-insensitive; also by their words: ``title_en``)   becomes
==========  ===========================================================  ===========================
text        text, content, body, content_markdown, markdown, doc, 正文,    ``Item.text``
            内容, summary, description, abstract, 摘要 ...
title       title, name, headline, subject, 标题, 新闻标题 ...                ``Item.title``
url         url, link, href, permalink, 链接 ..., or source holding a URL  ``Item.url``
urls        urls, links (a list of strings)                              ``Item.urls``
date        date, time, published, published_at, created_at, 日期, 时间 ...  ``Item.date``
lang        lang, language (``zh``/``en``, ``zh-CN`` ...)                 ``Item.lang`` (else detected)
source      source (not a URL), publisher, site, media, 来源 ...           ``sections["source"]``
id          id, record_id, uid                                           ``sections["record_id"]``
==========  ===========================================================  ===========================

``columns`` (CLI ``--columns title=headline_en,text=body``) names the key of a meaning itself. A
record needs a title or a text (a title alone is also its text). A text that is a Markdown
digest (``content_markdown``: headings, lists) is split into items like a Markdown file, each
dated by the record's date unless it carries its own. Other keys with a short scalar value are
kept in ``Item.sections``; others are ignored.

A line that is not JSON (or nests deeper than Python can read), is not an object, has neither
title nor text, has a field of the wrong type, a date that is not a date or a language other
than zh/en becomes a :class:`~newsgraph.loaders.records.Reject` with ``location="line N"`` and
the raw line; the other lines are read. Blank lines and ``//`` or ``#`` comment lines are
skipped. A file whose first character is ``[`` is read as a JSON array of such objects, and a
file of pretty-printed objects one after another is read too (``location`` is then the line
where each object starts).

>>> lines = ['{"title": "Render joins DePIN alliance", "text": "...", "date": "2026-01-09"}', '{"id": 2}']
>>> items = list(read_jsonl("feed.jsonl", lines))
>>> items[0].date, items[1].reason
(datetime.date(2026, 1, 9), 'a record needs a title or a text (title/name/headline..., text/content/summary...)')
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.recordfields import FieldError, map_record, parse_columns, title_word
from newsgraph.loaders.records import Reject, make_item, parse_date_value, resolve_date

__all__ = ["read_jsonl"]

_MARKDOWN_SHAPE = re.compile(r"^ {0,3}(#{1,6} |\d{1,3}\. |[-*] )", re.MULTILINE)


def _is_markdown(key: str, text: str) -> bool:
    """A text field holding a Markdown digest: a markdown key, or several headings / list entries."""
    if "\n" not in text:
        return False
    return "markdown" in key or len(_MARKDOWN_SHAPE.findall(text[:200000])) >= 3


def _reject(path: Path, location: str, reason: str, raw: str) -> Reject:
    return Reject(source=str(path), location=location, reason=reason, raw=raw[:10000])


def _record_items(
    path: Path, record: object, location: str, raw: str, default_date: dt.date | None, columns: Mapping[str, str]
) -> Iterator[Item | Reject]:
    if not isinstance(record, dict):
        kind = "array" if isinstance(record, list) else type(record).__name__
        yield _reject(path, location, f"a record must be a JSON object, not {kind}", raw)
        return
    try:
        mapped = map_record(record, columns)
    except FieldError as exc:
        yield _reject(path, location, str(exc), raw)
        return
    values = mapped.values
    text, title = values.get("text"), values.get("title")
    if not isinstance(text, str) and not isinstance(title, str):
        reason = "a record needs a title or a text (title/name/headline..., text/content/summary...)"
        yield _reject(path, location, reason, raw)
        return
    try:
        own_date = parse_date_value(values.get("date") if not isinstance(values.get("date"), int | float) else None)
    except ValueError:
        yield _reject(path, location, f"field {mapped.keys['date']!r} is not a date: {values['date']!r}", raw)
        return
    lang = str(values.get("lang") or "")
    if lang and not re.match(r"^(?i:zh|en)([-_][A-Za-z0-9]+)*$", lang):
        yield _reject(path, location, f"field 'lang' is {lang!r}; newsgraph reads zh and en", raw)
        return
    urls = [u.strip() for u in values.get("urls") or [] if u.strip()]  # type: ignore[union-attr]
    url = str(values.get("url") or "").strip() or (urls[0] if urls else None)
    if url and url not in urls:
        urls.insert(0, url)
    sections: dict[str, str] = {}
    if values.get("source") is not None:
        sections["source"] = str(values["source"])
    if values.get("id") is not None:
        sections["record_id"] = str(values["id"])
    for key, value in mapped.others.items():
        if isinstance(value, str) and value.strip() and title_word(key) and "title_alt" not in sections:
            sections["title_alt"] = value.strip()  # headline.zh beside headline.en: the other language
            continue
        if isinstance(value, str | int | float) and not isinstance(value, bool) and len(str(value)) <= 500:
            sections.setdefault(key, str(value))
        elif isinstance(value, str) and value.strip():
            sections.setdefault(key, value[:500])
    date = resolve_date(own_date, default_date, path)
    if isinstance(text, str) and _is_markdown(mapped.text_key, text):
        yield from _markdown_items(path, text, location, date, url, title, sections)
        return
    yield make_item(
        path,
        text=text if isinstance(text, str) else str(title),
        title=title if isinstance(title, str) else "",
        location=location,
        url=url,
        urls=urls,
        date=date,
        lang=lang[:2].lower() if lang else None,
        sections=sections,
    )


def _markdown_items(
    path: Path,
    text: str,
    location: str,
    date: dt.date | None,
    url: str | None,
    title: object,
    sections: dict[str, str],
) -> Iterator[Item | Reject]:
    """The items of a Markdown digest held in one field (each located as ``line N, line M of the field``)."""
    from newsgraph.loaders.markdown import read_markdown

    for found in read_markdown(path, text, default_date=date):
        where = f"{location}, {found.location} of the text" if found.location else location
        if isinstance(found, Reject):
            yield found.model_copy(update={"location": where})
            continue
        extra = {**sections, **found.sections}
        if isinstance(title, str) and title:
            extra.setdefault("document", title)
        urls = found.urls or ([url] if url else [])
        yield make_item(
            path,
            text=found.text,
            title=found.title,
            location=where,
            url=urls[0] if urls else None,
            urls=urls,
            date=found.date,
            lang=found.lang,
            kind=found.kind,
            sections=extra,
        )


def _lines(text: str | Iterable[str]) -> Iterable[str]:
    return io.StringIO(text, newline="") if isinstance(text, str) else text


def read_jsonl(
    path: str | Path,
    text: str | Iterable[str],
    *,
    default_date: dt.date | None = None,
    columns: object = None,
    **_opts: object,
) -> Iterator[Item | Reject]:
    """Read JSON Lines (or a JSON array, or concatenated objects) into items and rejects.

    ``text`` may be the whole decoded file or an iterable of its lines (``read_source`` streams
    large files that way); records are read and yielded one at a time. ``columns`` maps
    meanings to keys (``"title=headline_en,text=body"``).
    """
    path = Path(path)
    forced = parse_columns(columns)  # type: ignore[arg-type]
    numbered = enumerate(_lines(text), start=1)
    for number, line in numbered:
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or stripped.startswith(("//", "#")):
            continue
        if stripped.startswith("[") or (stripped.startswith("{") and not stripped.endswith("}")):
            yield from _read_values(path, itertools.chain([(number, line)], numbered), default_date, forced)
            return
        yield from _read_line(path, stripped, number, default_date, forced)
        break
    for number, line in numbered:
        stripped = line.strip()
        if stripped and not stripped.startswith(("//", "#")):
            yield from _read_line(path, stripped, number, default_date, forced)


def _read_line(
    path: Path, line: str, number: int, default_date: dt.date | None, columns: Mapping[str, str]
) -> Iterator[Item | Reject]:
    location = f"line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} (column {exc.colno})"
        yield _reject(path, location, reason, line)
        return
    except RecursionError:
        yield _reject(path, location, "not readable JSON: values nested too deeply", line)
        return
    try:
        yield from _record_items(path, record, location, line, default_date, columns)
    except RecursionError:
        yield _reject(path, location, "record nested too deeply to read", line)


_MAX_PENDING = 1 << 20


def _read_values(
    path: Path, lines: Iterator[tuple[int, str]], default_date: dt.date | None, columns: Mapping[str, str]
) -> Iterator[Item | Reject]:
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
            except RecursionError:
                error = json.JSONDecodeError("values nested too deeply", buffer, 0)
                break
            error = None
            raw = buffer[:end]
            try:
                yield from _record_items(path, value, f"line {first_line}", raw, default_date, columns)
            except RecursionError:
                yield _reject(path, f"line {first_line}", "record nested too deeply to read", raw)
            first_line += raw.count("\n")
            column = len(raw) - raw.rfind("\n") - 1 if "\n" in raw else column + len(raw)
            buffer = buffer[end:]
    if buffer.strip():
        yield reject()
