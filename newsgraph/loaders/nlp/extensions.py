"""What the components leave on a ``Doc``: the ``newsgraph_*`` extensions and records.

Also the entity candidate (:class:`_Cand`) the entity components build before choosing the
non-overlapping ones for ``doc.ents`` (:func:`_set_ents`), and the accessors every component
reads through: :func:`doc_text`, :func:`masked_text`, :func:`mentions`, :func:`sentence_bounds`.
The extensions are set when this module is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span

from newsgraph.graph.model import Label, RelType


@dataclass(frozen=True, slots=True)
class RelationHit:
    type: RelType
    head: str
    tail: str
    evidence: str
    confidence: float
    start: int  # char offset of the trigger, for stable ordering


@dataclass(frozen=True, slots=True)
class ImpactHit:
    type: RelType
    target: str
    evidence: str
    confidence: float
    start: int


#: the values of an entity mention, with their defaults
_SPAN_EXTENSIONS = (
    ("newsgraph_key", ""),
    ("newsgraph_name", ""),
    ("newsgraph_known", False),
    ("newsgraph_confidence", 1.0),
    ("newsgraph_source", ""),
    ("newsgraph_weak", False),
)


def _set_extensions() -> None:
    for name, default in [
        ("newsgraph_fields", None),
        ("newsgraph_relations", None),
        ("newsgraph_impacts", None),
        ("newsgraph_event_kind", "other"),
        ("newsgraph_event_scores", None),
        ("newsgraph_aliases", None),
        ("newsgraph_sentences", None),
        ("newsgraph_rule_relations", None),
        ("newsgraph_rule_impacts", None),
    ]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_set_extensions()

#: the span group holding the entity mentions (the same spans as ``doc.ents``)
MENTIONS = "newsgraph_mentions"


@dataclass(slots=True)
class _Cand:
    """An entity candidate before it becomes a span in ``doc.ents``."""

    start: int  # char offsets
    end: int
    label: Label
    name: str
    key: str
    known: bool
    confidence: float
    source: str
    rank: int  # higher wins overlaps of equal standing
    weak: bool = False


#: spaCy keeps a span's extension values in ``doc.user_data`` under ``("._.", name,
#: start_char, end_char)``; the two helpers below read and write the six mention values there
#: directly (``span._`` builds an accessor object per access: about a tenth of extraction
#: time went to it). ``tests/test_extract.py`` checks that ``span._`` sees the same values.
_EXT = "._."


def _span_of(doc: Doc, cand: _Cand) -> Span | None:
    span = doc.char_span(cand.start, cand.end, label=cand.label.value, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    data, s, e = doc.user_data, span.start_char, span.end_char
    data[(_EXT, "newsgraph_key", s, e)] = cand.key
    data[(_EXT, "newsgraph_name", s, e)] = cand.name
    data[(_EXT, "newsgraph_known", s, e)] = cand.known
    data[(_EXT, "newsgraph_confidence", s, e)] = cand.confidence
    data[(_EXT, "newsgraph_source", s, e)] = cand.source
    data[(_EXT, "newsgraph_weak", s, e)] = cand.weak
    return span


class MentionValues(NamedTuple):
    """What ``span._`` holds for an entity mention, read in one go (:func:`values_of`)."""

    key: str
    name: str
    known: bool
    confidence: float
    source: str
    weak: bool


def values_of(span: Span) -> MentionValues:
    """The mention values of ``span`` (``span._.newsgraph_key`` and the rest), read straight
    from ``doc.user_data``: the components read them for every mention of every item."""
    data, s, e = span.doc.user_data, span.start_char, span.end_char
    return MentionValues(
        data.get((_EXT, "newsgraph_key", s, e), ""),
        data.get((_EXT, "newsgraph_name", s, e), ""),
        data.get((_EXT, "newsgraph_known", s, e), False),
        data.get((_EXT, "newsgraph_confidence", s, e), 1.0),
        data.get((_EXT, "newsgraph_source", s, e), ""),
        data.get((_EXT, "newsgraph_weak", s, e), False),
    )


def _cand_of(span: Span, rank: int) -> _Cand:
    data, s, e = span.doc.user_data, span.start_char, span.end_char
    return _Cand(
        s,
        e,
        Label(span.label_),
        data.get((_EXT, "newsgraph_name", s, e), ""),
        data.get((_EXT, "newsgraph_key", s, e), ""),
        data.get((_EXT, "newsgraph_known", s, e), False),
        data.get((_EXT, "newsgraph_confidence", s, e), 1.0),
        data.get((_EXT, "newsgraph_source", s, e), ""),
        rank,
        data.get((_EXT, "newsgraph_weak", s, e), False),
    )


def _set_ents(doc: Doc, cands: list[_Cand]) -> None:
    """Greedy non-overlapping choice: rank first, then length, then position."""
    chosen: list[_Cand] = []
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    taken = bytearray(size + 1)
    for cand in sorted(cands, key=lambda c: (-c.rank, -(c.end - c.start), c.start)):
        if any(taken[cand.start : cand.end]):
            continue
        chosen.append(cand)
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    spans = []
    used_tokens: set[int] = set()
    for cand in sorted(chosen, key=lambda c: c.start):
        span = _span_of(doc, cand)
        if span is None or any(i in used_tokens for i in range(span.start, span.end)):
            continue
        used_tokens.update(range(span.start, span.end))
        spans.append(span)
    set_mentions(doc, spans)


def set_mentions(doc: Doc, spans: list[Span]) -> None:
    """Make ``spans`` (non-overlapping, in order) the entity mentions of ``doc``: its
    ``doc.ents`` and the span group the components read (:func:`mentions`)."""
    doc.set_ents(spans, default="outside")
    doc.spans[MENTIONS] = spans


TEXT_KEY = "newsgraph_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept by the tokenizer (``doc.text`` joins every token on each call)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


_MARKUP_REGIONS = re.compile(
    r"!\[[^\]\n]*\]\([^)\s]*\)"  # images, alt text included
    r"|(?<=\])\([^)\s]*\)"  # link targets (the link text stays)
    r"|https?://[^\s)\]>\"']+"  # bare URLs
    r"|<[^<>\n]{1,200}>"  # HTML tags
)


def masked_text(doc: Doc) -> str:
    """The text with Markdown images, link targets, URLs and HTML tags blanked out (same
    length), so that ``reddit.com`` in a link or an image caption names nothing."""
    masked = doc.user_data.get("newsgraph_masked")
    if masked is None:
        text = doc_text(doc)
        masked = (
            _MARKUP_REGIONS.sub(lambda m: " " * len(m.group()), text)
            if ("](" in text or "<" in text or "://" in text)
            else text
        )
        doc.user_data["newsgraph_masked"] = masked
    return masked


def mentions(doc: Doc) -> list[Span]:
    """The entity mentions, in order: the span group the components keep (reading it does
    not walk every token as ``doc.ents`` does), else ``doc.ents`` (a ``Doc`` built by hand)."""
    if MENTIONS in doc.spans:
        return list(doc.spans[MENTIONS])
    return list(doc.ents)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence; the whole text when none are set."""
    bounds = doc._.newsgraph_sentences
    if bounds is not None:
        return bounds
    if doc.has_annotation("SENT_START"):
        return [(sent.start_char, sent.end_char) for sent in doc.sents]
    return [(0, len(doc_text(doc)))] if len(doc) else []
