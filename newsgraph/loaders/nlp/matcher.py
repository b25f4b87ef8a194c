"""``WordMatcher``: a lexicon word list compiled into one trie-shaped regular expression.

Words follow the syntax at the head of ``data/lexicon.yaml``: ``*`` is a word ending, a space
is one or more spaces, ``re:`` starts a raw regular expression. Matching runs over the
folded, lower-cased text (:func:`~newsgraph.loaders.nlp.text.fold_lower`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from newsgraph.loaders.nlp.text import fold_lower

_WILD = "\x00*"  # trie atoms: a character, one-or-more spaces, or a word ending
_SPACE = "\x00 "


def _atoms(word: str) -> tuple[str, ...]:
    out: list[str] = []
    for char in word:
        if char == "*":
            out.append(_WILD)
        elif char.isspace():
            if not out or out[-1] != _SPACE:
                out.append(_SPACE)
        else:
            out.append(char)
    return tuple(out)


def _trie_regex(words: Iterable[tuple[str, ...]]) -> str:
    """One regular expression for many literal words, shaped as a trie (a plain alternation
    of hundreds of words is slow in ``re``); longer words win as in an alternation sorted
    by length."""
    trie: dict = {}
    for atoms in words:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = []
        for atom in sorted((a for a in node if a), key=lambda a: (a in (_WILD, _SPACE), a)):
            child = render(node[atom])
            if atom == _WILD:
                piece = r"[a-z0-9\-]*"
            elif atom == _SPACE:
                piece = r"\s+"
            else:
                piece = re.escape(atom)
            branches.append(piece + child)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return render(trie)


class WordMatcher:
    """One compiled regular expression for a word list, run over the folded, lowered text."""

    def __init__(self, words: Iterable[str]) -> None:
        raw: list[str] = []
        groups: dict[tuple[bool, bool], list[tuple[str, ...]]] = {}
        for word in dict.fromkeys(words):
            if word.startswith("re:"):
                raw.append(word[3:])
                continue
            low = fold_lower(word).strip()
            left = bool(re.match(r"[a-z0-9]", low))
            right = bool(re.search(r"[a-z0-9*]$", low))
            groups.setdefault((left, right), []).append(_atoms(low))
        parts = []
        for (left, right), atoms in sorted(groups.items()):
            body = _trie_regex(atoms)
            parts.append((r"(?<![a-z0-9])" if left else "") + "(?:" + body + ")" + (r"(?![a-z0-9])" if right else ""))
        parts.extend(raw)
        self.regex = re.compile("|".join(parts)) if parts else None
        self._cache: tuple[str, list[tuple[int, int]]] | None = None

    def finditer(self, lowered: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Matches inside ``lowered[start:end]``. A long text is scanned once and its matches
        kept, so that windows over the same text (one per sentence or name) cost a lookup."""
        if self.regex is None:
            return
        end = len(lowered) if end is None else end
        if len(lowered) < 80:
            for match in self.regex.finditer(lowered, start, end):
                if match.end() > match.start():
                    yield match.start(), match.end()
            return
        cached = self._cache
        if cached is None or cached[0] is not lowered:
            found = [(m.start(), m.end()) for m in self.regex.finditer(lowered) if m.end() > m.start()]
            cached = self._cache = (lowered, found)
        found = cached[1]
        index = bisect.bisect_left(found, (start, -1))
        while index < len(found) and found[index][0] < end:
            if found[index][1] <= end:
                yield found[index]
            index += 1

    def search(self, lowered: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        return next(self.finditer(lowered, start, end), None)
