"""Read a Markdown digest: front matter, sections, items, and the fallbacks for a file without items.

:func:`read_markdown` reads the front matter (:mod:`.frontmatter`), takes the reference-link
definitions (``[x]: https://...``) out of the body, splits the body at its headings
(:mod:`.sections`) and asks :mod:`.layouts` for the items of each section. A section that only
repeats an earlier topic's heading with a list of links adds those links to that topic. A file
with no items gives one item from its front matter ``description``, else one item for its whole
text, else a reject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.loaders.markdown.drafts import Draft, draft_to_item
from newsgraph.loaders.markdown.frontmatter import meta_date, meta_sections, split_front_matter
from newsgraph.loaders.markdown.inline import LINK, keep_url, markdown_to_text
from newsgraph.loaders.markdown.layouts import heading_item, heading_parts, links_only, section_drafts
from newsgraph.loaders.markdown.tree import clean_heading, parse_tree
from newsgraph.loaders.records import Reject

__all__ = ["looks_like_markdown", "read_markdown"]

_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")


def looks_like_markdown(text: str) -> bool:
    """Front matter, or at least two Markdown headings, list items or links in the first 200 lines."""
    head = text.lstrip("\ufeff")[:20000]
    if re.match(r"^(---|\+\+\+)\s*\n", head):
        return True
    lines = head.splitlines()[:200]
    marks = sum(1 for line in lines if re.match(r"^ {0,3}(#{1,6} |\d{1,3}\. \*\*|[-*] \[)", line))
    return marks >= 2 or len(LINK.findall(head)) >= 3


def read_markdown(
    path: str | Path, text: str, *, default_date: dt.date | None = None, **_opts: object
) -> Iterator[Item | Reject]:
    """Split a Markdown digest into items (see the package docstring for the rules)."""
    path = Path(path)
    text = text.lstrip("\ufeff")
    meta, start, error = split_front_matter(text)
    all_lines = text.splitlines()
    if error:
        yield Reject(source=str(path), location="line 1", reason=error, raw="\n".join(all_lines[: max(start - 1, 0)]))
    doc_date = meta_date(meta)
    body, refs = _body_and_refs(all_lines, start)
    drafts = _item_drafts(body, refs, path)
    if not drafts:
        fallback = _fallback_draft(meta, body, refs, path)
        drafts = [fallback] if fallback is not None else []
    for draft in drafts:
        yield draft_to_item(draft, default_date, doc_date)
    if not drafts and not error:
        yield Reject(source=str(path), location="line 1", reason="no news items found in this Markdown file")


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


def _item_drafts(body: list[tuple[int, str]], refs: dict[str, str], path: Path) -> list[Draft]:
    """The items of every section, in order."""
    drafts: list[Draft] = []
    by_title: dict[str, Draft] = {}
    for section in parse_tree(body):
        title = heading_parts(section.heading, refs)[0] if section.level else ""
        earlier = by_title.get(title)
        links = links_only(section)
        if earlier is not None and links:
            # a later section repeating a topic's heading with only links: that topic's sources
            for name, url in links:
                earlier.add_section("sources", name)
                keep_url(url, earlier.urls)
            continue
        found = list(section_drafts(section, refs, path))
        for draft in found:
            if draft.line == section.line and title:
                by_title.setdefault(title, draft)
        drafts.extend(found)
    return drafts


def _fallback_draft(meta: dict, body: list[tuple[int, str]], refs: dict[str, str], path: Path) -> Draft | None:
    """A file without items: one item from the front matter's description, else from the whole text."""
    title = str(meta.get("title") or "").strip()
    description = meta.get("description") or meta.get("summary") or meta.get("excerpt")
    if isinstance(description, str) and description.strip():
        draft = Draft(path, 1, title=title, sections=meta_sections(meta))
        draft.text.append(markdown_to_text(description, draft.urls, refs))
        return draft
    whole = Draft(path, body[0][0] if body else 1, title=title)
    for section in parse_tree(body):
        if section.level and not whole.title:
            whole.title = clean_heading(section.heading)
        blocks = section.blocks
        heading_draft = heading_item(section, blocks, refs, path) if blocks else None
        if heading_draft is not None:
            whole.text.extend(heading_draft.text)
            whole.urls.extend(u for u in heading_draft.urls if u not in whole.urls)
    return whole if whole.text else None
