"""``ImpactRules``: BENEFITS / HURTS statements about sectors, tokens and companies.

A trigger word affects its subject (X 受益, X surges) or its object (利好 X, boosts X); money
flows (从 X 转向 Y) hurt X and benefit Y. In a digest impact field a trigger reaches every
target on its side of the clause chain; elsewhere only the nearest one.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span

from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.nlp.extensions import ImpactHit, doc_text, mentions, sentence_bounds
from newsgraph.loaders.nlp.impacts_scope import ImpactTrigger, asked, bracket_around, conditional, reversals
from newsgraph.loaders.nlp.impacts_subject import (
    _AUX,
    _BENCHMARK,
    _CAUSAL,
    _IMPACT_NEAR,
    _IMPACT_TARGETS,
    _MEASURE,
    antecedent,
    eligible,
    examples,
    owner,
    pronoun,
    qualified_measure,
)
from newsgraph.loaders.nlp.lexicon import Lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.sentences import field_at
from newsgraph.loaders.nlp.spanindex import SpanIndex
from newsgraph.loaders.nlp.text import _COORD, _OBJECT_PREP_AT, CLAUSE_MARKS, SECTOR_MODIFIES, fold_lower

_CLAUSE_IMPACT = re.compile(CLAUSE_MARKS)
_CHAIN_START = re.compile(r"\s*(?:以及|及|和|与|还有|并且|and\b|as well as\b|plus\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.\s")
#: regard verbs: a benefit only with the object fronted by 对 (对去中心化 AI 更看重), not one
#: party valuing another's asset (看重其三星和SK海力士存储芯片优势)
_REGARD = frozenset({"看重"})
#: what follows a sector word when it modifies companies or another thing (AI芯片初创公司)
_POSSESSIVE = re.compile(r"[\s*_]*(?:的|['’]s)[\s*_]*")  # markup allowed: **Waymo**的**Robotaxi**
_PRONOUN_OWNER = re.compile(r"其|\b(?:its|their|his|her)\b", re.IGNORECASE)
#: subject triggers of a quantity moving (a bare sector word there is a quantity, not a market)
_MOVE = re.compile(
    r"rall|surg|soar|jump|gain|rose|rise|climb|spik|drop|declin|fall|fell|plung|slump|tumbl|crash|sank|sink|slid|dip|"
    r"grew|grow|shrank|shrink|"
    r"上涨|大涨|暴涨|飙升|反弹|涨|下跌|暴跌|大跌|累跌|下滑|下降|跌|跳水|腰斩|增长|大增|激增|攀升|走高|突破|降至|降到|萎缩|流失",
    re.IGNORECASE,
)
_DROP_WORDS = frozenset({"drop", "drops", "dropped", "dropping"})
#: what a fall in price drops by, to or below (a release "just dropped" has none of these)
_DROP_AMOUNT = re.compile(
    r"[\s*_]+(?:by|to|below|under|from|over|nearly|almost|about|around|more than|as much as|sharply|"
    r"steeply|further|again|in (?:price|value)|after|on|amid|as|[$€£¥]|\d)",
    re.IGNORECASE,
)
#: incident verbs that have a doer when an object follows (an amount, funds, a wallet)
_ACTIVE_INCIDENT = frozenset({"drained", "exploited", "hacked"})
_STOLEN_AFTER = re.compile(
    r"\s+(?:[$€£¥]|\d|(?:over|nearly|about|around|more than|some)\s|funds|assets|wallets?|users)", re.IGNORECASE
)
_OBJECT_AFTER = re.compile(
    r"\s+(?:a|an|the|its|their|his|her|our|my|your|some|another|new|major|serious|big|fresh)\b",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"来自|来源于|源自|源于|\bfrom\b", re.IGNORECASE)
_FROM = re.compile(r"(?:从|由|\bfrom)\s*$", re.IGNORECASE)
_PIVOT = re.compile(r"(?:让|使|令|使得|帮助|助|\bhelps?|\bhelped|\blets?|\bmakes?)\s*[*_“\"]*\s*$", re.IGNORECASE)
_BENEFICIARY_NOUN = re.compile(
    r"^['’]?s?\s*(?:customers|clients|users|investors|shareholders|holders|employees|developers|partners|"
    r"用户|客户|投资者|股东|员工|开发者|持有者)",
    re.IGNORECASE,
)
#: trigger words used as nouns that state no move: a support level (支撑位, 支撑（BTC 104000
#: 美元）, 关键支撑), a win rate, an update on its way (将迎来重大更新)
_NOT_A_VERB = re.compile(
    r"支撑(?:位|线|区|\s*[（(]?\s*[a-z]*\s*\d)|win rates?\b|迎来(?:[^，。；]{0,12}?)(?:更新|升级|发布|版本|改版)"
    r"|(?:增长|突破|攀升)(?:目标|率|预期|潜力|空间|前景|动力|点|引擎|曲线|策略|计划)"  # 增长目标: a noun
    r"|(?:推动|带动|刺激|支撑|驱动)下"  # 在 AI 热潮推动下: the cause, no object after it
)
#: a kind of company and examples of it between an object trigger and its targets
_KIND_LIKE = re.compile(
    r"(?:(?:its|their|other)\s+)?(?:competitors|rivals|peers|players|companies|firms|startups|giants|services|sites)"
    r"\s+(?:like|such as|including)"
    r"|(?:竞争对手|对手|同行|公司|企业)(?:如|比如|包括)",
    re.IGNORECASE,
)
#: money that flows (资金转向 ETH, funds rotating into), not a switch of technology or nodes
_MONEY = re.compile(
    r"资金|资本|流动性|买盘|热钱|钱|投资者|机构|\b(?:money|funds?|capital|liquidity|investors?|flows?|inflows?)\b",
    re.IGNORECASE,
)
#: a process pushed forward: no one named in it gains (推动 X 与 Y 融合, 推动…探索)
_PROCESS = re.compile(r"融合|整合|结合|对接|探索")
#: verbs of overtaking: the name after them is the one overtaken
_OVERTAKEN = re.compile(
    r"(?:超越|超过|取代|击败|\bsurpass(?:ed|es|ing)?|\bovertak(?:e|es|ing|en))\s*[*_]*\s*$", re.IGNORECASE
)
_LEVEL_BEFORE = re.compile(r"(?:关键|技术面|下方|上方|短期|强)$")
_AGENT = re.compile(r"(?:被|由|遭|\bby)\s*[*_]*\s*$", re.IGNORECASE)
_LOCATIVE = re.compile(r"(?:在|于|\bin|\bat)\s*[*_]*\s*$", re.IGNORECASE)
#: a preposition right before a name: the name is no subject of the move after it ("faster
#: throughput on Baseten, and MiniMax rose": Baseten did not rise). Not "with", which opens
#: a clause of its own ("with NVIDIA's market cap surging")
_PREPOSITION = re.compile(
    r"\b(?:on|for|from|to|via|into|over|against|than|through|across)\s+(?:the\s+)?[*_]*$", re.IGNORECASE
)
#: the standard of a comparison is not who fares (USDC 相较于 USDT 获得增长, up against USDT)
_COMPARED_BEFORE = re.compile(
    r"(?:相较于|相较|相比于|相比|较之|\bcompared (?:with|to)|\brelative to|\bversus|\bvs\.?)[^，。；,;.!?！？]{0,12}$",
    re.IGNORECASE,
)
_COMPARED_AFTER = re.compile(r"[\s*_]*(?:相比|相较)")
#: "jump" with an object or a particle is no price move ("jumped the gun", "jumped on the trend"),
#: nor is "fall for" ("Google's AI fell for it": fooled)
_JUMP_WORDS = frozenset({"jump", "jumps", "jumped", "jumping"})
_JUMP_SENSE = re.compile(r"\s+(?:the|a|an|ship|on|onto|into|at|aboard)\b", re.IGNORECASE)
_FALL_WORDS = frozenset({"fall", "falls", "fell", "falling"})
_FALL_FOR = re.compile(r"\s+for\b", re.IGNORECASE)


def _not_the_market(text: str, span: Span, spans: list[Span], trig_at: int) -> bool:
    """Is this sector mention not the market an impact could reach? Possessed by a name right
    before it (xAI 的算力, Nvidia's compute) or by 其/its between it and an object trigger
    (看好其挖矿及AI基础设施前景), or the modifier of companies or of another thing after it
    (AI芯片初创公司, 服务器操作系统, AI chip startups)."""
    if Label(span.label_) is not Label.SECTOR:
        return False
    if SECTOR_MODIFIES.match(text, span.end_char):
        return True
    if any(
        Label(o.label_) in (Label.COMPANY, Label.PRODUCT, Label.MODEL)
        and 0 <= span.start_char - o.end_char <= 7
        and _POSSESSIVE.fullmatch(text[o.end_char : span.start_char])
        for o in spans
    ):
        return True
    lo, hi = sorted((trig_at, span.start_char))
    return trig_at <= span.start_char and _PRONOUN_OWNER.search(text, lo, hi) is not None


def _listed(text: str, last: Span, span: Span, side: str) -> bool:
    """Is ``span`` in one list with ``last`` (A、B 和 C; A, B and C), glosses in brackets
    ignored ("MSTR（微策略）、COIN（Coinbase）" is a list of two)?"""
    gap = text[last.end_char : span.start_char] if side == "object" else text[span.end_char : last.start_char]
    if not gap.strip():
        return False  # 中国AI眼镜: a name right before another qualifies it, no list
    return bool(_COORD.match(re.sub(r"[(（][^)）]*[)）]|[(（)）]", "", gap)))


class ImpactRules:
    """BENEFITS / HURTS statements.

    A trigger word affects its subject (X 受益, X 将迎来价值重估, X surges) or its object
    (利好 X, 推动 X, boosts X); money flows (从 X 转向 Y) hurt X and benefit Y. Sectors and
    tokens are the usual targets; companies, products, models and countries count only
    right next to the trigger. In an impact field (可能的影响 / Possible impact) the trigger
    reaches every sector and token on its side of the clause chain (clauses joined by 以及,
    和, and); elsewhere only the nearest one. Modifiers (X 领域的 Y: Y) and examples in
    brackets give way to the head noun; a negation right before the trigger drops it.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        impacts = lexicon.impacts
        self.matchers = [
            (RelType.BENEFITS, "subject", WordMatcher(impacts.BENEFITS.subject.all())),
            (RelType.BENEFITS, "object", WordMatcher(impacts.BENEFITS.object.all())),
            (RelType.HURTS, "subject", WordMatcher(impacts.HURTS.subject.all())),
            (RelType.HURTS, "object", WordMatcher(impacts.HURTS.object.all())),
            (RelType.BENEFITS, "flow", WordMatcher(impacts.flows.all())),
        ]
        self.incident = WordMatcher(impacts.incidents.words.all())
        self.affecting = WordMatcher(impacts.incidents.affecting.all())
        self.negation = WordMatcher(lexicon.negation.all())
        self.rumour = WordMatcher(lexicon.rumour.all())

    def triggers(self, lowered: str, ents: list[Span]) -> list[ImpactTrigger]:
        near = SpanIndex(ents, [(span.start_char, span.end_char) for span in ents])
        found = [
            ImpactTrigger(s, e, kind, side)
            for kind, side, matcher in self.matchers
            for s, e in matcher.finditer(lowered)
            if not any(span.start_char < e and s < span.end_char for span in near.around(s, e))
            and not _NOT_A_VERB.match(lowered, s)
            and not (lowered.startswith("支撑", s) and _LEVEL_BEFORE.search(lowered, max(0, s - 3), s))
        ]
        found += self._affected(lowered)
        found.sort(key=lambda t: (-(t.end - t.start), t.start))
        kept: list[ImpactTrigger] = []
        for trig in found:  # overlapping words: the longest wins
            if not any(k.start < trig.end and trig.start < k.end for k in kept):
                kept.append(trig)
        return sorted(kept, key=lambda t: t.start)

    def _affected(self, lowered: str) -> list[ImpactTrigger]:
        """``affecting`` verbs after an incident word of their sentence, up to 64 characters
        before (此次故障影响了 X; an outage impacting X): HURTS triggers whose object may be a list."""
        out = []
        for s, e in self.affecting.finditer(lowered):
            causes = list(self.incident.finditer(lowered, max(0, s - 64), s))
            if causes and not _SENTENCE_END.search(lowered, causes[-1][1], s):  # the nearest one
                out.append(ImpactTrigger(s, e, RelType.HURTS, "affected"))
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = fold_lower(text)
        ents = mentions(doc)
        triggers = reversals(self.triggers(lowered, ents), text, ents)
        hits: list[ImpactHit] = []
        # each sentence looks only at the triggers and mentions near it (linear in the text)
        near_triggers = SpanIndex.of(triggers)
        near_ents = SpanIndex(ents, [(span.start_char, span.end_char) for span in ents])
        for s0, s1 in sentence_bounds(doc):
            here = [t for t in near_triggers.around(s0, s1) if s0 <= t.start and t.end <= s1]
            if not here:
                continue
            if asked(text, s0, s1):
                continue  # "Coreweave Bankruptcy Could Trigger Nvidia Crash?": asked, not stated
            in_sent = [span for span in near_ents.around(s0, s1) if s0 <= span.start_char and span.end_char <= s1]
            chains = self._chains(text, s0, s1)
            in_field = field_at(doc, s0) == "impact"
            evidence = text[s0:s1].strip()
            base = 0.9 if in_field else 0.7
            if self.rumour.search(lowered, s0, s1):
                base -= 0.1
            for trig in here:
                negation = self.negation.search(lowered, max(s0, trig.start - 3), trig.start)
                if negation is not None:
                    continue
                if conditional(lowered, s0, trig.start):
                    continue  # 若比特币突破12万美元, "if Bitcoin breaks $120k": a condition, no move
                lo, hi = next(((a, b) for a, b in chains if a <= trig.start < b), (s0, s1))
                lo, hi = bracket_around(text, s0, trig.start, s1) or (lo, hi)
                for span, kind in self._targets(text, trig, in_sent, (s0, lo, hi), in_field):
                    hits.append(ImpactHit(kind, span._.newsgraph_key, evidence, base, span.start_char))
        best: dict[tuple[RelType, str], ImpactHit] = {}
        for hit in hits:
            key = (hit.type, hit.target)
            if key not in best or hit.confidence > best[key].confidence:
                best[key] = hit
        doc._.newsgraph_impacts = sorted(best.values(), key=lambda h: (h.start, h.type.value, h.target))
        return doc

    @staticmethod
    def _chains(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
        """Clauses of the sentence, joined when the next one starts with a coordinator."""
        cuts = [s0]
        depth = 0
        for i in range(s0, s1):
            char = text[i]
            if char in "(（":
                depth += 1
            elif char in ")）":
                depth = max(0, depth - 1)
            elif depth == 0 and _CLAUSE_IMPACT.match(char) and not _CHAIN_START.match(text, i + 1):
                cuts.append(i + 1)
        cuts.append(s1)
        return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def _targets(self, text, trig: ImpactTrigger, spans, bounds, in_field):
        s0, lo, hi = bounds  # the sentence's start, the clause chain around the trigger
        before = [s for s in spans if lo <= s.start_char and s.end_char <= trig.start and eligible(s)]
        after = [s for s in spans if trig.end <= s.start_char and s.end_char <= hi and eligible(s)]
        # a sector word that is not the market: someone's (xAI 的算力, 其…前景), a modifier of
        # companies or of another thing (AI芯片初创公司, 服务器操作系统), or, bare, a quantity
        # that moves ("compute rose by 5x", "training compute drops"); its owner stays
        # (Waymo 的 Robotaxi 服务瘫痪 hurts Waymo)
        before = [s for s in before if not _not_the_market(text, s, spans, trig.start)]
        after = [s for s in after if not _not_the_market(text, s, spans, trig.end)]
        # the agent of a passive (抛售被现货ETF吸收, "boosted by ETF inflows") and the standard of
        # a comparison (USDC 相较于 USDT 获得增长) are not who fares
        after = [s for s in after if not _AGENT.search(text[max(lo, s.start_char - 3) : s.start_char])]
        before = [
            s
            for s in before
            if not _COMPARED_BEFORE.search(text[max(lo, s.start_char - 30) : s.start_char])
            and not _COMPARED_AFTER.match(text, s.end_char)
        ]
        before, after = self._heads(text, before), self._heads(text, after)
        if trig.side == "object" and _PROCESS.search(text, trig.end, hi):
            after = []  # 推动区块链与传统金融融合, 推动行业对 AI 应用的探索: a process is pushed, nobody gains
        # the one overtaken is not who fares (SpaceX 超越 OpenAI 成为估值最高的独角兽)
        before = [s for s in before if not _OVERTAKEN.search(text, max(lo, s.start_char - 4), s.start_char)]
        if _BENCHMARK.match(text[trig.start : trig.end]):
            # "FLUX.1 outperforms Midjourney", "gpt-oss underperforms o3": a benchmark, not a
            # market; nor is the maker of the model that ranks ("OpenAI's o3 outperforms")
            if before and Label(before[-1].label_) is Label.MODEL:
                before = []
            before = [s for s in before if Label(s.label_) is not Label.MODEL]
            after = [s for s in after if Label(s.label_) is not Label.MODEL]
        if _MOVE.match(text[trig.start : trig.end]):
            before = [s for s in before if not (Label(s.label_) is Label.SECTOR and s._.newsgraph_weak)]
        out = []
        if trig.side == "flow":
            if not _MONEY.search(text, max(lo, trig.start - 40), trig.start):
                return []  # 节点运营者转向 Bitcoin Knots, 技术从 Llama 转向 Qwen: a switch, not money moving
            source = [s for s in before if _FROM.search(text[max(lo, s.start_char - 4) : s.start_char])]
            out += [(s, RelType.HURTS) for s in self._pick(text, source, trig, "subject", True)]
            out += [(s, RelType.BENEFITS) for s in self._pick(text, after, trig, "object", in_field)]
            return out
        if trig.side == "subject" and self._with_object(text, trig, spans):
            return []  # "Google dropped Gemini 3", "dropped a bombshell": released, no price move
        if trig.side == "subject":
            # 让 Meta 在 AI 硬件战场如虎添翼: the one after 让/使 is who fares well (or badly)
            for span in before:
                if (
                    _PIVOT.search(text[max(lo, span.start_char - 4) : span.start_char])
                    and len(text[span.end_char : trig.start]) <= 16
                ):
                    return [(span, trig.kind)]
            before = [s for s in before if not _LOCATIVE.search(text[max(lo, s.start_char - 3) : s.start_char])]
            before = [s for s in before if not _PREPOSITION.search(text[max(lo, s.start_char - 14) : s.start_char])]
            # the agent of a passive is not who fares well or badly (Riot 被摩根大通上调评级)
            before = [s for s in before if not _AGENT.search(text[max(lo, s.start_char - 3) : s.start_char])]
            picked = (
                examples(text, before, trig, lo)
                or self._pick(text, before, trig, "subject", in_field)
                or owner(text, trig, spans)
                or antecedent(text, trig, spans)
                or pronoun(text, trig, spans, s0)
            )
            return [(s, trig.kind) for s in picked]
        picked = [
            s
            for s in self._pick(text, after, trig, "object", in_field, lists=trig.side == "affected")
            if trig.side == "affected" or not _BENEFICIARY_NOUN.match(text[s.end_char : s.end_char + 14].lstrip(" *"))
        ]  # "benefits for ASML customers": the customers, not ASML (an outage of Claude's users hits Claude)
        if text[trig.start : trig.end] in _REGARD:
            picked = []  # 看重 xAI 的算力: one party's regard; only 对 X 更看重 (the market's) counts
        if not picked:
            # 对 X 形成冲击 / 为 X 铺平道路 / 对 X 更看重: the object sits between 对/为 and the trigger
            for match in _OBJECT_PREP_AT.finditer(text, max(lo, trig.start - 64), trig.start):
                inside = [s for s in before if s.start_char >= match.end()]
                if inside and inside[0].start_char - match.end() <= 12:
                    group = [inside[0]]
                    for nxt in inside[1:]:
                        if _COORD.match(text[group[-1].end_char : nxt.start_char]):
                            group.append(nxt)
                    return [(s, trig.kind) for s in group]
        return [(s, trig.kind) for s in picked]

    @staticmethod
    def _with_object(text: str, trig: ImpactTrigger, spans: list[Span]) -> bool:
        """Is a subject trigger used with an object, so that its subject is no one who fares?
        "Drop" with an article, a possessive or a name after it means "release" (news slang:
        Google dropped Gemini 3), not a fall; "drained" / "exploited" / "hacked" with an
        amount or funds after it names the thief (Hackers drained $40M from Bybit). (Other
        verbs keep their sense with an object: "gained a user base" is still a gain.)"""
        word = text[trig.start : trig.end].lower()
        if word in _ACTIVE_INCIDENT and _STOLEN_AFTER.match(text, trig.end):
            return True  # "Hackers drained $40M from Bybit": the doer of the theft, not its victim
        if word in _JUMP_WORDS:
            return _JUMP_SENSE.match(text, trig.end) is not None  # "jumped the gun", not a jump in price
        if word in _FALL_WORDS:
            return _FALL_FOR.match(text, trig.end) is not None  # "Google's AI fell for it": fooled, no fall
        if word not in _DROP_WORDS:
            return False
        if _OBJECT_AFTER.match(text, trig.end):
            return True
        if not _DROP_AMOUNT.match(text, trig.end) and not _MEASURE.search(text, max(0, trig.start - 24), trig.start):
            return True  # "CUDA 13.1 just dropped!": released; a fall drops by, to or below something
        # a name right after it, markup allowed ("dropped **Step-Audio-EditX**")
        return any(
            0 < span.start_char - trig.end <= 6 and not text[trig.end : span.start_char].strip(' *_"“')
            for span in spans
        )

    @staticmethod
    def _heads(text: str, spans: list[Span]) -> list[Span]:
        """Drop modifiers (Crypto 领域的 去中心化 AI: the latter is the head noun)."""
        out = []
        for i, span in enumerate(spans):
            if i + 1 < len(spans):
                gap = text[span.end_char : spans[i + 1].start_char]
                if len(gap) <= 8 and re.fullmatch(r"\s*(?:领域|行业|市场|板块|世界|里|中|上)?\s*的\s*", gap):
                    continue
            out.append(span)
        return out

    @staticmethod
    def _pick(text, spans, trig, side, wide, *, lists=False):
        """All targets on the trigger's side (impact field), else the nearest one (and its
        coordinated group); companies and the like only right next to the trigger."""
        if not spans:
            return []
        ordered = spans if side == "object" else list(reversed(spans))
        out = []
        for span in ordered:
            gap = text[trig.end : span.start_char] if side == "object" else text[span.end_char : trig.start]
            gap = re.sub(r"[(（][^)）]*[)）]", "", gap)
            # a measure with words qualifying it is a name's own (Nvidia's data center revenue);
            # a country before such words only places them (中国AI眼镜出货量, 美国零售网站的流量)
            qualified = side == "subject" and Label(span.label_) is not Label.COUNTRY and qualified_measure(gap)
            if side == "subject":
                gap = _MEASURE.sub("", gap)
            near = qualified or len(_AUX.sub("", gap)) <= (2 if side == "subject" else 3)
            if side == "object" and not out and _KIND_LIKE.fullmatch(gap.strip(" *_")):
                near, lists = True, True  # "pressuring competitors like Google and Anthropic"
            label = Label(span.label_)
            if side == "object" and _SOURCE.search(gap):
                break  # 颠覆将来自 X, disruption will come from X: X is where it comes from, not what it hits
            if side == "object" and not near and label in _IMPACT_TARGETS and not out and len(gap) <= 40:
                near = not re.search(r"[。；;!?！？]", gap) and not _CAUSAL.search(gap)  # 看好 ... 的 DePIN 算力层
            if label in _IMPACT_NEAR or (span._.newsgraph_weak and not wide):
                if near and not out:
                    out.append(span)
                    continue  # and the names listed with it: "Etsy 和 Shopify 股价大涨"
                sectors = bool(out) and label is Label.SECTOR and Label(out[-1].label_) is Label.SECTOR
                if out and (lists or side == "subject" or sectors) and _listed(text, out[-1], span, side):
                    out.append(span)
                    continue  # and a market listed after a market: "转向美股及国债"
                break
            if (
                wide
                or near
                or (
                    out
                    and _COORD.match(
                        text[out[-1].end_char : span.start_char]
                        if side == "object"
                        else text[span.end_char : out[-1].start_char]
                    )
                )
            ):
                out.append(span)
            elif not out:
                break
        return out
