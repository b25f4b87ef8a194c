"""The graph schema both stores share: properties per label, endpoints per relationship type.

Labels and relationship types are validated here before any store splices them into a
query (Cypher cannot take them as parameters).
"""

from __future__ import annotations

from newsgraph.errors import UnknownNameError
from newsgraph.graph.model import ENTITY_LABELS, FACT_TYPES, Label, RelType

__all__ = [
    "ANSWER_PROPERTIES",
    "BOOKKEEPING",
    "ENTITY_PROPERTIES",
    "EVENT_PROPERTIES",
    "ITEM_PROPERTIES",
    "NODE_PROPERTIES",
    "REL_ENDPOINTS",
    "REL_PROPERTIES",
    "SCORE_PROPERTIES",
    "WRITE_GENERATION_PROPERTIES",
    "check_bookkeeping",
    "check_label",
    "check_rel_type",
]

# Property name -> LadybugDB column type. Dates are ISO strings ('2026-01-09') in both
# stores: they sort and compare correctly and read the same from every backend.
SCORE_PROPERTIES = {"pagerank": "DOUBLE", "degree": "DOUBLE", "betweenness": "DOUBLE", "community": "INT64"}
ENTITY_PROPERTIES = {
    "id": "STRING",
    "name": "STRING",
    "aliases": "STRING[]",
    "first_seen": "STRING",
    "last_seen": "STRING",
    **SCORE_PROPERTIES,
}
EVENT_PROPERTIES = {
    "id": "STRING",
    "title": "STRING",
    "date": "STRING",
    "kind": "STRING",
    "summary": "STRING",
    "reports": "INT64",
    "first_seen": "STRING",
    "last_seen": "STRING",
    **SCORE_PROPERTIES,
}
ITEM_PROPERTIES = {
    "id": "STRING",
    "source": "STRING",
    "location": "STRING",
    "title": "STRING",
    "url": "STRING",
    "urls": "STRING[]",
    "date": "STRING",
    "lang": "STRING",
    "kind": "STRING",
    "text": "STRING",
    "content_hash": "STRING",
    "ingested_at": "STRING",
}
#: A recorded merge (:mod:`newsgraph.graph.merge`): not a graph label, a node of its own table.
MERGE_DECISION_PROPERTIES = {
    "id": "STRING",
    "from_id": "STRING",
    "into_id": "STRING",
    "label": "STRING",
    "decided_at": "STRING",
    "snapshot": "STRING",
}
#: The graph's write generation (:mod:`newsgraph.queries.affects_cache`): one node, ``id`` 'graph',
#: whose ``generation`` every library write adds one to in its own transaction; ``epoch`` is
#: drawn when the node is made, so a graph cleared by hand and rebuilt never repeats a value.
WRITE_GENERATION_PROPERTIES = {"id": "STRING", "epoch": "STRING", "generation": "INT64"}
#: A materialised ``affects`` answer (Neo4j keeps them in the graph; the embedded store in a
#: file beside it): the key of its question, the write state it was computed at, its JSON.
ANSWER_PROPERTIES = {"id": "STRING", "state": "STRING", "answer": "STRING", "stored_at": "STRING"}
#: Bookkeeping labels: nodes of their own that are not news. Never an entity, never counted by
#: ``stats``, exported, ranked or listed by ``schema``; the write state does not count them.
BOOKKEEPING: dict[str, dict[str, str]] = {
    "WriteGeneration": WRITE_GENERATION_PROPERTIES,
    "AffectsAnswer": ANSWER_PROPERTIES,
}

NODE_PROPERTIES: dict[Label, dict[str, str]] = {
    **{label: ENTITY_PROPERTIES for label in ENTITY_LABELS},
    Label.EVENT: EVENT_PROPERTIES,
    Label.ITEM: ITEM_PROPERTIES,
}

# Every relationship accumulates the items that asserted it (see DESIGN.md, "Facts accumulate").
REL_PROPERTIES = {
    "count": "INT64",
    "first_seen": "STRING",
    "last_seen": "STRING",
    "confidence": "DOUBLE",
    "item_ids": "STRING[]",
    "dates": "STRING[]",
    "evidence": "STRING[]",
    "role": "STRING",
}

_ENTITIES = list(ENTITY_LABELS)
_NON_SECTOR = [label for label in ENTITY_LABELS if label is not Label.SECTOR]


def _pairs(sources: list[Label], targets: list[Label]) -> list[tuple[Label, Label]]:
    return [(s, t) for s in sources for t in targets]


REL_ENDPOINTS: dict[RelType, list[tuple[Label, Label]]] = {
    **{rel: _pairs(_ENTITIES, _ENTITIES) for rel in FACT_TYPES},
    RelType.BENEFITS: _pairs([Label.EVENT, *_ENTITIES], _ENTITIES),
    RelType.HURTS: _pairs([Label.EVENT, *_ENTITIES], _ENTITIES),
    RelType.IN_SECTOR: _pairs(_NON_SECTOR, [Label.SECTOR]),
    RelType.SUBSECTOR_OF: [(Label.SECTOR, Label.SECTOR)],
    RelType.INVOLVES: _pairs([Label.EVENT], _ENTITIES),
    RelType.REPORTS: [(Label.ITEM, Label.EVENT)],
    RelType.MENTIONS: _pairs([Label.ITEM], _ENTITIES),
}
# REGULATES also comes from events (a regulation event regulates a sector).
REL_ENDPOINTS[RelType.REGULATES] = _pairs([Label.EVENT, *_ENTITIES], _ENTITIES)


def check_label(label: str) -> Label:
    """Return the :class:`Label` or raise naming the valid ones."""
    try:
        return Label(label)
    except ValueError:
        raise UnknownNameError("label", label, [lbl.value for lbl in Label]) from None


def check_rel_type(rel_type: str, source: str | None = None, target: str | None = None) -> RelType:
    """Return the :class:`RelType`; with endpoints, also check the schema allows them."""
    try:
        rel = RelType(rel_type)
    except ValueError:
        raise UnknownNameError("relationship type", rel_type, [r.value for r in RelType]) from None
    if source is not None and target is not None and (Label(source), Label(target)) not in REL_ENDPOINTS[rel]:
        raise UnknownNameError(f"{rel.value} endpoint pair", f"{source}->{target}")
    return rel


def check_bookkeeping(label: str) -> str:
    """Return a bookkeeping label (:data:`BOOKKEEPING`) or raise naming the valid ones."""
    if label not in BOOKKEEPING:
        raise UnknownNameError("bookkeeping label", label, sorted(BOOKKEEPING))
    return label
