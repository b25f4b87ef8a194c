"""Candidates of a processed ``Doc`` and their sparse features.

- Relation candidates: every pair of entity mentions with different keys inside one
  sentence, in text order (``first``, ``second``), within :data:`MAX_GAP` tokens; and the
  first mentions of the previous sentence with each mention of the next (feature ``xsent``:
  the subject a Chinese sentence drops). The class
  says the fact type and direction (``RELEASED>``: first is the head; ``RELEASED<``: second).
- Impact candidates: every mention; its key is the target of BENEFITS / HURTS / none.

Features are strings: the words (Chinese: characters and character pairs, since a CJK
character is one token) between and around the mentions, entity types, order, distance,
intervening mentions, the trigger words of the rule lexicon and where they sit, negation,
denial, rumour and hypothetical cues and where they sit, the digest field, and whether the
rule components proposed the fact (rules are features here, not verdicts).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsgraph.graph.model import RelType
from newsgraph.loaders.nlp.extensions import doc_text, mentions, sentence_bounds
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.sentences import field_at
from newsgraph.loaders.nlp.text import _COORD, fold_lower

__all__ = ["MAX_GAP", "Cues", "ImpactCand", "PairCand", "impact_candidates", "pair_candidates"]

MAX_GAP = 60  # tokens between two mentions of one candidate pair
_WINDOW = 4  # tokens looked at left of the first and right of the second mention
_IMPACT_WINDOW = 8
_MAX_MENTIONS = 40  # per sentence; a longer list is a table, not a statement
_CARRIED = 2  # mentions of the previous sentence paired with the next sentence's (dropped subjects)
_HYPOTHETICAL = WordMatcher(
    [
        "如果",
        "假如",
        "若",
        "一旦",
        "是否",
        "能否",
        "或",
        "传",
        "猜测",
        "预计",
        "有望",
        "将",
        "会",
        "潜在",
        "if",
        "whether",
        "would",
        "should",
        "potential",
        "possible",
        "expected",
        "rumor*",
        "speculat*",
        "?",
    ]
)


@dataclass(slots=True)
class Cues:
    """The matchers and rule hits a document's features need (built once per pipeline)."""

    relation_triggers: list[tuple[str, WordMatcher]]
    impact_triggers: list[tuple[str, WordMatcher]]
    negation: WordMatcher
    denial: WordMatcher
    rumour: WordMatcher


@dataclass(slots=True)
class PairCand:
    first: Span
    second: Span
    sentence: tuple[int, int]
    features: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImpactCand:
    mention: Span
    sentence: tuple[int, int]
    features: list[str] = field(default_factory=list)


def _bucket(n: int) -> str:
    for edge in (0, 1, 2, 4, 8, 16, 32):
        if n <= edge:
            return str(edge)
    return "64"


def _words(doc: Doc, start: int, end: int, prefix: str, out: list[str], bigrams: bool = True) -> None:
    norms = [t.norm_ for t in doc[start:end] if not t.is_space]
    out.extend(f"{prefix}={w}" for w in norms)
    if bigrams:
        out.extend(f"{prefix}2={a}_{b}" for a, b in itertools.pairwise(norms))


def _where(pos: int, a: Span, b: Span | None = None) -> str:
    if pos < a.start_char:
        return "before"
    if b is None:
        return "after"
    if pos < b.start_char:
        return "between"
    return "after"


def _cue_hits(cues: Cues, lowered: str, s0: int, s1: int) -> list[tuple[str, int]]:
    hits: list[tuple[str, int]] = []
    for name, matcher in (("neg", cues.negation), ("deny", cues.denial), ("rum", cues.rumour), ("hyp", _HYPOTHETICAL)):
        hits.extend((name, s) for s, _e in matcher.finditer(lowered, s0, s1))
    return hits


def _trigger_hits(
    matchers: list[tuple[str, WordMatcher]], lowered: str, s0: int, s1: int
) -> list[tuple[str, str, int, int]]:
    return [(name, lowered[s:e], s, e) for name, m in matchers for s, e in m.finditer(lowered, s0, s1)]


def _in_sentence(spans: list[Span], s0: int, s1: int) -> list[Span]:
    return [sp for sp in spans if s0 <= sp.start_char and sp.end_char <= s1]


def pair_candidates(doc: Doc, cues: Cues, rule_facts: set[tuple[str, str, str]]) -> list[PairCand]:
    """Relation candidates with features; ``rule_facts`` holds the rules' (type, head, tail)."""
    text = doc_text(doc)
    lowered = fold_lower(text)
    spans = mentions(doc)
    out: list[PairCand] = []
    previous: list[Span] = []
    prev_start = 0
    for s0, s1 in sentence_bounds(doc):
        in_sent = _in_sentence(spans, s0, s1)[:_MAX_MENTIONS]
        subjects, previous = previous[:_CARRIED], in_sent
        both, prev_start = (prev_start, s1), s0
        if not in_sent:
            continue
        triggers = _trigger_hits(cues.relation_triggers, lowered, s0, s1)
        cue_hits = _cue_hits(cues, lowered, s0, s1)
        field_name = field_at(doc, s0) or "none"
        keys_here = {m._.newsgraph_key for m in in_sent}
        for a in subjects:  # Chinese drops a repeated subject: 公司A……。其发布了B
            if a._.newsgraph_key in keys_here:
                continue
            for b in in_sent:
                feats = _pair_features(doc, a, b, [], text, triggers, cue_hits, field_name, rule_facts, True)
                feats = ["xsent", f"xsent|ty={a.label_}>{b.label_}"] + [f for f in feats if not f.startswith("bw")]
                out.append(PairCand(a, b, both, feats))
        for i, a in enumerate(in_sent):
            for j in range(i + 1, len(in_sent)):
                b = in_sent[j]
                ka, kb = a._.newsgraph_key, b._.newsgraph_key
                if ka == kb:
                    continue
                gap = b.start - a.end
                if gap > MAX_GAP:
                    break
                out.append(
                    PairCand(
                        a,
                        b,
                        (s0, s1),
                        _pair_features(
                            doc, a, b, in_sent[i + 1 : j], text, triggers, cue_hits, field_name, rule_facts, i == 0
                        ),
                    )
                )
    return out


