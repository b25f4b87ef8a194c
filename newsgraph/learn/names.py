"""The name checker: is a Chinese name that discovery guessed a whole name, cut at its edges?

Discovery proposes Chinese names by cue (a suffix such as 银行 / 公司 / 局, a title before a
person, a ``·`` between transliterated parts) and must guess where the name starts: the words
before a suffix are glued to it (``如上海浦发银行``, ``落实民航局``, ``意愿主动接受银行``), a person's
name runs into the next word (``苏宁|昨天``), or a kind is taken for a name (``村镇银行``,
``战略产业``). The checker is a logistic regression (:mod:`.linear`) over the name's edges:
the finder that proposed it, its first and last characters and words, the characters and words just outside it, whether
a common word straddles either edge, and what a statistical word segmenter (jieba, with its
part-of-speech tags) says of the span: does it start and end at word boundaries, does it hold a
verb, adverb, preposition, pronoun, numeral or particle (a clause piece does; a name does not).

**Training data**: CLUENER 2020 (``../shared/corpora/cluener-zh``: Chinese news sentences
labelled with company / government / organization / name / game / movie / book spans; see
docs/extraction.md for its source). Rows: every name discovery proposes in a sentence (a
``name`` when a label has exactly its span, else ``none``), every labelled span discovery
missed (``name``), and the labelled spans with their edges moved (a character or up to three
words more or less: ``none``, weighted 0.3). Fitted on the dev split and the even-numbered
sentences of the train split; the odd-numbered ones are kept apart to measure it. A name is
dropped when P(name) < 0.3 (:data:`THRESHOLD`; not tuned on CLUENER, see there). Never trained on the
gold files, so cross-validation over the gold needs no retraining of it.

**Use**: after discovery (:class:`~newsgraph.loaders.nlp.learned.LearnedEntities`), every
discovered (non-catalog) name of a type CLUENER labels (Company, Agency, Person) with a
Chinese character in it and no dot between transliterated parts (those are discovery's
``·`` rule's) and not right after a country (discovery's place rules decide those) gets
P(name) from its best mention; a name below the threshold is dropped with all its mentions.
Precision first: a missing name costs less than a wrong one.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span

from newsgraph.graph.model import Label
from newsgraph.learn.linear import LinearModel
from newsgraph.loaders.nlp.extensions import doc_text, mentions, set_mentions, values_of
from newsgraph.loaders.nlp.segment import FUNCTION_TAGS, words_around
from newsgraph.loaders.nlp.wordfreqs import common_words, common_zh_words

__all__ = [
    "CHECKED_TYPES",
    "NAME_CLASSES",
    "THRESHOLD",
    "check_names",
    "checked",
    "cue_of",
    "name_features",
    "read_cluener",
    "train_name_model",
]

NAME_CLASSES = ["none", "name"]
#: the types CLUENER labels, so the types the checker rules on
CHECKED_TYPES = frozenset({Label.COMPANY.value, Label.AGENCY.value, Label.PERSON.value})
#: CLUENER's labels as our types (the type is a feature of a row)
CLUENER_TYPES = {
    "company": Label.COMPANY.value,
    "organization": Label.COMPANY.value,
    "government": Label.AGENCY.value,
    "name": Label.PERSON.value,
    "game": Label.PRODUCT.value,
    "movie": Label.PRODUCT.value,
    "book": Label.PRODUCT.value,
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: the dots between the parts of a transliterated name (阿马尔・苏布拉马尼亚): such names are
#: left to discovery's own rule (a table of the characters foreign names are spelt with)
_DOTS = re.compile("[·・•‧]")
_GLOSS = re.compile(r"[（(][^（()）]*[)）]$")  # 菲尔·布朗（philbrown）: a label's gloss is not the name
#: jieba's part-of-speech tags of words no name holds: verbs, adverbs, prepositions, pronouns,
#: conjunctions, particles, numerals, measure words, times, directions, modal words
_PROPER_TAGS = frozenset("nr nrt nrfg ns nt nz j eng".split())  # noqa: SIM905
_SHIFT_WEIGHT = 0.3  # the weight of a row made by moving a labelled span's edges
#: a name is dropped when the checker finds it junk with a probability of 0.7 or more: it
#: overrides the rules, on text of another time and trade than CLUENER's. Thresholds tuned on
#: CLUENER's held-out labels (0.55-0.75, F0.5) dropped 7 real names of 55 checked in the
#: digests (爱诗科技, 联想, 阿里巴巴通义实验室); at 0.5 new names in short sentences went
#: (星澜科技, 印尼电信: P 0.45); on the judged draws 0.3 drops as much junk as 0.5
THRESHOLD = 0.3


# -- features -----------------------------------------------------------------------------


def _char_class(ch: str) -> str:
    if not ch:
        return "^"
    if _CJK.match(ch):
        return ch
    return "0" if ch.isdigit() else "a" if ch.isalpha() else "p"


def name_features(text: str, start: int, end: int, label: str, cue: str = "") -> list[str]:
    """The features of the span ``text[start:end]`` proposed as a name of type ``label`` by
    discovery's ``cue`` (its confidence, which tells the finders apart: a list member 0.6, a
    suffix 0.7; empty for a span no finder proposed)."""
    words = common_words("zh")
    name = text[start:end]
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    out = [
        f"t={label}",
        f"cue={label}_{cue}",
        f"f1={name[:1]}",
        f"f2={name[:2]}",
        f"l1={name[-1:]}",
        f"l2={name[-2:]}",
        f"t_l1={label}_{name[-1:]}",
        f"t_l2={label}_{name[-2:]}",
        f"t_f1={label}_{name[:1]}",
        f"b1={_char_class(before)}",
        f"b2={text[max(0, start - 2) : start]}",
        f"a1={_char_class(after)}",
        f"a2={text[end : end + 2]}",
        f"bf={before}{name[:1]}",
        f"la={name[-1:]}{after}",
        f"len={min(len(name), 12)}",
    ]
    # a common word across an edge: k characters outside, j inside
    for k in (1, 2, 3):
        for j in (1, 2, 3):
            left = text[max(0, start - k) : start]
            if len(left) == k and left + name[:j] in words:
                out.append(f"wordL={k}{j}")
            right = text[end : end + k]
            if len(right) == k and j <= len(name) and name[-j:] + right in words:
                out.append(f"wordR={j}{k}")
    for k in (2, 3, 4):
        if len(name) > k and name[:k] in words:
            out.append(f"headword={k}")
        if len(name) > k and name[-k:] in words:
            out.append(f"tailword={k}")
    if name in words:
        out.append("isword")
    inner = name[:-2]
    count = sum(1 for i in range(len(inner)) for j in (2, 3) if i + j <= len(inner) and inner[i : i + j] in words)
    out += [f"inner={min(count, 4)}", f"t_inner={label}_{min(count, 4)}"]
    for cut in (2, 3):
        if len(name) - cut >= 2 and common_zh_words(name[:-cut]):
            out.append(f"headdesc={cut}")
    return out + _segment_features(text, start, end, label)


def _segment_features(text: str, start: int, end: int, label: str) -> list[str]:
    words = words_around(text, start, end)
    starts = {a for a, _b, _t in words}
    ends = {b for _a, b, _t in words}
    out = [f"sB={start in starts}", f"eB={end in ends}", f"t_seB={label}_{start in starts}{end in ends}"]
    tags = [tag for a, b, tag in words if a >= start and b <= end]
    out.append(f"nw={min(len(tags), 4)}")
    if any(tag in FUNCTION_TAGS for tag in tags):
        out.append("in_func")
    if any(tag in FUNCTION_TAGS for tag in tags[:-1]):
        out.append("in_func_head")
    out += [f"in={tag}" for tag in sorted(set(tags))]
    if tags:
        out += [f"first={tags[0]}", f"last={tags[-1]}", f"t_first={label}_{tags[0]}"]
    if any(tag in _PROPER_TAGS for tag in tags):
        out.append("proper")
    left = [tag for _a, b, tag in words if b <= start]
    right = [tag for a, _b, tag in words if a >= end]
    out += [f"pb={left[-1] if left else '^'}", f"pa={right[0] if right else '$'}"]
    return out


# -- use ----------------------------------------------------------------------------------


def checked(span: Span) -> bool:
    """Is ``span`` a mention the checker rules on (a discovered name of a checked type, in Chinese)?"""
    values = values_of(span)
    return (
        not values.known
        and values.source == "discovery"
        and span.label_ in CHECKED_TYPES
        and _CJK.search(span.text) is not None
        and _DOTS.search(span.text) is None
    )


def cue_of(span: Span) -> str:
    """The cue feature of a discovered mention: its confidence (see :func:`name_features`)."""
    return f"{span._.newsgraph_confidence:g}"


def check_names(doc: Doc, model: LinearModel, threshold: float) -> None:
    """Drop the discovered Chinese names of ``doc`` the checker finds no whole name (all the
    mentions of a name go when its best mention is below ``threshold``)."""
    spans = mentions(doc)
    # a name right after a country (柬埔寨|太子集团): the place rules of discovery decided it
    after_country = {s.end_char for s in spans if s.label_ == Label.COUNTRY.value and values_of(s).known}
    ruled = [span for span in spans if checked(span) and span.start_char not in after_country]
    if not ruled:
        return
    text = doc_text(doc)
    col = model.classes.index("name")
    probs = model.predict([name_features(text, s.start_char, s.end_char, s.label_, cue_of(s)) for s in ruled])
    best: dict[str, float] = {}
    for span, row in zip(ruled, probs, strict=True):
        key = values_of(span).key
        best[key] = max(best.get(key, 0.0), float(row[col]))
    dropped = {key for key, p in best.items() if p < threshold}
    if dropped:
        set_mentions(doc, [span for span in spans if values_of(span).key not in dropped])


# -- training -----------------------------------------------------------------------------


def read_cluener(path: Path) -> list[tuple[str, dict[tuple[int, int], str]]]:
    """CLUENER's records (concatenated JSON objects or JSON Lines) as (text, {(start, end):
    label}); end offsets made exclusive, a bracketed gloss and the 《》 of a title left out."""
    raw, decoder, space = path.read_text(encoding="utf-8"), json.JSONDecoder(), re.compile(r"\s*")
    out, pos = [], space.match(raw, 0).end()
    while pos < len(raw):
        record, pos = decoder.raw_decode(raw, pos)
        pos = space.match(raw, pos).end()
        text, spans = record["text"], {}
        for label, names in (record.get("label") or {}).items():
            for offsets in names.values():
                for start, last in offsets:
                    end = last + 1
                    gloss = _GLOSS.search(text[start:end])
                    if gloss is not None and gloss.start() >= 2:
                        end = start + gloss.start()
                    if text[start : start + 1] == "《" and text[end - 1 : end] == "》":
                        start, end = start + 1, end - 1
                    spans[start, end] = label
        out.append((text, spans))
    return out


#: text -> the names discovery proposes in it: (start, end, type, cue)
Proposer = Callable[[str], list[tuple[int, int, str, str]]]


def _shifted(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans with a labelled span's edges moved: a character or two, or up to three words."""
    words = [(a, b) for a, b, _t in words_around(text, start, end)]
    lefts = [a for a, _b in words if a < start - 3][-3:]
    rights = [b for _a, b in words if b > end + 2][:1]
    for ds, de in ((-1, 0), (-2, 0), (-3, 0), (0, 1), (0, 2), (1, 0), (2, 0), (0, -1), (0, -2), (-1, 1)):
        yield start + ds, end + de
    yield from ((a, end) for a in lefts)
    yield from ((start, b) for b in rights)


