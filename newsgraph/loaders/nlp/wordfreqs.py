"""How common a word is, from `wordfreq <https://github.com/rspeer/wordfreq>`_ (code Apache-2.0,
data CC BY-SA 4.0: word counts over Wikipedia, subtitles, news, books, web text and more).

Discovery asks one question of it: is this capitalised run (English) or this name part
before a suffix (Chinese) just a common word? "Memory", "Critics", 唱片公司, 尽管公司 are
words of the language, not names, unless a cue (a suffix, a version, a title) says
otherwise. A Zipf frequency of 4.0 (ten per million words) is the line: "memory" 4.8,
"critics" 4.3, 唱片 4.2, 尽管 5.2; "weaviate" 0, "kubernetes" 2.3, 爱诗 0. The lists load on
first use (about 0.2 s for English, 0.5 s for Chinese), so only extraction pays for them.
"""

from __future__ import annotations

from functools import cache, lru_cache

__all__ = ["COMMON_ZIPF", "common_en", "common_zh"]

COMMON_ZIPF = 4.0


@lru_cache(maxsize=1 << 14)
def _zipf_en(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@cache
def _zh_counts() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    # the word list itself: looking a word up this way needs no Chinese segmenter (jieba)
    return get_frequency_dict("zh")


def common_en(word: str) -> bool:
    """Is ``word`` (any case) a common English word?"""
    return _zipf_en(word.lower()) >= COMMON_ZIPF


def common_zh(word: str) -> bool:
    """Is ``word`` one common Chinese word of the list (not a phrase of several)?"""
    from wordfreq import freq_to_zipf

    freq = _zh_counts().get(word, 0.0)
    return freq > 0 and freq_to_zipf(freq) >= COMMON_ZIPF
