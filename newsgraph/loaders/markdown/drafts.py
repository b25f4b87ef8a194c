"""Assemble one item: a :class:`Draft` fed from an item's lines, then made an ``Item``.

An item's first line gives its title (``**Title**：``, ``[title](url) — source · date``, a
``**[tag]**`` category); the lines under it are text, except metadata bullets (``来源：``,
``分类：``, ``日期：`` ...) and labelled blocks (``**参考**：`` sources, ``**关键词**：``), which go
to ``sections``. :func:`draft_to_item` resolves the date and builds the ``Item`` (or a
``Reject`` when the item's own date is not a date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.itemtext import headline_of
from newsgraph.loaders.markdown.blocks import LIST_ITEM, Block
from newsgraph.loaders.markdown.inline import DEST, NESTED, keep_url, markdown_to_text
from newsgraph.loaders.markdown.vocab import METADATA_KEYS, SOURCE_KEYS, TEXT_KEYS, TOPIC_LABELS
from newsgraph.loaders.records import Reject, make_item, parse_date_value, resolve_date

__all__ = [
    "META_BULLET",
    "TITLE_LINK",
    "Draft",
    "add_text",
    "draft_to_item",
    "item_lines",
    "list_item_draft",
    "meta_bullet",
    "meta_line",
]

#: ``key：value``, as in a metadata bullet (``来源：[x](url)``)
META_BULLET = re.compile(r"^(?P<key>[^:：\[\]*`]{1,12}?)\s*[:：]\s*(?P<value>.*)$")
_TITLE_BOLD = re.compile(
    r"^\*\*(?P<title>[^*\n]+?)\*\*\s*(?:(?P<colon>[:：])\s*(?P<rest>.*)|(?P<dash>[—–|]+|-{1,2})\s*(?P<trailer>.*)|"
    r"[(（](?P<paren>[^()（）\n]{1,60})[)）]\s*$|$)"
)
_LEADING_MARKS = re.compile(r"^[^\w\[(]+")
#: ``[title](url)`` at the start of a line, and what follows a separator after it (``rest``)
TITLE_LINK = re.compile(
    r"^\*{0,2}\[(?P<title>" + NESTED + r")\]\((?P<url>" + DEST + r')(?:\s+"[^"]*")?\s*\)\*{0,2}'
    r"(?:\s*\([^()\n]{0,40}\))?\s*(?:(?P<sep>[—–|:：]+|-{1,2})\s*(?P<rest>.*))?$"
)
_TAG = re.compile(r"^\*\*\[(?P<tag>[^\]\n]{1,20})\]\*\*\s*")


@dataclass
class Draft:
    """An item being assembled: text lines, urls, sections, own date."""

    path: Path
    line: int
    title: str = ""
    kind: str = "news"
    text: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    date: dt.date | None = None
    bad_date: str = ""

    def add_section(self, key: str, value: str) -> None:
        """Add a line to ``sections[key]`` unless it is empty or there already."""
        if not value or value in self.sections.get(key, "").split("\n"):
            return
        self.sections[key] = f"{self.sections[key]}\n{value}" if key in self.sections else value

    def set_date(self, value: str) -> None:
        """Take the item's own date from ``value`` (the first one wins); remember it if it is not a date."""
        try:
            found = parse_date_value(value)
        except ValueError:
            self.bad_date = value
            return
        if found is not None and self.date is None:
            self.date = found


def _trailer(draft: Draft, trailer: str) -> bool:
    """``aibase · 2026-06-12T09:43:03Z`` after a title: publisher and date. False if it is prose."""
    trailer = trailer.strip()
    if not trailer or len(trailer) > 80 or re.search(r"[。！？]|[.!?](?:\s|$)", trailer):
        return False
    names = []
    for part in re.split(r"\s*[·|]\s*", trailer):
        part = markdown_to_text(part, draft.urls)
        if not part:
            continue
        try:
            found = parse_date_value(part)
        except ValueError:
            found = None
        if found is not None and re.match(r"^\d{4}[-/.年]", _LEADING_MARKS.sub("", part)):
            draft.date = draft.date or found
        else:
            names.append(_LEADING_MARKS.sub("", part))
    if names:
        draft.add_section("source", ", ".join(n for n in names if n))
    return True


def meta_line(draft: Draft, line: str) -> bool:
    """A line that only dates and sources an item (``📅 2026-03-08 · 🔗 [blog](url)``): read it, True.

    It must hold a date of its own (``2026-03-08``, after any emoji) and nothing but short
    parts besides, so that prose mentioning a date stays text.
    """
    parts = [_LEADING_MARKS.sub("", markdown_to_text(p)) for p in re.split(r"\s*[·|]\s*", line.strip())]
    dated = [p for p in parts if re.match(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ T][\d:]+Z?)?$", p)]
    if not dated or any(len(p) > 30 for p in parts):
        return False
    return _trailer(draft, line)


