"""GraphML, for yEd, Gephi and Cytoscape desktop.

Written by NetworkX's GraphML writer from a flattened copy (:mod:`.flatten`): list values
such as ``aliases`` or ``evidence`` become JSON text, and the graph element carries
``format_version``, ``generator``, ``node_count``, ``edge_count`` and ``newsgraph_json`` (the
names of the JSON-encoded attributes). Edge ids are ``source-TYPE-target``, unique in the
file, and the relationship type is also the edge attribute ``type``.
"""

from __future__ import annotations

import io

import networkx as nx
from networkx.utils import open_file

from newsgraph.graph.export.flatten import check_counts, edge_ids, flatten_graph, stamp, unflatten_graph
from newsgraph.graph.export.safety import xml_safe_graph

__all__ = ["read_graphml", "write_graphml"]

_STAMP_KEYS = ("generator", "node_count", "edge_count")


@open_file(1, mode="wb")
def write_graphml(graph: nx.MultiDiGraph, path_or_file) -> None:
    """Write ``graph`` as GraphML.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.

    Examples
    --------
    >>> import io
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI", aliases=["开放人工智能"])
    >>> buf = io.BytesIO()
    >>> write_graphml(g, buf)
    >>> _ = buf.seek(0)
    >>> read_graphml(buf).nodes["company:openai"]["aliases"]
    ['开放人工智能']
    """
    graph = xml_safe_graph(graph)  # control characters would make the file invalid XML
    flat = flatten_graph(graph)
    ids = edge_ids(graph)
    out = nx.MultiDiGraph()
    out.graph.update(flat.graph)
    out.graph.update(stamp(graph))
    out.add_nodes_from(flat.nodes(data=True))
    out.add_edges_from((u, v, ids[(u, v, k)], attrs) for u, v, k, attrs in flat.edges(keys=True, data=True))
    buffer = io.BytesIO()
    nx.write_graphml_xml(out, buffer, encoding="utf-8", prettyprint=True, infer_numeric_types=True)
    # XML parsers turn a literal CR into LF; as a character reference it survives (item texts keep their \r\n)
    path_or_file.write(buffer.getvalue().replace(b"\r", b"&#13;"))


@open_file(0, mode="rb")
def read_graphml(path_or_file) -> nx.MultiDiGraph:
    """Read a GraphML file newsgraph wrote back into newsgraph's NetworkX form.

    Lists come back as lists, edges are keyed by their ``type`` again, and the node and edge
    counts are checked against those the file states (an :class:`~newsgraph.errors.InputError`
    if they differ). ``graph.graph["format_version"]`` says which conventions wrote it.
    """
    source = getattr(path_or_file, "name", "<graphml>")
    raw = nx.read_graphml(path_or_file, force_multigraph=True)
    meta = {key: raw.graph.pop(key) for key in _STAMP_KEYS if key in raw.graph}
    raw = unflatten_graph(raw)
    graph = nx.MultiDiGraph()
    graph.graph.update(raw.graph)
    graph.add_nodes_from(raw.nodes(data=True))
    graph.add_edges_from((u, v, attrs.get("type", k), attrs) for u, v, k, attrs in raw.edges(keys=True, data=True))
    return check_counts(graph, meta, str(source))
