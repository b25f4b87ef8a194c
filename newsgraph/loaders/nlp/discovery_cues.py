"""``NameCues``: the cue words of entity discovery and the helpers its finders share.

The base class of :class:`~newsgraph.loaders.nlp.discovery.EntityDiscovery`: it compiles the
lexicon's discovery section (type suffixes, type nouns, titles, generic words, boundary
words) and answers "is this a generic word?", "is a type noun next to it?" and "make a
candidate of it".
"""

from __future__ import annotations

import re

from spacy.language import Language

from newsgraph.graph.model import Label, entity_id, normalise_name
from newsgraph.loaders.nlp.extensions import _Cand
from newsgraph.loaders.nlp.latin_words import describing
from newsgraph.loaders.nlp.lexicon import Lexicon, Words
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.text import _is_cjk, fold_lower, strip_enumerator

_MARKUP = re.compile(r"[*_`~#>\[\]]+")
#: "<something> as a service" (MaaS, RaaS, AIaaS), the kind SaaS and PaaS are
_AS_A_SERVICE = re.compile(r"[A-Z][A-Za-z]{0,3}aaS")
_NUMBER = re.compile(r"[\d\s.,:%+\-/$¥€£]+")
#: 等 ("and so on") and a few words describing the kind that follows (Jira 等项目管理软件)
_ETC = re.compile(r"[\s*_\"'“”‘’]*等[^，。；,;\n、]{0,6}")


#: examples of a kind before a name: "aircraft like the F-35 and", "tools such as", "platforms
#: including" (the kind's noun, plural or not, then the earlier members of the list)
_KINDS_LIKE = re.compile(
    r"(?P<kind>[a-z]+s?)[ \t]+(?:like|such as|including)[ \t]+(?:the[ \t]+)?"
    r"(?:[^,;.!?\n]{1,40}?(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]+or[ \t]+))*[\s*_\"“`]*$"
)

#: an apposition after a name: a comma, an article or possessive, up to five words
#: ("Marble, a world model", "Step-Audio-EditX, the world's first audio editing model")
_APPOSITION = re.compile(r"[*_\"'”’]*,[ \t]+(?:a|an|the|its|their|his|her)[ \t]+(?:[\w'’-]+[ \t]+){0,5}?")

#: lower-case words describing the kind named right after them ("VibeVoice real-time speech
#: model"): one to three words of letters, digits and hyphens
_DESCRIBED_KIND = re.compile(r"(?:[ \t]+[a-z][a-z0-9]*(?:-[a-z0-9]+)*){1,3}[ \t]+")

#: verbs of being and having, and words that join phrases, beside the leading stopwords
#: (the, its, and, with, ...): none describes a kind
_NOT_DESCRIBING = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "of", "to", "not", "no"})


