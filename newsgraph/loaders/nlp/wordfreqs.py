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

__all__ = ["COMMON_ZIPF", "common_en", "common_words", "common_zh", "common_zh_words"]

COMMON_ZIPF = 4.0


@cache
def common_words(lang: str) -> frozenset[str]:
    """The words of ``lang`` (``en``, ``zh``) with a Zipf frequency of at least ``COMMON_ZIPF``,
    lower case (wordfreq's lists are case-folded)."""
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
    last = round((9 - COMMON_ZIPF) * 100)  # the bucket of Zipf 4.0
    return frozenset(word for bucket in buckets[: last + 1] for word in bucket)


def common_en(word: str) -> bool:
    """Is ``word`` (any case) a common English word?"""
    return word.lower() in common_words("en")


def common_zh(word: str) -> bool:
    """Is ``word`` one common Chinese word of the list (not a phrase of several)?"""
    return word in common_words("zh")


def common_zh_words(text: str) -> bool:
    """Does ``text`` split into common Chinese words of two characters or more (移动数据分析:
    移动 + 数据 + 分析; 深度解读)? A description reads so; a name (阶跃星辰, 智谱) does not."""
    words = common_words("zh")
    n = len(text)
    if n < 2:
        return False
    longest = min(n, 6)
    ok = [True] + [False] * n  # ok[i]: text[:i] splits
    for i in range(2, n + 1):
        ok[i] = any(ok[i - k] and text[i - k : i] in words for k in range(2, min(longest, i) + 1))
    return ok[n]
