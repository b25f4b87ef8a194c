"""The structure of a Markdown body, parsed by markdown-it-py: sections at headings, blocks in each.

markdown-it (CommonMark, with GFM tables) decides what is a heading, a list and its items, a
paragraph, a table, fenced code, a quote, a rule or an HTML block; this module turns its block
tokens into :class:`Section` objects holding :class:`~.blocks.Block` objects with the raw
source lines of each block (``token.map``), so that the item builders see the text as written.

Two lenient readings keep real digests readable: ``##Heading`` without the space is a heading,
and ``1、`` starts a numbered list item (Chinese enumeration). A heading that is only a topic
label (``#### **总结**：``) is not a section: it becomes a ``label`` block of the section it is in.
A paragraph is split further, line by line, into labels (``**Category**: x``), bold
pseudo-headings and lines that start with a link (:func:`~.blocks.parse_blocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsgraph.loaders.markdown.blocks import Block, parse_blocks, starts_block
from newsgraph.loaders.markdown.fields import meaning_of
from newsgraph.loaders.markdown.inline import markdown_to_text
from newsgraph.loaders.markdown.vocab import SOURCE_KEYS, TOPIC_LABELS

__all__ = ["Section", "clean_heading", "parse_tree"]

_TIGHT_HEADING = re.compile(r"^( {0,3}#{1,6})(?=[^#\s])")
_CJK_ENUM = re.compile(r"^( {0,3})(\d{1,3})、\s*")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$", re.DOTALL)
_MAX_NESTING = 40


@dataclass
class Section:
    """A heading and the blocks under it, up to the next heading.

    ``level`` is 0 for the text before the first heading; ``parent`` is the text of the
    enclosing heading and ``parent_index`` its index in the list of sections (-1 for none).
    """

    level: int
    heading: str
    line: int
    parent: str = ""
    parent_index: int = -1
    blocks: list[Block] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Block structure only: the tree reads block tokens (their type, lines, markup and raw
    # content), never the inline tokens' children, so the inline pass (a third of the parse) is off.
    return MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table").disable("inline")


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


def _lenient(lines: list[str]) -> list[str]:
    """``##Heading`` -> ``## Heading``, ``1、`` -> ``1.`` outside fenced code; an unclosed fence is dropped."""
    out: list[str] = []
    fence, opened = "", -1
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FENCE.match(line)
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) and not line.strip(" `~"):
                fence = ""
        elif match:
            fence, opened = match[1], index
        else:
            line = _TIGHT_HEADING.sub(r"\1 ", line)
            line = _CJK_ENUM.sub(r"\g<1>\2. ", line)
        out.append(line)
        index += 1
        if fence and index == len(lines):  # unclosed: blank its opening line and read on after it
            del out[opened:]
            out.append("")
            fence, index = "", opened + 1
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _item_block(token: Token, tokens: list[Token], index: int, lines: list[str], numbers: list[int]) -> list[Block]:
    """A list item: its first line without the marker, then its other source lines as written.

    A bold label line (``**来源**：``) that CommonMark reads as a lazy continuation of the item
    ends it, as a reader sees it: that line and the lines after it are blocks of their own.
    """
    start, end = token.map or (0, 0)
    raw = [(numbers[n], lines[n]) for n in range(start, end) if lines[n].strip()]
    if not raw:
        return []
    first = raw[0][1]
    indent = _indent(first)
    cut = next(
        (k for k in range(1, len(raw)) if starts_block(raw[k][1]) and _indent(raw[k][1]) <= indent),
        len(raw),
    )
    marker = token.info or ""
    stripped = re.sub(r"^\s*(?:[-*+•]|\d{1,9}[.)])[ \t]*", "", first, count=1)
    ordered = tokens[index].markup in (".", ")") and bool(marker)
    block = Block("item", raw[0][0], [stripped, *(line for _, line in raw[1:cut])], ordered=ordered, indent=indent)
    block.label = f"{marker}{token.markup}" if ordered else "-"
    block.end = raw[cut - 1][0]
    return [block, *parse_blocks([(number, line, False) for number, line in raw[cut:]])]


