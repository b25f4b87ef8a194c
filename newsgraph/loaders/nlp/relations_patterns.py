"""``_SentenceContext``: the relation patterns of one sentence.

``svo`` (subject, trigger, object; passives swap them), ``symmetric`` (partners,
competitors), ``maker`` (P 的开发商 C), ``investor`` (who funded the company that raised);
then label-driven corrections of the relation type (:meth:`_SentenceContext._retype`). The
facts stated without a verb live in :mod:`~newsgraph.loaders.nlp.relations_verbless`.
"""

from __future__ import annotations

import itertools
import re

from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.nlp.lexicon import RelationRule
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.relations_scope import _CLAUSE_ZH, _POSSESSIVE_GAP, _Mention
from newsgraph.loaders.nlp.relations_verbless import _VerblessFacts
from newsgraph.loaders.nlp.text import _OBJECT_PREP_AT

_PREPOSITION = re.compile(
    r"(?:与|和|同|跟|及|\bwith|\bbetween|\band)\s*[*_“\"]*\s*"
    # a few words, or a possessive description (与埃隆·马斯克的人工智能公司 xAI)
    r"(?:[\u4e00-\u9fff]{0,6}|[^，,。；;\n]{1,14}的[\u4e00-\u9fff]{0,8})?[*_“\"]*\s*$",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Inc|Co|Corp|Ltd|Jr|Sr|St|Mr|Ms|Dr)\.")
_EXAMPLES = re.compile(r"[\s*_]*(?:like|such as|including|如|包括|例如)[\s*_]*", re.IGNORECASE)
#: a trigger that names the pair it is followed by (合作伙伴微软与OpenAI, rivals A and B)
_PAIR_NOUN = re.compile(r"伙伴|对手|对头|\b(?:partners|rivals|competitors|foes)\b")
_FACES = re.compile(r"\b(?:faces?|faced|facing|under)\b", re.IGNORECASE)
#: what a release works with, is made for or is compared with, before a name after a release
#: verb: the name is not what was released ("an extension integrating with VS Code", "kernels
#: optimized for AWS EFA", "faster than vLLM"); a bare "with" or "for" may still name it
#: ("dropped a bombshell with Claude Opus 4.5", "open weights for Grok-2")
_RELEASE_PREP = re.compile(
    r"\b(?:(?:integrat\w*|compatible|work\w*|pair\w*|connect\w*) with|(?:optimi[sz]ed|designed|built|tailored) for"
    r"|than|into|via|across|alongside|against|inside|within)\s+(?:the\s+)?[*_]*$"
)
#: what may stand between "announced" and what it releases: an article, "new" ("announced the
#: new GPT-4o model"); "announced that ...", "announced plans for", "announced a $50M round" release nothing
_ANNOUNCED = re.compile(r"announc\w*")
_ANNOUNCED_OBJECT = re.compile(
    r"[\s*_\"“]*(?:(?:the|its|their|our|a|an)\s+)?(?:(?:new|newest|latest|first)\s+)?[\s*_\"“]*", re.IGNORECASE
)
#: a round of funding named before "led by" ("its Pre-A++ round funding co-led by A and B")
_ROUND = re.compile(r"\b(?:round|funding|financing|investment|seed|series [a-h])\b")
#: a purchase: what comes "from" after it is the seller
_BOUGHT = re.compile(r"(?:buy|buys|bought|buying|purchas\w*|acquir\w*)\b")
_FROM_BEFORE = re.compile(r"\bfrom[ \t]+(?:the[ \t]+)?$")
#: a form of "be" right before a trigger: with a participle it is a passive ("was bought")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)[ \t]+(?:\w+ly[ \t]+)?$", re.IGNORECASE)
_LATTER = re.compile(r"(后者|前者|the latter|the former)", re.IGNORECASE)


#: a first-person subject right before a trigger: the company a press release is from
_WE = re.compile(
    r"(?<![a-z])(?:we|we['’]re|we['’]ve|we['’]ll|our team|我们)(?:\s+(?:are|have|will|just|now|also|today))*\s*$"
)


#: a first-person subject earlier in the trigger's clause ("We are building a multiyear
#: partnership with SAP"): no other subject comes between
_WE_IN_CLAUSE = re.compile(r"(?<![a-z])(?:we|we['’]re|we['’]ve|we['’]ll|我们)\s[^,;，；]{0,48}$")