def _pair_features(doc, a, b, middle, text, triggers, cue_hits, field_name, rule_facts, a_first) -> list[str]:
    ta, tb = a.label_, b.label_
    types = f"{ta}>{tb}"
    f = [f"ty={types}", f"ta={ta}", f"tb={tb}", f"lang={doc.lang_}", f"field={field_name}"]
    f.append(f"dist={_bucket(b.start - a.end)}")
    f.append(f"nmid={_bucket(len(middle))}")
    f.extend(f"mid={m.label_}" for m in middle)
    if a_first:
        f.append("a_first")
    if not a._.newsgraph_known:
        f.append(f"a_unknown={a._.newsgraph_source}")
    if not b._.newsgraph_known:
        f.append(f"b_unknown={b._.newsgraph_source}")
    gap = text[a.end_char : b.start_char]
    if _COORD.match(gap):
        f.append("coord")
    if "(" in gap or "（" in gap:
        f.append("paren")
    lo, hi = a.end, b.start
    if hi - lo > 12:
        _words(doc, lo, lo + 6, "bw", f)
        _words(doc, hi - 6, hi, "bw", f)
    else:
        _words(doc, lo, hi, "bw", f)
    _words(doc, max(a.sent.start if doc.has_annotation("SENT_START") else 0, a.start - _WINDOW), a.start, "lw", f)
    _words(doc, b.end, min(len(doc), b.end + _WINDOW), "rw", f)
    for kind, word, s, _e in triggers:
        where = _where(s, a, b)
        f.append(f"trg={kind}@{where}")
        f.append(f"trg={kind}@{where}|{types}")
        f.append(f"trgw={word}@{where}")
    for name, pos in cue_hits:
        where = _where(pos, a, b)
        f.append(f"cue={name}@{where}")
    for rtype in RelType:
        if (rtype.value, a._.newsgraph_key, b._.newsgraph_key) in rule_facts:
            f.append(f"rule={rtype.value}>")
        if (rtype.value, b._.newsgraph_key, a._.newsgraph_key) in rule_facts:
            f.append(f"rule={rtype.value}<")
    return f


def impact_candidates(doc: Doc, cues: Cues, rule_impacts: set[tuple[str, str]]) -> list[ImpactCand]:
    """Impact-target candidates (every mention) with features; ``rule_impacts`` holds (type, target)."""
    text = doc_text(doc)
    lowered = fold_lower(text)
    spans = mentions(doc)
    out: list[ImpactCand] = []
    for s0, s1 in sentence_bounds(doc):
        in_sent = _in_sentence(spans, s0, s1)[:_MAX_MENTIONS]
        if not in_sent:
            continue
        triggers = _trigger_hits(cues.impact_triggers, lowered, s0, s1)
        cue_hits = _cue_hits(cues, lowered, s0, s1)
        field_name = field_at(doc, s0) or "none"
        first_tok = doc.char_span(s0, s1, alignment_mode="expand")
        t0, t1 = (first_tok.start, first_tok.end) if first_tok is not None else (0, len(doc))
        for i, m in enumerate(in_sent):
            ty = m.label_
            f = [f"ty={ty}", f"lang={doc.lang_}", f"field={field_name}", f"field={field_name}|{ty}"]
            f.append(f"nment={_bucket(len(in_sent))}")
            if i == 0:
                f.append("first")
            if not m._.newsgraph_known:
                f.append(f"unknown={m._.newsgraph_source}")
            _words(doc, max(t0, m.start - _IMPACT_WINDOW), m.start, "lw", f)
            _words(doc, m.end, min(t1, m.end + _IMPACT_WINDOW), "rw", f)
            _words(doc, t0, t1, "sw", f, bigrams=False)
            for kind, word, s, _e in triggers:
                where = "before" if s < m.start_char else "after"
                dist = _bucket(abs((s - m.end_char) if s >= m.end_char else (m.start_char - s)) // 4)
                f.append(f"itrg={kind}@{where}")
                f.append(f"itrg={kind}@{where}|{ty}")
                f.append(f"itrg={kind}@{where}|d{dist}")
                f.append(f"itrgw={word}@{where}")
            for name, pos in cue_hits:
                f.append(f"cue={name}@{'before' if pos < m.start_char else 'after'}")
            for rtype in (RelType.BENEFITS, RelType.HURTS):
                if (rtype.value, m._.newsgraph_key) in rule_impacts:
                    f.append(f"rule={rtype.value}")
            out.append(ImpactCand(m, (s0, s1), f))
    return out
