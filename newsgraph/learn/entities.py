"""The learned entity decider: is a sector word that the rules left undecided used as a market?

The catalog ruler marks a sector word *weak* when no market word stands in or next to it
(``加密货币``, ``autonomous driving``, ``数据中心``): the gold labels some of these words
almost every time they appear (``crypto``, ``AI compute``) and others almost never (``data
centers``, ``AI coding``), which depends on the word and its context rather than on a rule.
The decider gives each weak catalog mention the probability that the gold labels it, and a
mention at or above the threshold (chosen on training data, precision first) is kept as a
name; below it the mention stays weak (kept only when a relation or impact uses it). Every
mention of one key gets one verdict: the most confident mention's. Nothing is dropped or
retyped: deciding the names discovery proposes (keep, drop, type) measured worse than the
discovery rules under cross-validation (docs/extraction.md).

The model is fitted on every rule mention (classes ``drop`` or one of the entity types, so
the sector words share weights with the rest); features: where the mention came from
(catalog entry id, or the discovery cue and its confidence), its rule type, the surface
(its shape; for names the catalog lacks the name and its first and last characters or
words), the words right before and after it, an impact trigger in its sentence, how often
its key is mentioned and whether it stands on the first line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsgraph.graph.model import Label
from newsgraph.learn.linear import LinearModel
from newsgraph.loaders.nlp.extensions import doc_text, mentions, sentence_bounds, values_of
from newsgraph.loaders.nlp.lexicon import load_lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.text import fold_lower

__all__ = ["DROP", "ENTITY_CLASSES", "apply_entity_model", "decided", "label_mentions", "mention_features"]

DROP = "drop"
ENTITY_CLASSES = [DROP, *sorted(label.value for label in Label if label not in (Label.EVENT, Label.ITEM))]
_CJK = re.compile(r"[\u3400-\u9fff]")


def _shape(text: str) -> str:
    out = []
    for ch in text[:12]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else "c" if _CJK.match(ch) else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def mention_features(doc: Doc, span: Span) -> list[str]:
    text = " ".join(span.text.split()).strip("*_ ")
    low = text.lower()
    known = span._.newsgraph_known
    f = [
        f"lang={doc.lang_}",
        f"src={span._.newsgraph_source}",
        f"label={span.label_}",
        f"src={span._.newsgraph_source}|label={span.label_}",
        f"shape={_shape(text)}",
        f"len={min(len(text), 12)}",
        f"conf={round(float(span._.newsgraph_confidence), 1)}",
    ]
    if span._.newsgraph_weak:
        f.append("weak")
    if known:
        f.append(f"key={span._.newsgraph_key}")
    else:
        f.append(f"name={low}")
        words = low.split()
        if len(words) > 1:
            f += [f"first={words[0]}", f"last={words[-1]}", f"nwords={min(len(words), 5)}"]
        f += [f"pre2={low[:2]}", f"suf2={low[-2:]}", f"suf1={low[-1:]}"]
        if any(ch.isdigit() for ch in text):
            f.append("digit")
    for offset, prefix in ((1, "l1"), (2, "l2")):
        i = span.start - offset
        if i >= 0:
            f.append(f"{prefix}={doc[i].norm_}")
            f.append(f"{prefix}={doc[i].norm_}|label={span.label_}")
    for offset, prefix in ((0, "r1"), (1, "r2")):
        i = span.end + offset
        if i < len(doc):
            f.append(f"{prefix}={doc[i].norm_}")
            f.append(f"{prefix}={doc[i].norm_}|label={span.label_}")
    if span.start == 0 or doc[span.start - 1].text in "\n。！？.!?":
        f.append("sent_start")
    f += _impact_cues(doc, span)
    f.append(f"repeats={min(_key_counts(doc)[span._.newsgraph_key], 3)}")
    if "\n" not in doc_text(doc)[: span.start_char]:
        f.append("first_line")
    return f


@lru_cache(maxsize=1)
def _impact_words() -> WordMatcher:
    """The impact triggers of the packaged lexicon (an impact target is a name the gold labels)."""
    imp = load_lexicon().impacts
    parts = (imp.BENEFITS.subject, imp.BENEFITS.object, imp.HURTS.subject, imp.HURTS.object)
    return WordMatcher([w for part in parts for w in part.all()])


def _impact_cues(doc: Doc, span: Span) -> list[str]:
    """``imp@before`` / ``imp@after`` (with the rule type): an impact trigger in the mention's sentence."""
    hits = doc.user_data.get(_IMPACT_HITS)
    if hits is None:  # the trigger starts of each sentence, found once per doc
        lowered = fold_lower(doc_text(doc))
        hits = [
            (s0, s1, [start for start, _end in _impact_words().finditer(lowered, s0, s1)])
            for s0, s1 in sentence_bounds(doc)
        ]
        doc.user_data[_IMPACT_HITS] = hits
    for s0, s1, starts in hits:
        if s0 <= span.start_char < s1:
            out = set()
            for start in starts:
                where = "before" if start < span.start_char else "after"
                out |= {f"imp@{where}", f"imp@{where}|label={span.label_}"}
            return sorted(out)
    return []


_IMPACT_HITS = "newsgraph_entity_impact_hits"


def _key_counts(doc: Doc) -> Counter[str]:
    """How many mentions each key has on ``doc`` (counted once per doc)."""
    counts = doc.user_data.get(_KEY_COUNTS)
    if counts is None:
        counts = doc.user_data[_KEY_COUNTS] = Counter(values_of(span).key for span in mentions(doc))
    return counts


_KEY_COUNTS = "newsgraph_entity_key_counts"


def apply_entity_model(doc: Doc, model: LinearModel, threshold: float) -> None:
    """Keep the weak catalog mentions on ``doc`` the model finds labelled (see the module doc)."""
    weak = [span for span in mentions(doc) if (values := values_of(span)).weak and values.known]
    if not weak:
        return
    probs = model.predict([mention_features(doc, span) for span in weak])
    drop_col = model.classes.index(DROP)
    best: dict[str, float] = {}  # key -> P(labelled) of its most confident mention
    for span, row in zip(weak, probs, strict=True):
        key = span._.newsgraph_key
        best[key] = max(best.get(key, 0.0), 1.0 - float(row[drop_col]))
    for span in weak:
        p_name = best[span._.newsgraph_key]
        if p_name >= threshold:
            span._.newsgraph_weak = False
            span._.newsgraph_confidence = round(p_name, 3)


def decided(features: list[str]) -> bool:
    """Is this mention's row one the decider rules on (a weak catalog mention)?"""
    return "weak" in features and "src=catalog" in features


def label_mentions(doc: Doc, gold_types: Sequence[tuple[str, frozenset[str]]]) -> list[tuple[list[str], str]]:
    """``(features, class)`` for each mention: the gold type of the gold entity it names, else drop."""
    from newsgraph.eval import _forms

    out = []
    for span in mentions(doc):
        forms = _forms([span._.newsgraph_name, " ".join(span.text.split()).strip("*_ ")])
        label = next((t for t, gold_forms in gold_types if gold_forms & forms), DROP)
        out.append((mention_features(doc, span), label))
    return out
