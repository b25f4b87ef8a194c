"""Split the body of one section into :class:`Block` objects.

Block kinds: ``item`` (a list item with its continuation and nested lines, or a line that
starts with a link followed by a dash), ``para``, ``label`` (``**总结**：`` and the text after
it), ``pseudo`` (a line that is all bold: a pseudo-heading), ``code``, ``table``, ``quote`` and
``hr``. :data:`LIST_ITEM` is the list-marker pattern, shared with :mod:`.drafts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.loaders.markdown.inline import DEST, NESTED
from newsgraph.loaders.markdown.vocab import TOPIC_LABELS

__all__ = ["LIST_ITEM", "Block", "parse_blocks", "starts_block"]

_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
#: a list item: ``marker`` is ``-``, ``*``, ``+``, ``•`` or a number; ``rest`` its text
LIST_ITEM = re.compile(r"^[ \t]*(?P<marker>[-*+•]|\d{1,3}[.)、])[ \t]+(?P<rest>.*)$")
_LABEL = re.compile(
    r"^\s*\*\*\s*(?P<label>[^*\n]{1,24}?)\s*(?P<c1>[:：])?\s*\*\*\s*(?P<c2>[:：])?\s*(?P<rest>.*)$",
)
_FULL_BOLD = re.compile(r"^\s*\*\*([^*\n]+)\*\*\s*$")
_LINK_LEAD = re.compile(
    r"^\s*(?:\*\*\[[^\]\n]{1,20}\]\*\*\s*)?\*{0,2}\[" + NESTED + r"\]\(" + DEST + r"[^)]*\)\*{0,2}\s*[-—–:：|]\s*\S"
)
_PLAIN_LABEL = re.compile(r"^\s*([^\s:：*#>|`\[\]][^:：*\n]{0,15}?)\s*[:：]\s*$")


@dataclass
class Block:
    """A run of lines of one kind; ``label`` is a label block's name, or an item's marker."""

    kind: str  # item, para, label, pseudo, code, table, quote, hr
    line: int
    lines: list[str] = field(default_factory=list)
    ordered: bool = False
    indent: int = 0
    label: str = ""
    end: int = 0


def starts_block(line: str) -> bool:
    """A bold label or bold line ends a list item even without a blank line before it."""
    label = _LABEL.match(line)
    plain = _PLAIN_LABEL.match(line)
    return bool(
        (label and (label["c1"] or label["c2"]))
        or _FULL_BOLD.match(line)
        or (plain and plain[1].casefold() in TOPIC_LABELS)
    )


def _indent_of(line: str) -> int:
    """Width of the leading whitespace, a tab counting as four spaces."""
    prefix = line[: len(line) - len(line.lstrip(" \t"))]
    return len(prefix.replace("\t", "    "))


def parse_blocks(body: list[tuple[int, str, bool]]) -> list[Block]:
    """The blocks of a section body (:attr:`Section.body <.sections.Section.body>` lines)."""
    blocks: list[Block] = []
    current: Block | None = None
    blank_before = False
    for number, line, code in body:
        if code:
            if current is not None and (current.kind == "item" or (current.kind == "code" and line)):
                current.lines.append(line)
            else:
                current = Block("code", number, [line] if line else [])
                blocks.append(current)
            continue
        if not line.strip():
            blank_before = True
            if current is not None and current.kind != "item":
                current = None
            continue
        indent = _indent_of(line)
        was_blank, blank_before = blank_before, False
        if current is not None and current.kind == "item" and indent >= current.indent + 2:
            current.lines.append(line)
            continue
        if _HR.match(line):
            blocks.append(Block("hr", number))
            current = None
            continue
        listed = LIST_ITEM.match(line)
        if listed and indent <= 3 + (current.indent if current is not None and current.kind == "item" else 0):
            marker = listed["marker"]
            current = Block("item", number, [listed["rest"]], ordered=marker[0].isdigit(), indent=indent)
            current.label = marker if marker[0].isdigit() else "-"
            blocks.append(current)
            continue
        if current is not None and current.kind == "item" and not was_blank and not starts_block(line):
            current.lines.append(line)  # lazy continuation
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if current is None or current.kind != "table":
                current = Block("table", number)
                blocks.append(current)
            if not re.match(r"^\|?[\s:|-]+\|?$", stripped):
                current.lines.append(" | ".join(cell.strip() for cell in stripped.strip("|").split("|")))
            continue
        if stripped.startswith(">"):
            if current is None or current.kind != "quote":
                current = Block("quote", number)
                blocks.append(current)
            current.lines.append(re.sub(r"^(\s*>)+\s?", "", line))
            continue
        if current is not None and current.kind == "para":
            current.lines.append(line)
            continue
        plain = _PLAIN_LABEL.match(line)
        if plain and plain[1].casefold() in TOPIC_LABELS:
            current = Block("label", number, label=plain[1])
            blocks.append(current)
            continue
        label = _LABEL.match(line)
        if label and (label["c1"] or label["c2"]):
            name, rest = label["label"].strip(), label["rest"].strip()
            if not rest or len(name) <= 12 or name.casefold() in TOPIC_LABELS:
                current = Block("label", number, [rest] if rest else [], label=name)
                blocks.append(current)
                continue
        if bold := _FULL_BOLD.match(line):
            name = bold[1].strip().strip(":：").strip()
            if name.casefold() in TOPIC_LABELS:
                current = Block("label", number, label=name)
                blocks.append(current)
                continue
            blocks.append(Block("pseudo", number, [line.strip()]))
            current = None
            continue
        if _LINK_LEAD.match(line):
            current = Block("item", number, [stripped], indent=indent)
            blocks.append(current)
            continue
        current = Block("para", number, [line])
        blocks.append(current)
    return blocks