class _SentenceContext(_VerblessFacts):
    """One sentence: the scope helpers plus the relation patterns over them."""

    # -- typing -------------------------------------------------------------------------

    @staticmethod
    def _retype(rtype: RelType, head: _Mention, tail: _Mention) -> RelType | None:
        """Label-driven corrections: an agency 'launching' an initiative leads it, etc."""
        if rtype is RelType.RELEASED and head.label in (Label.AGENCY, Label.COUNTRY):
            if tail.label is Label.INITIATIVE:
                return RelType.LEADS
            if tail.label in (Label.SECTOR, Label.COMPANY, Label.TOKEN, Label.PRODUCT):
                return RelType.REGULATES
            return None
        if rtype is RelType.RELEASED and tail.label is Label.INITIATIVE:
            return RelType.PARTICIPATES_IN if head.label is Label.COMPANY else None
        if rtype is RelType.PARTNERS_WITH and Label.INITIATIVE in (head.label, tail.label):
            if tail.label is Label.INITIATIVE and head.label is not Label.INITIATIVE:
                return RelType.PARTICIPATES_IN
            return None
        if rtype is RelType.PARTNERS_WITH and Label.COUNTRY in (head.label, tail.label):
            return None  # working *in* a country is not a partnership with it
        if rtype is RelType.LEADS:
            if head.label is Label.PERSON and tail.label in (Label.COMPANY, Label.AGENCY):
                return rtype
            if head.label in (Label.AGENCY, Label.COUNTRY) and tail.label is Label.INITIATIVE:
                return rtype
            return None
        if rtype is RelType.COMPETES_WITH and head.label is not tail.label:
            return None
        return rtype

    def _typed(self, found):
        out = []
        for rtype, head, tail, conf in found:
            new = self._retype(rtype, head, tail)
            if new is not None:
                if new is RelType.PARTICIPATES_IN and head.label is Label.INITIATIVE:
                    head, tail = tail, head
                out.append((new, head, tail, conf))
        return out

    @staticmethod
    def _pairs(rtype, heads, tails, conf=1.0):
        return [(rtype, h, t, conf) for h in heads for t in tails if h.key != t.key]

    # -- patterns -----------------------------------------------------------------------

    def svo(self, rule: RelationRule, ts: int, te: int, passive: WordMatcher):
        self.regulating = rule.type is RelType.REGULATES
        try:
            return self._svo(rule, ts, te, passive)
        finally:
            self.regulating = False

    def _svo(self, rule: RelationRule, ts: int, te: int, passive: WordMatcher):
        lo, hi = self.clause_bounds(ts)
        head_labels, tail_labels = rule.head, rule.tail
        carry = rule.type is not RelType.REGULATES  # a regulator is named in its sentence
        # passive: X was acquired by Y ; funding from Y
        if not self.zh:
            window = self.lowered[te : min(hi, te + 6)]
            by_after = passive.search(window)
            if (
                by_after is not None
                and window[by_after[0] : by_after[1]] == "in"
                and not _FACES.search(self.text, lo, ts)
            ):
                by_after = None  # "in Y" names the actor only after faces / under: "X faces a probe in China"
            if by_after is not None and window[by_after[0] : by_after[1]] == "from" and _BOUGHT.match(self.lowered, ts):
                by_after = None  # "bought from Y": Y sold, it funded nothing
            if by_after is not None and by_after[0] <= 2:
                heads = self.after(te + by_after[1], head_labels, self.s1)
                tails = self.before(ts, tail_labels, lo) or self.topic(tail_labels, ts, carry=carry)
                if heads and tails:
                    return self._typed(self._pairs(rule.type, heads, tails))
            trigger = self.lowered[ts:te]
            if trigger.endswith(("ed", "en", "ought")) and _BE_BEFORE.search(self.lowered, max(lo, ts - 16), ts):
                return []  # "Ironshore was bought from Fosun": a passive with no "by" names no actor
        else:
            # X 被/由 Y 收购
            for ps, pe in passive.finditer(self.lowered, lo, ts):
                heads = [m for g in self.groups for m in g if pe <= m.start and m.end <= ts and m.label in head_labels]
                if not heads and self.lowered[ps:pe] in ("遭遇", "遭到", "受到", "遭"):
                    # X 在 Y 遭遇封禁: the agent sits before the marker
                    heads = self.before(ps, head_labels, lo)
                    tails = [t for t in self.topic(tail_labels, ps, carry=False) if t not in heads]
                    if heads and tails:
                        return self._typed(self._pairs(rule.type, heads, tails))
                    continue
                if heads:
                    tails = self.before(ps, tail_labels, lo) or self.topic(tail_labels, ps, carry=carry)
                    tails = [t for t in tails if t.end <= ps]
                    if tails:
                        return self._typed(self._pairs(rule.type, heads, tails))
        heads = [h for h in self.before(ts, head_labels, lo) if not self.recipient(h) and not self.other_item(h, ts)]
        released = rule.type is RelType.RELEASED
        tails = self.after(te, tail_labels, hi, released=released)
        if not tails and self.zh:
            found = self._prepositional_object(rule, ts, lo, carry)
            if found:
                return found
        if not tails and self.zh:
            # nominal trigger: 对 X 启动调查 / 比特币增持 / 稳定币牌照
            start = heads[-1].end if heads else lo
            tails = [m for m in self.before(ts, tail_labels, start) if m not in heads]
        if not tails and not self.zh:
            tails = self.after(te, tail_labels, self.s1, released=released)
        if rule.type is RelType.RELEASED and _ANNOUNCED.match(self.lowered, ts) and not self._announced(tails, te):
            return []  # "announced that Apple Music will integrate with ChatGPT", "announced a price cut"
        if rule.type is RelType.RELEASED:
            # a release list: "LG 的 K-Exagone、Upstage 的 Solar Open" -> a maker per product
            pairs = self.possessive_pairs(te, head_labels, tail_labels)
            if len(pairs) >= 2 or (pairs and not heads):
                return self._typed([(rule.type, h, t, 1.0) for h, t in pairs])
        if not heads and self.lead is not None and self.lead.label in head_labels and _WE.search(self.lowered, lo, ts):
            heads = [self.lead]  # "Today, we're releasing gpt-oss-120b": we, the company the release is from
        if not heads:
            heads = self.topic(head_labels, ts, carry=carry)
            heads = [h for h in heads if h not in tails and not self.other_item(h, ts)]
        if not tails and self.zh and heads and rule.type is RelType.REGULATES:
            # 引发英国、法国等多国监管: the regulated is what the sentence is about
            tails = [t for t in self.topic(tail_labels, heads[0].start, carry=False) if t not in heads]
        if rule.type is not RelType.REGULATES:  # "crack down on Binance" names the regulated
            tails = [t for t in tails if not self.venue(t)]  # 在GitHub上开源, "launched on Solana"
        if rule.type is RelType.RELEASED and not self.zh:
            # "launched a new IDE Extension integrating with VS Code and Cursor": what a release
            # works with, goes into or is made for is not what was released
            for i, t in enumerate(tails):
                if _RELEASE_PREP.search(self.lowered, max(te, t.start - 30), t.start):
                    tails = tails[:i]  # and the names listed after it ("with VS Code and Cursor")
                    break
        if not self.zh and _BOUGHT.match(self.lowered, ts):
            # "bought Ironshore from Fosun": the seller is no party of the purchase
            tails = [t for t in tails if not _FROM_BEFORE.search(self.lowered[max(0, t.start - 10) : t.start])]
        # a bare sector word is ruled on only right next to the trigger (稳定币牌照, 监管加密)
        tails = [
            t
            for t in tails
            if not (t.weak and t.label is Label.SECTOR)
            or t.end == ts
            or (not self.text[te : t.start].strip() and self._ends_phrase(t.end))
        ]
        if not heads or not tails:
            return []
        return self._typed(self._pairs(rule.type, heads, tails))

    def _announced(self, tails: list[_Mention], te: int) -> bool:
        """Is the first of ``tails`` what "announced" (ending at ``te``) names, with at most an
        article and "new" between ("announced the new GPT-4o model")?"""
        return (
            bool(tails)
            and tails[0].start >= te
            and _ANNOUNCED_OBJECT.fullmatch(self.text, te, tails[0].start) is not None
        )

    def _prepositional_object(self, rule: RelationRule, ts: int, lo: int, carry: bool):
        """``A 向/对/给 B (进行 10 亿美元的股权) 投资``: B, between the preposition and the trigger,
        is the object, and the subject stands before the preposition (B could be either: the
        nearest group before the trigger is not the subject here). The head noun of a
        possessive object is taken (向 OpenAI 的竞争对手 Anthropic 投资 -> Anthropic)."""
        preps = list(_OBJECT_PREP_AT.finditer(self.text, lo, ts))
        if not preps:
            return []
        ps, pe = preps[-1].span()
        if re.search(r"[，,。；;：:]", self.text[pe:ts]):
            return []
        inside = [g for g in self.groups if g[0].start >= pe and g[-1].end <= ts and self.allowed(g, rule.tail)]
        if not inside:
            return []
        tails = self.allowed(inside[-1], rule.tail)
        # the object ends the phrase: between it and the trigger, no other predicate (light
        # verbs like 进行 and amounts are none)
        if self.rules.predicates.search(self.lowered, tails[-1].end, ts) is not None:
            return []
        heads = self.before(ps, rule.head, lo) or self.topic(rule.head, ps, carry=carry)
        heads = [h for h in heads if h.end <= ps and h not in tails]
        if not heads:
            return []
        return self._typed(self._pairs(rule.type, heads, tails))

    def _ends_phrase(self, pos: int) -> bool:
        return bool(re.match(r"\s*(?:[，,。；;、和与及等]|$)", self.text[pos : pos + 2]))

    def possessive_pairs(self, te, head_labels, tail_labels):
        """``A 的 X、B 的 Y`` in the trigger's clause (the released list); possessives in a
        later clause are about something else (…发布了 P，其底层技术从 Meta 的 Llama 转向…)."""
        pairs = []
        _lo, hi = self.clause_bounds(te)
        ms = [m for m in self.mentions if te <= m.start and m.end <= hi]
        for a, b in itertools.pairwise(ms):
            if (
                a.label in head_labels
                and b.label in tail_labels
                and _POSSESSIVE_GAP.fullmatch(self.text[a.end : b.start])
            ):
                pairs.append((a, b))
        return pairs

    def symmetric(self, rule: RelationRule, ts: int, te: int):
        if self.zh and re.match(r"[、）)]", self.text[te : te + 1]):
            return []  # 美国关税威胁、日本刺激计划: a noun closing a list item, no predicate
        lo, hi = self.clause_bounds(ts)
        labels = [*rule.head, *(lab for lab in rule.tail if lab not in rule.head)]
        before = self.before(ts, labels, self.s0 if self.zh else lo)
        if not self.zh and self.lowered.startswith("competition", ts) and before and self._contest(before, ts):
            return []  # "the GPU MODE NVIDIA competition channel": a contest named by them, not rivals
        if self.zh and rule.type is RelType.COMPETES_WITH and self.text[ts - 1 : ts] == "等":
            # 面临微软控制权、监管批准及马斯克诉讼等挑战: a list of things that are the challenges, not
            # of rivals (面临 Cursor、Lovable 等竞争: names right before 等)
            last = max((m.end for m in self.mentions if m.end <= ts - 1), default=-1)
            if last < 0 or self.text[last : ts - 1].strip(" \t*_"):
                return []
        after = self.after(te, labels, hi, possessive=False)
        after = [m for m in after if m.key not in {b.key for b in before}]
        if not self.zh and after and after[0].start - te > 40:
            after = []  # "collaboration titan ... Weavy": too far to be the partner
        lead = self.text[te : after[0].start] if after else ""
        if rule.type is RelType.COMPETES_WITH and max(len(before), len(after)) >= 3:
            return []  # "Oracle, Microsoft, Amazon and OpenAI ... competition": a list, not rivals in pairs
        with_word = re.search(r"(?:\bwith|与|和|同|跟)$", self.lowered[ts:te]) is not None
        if after and _EXAMPLES.fullmatch(lead) and re.search(r"competitors|rivals|对手", self.lowered[ts:te]):
            # "pressuring competitors like Google and Anthropic": the subject's rivals
            same = [after[0].label]
            subject = [m for m in self.topic(same, ts) if m not in after]
            return self._typed(self._pairs(rule.type, subject, after)) if subject else []
        if (
            len(after) >= 2
            and not with_word  # "deals with A and B": partners of the subject, not of each other
            and re.fullmatch(r"[\s—\-:：*]*(?:是|为|are|were|between)?[\s—\-:：*]*", lead)
            and (re.search(r"[—\-:：]|是|为|are|were|between", lead) or _PAIR_NOUN.search(self.lowered, ts, te))
        ):
            # 两大死对头——A 和 B / a partnership between A and B / 合作伙伴微软与OpenAI (not 联手
            # A、B / 追赶 A 和 B: the objects of a verb, partners or rivals of its subject)
            return self._typed([(rule.type, a, b, 1.0) for i, a in enumerate(after) for b in after[i + 1 :]])
        if before:
            pre = self.text[max(self.s0, before[0].start - 28) : before[0].start]
            gap = self.text[before[-1].end : ts]
            if re.search(r"\b(?:other|others)\b", gap):
                return []  # "A, B, amongst other partners": a list of something else
            prep = _PREPOSITION.search(pre)
            if prep or re.search(r"等", gap):
                # 公司与 A 及 B 合作 / A、B 等合作伙伴: partners of the subject, the one right
                # before 与 in the clause (而 OpenAI 则与 A 和 B 结盟) or else the sentence's
                at = max(self.s0, before[0].start - 28) + prep.start() if prep else before[0].start
                subject = self.before(at, rule.head, lo) if prep else []
                subject = subject or self.topic(rule.head, before[0].start)
                subject = [m for m in subject if m not in before]
                if subject:
                    return self._typed(self._pairs(rule.type, subject, before))
                return []
        if len(before) >= 2:
            found = [(rule.type, a, b, 1.0) for i, a in enumerate(before) for b in before[i + 1 :]]
            if after:
                found += self._pairs(rule.type, before, after)
            return self._typed(found)
        if before and after:
            return self._typed(self._pairs(rule.type, before, after))
        if not self.zh and with_word and before and not after:
            return []  # "Groq partnering with Aramco" (a partner not known): no partner of the topic's
        single = before or after
        if before and re.fullmatch(r"[\s*_“\"'#>\-]*", self.text[self.s0 : before[0].start]):
            # the sentence's own subject (Anthropic 以…著称, 包括…广泛的企业合作): its partner
            # is not named here, and the topic of an earlier sentence is not it
            return []
        if single:
            # 与 X 达成合作 / partners with X: the other side is the subject
            same = [single[0].label] if single[0].label is not Label.INITIATIVE else list(rule.head)
            subject = [m for m in self.topic(same, single[0].start) if m not in single]
            we = _WE_IN_CLAUSE.search(self.lowered, lo, ts) is not None
            if not subject and after and we and self.lead is not None and self.lead not in after:
                subject = [self.lead]  # "We are building a multiyear partnership with SAP": the post's company
            if subject:
                return self._typed(self._pairs(rule.type, subject, single))
        return []

    def other_item(self, mention, ts: int) -> bool:
        """Is the mention in another item of a Chinese enumeration than the trigger at ``ts``
        (五大下跌原因：美联储降息预期减弱、加密监管进展停滞: the Fed is no regulator here)? Not when
        the 、 after it joins names (美国、欧盟监管加密; 顺泰控股将BTC、ETH等纳入投资组合)."""
        if not self.zh or mention.start < self.s0:  # a subject carried over from the last sentence
            return False
        cut = self.text.find("、", mention.end, ts)
        if cut < 0 or not self.text[mention.end : cut].strip(" \t*_"):
            return False
        last = self.text.rfind("、", cut, ts)
        if _CLAUSE_ZH.search(self.text, mention.end, cut) or _CLAUSE_ZH.search(self.text, last, ts):
            return False  # 苹果发表声明，确认更智能、更个性化的新版Siri将推出: the 、 lists words of a later clause
        # 将BTC、ETH纳入: the 、 joins names, not items
        return not any(
            mention.end <= m.start and m.end <= cut and not self.text[m.end : cut].strip(" \t*_") for m in self.mentions
        )

    def _contest(self, before: list, ts: int) -> bool:
        """Do the names right before "competition" name a contest (a run of names glued to the
        noun: "GPU MODE NVIDIA competition", "a Kaggle competition") rather than two rivals
        joined as such ("the Nvidia-AMD competition", "OpenAI vs Google competition")?"""
        if self.text[before[-1].end : ts].strip(" \t*_"):
            return False
        pair = before[-2:]
        joined = r"\s*(?:-|–|/|vs\.?|versus|and|&)\s*"
        return len(pair) < 2 or not re.fullmatch(joined, self.text[pair[0].end : pair[1].start], re.IGNORECASE)

    def maker(self, rule: RelationRule, ts: int, te: int):
        """``P 的开发商 C`` / ``C, the developer of P`` / ``P's parent company C``; ``后者是 P
        的开发者`` refers back to the last company named."""
        lo, hi = self.clause_bounds(ts)
        makers_after = self.after(te, rule.head, hi)
        product = self.before(ts, rule.tail, lo)
        if makers_after and product and re.search(r"(?:的|'s|’s)\s*[\w\s]{0,6}$", self.text[product[-1].end : ts]):
            return self._pairs(rule.type, makers_after[:1], product)
        if re.match(r"\s*(?:of|behind)\s", self.lowered[te : te + 8]):
            products = self.after(te, rule.tail, self.s1)
            makers = self.before(ts, rule.head, self.s0)
            if products and makers:
                return self._pairs(rule.type, makers[-1:], products[:1])
        if product and not makers_after and re.search(r"的\s*$", self.text[product[-1].end : ts]):
            ref = _LATTER.search(self.text, lo, product[0].start)
            if ref is not None:
                named = [m for m in self.mentions if m.end <= ref.start() and m.label in rule.head]
                if named:
                    pick = named[-1] if ref.group(1) in ("后者", "the latter") else named[0]
                    return self._pairs(rule.type, [pick], product)
                return []
            makers = [m for m in self.topic(rule.head, product[0].start) if m not in product]
            if makers:
                return self._pairs(rule.type, makers[:1], product)
        return []

    def funded(self, raise_matcher: WordMatcher, lead: _Mention | None = None) -> _Mention | None:
        """The company that raised money in this sentence (subject of 融资 / raised); with no
        subject ("Our Series B funding round ..."), ``lead``: the item's first company."""
        raised = False
        for rs, _re in raise_matcher.finditer(self.lowered, self.s0, self.s1):
            raised = True
            subject = self.before(rs, [Label.COMPANY], self.clause_bounds(rs)[0]) or self.topic([Label.COMPANY], rs)
            if subject:
                return subject[0]
        return lead if raised else None

    def investor(self, rule: RelationRule, ts: int, te: int, funded: _Mention | None):
        if (
            funded is None
            and re.fullmatch(r"(?:co-)?led by", self.lowered[ts:te])
            and not _ROUND.search(self.lowered, self.s0, ts)
        ):
            return []  # "Led by Professor Lu, the program ...": no round raised, nobody invests
        if funded is None:
            topic = self.topic([Label.COMPANY], ts)
            if not topic:
                return []
            funded = topic[0]
        lo, hi = self.clause_bounds(ts)
        labels = rule.head
        word = self.lowered[ts:te]
        if self.zh and word in ("领投", "参投", "跟投", "共同领投", "联合领投", "出资"):
            investors = self.before(ts, labels, lo)  # 由 A 和 B 领投
        elif self.zh and word == "吸引了":
            investors = self.after(te, labels, self.s1)
        elif self.zh:
            # A、B 都是基石投资者 / A 和 B 作为新投资者加入 / 投资者包括 A
            investors = self.before(ts, labels, lo) or self.after(te, labels, hi)
        elif re.search(r"\b(?:include|including|such as)$", word):
            investors = self.list_after(te, labels)  # "investors include A, B, affiliated funds of C, ..."
        else:
            investors = self.after(te, labels, self.s1) or self.before(ts, labels, lo)
        return [(rule.type, inv, funded, 1.0) for inv in investors if inv.key != funded.key]

    def list_after(self, pos: int, labels) -> list[_Mention]:
        """The allowed mentions of a list that runs from ``pos`` to the end of the sentence:
        items are set apart by commas or "and", and an item may describe its name ("affiliated
        funds of BlackRock", "Growth Equity at Goldman Sachs"); a clause mark ends it."""
        out: list[_Mention] = []
        last = pos
        for m in self.mentions:
            if m.start < pos:
                continue
            gap = _ABBREVIATION.sub("", self.text[last : m.start])  # "Associates, Inc., T. Rowe"
            if out and (re.search(r"[.;:。；：!?！？\n]", gap) or not re.search(r",|\band\b|、|和", gap)):
                if not self.text[out[-1].end : m.start].strip(" *_"):
                    continue  # "T. Rowe Price Associates, Inc.": one item in two mentions
                break
            if not out and re.search(r"[.;:。；：!?！？\n]", gap):
                break
            if m.label in labels:
                out.append(m)
            last = m.end
        return out
