"""The learned entity decider: keep or drop each mention the catalog ruler and the discovery
rules proposed, and type the names the catalog does not know.

Candidates are the mentions on the ``Doc`` after ``newsgraph_discovery``. Features: where the
mention came from (catalog entry, or the discovery cue and confidence), its rule type, the
surface (its shape: capitals, digits, script, length; its first and last characters or
words; for catalog entries the entry id), and the words right before and after it. Classes:
``drop`` or one of the entity types. A name the catalog does not know is kept when the model
says it is a name with probability at least the threshold (chosen on training data, like
the fact thresholds), and takes the model's type; a catalog match is dropped only when the
model is that sure it is not labelled (the catalog's generic entries) and keeps its type.
Every mention of one key gets one verdict: the most confident mention's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Span

from newsgraph.graph.model import Label, entity_id
from newsgraph.learn.linear import LinearModel
from newsgraph.loaders.nlp.extensions import MENTIONS, doc_text, mentions, sentence_bounds
from newsgraph.loaders.nlp.lexicon import load_lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.text import fold_lower

__all__ = ["DROP", "ENTITY_CLASSES", "apply_entity_model", "label_mentions", "mention_features"]

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
    return f


@lru_cache(maxsize=1)
def _impact_words() -> WordMatcher:
    """The impact triggers of the packaged lexicon (an impact target is a name the gold labels)."""
    imp = load_lexicon().impacts
    parts = (imp.BENEFITS.subject, imp.BENEFITS.object, imp.HURTS.subject, imp.HURTS.object)
    return WordMatcher([w for part in parts for w in part.all()])


def _impact_cues(doc: Doc, span: Span) -> list[str]:
    """``imp@before`` / ``imp@after`` (with the rule type): an impact trigger in the mention's sentence."""
    lowered = fold_lower(doc_text(doc))
    for s0, s1 in sentence_bounds(doc):
        if s0 <= span.start_char < s1:
            out = set()
            for start, _end in _impact_words().finditer(lowered, s0, s1):
                where = "before" if start < span.start_char else "after"
                out |= {f"imp@{where}", f"imp@{where}|label={span.label_}"}
            return sorted(out)
    return []


def apply_entity_model(doc: Doc, model: LinearModel, threshold: float) -> None:
    """Drop and type the mentions on ``doc`` by the model's verdicts (see the module doc)."""
    spans = mentions(doc)
    if not spans:
        return
    probs = model.predict([mention_features(doc, span) for span in spans])
    drop_col = model.classes.index(DROP)
    verdict: dict[str, tuple[float, str]] = {}  # key -> (P(name), type)
    for span, row in zip(spans, probs, strict=True):
        p_name = 1.0 - float(row[drop_col])
        masked = np.array(row)
        masked[drop_col] = -1.0
        label = model.classes[int(masked.argmax())]
        old = verdict.get(span._.newsgraph_key)
        if old is None or p_name > old[0]:
            verdict[span._.newsgraph_key] = (p_name, label)
    kept: list[Span] = []
    for span in spans:
        p_name, label = verdict[span._.newsgraph_key]
        if span._.newsgraph_known:
            if p_name >= 1.0 - _CATALOG_DROP:
                kept.append(span)
            continue
        if span._.newsgraph_confidence >= _RULE_KEEP:
            kept.append(span)  # a strong rule cue (a company suffix, a title): the rules decide
            continue
        if p_name < threshold:
            continue
        if label != span.label_:
            new = Span(doc, span.start, span.end, label=label)
            name = span._.newsgraph_name
            new._.newsgraph_key = entity_id(label, name)
            new._.newsgraph_name = name
            new._.newsgraph_known = False
            new._.newsgraph_source = span._.newsgraph_source
            new._.newsgraph_weak = False
            new._.newsgraph_confidence = round(p_name, 3)
            span = new
        else:
            span._.newsgraph_weak = False
            span._.newsgraph_confidence = round(p_name, 3)
        kept.append(span)
    doc.set_ents(kept, default="outside")
    doc.spans[MENTIONS] = kept


_CATALOG_DROP = 0.9  # a catalog match goes only when P(not labelled) reaches this
_RULE_KEEP = 0.8  # a discovered name with a cue this strong (suffix, version) is the rules' call


def label_mentions(doc: Doc, gold_types: Sequence[tuple[str, frozenset[str]]]) -> list[tuple[list[str], str]]:
    """``(features, class)`` for each mention: the gold type of the gold entity it names, else drop."""
    from newsgraph.eval import _forms

    out = []
    for span in mentions(doc):
        forms = _forms([span._.newsgraph_name, " ".join(span.text.split()).strip("*_ ")])
        label = next((t for t, gold_forms in gold_types if gold_forms & forms), DROP)
        out.append((mention_features(doc, span), label))
    return out
