"""Choose the part of the graph to export: by seed, depth, labels, relationship types and dates.

Two ways in:

- :func:`select_subgraph` filters a NetworkX graph (the form ``store.to_networkx()`` hands
  out). Filters apply first, then the expansion: labels and relationship types remove nodes
  and edges, the date window removes dated nodes and edges outside it, and only then are the
  seeds expanded ``depth`` hops, in either direction, over what is left. The result holds
  every remaining edge between the nodes reached.
- :func:`subgraph_from_cypher` runs an analyst's read-only Cypher query and builds the graph
  from the nodes, relationships and paths it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import networkx as nx

from newsgraph.errors import NewsgraphError, UnknownNameError
from newsgraph.graph.model import Label, RelType, parse_rel_type
from newsgraph.graph.nxgraph import graph_from_rows
from newsgraph.graph.store import GraphStore

__all__ = ["parse_labels", "parse_rels", "select_subgraph", "subgraph_from_cypher"]

_LABELS = {label.value.lower(): label.value for label in Label}


def parse_labels(names: Iterable[str] | None) -> set[str] | None:
    """Label names, case-insensitive, checked against the model.

    >>> sorted(parse_labels(["company", "Token"]))
    ['Company', 'Token']
    """
    if names is None:
        return None
    out = set()
    for name in names:
        key = name.strip().lower()
        if key not in _LABELS:
            raise UnknownNameError("label", name, [label.value for label in Label])
        out.add(_LABELS[key])
    return out


def parse_rels(names: Iterable[str] | None) -> set[str] | None:
    """Relationship types; ``partners-with`` and ``PARTNERS_WITH`` both work.

    >>> sorted(parse_rels(["partners-with", "HURTS"]))
    ['HURTS', 'PARTNERS_WITH']
    """
    return None if names is None else {parse_rel_type(name).value for name in names}


def _iso(value: dt.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _in_window(dates: list[str], since: str | None, until: str | None) -> bool:
    """Undated things are timeless (catalog facts such as IN_SECTOR) and always pass."""
    dates = [d[:10] for d in dates if d]
    if not dates:
        return True
    return any((since is None or d >= since) and (until is None or d <= until) for d in dates)


def _node_dates(attrs: dict) -> list[str]:
    if attrs.get("date"):
        return [attrs["date"]]
    first, last = attrs.get("first_seen"), attrs.get("last_seen")
    return [first, last] if first and last else [d for d in (first, last) if d]


def _node_in_window(attrs: dict, since: str | None, until: str | None) -> bool:
    dates = [d[:10] for d in _node_dates(attrs)]
    if len(dates) == 2 and "date" not in attrs:  # a first/last seen span: does it overlap the window?
        return (since is None or dates[1] >= since) and (until is None or dates[0] <= until)
    return _in_window(dates, since, until)


def _edge_dates(attrs: dict) -> list[str]:
    return list(attrs.get("dates") or []) or [d for d in (attrs.get("first_seen"), attrs.get("last_seen")) if d]


def select_subgraph(
    graph: nx.MultiDiGraph,
    seeds: Iterable[str] = (),
    depth: int = 1,
    labels: Iterable[str] | None = None,
    rels: Iterable[str] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
) -> nx.MultiDiGraph:
    """The part of ``graph`` around ``seeds`` that passes the filters, as a new graph.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The graph in newsgraph's NetworkX form (see :mod:`newsgraph.graph.nxgraph`).
    seeds : iterable of str
        Node ids to start from. None: every node that passes the filters (and, when ``rels``
        is given, has an edge left).
    depth : int
        Hops to expand from the seeds, following edges in either direction.
    labels : iterable of str, optional
        Keep only nodes with these labels. Seeds are always kept.
    rels : iterable of str, optional
        Keep only edges of these types (``partners-with`` or ``PARTNERS_WITH``).
    since, until : datetime.date or str, optional
        Keep edges with at least one date (``dates``, else ``first_seen``/``last_seen``) in the
        window, and nodes whose ``date`` or first-to-last-seen span meets it. Undated nodes
        and edges (catalog facts) are kept.

    Returns
    -------
    networkx.MultiDiGraph
        A copy; the selection is recorded in ``graph.graph["selection"]``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:a", label="Company", name="A")
    >>> g.add_node("company:b", label="Company", name="B")
    >>> g.add_node("sector:s", label="Sector", name="S")
    >>> g.add_edge("company:a", "company:b", key="PARTNERS_WITH", type="PARTNERS_WITH", dates=["2026-01-09"])
    'PARTNERS_WITH'
    >>> g.add_edge("company:b", "sector:s", key="IN_SECTOR", type="IN_SECTOR", dates=[])
    'IN_SECTOR'
    >>> sorted(select_subgraph(g, ["company:a"], depth=1))
    ['company:a', 'company:b']
    >>> sorted(select_subgraph(g, ["company:a"], depth=2, since="2026-02-01"))
    ['company:a']
    >>> sorted(select_subgraph(g, labels=["company"]))
    ['company:a', 'company:b']
    """
    seeds = list(dict.fromkeys(seeds))
    for seed in seeds:
        if seed not in graph:
            raise UnknownNameError("node id in the graph", seed)
    if depth < 0:
        raise NewsgraphError(f"depth must be 0 or more, not {depth}")
    label_set, rel_set = parse_labels(labels), parse_rels(rels)
    since, until = _iso(since), _iso(until)

    def node_ok(node: str, attrs: dict) -> bool:
        if node in seeds:
            return True
        if label_set is not None and attrs.get("label") not in label_set:
            return False
        return _node_in_window(attrs, since, until)

    nodes = {node for node, attrs in graph.nodes(data=True) if node_ok(node, attrs)}
    edges = [
        (u, v, k)
        for u, v, k, attrs in graph.edges(keys=True, data=True)
        if u in nodes
        and v in nodes
        and (rel_set is None or attrs.get("type", k) in rel_set)
        and _in_window(_edge_dates(attrs), since, until)
    ]
    filtered = nx.MultiDiGraph()
    filtered.add_nodes_from(nodes)
    filtered.add_edges_from(edges)
    if seeds:
        keep: set[str] = set(seeds)
        frontier = set(seeds)
        for _ in range(depth):
            frontier = {n for node in frontier for n in nx.all_neighbors(filtered, node)} - keep
            keep |= frontier
    elif rel_set is not None:
        keep = {node for node in nodes if filtered.degree(node)}
    else:
        keep = nodes
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    out.graph["selection"] = {
        "seeds": seeds,
        "depth": depth,
        "labels": sorted(label_set) if label_set else None,
        "rels": sorted(rel_set) if rel_set else None,
        "since": since,
        "until": until,
    }
    out.add_nodes_from((node, dict(graph.nodes[node])) for node in graph if node in keep)
    out.add_edges_from(
        (u, v, k, dict(graph.edges[u, v, k])) for u, v, k in filtered.edges(keys=True) if u in keep and v in keep
    )
    return out


# -- from a Cypher query -------------------------------------------------------------------
_LABEL_VALUES = {label.value for label in Label}
_REL_VALUES = {rel.value for rel in RelType}


def _node_row(value: dict) -> dict | None:
    """A node row (``id``, ``label``, properties) from a driver value, or None if not a node."""
    if "_labels" in value:  # Neo4j
        labels = [lab for lab in value["_labels"] if lab in _LABEL_VALUES] or [
            lab for lab in value["_labels"] if lab != "Entity"
        ]
        label = labels[0] if labels else None
    elif "_LABEL" in value and "_ID" in value and "_SRC" not in value:  # LadybugDB (its own label in _nlabel)
        label = value.get("_nlabel") or value["_LABEL"]
    else:
        return None
    if value.get("id") is None:
        return None
    props = {k: v for k, v in value.items() if not k.startswith("_") and v is not None}
    return {**props, "label": label}


def _internal(value: Any) -> tuple | None:
    return (value.get("table"), value.get("offset")) if isinstance(value, dict) else None


def _walk(value: Any, nodes: dict, rels: list, internal: dict) -> None:
    if isinstance(value, list):
        for item in value:
            _walk(item, nodes, rels, internal)
        return
    if not isinstance(value, dict):
        return
    if "nodes" in value and "relationships" in value:  # a Neo4j path
        _walk(value["nodes"], nodes, rels, internal)
        _walk(value["relationships"], nodes, rels, internal)
        return
    if "_NODES" in value and "_RELS" in value:  # a LadybugDB path
        _walk(value["_NODES"], nodes, rels, internal)
        _walk(value["_RELS"], nodes, rels, internal)
        return
    if "_type" in value and "_start" in value:  # a Neo4j relationship
        rels.append((value["_start"], value["_end"], value["_type"], value))
        return
    if "_SRC" in value and "_DST" in value:  # a LadybugDB relationship: endpoints by internal id
        rels.append((_internal(value["_SRC"]), _internal(value["_DST"]), value.get("_LABEL"), value))
        return
    row = _node_row(value)
    if row is not None:
        nodes.setdefault(row["id"], row)
        if "_ID" in value:
            internal[_internal(value["_ID"])] = row["id"]
        return
    for item in value.values():  # a map of nodes, e.g. RETURN {a: a, b: b}
        _walk(item, nodes, rels, internal)


def subgraph_from_cypher(store: GraphStore, query: str, params: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """Run a read-only Cypher query and build the graph from the nodes, relationships and paths it returns.

    Scalar columns are ignored. A relationship whose endpoints the query did not return gets
    them looked up by id (Neo4j); the embedded store only names endpoints by internal id, so
    there the query must return them too (``RETURN a, r, b`` or a path ``RETURN p``).

    Parameters
    ----------
    store : GraphStore
        Any newsgraph store.
    query : str
        Cypher in the store's dialect; it runs read-only.
    params : dict, optional
        Query parameters.

    Returns
    -------
    networkx.MultiDiGraph
        In newsgraph's NetworkX form, the query recorded in ``graph.graph["selection"]``.
    """
    rows = store.query(query, params or {}, write=False)
    nodes: dict[str, dict] = {}
    rels: list[tuple] = []
    internal: dict[tuple, str] = {}
    for row in rows:
        _walk(list(row.values()), nodes, rels, internal)
    if rows and not nodes and not rels:
        raise NewsgraphError(
            "the query returned no nodes, relationships or paths to export; "
            "return whole nodes or paths (RETURN n, r, m or RETURN p), not properties"
        )
    rel_rows: dict[tuple, dict] = {}
    missing: set[str] = set()
    for start, end, rel_type, value in rels:
        src = internal.get(start, start) if isinstance(start, tuple) else start
        dst = internal.get(end, end) if isinstance(end, tuple) else end
        if isinstance(src, tuple) or isinstance(dst, tuple):
            raise NewsgraphError(
                f"the query returned a {rel_type} relationship without its endpoint nodes; "
                "return them too (RETURN a, r, b) or return the path (MATCH p = ... RETURN p)"
            )
        missing |= {src, dst} - set(nodes)
        props = {k: v for k, v in value.items() if not k.startswith("_") and v is not None}
        rel_rows[(src, rel_type, dst)] = {**props, "src": src, "dst": dst, "type": rel_type}
    if missing:
        for row in store.run_named("nodes_by_id", ids=sorted(missing)):
            nodes.setdefault(row["id"], {k: v for k, v in row.items() if v is not None})
    graph = graph_from_rows(nodes.values(), rel_rows.values())
    graph.graph["selection"] = {"cypher": query, "params": params or {}}
    return graph
