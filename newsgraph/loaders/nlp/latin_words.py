"""What Latin-script names look like: the patterns and word tests that
:class:`~newsgraph.loaders.nlp.discovery_latin.LatinNames` finds and types runs with.

A run (``RUN``) is capitalised words joined by spaces, hyphens, dots, "of" / "and" / "&",
with versions (GPT-5.1, Kimi K2, Grok-1.5V) but not amounts, dates or pieces of identifiers;
the word tests say when its words are the language's (``common_run``, ``common_plural``,
``describing``), a model's tier or variant (``variant_tail``), or a list (``split_list``).
"""

from __future__ import annotations

import re

from newsgraph.loaders.nlp.text import TIER_WORDS, VARIANT_WORDS, _is_cjk
from newsgraph.loaders.nlp.wordfreqs import common_en, common_words

_CAP = (
    r"(?:(?:[A-Z]\.){2,}|[A-Z\u00C0-\u00DE][A-Za-z0-9\u00C0-\u024F]*"
    r"|[a-z]{1,3}[A-Z][A-Za-z0-9]*)"
)
#: a tier written glued to its version: "SenseNova V6.5Pro", "可灵 2.5Turbo"
_GLUED_TIER = r"(?:Pro|Max|Turbo|Mini|Plus|Ultra|Flash|Lite|Air|Nano)"
#: a version after a name: 3, 4.5, 2.5, K2, V3, R1, 4o, 1.5V (not thousands: 400k; not an
#: amount: EBITDA 2300万美元, Revenue 12%; nor the start of a number: Parakeet-TDT 0.6B); a size after a hyphen or a
#: space is part of the name (Qwen3-1.7B, AFM-4.5B, Llama 3.1 70B; not 15T)
_VER = (
    r"(?:(?<=-)\d+(?:\.\d+)?[BMbm](?![A-Za-z0-9])|(?<=[ \t])\d+(?:\.\d+)?[BM](?![A-Za-z0-9])"
    r"|\d+(?:\.\d+)*(?:[a-jl-zV](?![a-z]))?(?![BTMKbtmk]\b)"
    r"(?!-(?:bit|way|shot|step|day|year|layer|core|node|fold)s?\b)(?![.,/]?\d)(?![\d.,]*[ \t]?[万亿千%％])"
    r"|[A-Za-z]\d+(?:\.\d+)?"
    rf"|\d+(?:\.\d+)*{_GLUED_TIER}(?![A-Za-z0-9]))"
)
#: particles of European names, one or two: "Bankhaus von der Heydt", "Banco de la Nación";
#: a plural possessive inside a name joins too (in _JOIN: "Ontario Teachers' Pension Plan")
_PARTICLES = (
    r"(?:(?:von|van|de|du|del|della|la|le|der|den|da|di)[ \t]+)?(?:von|van|de|du|del|della|la|le|der|den|da|di)"
)
#: an initial joins the name it starts or stands in ("T. Rowe Price", "Cameron R. Wolfe"), not a
#: sentence ending in one ("a Series A. The round")
_INITIAL = (
    r"(?<![A-Za-z0-9][A-Z])(?<=[A-Z])\.[ \t](?=[A-Z])"
    r"(?!(?:The|This|That|These|Those|It|Its|We|Our|In|On|At|As|For|But|And|If|When|With|An?|He|She|They|"
    r"There|Then|So|After|Before|Today|Now|Also|However)\b)"
)
_JOIN = (
    rf"(?:-|\.(?=[A-Za-z0-9])|{_INITIAL}|[ \t]|(?<=[a-z]s)['’][ \t]"
    rf"|[ \t]+(?:of|for|and|&|the|{_PARTICLES})[ \t]+(?:the[ \t]+)?"
    r"|[ \t]*&[ \t]*|[ \t]+['’]n['’]?[ \t]+)"  # "Steak 'n Shake"
)
# not right after a letter, digit or underscore ("RETURN" of OP_RETURN is part of an
# identifier), nor after a hyphen, colon or apostrophe that follows one (5.0-Preview,
# Re:Invent, O'Shea)
RUN = re.compile(
    rf"(?<![A-Za-z0-9\u00C0-\u024F$_])(?<![A-Za-z0-9][-:'’])(?:{_CAP})(?:{_JOIN}(?:{_CAP}|{_VER})(?![A-Za-z0-9]))*"
)
HAS_VERSION = re.compile(
    r"(?:^|[ \-])(?:\d+(?:\.\d+)*[a-z]?|[A-Z]\d+(?:\.\d+)?)(?:$|[ \-])"
    rf"|(?:^|[ \-.])[A-Za-z]?\d+(?:\.\d+)*{_GLUED_TIER}(?:$|[ \-])"
    r"|[A-Za-z]\d+(?:\.\d+)?$|-\d+(?:\.\d+)?[BMbm](?:$|[ \-])"
)
VERSION_WORD = re.compile(r"[A-Za-z]?\d+(?:\.\d+)*[a-zV]?")
SIZE = re.compile(r"^\d+(?:\.\d+)?[BTMKbtmk]$")
#: an article or possessive right before a run: what follows is a kind of thing
DETERMINED = re.compile(
    r"(?<![A-Za-z])(?:[Aa]n?|[Tt]heir|[Ii]ts|[Oo]ur|[Yy]our|[Hh]is|[Hh]er|[Mm]y|[Ss]uch|[Ee]very|[Ee]ach"
    r"|[Aa]nother|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)[ \t]+$"
)
#: a chief officer's title: CEO, CPO, CMO, CISO
C_TITLE = re.compile(r"C[A-Z]{1,3}O")
#: digits glued to a name that belong to a Chinese count or date after it (Owen Gunden|1个月),
#: or a month or year after a space (BitFuFu| 11月产出)
COUNT_TAIL = re.compile(r"(?<=[A-Za-z])(?:\d+(?=[个月年天日周枚万亿名家款次倍])|[ \t]\d{1,4}(?=[月年]))")
#: a date: a month and a day or a year (Dec 2, March 2025, Sept. 14th)
DATE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\.?(?:[ \t]+\d{1,2}(?:st|nd|rd|th)?)?(?:,?[ \t]+(?:19|20)\d\d)?"
)
#: a tier or variant word in lower case right after a version (Grok 4 fast, o1-mini)
LOWER_TIER = re.compile(
    r"[ \t-](?:mini|nano|micro|fast|lite|turbo|flash|preview|beta|alpha|exp|instant|thinking)(?![A-Za-z0-9\-])"
)
#: the last part of a CamelCase word after a lower-case letter: HuggingChat -> Chat, VibeSDK -> SDK
CAMEL_LAST = re.compile(r"(?<=[a-z])([A-Z][a-z]+|[A-Z]{2,3})$")
#: a verb right after a name that only an organisation does (raises money, launches, acquires)
AGENT_VERB = re.compile(
    r"(['’]s)?[*_'’\"”]*[ \t]+(?:has[ \t]+|have[ \t]+|just[ \t]+|officially[ \t]+)?"
    r"(?:raised|raises|secured|secures|announced|announces|launched|launches|unveiled|unveils"
    r"|introduced|introduces|released|releases|acquired|acquires|hired|hires|partnered|partners[ \t]+with"
    r"|signed|signs|open-sourced|open-sources|debuted|debuts|rolled[ \t]+out|rolls[ \t]+out"
    r"|shipped|ships|teamed[ \t]+up|closed[ \t]+(?:a|its)|completed[ \t]+(?:a|its)"
    # deals, money and ratings: "BlockFi Agrees to Pay", "Bitmex to Purchase", "Moody's downgrades"
    r"|agree[sd]?[ \t]+to|to[ \t]+(?:buy|acquire|purchase|sell|launch|list|raise)|buys|sells|lends|invests"
    r"|downgrades|downgraded|upgrades|upgraded)\b",
    re.IGNORECASE,
)
#: nationality words cut from the front of a run ("Chinese companies"), kept before a company
#: suffix ("American Ventures LLC")
NATIONALITIES = frozenset(
    {"american", "chinese", "indian", "european", "japanese", "korean", "french", "british", "german", "saudi"}
)
#: a benchmark's score: a name and a number of 20 or more with one or two decimals
SCORE = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[ \t](?:[2-9]\d|100)\.\d{1,2}")
UNIT_BEFORE = re.compile(r"(?:\d|\bper[ \t]+|每[ \t]*)$")
AMOUNT_AFTER = re.compile(r"[ \t]*[$¥€£]?\d[\d.,]*[ \t]*(?:[万亿千%％]|美元|元)")
PERSON_EN = re.compile(r"^[A-Z][a-z'’\-]+(?:[ \t][A-Z]\.)?(?:[ \t][A-Z][a-z'’\-]+){1,2}$")