def _rows(
    records: Records, propose: Proposer, rng: random.Random | None
) -> tuple[list[list[str]], list[str], list[float]]:
    """Training rows (``rng`` given: with the labelled spans and their shifted edges) or the
    rows of the proposals alone (``rng`` None: the held-out check)."""
    rows, labels, weights = [], [], []
    for text, gold in records:
        proposed = set()
        for start, end, label, cue in propose(text):
            if label not in CHECKED_TYPES:
                continue
            proposed.add((start, end))
            rows.append(name_features(text, start, end, label, cue))
            labels.append("name" if (start, end) in gold else "none")
            weights.append(1.0)
        if rng is None:
            continue
        for (start, end), tag in sorted(gold.items()):
            label = CLUENER_TYPES.get(tag)
            if label is None or _DOTS.search(text[start:end]):
                continue
            if (start, end) not in proposed:
                rows.append(name_features(text, start, end, label))
                labels.append("name")
                weights.append(1.0)
            for s, e in _shifted(text, start, end):
                if s < 0 or e > len(text) or e - s < 2 or (s, e) in gold:
                    continue
                if not (_CJK.match(text[s]) and _CJK.match(text[e - 1])) or rng.random() >= 0.5:
                    continue
                rows.append(name_features(text, s, e, label))
                labels.append("none")
                weights.append(_SHIFT_WEIGHT)
    return rows, labels, weights


