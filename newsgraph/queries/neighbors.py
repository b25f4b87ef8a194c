"""``neighbors ENTITY --depth N`` and ``path A B``: walking the graph between entities.

Both walk relationships in either direction by bounded breadth-first expansion, one store
query per hop, skipping ``Item`` nodes (provenance, not knowledge); ties break on ids so
both stores give the same answer.
"""

from __future__ import annotations

from pydantic import BaseModel

from newsgraph.errors import NewsgraphError
from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Label, RelType
from newsgraph.graph.store import GraphStore
from newsgraph.queries.names import resolve_name
from newsgraph.queries.window import Window

__all__ = ["NeighborRow", "PathResult", "neighbors", "path"]

WALK_TYPES = [t.value for t in RelType if t not in (RelType.MENTIONS, RelType.REPORTS)]


class NeighborRow(BaseModel):
    id: str
    label: str
    name: str
    hops: int
    via: str  # the relationship type that first reached it
    from_id: str
    count: int


class PathResult(BaseModel):
    source: dict
    target: dict
    nodes: list[dict]
    relationships: list[str]


def _step(store: GraphStore, ids: list[str], keep: Window) -> list[tuple[dict, str]]:
    """Every edge touching ``ids`` (either direction) that has evidence inside the window."""
    edges = [(e, "in") for e in store.run_named("edges_in", ids=ids, types=WALK_TYPES)]
    edges += [(e, "out") for e in store.run_named("edges_out", ids=ids, types=WALK_TYPES)]
    kept = [
        (e, way)
        for e, way in edges
        if e["label"] != Label.ITEM.value and any(keep.keeps(d) for d in (e["dates"] or [""]))
    ]
    return sorted(kept, key=lambda pair: (pair[0]["target"], pair[0]["type"], pair[0]["id"]))


def neighbors(
    store: GraphStore,
    entity: str,
    *,
    depth: int = 1,
    keep: Window | None = None,
    limit: int = 100,
    catalog: Catalog | None = None,
) -> list[NeighborRow]:
    """Nodes within ``depth`` hops, nearest first, then by how often the link was asserted.

    Examples
    --------
    >>> {r.name for r in neighbors(store, "Genesis Mission")} >= {"OpenAI", "Google DeepMind"}
    True
    """
    keep = keep or Window()
    root = resolve_name(store, entity, catalog=catalog)
    seen = {root["id"]}
    frontier, rows = [root["id"]], []
    for hop in range(1, depth + 1):
        found: dict[str, NeighborRow] = {}
        for edge, _ in _step(store, frontier, keep):
            if edge["id"] in seen:
                continue
            row = found.get(edge["id"])
            if row is None:
                found[edge["id"]] = NeighborRow(
                    id=edge["id"],
                    label=edge["label"],
                    name=edge["name"] or edge["id"],
                    hops=hop,
                    via=edge["type"],
                    from_id=edge["target"],
                    count=edge["count"] or 0,
                )
            else:
                row.count += edge["count"] or 0
        seen.update(found)
        rows.extend(sorted(found.values(), key=lambda r: (-r.count, r.id)))
        frontier = sorted(found)
        if not frontier:
            break
    return rows[:limit]


def path(
    store: GraphStore,
    source: str,
    target: str,
    *,
    max_hops: int = 6,
    keep: Window | None = None,
    catalog: Catalog | None = None,
) -> PathResult:
    """A shortest path between two nodes, ignoring direction. Raises if none within ``max_hops``.

    Examples
    --------
    >>> found = path(store, "Render", "OpenAI")
    >>> found.nodes[0]["name"], found.nodes[-1]["name"], len(found.relationships) <= 3
    ('Render', 'OpenAI', True)
    """
    keep = keep or Window()
    start = resolve_name(store, source, catalog=catalog)
    goal = resolve_name(store, target, catalog=catalog)
    parents: dict[str, tuple[str, str, dict] | None] = {start["id"]: None}
    frontier = [start["id"]]
    for _ in range(max_hops):
        if goal["id"] in parents or not frontier:
            break
        nxt = []
        for edge, way in _step(store, frontier, keep):
            if edge["id"] not in parents:
                parents[edge["id"]] = (
                    edge["target"],
                    f"-{edge['type']}->" if way == "out" else f"<-{edge['type']}-",
                    {"id": edge["id"], "label": edge["label"], "name": edge["name"]},
                )
                nxt.append(edge["id"])
        frontier = sorted(nxt)
    if goal["id"] not in parents:
        raise NewsgraphError(f"no path between {start['id']} and {goal['id']} within {max_hops} hops")
    nodes, rels, current = [], [], goal["id"]
    while parents[current] is not None:
        previous, arrow, node = parents[current]
        nodes.append(node)
        rels.append(arrow)
        current = previous
    nodes.append({"id": start["id"], "label": start["label"], "name": start["name"]})
    return PathResult(source=start, target=goal, nodes=nodes[::-1], relationships=rels[::-1])
