"""Bold-lead units: stories that start with a bold line or a bold lead-in, without headings or lists.

Newsletters often run their stories as::

    **Orchid Bank opens a stablecoin pilot**
    The pilot settles payments between two branches. [Read more](https://…)

    **Delta Grid signs a nuclear deal.** The deal supplies its data centres for ten years.

:func:`lead_drafts` finds at least two such starts in a section (a line that is all bold, or a
paragraph opening with a bold phrase followed by text) and makes one item of each start and the
blocks up to the next: the bold text is the title (its link the URL), the rest the text.
:func:`rule_drafts` does the same for stories separated by horizontal rules, each opening with a
short title line.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.loaders.markdown.blocks import Block
from newsgraph.loaders.markdown.drafts import Draft
from newsgraph.loaders.markdown.inline import markdown_to_text
from newsgraph.loaders.markdown.tree import Section
from newsgraph.loaders.markdown.vocab import TOPIC_LABELS

__all__ = ["lead_drafts", "rule_drafts"]

_LEAD = re.compile(r"^\s*\*\*(?P<title>[^*\n]{6,200}?)\*\*\s*(?P<rest>\S.*)?$")


def _lead(block: Block) -> tuple[str, str] | None:
    """(title markup, rest of the first line) of a block that starts a story, or None."""
    if block.kind not in ("pseudo", "para") or not block.lines:
        return None
    match = _LEAD.match(block.lines[0])
    if match is None:
        return None
    title = match["title"].strip()
    plain = markdown_to_text(title).strip(" :：")
    if len(plain) < 6 or plain.casefold() in TOPIC_LABELS or title.endswith((":", "：")):
        return None
    rest = (match["rest"] or "").strip()
    if block.kind == "para" and (not rest or rest[0] in ":："):
        return None  # ``**Label**: value`` is a field, not a story
    return title, rest


def lead_drafts(
    section: Section, blocks: list[Block], refs: dict[str, str], path: Path, build
) -> list[tuple[Draft, str]] | None:
    """Drafts of the bold-lead stories of a section (``build`` makes one item of a sub-section), or None."""
    starts = [index for index, block in enumerate(blocks) if _lead(block) is not None]
    if len(starts) < 2:
        return None
    out: list[tuple[Draft, str]] = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(blocks)
        title, rest = _lead(blocks[start])  # type: ignore[misc]
        first = blocks[start]
        lines = ([rest] if rest else []) + first.lines[1:]
        body = ([Block("para", first.line, lines)] if lines else []) + blocks[start + 1 : end]
        parent = markdown_to_text(section.heading) if section.level else ""
        story = Section(section.level + 1, title.strip().rstrip(".。"), first.line, parent=parent, blocks=body)
        out.append((build(story, body, refs, path), "bold-lead stories"))
    return out


def rule_drafts(
    section: Section, blocks: list[Block], refs: dict[str, str], path: Path, build
) -> list[tuple[Draft, str]] | None:
    """Stories separated by horizontal rules (``---``), each opening with a short title line, or None."""
    chunks: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "hr":
            chunks.append([])
        else:
            chunks[-1].append(block)
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) < 2 or not all(chunk[0].kind == "para" and chunk[0].lines for chunk in chunks):
        return None
    titled = [chunk for chunk in chunks if len(chunk[0].lines) > 1 or len(chunk) > 1]
    if len(titled) < len(chunks) or any(len(markdown_to_text(chunk[0].lines[0])) > 120 for chunk in chunks):
        return None
    out: list[tuple[Draft, str]] = []
    parent = markdown_to_text(section.heading) if section.level else ""
    for chunk in chunks:
        first = chunk[0]
        rest = [Block("para", first.line, first.lines[1:])] if len(first.lines) > 1 else []
        story = Section(section.level + 1, first.lines[0], first.line, parent=parent, blocks=rest + chunk[1:])
        out.append((build(story, story.blocks, refs, path), "stories between rules"))
    return out