Records = Sequence[tuple[str, dict[tuple[int, int], str]]]


def train_name_model(
    train: Records, dev: Records, propose: Proposer, *, l2: float = 1.0
) -> tuple[LinearModel, float, dict[str, float]]:
    """Fit the checker on CLUENER's ``dev`` records (:func:`read_cluener`) and the
    even-numbered records of ``train``.
    Returns the model, its threshold (:data:`THRESHOLD`) and figures on the odd-numbered
    records, kept apart from fitting (precision and recall of the kept proposals against
    CLUENER's labels, before and after the check)."""
    fit_on = [*dev, *train[0::2]]
    rows, labels, weights = _rows(fit_on, propose, random.Random(0))
    model = LinearModel.fit(rows, labels, NAME_CLASSES, l2=l2, sample_weight=weights, max_iter=200)
    held_rows, held_labels, _w = _rows(train[1::2], propose, None)
    probs = [float(p) for p in model.predict(held_rows)[:, NAME_CLASSES.index("name")]]
    truth = [label == "name" for label in held_labels]
    threshold = THRESHOLD
    kept = [y for p, y in zip(probs, truth, strict=True) if p >= threshold]
    figures = {
        "proposals": len(truth),
        "precision_before": round(sum(truth) / max(1, len(truth)), 3),
        "precision_after": round(sum(kept) / max(1, len(kept)), 3),
        "recall_after": round(sum(kept) / max(1, sum(truth)), 3),
    }
    return model, threshold, figures
