"""Reader for plain text: a line format repeated down the file, pairs of paragraphs in two languages,
or paragraphs.

Layouts, tried in this order (:func:`text_layout` names the one found):

* **line records**: most non-blank lines (at least 3, and 70%) start with a date or time stamp
  (``[2026-02-07 09:12] Headline — body https://…``, ``2026-02-07 | Headline | https://…``) or end
  with a URL: one item per line; the stamp is its date, the URL its url, the text before a
  separator (`` — ``, `` | ``, `` - ``, ``：``) its title and the rest its text;
* **bilingual pairs**: paragraphs that alternate between Chinese and English (at least two
  pairs): each pair is one item, the first paragraph its text and its first sentence the title;
  the other paragraph goes to ``sections["text_alt"]`` and its first sentence to
  ``sections["title_alt"]``;
* **paragraphs** separated by blank lines, one item each: the first sentence is the title, the
  URLs in it the urls, a ``Date:``/``日期:`` line its own date.

Dates: the item's own stamp, else ``default_date``, else the file name's date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.itemtext import headline_of
from newsgraph.loaders.records import Reject, date_from_name, detect_lang, make_item, parse_date, resolve_date

__all__ = ["read_text", "text_layout"]

_STAMP = re.compile(
    r"^\s*[\[(【]?\s*(?P<stamp>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"\d{1,2}:\d{2}(?::\d{2})?)\s*[\])】]?\s*[-—–|:：]?\s*"
)
_URL_END = re.compile(r"\s*[(<（]?(?P<url>(?:https?|ftp)://[^\s<>()（）]+)[)>）]?\s*$")
_SEPARATOR = re.compile(r"\s+[—–|]\s+|\s+-\s+|\s*：\s*|:\s+")


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, line = [], 1
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            offset = len(block) - len(block.lstrip("\n"))
            out.append((line + offset, block.strip()))
        line += block.count("\n") + 2
    return out


def _is_record_line(line: str) -> bool:
    return bool(_STAMP.match(line)) or bool(_URL_END.search(line) and len(line.split()) >= 3)


def text_layout(text: str) -> str:
    """``line records``, ``bilingual pairs`` or ``paragraphs``."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 3 and sum(_is_record_line(line) for line in lines) >= 0.7 * len(lines):
        return "line records"
    paragraphs = _paragraphs(text)
    langs = [detect_lang(p) for _, p in paragraphs]
    if len(paragraphs) >= 4 and len(paragraphs) % 2 == 0 and all(a != b for a, b in itertools.pairwise(langs)):
        return "bilingual pairs"
    return "paragraphs"


def _line_item(path: Path, number: int, line: str, default_date: dt.date | None) -> Item | Reject:
    rest, own_date = line.strip(), None
    if stamp := _STAMP.match(rest):
        own_date = parse_date(stamp["stamp"])
        rest = rest[stamp.end() :]
    url = None
    if found := _URL_END.search(rest):
        url = found["url"]
        rest = rest[: found.start()].rstrip(" -—–|:：")
    title, body = rest, ""
    if (split := _SEPARATOR.search(rest)) and split.start() >= 4:
        title, body = rest[: split.start()].strip(), rest[split.end() :].strip()
    if not title and not body:
        return Reject(source=str(path), location=f"line {number}", reason="a line with no text", raw=line)
    return make_item(
        path,
        text=body or title,
        title=title,
        location=f"line {number}",
        url=url,
        date=resolve_date(own_date, default_date, path),
    )


def read_text(
    path: str | Path, text: str, *, default_date: dt.date | None = None, **_opts: object
) -> Iterator[Item | Reject]:
    """Plain text in the layout :func:`text_layout` finds.

    >>> [(i.title, i.location) for i in read_text("notes.txt", "Render joins DePIN.\\n\\nAkash GPU cloud grows.")]
    [('Render joins DePIN', 'line 1'), ('Akash GPU cloud grows', 'line 3')]
    """
    path = Path(path)
    layout = text_layout(text)
    if layout == "line records":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _line_item(path, number, line, default_date)
        return
    date = default_date or date_from_name(path)
    paragraphs = _paragraphs(text)
    if layout == "bilingual pairs":
        for (line, first), (_, second) in zip(paragraphs[::2], paragraphs[1::2], strict=True):
            alt = headline_of(second)
            yield make_item(
                path,
                text=first,
                title=headline_of(first),
                location=f"line {line}",
                date=date,
                lang=detect_lang(first),
                sections={"title_alt": alt, "text_alt": second},
            )
        return
    for line, block in paragraphs:
        yield _paragraph_item(path, line, block, default_date)


_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>()（）]+[^\s<>()（）.,;:，。]")
_DATE_LINE = re.compile(r"^\s*(?:date|published|time|日期|时间|发布时间)\s*[:：]\s*(?P<value>.+)$", re.I | re.M)


def _paragraph_item(path: Path, line: int, block: str, default_date: dt.date | None) -> Item:
    """A paragraph: its first sentence the title, its URLs the urls, a ``Date:`` line its own date."""
    urls = list(dict.fromkeys(_BARE_URL.findall(block)))
    own = _DATE_LINE.search(block)
    own_date = parse_date(own["value"]) if own else None
    return make_item(
        path,
        text=block,
        title=headline_of(block),
        location=f"line {line}",
        url=urls[0] if urls else None,
        urls=urls,
        date=resolve_date(own_date, default_date, path),
    )
