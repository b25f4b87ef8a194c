"""Chinese personal names written in pinyin ("Luo Yonghao", "Lu Cewu", "Saining Xie").

English digests write Chinese people's names in pinyin, in either order, and with no first
name of the lexicon's list to tell a person. A name of two words is one when one word is a
common Chinese surname and the other one or two pinyin syllables that are no common English
word ("Lei Jun" is a name; "Long Run" is not: run is an English word).

>>> pinyin_name("Luo Yonghao"), pinyin_name("Saining Xie"), pinyin_name("Fei-Fei Li")
(True, True, True)
>>> pinyin_name("Long Run"), pinyin_name("Li Auto"), pinyin_name("Zhipu Releases")
(False, False, False)
"""

from __future__ import annotations

import re

from newsgraph.loaders.nlp.wordfreqs import common_en

_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un"
    r"|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)"
)
#: one or two pinyin syllables, a hyphen allowed between them (Fei-Fei, Yong-hao)
_GIVEN = re.compile(rf"{_INITIAL}{_FINAL}(?:-?{_INITIAL}{_FINAL})?")

# fmt: off
#: common Chinese surnames in pinyin (the most frequent ones; "An", "Bi" and such are left
#: out: too many English words and names start the same way)
SURNAMES = frozenset({
    "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "liang", "zheng", "xie", "song", "tang",
    "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan", "jiang",
    "cai", "lu", "ye", "wei", "du", "dai", "xia", "zhong", "qian", "shen", "ren", "yao", "fan",
    "jin", "cui", "tan", "lei", "lv", "shi", "qiu", "hou", "bai", "duan", "hao", "kang",
    "mao", "qin", "yin", "gu", "meng", "wen", "fu", "shao", "yan", "tao", "long", "wan", "xiong",
    # not "kong": Hong Kong
})
# fmt: on


def pinyin_name(raw: str) -> bool:
    """Is ``raw`` a Chinese personal name in pinyin, surname first or last?"""
    words = raw.split()
    if len(words) != 2 or not all(p[:1].isupper() and p[1:].islower() for w in words for p in w.split("-")):
        return False
    low = [w.lower() for w in words]
    for surname, given in ((low[0], low[1]), (low[1], low[0])):
        if surname in SURNAMES and _GIVEN.fullmatch(given) and not common_en(given.replace("-", "")):
            return True
    return False
