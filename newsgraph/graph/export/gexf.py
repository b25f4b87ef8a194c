"""GEXF 1.3, for Gephi.

Written directly (ElementTree), not through NetworkX's writer, which treats list values as
dynamic spells, turns the edge attribute ``type`` into GEXF's directedness attribute and
the node attribute ``label`` into the caption. Here:

- a node's GEXF ``label`` is its caption (name or title), and newsgraph's label (Company,
  Event ...) is the attribute ``neo4j_label``, ready for Gephi's *Partition* panel;
- an edge's GEXF ``label`` is its relationship type, also kept as the attribute
  ``rel_type``; its ``weight`` is ``count`` (how many items asserted it);
- ``viz:color`` and ``viz:size`` come from :mod:`.style`;
- lists are flattened by :mod:`.flatten`; ``<meta><description>`` holds JSON with
  ``format_version``, the counts, the graph's own attributes and the ``newsgraph_json``
  record, so :func:`read_gexf` restores the graph exactly;
- every edge is directed; PARTNERS_WITH and COMPETES_WITH are stored source < target and
  mean the same both ways.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
from networkx.utils import open_file

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.graph.export.flatten import (
    JSON_ATTR,
    check_counts,
    edge_ids,
    flatten_graph,
    generator,
    stamp,
    unflatten_graph,
)
from newsgraph.graph.export.safety import xml_safe_graph
from newsgraph.graph.export.style import caption, hex_to_rgb, label_style, rel_color

__all__ = ["GEXF_NS", "VIZ_NS", "read_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NODE_LABEL_ATTR = "neo4j_label"
EDGE_TYPE_ATTR = "rel_type"


def _gexf_type(values: list) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _text(value, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def _declare(parent: ET.Element, cls: str, rows: list[dict]) -> dict[str, tuple[str, str]]:
    """``<attributes class=...>``: title -> (attribute id, GEXF type)."""
    values: dict[str, list] = {}
    for attrs in rows:
        for key, value in attrs.items():
            values.setdefault(key, []).append(value)
    element = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    declared = {}
    for index, key in enumerate(sorted(values)):
        kind = _gexf_type(values[key])
        declared[key] = (f"{cls[0]}{index}", kind)
        ET.SubElement(element, "attribute", {"id": f"{cls[0]}{index}", "title": key, "type": kind})
    return declared


def _attvalues(parent: ET.Element, attrs: dict, declared: dict[str, tuple[str, str]]) -> None:
    if not attrs:
        return
    element = ET.SubElement(parent, "attvalues")
    for key, value in attrs.items():
        attr_id, kind = declared[key]
        ET.SubElement(element, "attvalue", {"for": attr_id, "value": _text(value, kind)})


def _color(parent: ET.Element, color: str) -> None:
    r, g, b = hex_to_rgb(color)
    ET.SubElement(parent, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})


def _renamed(attrs: dict, old: str, new: str) -> dict:
    if new in attrs:
        raise NewsgraphError(f"cannot write GEXF: attribute {new!r} is reserved for newsgraph's {old!r}")
    return {(new if k == old else k): v for k, v in attrs.items()}


@open_file(1, mode="wb")
def write_gexf(graph: nx.MultiDiGraph, path_or_file) -> None:
    """Write ``graph`` as GEXF 1.3.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI", aliases=["开放人工智能"])
    >>> g.add_node("sector:compute", label="Sector", name="compute")
    >>> g.add_edge("company:openai", "sector:compute", key="IN_SECTOR", type="IN_SECTOR", count=1)
    'IN_SECTOR'
    >>> buf = io.BytesIO()
    >>> write_gexf(g, buf)
    >>> _ = buf.seek(0)
    >>> back = read_gexf(buf)
    >>> back.nodes["company:openai"]
    {'label': 'Company', 'name': 'OpenAI', 'aliases': ['开放人工智能']}
    >>> list(back.edges(keys=True))
    [('company:openai', 'sector:compute', 'IN_SECTOR')]
    """
    graph = xml_safe_graph(graph)  # control characters would make the file invalid XML
    flat = flatten_graph(graph)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    # no xsi:schemaLocation: optional, and the published RELAX NG schema does not allow it
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = generator()
    ET.SubElement(meta, "keywords").text = "newsgraph, knowledge graph, news"
    record = {
        **stamp(graph),
        "graph": {k: v for k, v in flat.graph.items() if k != JSON_ATTR},
        JSON_ATTR: json.loads(flat.graph[JSON_ATTR]),
    }
    ET.SubElement(meta, "description").text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    graph_el = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    nodes = [(n, _renamed(a, "label", NODE_LABEL_ATTR)) for n, a in flat.nodes(data=True)]
    ids = edge_ids(graph)
    edges = [(u, v, k, _renamed(a, "type", EDGE_TYPE_ATTR)) for u, v, k, a in flat.edges(keys=True, data=True)]
    node_decl = _declare(graph_el, "node", [a for _, a in nodes])
    edge_decl = _declare(graph_el, "edge", [a for *_, a in edges])
    nodes_el = ET.SubElement(graph_el, "nodes", {"count": str(len(nodes))})
    for node, attrs in nodes:
        element = ET.SubElement(nodes_el, "node", {"id": str(node), "label": caption(str(node), graph.nodes[node])})
        _attvalues(element, attrs, node_decl)
        style = label_style(graph.nodes[node].get("label"))
        _color(element, style.color)
        ET.SubElement(element, f"{{{VIZ_NS}}}size", {"value": repr(float(style.size))})
    edges_el = ET.SubElement(graph_el, "edges", {"count": str(len(edges))})
    for u, v, k, attrs in edges:
        rel = attrs.get(EDGE_TYPE_ATTR, k)
        element = ET.SubElement(
            edges_el,
            "edge",
            {
                "id": ids[(u, v, k)],
                "source": str(u),
                "target": str(v),
                "label": str(rel),
                "weight": repr(float(attrs.get("count", 1))),
            },
        )
        _attvalues(element, attrs, edge_decl)
        _color(element, rel_color(rel))
    ET.indent(root)
    path_or_file.write(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")


@open_file(0, mode="rb")
def read_gexf(path_or_file) -> nx.MultiDiGraph:
    """Read a GEXF file newsgraph wrote back into newsgraph's NetworkX form.

    Uses NetworkX's GEXF reader, then undoes the renames and the flattening and checks the
    counts the file states. ``graph.graph["format_version"]`` says which conventions wrote it.
    """
    source = str(getattr(path_or_file, "name", "<gexf>"))
    data = path_or_file.read()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(source, f"not XML: {exc}") from None
    description = root.find(f"{{{GEXF_NS}}}meta/{{{GEXF_NS}}}description")
    try:
        meta = json.loads(description.text) if description is not None and description.text else {}
    except json.JSONDecodeError:
        meta = {}  # a GEXF from another tool: read it as it is
    edge_titles = {
        a.get("title")
        for block in root.iter(f"{{{GEXF_NS}}}attributes")
        if block.get("class") == "edge"
        for a in block.iter(f"{{{GEXF_NS}}}attribute")
    }
    raw = nx.read_gexf(io.BytesIO(data), version="1.3")
    graph = nx.MultiDiGraph()
    graph.graph.update(meta.get("graph", {}))
    graph.graph["format_version"] = meta.get("format_version")
    for node, attrs in raw.nodes(data=True):
        attrs = {k: v for k, v in attrs.items() if k not in ("label", "viz")}
        graph.add_node(node, **_renamed(attrs, NODE_LABEL_ATTR, "label"))
    for u, v, attrs in raw.edges(data=True):
        attrs = {k: v for k, v in attrs.items() if k in edge_titles or k not in ("id", "label", "weight")}
        attrs = _renamed(attrs, EDGE_TYPE_ATTR, "type")
        graph.add_edge(u, v, key=attrs.get("type"), **attrs)
    unflatten_graph(graph, meta.get(JSON_ATTR))
    return check_counts(graph, meta, source)