def _first_line(draft: Draft, first: str, refs: dict[str, str]) -> str:
    """Take the title (and trailer) off an item's first line; return what is text."""
    first = first.strip().replace("\u200b", "")
    if tag := _TAG.match(first):
        draft.add_section("category", tag["tag"].strip())
        first = first[tag.end() :]
    if match := TITLE_LINK.match(first):
        draft.title = markdown_to_text(match["title"], refs=refs)
        keep_url(match["url"], draft.urls)
        rest = (match["rest"] or "").strip()
        if match["sep"] and match["sep"][0] in "—–|" and _trailer(draft, rest):
            return ""
        return rest
    if match := _TITLE_BOLD.match(first):
        if match["paren"] is not None and _trailer(draft, match["paren"]):
            draft.title = markdown_to_text(match["title"], draft.urls, refs)
            return ""
        if match["paren"] is not None:
            return first
        if match["trailer"] is not None:
            if _trailer(draft, match["trailer"]):
                draft.title = markdown_to_text(match["title"], draft.urls, refs)
                return ""
            if match["dash"] in ("-", "--", "—", "–"):
                draft.title = markdown_to_text(match["title"], draft.urls, refs)
                return match["trailer"]
            return first
        draft.title = markdown_to_text(match["title"], draft.urls, refs)
        return match["rest"] or ""
    return first


def meta_bullet(draft: Draft, content: str, refs: dict[str, str]) -> bool:
    """``来源：[x](url)`` and friends under an item: into sections, not text."""
    match = META_BULLET.match(content.strip())
    if not match:
        return False
    key = METADATA_KEYS.get(match["key"].strip().casefold())
    if key is None:
        return False
    value = match["value"]
    if key in SOURCE_KEYS:
        draft.add_section(key, markdown_to_text(value, draft.urls, refs))
    elif key == "date":
        draft.set_date(markdown_to_text(value))
        draft.add_section("date", markdown_to_text(value))
    else:
        text = markdown_to_text(value, draft.urls, refs)
        draft.add_section(key, text)
        if key in TEXT_KEYS:
            draft.text.append(text)
    return True


def item_lines(draft: Draft, lines: list[str], refs: dict[str, str], label: str = "") -> None:
    """Continuation and nested lines of a list item (metadata bullets to sections)."""
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            add_text(draft, markdown_to_text("\n".join(chunk), draft.urls, refs), label)
            chunk.clear()

    for line in lines:
        nested = LIST_ITEM.match(line)
        if nested:
            flush()
            if meta_bullet(draft, nested["rest"], refs):
                continue
            marker = nested["marker"] + " " if nested["marker"][0].isdigit() else "- "
            chunk.append(marker + nested["rest"])
        elif not meta_line(draft, line):
            chunk.append(line.strip())
    flush()


def add_text(draft: Draft, text: str, label: str) -> None:
    """Add text found under ``label`` (``""`` for none) to the draft.

    Sources and keywords go to sections, summaries to sections and text; an unknown label is
    kept in front of its text (``label：text``).
    """
    if not text:
        return
    key = TOPIC_LABELS.get(label.casefold(), label) if label else ""
    if key in SOURCE_KEYS:
        for line in text.splitlines():
            draft.add_section("sources", re.sub(r"^(?:[-*+•]|\d{1,3}[.)、])\s+", "", line).strip())
        return
    if key and label.casefold() in TOPIC_LABELS:
        draft.add_section(key, text)
        if key == "keywords":
            return
    elif label:
        text = f"{label}：{text}"
    draft.text.append(text)


def list_item_draft(path: Path, block: Block, refs: dict[str, str]) -> Draft:
    """One item from a list-item block: title from its first line, text and sections from the rest."""
    draft = Draft(path, block.line)
    rest = _first_line(draft, block.lines[0], refs)
    if rest and not (draft.title and meta_bullet(draft, rest, refs)):
        add_text(draft, markdown_to_text(rest, draft.urls, refs), "")
    item_lines(draft, block.lines[1:], refs)
    return draft


#: ``（来源：Reuters，2026-03-02）`` / ``(Source: Reuters, 2026-03-02)`` closing an item's text
_CLOSING_SOURCE = re.compile(
    r"\s*[（(]\s*(?:来源|出处|source|via)\s*[:：]\s*(?P<source>[^，,()（）]{1,40}?)"
    r"(?:\s*[，,]\s*(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?))?\s*[)）]\s*$",
    re.IGNORECASE,
)


def _closing_source(draft: Draft, text: str) -> str:
    """Take a closing ``（来源：X，date）`` off the text into ``sections["source"]`` and the date."""
    match = _CLOSING_SOURCE.search(text)
    if match is None:
        return text
    draft.add_section("source", match["source"].strip())
    if match["date"] and draft.date is None:
        draft.set_date(match["date"])
    return text[: match.start()].rstrip()


def draft_to_item(draft: Draft, default_date: dt.date | None, doc_date: dt.date | None) -> Item | Reject:
    """The finished ``Item``, or a ``Reject`` if the item's own date could not be read."""
    text = _closing_source(draft, "\n".join(part for part in draft.text if part).strip())
    if draft.bad_date:
        return Reject(
            source=str(draft.path),
            location=f"line {draft.line}",
            reason=f"item date {draft.bad_date!r} is not a date",
            raw=f"{draft.title}\n{text}".strip(),
        )
    if not text:
        text = draft.title or draft.sections.get("sources", "")
    title = draft.title or (headline_of(text) if draft.kind == "news" else "")
    return make_item(
        draft.path,
        text=text,
        title=title,
        location=f"line {draft.line}",
        url=draft.urls[0] if draft.urls else None,
        urls=draft.urls,
        date=resolve_date(draft.date, default_date, draft.path, doc_date),
        kind=draft.kind,
        sections=draft.sections,
    )
