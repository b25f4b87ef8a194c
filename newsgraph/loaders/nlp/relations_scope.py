"""``_SentenceScope``: one sentence as the relation rules see it.

Its mentions and their coordinated groups, clause bounds, the nearest group before or after
a trigger, the sentence's subject (carried over from the previous sentence of the paragraph
when Chinese drops it), and the negation and rumour tests.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.graph.model import Label
from newsgraph.loaders.nlp.segment import modifier_words
from newsgraph.loaders.nlp.text import CLAUSE_MARKS, _mostly_cjk

if TYPE_CHECKING:
    from newsgraph.loaders.nlp.relations import RelationRules


_CLAUSE_ZH = re.compile(CLAUSE_MARKS)
_CLAUSE_EN = re.compile(r"[;:]|,\s+(?:but|while|whereas|with|and\s+(?:it|they|the|this))\b")
_ATTRIBUTION = re.compile(
    r"\s*(?:根据|依据|据|来自|援引|according to|per|citing|as reported by|via)(?![a-z])", re.IGNORECASE
)
_PREP_BEFORE = re.compile(
    r"(?:来自|对|向|从|与|和|跟|同|被|由|给|为|在|于|比|\bof|\bfrom|\bwith|\bby|\bagainst|\bfor|\bto|\bthan|\blike)\s*[*_“\"]*\s*$"
)
#: "open-source" used as an adjective, after an article or a possessive: no predicate
_ATTRIBUTIVE_OPEN_SOURCE = re.compile(r"(?:\b(?:the|an?|its|their|our|his|her)|['’]s)\s+open[- ]source$")
#: what refers back to the last sentence's subject in English ("It also acquired Y", "This
#: phone was developed with ZTE", "The entire company is going all-in against Google"):
#: without one, or a trigger opening the sentence ("Partnerships with LiveKit ..."), an English
#: sentence has no subject to carry over ("There is news about an acquisition involving
#: OpenAI" is no deed of the last sentence's subject)
_EN_ANAPHOR = re.compile(
    r"\b(?:it|its|they|their|them|we|our|this|these|those|also|the (?:\w+ )?(?:company|firm|startup|lab|group|maker"
    r"|developer|giant|chipmaker|exchange|platform|team|project|protocol|bank|fund|agency|regulator))\b"
)
#: what may open a sentence before a trigger that is its subject ("**Partnerships** with X",
#: "The release includes Codex CLI"): markup, a list number, a determiner
_OPENING = re.compile(r"[\s*_#>\-•·\d.)]*(?:(?:the|a|an|this|these|its|their|our)\s+)?[\s*_]*$")
#: "on" or "via" before a name, or before the names of a slash list it is in ("ships via
#: Hugging Face/GitHub/ModelScope")
_VENUE_EN = re.compile(r"\b(?:on|via)\s*(?:[\w .-]{1,24}/)*[*_“\"]*\s*$")
_RECIPIENT_BEFORE = re.compile(r"(?:向|对|给|\bto)\s*[*_“\"]*\s*$")
_POSSESSIVE_GAP = re.compile(r"\s*(?:的|'s|’s)\s*")
#: what makes the name before it a modifier of the thing after (比特币支持的信贷产品, "a
#: Bitcoin-backed loan", "GPT-5-powered agents")
_MODIFIES = re.compile(
    r"[\s*_]*(?:所)?(?:支持|驱动|赋能|加持|背书|支撑)的|-(?:powered|backed|based|native|driven|linked)\b", re.IGNORECASE
)
#: English nouns a name before them qualifies ("discounted Claude plans", "Gemini integrations")
_MODIFIED_EN = re.compile(
    r"[*_]*\s+(?:plans?|integrations?|features|pricing|support|subscriptions?|credits|users|customers|access|"
    r"accounts?|usage|outages?|updates?)\b(?!\s+(?:to|its|their|the|a|an)\b)",  # "Neptune plans to": a verb
    re.IGNORECASE,
)
#: what may follow a token's name when the token itself is the object (推出BARD代币, "launched
#: USDT0, an omnichain ..."): a token word, a clause boundary or a function word, after an
#: optional bracketed ticker. Anything else makes the name a modifier of the thing after it,
#: in either language (比特币挂钩债券, 比特币专题页面, 以太坊的连续期货合约, Solana（SOL）现货ETF,
#: "Bitcoin payments", "Bitcoin-backed", "Sky-T1"): the object is that thing, not the token.
_TOKEN_OBJECT_END = re.compile(
    r"[*_“”\"’]*\s*(?:[（(][^）)]{1,12}[）)])?+[*_“”\"’]*"
    r"(?:$|(?![-_])[^\w\s]|\s*(?:代币|稳定币|币|通证|并|及|和|与|以|用于|旨在|相较|等|在|于|后|时|将|也|已)"
    r"|\s+(?:tokens?|coins?|stablecoins?|on|in|to|for|as|with|and|or|at|across|via|from|into|by|which|that|this"
    r"|today|yesterday|last|next|earlier|after|before|is|was|will|has|had|have|are|were|while|amid|its|their"
    r"|the|a|an)\b|\s*$)",
    re.IGNORECASE,
)


def token_qualifies_next(text: str, end: int) -> bool:
    """Does the token named up to ``end`` qualify the noun after it (比特币挂钩债券, "Bitcoin
    withdrawals"), so that whatever is done is done to that noun, not to the token?"""
    return _TOKEN_OBJECT_END.match(text, end) is None


#: a name that owns the actor after it, who acts instead (Peter Thiel的Founders Fund增持ETH,
#: 特朗普之子…增持, George Soros' Investment Fund to Start Trading Bitcoin, 谷歌的子公司Waymo)
_OWNS_THE_ACTOR = re.compile(
    r"[*_]*\s*(?:之子|之女|(?:的|'s|’s|'|’)\s*[^，,。；;：:、\n]{0,14}?"
    r"(?:基金|公司|企业|集团|家族|儿子|女儿|妻子|(?<![a-z])(?:funds?|company|firm|family|foundation|sons?)(?![a-z])))",
    re.IGNORECASE,
)
#: what turns a trigger right before it into a noun (持有者, 持有时间): unnamed holders or a time
_NOUN_AFTER_TRIGGER = re.compile(r"者|时间|周期")
#: what says a subject is one of those holders (美国成为全球最大比特币持有者之一)
_COPULA = re.compile(r"成为|是|为|作为|列为|跻身")
#: offices that make whoever holds them speak for the country named before them (美国总统特朗普, 日本首相)
_STATE_OFFICE = re.compile(
    r"总统|总理|首相|主席|议员|州长|市长|部长|大使|官员|政府|央行|监管|法官|领导人|国王|王储|外长|财长|发言人"
)
#: what a name before a verb qualifies when the noun after it is the verb's subject ("Reddit
#: discussions introduced new models", "Claude users reported"): the name acts in nothing
_MODIFIED_SUBJECT_EN = re.compile(
    r"[*_]*\s+(?:users|customers|subscribers|discussions|communit(?:y|ies)|commenters|integrations|pricing"
    r"|outages?)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    label: Label
    key: str
    weak: bool
    #: the key of the name this one glosses in brackets (China (PBoC): PBoC glosses China)
    gloss: str = ""

    def same_actor(self, other: _Mention) -> bool:
        """One thing named twice (a name and its bracketed gloss): never a fact between them."""
        return self.key == other.key or self.gloss == other.key or other.gloss == self.key


class _SentenceScope:
    """One sentence: its mentions, their coordinated groups, and the structural helpers."""

    def __init__(self, rules: RelationRules, text, lowered, s0, s1, mentions, groups, prev_topic, lead=None):
        self.rules = rules
        self.lead = lead  # the item's first company: who "we" are in a press release
        self.text = text
        self.lowered = lowered
        self.s0, self.s1 = s0, s1
        self.mentions = mentions
        self.trigger_at = s1  # where the trigger being ruled on starts (set by the caller)
        self.groups = groups
        self.prev_topic = prev_topic
        self.zh = _mostly_cjk(text, s0, s0) if s1 > s0 else False
        self.evidence = text[s0:s1].strip()
        self.regulating = False

    # -- geometry -----------------------------------------------------------------------

    def inside_mention(self, s: int, e: int) -> bool:
        return any(m.start < e and s < m.end for m in self.mentions)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        pattern = _CLAUSE_ZH if self.zh else _CLAUSE_EN
        lo = self.s0
        for match in pattern.finditer(self.text, self.s0, pos):
            if not self._in_brackets(match.start()):
                lo = match.end()
        hi = self.s1
        for match in pattern.finditer(self.text, pos, self.s1):
            if not self._in_brackets(match.start()):
                hi = match.start()
                break
        return lo, hi

    def _in_brackets(self, pos: int) -> bool:
        before = self.text[self.s0 : pos]
        return before.count("(") + before.count("（") > before.count(")") + before.count("）")

    def allowed(self, group: list[_Mention], labels) -> list[_Mention]:
        """Members with an allowed label; a bare sector word (weak) only as what a regulator
        rules on (稳定币牌照, 监管加密); a country right before another name modifies it
        (美国现货ETF持有…, 美国SEC: the ETFs and the SEC act, not the country)."""
        modifiers = {
            id(m)
            for m, nxt in itertools.pairwise(group)
            if m.label is Label.COUNTRY and nxt.label is not Label.COUNTRY and not self.text[m.end : nxt.start].strip()
        }
        modifiers |= {id(m) for m in group if self._describes_a_company(m)}
        return [
            m
            for m in group
            if m.label in labels
            and id(m) not in modifiers
            and (not m.weak or m.label is not Label.SECTOR or self.regulating)
        ]

    def _describes_a_company(self, m: _Mention) -> bool:
        """A country before a kind of company and its name, in one noun phrase, describes it
        (中国AI独角兽MiniMax, 美国芯片巨头英伟达): it is no party of the sentence's facts."""
        if m.label is not Label.COUNTRY or not self.zh:
            return False
        nxt = next((o for o in self.mentions if o.start >= m.end), None)
        if nxt is None or nxt.label is not Label.COMPANY or nxt.start - m.end > 10:
            return False
        between = self.lowered[m.end : nxt.start]
        kind = self.rules.company_nouns.search(between)
        return (
            kind is not None
            and not between[kind[1] :].strip(" *_")
            and not re.search(r"[，,。；;：:、]", between)
            and self.rules.clause_words.search(between) is None
        )

    def qualifies_a_name(self, m: _Mention) -> bool:
        """A country right before another name in one noun phrase qualifies it (日本上市公司
        Metaplanet, 西班牙第二大银行BBVA, 丹麦音乐版权组织Koda, 加拿大母亲克里斯蒂·卡里尔): that
        name acts, the country does not. In Chinese, at most 12 characters between them that the
        segmenter reads as nouns, adjectives and numbers only, and no state office among them
        (美国总统特朗普 speaks for the country)."""
        if m.label is not Label.COUNTRY or not self.zh:
            return False
        nxt = next((o for o in self.mentions if o.start >= m.end), None)
        if nxt is None or nxt.label in (Label.COUNTRY, Label.SECTOR) or nxt.start - m.end > 12:
            return False  # 中国七大金融协会…禁止: a sector word is no name the country could qualify
        between = self.text[m.end : nxt.start]
        if re.search(r"[，,。；;：:、（）()《》“”\"\n]", between) or not modifier_words(between):
            return False  # 美国起诉银行BBVA, 加拿大计划出台…: the country acts
        return _STATE_OFFICE.search(between) is None  # 美国总统特朗普, 美国议员…: they speak for it

    def owns_the_actor(self, m: _Mention) -> bool:
        """Is ``m`` the owner of a fund, a company or a family member named right after it, who
        is the one acting (``_OWNS_THE_ACTOR``)? Not a thing it holds (Strategy的比特币持仓: Strategy
        holds)."""
        return _OWNS_THE_ACTOR.match(self.text, m.end) is not None

    def trigger_made_a_noun(self, head: _Mention, ts: int, te: int) -> bool:
        """Is the trigger at ``ts:te`` part of a noun (分析师X指出，比特币短期持有者…) that names no
        one's fact, the sentence not saying ``head`` is one (美国成为…持有者之一)?"""
        return _NOUN_AFTER_TRIGGER.match(self.text, te) is not None and not _COPULA.search(self.text, head.end, ts)

    def _qualifies_subject(self, group: list[_Mention]) -> bool:
        """Does the group qualify the noun after it, the subject ("Reddit discussions", "Claude
        users reported")?"""
        return not self.zh and _MODIFIED_SUBJECT_EN.match(self.text, group[-1].end) is not None

    def before(self, pos: int, labels, lo: int) -> list[_Mention]:
        """The nearest group ending before ``pos`` (from ``lo``) with an allowed member."""
        for group in reversed(self.groups):
            if group[-1].end <= pos and group[0].start >= lo:
                if self._qualifies_subject(group):
                    return []  # "Reddit discussions introduced X": the discussions introduce it
                members = self.allowed(group, labels)
                if members:
                    return members
            elif group[0].start < lo:
                break
        return []

    def after(self, pos: int, labels, hi: int, *, possessive: bool = True, released: bool = False) -> list[_Mention]:
        """The nearest allowed group after ``pos``, before any other predicate; in Chinese the
        head noun of ``A的开发商B`` / ``RISC-V新锐Rivos``; not a modifier of a product noun
        (比特币期货合约). With ``released`` (the object of a release), not a token that
        qualifies whatever noun follows it (比特币挂钩债券, "Bitcoin withdrawals"): a bank can
        launch a bitcoin bond, not bitcoin; buying or banning bitcoin mining is still about
        bitcoin, so the other relations keep it."""
        candidates = [g for g in self.groups if g[0].start >= pos and g[-1].end <= hi]
        kept: list[_Mention] = []  # "NEA and NVIDIA's NVentures": NEA stays beside the possessed
        for index, group in enumerate(candidates):
            members = self.allowed(group, labels)
            if self.predicate_between(pos, group[0].start):
                return []  # another predicate comes first: its object, not ours
            if not members:
                continue
            if self.text[max(0, group[0].start - 2) : group[0].start].strip(" *") == "以" and re.match(
                r"[\s*]*为", self.text[group[-1].end : group[-1].end + 4]
            ):
                continue  # 以 ChatGPT 为核心的浏览器 Atlas: a modifier, the object comes after
            if _MODIFIES.match(self.text, group[-1].end) or (
                not self.zh and _MODIFIED_EN.match(self.text, group[-1].end)
            ):
                continue  # 推出比特币支持的信贷产品, "discounted Claude plans": it qualifies the object
            if (
                released
                and all(m.label is Label.TOKEN for m in members)
                and token_qualifies_next(self.text, group[-1].end)
            ):
                continue  # 推出比特币挂钩债券, "rolls out Bitcoin withdrawals": the token qualifies the object
            follow = self.lowered[group[-1].end : group[-1].end + 8]
            if possessive and not self.zh and index + 1 < len(candidates):
                nxt = candidates[index + 1]
                if self.allowed(nxt, labels) and _POSSESSIVE_GAP.fullmatch(self.text[group[-1].end : nxt[0].start]):
                    kept += self.allowed(group[:-1], labels)
                    continue  # Saudi Arabia's Humain: the possessed is the object
            if self.zh and index + 1 < len(candidates):
                nxt = candidates[index + 1]
                gap = self.text[group[-1].end : nxt[0].start]
                if (
                    self.allowed(nxt, labels)
                    and len(gap) <= 10
                    and not re.search(r"[，,。；;、和与及]|以及|\s{2,}", gap)
                    and self.rules.clause_words.search(self.rules.strip_makers(gap)) is None
                ):
                    continue  # a modifier: the head noun comes later
            hit = self.rules.product_nouns.search(follow)
            if (
                self.zh
                and hit is not None
                and hit[0] <= 4
                and not re.search(r"[，,。；;、的]", follow[: hit[0]])
                and members[0].label in (Label.TOKEN, Label.SECTOR, Label.COMPANY)
            ):
                return []  # 比特币和以太坊连续期货合约: the object is the product
            return kept + members
        return []

    def topic(self, labels, pos: int, *, carry: bool = True) -> list[_Mention]:
        """The sentence's subject (its first allowed group before pos, outside a source
        clause), else the previous sentence's (same paragraph)."""
        own = False  # has the sentence a subject of its own before pos?
        for group in self.groups:
            if group[0].start >= pos:
                break
            if self.attribution(group[0]):
                continue
            members = [] if self._qualifies_subject(group) else self.allowed(group, labels)
            if members:
                return members
            own = True
        if not carry or own:
            return []
        if not (
            self.zh  # Chinese drops repeated subjects
            or _OPENING.match(self.lowered, self.s0, self.trigger_at)
            or _EN_ANAPHOR.search(self.lowered, self.s0, self.s1)
        ):
            return []
        return self.allowed(self.prev_topic, labels)

    def recipient(self, mention: _Mention) -> bool:
        """Is the mention the one a deed is done to or for, not its doer: 向谷歌提出收购…,
        对 X 投资 (X receives), "an offer to Google"?"""
        return bool(_RECIPIENT_BEFORE.search(self.lowered[max(self.s0, mention.start - 6) : mention.start]))

    def venue(self, mention: _Mention) -> bool:
        """Is the mention where something happens, not what it happens to: 在 GitHub 上,
        "open-source on HuggingFace and GitHub", "launched on Solana", "ships via GitHub"?"""
        group = next((g for g in self.groups if mention in g), [mention])
        before = self.lowered[max(self.s0, group[0].start - 4) : group[0].start]
        if self.zh:
            after = self.lowered[group[-1].end : group[-1].end + 4]
            return bool(re.search(r"在\s*[*_“\"]*\s*$", before) and re.match(r"[\s*_”\"]*(?:平台)?上", after))
        before = self.lowered[max(self.s0, group[0].start - 40) : group[0].start]
        return bool(_VENUE_EN.search(before))

    def predicate_between(self, start: int, end: int) -> bool:
        """Is there a predicate (a trigger word) in [start, end)? "open-source" after an article
        or a possessive is an adjective ("acquired the open-source Bun runtime")."""
        return any(
            not _ATTRIBUTIVE_OPEN_SOURCE.search(self.lowered, max(self.s0, s - 12), e)
            for s, e in self.rules.predicates.finditer(self.lowered, start, end)
        )

    def attribution(self, mention: _Mention) -> bool:
        """Can the mention not be a subject: inside a source clause (根据 X 爆料, according to
        X), after a preposition (来自 X, with X) or in brackets?"""
        lo, _hi = self.clause_bounds(mention.start)
        if _ATTRIBUTION.match(self.lowered[lo : mention.start]):
            return True
        if self._in_brackets(mention.start):
            return True
        return bool(_PREP_BEFORE.search(self.lowered[max(self.s0, mention.start - 8) : mention.start]))

    def topic_group(self) -> list[_Mention]:
        """Subjects for the next sentences: the first group before any predicate (zero
        subject: none, and the previous topic carries on), plus the first organisation."""
        out: list[_Mention] = []
        actors = (Label.COMPANY, Label.AGENCY, Label.COUNTRY, Label.PERSON)
        for group in self.groups:
            if self.attribution(group[0]):
                continue
            lo, _hi = self.clause_bounds(group[0].start)
            if self.rules.predicates.search(self.lowered, lo, group[0].start) is not None:
                continue
            members = [m for m in group if m.label in actors]
            if members:
                out = members
                break
        if not out:
            return []
        for m in self.mentions:
            if m.label in (Label.COMPANY, Label.AGENCY) and m not in out and not self.attribution(m):
                out = [*out, m]
                break
        return out

    # -- modifiers ----------------------------------------------------------------------

    def negated(self, ts: int, found) -> bool:
        if self.rules.denial.search(self.lowered, self.s0, ts):
            return True
        heads = [h for _, h, _, _ in found if h.end <= ts]
        lo = max((h.end for h in heads), default=self.clause_bounds(ts)[0])
        lo = min(lo, max(self.s0, ts - 3))
        for _s, e in self.rules.negation.finditer(self.lowered, lo, ts):
            if not re.match(r"\s*(?:just|only|merely|simply)\b", self.lowered[e : e + 10]):
                return True
        return False

    def rumoured(self, ts: int) -> bool:
        """A rumour word before the trigger, or in the trigger's clause."""
        _lo, hi = self.clause_bounds(ts)
        return self.rules.rumour.search(self.lowered, self.s0, hi) is not None
