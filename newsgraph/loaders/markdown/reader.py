"""Read a Markdown digest: structure first (:mod:`.tree`), then boilerplate, then the repeating unit.

:func:`analyse_markdown` returns a :class:`Reading`: the items found (as drafts), the layout
that gave them, and what was left out as boilerplate and why. In order:

1. front matter (:mod:`.frontmatter`) and reference-link definitions are taken off the body;
2. markdown-it parses the body into sections and blocks (:mod:`.tree`);
3. boilerplate is set aside (:mod:`.boilerplate`): sections whose heading names a summary of
   the day, a table of contents, a FAQ, tag/source statistics, an about/subscribe/appendix part;
   footers; tables that are not news tables; blocks that repeat across the folder's files;
4. sections that look alike because each carries labelled fields are one item each
   (:mod:`.units`); news tables give one item per row; the other sections go through
   :mod:`.layouts` (list entries, topic headings, prose headings);
5. the text before the first heading and a document title's own prose are the intro, left out
   when the file has items elsewhere; a file with no items gives one item from its front matter
   ``description``, else one for its whole text, else a reject.

:func:`read_markdown` yields the items (and rejects) of the reading.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.markdown.blocks import Block
from newsgraph.loaders.markdown.boilerplate import block_reason, heading_reason, is_news_table
from newsgraph.loaders.markdown.drafts import Draft, draft_to_item
from newsgraph.loaders.markdown.frontmatter import meta_date, meta_sections, split_front_matter
from newsgraph.loaders.markdown.inline import LINK, keep_url, markdown_to_text
from newsgraph.loaders.markdown.layouts import heading_item, heading_parts, links_only, section_drafts
from newsgraph.loaders.markdown.tables import table_drafts
from newsgraph.loaders.markdown.tree import Section, clean_heading, parse_tree
from newsgraph.loaders.markdown.units import field_item, field_units
from newsgraph.loaders.records import Reject, parse_date

__all__ = [
    "LeftOut",
    "Reading",
    "analyse_markdown",
    "looks_like_markdown",
    "markdown_blocks",
    "read_markdown",
    "reading_items",
]

_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")


@dataclass
class LeftOut:
    """A part of the file that is not an item, and why."""

    line: int
    what: str
    why: str


@dataclass
class Reading:
    """How a Markdown file splits: its drafts, the layout of each, what was left out."""

    drafts: list[Draft] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)  # one per draft
    left_out: list[LeftOut] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    doc_date: dt.date | None = None

    @property
    def layout(self) -> str:
        """The layouts that gave items, the commonest first, with their counts."""
        counts = collections.Counter(self.layouts)
        return "; ".join(f"{name} ({n})" for name, n in counts.most_common()) or "no items"


def looks_like_markdown(text: str) -> bool:
    """Front matter, or at least two Markdown headings, list items or links in the first 200 lines."""
    head = text.lstrip("\ufeff")[:20000]
    if re.match(r"^(---|\+\+\+)\s*\n", head):
        return True
    lines = head.splitlines()[:200]
    marks = sum(1 for line in lines if re.match(r"^ {0,3}(#{1,6} |\d{1,3}\. \*\*|[-*] \[)", line))
    return marks >= 2 or len(LINK.findall(head)) >= 3


def _body_and_refs(all_lines: list[str], start: int) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """The numbered body lines after the front matter, and the reference-link definitions taken out of them."""
    refs: dict[str, str] = {}
    body: list[tuple[int, str]] = []
    for number, line in enumerate(all_lines[start:], start=start + 1):
        if definition := _REF_DEF.match(line):
            refs[definition[1].casefold()] = definition[2]
            continue
        body.append((number, line))
    return body, refs


#: Section trees parsed while learning a folder's repeats, by text, kept for the reading of
#: that same file (taken out on use: the reading changes its tree), so that the files of a
#: folder are parsed once, not twice. Bounded: a folder's siblings that are never read go.
_PARSED: collections.OrderedDict[str, list[Section]] = collections.OrderedDict()
_PARSED_MAX_FILES, _PARSED_MAX_CHARS = 64, 16_000_000


def _keep_parsed(text: str, sections: list[Section]) -> None:
    _PARSED[text] = sections
    _PARSED.move_to_end(text)
    while len(_PARSED) > _PARSED_MAX_FILES or sum(map(len, _PARSED)) > _PARSED_MAX_CHARS:
        _PARSED.popitem(last=False)


def markdown_blocks(text: str) -> list[Block]:
    """Every block of a Markdown text (for learning what repeats across a folder)."""
    text = text.lstrip("\ufeff")
    _meta, start, _ = split_front_matter(text)
    body, _ = _body_and_refs(text.splitlines(), start)
    sections = parse_tree(body)
    _keep_parsed(text, sections)
    return [block for section in sections for block in section.blocks]


def _snippet(block_or_text: Block | str) -> str:
    text = block_or_text if isinstance(block_or_text, str) else "\n".join(block_or_text.lines)
    plain = markdown_to_text(text).replace("\n", " ")
    return plain[:60] + ("…" if len(plain) > 60 else "")


#: boilerplate whose sub-headings are often the news itself (a TOC heading above the sections it lists)
_OWN_BLOCKS_ONLY = frozenset({"table of contents", "a summary of the day's items (the items themselves are read)"})


def _set_aside(sections: list[Section], repeats: frozenset[str], reading: Reading) -> set[int]:
    """Indices of boilerplate sections; boilerplate blocks are removed from the others."""
    skipped: set[int] = set()
    last_block = next((s.blocks[-1] for s in reversed(sections) if s.blocks), None)
    covering: set[int] = set()  # boilerplate sections whose sub-sections are boilerplate too
    for index, section in enumerate(sections):
        if section.parent_index in covering:
            skipped.add(index)
            covering.add(index)
            continue
        reason = heading_reason(section.heading) if section.level else None
        if reason is not None and not _is_news_list(section):
            skipped.add(index)
            if reason not in _OWN_BLOCKS_ONLY:
                covering.add(index)
            reading.left_out.append(LeftOut(section.line, clean_heading(section.heading), reason))
            continue
        kept = []
        for block in section.blocks:
            why = block_reason(block, repeats, last=block is last_block)
            if why is None:
                kept.append(block)
            else:
                reading.left_out.append(LeftOut(block.line, _snippet(block), why))
        section.blocks = kept
    return skipped


_HEADING_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"
)


def heading_date(heading: str) -> dt.date | None:
    """The date of a heading that is mostly a date (``## 2026-02-07``, ``### Feb 7, 2026 (Sat)``)."""
    text = markdown_to_text(heading)
    match = _HEADING_DATE.search(text)
    if match is None or len(text) > 2 * len(match[0]) + 12:
        return None
    found = match[0]
    if re.match(r"\d{1,2} [A-Z]", found):
        day, month, year = found.split()
        found = f"{month} {day}, {year}"
    return parse_date(found)


def _dateline(sections: list[Section]) -> dt.date | None:
    """The document's date from a dateline (``*March 4, 2026*``) before the first story, or its title heading."""
    for section in sections[:2]:
        if section.level and (found := heading_date(section.heading)) is not None:
            return found
        for block in section.blocks[:3]:
            short = block.kind in ("para", "pseudo") and len(block.lines) == 1 and len(block.lines[0]) <= 40
            if short and (found := heading_date(block.lines[0])) is not None:
                return found
    return None


def _is_news_list(section: Section) -> bool:
    """A 'Highlights' section that is itself a list of linked or titled items is news, not a summary."""
    items = [b for b in section.blocks if b.kind == "item"]
    titled = [b for b in items if ("](" in b.lines[0] and "](#" not in b.lines[0]) or b.lines[0].startswith("**")]
    return len(items) >= 2 and len(titled) >= 2


def _item_drafts(
    sections: list[Section], skipped: set[int], refs: dict[str, str], path: Path, reading: Reading
) -> None:
    """The items of every section, in order, with the layout of each."""
    units = field_units(sections, refs) - skipped
    by_title: dict[str, Draft] = {}
    dates: list[dt.date | None] = []
    for index, section in enumerate(sections):
        own = heading_date(section.heading) if section.level else None
        dates.append(own or (dates[section.parent_index] if section.parent_index >= 0 else None))
        if index in skipped:
            continue
        first = len(reading.drafts)
        if index in units:
            draft = field_item(section, refs, path)
            draft.date = draft.date or dates[index]
            by_title.setdefault(draft.title, draft)
            reading.drafts.append(draft)
            reading.layouts.append(f"heading level {section.level} sections with labelled fields")
            continue
        tables = [b for b in section.blocks if b.kind == "table" and b.lines and is_news_table(b.lines[0].split(" | "))]
        for table in tables:
            rows = table_drafts(table, refs, path)
            reading.drafts.extend(rows)
            reading.layouts.extend(["table rows"] * len(rows))
        if tables:
            section.blocks = [b for b in section.blocks if b not in tables]
        title = heading_parts(section.heading, refs)[0] if section.level else ""
        earlier = by_title.get(title) if title else None
        links = links_only(section)
        if earlier is not None and links:
            # a later section repeating a topic's heading with only links: that topic's sources
            for name, url in links:
                earlier.add_section("sources", name)
                keep_url(url, earlier.urls)
            continue
        for draft, layout in section_drafts(section, refs, path):
            if draft.line == section.line and title:
                by_title.setdefault(title, draft)
            reading.drafts.append(draft)
            reading.layouts.append(layout)
        if dates[index] is not None:  # a date heading (## 2026-02-07) dates the items under it
            for draft in reading.drafts[first:]:
                draft.date = draft.date or dates[index]


def _drop_intro(sections: list[Section], reading: Reading) -> None:
    """Prose before the first heading, and a lone document title's own prose, when news items follow.

    With list or field items, any such prose is the intro; in a file of prose sections only a
    short one is (a long one may be the first story of a long-form report).
    """
    layouts = reading.layouts
    units = sum(1 for layout in layouts if not layout.startswith("prose"))
    if units < 2 and len(layouts) < 3:
        return
    top = [s for s in sections if s.level]
    first_level = min((s.level for s in top), default=0)
    titles = [s for s in top if s.level == first_level]
    intro_lines = {sections[0].line} | ({titles[0].line} if len(titles) == 1 else set())
    kept_drafts, kept_layouts = [], []
    for draft, layout in zip(reading.drafts, layouts, strict=True):
        short = units >= 2 or sum(len(t) for t in draft.text) < 400
        if draft.line in intro_lines and layout.startswith("prose") and short:
            reading.left_out.append(LeftOut(draft.line, draft.title or _snippet("\n".join(draft.text)), "intro"))
            continue
        kept_drafts.append(draft)
        kept_layouts.append(layout)
    reading.drafts, reading.layouts = kept_drafts, kept_layouts


def analyse_markdown(path: str | Path, text: str, *, repeats: frozenset[str] = frozenset()) -> Reading:
    """How a Markdown file splits into items (see the module docstring)."""
    path = Path(path)
    text = text.lstrip("\ufeff")
    reading = Reading()
    meta, start, error = split_front_matter(text)
    all_lines = text.splitlines()
    if error:
        raw = "\n".join(all_lines[: max(start - 1, 0)])
        reading.rejects.append(Reject(source=str(path), location="line 1", reason=error, raw=raw))
    reading.doc_date = meta_date(meta)
    body, refs = _body_and_refs(all_lines, start)
    sections = _PARSED.pop(text, None) or parse_tree(body)  # the same text parses to the same tree
    reading.doc_date = reading.doc_date or _dateline(sections)
    skipped = _set_aside(sections, repeats, reading)
    _item_drafts(sections, skipped, refs, path, reading)
    _drop_intro(sections, reading)
    if not reading.drafts:
        fallback = _fallback_draft(meta, sections, refs, path)
        if fallback is not None:
            reading.drafts.append(fallback)
            reading.layouts.append("front matter description" if fallback.line == 1 and meta else "whole file")
    return reading


def read_markdown(
    path: str | Path,
    text: str,
    *,
    default_date: dt.date | None = None,
    repeats: frozenset[str] = frozenset(),
    **_opts: object,
) -> Iterator[Item | Reject]:
    """Split a Markdown digest into items (see the module docstring for the rules)."""
    yield from reading_items(analyse_markdown(path, text, repeats=repeats), path, default_date)


def reading_items(reading: Reading, path: str | Path, default_date: dt.date | None) -> Iterator[Item | Reject]:
    """The items and rejects of a :class:`Reading` (a reject when there is no item at all)."""
    yield from reading.rejects
    for draft in reading.drafts:
        yield draft_to_item(draft, default_date, reading.doc_date)
    if not reading.drafts and not reading.rejects:
        yield Reject(source=str(path), location="line 1", reason="no news items found in this Markdown file")


def _fallback_draft(meta: dict, sections: list[Section], refs: dict[str, str], path: Path) -> Draft | None:
    """A file without items: one item from the front matter's description, else from the whole text."""
    title = str(meta.get("title") or "").strip()
    description = meta.get("description") or meta.get("summary") or meta.get("excerpt")
    if isinstance(description, str) and description.strip():
        draft = Draft(path, 1, title=title, sections=meta_sections(meta))
        draft.text.append(markdown_to_text(description, draft.urls, refs))
        return draft
    first_line = sections[0].line if sections else 1
    whole = Draft(path, first_line, title=title)
    for section in sections:
        if section.level and not whole.title:
            whole.title = clean_heading(section.heading)
        heading_draft = heading_item(section, section.blocks, refs, path) if section.blocks else None
        if heading_draft is not None:
            whole.text.extend(heading_draft.text)
            whole.urls.extend(u for u in heading_draft.urls if u not in whole.urls)
    return whole if whole.text else None
