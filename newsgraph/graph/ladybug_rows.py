"""The embedded store's rows in the Neo4j store's plain form, so a row prints the same from both:
nodes as ``{"_labels": [...], ...properties}``, relationships as ``{"_type", "_start", "_end",
...}``, paths as ``{"nodes", "relationships"}``, dates as ISO text; no internal ``_ID`` or
``_LABEL``, no unset (null) properties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from newsgraph.graph.ladybug_cypher import LABEL_COLUMN
from newsgraph.graph.ladybug_dialect import ENTITY
from newsgraph.graph.ladybug_dialect import ENTITY_LABEL_NAMES as _ENTITY_LABELS

__all__ = ["plain_rows"]


def _is_node(value: dict) -> bool:
    return "_ID" in value and "_LABEL" in value and "_SRC" not in value


def _is_rel(value: dict) -> bool:
    return "_SRC" in value and "_DST" in value


def _key(internal: Any) -> tuple:
    return (internal["table"], internal["offset"]) if isinstance(internal, dict) else tuple(internal)


def _collect(value: Any, nodes: dict, wanted: set) -> None:
    if isinstance(value, list):
        for item in value:
            _collect(item, nodes, wanted)
    elif isinstance(value, dict):
        if _is_node(value):
            nodes[_key(value["_ID"])] = value.get("id")
        elif _is_rel(value):
            wanted.update({_key(value["_SRC"]), _key(value["_DST"])})
        for item in value.values():
            _collect(item, nodes, wanted)


def _plain(value: Any, ids: dict) -> Any:
    if isinstance(value, list):
        return [_plain(v, ids) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()  # as the Neo4j store gives temporal values
    if isinstance(value, dt.timedelta):
        return str(value)
    if not isinstance(value, dict):
        return value
    props = {k: _plain(v, ids) for k, v in value.items() if not k.startswith("_") and v is not None}
    if "_NODES" in value and "_RELS" in value:
        return {"nodes": _plain(value["_NODES"], ids), "relationships": _plain(value["_RELS"], ids)}
    if _is_rel(value):
        return {
            "_type": value["_LABEL"],
            "_start": ids.get(_key(value["_SRC"])),
            "_end": ids.get(_key(value["_DST"])),
            **props,
        }
    if _is_node(value):
        label = value.get(LABEL_COLUMN) or value["_LABEL"]  # the entity table's nodes: their own label
        return {"_labels": sorted([label, ENTITY] if label in _ENTITY_LABELS else [label]), **props}
    return {k: _plain(v, ids) for k, v in value.items()}


def plain_rows(rows: list[dict], lookup: Callable[[dict[int, list[int]]], dict[tuple, str]]) -> list[dict]:
    """Rows with nodes, relationships and paths in the Neo4j store's plain form.

    ``lookup({table: [offsets]})`` gives the ``id`` property of nodes the rows name only by
    internal id (a relationship's endpoints), as ``{(table, offset): id}``.
    """
    nodes: dict[tuple, str] = {}
    wanted: set[tuple] = set()
    _collect(rows, nodes, wanted)
    missing: dict[int, list[int]] = {}
    for table, offset in sorted(wanted - set(nodes)):
        missing.setdefault(table, []).append(offset)
    if missing:
        nodes.update(lookup(missing))
    return [{k: _plain(v, nodes) for k, v in row.items()} for row in rows]