#: the kind of a test named right after it, or a record set on it ("new SOTA on ARC-AGI-2")
_TEST_KIND_BEFORE = re.compile(
    r"(?:数据集|基准测试|基准|评测集|竞赛|比赛|榜单|排行榜"
    r"|\b(?:benchmarks?|datasets?|leaderboards?|competitions?)(?:[ \t]+(?:like|such[ \t]+as|including))?"
    r"|\b(?:sota|state[- ]of[- ]the[- ]art)(?:[ \t]+(?:results?|scores?))?[ \t]+on(?:[ \t]+the)?"
    # a rank or a score "on" it: "ranking #5 overall on the X Index", "scored 80% on X"
    r"|\b(?:rank(?:s|ed|ing)?|scor(?:e|es|ed|ing))\b[^.;:!?\n]{0,30}?\bon(?:[ \t]+the)?"
    # how a model does on it: "Mistral Large performing well on ZebraLogic"
    r"|\bperform(?:s|ed|ing)?(?:[ \t]+(?:well|best|strongly|poorly|better|worse))?[ \t]+on(?:[ \t]+the)?"
    # a share of tasks solved on it: "a 38.1% success rate on OSWorld", "87% on WebArena"
    r"|\d%[ \t]+(?:(?:success|pass|solve|win|resolve)[ \t]+rate[ \t]+|accuracy[ \t]+)?on(?:[ \t]+the)?)[ \t“\"'*_]*$"
)
#: a test named right before its use (在OSWorld测试中, "LiveMCP-101 stress tests", "X benchmark")
_TEST_AFTER = re.compile(
    r"[ \t”\"'*_]*(?:测试中|评测中|测试集|基准测试|[\u4e00-\u9fff]{0,2}基准|榜单|排行榜"
    # a score reached on it: "在 ARC-AGI-2 上跑出 75%"
    r"|上的?(?:跑出|取得|拿下|拿到|获得|达到|刷新|得分|成绩)[^，。,;；\n]{0,8}?\d+(?:\.\d+)?[ \t]*%"
    # a score in brackets after it: "improving performance on MATH-500 (82.8%)"
    r"|[(（][ \t]*\d+(?:\.\d+)?[ \t]*%[ \t]*[)）]"
    r"|(?:stress[ -])?tests?\b|test suite|benchmarks?\b|leaderboards?\b|evals?\b|-bench\b)"
)
#: the rest of a list of names closed by the plural of a test's kind ("ARC-AGI-2, SWE-bench,
#: LMArena, and Arena benchmarks"): each name of it is a test (read in the text: capitals count)
_LISTED_TESTS_AFTER = re.compile(
    r"(?:-[Bb]ench\S*)?(?:[ \t]*(?:,|、|&|\band\b)[ \t]*(?:and[ \t]+)?[A-Z][\w\-]*(?:\.\w[\w\-]*)*"
    r"(?:[ \t][A-Z0-9][\w\-]*(?:\.\w[\w\-]*)*){0,3}){1,8}"
    r"[ \t]+(?:benchmarks|leaderboards|evals|tests)\b"
)


#: 协议 used as "licence": software released (开源) or licensed (授权, 许可) under it
_LICENCE_BEFORE = re.compile(r"(?:以|采用|基于|遵循|使用)[\s*_]*$")
_LICENCE_AFTER = re.compile(r"[\s*_]*协议[^，。,.]{0,3}(?:开源|授权|许可)")
#: "… license", "… 许可证" right after a name; "released under (the) …" right before one
#: the licences named by a version, whatever surrounds them (Apache 2.0, GPL-3.0, AGPLv3)
_LICENCE_NAME = re.compile(r"(?:Apache|GPL|LGPL|AGPL|MPL|EPL)[ -]?v?\d(?:\.\d)?")
_LICENCE_WORD = re.compile(r"(?:licen[cs](?:es?|ing|ed)\b|许可证|开源许可)", re.IGNORECASE)
_UNDER_BEFORE = re.compile(
    r"(?:\b(?P<verb>released|licensed|available|open-sourced|published|distributed)[ \t]+)?\bunder[ \t]+"
    r"(?:the[ \t]+|an?[ \t]+)?(?:[a-z\-]+[ \t]+)?[\s*_]*$"
)


def licence_named(text: str, start: int, end: int) -> bool:
    """Is [start, end) the name of a licence: 以MIT协议开源, 采用 Apache 2.0 协议, 以 Apache 2.0
    开源, "under Apache 2.0", "the MIT license", under which software is released (协议 there is
    "licence", not a protocol)?"""
    after = text[end : end + 12].lstrip(" \t*_")
    if _LICENCE_WORD.match(after) or _LICENCE_NAME.fullmatch(text, start, end):
        return True
    under = _UNDER_BEFORE.search(text, max(0, start - 40), start)
    if under is not None and (under.group("verb") or re.search(r"\d", text[start:end])):
        return True  # "released under Apache 2.0", "by AI2 under Apache 2.0"; not "operates under Acme"
    used_under = _LICENCE_BEFORE.search(text, max(0, start - 6), start) is not None  # 以 / 采用 …
    if after.startswith("开源"):
        return used_under  # 以 Apache 2.0 开源
    return after.startswith("协议") and (used_under or _LICENCE_AFTER.match(text, end) is not None)


def _initials(lowered_name: str) -> str:
    """``learning loss minimization`` -> ``llm``: the first letters of the words of a name."""
    return "".join(word[0] for word in re.split(r"[\s\-]+", lowered_name) if word)


