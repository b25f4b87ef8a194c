"""Text normalisation: case, script and width folding, and a few shared text tests.

Folding is length-preserving (one character for one character), so an offset in the folded
text is an offset in the original; every component matches over ``fold_lower(text)`` and
reports spans of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsgraph.graph.model import to_simplified


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0002ffff"


#: hyphens NFKC leaves apart from "-" (GPT‑4o is written with U+2011 in OpenAI's feeds)
_HYPHENS = frozenset("\u2010\u2011\u2012\u2013\u2212\ufe63")


@lru_cache(maxsize=1 << 16)
def _fold_char(char: str) -> str:
    if char in _HYPHENS:
        return "-"
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        folded = char
    if _is_cjk(folded):
        simplified = to_simplified(folded)
        if len(simplified) == 1:
            folded = simplified
    return folded


@lru_cache(maxsize=1 << 12)
def _lower_char(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


class _CharTable(dict):
    """A ``str.translate`` table filled on first use: each character maps to ``make(char)``
    (one character), so a text is folded in one C-level pass rather than a Python loop."""

    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, code: int) -> str:
        value = self[code] = self.make(chr(code))
        return value


_FOLD = _CharTable(lambda c: c if c < "\x80" else _fold_char(c))
_FOLD_LOWER = _CharTable(lambda c: _lower_char(c if c < "\x80" else _fold_char(c)))


def fold(text: str) -> str:
    """Full-width forms to ASCII and traditional to simplified Chinese, char by char.

    >>> fold("輝達與ＯｐｅｎＡＩ")
    '辉达与OpenAI'
    """
    if text.isascii():
        return text
    return text.translate(_FOLD)


@lru_cache(maxsize=64)
def fold_lower(text: str) -> str:
    """:func:`fold`, then lower case, still one character for one character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_LOWER)


# --------------------------------------------------------------------------------------
# Shared tests on text around a mention
# --------------------------------------------------------------------------------------


# A list number in front of a name: "2. ", "1.英伟达", "3、", "(4)", "5）". After a dot comes a
# space or a Chinese character, so that names such as "01.AI" keep their digits.
#: a list number in front of a name (2. , 1.纳, 3、, (4) ); match it at a position with
#: ``LIST_NUMBER.match(text, pos, end)``
LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}(?:\.\s+|\.(?=[\u4e00-\u9fff])|\s*[、)）]\s*)|[（(]\d{1,2}[)）]\s*)")
_ENUMERATOR = re.compile("^" + LIST_NUMBER.pattern)


def strip_enumerator(name: str) -> str:
    """``name`` without a list number in front (the whole name if nothing would be left).

    >>> [strip_enumerator(n) for n in ["2. 比特币财库公司", "1.英伟达", "3、Nvidia", "(4) Tether", "01.AI"]]
    ['比特币财库公司', '英伟达', 'Nvidia', 'Tether', '01.AI']
    """
    return _ENUMERATOR.sub("", name) or name


#: the marks that end a clause: commas, semicolons and colons, but not a comma or colon between
#: digits (1,009 枚, 10:30)
CLAUSE_MARKS = r"[，；;：]|(?<!\d)[,:]|[,:](?!\d)"

_QUOTES = r"[\s*_\"'“”‘’「」《》)）]*"
#: the gap between two coordinated names (A、B 和 C; A, B and C), quotes and markup allowed
_COORD = re.compile(
    rf"^(?:{_QUOTES}(?:和|与|及|以及|、|&|,{_QUOTES}and|,{_QUOTES}or|and|or|或|跟|同|plus|as well as|,)?"
    rf"{_QUOTES}(?:the\s+)?)$",
    re.IGNORECASE,
)


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _mostly_cjk(text: str, start: int, end: int) -> bool:
    """Is the line around [start, end) Chinese (rather than an English title quoted in it)?"""
    # the line's start and end, looked for only 60 characters away (linear in the text)
    lo = max(0, start - 60)
    nl = text.rfind("\n", lo, start)
    lo = nl + 1 if nl >= 0 else lo
    hi = text.find("\n", end, end + 60)
    hi = min(len(text), end + 60) if hi < 0 else hi
    window = text[lo:start] + text[end:hi]
    cjk = len(_CJK.findall(window))
    words = len(_LATIN_WORD.findall(window))
    return cjk > 0 and cjk >= 1.5 * words


