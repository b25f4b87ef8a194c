"""The one place where non-scalar attributes are encoded for formats that cannot hold lists.

GraphML, GEXF and CSV cells hold scalars only (networkx/networkx#5024: GraphML rejects list
values), while newsgraph's nodes and edges carry lists: ``aliases``, ``urls``, ``item_ids``,
``dates``, ``evidence``. Every format that needs scalars calls :func:`flatten_graph` before
writing and :func:`unflatten_graph` after reading, so a round trip gives back the same graph.

The rule (``format_version`` 1)
-------------------------------
- ``None`` is dropped (the attribute is absent).
- ``bool``, ``int``, ``float`` and ``str`` are kept as they are.
- ``datetime.date`` / ``datetime.datetime`` become ISO 8601 strings.
- ``list``, ``tuple``, ``set`` (sorted) and ``dict`` become JSON text: UTF-8, no ASCII
  escaping, compact separators, e.g. ``["DeepMind","谷歌DeepMind"]``.
- The decision is made per attribute name and element class (graph, node, edge): if any
  node's ``aliases`` is a list, *every* node's ``aliases`` is JSON-encoded (a plain string
  ``x`` becomes ``"x"``), so decoding never has to guess whether a string was a list.
- The encoded names are recorded as JSON in the graph attribute ``newsgraph_json``
  (``{"graph": [...], "node": [...], "edge": [...]}``); formats without graph attributes
  keep that record in their own metadata (GEXF: ``<meta><description>``). Decoding
  ``json.loads`` exactly those attributes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from importlib import metadata
from typing import Any

import networkx as nx

__all__ = [
    "FORMAT_VERSION",
    "GENERATOR",
    "JSON_ATTR",
    "check_counts",
    "decode_value",
    "edge_ids",
    "encode_value",
    "flatten_graph",
    "generator",
    "json_keys",
    "scalar",
    "stamp",
    "unflatten_graph",
]

#: Version of newsgraph's export conventions (this rule, attribute names); stamped in every file.
FORMAT_VERSION = 1
#: The graph attribute that lists the JSON-encoded attribute names.
JSON_ATTR = "newsgraph_json"
GENERATOR = "newsgraph"


def generator() -> str:
    """``newsgraph <version>``, for the files' creator fields."""
    try:
        return f"{GENERATOR} {metadata.version('newsgraph')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return GENERATOR


def scalar(value: Any) -> bool:
    """Whether a value fits a scalar cell as it is.

    >>> scalar("x"), scalar(1.5), scalar(["x"]), scalar(None)
    (True, True, False, False)
    """
    return isinstance(value, str | int | float | bool)


def encode_value(value: Any) -> Any:
    """A JSON text for a non-scalar value; dates become ISO strings; scalars pass through.

    >>> encode_value(["DeepMind", "谷歌"])
    '["DeepMind","谷歌"]'
    >>> encode_value({"b", "a"}), encode_value(dt.date(2026, 1, 9)), encode_value(3)
    ('["a","b"]', '2026-01-09', 3)
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        value = sorted(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return value


def decode_value(text: Any) -> Any:
    """The inverse of :func:`encode_value` for an attribute recorded as JSON.

    >>> decode_value('["a","b"]')
    ['a', 'b']
    """
    return json.loads(text) if isinstance(text, str) else text


def _keys_to_encode(dicts: Iterable[dict]) -> set[str]:
    keys: set[str] = set()
    for attrs in dicts:
        keys.update(k for k, v in attrs.items() if v is not None and not scalar(v) and not isinstance(v, dt.date))
    return keys


def _encode(attrs: dict, keys: set[str]) -> dict:
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if key in keys:
            out[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
        else:
            out[key] = encode_value(value)
    return out


def flatten_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose attributes are all scalars, by the rule above.

    The copy records what it encoded in ``graph.graph["newsgraph_json"]``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI", aliases=["开放人工智能"])
    >>> g.add_node("sector:compute", label="Sector", name="compute", aliases="算力")
    >>> flat = flatten_graph(g)
    >>> flat.nodes["company:openai"]["aliases"], flat.nodes["sector:compute"]["aliases"]
    ('["开放人工智能"]', '"算力"')
    >>> flat.graph["newsgraph_json"]
    '{"graph":[],"node":["aliases"],"edge":[]}'
    """
    node_keys = _keys_to_encode(attrs for _, attrs in graph.nodes(data=True))
    edge_keys = _keys_to_encode(attrs for *_, attrs in graph.edges(keys=True, data=True))
    graph_attrs = {k: v for k, v in graph.graph.items() if k != JSON_ATTR}
    graph_keys = _keys_to_encode([graph_attrs])
    flat = nx.MultiDiGraph()
    flat.graph.update(_encode(graph_attrs, graph_keys))
    flat.graph[JSON_ATTR] = json.dumps(
        {"graph": sorted(graph_keys), "node": sorted(node_keys), "edge": sorted(edge_keys)}, separators=(",", ":")
    )
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **_encode(attrs, node_keys))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **_encode(attrs, edge_keys))
    return flat


