"""``_VerblessFacts``: facts a sentence states without a relation verb.

A title or a possessive (``OpenAI CEO 奥特曼``, ``马斯克旗下xAI``: LEADS), an agency's
programme (LEADS), companies backing a programme (PARTICIPATES_IN), and a stake (``成为 Y
的最大股东``, ``a 49% stake in Y``, ``由 X 支持的 Y``: INVESTS_IN).
"""

from __future__ import annotations

import itertools
import re

from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.nlp.extensions import RelationHit
from newsgraph.loaders.nlp.relations_scope import _Mention, _SentenceScope

#: a former holder of a title (前Salesforce联席CEO Brett Taylor) leads nothing now
_FORMER = re.compile(r"(?:前|原|\bformer\b|\bex-)[^，,。；;]{0,12}$", re.IGNORECASE)
#: officers below the head (and vice presidents): a CEO, founder, chair or owner leads a company, they do not
_NOT_LEADING = re.compile(
    r"c[ftomps]o\b|[se]?vp\b|(?:senior |executive )?vice president|"
    r"chief (?:financial|technology|technical|science|scientific|operating|product|marketing|"
    r"revenue|information|security|people|legal|commercial|ai|research) officer|chief scientist|"
    r"首席(?:财务|技术|科学|运营|产品|营销|信息|安全)官?|首席科学家"
)
_OWNS_EN = re.compile(r"[\s*_]*(?:'s|’s)[\s*_]*")
_OWNS_ZH = re.compile(
    r"[\s*_]*(?:的|旗下的?|创办的|创立的)[\s*_]*(?:[\u4e00-\u9fffA-Za-z]{0,8}(?:公司|企业|初创|实验室))?[\s*_]*"
)
_BACKED_BY = re.compile(
    r"\b(?:led|co-led|supported|backed|joined|funded)\s+by\b|\bwith participation from\b", re.IGNORECASE
)
#: X 成为 Y 的最大股东 / 成为其股东: the holder before 成为, the held before 的 (or the topic for 其)
_HOLDER_ZH = re.compile(
    r"成为\s*[*_]*\s*(?P<held>[^，,。；;]{0,40}?)(?:的|其)\s*[*_]*\s*(?:最大|第一大|第二大|主要|重要|大)?(?:股东|投资方|投资者|金主)"
)
#: X 持有其约27%的股份 / 持有 Y 的股权: the holder before 持有
_HOLDS_ZH = re.compile(
    r"持有\s*[*_]*\s*(?P<held>[^，,。；;]{0,30}?)(?:的|其)?\s*(?:约|近|超过|逾)?\s*[*_]*\s*[\d.]+\s*%?\s*[*_]*\s*的?(?:股份|股权)"
)
#: a 49% stake in Y, the largest shareholder of Y
_STAKE_EN = re.compile(
    r"\b(?:stake|stakes|shareholding|equity)\s+in\s+|\b(?:largest|biggest|major|main)\s+(?:shareholder|investor)\s+(?:of|in)\s+",
    re.IGNORECASE,
)
#: 由 X 支持的 Y / X-backed Y
_BACKED_ZH = re.compile(r"由\s*[*_]*\s*(?P<backer>.{1,24}?)\s*[*_]*\s*(?:支持|投资|资助|孵化|押注)的")
_BACKED_EN = re.compile(r"-backed\s+", re.IGNORECASE)
_INVESTORS = (Label.COMPANY, Label.PERSON, Label.AGENCY)
#: P (models) from C: the maker after a model or product name
_FROM_EN = re.compile(
    r"[\s*_]*(?:(?:family|series|line|models?|apps?|chips?|tools?|platform|assistant|agents?)[\s*_]+)?from[\s*_]+",
    re.IGNORECASE,
)
#: 来自C的P: the maker before
_FROM_ZH = re.compile(r"来自\s*[*_]*(?P<maker>[^，,。；;的]{1,24}?)[*_]*\s*的\s*[*_]*$")


