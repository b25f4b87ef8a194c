"""Cytoscape.js JSON (``.cyjs``), for Cytoscape.js pages and Cytoscape desktop.

The file is the object ``cytoscape({...})`` takes, plus newsgraph's stamp::

    {"format_version": 1, "generator": "...", "node_count": N, "edge_count": M,
     "directed": true, "multigraph": true, "data": {graph attributes},
     "elements": {"nodes": [{"group": "nodes", "data": {"id": ..., "label": ..., ...}}],
                  "edges": [{"group": "edges", "data": {"id": ..., "source": ..., "target": ...,
                                                        "key": TYPE, "type": TYPE, ...}}]},
     "style": [Cytoscape.js stylesheet: colour and caption per label]}

JSON holds lists, so nothing is flattened. Load it in a page with
``cytoscape({container, elements: doc.elements, style: doc.style, layout: {name: "cose"}})``,
or in Cytoscape desktop with *File > Import > Network from File*.
"""

from __future__ import annotations

import json

import networkx as nx
from networkx.utils import open_file

from newsgraph.errors import InputError
from newsgraph.graph.export.flatten import check_counts, edge_ids, stamp
from newsgraph.graph.export.style import DEFAULT_REL_COLOR, LABEL_STYLES, REL_COLORS

__all__ = ["cytoscape_document", "cytoscape_stylesheet", "read_cytoscape", "write_cytoscape"]

#: Keys Cytoscape.js gives a meaning to; newsgraph's attributes never use them (an Item's ``source`` is
#: harmless on a node, whose group is explicit).
_NODE_RESERVED = ("id", "parent")
_EDGE_RESERVED = ("id", "source", "target")


def cytoscape_stylesheet() -> list[dict]:
    """A Cytoscape.js stylesheet: one rule per label and coloured relationship type.

    >>> rules = cytoscape_stylesheet()
    >>> next(r for r in rules if r["selector"] == 'node[label = "Event"]')["style"]["label"]
    'data(title)'
    """
    rules: list[dict] = [
        {"selector": "node", "style": {"label": "data(name)", "font-size": 8, "text-valign": "center"}},
        {
            "selector": "edge",
            "style": {
                "label": "data(type)",
                "font-size": 6,
                "curve-style": "bezier",
                "target-arrow-shape": "triangle",
                "line-color": DEFAULT_REL_COLOR,
                "target-arrow-color": DEFAULT_REL_COLOR,
                "width": 1,
            },
        },
    ]
    for label, style in LABEL_STYLES.items():
        rules.append(
            {
                "selector": f'node[label = "{label}"]',
                "style": {
                    "background-color": style.color,
                    "label": f"data({style.caption})",
                    "color": "#222222",
                    "width": style.size * 3,
                    "height": style.size * 3,
                },
            }
        )
    for rel, color in REL_COLORS.items():
        rules.append({"selector": f'edge[type = "{rel}"]', "style": {"line-color": color, "target-arrow-color": color}})
    rules.append({"selector": ":selected", "style": {"border-width": 3, "border-color": "#222222"}})
    return rules


def cytoscape_document(graph: nx.MultiDiGraph) -> dict:
    """The JSON document (a dict) :func:`write_cytoscape` writes.

    >>> g = nx.MultiDiGraph([("company:a", "company:b", "PARTNERS_WITH", {"type": "PARTNERS_WITH"})])
    >>> doc = cytoscape_document(g)
    >>> doc["elements"]["edges"][0]["data"]["source"], doc["format_version"]
    ('company:a', 1)
    """
    ids = edge_ids(graph)
    nodes = [
        {"group": "nodes", "data": {**{k: v for k, v in attrs.items() if k not in _NODE_RESERVED}, "id": str(node)}}
        for node, attrs in graph.nodes(data=True)
    ]
    edges = [
        {
            "group": "edges",
            "data": {
                **{k: v for k, v in attrs.items() if k not in _EDGE_RESERVED},
                "id": ids[(u, v, k)],
                "source": str(u),
                "target": str(v),
                "key": k,
            },
        }
        for u, v, k, attrs in graph.edges(keys=True, data=True)
    ]
    return {
        **stamp(graph),
        "directed": True,
        "multigraph": True,
        "data": dict(graph.graph),
        "elements": {"nodes": nodes, "edges": edges},
        "style": cytoscape_stylesheet(),
    }


@open_file(1, mode="wb")
def write_cytoscape(graph: nx.MultiDiGraph, path_or_file) -> None:
    """Write ``graph`` as Cytoscape.js JSON.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.
    """
    text = json.dumps(cytoscape_document(graph), ensure_ascii=False, indent=1, default=str)
    path_or_file.write(text.encode("utf-8") + b"\n")


@open_file(0, mode="rb")
def read_cytoscape(path_or_file) -> nx.MultiDiGraph:
    """Read a Cytoscape.js JSON file back into newsgraph's NetworkX form, checking its counts.

    >>> import io
    >>> g = nx.MultiDiGraph([("company:a", "company:b", "PARTNERS_WITH", {"type": "PARTNERS_WITH"})])
    >>> buf = io.BytesIO()
    >>> write_cytoscape(g, buf)
    >>> _ = buf.seek(0)
    >>> list(read_cytoscape(buf).edges(keys=True, data=True))
    [('company:a', 'company:b', 'PARTNERS_WITH', {'type': 'PARTNERS_WITH'})]
    """
    source = str(getattr(path_or_file, "name", "<cytoscape>"))
    try:
        doc = json.loads(path_or_file.read())
        elements = doc["elements"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(source, f"not Cytoscape.js JSON with 'elements': {exc}") from None
    if isinstance(elements, list):  # the flat array form Cytoscape.js also accepts
        elements = {
            "nodes": [e for e in elements if e.get("group") == "nodes" or "source" not in e["data"]],
            "edges": [e for e in elements if e.get("group") == "edges" or "source" in e["data"]],
        }
    graph = nx.MultiDiGraph()
    graph.graph.update(doc.get("data") or {})
    graph.graph["format_version"] = doc.get("format_version")
    for element in elements.get("nodes", []):
        data = dict(element["data"])
        graph.add_node(data.pop("id"), **data)
    for element in elements.get("edges", []):
        data = dict(element["data"])
        source_id, target_id = data.pop("source"), data.pop("target")
        data.pop("id", None)
        key = data.pop("key", data.get("type"))
        graph.add_edge(source_id, target_id, key=key, **data)
    return check_counts(graph, doc, source)