def json_keys(record: str | dict | None) -> dict[str, set[str]]:
    """The encoded attribute names per element class, from the ``newsgraph_json`` record.

    >>> sorted(json_keys('{"node":["aliases"],"edge":[]}')["node"])
    ['aliases']
    """
    if not record:
        return {"graph": set(), "node": set(), "edge": set()}
    data = json.loads(record) if isinstance(record, str) else record
    return {kind: set(data.get(kind, [])) for kind in ("graph", "node", "edge")}


def unflatten_graph(graph: nx.MultiDiGraph, record: str | dict | None = None) -> nx.MultiDiGraph:
    """Decode, in place, the attributes a flattened graph recorded; returns the graph.

    ``record`` defaults to ``graph.graph["newsgraph_json"]`` (which is then removed).

    >>> g = flatten_graph(nx.MultiDiGraph([("a", "b", {"dates": ["2026-01-09"]})]))
    >>> unflatten_graph(g).edges["a", "b", 0]["dates"]
    ['2026-01-09']
    """
    keys = json_keys(record if record is not None else graph.graph.pop(JSON_ATTR, None))
    for key in keys["graph"] & set(graph.graph):
        graph.graph[key] = decode_value(graph.graph[key])
    for _, attrs in graph.nodes(data=True):
        for key in keys["node"] & set(attrs):
            attrs[key] = decode_value(attrs[key])
    for *_, attrs in graph.edges(keys=True, data=True):
        for key in keys["edge"] & set(attrs):
            attrs[key] = decode_value(attrs[key])
    return graph


def stamp(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The metadata every export carries: format version, generator, node and edge counts.

    Readers compare the counts with what they loaded, so a file that silently loads fewer
    edges (networkx/networkx#7652) fails loudly instead.

    >>> stamp(nx.MultiDiGraph([("a", "b")]))["edge_count"]
    1
    """
    return {
        "format_version": FORMAT_VERSION,
        "generator": generator(),
        "node_count": graph.number_of_nodes(),
        "edge_count": graph.number_of_edges(),
    }


def check_counts(graph: nx.MultiDiGraph, meta: dict[str, Any], source: str) -> nx.MultiDiGraph:
    """Raise :class:`~newsgraph.errors.InputError` unless ``graph`` has the counts ``meta`` stamped.

    >>> check_counts(nx.MultiDiGraph([("a", "b")]), {"node_count": 2, "edge_count": 1}, "x").number_of_edges()
    1
    """
    from newsgraph.errors import InputError

    for what, have in (("node", graph.number_of_nodes()), ("edge", graph.number_of_edges())):
        want = meta.get(f"{what}_count")
        if want is not None and int(want) != have:
            raise InputError(source, f"read {have} {what}s but the file says it holds {want}")
    return graph


def edge_ids(graph: nx.MultiDiGraph) -> dict[tuple, str]:
    """A readable, unique id per edge: ``source-TYPE-target`` (XML NMTOKEN-safe for our ids).

    Formats that need edge ids (GraphML, GEXF, Cytoscape.js) all use these, so an edge has the
    same id in every file.

    >>> edge_ids(nx.MultiDiGraph([("company:a", "company:b", "PARTNERS_WITH")]))
    {('company:a', 'company:b', 'PARTNERS_WITH'): 'company:a-PARTNERS_WITH-company:b'}
    """
    ids: dict[tuple, str] = {}
    taken: set[str] = set()
    for source, target, key in graph.edges(keys=True):
        base = candidate = f"{source}-{key}-{target}"
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}.{n}"
        taken.add(candidate)
        ids[(source, target, key)] = candidate
    return ids
