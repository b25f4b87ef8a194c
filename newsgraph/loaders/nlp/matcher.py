"""``WordMatcher``: a lexicon word list compiled into one trie-shaped regular expression.

Words follow the syntax at the head of ``data/lexicon.yaml``: ``*`` is a word ending, a space
is one or more spaces, ``re:`` starts a raw regular expression. Matching runs over the
folded, lower-cased text (:func:`~newsgraph.loaders.nlp.text.fold_lower`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache

from newsgraph.loaders.nlp.text import fold_lower
from newsgraph.loaders.nlp.wordscan import SCANNER, raw_prefixes

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


class _Compiled:
    """The expression of one word list, its id in the shared scan, and its matches in the
    last long text (shared by every matcher of the same list)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        raw: list[str] = []
        groups: dict[tuple[bool, bool], list[tuple[str, ...]]] = {}
        prefixes: list[str | None] = []
        for word in words:
            if word.startswith("re:"):
                raw.append(word[3:])
                prefixes.extend(raw_prefixes(word[3:]) or [None])
                continue
            low = fold_lower(word).strip()
            left = bool(re.match(r"[a-z0-9]", low))
            right = bool(re.search(r"[a-z0-9*]$", low))
            atoms = _atoms(low)
            groups.setdefault((left, right), []).append(atoms)
            literal = []
            for atom in atoms:
                if atom in (_WILD, _SPACE):
                    break
                literal.append(atom)
            prefixes.append("".join(literal) or None)
        parts = []
        for (left, right), atoms in sorted(groups.items()):
            body = _trie_regex(atoms)
            parts.append((r"(?<![a-z0-9])" if left else "") + "(?:" + body + ")" + (r"(?![a-z0-9])" if right else ""))
        parts.extend(raw)
        self.regex = re.compile("|".join(parts)) if parts else None
        # scanned by the shared automaton when every word has a literal prefix
        scannable = self.regex is not None and all(prefixes)
        self.scan_id = SCANNER.register(p for p in prefixes if p) if scannable else None
        self._cache: tuple[str, list[tuple[int, int]]] | None = None

    def matches(self, lowered: str) -> list[tuple[int, int]]:
        """All non-empty matches in ``lowered``, left to right, as ``regex.finditer`` finds them."""
        cached = self._cache
        if cached is not None and cached[0] is lowered:
            return cached[1]
        regex = self.regex
        if self.scan_id is None:
            found = [(m.start(), m.end()) for m in regex.finditer(lowered) if m.end() > m.start()]
        else:
            found = []
            starts = SCANNER.candidates(lowered).get(self.scan_id)
            if starts:
                match = regex.match
                last = 0
                for pos in starts:
                    if pos < last:
                        continue
                    hit = match(lowered, pos)
                    if hit is not None:
                        last = hit.end()
                        if last > pos:
                            found.append((pos, last))
                        else:
                            last = pos
        self._cache = (lowered, found)
        return found

    def window(self, lowered: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The non-empty matches of ``regex.finditer(lowered, start, end)``, tried only where
        a word's prefix occurs."""
        starts = SCANNER.candidates(lowered).get(self.scan_id)
        if not starts:
            return
        match = self.regex.match
        last = start
        for pos in starts[bisect.bisect_left(starts, start) :]:
            if pos >= end:
                break
            if pos < last:
                continue
            hit = match(lowered, pos, end)
            if hit is not None and hit.end() > pos:
                last = hit.end()
                yield pos, last


@cache
def _compiled(words: tuple[str, ...]) -> _Compiled:
    return _Compiled(words)


class WordMatcher:
    """One compiled regular expression for a word list, run over the folded, lowered text.

    Over a long text the matches come from the shared scan (:mod:`.wordscan`): the
    expression is tried only where one of its words can start.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._compiled = _compiled(tuple(dict.fromkeys(words)))
        self.regex = self._compiled.regex

    def finditer(self, lowered: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Matches inside ``lowered[start:end]``. A long text is scanned once and its matches
        kept, so that windows over the same text (one per sentence or name) cost a lookup."""
        if self.regex is None:
            return
        end = len(lowered) if end is None else end
        if len(lowered) < 80:
            # a short text: the matches inside the window itself (below 40 characters one
            # regular expression costs less than a scan)
            if len(lowered) < 40 or self._compiled.scan_id is None:
                for match in self.regex.finditer(lowered, start, end):
                    if match.end() > match.start():
                        yield match.start(), match.end()
            else:
                yield from self._compiled.window(lowered, start, end)
            return
        found = self._compiled.matches(lowered)
        index = bisect.bisect_left(found, (start, -1))
        while index < len(found) and found[index][0] < end:
            if found[index][1] <= end:
                yield found[index]
            index += 1

    def starts_at(self, lowered: str, pos: int) -> bool:
        """Does a word of the list start exactly at ``pos``?"""
        hit = self.search(lowered, pos)
        return hit is not None and hit[0] == pos

    def search(self, lowered: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        return next(self.finditer(lowered, start, end), None)