OPENERS = " *_\"'“‘#>-"


def after_sentence_end(text: str, start: int) -> bool:
    """Does ``text[:start]``, less trailing openers (spaces, quotes, markup), end a line or a
    sentence? Looks back only over those openers, not the whole text."""
    i = start - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    return i >= 0 and text[i] in "\n.!?:"


def is_gloss(text: str, start: int, end: int) -> bool:
    """``知识库(Knowledge Base)``: an English gloss in brackets after a Chinese word."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 1]
    if not before or before[-1] not in "(（" or after not in (")", "）"):
        return False
    return len(before) == 2 and _is_cjk(before[0])


def variant_tail(tail: str) -> bool:
    """Do the words after a catalog model name make it another model of the family: versions
    and tier or variant words only ("1.2", "Turbo", "-Mini", "4.5 Haiku", "V3", "Beta",
    "Flash 8B")? Sizes (70B) are not versions."""
    words = re.findall(r"[A-Za-z]*\d+(?:\.\d+)*[A-Za-z]?|[A-Za-z]+", tail)
    if not words or re.sub(r"[A-Za-z0-9.\-\s]", "", tail):
        return False
    tiers = [w for w in words if w.lower() in TIER_WORDS or w.lower() in VARIANT_WORDS]
    # a size counts beside a tier (Gemini Flash 8B), not alone (Llama 3.1 70B is a sized model)
    return all(
        w in tiers or (VERSION_WORD.fullmatch(w) and not SIZE.match(w)) or (tiers and SIZE.match(w)) for w in words
    )


#: the last word of a contest's name ("International Mathematical Olympiad", "AI Math Competition")
CONTEST_WORDS = frozenset({"olympiad", "competition", "contest", "championship", "championships", "hackathon"})

#: a hyphenated modifier a name makes ("GPT-5-backed workflows", "Gemini-powered", "an
#: Nvidia-led round", "Rust-based"): the run describes what follows, it names nothing new
MODIFIER_TAIL = re.compile(
    r"-(?:backed|powered|based|driven|enabled|native|compatible|focused|centric|first|only|specific"
    r"|related|linked|owned|funded|led|style|styled|like|esque|themed|inspired|optimi[sz]ed|tuned"
    r"|ready|friendly|aware|exclusive|branded|made|built|generated|written"
    r"|class|level|grade|scale|sized|tier|beating|killer|rivaling|rivalling)$"
)


def common_run(raw: str) -> bool:
    """Is every word of a capitalised run a common English word ("Memory", "Team Standard")?
    Capitals alone then say nothing: without a cue (suffix, version, type noun, title) such a
    run is no name. Acronyms (AI, IRON) are not checked; "Morgan Stanley" is a loss to take
    (precision first) unless the catalog or a cue knows it."""
    words = re.findall(r"[A-Za-z]+", raw)
    if not words or any(w.isupper() and len(w) > 1 for w in words):
        return False
    return all(common_en(w) for w in words)


#: the legal form or kind of firm that ends a firm's name
_FIRM_END = re.compile(
    r"\b(?:LLP|LLC|L\.L\.C|Inc|Corp|Corporation|Company|Co|Ltd|Limited|PLC|plc|Partners|Associates)\.?$"
)


def split_list(run: str) -> list[str]:
    """``run`` split at "and" and at "&" between names (pieces at even places, separators
    between): not where a piece is one common word (Weights & Biases, Research and
    Development Office), unless "and" stands between it and one word that is a name
    ("Snap and Pinterest": two companies listed); not at "&" before the legal form that
    ends a firm's name (Sullivan & Worcester LLP)."""
    pieces = re.split(r"([ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?)", run)
    out, last = [pieces[0]], pieces[0]
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        common = one_common_word(last), one_common_word(piece)
        listed = "&" not in sep and common[0] != common[1] and _one_word(last) and _one_word(piece)
        firm = "&" in sep and _FIRM_END.search(piece) is not None  # "Sullivan & Worcester LLP": one firm
        if (any(common) and not listed) or firm:
            out[-1] += sep + piece
        else:
            out += [sep, piece]
        last = piece
    return out


def _one_word(piece: str) -> bool:
    return piece.isalpha() and len(piece) > 1


def one_common_word(piece: str) -> bool:
    """Weights, Research; not Q8, not Felicis, not the name Palm Drive Capital."""
    return _one_word(piece) and common_run(piece)


def common_plural(word: str) -> bool:
    """The plural of a common English noun (Commenters, Hackers, Analysts): people or things
    named by a word of the language, no name.

    >>> common_plural("Commenters"), common_plural("Analysts"), common_plural("Rivos")
    (True, True, False)
    """
    low = word.lower()
    if not low.endswith("s") or len(low) < 5:
        return False
    common = common_words("en", 3.0)
    return (
        low[:-1] in common
        or (low.endswith("es") and low[:-2] in common)
        or (low.endswith("ies") and low[:-3] + "y" in common)
        or (low.endswith("ers") and low[:-3] in common)  # commenters: comment, not "commenter"
    )


def describing(word: str) -> bool:
    """A word of the language (Zipf 3) or a participle (Quantized, Reasoning): it describes."""
    low = word.lower()
    return low in common_words("en", 3.0) or (len(low) > 5 and low.endswith(("ed", "ing")) and low.isalpha())
