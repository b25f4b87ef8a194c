"""One Aho-Corasick pass over a text for the words of every :class:`WordMatcher`.

Each word list of the lexicon is a trie-shaped regular expression (:mod:`.matcher`). Run
one by one over a long text, those expressions cost a pass each (over a hundred per item).
Instead every matcher registers the *literal prefixes* of its words (the characters before
the first wildcard or space; the literal start of a ``re:`` pattern) in one shared
automaton (``pyahocorasick``). One pass over the text finds every place where a prefix
occurs, and a matcher then tries its own expression only at those places
(``pattern.match(text, pos)``), which gives exactly what ``pattern.finditer`` gives: a
match can only start where one of its words' prefixes occurs.

A word list whose words have no literal prefix (a ``re:`` pattern may have several, one per
alternative of a leading group), or whose expression can match the empty
string, is not registered; its matcher scans with its expression as before.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import ahocorasick

try:  # Python 3.11+
    from re import _constants as _sre_constants
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_ZERO_WIDTH = {_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT}


def raw_prefixes(pattern: str) -> list[str] | None:
    """The literal starts every match of ``pattern`` begins with one of (after zero-width
    assertions; one per alternative of a leading group), or ``None`` when some match may start
    otherwise or the pattern may match the empty string.

    >>> raw_prefixes("(?<![并])不(?!仅|断)"), raw_prefixes("联合(?!创始)"), raw_prefixes("[ab]c")
    (['不'], ['联合'], ['a', 'b'])
    >>> raw_prefixes("(?:是|成为)[^，]{0,10}受益者"), raw_prefixes("(?:is|became|a?b)x"), raw_prefixes(".x")
    (['是', '成为'], None, None)
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE) or parsed.getwidth()[0] == 0:
        return None
    return _prefixes(list(parsed))


def _prefixes(items: list) -> list[str] | None:
    chars: list[str] = []
    for op, arg in items:
        if op in _ZERO_WIDTH and not chars:
            continue
        if op is _sre_constants.LITERAL:
            chars.append(chr(arg))
            continue
        if chars:
            break
        if op is _sre_constants.SUBPATTERN:
            return _prefixes(list(arg[-1]))
        if op is _sre_constants.BRANCH:
            alternatives = [_prefixes(list(branch)) for branch in arg[1]]
            if any(alt is None for alt in alternatives):
                return None
            return [p for alt in alternatives for p in alt]
        if op is _sre_constants.IN and all(kind is _sre_constants.LITERAL for kind, _ in arg):
            return [chr(code) for _, code in arg]
        return None
    return ["".join(chars)] if chars else None


class _Scanner:
    """The shared automaton: prefix -> (its length, ids of the word lists that need it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._prefixes: dict[str, list[int]] = {}
        self._count = 0
        self._automaton: ahocorasick.Automaton | None = None
        self._cache: list[tuple[str, dict[int, list[int]]]] = []
        self._fragments: list[tuple[str, dict[int, list[int]]]] = []

    def register(self, prefixes: Iterable[str]) -> int:
        """A new word list: returns its id. Only the shortest of nested prefixes is kept
        (an occurrence of ``投资者`` is one of ``投资``)."""
        kept: list[str] = []
        shorter: set[str] = set()
        for prefix in sorted(set(prefixes), key=len):
            if not any(prefix[:end] in shorter for end in range(1, len(prefix) + 1)):
                kept.append(prefix)
                shorter.add(prefix)
        with self._lock:
            ident = self._count
            self._count += 1
            for prefix in kept:
                self._prefixes.setdefault(prefix, []).append(ident)
            self._automaton = None
            self._cache = []
            self._fragments = []
        return ident

    def _build(self) -> ahocorasick.Automaton:
        with self._lock:
            automaton = self._automaton
            if automaton is None:
                automaton = ahocorasick.Automaton()
                for prefix, ids in self._prefixes.items():
                    automaton.add_word(prefix, (len(prefix) - 1, tuple(ids)))
                automaton.make_automaton()
                self._automaton = automaton
            return automaton

    def candidates(self, text: str) -> dict[int, list[int]]:
        """Word-list id -> sorted start positions of its prefixes in ``text``. The last few
        texts are remembered (by identity), since every component scans the same text."""
        # texts of 80+ characters and shorter fragments are remembered apart, so that the
        # fragments a component looks at never push the item's own text out
        long = len(text) >= 80
        cache = self._cache if long else self._fragments
        for index, (seen, found) in enumerate(cache):
            if seen is text:
                if index:  # most recently used first
                    cache.insert(0, cache.pop(index))
                return found
        automaton = self._automaton or self._build()
        found: dict[int, list[int]] = {}
        if automaton.kind != ahocorasick.EMPTY:
            for end, (back, ids) in automaton.iter(text):
                start = end - back
                for ident in ids:
                    starts = found.get(ident)
                    if starts is None:
                        found[ident] = [start]
                    else:
                        starts.append(start)
        for ident, starts in found.items():
            if len(starts) > 1:
                found[ident] = sorted(set(starts))
        if long:
            self._cache = [(text, found), *cache[:3]]
        else:
            self._fragments = [(text, found), *cache[:7]]
        return found


SCANNER = _Scanner()
