"""Decide, section by section, which layout a digest uses and where its items are.

:func:`section_drafts` is the one decision, in this order:

* navigation and keyword sections (目录, 快速导航 ...) give nothing;
* a **topic heading** (its body has ``**总结**：``-style labels) or an **item heading**
  (``### 1. [title](url)``, ``### **3. title**``) with fewer than two list items under it is one
  item: the heading is the title, the body its text (:func:`heading_item`);
* otherwise **list items** (numbered or bulleted, and ``[title](url) — source`` lines) are one
  item each, grouped by the heading or bold pseudo-heading above them;
* otherwise a heading with prose under it is one item, ``kind`` from the heading (summary
  headings give ``headline``, analysis headings ``view``); group headings (``10:00 更新``) are not.

:func:`links_only` spots a section that is only a list of links, which the reader adds to an
earlier topic of the same heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.loaders.markdown.blocks import Block
from newsgraph.loaders.markdown.drafts import (
    META_BULLET,
    TITLE_LINK,
    Draft,
    add_text,
    item_lines,
    list_item_draft,
    meta_bullet,
    meta_line,
)
from newsgraph.loaders.markdown.inline import markdown_to_text
from newsgraph.loaders.markdown.leads import lead_drafts, rule_drafts
from newsgraph.loaders.markdown.tree import Section
from newsgraph.loaders.markdown.vocab import (
    GROUP_HEADING,
    METADATA_KEYS,
    SKIP_HEADINGS,
    SUMMARY_HEADINGS,
    TOPIC_LABELS,
    VIEW_HEADINGS,
)

__all__ = ["heading_item", "heading_parts", "links_only", "section_drafts"]

_ORDINAL = re.compile(r"^\s*(?:\d{1,3}\s*[.、)．]|[一二三四五六七八九十百]{1,3}\s*[、.．|])\s*")


def _qualifies(block: Block) -> bool:
    """A list item that is a news item: not a metadata bullet, not navigation, not a stub."""
    first = block.lines[0].strip()
    match = META_BULLET.match(first)
    if match and match["key"].strip().casefold() in METADATA_KEYS:
        return False
    text = markdown_to_text(re.sub(r"\[[^\]]*\]\(#[^)]*\)", "", " ".join(block.lines)))
    if block.ordered:
        return len(text) >= 2
    return len(text) >= 20 or (len(block.lines) > 1 and len(text) >= 4)


def _section_kind(heading: str) -> str:
    """``headline`` under a summary heading, ``view`` under an analysis heading, else ``news``."""
    folded = heading.casefold()
    if any(word in folded for word in SUMMARY_HEADINGS):
        return "headline"
    if any(word in folded for word in VIEW_HEADINGS):
        return "view"
    return "news"


def heading_parts(raw: str, refs: dict[str, str]) -> tuple[str, str | None, bool]:
    """(title, url, is_item_heading) of a heading such as ``**1. [title](url)**``."""
    core = raw.strip()
    while core.startswith("**") and core.endswith("**") and len(core) > 4:
        core = core[2:-2].strip()
    numbered = bool(_ORDINAL.match(core)) and not re.match(r"^\d{1,2}:\d{2}", core)
    core = _ORDINAL.sub("", core) if numbered else core
    urls: list[str] = []
    whole_link = TITLE_LINK.match(core)
    is_link = bool(whole_link) and not (whole_link["rest"] or "").strip()
    title = markdown_to_text(core, urls, refs)
    return title, (urls[0] if urls and (is_link or numbered) else None), numbered or is_link


def _has_prose(blocks: list[Block]) -> bool:
    """At least 12 characters of text outside quotes and rules."""
    prose = [b for b in blocks if b.kind in ("para", "code", "table", "label", "item", "pseudo")]
    return len(markdown_to_text("\n".join(line for b in prose for line in b.lines))) >= 12


def heading_item(section: Section, blocks: list[Block], refs: dict[str, str], path: Path, kind: str = "news") -> Draft:
    """One item for a whole section: the heading is its title, every block under it its text or sections."""
    title, url, _ = heading_parts(section.heading, refs)
    draft = Draft(path, section.line, title=title, kind=kind)
    if url:
        draft.urls.append(url)
    if section.parent:
        draft.sections["heading"] = section.parent
    label = ""
    for block in blocks:
        if block.kind == "hr":
            label = ""
        elif block.kind == "label":
            label = block.label
            if block.lines:
                add_text(draft, markdown_to_text(block.lines[0], draft.urls, refs), label)
        elif block.kind == "item":
            if label or not meta_bullet(draft, block.lines[0], refs):
                prefix = (block.label or "-") + " "
                item_lines(draft, [prefix + block.lines[0], *block.lines[1:]], refs, label)
        elif block.kind == "pseudo":
            add_text(draft, markdown_to_text(block.lines[0], draft.urls, refs), "")
        else:
            lines = [line for line in block.lines if block.kind != "para" or not meta_line(draft, line)]
            add_text(draft, markdown_to_text("\n".join(lines), draft.urls, refs), label)
    return draft


def _fragments(items: list[Block], blocks: list[Block]) -> bool:
    """Short bullet fragments under prose (``- Institutional investor access``): part of the text, not items."""
    prose = sum(len(markdown_to_text("\n".join(b.lines))) for b in blocks if b.kind in ("para", "label"))
    if prose < 80:
        return False
    for block in items:
        line = block.lines[0]
        text = markdown_to_text(" ".join(block.lines))
        if len(block.lines) > 1 or len(text) >= 60 or "](" in line or line.lstrip().startswith("**"):
            return False
        if re.search(r"[。！？!?]|\.\s|\.$", text):
            return False
    return True


def section_drafts(section: Section, refs: dict[str, str], path: Path) -> Iterator[tuple[Draft, str]]:
    """The items of one section with the layout of each (the rules are in the module docstring)."""
    blocks = section.blocks
    if not blocks:
        return
    title, _, item_heading = heading_parts(section.heading, refs) if section.level else ("", None, False)
    if any(word in title.casefold() for word in SKIP_HEADINGS):
        return
    labels = [b for b in blocks if b.kind == "label"]
    topic = any(b.label.casefold() in TOPIC_LABELS for b in labels) or len({b.label for b in labels}) >= 2
    items = [b for b in blocks if b.kind == "item" and _qualifies(b)]
    if section.level and (topic or (item_heading and len(items) < 2)):
        if _has_prose(blocks):
            yield heading_item(section, blocks, refs, path), "topic sections" if topic else "item headings"
        return
    if items and section.level and _fragments(items, blocks):
        yield heading_item(section, blocks, refs, path, kind=_section_kind(title)), "prose sections"
        return
    if items:
        group = title
        layout = "numbered list entries" if sum(b.ordered for b in items) * 2 > len(items) else "bulleted list entries"
        for block in blocks:
            if block.kind == "pseudo":
                group = markdown_to_text(block.lines[0])
            if block.kind != "item" or block not in items:
                continue
            draft = list_item_draft(path, block, refs)
            if group:
                draft.sections.setdefault("heading", group)
            draft.kind = _section_kind(title) if title else "news"
            yield draft, layout
        return
    from newsgraph.loaders.markdown.units import field_item  # units builds on this module

    def story(sub: Section, _blocks: list[Block], refs: dict[str, str], path: Path) -> Draft:
        return field_item(sub, refs, path)  # a story's `Source:` / `日期:` lines are fields

    stories = lead_drafts(section, blocks, refs, path, story) or rule_drafts(section, blocks, refs, path, story)
    if stories:
        yield from stories
        return
    if section.level and not GROUP_HEADING.search(title) and _has_prose(blocks):
        yield heading_item(section, blocks, refs, path, kind=_section_kind(title)), "prose sections"


def links_only(section: Section) -> list[tuple[str, str]]:
    """The (title, url) of a section whose body is nothing but a list of bare links."""
    links = []
    for block in section.blocks:
        match = TITLE_LINK.match(block.lines[0].strip()) if block.kind == "item" else None
        if match is None or (match["rest"] or "").strip() or len(block.lines) > 1:
            return []
        links.append((markdown_to_text(match["title"]), match["url"]))
    return links
