"""Reader for the seed-style daily digest (the format of ``seeds/``).

The digest is plain text in sections::

    <intro paragraph>
    今日三件事            (headline list: "- ..." lines)
    逐条速记              (blocks: a title line, then field lines 发生了什么/我在意的点/可能的影响/原文/日期)
    我自己的判断          (the author's view)
    明天我会继续盯        (the watch list)

Field and section labels are recognised in simplified Chinese, in traditional Chinese (any
traditional spelling: labels are compared after OpenCC's traditional-to-simplified conversion)
and in English, case-insensitively. Labels may be decorated as Markdown (``## 今日三件事``,
``**发生了什么**：``, ``- 原文: [title](url)``); the decoration is dropped, and links become the
item's ``url``/``urls``. A file that starts with YAML front matter has it skipped.

A block's date is its own 日期 line; otherwise the digest's date (``default_date``, else the
file name's date, else the front matter's date, else the latest date written in the file).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.graph.model import Item, to_simplified
from newsgraph.loaders.records import Reject, date_from_name, make_item, parse_date, parse_date_value

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
    "发生了啥": "what",
    "事件": "what",
    "what's new": "what",
    "what happened?": "what",
    "为什么重要": "why",
    "why this matters": "why",
    "why i care about it": "why",
    "影响": "impact",
    "可能影响": "impact",
    "潜在影响": "impact",
    "potential impact": "impact",
    "likely impact": "impact",
    "来源": "source",
    "原文链接": "source",
    "sources": "source",
    "original": "source",
    "link": "source",
    "发布日期": "date",
    "published": "date",
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
    "what i’m watching tomorrow": "watch",
    "watching tomorrow": "watch",
    "今日要点": "headline",
    "今天三件事": "headline",
    "today's top 3": "headline",
    "three things": "headline",
    "top three today": "headline",
    "速记": "news",
    "逐条": "news",
    "notes": "news",
    "news in brief": "news",
    "我的判断": "view",
    "我自己的看法": "view",
    "my view": "view",
    "my judgment": "view",
    "my judgement": "view",
    "明天继续盯": "watch",
    "明天我会盯": "watch",
    "明天关注": "watch",
    "tomorrow i'll keep watching": "watch",
    "what i'll watch tomorrow": "watch",
    "watch list": "watch",
}

_FIELD_RE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?\s*(?P<label>"
    + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True))
    + r")\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_DECORATION = re.compile(r"^[\s#>*_\-•]+|[\s*_:：]+$")
_MARKUP = re.compile(r"[\[*_`<]|^\s*#")


def _section_of(line: str) -> str | None:
    """The Item.kind of a section heading line (``今日三件事``, ``## 明天我會繼續盯``, ``My take:``)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 48:
        return None
    key = _DECORATION.sub("", stripped).casefold()
    if key in SECTIONS:
        return SECTIONS[key]
    return SECTIONS.get(to_simplified(key)) if len(key) <= 10 else None


def _field_of(line: str) -> tuple[str, str] | None:
    head = line[:40]
    if ":" not in head and "：" not in head:
        return None
    match = _FIELD_RE.match(line)
    if not match and any(ord(ch) >= 0x3400 for ch in head):
        simplified = to_simplified(head)
        if len(simplified) == len(head):  # t2s keeps lengths for labels; the value stays as written
            match = _FIELD_RE.match(simplified + line[40:])
            if match:
                return FIELDS[match["label"].casefold()], line[match.start("value") :].strip()
    if not match:
        return None
    return FIELDS[match["label"].casefold()], match["value"].strip()


def looks_like_digest(text: str) -> bool:
    """True when the text carries this format's structure.

    Two section headings, or one heading and a what/why/impact field line, or two different
    such field labels in a file without Markdown headings (a Markdown report whose headed items
    carry ``**Impact**:`` fields is read as Markdown). Generic labels (原文, source, date) alone
    are not enough: Markdown notes have them too.

    >>> looks_like_digest("今日三件事\\n- a\\n明天我會繼續盯\\n- b")
    True
    >>> looks_like_digest("Source: Reuters\\nDate: 2026-01-09")
    False
    """
    sections = 0
    kinds: set[str] = set()
    headings = 0
    for line in text.splitlines()[:2000]:
        if _section_of(line):
            sections += 1
        elif (field := _field_of(line)) is not None and field[0] in ("what", "why", "impact"):
            kinds.add(field[0])
        elif re.match(r"^ {0,3}#{1,6}\s", line):
            headings += 1
        if sections >= 2 or (sections and kinds):
            return True
    # field labels alone: two different ones, in a file that is not a Markdown report of headed items
    return len(kinds) >= 2 and not sections and headings < 2


def _plain(line: str, urls: list[str]) -> str:
    """A line with its Markdown decoration dropped (links kept in ``urls``); plain lines as they are."""
    if not _MARKUP.search(line):
        return line
    from newsgraph.loaders.markdown import markdown_to_text

    return markdown_to_text(re.sub(r"^\s*#{1,6}\s*", "", line), urls)


def _digest_date(
    path: Path, lines: list[str], default_date: dt.date | None, meta_date: dt.date | None = None
) -> dt.date | None:
    if default_date:
        return default_date
    if (named := date_from_name(path)) is not None:
        return named
    if meta_date is not None:
        return meta_date
    dates = [d for line in lines if (d := parse_date(line))]
    return max(dates) if dates else None


def read_digest(
    path: str | Path, text: str, *, default_date: dt.date | None = None, **_opts: object
) -> Iterator[Item | Reject]:
    """Split a digest into items: intro, headlines, each detailed block, view, watch list."""
    path = Path(path)
    lines = text.lstrip("\ufeff").splitlines()
    meta_date = None
    if lines and lines[0].strip() in ("---", "+++"):
        from newsgraph.loaders.markdown import split_front_matter

        meta, start, _error = split_front_matter("\n".join(lines))
        lines = [""] * start + lines[start:]  # keep line numbers
        try:
            meta_date = parse_date_value(meta.get("date"))
        except ValueError:
            meta_date = None
    digest_date = _digest_date(path, lines, default_date, meta_date)

    # Group lines into (kind, start_line, lines) chunks at section headings.
    chunks: list[tuple[str, int, list[str]]] = [("intro", 1, [])]
    for number, line in enumerate(lines, start=1):
        kind = _section_of(line)
        if kind:
            chunks.append((kind, number + 1, []))
        elif line.strip():
            chunks[-1][2].append((number, line))  # type: ignore[arg-type]

    for kind, _start, body in chunks:
        if not body:
            continue
        if kind == "news":
            yield from _read_blocks(path, body, digest_date)
        else:
            urls: list[str] = []
            text_lines = [_plain(line, urls) for _, line in body]
            section_text = "\n".join(line for line in text_lines if line.strip())
            if not section_text.strip():
                continue  # only decoration (a lone "#", a rule): nothing to read
            yield make_item(
                path,
                title="",
                text=section_text,
                location=f"line {body[0][0]}",
                url=urls[0] if urls else None,
                urls=urls,
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
                raw="\n".join([title, *raw_lines]),
            )
            continue
        urls: list[str] = []
        sections: dict[str, str] = {}
        for key, value in fields:
            value = _plain(value, urls)
            sections[key] = f"{sections[key]}\n{value}" if key in sections else value
        own_date = parse_date(sections.get("date", ""))
        block_title = _plain(title, urls)
        block_text = "\n".join(_plain(line, urls) for line in raw_lines).strip() or block_title
        if not block_text.strip():
            yield Reject(
                source=str(path), location=f"line {number}", reason="a block with no text", raw="\n".join(raw_lines)
            )
            continue
        yield make_item(
            path,
            title=block_title,
            text=block_text,
            location=f"line {number}",
            url=urls[0] if urls else None,
            urls=urls,
            date=own_date or digest_date,
            kind="news",
            sections=sections,
        )
