"""Chinese word boundaries and part-of-speech tags from a statistical segmenter (jieba).

jieba 0.42 (MIT) segments with its own dictionary and an HMM for unknown words, both inside
its wheel: nothing is fetched. Callers ask for the words around a span (:func:`words_around`,
:func:`is_unit`) or whether a short phrase holds nothing but modifiers (:func:`modifier_words`);
the segmenter sees a window of :data:`WINDOW` characters each side, enough for the words at
the span's edges.

Loading jieba's dictionary as jieba does (a 500 k-entry frequency map and a 349 k-entry tag
map) costs about 1.3 s and 130 MB in every process that checks a Chinese name, for a few
hundred windows of 24 characters. So the segmenter here asks an index of the same dictionary
instead (:mod:`.segment_index`: a SQLite file in the user cache folder, written once per jieba
version), looking up only the substrings of the windows it cuts; the words and tags are
jieba's own (its ``posseg`` code runs unchanged). Without the index (``NEWSGRAPH_CACHE=0``, or
a cache folder that cannot be written) jieba loads its dictionary as usual.
"""

from __future__ import annotations

from functools import cache, lru_cache

__all__ = ["FUNCTION_TAGS", "WINDOW", "is_unit", "modifier_words", "words_around"]

WINDOW = 12  # characters each side of a span given to the segmenter
#: jieba's tags of words no name holds: verbs, adverbs, prepositions, pronouns, conjunctions,
#: particles, numerals, measure words, times, directions, modal words
FUNCTION_TAGS = frozenset("v vd vi vl vg d p r c u uj ul ud uz ug uv m q t f y e zg".split())  # noqa: SIM905


@cache
def _tagger():
    """jieba's part-of-speech segmenter over the dictionary index (else jieba's own load)."""
    from newsgraph.loaders.nlp.segment_index import posseg_tagger

    return posseg_tagger()


@lru_cache(maxsize=4096)
def _segment(window: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's words of ``window`` with their tags, as (start, end, tag) offsets into it."""
    out, pos = [], 0
    for pair in _tagger().cut(window):
        out.append((pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    return tuple(out)


def words_around(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The segmenter's words of the window around ``text[start:end]``, as (start, end, tag)
    offsets into ``text``."""
    lo = max(0, start - WINDOW)
    return [(a + lo, b + lo, tag) for a, b, tag in _segment(text[lo : end + WINDOW])]


def is_unit(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` start and end at word boundaries and hold no function word
    (促使|行业 holds a verb, 履行|业 ends inside a word, 市|中健康产业 starts inside one)?"""
    words = words_around(text, start, end)
    starts = {a for a, _b, _t in words}
    ends = {b for _a, b, _t in words}
    inside = [tag for a, b, tag in words if a >= start and b <= end]
    return start in starts and end in ends and not any(tag in FUNCTION_TAGS for tag in inside)


#: jieba's tags of the words a modifier phrase is made of: nouns of every kind, abbreviations,
#: verbal nouns, adjectives, distinguishing words, numbers and measures (第二大, 上市公司, 房地产投资)
_MODIFIER_TAGS = frozenset("j vn a b m q eng".split())  # noqa: SIM905


def modifier_words(text: str) -> bool:
    """Is ``text`` (Chinese) only nouns, adjectives, numbers and verbal nouns, a phrase that can
    stand between a word and the name it qualifies (日本|上市公司|Metaplanet, 西班牙|第二大银行|BBVA),
    with no verb, adverb or preposition (加拿大|计划出台|…, 台湾|研究将|…)?"""
    words = _segment(text.strip())
    return all(tag.startswith("n") or tag in _MODIFIER_TAGS for _a, _b, tag in words)
