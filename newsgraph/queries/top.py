"""``top [--label L] [--by degree|pagerank|mentions]``: the most central or most mentioned entities."""

from __future__ import annotations

from pydantic import BaseModel

from newsgraph.errors import UnknownNameError
from newsgraph.graph.analysis import knowledge_graph, pagerank
from newsgraph.graph.model import ENTITY_LABELS
from newsgraph.graph.schema import check_label
from newsgraph.graph.store import GraphStore
from newsgraph.queries.window import Window

__all__ = ["MEASURES", "TopRow", "top"]

MEASURES = ("degree", "pagerank", "mentions")


class TopRow(BaseModel):
    id: str
    label: str
    name: str
    value: float


def top(
    store: GraphStore, *, label: str | None = None, by: str = "degree", keep: Window | None = None, limit: int = 20
) -> list[TopRow]:
    """Entities ranked by ``by``; ``mentions`` counts the items that name them (inside the window).

    Examples
    --------
    >>> [r.name for r in top(store, by="mentions", label="Company", limit=1)]
    ['OpenAI']
    """
    labels = [check_label(label).value] if label else [lbl.value for lbl in ENTITY_LABELS]
    if by == "degree":
        rows = [
            TopRow(id=r["id"], label=r["label"], name=r["name"] or r["id"], value=r["n"])
            for r in store.run_named("degree", labels=labels)
        ]
    elif by == "mentions":
        since, until = (keep or Window()).bounds
        rows = [
            TopRow(id=r["id"], label=r["label"], name=r["name"] or r["id"], value=r["mentions"])
            for r in store.run_named("mention_counts", since=since, until=until, recent=since)
            if r["label"] in labels
        ]
    elif by == "pagerank":
        graph = knowledge_graph(store.to_networkx())
        scores = pagerank(graph)
        rows = [
            TopRow(id=n, label=graph.nodes[n]["label"], name=graph.nodes[n].get("name", n), value=round(s, 6))
            for n, s in scores.items()
            if graph.nodes[n]["label"] in labels
        ]
    else:
        raise UnknownNameError("measure", by, list(MEASURES))
    rows.sort(key=lambda r: (-r.value, r.id))
    return rows[:limit]
