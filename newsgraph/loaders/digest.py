"""Reader for the seed-style daily digest (the format of ``seeds/``).

The digest is plain text in sections::

    <intro paragraph>
    今日三件事            (headline list: "- ..." lines)
    逐条速记              (blocks: a title line, then field lines 发生了什么/我在意的点/可能的影响/原文/日期)
    我自己的判断          (the author's view)
    明天我会继续盯        (the watch list)

Field and section labels are recognised in simplified and traditional Chinese and in
English. A block's date is its own 日期 line; otherwise the digest's date (``default_date``,
else the file name's date, else the latest date written in the file).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject, date_from_name, make_item, parse_date

__all__ = ["FIELDS", "SECTIONS", "looks_like_digest", "read_digest"]

#: field label -> section key of Item.sections
FIELDS: dict[str, str] = {
    "发生了什么": "what",
    "發生了什麼": "what",
    "what happened": "what",
    "我在意的点": "why",
    "我在意的點": "why",
    "why it matters": "why",
    "why i care": "why",
    "可能的影响": "impact",
    "可能的影響": "impact",
    "possible impact": "impact",
    "impact": "impact",
    "原文": "source",
    "source": "source",
    "日期": "date",
    "date": "date",
}

#: section heading -> Item.kind
SECTIONS: dict[str, str] = {
    "今日三件事": "headline",
    "今日三件事情": "headline",
    "three things today": "headline",
    "top 3 today": "headline",
    "逐条速记": "news",
    "逐條速記": "news",
    "quick notes": "news",
    "the details": "news",
    "我自己的判断": "view",
    "我自己的判斷": "view",
    "my take": "view",
    "my own view": "view",
    "明天我会继续盯": "watch",
    "明天我會繼續盯": "watch",
    "what i'm watching tomorrow": "watch",
    "watching tomorrow": "watch",
}

_FIELD_RE = re.compile(
    r"^\s*(?P<label>" + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) + r")\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def _section_of(line: str) -> str | None:
    key = line.strip().strip("#*").strip().rstrip(":：").casefold()
    return SECTIONS.get(key)


def _field_of(line: str) -> tuple[str, str] | None:
    match = _FIELD_RE.match(line)
    if not match:
        return None
    return FIELDS[match["label"].casefold()], match["value"].strip()


def looks_like_digest(text: str) -> bool:
    """True when at least two section headings or field labels of this format appear."""
    lines = text.splitlines()
    hits = sum(1 for line in lines if _section_of(line) or _field_of(line))
    return hits >= 2


def _digest_date(path: Path, lines: list[str], default_date: dt.date | None) -> dt.date | None:
    if default_date:
        return default_date
    if (named := date_from_name(path)) is not None:
        return named
    dates = [d for line in lines if (d := parse_date(line))]
    return max(dates) if dates else None


def read_digest(path: str | Path, text: str, *, default_date: dt.date | None = None) -> Iterator[Item | Reject]:
    """Split a digest into items: intro, headlines, each detailed block, view, watch list."""
    path = Path(path)
    lines = text.splitlines()
    digest_date = _digest_date(path, lines, default_date)

    # Group lines into (kind, start_line, lines) chunks at section headings.
    chunks: list[tuple[str, int, list[str]]] = [("intro", 1, [])]
    for number, line in enumerate(lines, start=1):
        kind = _section_of(line)
        if kind:
            chunks.append((kind, number + 1, []))
        elif line.strip():
            chunks[-1][2].append((number, line))  # type: ignore[arg-type]

    for kind, start, body in chunks:
        if not body:
            continue
        if kind == "news":
            yield from _read_blocks(path, body, digest_date)
        else:
            text_lines = [line for _, line in body]
            yield make_item(
                path,
                title="",
                text="\n".join(text_lines),
                location=f"line {body[0][0]}",
                date=digest_date,
                kind=kind,
            )


def _read_blocks(path: Path, body: list[tuple[int, str]], digest_date: dt.date | None) -> Iterator[Item | Reject]:
    """Blocks start at a non-field line; field lines (and continuation lines) follow it."""
    blocks: list[tuple[int, str, list[tuple[str, str]], list[str]]] = []
    for number, line in body:
        field = _field_of(line)
        if field is None:
            if blocks and not blocks[-1][2]:
                blocks[-1][3].append(line)  # a second title line before any field
                continue
            blocks.append((number, line.strip(), [], []))
        elif not blocks:
            blocks.append((number, "", [field], [line.strip()]))
        else:
            blocks[-1][2].append(field)
            blocks[-1][3].append(line.strip())
    for number, title, fields, raw_lines in blocks:
        if not fields:
            yield Reject(
                source=str(path),
                location=f"line {number}",
                reason="a block title with no field lines (发生了什么/我在意的点/可能的影响/原文/日期) under it",
                raw=title,
            )
            continue
        sections: dict[str, str] = {}
        for key, value in fields:
            sections[key] = f"{sections[key]}\n{value}" if key in sections else value
        own_date = parse_date(sections.get("date", ""))
        yield make_item(
            path,
            title=title,
            text="\n".join(raw_lines),
            location=f"line {number}",
            date=own_date or digest_date,
            kind="news",
            sections=sections,
        )
