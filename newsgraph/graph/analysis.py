"""Graph analysis with NetworkX: centrality, communities, bridges and impact propagation.

Every function takes the graph a store hands out (:meth:`GraphStore.to_networkx`), usually
reduced to its knowledge part with :func:`knowledge_graph` (no ``Item`` provenance nodes).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="Company"); g.add_node("b", label="Company"); g.add_node("i", label="Item")
>>> g.add_edge("a", "b", key="PARTNERS_WITH"); g.add_edge("i", "a", key="MENTIONS")
'PARTNERS_WITH'
'MENTIONS'
>>> sorted(knowledge_graph(g).nodes)
['a', 'b']
>>> round(sum(pagerank(knowledge_graph(g)).values()), 6)
1.0
"""

from __future__ import annotations

import networkx as nx

__all__ = ["analyze", "betweenness", "communities", "degree", "impact", "knowledge_graph", "pagerank"]

SIGNS = {"BENEFITS": 1.0, "HURTS": -1.0}


def knowledge_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without ``Item`` nodes (and so without MENTIONS/REPORTS)."""
    keep = [n for n, data in graph.nodes(data=True) if data.get("label") != "Item"]
    return graph.subgraph(keep).copy()


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph; edge weight = number of items asserting the facts."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        weight = float(data.get("count") or 1)
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank over the undirected, count-weighted graph (influence flows both ways in news)."""
    simple = _simple(graph)
    return nx.pagerank(simple, weight="weight") if simple.number_of_nodes() else {}


def degree(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality of the simple undirected graph."""
    return nx.degree_centrality(_simple(graph))


def betweenness(graph: nx.MultiDiGraph, *, k: int | None = None, seed: int = 7) -> dict[str, float]:
    """Betweenness centrality (bridges between clusters); ``k`` samples for large graphs."""
    simple = _simple(graph)
    if k is not None and k >= simple.number_of_nodes():
        k = None
    return nx.betweenness_centrality(simple, k=k, seed=seed)


def communities(graph: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, int]:
    """Louvain communities, numbered from 0 by decreasing size."""
    groups = nx.community.louvain_communities(_simple(graph), weight="weight", seed=seed)
    groups = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: index for index, group in enumerate(groups) for node in group}


def impact(graph: nx.MultiDiGraph, target: str, *, depth: int = 3, decay: float = 0.5) -> dict[str, float]:
    """Signed impact on ``target``: BENEFITS +, HURTS -, other links carry influence.

    A node's value sums, over the edges that reach it from a node nearer the target,
    ``parent value x sign x confidence x decay ** hop``; each node is reached once.
    """
    value = {target: 1.0}
    frontier = [target]
    for hop in range(depth):
        found: dict[str, float] = {}
        for node in frontier:
            for source, _, key, data in graph.in_edges(node, keys=True, data=True):
                if source in value:
                    continue
                sign = SIGNS.get(key, 1.0)
                found[source] = found.get(source, 0.0) + value[node] * sign * data.get("confidence", 1.0) * decay**hop
        value.update(found)
        frontier = sorted(found)
    value.pop(target)
    return value


def analyze(graph: nx.MultiDiGraph, *, betweenness_k: int | None = 500) -> dict[str, dict]:
    """Every score for every node of the knowledge graph: pagerank, degree, betweenness, community."""
    kg = knowledge_graph(graph)
    scores = {
        "pagerank": pagerank(kg),
        "degree": degree(kg),
        "betweenness": betweenness(kg, k=betweenness_k),
        "community": communities(kg) if kg.number_of_nodes() else {},
    }
    return {node: {name: table.get(node) for name, table in scores.items()} for node in kg.nodes}