#: 对 / 为 / 给 / 向 as prepositions, not inside a word (面对 "face", 应对, 相对, 反对, 成为, 认为,
#: 因为, 作为, 方向, 面向; nor 对手, 对话, 向量): what follows is the object of a later verb (向 X 投资, 对 X 进行调查)
_OBJECT_PREP_AT = re.compile(
    r"(?:对于|(?<![面应绝相反针比核])对(?![手话齐冲标接决称应外立抗峙象方于])|(?<![成认因作行称视以较更而并])为(?!止)"
    r"|(?<![供交带])给|(?<![方面意导走趋转动])向(?![量]))"
)
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z'’]*")  # not the k of 400k
# fmt: off
#: words a headline in title case may leave in lower case
_MINOR = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "nor", "but", "as", "at", "by",
    "with", "from", "into", "onto", "over", "under", "after", "amid", "via", "vs", "per", "up", "out", "off", "its",
    "it", "is", "are", "be", "was", "were", "has", "have", "had", "will", "than", "that", "this",
})
# fmt: on


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the English headlines written in title case ("China Orders Bitcoin Exchanges
    to Shut Down"): a line of 4 to 20 words (minor words such as "to" aside), all of them
    capitalised, or from six words on all but one in five; no Chinese, at most two commas (a
    list of names is no headline). There capitals say nothing about names, so no name is
    guessed from them. ("Regulators in Canada and Utopialand met on Monday." is a sentence.)"""
    out = []
    pos = 0
    for line in text.split("\n"):
        if _headline(line):
            out.append((pos, pos + len(line)))
        else:
            # a headline run into its paragraph: "**LMStudio's Lack of Open Source Sparks
            # Privacy Debate**: A user expressed ..."
            lead = _LEAD_HEADING.match(line)
            if lead is not None and _headline(lead.group(1)):
                out.append((pos, pos + lead.end(1)))
        pos += len(line) + 1
    return out


_LEAD_HEADING = re.compile(r"([^:：\n]{10,160}?)[*_]*[:：][ \t]")


def _headline(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w.lower() not in _MINOR]
    capitalised = sum(1 for w in words if w[0].isupper())
    return (
        4 <= len(words) <= 20
        and (capitalised == len(words) or (len(words) >= 6 and capitalised >= 0.8 * len(words)))
        and line.count(",") + line.count(";") <= 2
        and not any(_is_cjk(c) for c in line)
    )


#: words that name another model of one family and version (a tier or a modality), where a
#: missing family word (Claude) does not
TIER_WORDS = frozenset(
    [
        "mini",
        "nano",
        "flash",
        "lite",
        "max",
        "turbo",
        "haiku",
        "sonnet",
        "opus",
        "ultra",
        "air",
        "codex",
        "image",
        "vision",
        "audio",
        "tts",
        "coder",
        "sol",
        "micro",
        "fast",
        "multimodal",
    ]
)
#: variants of one release (GPT-5.2 Instant / Thinking / Pro launch together); tiers such as
#: Opus / Haiku / Flash are other models and stay
VARIANT_WORDS = frozenset(
    {"pro", "instant", "thinking", "preview", "exp", "experimental", "high", "medium", "low", "beta", "alpha"}
)


#: what a sector word modifies when it names no market an impact reaches: companies
#: (AI芯片初创公司, AI chip startups, crypto firms), an operating system, a team
SECTOR_MODIFIES = re.compile(
    r"[\s*_]*(?:初创公司|初创企业|公司|企业|厂商|巨头|操作系统|团队|人才|"
    r"(?:start-?ups?|companies|company|firms?|makers?|vendors?|operating systems?|teams?)\b)",
    re.IGNORECASE,
)
#: ... and when it names no market at all (the gold labels "crypto" in "crypto firms" but not
#: 生物技术 in 生物技术初创公司): start-ups, chips, a campus (数据中心芯片, 数据中心园区)
SECTOR_DESCRIBES = re.compile(r"[\s*_]*(?:初创公司|初创企业|芯片|园区|start-?ups?\b)", re.IGNORECASE)