def _blocks_of(tokens: list[Token], lines: list[str], numbers: list[int]) -> list[tuple[str, object]]:
    """Top-level tokens as ("heading", (level, text, line)) or ("blocks", [Block, ...])."""
    out: list[tuple[str, object]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        start, end = token.map or (0, 0)
        if token.level != 0 or token.nesting == -1:
            index += 1
            continue
        if token.type == "heading_open":
            text = tokens[index + 1].content if index + 1 < len(tokens) else ""
            out.append(("heading", (int(token.tag[1]), text, numbers[start])))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            items = []
            depth = 0
            for inner in range(index + 1, len(tokens)):
                other = tokens[inner]
                if other.type == "list_item_open" and depth == 0:
                    items.extend(_item_block(other, tokens, inner, lines, numbers))
                depth += other.nesting if other.type.endswith(("list_open", "list_close")) else 0
                if depth < 0:
                    break
            for item in items:
                if item.kind == "item" and token.type == "bullet_list_open":
                    item.ordered, item.label = False, "-"
            out.append(("blocks", items))
        elif token.type in ("fence", "code_block"):
            body = token.content.rstrip("\n").split("\n") if token.content.strip() else []
            out.append(("blocks", [Block("code", numbers[start], body)]))
        elif token.type == "table_open":
            rows = [
                " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
                for line in lines[start:end]
                if line.strip() and not re.match(r"^\|?[\s:|-]+\|?$", line.strip())
            ]
            out.append(("blocks", [Block("table", numbers[start], rows)]))
        elif token.type == "blockquote_open":
            body = [re.sub(r"^(\s*>)+\s?", "", line) for line in lines[start:end]]
            out.append(("blocks", [Block("quote", numbers[start], [b for b in body if b.strip()])]))
        elif token.type == "hr":
            out.append(("blocks", [Block("hr", numbers[start])]))
        elif token.type == "html_block":
            if not _COMMENT.match(token.content):
                body = re.sub(r"<!--.*?-->", "", token.content, flags=re.DOTALL)
                if body.strip():
                    out.append(("blocks", [Block("para", numbers[start], body.strip().split("\n"))]))
        elif token.type == "paragraph_open":
            body = [(numbers[n], lines[n], False) for n in range(start, end)]
            out.append(("blocks", parse_blocks(body)))
        index += 1
    return out


def _add_block(section: Section, block: Block) -> None:
    """Add a block; a list item indented under the item before it is a sub-list of that item.

    CommonMark wants a sub-list indented to the text of its parent item (4 spaces under
    ``10.``); digests often indent by 2 or 3, which would make it a list of its own.
    """
    previous = section.blocks[-1] if section.blocks else None
    if (
        previous is not None
        and previous.kind == "item"
        and block.kind == "item"
        and block.indent >= previous.indent + 2
        and block.line <= previous.end + 1
    ):
        marker = block.label if block.ordered else "-"
        previous.lines.append(" " * block.indent + f"{marker} {block.lines[0]}")
        previous.lines.extend(block.lines[1:])
        previous.end = block.end
        return
    section.blocks.append(block)


def parse_tree(body: list[tuple[int, str]]) -> list[Section]:
    """Sections of the numbered body lines, each with its blocks; the first has level 0."""
    numbers = [number for number, _ in body]
    lines = _lenient([line for _, line in body])
    root = Section(0, "", numbers[0] if numbers else 1)
    sections = [root]
    if not lines:
        return sections
    numbers.append(numbers[-1] + 1)
    try:
        tokens = _parser().parse("\n".join(lines))
    except RecursionError:  # a pathological nesting; read it as one paragraph per line
        tokens = []
        root.blocks.extend(Block("para", n, [line]) for n, line in zip(numbers, lines, strict=False) if line.strip())
    stack: list[tuple[int, int]] = []  # (level, section index)
    current = root
    for kind, value in _blocks_of(tokens, lines, numbers):
        if kind == "blocks":
            for block in value:  # type: ignore[attr-defined]
                _add_block(current, block)
            continue
        level, text, line = value  # type: ignore[misc]
        label = _label_heading(text, level)
        if label is not None:
            current.blocks.append(Block("label", line, [label[1]] if label[1] else [], label=label[0]))
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent_index = stack[-1][1] if stack else -1
        parent = clean_heading(sections[parent_index].heading) if parent_index >= 0 else ""
        current = Section(level, text.strip(), line, parent=parent, parent_index=parent_index)
        stack.append((level, len(sections)))
        sections.append(current)
    return _fold_field_headings(sections)


def _fold_field_headings(sections: list[Section]) -> list[Section]:
    """Sub-headings that are all field labels (``### Summary``, ``### Why it matters`` under
    ``## 1. Title``) are labelled parts of their parent, not sections of their own."""
    children: dict[int, list[int]] = {}
    for index, section in enumerate(sections):
        children.setdefault(section.parent_index, []).append(index)
    folded: set[int] = set()
    for index, section in enumerate(sections):
        kids = children.get(index, [])
        if not section.level or not kids or any(children.get(k) for k in kids):
            continue
        labels = [clean_heading(sections[k].heading) for k in kids]
        if not all(meaning_of(label) or label.casefold() in TOPIC_LABELS for label in labels):
            continue
        for kid, label in zip(kids, labels, strict=True):
            section.blocks.append(Block("label", sections[kid].line, [], label=label))
            section.blocks.extend(sections[kid].blocks)
            folded.add(kid)
    if not folded:
        return sections
    kept = [index for index in range(len(sections)) if index not in folded]
    new_index = {old: new for new, old in enumerate(kept)}
    out = []
    for index in kept:
        section = sections[index]
        section.parent_index = new_index.get(section.parent_index, -1)
        out.append(section)
    return out
