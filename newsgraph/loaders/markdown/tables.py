"""News tables: a Markdown table whose columns name a title or summary and a link or date gives one item a row.

The header cells are read by meaning (:func:`~.fields.meaning_of`, plus ``news``/``新闻``/
``事件`` for the title): the title column is the item's title, a summary column its text, a
link column (or a link in any cell) its URL, a date column its own date; other columns go to
``sections`` under their header.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.loaders.markdown.blocks import Block
from newsgraph.loaders.markdown.drafts import Draft
from newsgraph.loaders.markdown.fields import meaning_of
from newsgraph.loaders.markdown.inline import markdown_to_text
from newsgraph.loaders.records import parse_date

__all__ = ["table_drafts"]

_TITLE_WORDS = {"news", "story", "item", "新闻", "事件", "资讯"}


def _column_meanings(header: list[str]) -> list[str | None]:
    meanings: list[str | None] = []
    for cell in header:
        name = markdown_to_text(cell).strip().casefold()
        meaning = "title" if name in _TITLE_WORDS else meaning_of(name)
        meanings.append(meaning if meaning not in meanings else None)
    if "title" not in meanings and "summary" in meanings:
        meanings[meanings.index("summary")] = "title"
    return meanings


def table_drafts(block: Block, refs: dict[str, str], path: Path) -> list[Draft]:
    """One draft per body row of a news table."""
    header = block.lines[0].split(" | ")
    meanings = _column_meanings(header)
    drafts = []
    for offset, row in enumerate(block.lines[1:], start=1):
        cells = row.split(" | ")
        draft = Draft(path, block.line + offset + 1)
        for name, meaning, cell in zip(header, meanings, cells, strict=False):
            text = markdown_to_text(cell, draft.urls, refs)
            if not text:
                continue
            if meaning == "title":
                draft.title = text
            elif meaning == "summary" or meaning == "analysis":
                draft.text.append(text)
                draft.add_section(meaning, text)
            elif meaning == "date":
                draft.add_section("date", text)
                draft.date = parse_date(text)
            elif meaning == "url":
                if not draft.urls:
                    draft.add_section("source", text)
            else:
                draft.add_section(
                    meaning or markdown_to_text(name).strip() or f"column {len(draft.sections) + 1}", text
                )
        if draft.title or draft.text:
            drafts.append(draft)
    return drafts
