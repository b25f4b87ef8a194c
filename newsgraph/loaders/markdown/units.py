"""Field units: sections of one heading level that look alike because each carries labelled fields.

A report or daily list often gives each news item a heading (``### 3. [Headline](url)``,
``### 2. Title``) and under it labelled fields (``**Source**:``, ``- **时间**: 2026-01-29``,
``Summary: …``). :func:`field_units` finds those sections: a section with at least two field
lines, at least half of them known fields (so that a list of ``**Company**: news`` entries is
not taken for fields), whose heading is numbered or a link, or which has at least one sibling
at the same heading level that carries fields too. :func:`field_item` builds the
one item of such a section: the heading is the title (its link the URL), the fields go to
``sections`` by meaning (:mod:`.fields`), the summary and analysis make the text, and an item's
own date field is its date.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

from newsgraph.loaders.markdown.blocks import Block
from newsgraph.loaders.markdown.drafts import Draft, add_text, item_lines, meta_line
from newsgraph.loaders.markdown.fields import TEXT_MEANINGS, field_of, meaning_of, more_fields
from newsgraph.loaders.markdown.inline import keep_url, markdown_to_text
from newsgraph.loaders.markdown.layouts import heading_parts
from newsgraph.loaders.markdown.tree import Section
from newsgraph.loaders.markdown.vocab import TOPIC_LABELS
from newsgraph.loaders.records import parse_date

__all__ = ["field_item", "field_lines", "field_units"]

_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]|]+[^\s<>()\[\].,;:|，。]")


def _block_fields(block: Block) -> list[tuple[str, str | None, str]]:
    if block.kind == "label":
        label = block.label
        return [(label, meaning_of(label) or _topic(label), block.lines[0] if block.lines else "")]
    if block.kind == "item":
        found = field_of(block.lines[0])
        return [found] if found else []
    if block.kind == "para":
        return [f for line in block.lines if (f := field_of(line)) is not None]
    return []


def _topic(label: str) -> str | None:
    key = TOPIC_LABELS.get(label.casefold())
    return {"sources": "source", "keywords": "tags"}.get(key or "", key)


def field_lines(section: Section) -> tuple[int, int]:
    """(field lines, of which with a known meaning) in a section's own blocks."""
    found = [f for block in section.blocks for f in _block_fields(block)]
    return len(found), sum(1 for f in found if f[1] is not None)


def field_units(sections: list[Section], refs: dict[str, str]) -> set[int]:
    """Indices of the sections that are field units (see the module docstring)."""
    carrying = {}
    for index, section in enumerate(sections):
        if section.level:
            total, known = field_lines(section)
            if total >= 2 and known >= 1 and 2 * known >= total:  # not a list of "**Name**: news" entries
                carrying[index] = section
    per_level = collections.Counter(section.level for section in carrying.values())
    return {
        index
        for index, section in carrying.items()
        if per_level[section.level] >= 2 or heading_parts(section.heading, refs)[2]
    }


def _apply(draft: Draft, label: str, meaning: str | None, value: str, refs: dict[str, str]) -> str:
    """Put one field into the draft; return the meaning when the value follows on later lines."""
    value, extra = more_fields(value)
    for other in extra:
        _apply(draft, *other, refs)
    plain = markdown_to_text(value, draft.urls, refs)
    for url in _BARE_URL.findall(value):
        keep_url(url, draft.urls)
    if not plain:
        return meaning or label
    if meaning is None:
        draft.add_section(label.casefold(), plain)
        if len(plain) >= 40 and re.search(r"\s|[\u3400-\u9fff]{12}", plain):
            draft.text.append(f"{label}: {plain}")
    elif meaning == "title":
        if draft.title:
            draft.add_section("title_field", plain)
        else:
            draft.title = plain
    elif meaning == "date":
        draft.add_section("date", plain)
        found = parse_date(plain)
        if found is not None and draft.date is None:
            draft.date = found
    elif meaning == "url":
        if not _BARE_URL.search(value) and not draft.urls:
            draft.add_section("source", plain)
    elif meaning in TEXT_MEANINGS:
        draft.add_section(meaning, plain)
        draft.text.append(plain)
    else:
        draft.add_section(meaning, plain)
    return ""


def _pending(draft: Draft, meaning: str, block: Block, refs: dict[str, str]) -> None:
    """A list item under a label that had no value on its own line (``**来源**：`` then links)."""
    text = markdown_to_text("\n".join(block.lines), draft.urls, refs)
    for url in _BARE_URL.findall("\n".join(block.lines)):
        keep_url(url, draft.urls)
    if meaning in ("source", "url"):
        for line in text.splitlines():
            draft.add_section("sources", line.strip())
    elif meaning in TEXT_MEANINGS:
        if block.kind == "item" and block.ordered:
            text = f"{block.label} {text}"
        draft.add_section(meaning, text)
        draft.text.append(text)
    elif text:
        draft.add_section(meaning, text)


def field_item(section: Section, refs: dict[str, str], path: Path) -> Draft:
    """The one item of a field unit."""
    title, url, _ = heading_parts(section.heading, refs)
    draft = Draft(path, section.line, title=title)
    if url:
        draft.urls.append(url)
    if section.parent:
        draft.sections["heading"] = section.parent
    pending = ""
    for block in section.blocks:
        if block.kind == "hr":
            pending = ""
            continue
        fields = _block_fields(block)
        if block.kind in ("label", "item") and fields:
            pending = _apply(draft, *fields[0], refs)
            if block.kind == "item" and len(block.lines) > 1:
                item_lines(draft, block.lines[1:], refs)
            continue
        if pending and (block.kind == "item" or (block.kind == "para" and not fields)):
            _pending(draft, pending, block, refs)
            continue
        if block.kind == "para":
            chunk: list[str] = []
            for line in block.lines:
                found = field_of(line)
                if found is None:
                    if not meta_line(draft, line):
                        chunk.append(line)
                    continue
                add_text(draft, markdown_to_text("\n".join(chunk), draft.urls, refs), "")
                chunk = []
                pending = _apply(draft, *found, refs)
            add_text(draft, markdown_to_text("\n".join(chunk), draft.urls, refs), "")
            continue
        if block.kind in ("code", "quote", "table", "pseudo", "item"):
            add_text(draft, markdown_to_text("\n".join(block.lines), draft.urls, refs), "")
    return draft
