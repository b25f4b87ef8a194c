"""The NetworkX form of the graph, the same whichever store it came from.

A :class:`networkx.MultiDiGraph` whose nodes are ids with attributes ``label``, ``name``
and the node's other properties (lists stay lists), and whose edges are keyed by the
relationship type with attributes ``type``, ``count``, ``first_seen``, ``last_seen``,
``confidence``, ``item_ids``, ``dates``, ``evidence`` and ``role``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

__all__ = ["graph_from_rows"]


def graph_from_rows(nodes: Iterable[dict], rels: Iterable[dict]) -> nx.MultiDiGraph:
    """Build the graph from node rows (``id``, ``label``, properties) and relationship rows.

    Examples
    --------
    >>> g = graph_from_rows(
    ...     [{"id": "company:openai", "label": "Company", "name": "OpenAI"},
    ...      {"id": "sector:compute", "label": "Sector", "name": "compute"}],
    ...     [{"src": "company:openai", "dst": "sector:compute", "type": "IN_SECTOR", "count": 1}],
    ... )
    >>> g.nodes["company:openai"]["label"], list(g.edges(keys=True))
    ('Company', [('company:openai', 'sector:compute', 'IN_SECTOR')])
    """
    graph = nx.MultiDiGraph()
    for row in nodes:
        attrs = {k: v for k, v in row.items() if k != "id" and v is not None}
        attrs.setdefault("name", attrs.get("title", row["id"]))
        graph.add_node(row["id"], **attrs)
    for row in rels:
        attrs = {k: v for k, v in row.items() if k not in ("src", "dst") and v is not None}
        graph.add_edge(row["src"], row["dst"], key=row["type"], **attrs)
    return graph
