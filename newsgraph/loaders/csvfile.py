"""Reader for CSV and TSV files of news rows.

Columns are named by a header row, matched case-insensitively in English or Chinese:

=========  ====================================================================
column     header names
=========  ====================================================================
date       date, published, published_at, pubdate, datetime, time, timestamp, 日期, 时间, 发布时间
url        url, link, href, source_url, 链接, 网址, 原文链接
urls       urls, links (several urls separated by spaces, ``;`` or ``|``)
title      title, headline, 标题, 新闻标题
text       text, content, body, summary, description, 内容, 正文, 摘要
lang       lang, language, 语言
source     source, publisher, 来源, 媒体 (kept in ``sections["source"]``)
=========  ====================================================================

Other named columns are kept in ``sections`` under their header. A file without a header
needs ``columns`` (CLI ``--columns date,url,title``); when it is not given the columns are
guessed from the first row (a date cell is ``date``, a URL cell is ``url``, the next cell is
``title``). A row with more cells than columns (an unquoted comma inside a title)
has the surplus joined back into the last text column (``text``, else ``title``) instead of
being rejected. A row with neither title nor text, or whose date cell is not a date, is a
:class:`~newsgraph.loaders.records.Reject` with ``location="line N"`` and the raw row. Rows are
read one at a time; the delimiter is a tab for ``.tsv`` and otherwise sniffed among ``, ; \\t |``.

>>> rows = ["2010-05-22,https://pizza.example/,Bitcoin Pizza Day\\r\\n"]
>>> rows.append("2011-06-11,https://x.org/w, Wikileaks, Accepts Bitcoin\\r\\n")
>>> for item in read_csv("news.csv", rows, columns=("date", "url", "title")):
...     print(item.date, item.url, item.title)
2010-05-22 https://pizza.example/ Bitcoin Pizza Day
2011-06-11 https://x.org/w Wikileaks, Accepts Bitcoin
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject, make_item, parse_date_value, resolve_date

__all__ = ["COLUMN_NAMES", "read_csv"]

#: header name (case-folded) -> field
COLUMN_NAMES: dict[str, str] = {
    **dict.fromkeys(
        ["date", "published", "published_at", "pubdate", "datetime", "time", "timestamp", "日期", "时间", "发布时间"],
        "date",
    ),
    **dict.fromkeys(["url", "link", "href", "source_url", "链接", "网址", "原文链接"], "url"),
    **dict.fromkeys(["urls", "links"], "urls"),
    **dict.fromkeys(["title", "headline", "标题", "新闻标题"], "title"),
    **dict.fromkeys(["text", "content", "body", "summary", "description", "内容", "正文", "摘要"], "text"),
    **dict.fromkeys(["lang", "language", "语言"], "lang"),
    **dict.fromkeys(["source", "publisher", "来源", "媒体"], "source"),
}
FIELDS = frozenset(COLUMN_NAMES.values())

_URL = re.compile(r"^(?:https?|ftp)://\S+$")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _lines(text: str | Iterable[str]) -> Iterable[str]:
    return io.StringIO(text, newline="") if isinstance(text, str) else text


def _is_date(cell: str) -> bool:
    try:
        return parse_date_value(cell) is not None and bool(re.match(r"^\s*\d{2,4}[-/.年]", cell))
    except ValueError:
        return False


def _guess_columns(row: list[str]) -> tuple[str, ...] | None:
    """Name the cells of a headerless first row: a date cell, a URL cell and the title.

    Cells after the title are taken for surplus pieces of the title (an unquoted comma).
    """
    names: list[str] = []
    for index, cell in enumerate(row):
        cell = cell.strip()
        if "date" not in names and _is_date(cell):
            names.append("date")
        elif "url" not in names and _URL.match(cell):
            names.append("url")
        elif "title" not in names:
            names.append("title")
        else:
            names.append(f"column {index + 1}")
    if "title" not in names or not ({"date", "url"} & set(names)):
        return None
    while names[-1].startswith("column "):
        names.pop()
    return tuple(names)


#: a quoted field may run over this many lines (or characters) before it is taken for a runaway
MAX_RECORD_LINES = 200
MAX_RECORD_CHARS = 1 << 22


def _quote_state(line: str, sep: str, quoted: bool) -> bool:
    """Whether a quoted field is still open at the end of ``line`` (linear; quotes found with str.find).

    A quote opens a field only at the start of a field; inside a quoted field ``""`` is a quote.
    """
    pos, n = 0, len(line)
    while pos < n:
        if quoted:
            found = line.find('"', pos)
            if found == -1:
                return True
            if found + 1 < n and line[found + 1] == '"':
                pos = found + 2
                continue
            quoted, pos = False, found + 1
            continue
        at_start = pos == 0 or line[pos - 1] == sep
        if at_start and line.startswith('"', pos):
            quoted, pos = True, pos + 1
            continue
        found = line.find(sep, pos)
        if found == -1:
            return False
        pos = found + 1
    return quoted


def _records(lines: Iterator[str], sep: str, width: int | None) -> Iterator[tuple[int, str, str | None]]:
    """``(first line number, raw record, problem)``: physical lines joined while a quoted field is open.

    A quoted field that is still open after :data:`MAX_RECORD_LINES` lines, or whose following
    lines each look like a complete row of their own (``width`` cells, no open quote), is a
    runaway: its first line is given back with a problem and reading goes on at the next line.
    """
    pending: list[str] = []
    number = 0
    queue: list[tuple[int, str]] = []
    source = iter(lines)

    def pull() -> tuple[int, str] | None:
        nonlocal number
        if queue:
            return queue.pop(0)
        line = next(source, None)
        if line is None:
            return None
        number += 1
        return number, line

    while (first := pull()) is not None:
        start, line = first
        if '"' not in line or not _quote_state(line, sep, False):
            yield start, line, None
            continue
        pending = [line]
        taken: list[tuple[int, str]] = []
        whole_rows = 0
        closed = False
        size = len(line)
        while len(taken) < MAX_RECORD_LINES and size < MAX_RECORD_CHARS:
            nxt = pull()
            if nxt is None:
                break
            taken.append(nxt)
            size += len(nxt[1])
            if width and nxt[1].count(sep) + 1 >= width and not _quote_state(nxt[1], sep, False):
                whole_rows += 1
            if not _quote_state(nxt[1], sep, True):
                closed = True
                break
        if closed and whole_rows < 2:
            yield start, "".join(pending + [t[1] for t in taken]), None
            continue
        yield start, line, "a quoted field that never closes (unbalanced quote); the next lines are read as rows"
        queue = taken + queue


def _header(row: list[str]) -> tuple[str, ...] | None:
    """The fields of a header row, or None when the row is data."""
    names = [cell.strip().lstrip("\ufeff").casefold() for cell in row]
    known = [COLUMN_NAMES.get(name) for name in names]
    if not any(field in ("title", "text") for field in known):
        return None
    return tuple(field or row[index].strip() or f"column {index + 1}" for index, field in enumerate(known))


def _fit(cells: list[str], columns: Sequence[str]) -> list[str]:
    """Join surplus cells into the last text column (title or text); pad short rows."""
    if len(cells) <= len(columns):
        return cells + [""] * (len(columns) - len(cells))
    flexible = max((i for i, name in enumerate(columns) if name in ("title", "text")), default=len(columns) - 1)
    surplus = len(cells) - len(columns)
    joined = ",".join(cells[flexible : flexible + surplus + 1])
    return [*cells[:flexible], joined, *cells[flexible + surplus + 1 :]]


def _delimiter(path: Path, first: str, delimiter: str | None) -> str:
    if delimiter:
        return "\t" if delimiter in ("\\t", "tab") else delimiter
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: first.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    path: str | Path,
    text: str | Iterable[str],
    *,
    default_date: dt.date | None = None,
    columns: Sequence[str] | str | None = None,
    delimiter: str | None = None,
    **_opts: object,
) -> Iterator[Item | Reject]:
    """Read CSV/TSV rows into items and rejects (see the module docstring for the rules).

    ``columns`` names the columns of a headerless file (a sequence or ``"date,url,title"``);
    ``text`` may be the decoded file or an iterable of its lines.
    """
    path = Path(path)
    if isinstance(columns, str):
        columns = [name.strip() for name in columns.split(",")]
    if columns is not None:
        columns = tuple(COLUMN_NAMES.get(name.casefold(), name) for name in columns)
    lines = iter(_lines(text))
    skipped = 0
    first = next(lines, None)
    while first is not None and not first.strip():
        skipped += 1
        first = next(lines, None)
    if first is None:
        return
    sep = _delimiter(path, first, delimiter)
    width = len(columns) if columns is not None else len(next(csv.reader([first], delimiter=sep), []))
    header_checked = columns is not None
    for number, raw_record, problem in _records(itertools.chain([first], lines), sep, width):
        start_line = number + skipped
        raw = raw_record.rstrip("\r\n")
        if problem is not None:
            yield Reject(source=str(path), location=f"line {start_line}", reason=problem, raw=raw[:10000])
            continue
        try:
            row = next(csv.reader([raw_record], delimiter=sep), [])
        except csv.Error as exc:
            yield Reject(source=str(path), location=f"line {start_line}", reason=f"not a CSV row: {exc}", raw=raw)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if not header_checked:
            header_checked = True
            header = _header(row)
            if header is not None:
                columns = header
                width = len(columns)
                continue
            columns = _guess_columns(row)
            if columns is None:
                yield Reject(
                    source=str(path),
                    location=f"line {start_line}",
                    reason="no header row naming title/text columns; name them with --columns (e.g. date,url,title)",
                    raw=raw,
                )
                return
        assert columns is not None
        yield _row_to_item(path, dict(zip(columns, _fit(row, columns), strict=True)), start_line, raw, default_date)


def _row_to_item(path: Path, row: dict[str, str], line: int, raw: str, default_date: dt.date | None) -> Item | Reject:
    location = f"line {line}"
    values = {name: value.strip() for name, value in row.items()}
    title, body = values.get("title", ""), values.get("text", "")
    if not title and not body:
        return Reject(source=str(path), location=location, reason="row has neither a title nor a text", raw=raw)
    try:
        own_date = parse_date_value(values.get("date"))
    except ValueError:
        return Reject(source=str(path), location=location, reason=f"date {values['date']!r} is not a date", raw=raw)
    urls = [u for u in re.split(r"[\s;|]+", values.get("urls", "")) if _URL.match(u)]
    url = values.get("url") or None
    if url and not _URL.match(url):
        return Reject(source=str(path), location=location, reason=f"url {url!r} is not a URL", raw=raw)
    if url and url not in urls:
        urls.insert(0, url)
    lang = values.get("lang", "")[:2].casefold()
    sections = {
        name: value for name, value in values.items() if value and name not in FIELDS - {"source"} and name != "urls"
    }
    return make_item(
        path,
        text=body or title,
        title=title,
        location=location,
        url=urls[0] if urls else None,
        urls=urls,
        date=resolve_date(own_date, default_date, path),
        lang=lang if lang in ("zh", "en") else None,
        sections=sections,
    )