#: a hyphenated adjective made from the word before: Hacker-style, Figma-like, Ghibli-esque
_LIKE_AFTER = re.compile(r"-(?:style|styled|like|esque|themed|inspired|type)\b")


def _clean_name(text: str) -> str:
    text = _MARKUP.sub("", text)
    text = strip_enumerator(re.sub(r"\s+", " ", text).strip())
    return text.strip(" \t\"'“”‘’「」《》()（）:：,，.。-")


class NameCues:
    """Cue words and shared helpers of :class:`~newsgraph.loaders.nlp.discovery.EntityDiscovery`."""

    def __init__(self, nlp: Language, lexicon: Lexicon, *, max_zh_name: int = 10) -> None:
        self.nlp = nlp
        self.max_zh_name = max_zh_name
        disc = lexicon.discovery
        self.generic = {fold_lower(w) for w in disc.generic.all()}
        self.generic_norm = {normalise_name(w) for w in disc.generic.all()}
        self.leading = {w.lower() for w in disc.leading_stopwords.en}
        self.descriptors = WordMatcher(disc.descriptors.all())
        # a verb is never inside a name: relation and impact triggers bound names too
        self.boundaries = WordMatcher(
            [
                *disc.zh_boundaries,
                *(w for rule in lexicon.relations if rule.pattern != "maker" for w in rule.triggers.zh),
                *(w for w in lexicon.impacts.all() if any(_is_cjk(c) for c in w)),
            ]
        )
        self.first_names = set(disc.first_names)
        self.role_nouns = {w.lower() for w in disc.role_nouns}
        self.term_nouns = WordMatcher(disc.term_nouns.all())
        # as the last word of a capitalised run ("Qwen3-30B-A3B Benchmark"); not the words
        # that end product names (Doubao Input Method, the Fear & Greed Index)
        self.term_words = {w.lower() for w in disc.term_nouns.en} - {"method", "methods", "index"}
        self.glued_product = frozenset(disc.glued_product)
        self.transliteration = frozenset(disc.transliteration.replace(" ", ""))
        self.en_suffix: dict[str, Label] = {}
        for label, words in disc.suffixes.items():
            for word in words.en:
                self.en_suffix.setdefault(word.lower().rstrip("."), label)
        self.zh_suffix_re = WordMatcher([w for words in disc.suffixes.values() for w in words.zh])
        self.zh_suffix_label: dict[str, Label] = {}
        for label, words in disc.suffixes.items():
            for word in words.zh:
                self.zh_suffix_label.setdefault(fold_lower(word), label)
        self.type_nouns = {label: WordMatcher(words.all()) for label, words in disc.type_nouns.items()}
        # one-word English type nouns, for "<kind>s like X": the type each names
        self.kind_words = {
            w.lower(): label for label, words in disc.type_nouns.items() for w in words.en if " " not in w
        }
        self.titles = WordMatcher(lexicon.titles.all())
        # who a Chinese name right after one is: the titles that lead and the other roles of people
        self.person_titles = WordMatcher([*lexicon.titles.all(), *disc.person_titles.all()])
        self.title_words = {w.lower() for w in lexicon.titles.en if " " not in w} | {"ceo", "cto", "cfo", "coo"}
        self.initiative_words = WordMatcher(disc.suffixes.get(Label.INITIATIVE, Words()).all())
        self.sector_blockers = WordMatcher(disc.sector_blockers)
        self.crypto_words = WordMatcher(disc.crypto_words.all())
        self.agency_domain = re.compile(
            "(?:" + "|".join(sorted(map(re.escape, disc.agency_domains), key=len, reverse=True)) + ")$"
        )

    # -- helpers ------------------------------------------------------------------------

    def is_generic(self, name: str) -> bool:
        low = fold_lower(name).strip()
        if not low or low in self.generic or normalise_name(name) in self.generic_norm:
            return True
        if low.endswith("s") and low[:-1] in self.generic and low[:-1].isascii():
            return True  # "Transformers 模型", "ASICs": the plural of a generic word
        if _AS_A_SERVICE.fullmatch(name.strip()):
            return True  # MaaS, RaaS: a way of selling, like SaaS
        if _NUMBER.fullmatch(low):  # a price or a count (XRP 3.00美元), not a name
            return True
        if len(normalise_name(name)) < 2 and not _is_cjk(name[:1]):
            return True
        # a name made only of descriptor words (AI 初创, 美国科技) is not a name
        rest, _found = self.blank_descriptors(low)
        return not rest.strip(" -·.") or normalise_name(rest) in self.generic_norm

    def blank_descriptors(self, low: str, min_length: int = 1) -> tuple[str, bool]:
        """``low`` (folded) with its descriptor words (AI, 美国, 数据, …) of ``min_length``
        characters or more blanked out, and whether there was one."""
        spans = [(s, e) for s, e in self.descriptors.finditer(low) if e - s >= min_length]
        for start, end in sorted(spans, reverse=True):
            low = low[:start] + " " * (end - start) + low[end:]
        return low, bool(spans)

    def _near_type(self, lowered: str, start: int, end: int, window: int = 14) -> Label | None:
        """A type noun right before or right after [start, end), or heading a noun phrase after
        it (an apposition: "Rivos, a chip startup"; describing words: "VibeVoice real-time
        speech model")."""
        best: tuple[int, Label] | None = None
        phrase: list[tuple[int, int, Label]] = []  # type nouns in a noun phrase after the name
        lo = max(0, start - window)
        apposition = _APPOSITION.match(lowered, end)  # "Marble, a world model", "Takane, its new model"
        hi = max(end + window, apposition.end() + 60 if apposition else 0)
        if _DESCRIBED_KIND.match(lowered, end):
            hi = max(hi, end + 48)  # room for words describing the kind before it
        for label, matcher in self.type_nouns.items():
            for s, e in matcher.finditer(lowered, lo, min(len(lowered), hi)):
                if (
                    e - s == 1
                    and _is_cjk(lowered[s])
                    and not (s == end or (e == start and (s == 0 or not _is_cjk(lowered[s - 1]))))
                ):
                    # 币 of 比特币OG, of M2货币: a one-character noun counts glued to the name, and
                    # before it only when it is no end of a longer word
                    continue
                if e <= start:
                    gap = lowered[e:start]
                    if re.search(r"[。！？；;\n]|[.!?]\s", gap) or len(gap.strip(" *_\"'“”‘’,，、")) > 6:
                        continue
                    if re.search(r"[)）]", gap):
                        continue  # "(LLM) Leaderboard", "(which picks the best model), Inline Chat": closed off
                    dist = start - e
                elif s >= end:
                    gap = lowered[end:s]
                    if s > end and lowered[s - 1] == "-":
                        continue  # "an on-device language model": part of a compound describing word
                    if re.fullmatch(r"\s*[(（]\s*", gap) and _initials(lowered[start:end]) == lowered[s:e]:
                        continue  # "Learning Loss Minimization (LLM)": its abbreviation, not its type
                    if _ETC.fullmatch(gap):
                        pass  # "Jira 等项目管理软件": names listed before 等 and their kind
                    elif (apposition and s >= apposition.end() and _APPOSITION.fullmatch(gap + " ")) or (
                        self._describes_kind(lowered[start:end], gap)
                    ):
                        phrase.append((s, e, label))
                        continue
                    elif re.search(r"[。！？；;\n,，、]", gap) or len(gap.strip(" *_\"'“”‘’")) > 2:
                        continue
                    dist = s - end
                else:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, label)
        if best is None and (like := self.kind_like(lowered, start)) is not None:
            best = like  # "crewed aircraft like the F-35 and F-22", "platforms like Replicate"
        if phrase:
            # the phrase's head is its last type noun reached over describing words: "a chip
            # startup" is a startup, "a startup building AI tools" a startup
            phrase.sort()
            head = phrase[0]
            for nxt in phrase[1:]:
                if nxt[0] < head[1]:
                    continue  # "language model" and its "model"
                between = lowered[head[1] : nxt[0]]
                if between.strip() and not self._describing_words(between.split(), participles=False):
                    break
                head = nxt
            if best is None or head[0] - end < best[0]:
                best = (head[0] - end, head[2])
        return best[1] if best else None

    def kind_like(self, lowered: str, start: int) -> tuple[int, Label] | None:
        """``(distance, type)`` when the name is an example of a kind: a type noun, then `like`,
        `such as` or `including` and maybe earlier members of the list ("aircraft like the
        F-35 and", "tools such as")."""
        like = _KINDS_LIKE.search(lowered, max(0, start - 120), start)
        if like is None:
            return None
        kind = like.group("kind")
        label = self.kind_words.get(kind) or self.kind_words.get(kind[:-1] if kind.endswith("s") else kind)
        return (start - like.end("kind"), label) if label is not None else None

    def _describes_kind(self, name: str, gap: str) -> bool:
        """Are the lower-case words between a name and a type noun words describing that kind
        ("VibeVoice real-time speech model"), not a clause ("LM Studio Discord community
        discussed model", "Zep launches tool")? Verbs, adverbs and plurals are told by their
        endings (a hyphenated compound may end in them: open-sourced, AI-powered); a one-word
        name that is a word of the language (Automated, Outage) gets no type this way."""
        if not _DESCRIBED_KIND.fullmatch(gap) or (" " not in name and describing(name)):
            return False
        if name.split()[0].title() in self.first_names:
            return False  # "Dylan Patel discussing GPU economics": a person, then what they do
        return self._describing_words(gap.split())

    def _describing_words(self, words: list[str], *, participles: bool = True) -> bool:
        """Can lower-case ``words`` describe a kind: no joining word, verb of being, adverb,
        plural or verb in -ed (a hyphenated compound may end so: open-sourced, AI-powered),
        and, unless ``participles``, no word in -ing ("a startup building AI tools")?"""
        endings = ("ed", "ly", "s") if participles else ("ed", "ly", "s", "ing")
        return not any(
            word in _NOT_DESCRIBING or word in self.leading or ("-" not in word and word.endswith(endings))
            for word in words
        )

    def term_after(self, lowered: str, end: int) -> bool:
        """Does a term noun (架构, dataset, -based) follow right after ``end``: the name
        before it is a technique, a data set or a measure?"""
        hit = self.term_nouns.search(lowered, end, end + 14)
        if hit is not None and lowered[end : hit[0]].strip(" \t-\"'”’」』") in ("", "等"):
            return True  # 等 (and others): "在Charades-STA等基准测试中" lists tests
        if _LIKE_AFTER.match(lowered, end):
            return True  # "Hacker-style interface", "a Figma-like tool": a manner, not a name
        # a licence may have one word between: "an Apache 2.0 open license"
        return bool(re.match(r"[ \t]+[a-z\-]+[ \t]+licen[cs]e", lowered[end : end + 30]))

    @staticmethod
    def tested_on(lowered: str, start: int) -> bool:
        """Is a test's kind, or a score reached on it, right before ``start`` (the benchmark
        X, "58.1% on X", "scored 80% on X")?"""
        return _TEST_KIND_BEFORE.search(lowered, max(0, start - 24), start) is not None

    @staticmethod
    def names_a_test(text: str, lowered: str, start: int, end: int) -> bool:
        """Is the name a test, a data set or a contest: named right after its kind (数据集
        VoxEmoset, 竞赛HiPhO, the benchmark X), right before 测试中 / 评测中 (在OSWorld测试中), or
        in a list the plural of a test's kind closes ("X, SWE-bench, and Arena benchmarks")?
        Benchmarks, data sets and contests are not labelled."""
        return (
            NameCues.tested_on(lowered, start)
            or _TEST_AFTER.match(lowered, end) is not None
            or _LISTED_TESTS_AFTER.match(text, end) is not None
        )

    def _make(self, start, end, label, name, confidence, rank, weak=False, *, named_by_place=False) -> _Cand | None:
        """A discovered candidate, unless its name is empty or generic (``named_by_place``: a
        country and an institution word, 中国电信, is a name though both words describe)."""
        name = _clean_name(name)
        if not name or not name[0].isalnum():
            return None
        if (
            not named_by_place
            and self.is_generic(name)
            and (label is not Label.SECTOR or normalise_name(name) in self.generic_norm)
        ):
            return None  # a sector is described by generic words (数据服务行业), but 行业 alone is none
        return _Cand(start, end, label, name, entity_id(label, name), False, confidence, "discovery", rank, weak)
