"""An item's headline and size: a first-sentence headline for untitled items, and over-long items split.

:func:`headline_of` gives an item written without a headline (a numbered paragraph, a text
paragraph) the first sentence of its text; :func:`bounded` splits an item whose text is longer
than :data:`MAX_ITEM_CHARS` into parts, in time linear in its length.
"""

from __future__ import annotations

import re

from newsgraph.graph.model import Item
from newsgraph.loaders.records import add_note, make_item

__all__ = ["MAX_ITEM_CHARS", "bounded", "headline_of"]

#: an item's text longer than this is split into parts (spaCy reads at most 10^6 characters at once,
#: and no news item is this long: what is, is a whole file read as one item)
MAX_ITEM_CHARS = 100_000
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)|\s[—–]\s|\s-\s")
_CLAUSE = re.compile(r"[，,；;：:、]")
_TRAILING_MARKS = re.compile(r"[\s\W_]+$")
#: a hook that opens a story: an exclamation or a question of a few common words ("Hold up!",
#: "Guess what?", "重磅！"; not "OpenAI raised $40B!")
_HOOK = re.compile(r"\s*(?:[A-Za-z][a-z']*(?:\s+[a-z']+){0,2}|[\u4e00-\u9fff]{1,4})\s*[!?！？]+\s*")


def headline_of(text: str, limit: int = 100) -> str:
    """A headline for an item written without one: the first sentence of its first line.

    Cut at the sentence end (or a dash between words); a sentence longer than ``limit`` is cut at
    its last clause mark before it, else at a word boundary, with an ellipsis.

    >>> headline_of("谷歌正式发布Android 16系统。🤖 新系统借助AI能力整理通知。")
    '谷歌正式发布Android 16系统'
    >>> headline_of("Render joins the DePIN alliance. The GPU network grows.")
    'Render joins the DePIN alliance'
    >>> headline_of("Hold up! Three chip titans just founded Majestic Labs.")
    'Three chip titans just founded Majestic Labs'
    """
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = re.sub(r"^(?:[-*+•]|\d{1,3}[.)、])\s+", "", first)
    while (hook := _HOOK.match(first)) and first[hook.end() :].strip():
        first = first[hook.end() :].strip()  # "Hold up! Three chip titans ...": the hook is no headline
    match = _SENTENCE_END.search(first)
    sentence = first[: match.start()] if match and match.start() >= 4 else first
    if len(sentence) > limit:
        clauses = [m.start() for m in _CLAUSE.finditer(sentence, 0, limit) if m.start() >= 12]
        if clauses:
            sentence = sentence[: clauses[-1]]
        else:
            cut = sentence.rfind(" ", 0, limit)
            sentence = sentence[: cut if cut >= limit // 2 else limit].rstrip() + "…"
    return _TRAILING_MARKS.sub("", sentence) if not sentence.endswith("…") else sentence


def _cut_points(text: str, limit: int) -> list[int]:
    """Where to cut ``text`` into pieces of at most ``limit`` characters: paragraph, line, sentence, space."""
    cuts, start = [], 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = -1
        for mark in ("\n\n", "\n", "。", ". ", " "):
            found = text.rfind(mark, start + limit // 2, window_end)
            if found != -1:
                cut = found + len(mark)
                break
        cut = cut if cut > start else window_end
        cuts.append(cut)
        start = cut
    return cuts


def bounded(item: Item, limit: int = MAX_ITEM_CHARS) -> list[Item]:
    """The item, or its parts when its text is longer than ``limit`` (linear in the length).

    Parts are cut at a paragraph, line, sentence or word boundary; each keeps the item's
    title, date, urls and sections, says ``part k of n`` in its location and carries a note.
    """
    if len(item.text) <= limit:
        return [item]
    bounds = [0, *_cut_points(item.text, limit), len(item.text)]
    total = len(bounds) - 1
    parts = []
    for number in range(total):
        piece = item.text[bounds[number] : bounds[number + 1]]
        sections = dict(item.sections)
        add_note(sections, f"text of {len(item.text)} characters split into {total} parts")
        parts.append(
            make_item(
                item.source,
                text=piece,
                title=item.title,
                location=f"{item.location} (part {number + 1} of {total})".strip(),
                url=item.url,
                urls=item.urls,
                date=item.date,
                lang=item.lang,
                kind=item.kind,
                sections=sections,
            )
        )
    return parts
