"""``regulators TARGET``: who rules on a sector or entity, its sub-sectors and its members.

The scope is the target, every sector below it, and the entities IN_SECTOR of those; the
rows are the REGULATES facts arriving anywhere in that scope, each naming what it touches.
"""

from __future__ import annotations

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import RelType
from newsgraph.graph.store import GraphStore
from newsgraph.queries.facts import FactsResult, facts_for_ids
from newsgraph.queries.names import resolve_name, sector_scope
from newsgraph.queries.window import Window

__all__ = ["regulators"]


def regulators(
    store: GraphStore, target: str, *, keep: Window | None = None, limit: int = 50, catalog: Catalog | None = None
) -> FactsResult:
    """REGULATES facts into the target's scope, most-asserted first."""
    root = resolve_name(store, target, catalog=catalog)
    rows = facts_for_ids(store, sector_scope(store, root), [RelType.REGULATES], "in", keep)
    return FactsResult(target=root, rows=rows[:limit])
