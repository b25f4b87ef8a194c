"""How common a word is, from the word lists of `wordfreq <https://github.com/rspeer/wordfreq>`_
(a dependency; code Apache-2.0, data CC BY-SA 4.0: word counts over Wikipedia, subtitles,
news, books, web text and more).

Discovery asks one question of it: is this capitalised run (English) or this name part
before a suffix (Chinese) just a common word? "Memory", "Critics", 唱片公司, 尽管公司 are
words of the language, not names, unless a cue (a suffix, a version, a title) says
otherwise. A Zipf frequency of 4.0 (ten per million words) is the line: "memory" 4.8,
"critics" 4.3, 唱片 4.2, 尽管 5.2; "weaviate" 0, "kubernetes" 2.3, 爱诗 0.

The words above the line are read straight from the package's small list for the language
(``wordfreq/data/small_LANG.msgpack.gz``, its documented "cBpack" format: a header, then one
list of words per centibel, list ``i`` holding the words of Zipf frequency ``9 - i / 100``)
rather than through ``import wordfreq``, which imports ftfy, langcodes and regex (0.16 s)
and loads the large list (0.1 s): the set loads in ~15 ms on first use.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache
from pathlib import Path

__all__ = [
    "COMMON_ZIPF",
    "common_en",
    "common_words",
    "common_zh",
    "common_zh_words",
    "english_adverb",
    "english_agent_noun",
    "english_participle",
    "english_past",
]

COMMON_ZIPF = 4.0


@cache
def common_words(lang: str, zipf: float = COMMON_ZIPF) -> frozenset[str]:
    """The words of ``lang`` (``en``, ``zh``) with a Zipf frequency of at least ``zipf``
    (``COMMON_ZIPF`` unless asked), lower case (wordfreq's lists are case-folded)."""
    import msgpack

    spec = importlib.util.find_spec("wordfreq")  # the package's folder, without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"small_{lang}.msgpack.gz"
    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False)
    header, buckets = data[0], data[1:]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a cBpack word list (header {header!r})")
    last = round((9 - zipf) * 100)  # the bucket of that Zipf frequency
    return frozenset(word for bucket in buckets[: last + 1] for word in bucket)


def common_en(word: str) -> bool:
    """Is ``word`` (any case) a common English word?"""
    return word.lower() in common_words("en")


def common_zh(word: str) -> bool:
    """Is ``word`` one common Chinese word of the list (not a phrase of several)?"""
    return word in common_words("zh")


def common_zh_words(text: str, zipf: float = COMMON_ZIPF) -> bool:
    """Does ``text`` split into Chinese words of two characters or more, each of Zipf
    frequency ``zipf`` or more (移动数据分析: 移动 + 数据 + 分析; 深度解读)? A description reads
    so; a name (阶跃星辰, 智谱) does not."""
    words = common_words("zh", zipf)
    n = len(text)
    if n < 2:
        return False
    longest = min(n, 6)
    ok = [True] + [False] * n  # ok[i]: text[:i] splits
    for i in range(2, n + 1):
        ok[i] = any(ok[i - k] and text[i - k : i] in words for k in range(2, min(longest, i) + 1))
    return ok[n]


def english_past(word: str) -> bool:
    """Is ``word`` an English "-ed" form of a common verb ("Valued at", "Acquired by"): the
    stem a word of Zipf 4 or more (value, acquire, plan from planned)?"""
    low = word.lower()
    return low.endswith("ed") and len(low) >= 5 and low.isalpha() and _common_stem(low[:-2])


def _common_stem(stem: str) -> bool:
    """Is the stem left by an ending a word of Zipf 4 or more, as it is, with its "e" back
    (mak|ing, valu|ed) or with a doubled consonant single (runn|ing, plann|ed)?"""
    words = common_words("en")
    stems = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "")
    return any(len(s) >= 3 and s in words for s in stems)


def english_adverb(word: str) -> bool:
    """Is ``word`` an English adverb in "-ly" of Zipf frequency 3 or more, made from a word
    of the language ("Critically," from critical, "Notably," from notable, "Happily" from
    happy; a stem of five letters or more)? Such words open sentences; Grammarly (1.7), Italy
    and Kelly are names."""
    low = word.lower()
    words = common_words("en", 3.0)
    if not low.endswith("ly") or low not in words:
        return False
    stems = (low[:-2], low[:-1] + "e", low[:-3] + "y", low[:-2] + "e")
    return any(len(stem) >= 5 and stem in words for stem in stems)  # not "ita" of Italy, "kel" of Kelly


def english_agent_noun(word: str) -> bool:
    """Is ``word`` an English "-er" noun of a common verb, one who does it ("Planner", "Coder",
    "Verifier": plan, code, verify)? Agents named as examples of a kind are roles, no names."""
    low = word.lower()
    return (
        low.endswith("er")
        and len(low) >= 5
        and low.isalpha()
        and (_common_stem(low[:-2]) or (low.endswith("ier") and low[:-3] + "y" in common_words("en", 3.0)))
    )


def english_participle(word: str) -> bool:
    """Is ``word`` an English "-ing" form of a common verb ("Teaming up with ...", "Building
    on ...": a sentence opening with a verb)? The stem must be a word of Zipf 4 or more (team,
    build, make from making, run from running); Boeing, Beijing and Sterling are names."""
    low = word.lower()
    return low.endswith("ing") and len(low) >= 6 and _common_stem(low[:-3])
