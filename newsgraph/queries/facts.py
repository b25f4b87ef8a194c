"""The facts that join one entity to others: ``partners``, ``releases``, ``investors``, and the
engine behind ``regulators``.

One row per related entity and relationship, with the count of items that asserted it,
first and last dates, the confidence, and the newest evidence sentence with its item.
"""

from __future__ import annotations

from pydantic import BaseModel

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import UNDIRECTED, RelType
from newsgraph.graph.store import GraphStore
from newsgraph.queries.names import resolve_name
from newsgraph.queries.window import Window, best_evidence

__all__ = ["FactRow", "FactsResult", "facts_about", "facts_for_ids", "investors", "partners", "releases"]


class FactRow(BaseModel):
    id: str
    label: str
    name: str
    type: str
    direction: str  # "out": entity -> other; "in": other -> entity; "both" for undirected types
    about: str  # the id of the queried node this fact touches
    count: int
    first_seen: str | None
    last_seen: str | None
    confidence: float
    evidence: str | None
    item_id: str | None


class FactsResult(BaseModel):
    target: dict
    rows: list[FactRow]


def facts_for_ids(
    store: GraphStore, ids: list[str], types: list[RelType], direction: str, keep: Window | None = None
) -> list[FactRow]:
    """Facts of ``types`` touching ``ids``: ``direction`` is ``out``, ``in`` or ``both``."""
    names = [t.value for t in types]
    edges = []
    if direction in ("in", "both"):
        edges += [(e, "in") for e in store.run_named("edges_in", ids=ids, types=names)]
    if direction in ("out", "both"):
        edges += [(e, "out") for e in store.run_named("edges_out", ids=ids, types=names)]
    rows = []
    for edge, way in edges:
        dates = [d for d in edge.get("dates") or [] if keep is None or keep.keeps(d)]
        if keep is not None and edge.get("dates") and not dates:
            continue
        sentence, item, _ = best_evidence(edge, keep)
        rows.append(
            FactRow(
                id=edge["id"],
                label=edge["label"],
                name=edge["name"] or edge["id"],
                type=edge["type"],
                direction="both" if RelType(edge["type"]) in UNDIRECTED else way,
                about=edge["target"],
                count=len(dates) if keep is not None and dates else edge["count"] or 0,
                first_seen=min(dates) if dates and dates[0] else edge["first_seen"],
                last_seen=max(dates) if dates and dates[0] else edge["last_seen"],
                confidence=round(edge["confidence"] or 0.0, 6),
                evidence=sentence,
                item_id=item,
            )
        )
    rows.sort(key=lambda r: (-r.count, -(r.confidence), r.id, r.type))
    return rows


def facts_about(
    store: GraphStore,
    name: str,
    types: list[RelType],
    direction: str,
    *,
    keep: Window | None = None,
    limit: int = 50,
    catalog: Catalog | None = None,
) -> FactsResult:
    target = resolve_name(store, name, catalog=catalog)
    return FactsResult(target=target, rows=facts_for_ids(store, [target["id"]], types, direction, keep)[:limit])


def partners(store: GraphStore, entity: str, **options) -> FactsResult:
    """``partners ENTITY``: who it partners with, and competes with (undirected facts).

    Examples
    --------
    >>> sorted({(r.name, r.type) for r in partners(store, "OpenAI").rows})
    [('Google DeepMind', 'COMPETES_WITH'), ('Google DeepMind', 'PARTNERS_WITH')]
    """
    return facts_about(store, entity, [RelType.PARTNERS_WITH, RelType.COMPETES_WITH], "both", **options)


def releases(store: GraphStore, entity: str, **options) -> FactsResult:
    """``releases ENTITY``: the models, products and tokens it released.

    Examples
    --------
    >>> [r.name for r in releases(store, "Anthropic").rows]
    ['Claude Opus 4.5']
    """
    return facts_about(store, entity, [RelType.RELEASED], "out", **options)


def investors(store: GraphStore, entity: str, **options) -> FactsResult:
    """``investors ENTITY``: who invested in it, or acquired it."""
    return facts_about(store, entity, [RelType.INVESTS_IN, RelType.ACQUIRES], "in", **options)
