"""``RelationRules``: relation facts from trigger words, one sentence at a time.

The triggers come from the lexicon's relation rules; each rule's pattern is applied by
:class:`~newsgraph.loaders.nlp.relations_patterns._SentenceContext`. Hits are deduplicated
(either order for undirected types) and blocked by negations in :func:`_finish_relations`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.nlp.extensions import RelationHit, doc_text, mentions, sentence_bounds, values_of
from newsgraph.loaders.nlp.lexicon import Lexicon, RelationRule, Words
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.relations_patterns import _SentenceContext
from newsgraph.loaders.nlp.relations_scope import _Mention, token_qualifies_next
from newsgraph.loaders.nlp.text import _COORD, _is_cjk, fold_lower

_UNDIRECTED = frozenset({RelType.PARTNERS_WITH, RelType.COMPETES_WITH})
#: facts an owner does not do through what it owns (a founder leads through "X's company")
_OWNER_NOT_ACTOR = frozenset({RelType.INVESTS_IN, RelType.ACQUIRES, RelType.RELEASED})
_AGENCY_ANAPHOR = re.compile(
    r"[\s—–\-,:(]*(?:the|its)\s+(?:Department|Ministry|Agency|Commission|Administration|Bureau|Office|Government|"
    r"Authority)['’]s\s+(?:initiative|program|programme|mission|project|plan|effort)"
    r"|[\s—–\-,:(]*(?:该部|该部门|该机构|该委员会|该局)(?:的|主导的|牵头的)\s*(?:计划|项目|任务|行动|倡议)"
)


_ASIDE = re.compile(r"\s*[(（][^()（）\n]{1,40}[)）]")


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    rule: RelationRule
    index: int  # the rule's place in the lexicon


class RelationRules:
    """Relation facts from trigger words, scoped to a sentence.

    The head is the subject (the entity group before the trigger in its clause, else the
    sentence's first entity, else the previous sentence's in the same paragraph: Chinese
    drops repeated subjects), the tail the object (the entity group after the trigger; in
    Chinese also the one between 对/向 and a nominal trigger, and the head noun of
    ``A的开发商B``). Passive markers (被/由/by) swap them. Denials (否认, denies) drop the
    fact; negations between subject and trigger (拒绝, 未, rejected, not) block it; rumour
    words (据传, reportedly) lower its confidence. Where triggers overlap, the longest wins
    (投资者 is an investor, not 投资).
    """

    def __init__(self, lexicon: Lexicon, *, rumour_confidence: float = 0.6) -> None:
        self.rumour_confidence = rumour_confidence
        self.rules = [(rule, WordMatcher(rule.triggers.all())) for rule in lexicon.relations]
        self.passive = {id(rule): WordMatcher(rule.passive.all()) for rule in lexicon.relations}
        self.raise_any = WordMatcher([w for rule in lexicon.relations for w in rule.raise_.all()])
        # words that end an object phrase: any other predicate (relation or impact trigger)
        self.predicates = WordMatcher(
            [w for rule in lexicon.relations if rule.pattern != "maker" for w in rule.triggers.all()]
            + lexicon.impacts.all()
        )
        #: family -> its makers: the first word of an entity key's slug (model:gpt-4o -> gpt)
        self.makers = {name.lower(): frozenset(fam.makers) for fam in lexicon.makers for name in fam.names}
        self.denial = WordMatcher(lexicon.denial.all())
        self.negation = WordMatcher(lexicon.negation.all())
        self.rumour = WordMatcher(lexicon.rumour.all())
        self.titles = WordMatcher(lexicon.titles.all())
        disc = lexicon.discovery
        self.maker_words = WordMatcher(
            [w for rule in lexicon.relations if rule.pattern == "maker" for w in rule.triggers.all()]
        )
        # words that cannot sit inside one noun phrase (verbs, prepositions, particles)
        self.clause_words = WordMatcher(
            [
                *(w for rule in lexicon.relations if rule.pattern != "maker" for w in rule.triggers.zh),
                *(w for rule in lexicon.relations for w in rule.raise_.zh),
                *(w for rule in lexicon.relations for w in rule.passive.zh),
                *(w for w in lexicon.impacts.all() if any(_is_cjk(c) for c in w)),
                *disc.zh_boundaries,
            ]
        )
        #: the kind of a company named after it (中国AI独角兽MiniMax, 美国芯片巨头英伟达)
        self.company_nouns = WordMatcher(disc.type_nouns.get(Label.COMPANY, Words()).all())
        self.product_nouns = WordMatcher(
            [
                *disc.type_nouns.get(Label.PRODUCT, Words()).all(),
                *disc.suffixes.get(Label.PRODUCT, Words()).all(),
                *lexicon.product_words.all(),
            ]
        )

    def strip_makers(self, gap: str) -> str:
        """A gap with 的 and maker nouns (开发商, developer) blanked: ``A的开发商B`` is one noun phrase."""
        low = fold_lower(gap).replace("的", " ")
        for s, e in sorted(self.maker_words.finditer(low), reverse=True):
            low = low[:s] + " " * (e - s) + low[e:]
        return low

    def triggers(self, lowered: str) -> list[_Trigger]:
        """All trigger words of the text; overlapping ones keep the longest (then the first rule)."""
        found = [
            _Trigger(s, e, rule, index)
            for index, (rule, matcher) in enumerate(self.rules)
            for s, e in matcher.finditer(lowered)
        ]
        found.sort(key=lambda t: (-(t.end - t.start), t.start, t.index))
        taken: list[_Trigger] = []
        # taken words never overlap unless they are the same span: each character has at most
        # one owner span, so a clash is found by looking at the trigger's own characters
        owner: dict[int, tuple[int, int]] = {}
        for trig in found:
            span = (trig.start, trig.end)
            if all(owner.get(pos, span) == span for pos in range(trig.start, trig.end)):
                taken.append(trig)  # the same word in two rules (投资 for svo and investor)
                for pos in range(trig.start, trig.end):
                    owner[pos] = span
        return sorted(taken, key=lambda t: (t.start, t.index))

    def foreign_maker(self, head: str, tail: str) -> bool:
        """Is ``tail`` of a family whose known makers do not include ``head``?"""
        slug = tail.split(":", 1)[-1].lower()
        for length in range(len(slug), 0, -1):  # the longest family name the slug starts with
            prefix = slug[:length]
            makers = self.makers.get(prefix)
            if makers is not None and (length == len(slug) or not slug[length].isalpha()):
                return head not in makers
        return False

    @staticmethod
    def groups(mentions: list[_Mention], text: str) -> list[list[_Mention]]:
        """Mentions joined by coordinators (A、B 和 C; A, B and C) or adjacent (中国电信TeleAI)."""
        groups: list[list[_Mention]] = []
        for mention in mentions:
            if groups:
                prev = groups[-1][-1]
                gap = text[prev.end : mention.start]
                if re.fullmatch(r"\s*[(（]\s*", gap):
                    if prev.key != mention.key:
                        mention.gloss = prev.key
                        groups[-1].append(mention)  # China (PBoC): one actor, named twice
                    continue  # US Department of Energy (DOE): one mention
                # an aside in brackets may sit before the coordinator: "Phi-4-Mini (3.8B
                # parameters) and Phi-4-Multimodal"
                aside = _ASIDE.match(gap)
                rest = gap[aside.end() :] if aside else gap
                if _COORD.match(rest) and "\n" not in gap and (aside is None or rest.strip()):
                    if prev.key != mention.key:
                        groups[-1].append(mention)
                    continue
            groups.append([mention])
        return groups

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = fold_lower(text)
        hits: list[RelationHit] = []
        blocked: set[tuple[RelType, str, str]] = set()
        ents = []
        for span in mentions(doc):
            values = values_of(span)
            label = Label(span.label_)
            if label is Label.INITIATIVE and values.weak:
                continue  # a law (GENIUS Act, 数字市场法案): what facts are under, never a party of one
            ents.append(_Mention(span.start_char, span.end_char, label, values.key, values.weak))
        if len({m.key for m in ents}) < 2:  # a fact joins two things the text names: none here
            doc._.newsgraph_relations = []
            return doc
        prev_topic: list[_Mention] = []
        funded: _Mention | None = None
        lead = next((m for m in ents if m.label is Label.COMPANY), None)  # who a press release is about
        triggers = self.triggers(lowered)
        # sentences take their mentions and triggers by bisection (linear in the text)
        trigger_starts = [t.start for t in triggers]
        in_order = all(a.start <= b.start for a, b in itertools.pairwise(ents))
        ent_starts = [m.start for m in ents]
        text_end = len(text.rstrip())
        for s0, s1 in sentence_bounds(doc):
            if not text[s0:s1].strip():
                continue
            if in_order:
                window = ents[bisect.bisect_left(ent_starts, s0) : bisect.bisect_right(ent_starts, s1)]
                in_sent = [m for m in window if m.end <= s1]
            else:
                in_sent = [m for m in ents if s0 <= m.start and m.end <= s1]
            evidence = text[s0:s1].strip()
            ctx = _SentenceContext(self, text, lowered, s0, s1, in_sent, self.groups(in_sent, text), prev_topic, lead)
            funded = ctx.funded(self.raise_any, lead) or funded
            first = bisect.bisect_left(trigger_starts, s0)
            last = bisect.bisect_left(trigger_starts, s1)
            for trig in triggers[first:last]:
                ts, te, rule = trig.start, trig.end, trig.rule
                if te > s1 or ctx.inside_mention(ts, te):
                    continue
                ctx.trigger_at = ts
                if rule.pattern == "investor":
                    found = ctx.investor(rule, ts, te, funded)
                elif rule.pattern == "symmetric":
                    found = ctx.symmetric(rule, ts, te)
                elif rule.pattern == "maker":
                    found = ctx.maker(rule, ts, te)
                else:
                    found = ctx.svo(rule, ts, te, self.passive[id(rule)])
                if not found:
                    continue
                negated = ctx.negated(ts, found)
                conf = self.rumour_confidence if ctx.rumoured(ts) else 1.0
                for rtype, head, tail, c in found:
                    if head.same_actor(tail) or (head.weak and tail.weak):
                        continue
                    if rtype is RelType.RELEASED and self.foreign_maker(head.key, tail.key):
                        continue
                    if ctx.qualifies_a_name(head):
                        continue  # 日本上市公司Metaplanet…持有: the company holds, not Japan
                    if rtype in _OWNER_NOT_ACTOR and ctx.owns_the_actor(head):
                        continue  # Peter Thiel的Founders Fund增持ETH: the fund invests
                    if ctx.trigger_made_a_noun(head, ts, te):
                        continue  # 分析师X指出，比特币短期持有者…: holders nobody names
                    if rtype is RelType.RELEASED and tail.label is Label.TOKEN and token_qualifies_next(text, tail.end):
                        continue  # 由华夏基金发行的Solana现货ETF, Bitwise推出的Solana ETF: whichever way it was found
                    if negated:
                        blocked.add((rtype, head.key, tail.key))
                        continue
                    hits.append(RelationHit(rtype, head.key, tail.key, evidence, min(c, conf), ts))
            hits.extend(ctx.leads_by_title())
            hits.extend(ctx.leads_by_ownership())
            hits.extend(ctx.agency_initiative())
            hits.extend(ctx.initiative_backers())
            hits.extend(ctx.stakes())
            hits.extend(ctx.makers_named())
            topic = ctx.topic_group()
            if "\n" in text[s0:s1].strip(" \t")[-1:] + text[s1 : s1 + 2] or s1 >= text_end:
                prev_topic = []  # a subject carries over sentences of one paragraph only
            elif topic:
                prev_topic = topic
        hits.extend(self.anaphoric_leads(text, ents))
        doc._.newsgraph_relations = _finish_relations(hits, blocked)
        return doc

    @staticmethod
    def anaphoric_leads(text: str, ents: list[_Mention]) -> list[RelationHit]:
        """``the Genesis Mission — the Department's initiative``: the agency named last runs it."""
        out = []
        for match in _AGENCY_ANAPHOR.finditer(text):
            initiatives = [m for m in ents if m.label is Label.INITIATIVE and 0 <= match.start() - m.end <= 4]
            agencies = [m for m in ents if m.label is Label.AGENCY and m.end <= match.start()]
            if initiatives and agencies:
                line_start = text.rfind("\n", 0, match.start()) + 1
                line_end = text.find("\n", match.end())
                evidence = text[line_start : len(text) if line_end < 0 else line_end].strip()
                out.append(
                    RelationHit(RelType.LEADS, agencies[-1].key, initiatives[-1].key, evidence, 0.7, match.start())
                )
        return out


def _finish_relations(hits: list[RelationHit], blocked: set[tuple[RelType, str, str]]) -> list[RelationHit]:
    """Deduplicate (either order for undirected types), apply blocks, resolve overlaps."""
    best: dict[tuple[RelType, str, str], RelationHit] = {}
    for hit in hits:
        pair = tuple(sorted((hit.head, hit.tail))) if hit.type in _UNDIRECTED else (hit.head, hit.tail)
        key = (hit.type, *pair)
        if (hit.type, hit.head, hit.tail) in blocked or (
            hit.type in _UNDIRECTED and (hit.type, hit.tail, hit.head) in blocked
        ):
            continue
        old = best.get(key)
        if old is None:
            best[key] = hit
        elif hit.confidence > old.confidence:
            best[key] = RelationHit(hit.type, old.head, old.tail, old.evidence, hit.confidence, old.start)
    out = list(best.values())
    leads = {(h.head, h.tail) for h in out if h.type is RelType.LEADS}
    out = [h for h in out if not (h.type is RelType.PARTICIPATES_IN and (h.head, h.tail) in leads)]
    return sorted(out, key=lambda h: (h.start, h.type.value, h.head, h.tail))
