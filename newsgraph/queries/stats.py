"""``stats``: node counts per label and relationship counts per type.

Only counts: two identical ingests print identical stats, on either store.
"""

from __future__ import annotations

from newsgraph.graph.store import GraphStore

__all__ = ["stats"]


def stats(store: GraphStore) -> dict:
    """Counts per label and per relationship type, plus totals.

    Examples
    --------
    >>> counts = stats(store)
    >>> counts["labels"]["Item"], counts["nodes"] == sum(counts["labels"].values())
    (8, True)
    """
    counts = store.counts()
    return {
        "labels": counts["labels"],
        "relationships": counts["relationships"],
        "nodes": sum(counts["labels"].values()),
        "relationship_count": sum(counts["relationships"].values()),
    }
