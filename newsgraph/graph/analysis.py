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

__all__ = [
    "analyze",
    "betweenness",
    "communities",
    "community_report",
    "degree",
    "impact",
    "knowledge_graph",
    "pagerank",
]

SIGNS = {"BENEFITS": 1.0, "HURTS": -1.0}


def knowledge_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without ``Item`` nodes (and so without MENTIONS/REPORTS)."""
    keep = [n for n, data in graph.nodes(data=True) if data.get("label") != "Item"]
    return graph.subgraph(keep).copy()


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph; edge weight = number of items asserting the facts. Nodes and
    edges are added in sorted order, so that seeded algorithms (Louvain) give the same
    answer whatever order the store returned the graph in."""
    weights: dict[tuple[str, str], float] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if u < v else (v, u)
        weights[pair] = weights.get(pair, 0.0) + float(data.get("count") or 1)
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
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
    """Louvain communities (seeded: the same graph gives the same communities), numbered
    from 0 by decreasing size; a node with no relationship is its own community, numbered
    after all the others."""
    simple = _simple(graph)
    alone = sorted(n for n in simple.nodes if simple.degree(n) == 0)
    simple.remove_nodes_from(alone)
    groups = nx.community.louvain_communities(simple, weight="weight", seed=seed) if simple.number_of_nodes() else []
    groups = sorted(groups, key=lambda g: (-len(g), min(g))) + [{n} for n in alone]
    return {node: index for index, group in enumerate(groups) for node in group}


def community_report(
    graph: nx.MultiDiGraph, scores: dict[str, dict], *, members: int = 12, label_names: int = 3
) -> dict:
    """Communities a person can read: each with its size, a label made of its most central
    names (by PageRank), and its members, most central first; single nodes summarised by
    label instead of listed one by one."""
    groups: dict[int, list[str]] = {}
    for node, values in scores.items():
        groups.setdefault(values["community"], []).append(node)
    listed, singletons = [], {}
    for number, nodes in sorted(groups.items()):
        nodes.sort(key=lambda n: (-(scores[n]["pagerank"] or 0.0), n))
        if len(nodes) == 1:
            label = graph.nodes[nodes[0]].get("label", "?")
            singletons[label] = singletons.get(label, 0) + 1
            continue
        names = [str(graph.nodes[n].get("name") or n) for n in nodes]
        listed.append(
            {
                "community": number,
                "size": len(nodes),
                "label": " / ".join(names[:label_names]),
                "members": [{"id": n, "name": name} for n, name in zip(nodes[:members], names, strict=False)],
            }
        )
    return {
        "communities": listed,
        "singletons": {"count": sum(singletons.values()), "by_label": dict(sorted(singletons.items()))},
    }


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
