"""Split a Markdown body at its headings into :class:`Section` objects.

Fenced code and HTML comments are recognised first, so a ``#`` inside them is not a heading.
A heading that is only a topic label (``#### **总结**：``, ``####** 参考新闻 **- [x](u)``) is
not a section: it is turned back into a ``**label**：`` line of the section it is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsgraph.loaders.markdown.inline import markdown_to_text
from newsgraph.loaders.markdown.vocab import SOURCE_KEYS, TOPIC_LABELS

__all__ = ["Section", "clean_heading", "split_sections"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?)|(?=[^#\s])(.*?))(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class Section:
    """A heading and the lines under it, up to the next heading.

    ``level`` is 0 for the text before the first heading; ``parent`` is the text of the
    enclosing heading; ``body`` holds ``(line number, line, inside fenced code)``.
    """

    level: int
    heading: str
    line: int
    parent: str = ""
    body: list[tuple[int, str, bool]] = field(default_factory=list)


def clean_heading(raw: str) -> str:
    """Plain text of a heading, without a trailing colon."""
    return markdown_to_text(raw).strip().strip(":：").strip()


def _label_heading(raw: str, level: int) -> tuple[str, str] | None:
    """``#### **总结**：`` / ``####** 参考新闻 **- [x](u)`` -> ("总结", rest) for known labels.

    A heading is a label when it has a colon or content after the label, or is level 4 or
    deeper; ``### Summary`` alone is an ordinary (summary) heading.
    """
    stripped = raw.strip()
    for label in sorted(TOPIC_LABELS, key=len, reverse=True):
        pattern = r"^\**\s*" + re.escape(label) + r"\s*\**\s*(?P<colon>[:：])?\s*\**\s*(?P<rest>.*)$"
        match = re.match(pattern, stripped, re.IGNORECASE)
        if match:
            rest = match["rest"].strip()
            if rest and not rest.startswith(("-", "*", "[", "1")):
                continue  # a heading that merely starts with the word
            if not (match["colon"] or rest or level >= 4 or TOPIC_LABELS[label] in SOURCE_KEYS):
                return None
            return label, rest
    return None


def _fence_pairs(lines: list[tuple[int, str]]) -> dict[int, int]:
    """Opening fence index -> closing fence index; a fence that never closes is ignored."""
    pairs: dict[int, int] = {}
    opening: tuple[int, str] | None = None
    for index, (_, line) in enumerate(lines):
        match = _FENCE.match(line)
        if not match:
            continue
        if opening is None:
            opening = (index, match[1])
        elif match[1][0] == opening[1][0] and len(match[1]) >= len(opening[1]) and not line.strip(" `~"):
            pairs[opening[0]] = index
            opening = None
    if opening is not None:  # unclosed: try again from the line after it
        rest = _fence_pairs(lines[opening[0] + 1 :])
        pairs.update({start + opening[0] + 1: end + opening[0] + 1 for start, end in rest.items()})
    return pairs


def split_sections(lines: list[tuple[int, str]]) -> Iterator[Section]:
    """Headings split the body; fenced code and HTML comments are recognised first."""
    root = Section(0, "", lines[0][0] if lines else 1)
    current = root
    stack: list[tuple[int, str]] = []
    fences = _fence_pairs(lines)
    fence_end = -1
    in_comment = False
    sections = [root]
    for index, (number, raw) in enumerate(lines):
        line = raw
        if index < fence_end:
            current.body.append((number, line, True))
            continue
        if index == fence_end:
            continue
        if index in fences:
            fence_end = fences[index]
            current.body.append((number, "", True))  # marks the start of a code block
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        line = _COMMENT.sub("", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
            if not line.strip():
                continue
        heading = _HEADING.match(line)
        if heading and (heading[2] is not None or len(heading[1]) >= 2):
            text = heading[2] if heading[2] is not None else heading[3]
            label = _label_heading(text, len(heading[1]))
            if label is not None:
                current.body.append((number, f"**{label[0]}**：", False))
                if label[1]:
                    current.body.append((number, label[1], False))
                continue
            level = len(heading[1])
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else ""
            current = Section(level, text.strip(), number, parent=parent)
            stack.append((level, clean_heading(text)))
            sections.append(current)
            continue
        current.body.append((number, line, False))
    yield from sections