class _VerblessFacts(_SentenceScope):
    """The facts of one sentence stated without a relation verb."""

    # -- LEADS without a verb -------------------------------------------------------------

    def leads_by_title(self) -> list[RelationHit]:
        """``OpenAI CEO 奥特曼``, ``Nvidia CEO Jensen Huang``, ``X, Anthropic's Chief Executive``,
        ``Jensen Huang, CEO of Nvidia``, ``太子集团创始人陈智``."""
        out = []
        orgs = (Label.COMPANY, Label.AGENCY)
        for ts, te in self.rules.titles.finditer(self.lowered, self.s0, self.s1):
            if _NOT_LEADING.fullmatch(self.lowered[ts:te]) or _NOT_LEADING.match(self.lowered, ts, ts + 40):
                continue  # a CFO, CTO or chief scientist leads no company (the gold's convention)
            if self.inside_mention(ts, te):
                continue
            orgs_before = [m for m in self.mentions if m.end <= ts and m.label in orgs]
            people_after = [m for m in self.mentions if m.start >= te and m.label is Label.PERSON]
            people_before = [m for m in self.mentions if m.end <= ts and m.label is Label.PERSON]
            orgs_after = [m for m in self.mentions if m.start >= te and m.label in orgs]
            pair = None
            if orgs_before and people_after:
                org, person = orgs_before[-1], people_after[0]
                if re.fullmatch(r"[\s*_]*(?:的|'s|’s)?[\s*_]*", self.text[org.end : ts]) and re.fullmatch(
                    r"[\s,*]*", self.text[te : person.start]
                ):
                    pair = (person, org)
            if pair is None and people_before and orgs_before and people_before[-1].end <= orgs_before[-1].start:
                person, org = people_before[-1], orgs_before[-1]
                if re.fullmatch(r"\s*,\s*(?:the\s+)?", self.text[person.end : org.start]) and re.fullmatch(
                    r"\s*(?:'s|’s)\s*", self.text[org.end : ts]
                ):
                    pair = (person, org)
            if pair is None and people_before and orgs_after:
                person, org = people_before[-1], orgs_after[0]
                if re.fullmatch(r"\s*,\s*(?:the\s+)?(?:[\w-]+\s+){0,2}", self.text[person.end : ts]) and re.fullmatch(
                    r"\s+(?:of|at)\s+(?:the\s+)?", self.text[te : org.start]
                ):
                    pair = (person, org)
            if (
                pair is None
                and self.zh
                and people_after
                and re.fullmatch(r"[\s*_]*", self.text[te : people_after[0].start])
            ):
                # 新任CEO Brandon Green, 公司联合创始人兼CEO Josh Meier: the company of the
                # sentence (the nearest before, no other party between), else its subject
                person = people_after[0]
                between = [m for m in self.mentions if orgs_before and orgs_before[-1].end <= m.start < ts]
                org = orgs_before[-1] if orgs_before and not between else None
                if (
                    org is None
                    and not orgs_before
                    and re.search(r"公司(?:[\u4e00-\u9fff]{0,6}兼)?\s*$", self.text[max(self.s0, ts - 12) : ts])
                ):
                    org = next(iter(self.topic([Label.COMPANY], ts)), None)  # 公司CEO X: the company spoken of
                if org is not None and not _FORMER.search(self.text, max(self.s0, ts - 16), ts):
                    out.append(RelationHit(RelType.LEADS, person.key, org.key, self.evidence, 0.7, ts))
                continue
            if pair is not None:
                out.append(RelationHit(RelType.LEADS, pair[0].key, pair[1].key, self.evidence, 0.9, ts))
        return out

    def leads_by_ownership(self) -> list[RelationHit]:
        """``马斯克的人工智能公司xAI``, ``马斯克旗下xAI``, ``Musk's xAI``, ``Strategy公司（Michael
        Saylor旗下）``: the person runs the company."""
        out = []
        for a, b in zip(self.mentions, self.mentions[1:], strict=False):
            gap = self.text[a.end : b.start]
            if a.label is Label.PERSON and b.label is Label.COMPANY:
                if _OWNS_EN.fullmatch(gap) or _OWNS_ZH.fullmatch(gap):
                    out.append(RelationHit(RelType.LEADS, a.key, b.key, self.evidence, 0.8, a.start))
            elif (
                a.label is Label.COMPANY
                and b.label is Label.PERSON
                and re.fullmatch(r"\s*(?:公司)?\s*[(（]\s*", gap)
                and re.match(r"\s*旗下\s*[)）]", self.text[b.end : b.end + 6])
            ):
                out.append(RelationHit(RelType.LEADS, b.key, a.key, self.evidence, 0.8, b.start))
        return out

    def initiative_backers(self) -> list[RelationHit]:
        """``Project Stargate, a US "AI Manhattan project" led by OpenAI and Softbank, supported
        by Oracle, Arm and NVIDIA``: the companies named after "led / supported / backed by"
        following a programme take part in it (the gold's convention: PARTICIPATES_IN, not
        LEADS, for companies in a programme)."""
        out = []
        for init in (m for m in self.mentions if m.label is Label.INITIATIVE):
            for match in _BACKED_BY.finditer(self.text, init.end, min(self.s1, init.end + 120)):
                group = next((g for g in self.groups if 0 <= g[0].start - match.end() <= 4), [])
                out += [
                    RelationHit(RelType.PARTICIPATES_IN, m.key, init.key, self.evidence, 0.8, match.start())
                    for m in group
                    if m.label is Label.COMPANY and not m.weak
                ]
        return out

    def agency_initiative(self) -> list[RelationHit]:
        """``美国能源部(DOE)的“创世纪任务”``, ``the Department's initiative``: the agency runs it."""
        out = []
        merged: list[_Mention] = []
        for m in self.mentions:  # 美国能源部 + (DOE) are one mention here
            if (
                merged
                and merged[-1].key == m.key
                and re.fullmatch(r"\s*[(（]?\s*", self.text[merged[-1].end : m.start])
            ):
                merged[-1] = _Mention(merged[-1].start, m.end, m.label, m.key, m.weak)
            else:
                merged.append(m)
        for a, b in itertools.pairwise(merged):
            if a.label not in (Label.AGENCY, Label.COUNTRY) or b.label is not Label.INITIATIVE:
                continue
            gap = self.text[a.end : b.start]
            if re.fullmatch(r"\s*[)）]?\s*(?:的|'s|’s)?\s*[“\"「『《*]*\s*", gap):
                out.append(RelationHit(RelType.LEADS, a.key, b.key, self.evidence, 0.8, a.start))
        return out

    # -- RELEASED without a release verb -------------------------------------------------

    def makers_named(self) -> list[RelationHit]:
        """``Nemotron models from NVIDIA``, ``Claude from Anthropic``, ``来自OpenAI的GPT-5``:
        the company a model or product comes from made it (not a token: "Bitcoin from
        Coinbase" is a withdrawal). A family whose makers are known keeps them."""
        out: list[RelationHit] = []
        made = (Label.MODEL, Label.PRODUCT)
        for product in (m for m in self.mentions if m.label in made):
            if self.zh:
                hit = _FROM_ZH.search(self.text, max(self.s0, product.start - 30), product.start)
                span = (hit.start("maker"), hit.end("maker")) if hit else (0, -1)
                makers = [c for c in self.mentions if span[0] <= c.start and c.end <= span[1]]
            else:
                hit = _FROM_EN.match(self.text, product.end, self.s1)
                makers = [c for c in self.mentions if hit is not None and c.start == hit.end()]
            for maker in makers:
                if maker.label is Label.COMPANY and not self.rules.foreign_maker(maker.key, product.key):
                    out.append(RelationHit(RelType.RELEASED, maker.key, product.key, self.evidence, 0.8, product.start))
        return out

    # -- INVESTS_IN without an investment verb ------------------------------------------

    def stakes(self) -> list[RelationHit]:
        """``X 成为 Y 的最大股东``, ``亚马逊已投入140亿美元成为其最大股东``, ``for a 49% stake in
        Scale``, ``由OpenAI支持的初创公司Chai Discovery``, ``OpenAI-backed Chai``: the holder or
        backer invests in the held. A negation in the clause (谷歌并非…唯一的支持者) states none."""
        out: list[RelationHit] = []
        for holder, held, at in self._stake_pairs():
            lo, _hi = self.clause_bounds(at)
            if holder.key == held.key or self.rules.negation.search(self.lowered, lo, at) is not None:
                continue
            out.append(RelationHit(RelType.INVESTS_IN, holder.key, held.key, self.evidence, 0.8, at))
        return out

    def _stake_pairs(self):
        companies = [Label.COMPANY]
        if self.zh:
            for m in [
                *_HOLDER_ZH.finditer(self.text, self.s0, self.s1),
                *_HOLDS_ZH.finditer(self.text, self.s0, self.s1),
            ]:
                lo, _hi = self.clause_bounds(m.start())
                holders = self.before(m.start(), _INVESTORS, lo) or self.topic(_INVESTORS, m.start())
                if m.group("held").strip(" *_其"):
                    held = self.before(m.end("held") + 1, companies, m.start("held"))
                else:  # 其: the company named last before the holder, other than the holder
                    first = holders[0].start if holders else m.start()
                    keys = {h.key for h in holders[:1]}
                    held = [
                        c for c in self.mentions if c.label is Label.COMPANY and c.end <= first and c.key not in keys
                    ][-1:]
                yield from ((h, t, m.start()) for h in holders[:1] for t in held[:1])
            for m in _BACKED_ZH.finditer(self.text, self.s0, self.s1):
                backers = [c for c in self.mentions if m.start("backer") <= c.start and c.end <= m.end("backer")]
                held = self.after(m.end(), companies, min(self.s1, m.end() + 24))
                yield from ((b, t, m.start()) for b in backers if b.label in _INVESTORS for t in held[:1])
            return
        for m in _STAKE_EN.finditer(self.text, self.s0, self.s1):
            holders = self.topic(_INVESTORS, m.start())  # the sentence's subject: "Meta ... for a stake in Scale"
            held = [c for c in self.mentions if c.start == m.end() and c.label is Label.COMPANY]
            yield from ((h, t, m.start()) for h in holders[:1] for t in held)
        for m in _BACKED_EN.finditer(self.text, self.s0, self.s1):
            backers = [c for c in self.mentions if c.end == m.start() and c.label in _INVESTORS]
            held = [c for c in self.mentions if c.start == m.end() and c.label is Label.COMPANY]
            yield from ((b, t, m.start()) for b in backers for t in held)
