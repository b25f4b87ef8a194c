"""The graph's schema as data: labels, relationship types, their properties and endpoints.

What ``newsgraph schema`` prints, so that nobody guesses the schema when writing Cypher. It is
the same for both stores (:mod:`newsgraph.graph.schema` defines it); in Neo4j every entity
node also carries the ``Entity`` label, and the embedded store's Cypher accepts ``:Entity`` too.
"""

from __future__ import annotations

from newsgraph.graph.model import ENTITY_LABELS
from newsgraph.graph.schema import MERGE_DECISION_PROPERTIES, NODE_PROPERTIES, REL_ENDPOINTS, REL_PROPERTIES

__all__ = ["describe_schema"]

_TYPES = {"STRING": "string", "STRING[]": "list of string", "INT64": "integer", "DOUBLE": "float"}


def _props(columns: dict[str, str]) -> dict[str, str]:
    return {name: _TYPES.get(kind, kind.lower()) for name, kind in columns.items()}


def describe_schema() -> dict:
    """``{"labels": {label: {...}}, "relationships": {type: {...}}}``.

    >>> schema = describe_schema()
    >>> schema["labels"]["Company"]["also"], schema["relationships"]["REPORTS"]["from"]
    (['Entity'], ['Item'])
    """
    entity = {label.value for label in ENTITY_LABELS}
    labels = {
        label.value: {"also": ["Entity"] if label.value in entity else [], "properties": _props(columns)}
        for label, columns in NODE_PROPERTIES.items()
    }
    labels["MergeDecision"] = {"also": [], "properties": _props(MERGE_DECISION_PROPERTIES)}
    relationships = {}
    for rel, pairs in REL_ENDPOINTS.items():
        sources = sorted({a.value for a, _ in pairs})
        targets = sorted({b.value for _, b in pairs})
        relationships[rel.value] = {
            "from": ["Entity"] if set(sources) == entity else sources,
            "to": ["Entity"] if set(targets) == entity else targets,
            "properties": _props(REL_PROPERTIES),
        }
    return {"labels": labels, "relationships": relationships}
