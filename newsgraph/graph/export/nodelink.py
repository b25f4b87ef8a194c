"""Node-link JSON, for D3 (``d3.forceSimulation`` with ``d3.forceLink``) and NetworkX.

The layout NetworkX's :func:`networkx.node_link_data` writes, with the edge list always
under ``links`` (D3's name), named explicitly on both sides: NetworkX 3.4 changed the
default key to ``edges`` and files written one way silently loaded no edges the other way
(networkx/networkx#7652). The reader also checks the stamped counts::

    {"format_version": 1, "generator": "...", "node_count": N, "edge_count": M,
     "directed": true, "multigraph": true, "graph": {graph attributes},
     "nodes": [{"id": "company:openai", "label": "Company", "name": "OpenAI", ...}],
     "links": [{"source": ..., "target": ..., "key": "PARTNERS_WITH", "type": ..., ...}]}
"""

from __future__ import annotations

import json

import networkx as nx
from networkx.utils import open_file

from newsgraph.errors import InputError
from newsgraph.graph.export.flatten import check_counts, stamp

__all__ = ["node_link_document", "read_nodelink", "write_nodelink"]


def node_link_document(graph: nx.MultiDiGraph) -> dict:
    """The JSON document (a dict) :func:`write_nodelink` writes.

    >>> doc = node_link_document(nx.MultiDiGraph([("a", "b", "HURTS", {"type": "HURTS"})]))
    >>> doc["links"], doc["format_version"]
    ([{'type': 'HURTS', 'source': 'a', 'target': 'b', 'key': 'HURTS'}], 1)
    """
    data = nx.node_link_data(graph, edges="links")
    return {**stamp(graph), **data}


@open_file(1, mode="wb")
def write_nodelink(graph: nx.MultiDiGraph, path_or_file) -> None:
    """Write ``graph`` as node-link JSON.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.
    """
    text = json.dumps(node_link_document(graph), ensure_ascii=False, indent=1, default=str)
    path_or_file.write(text.encode("utf-8") + b"\n")


@open_file(0, mode="rb")
def read_nodelink(path_or_file) -> nx.MultiDiGraph:
    """Read node-link JSON back into newsgraph's NetworkX form, checking its counts.

    Accepts the edge list under ``links`` or ``edges``; a file with neither but a non-zero
    ``edge_count`` is an error, never an empty graph.

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_nodelink(nx.MultiDiGraph([("a", "b", "HURTS", {"type": "HURTS"})]), buf)
    >>> _ = buf.seek(0)
    >>> list(read_nodelink(buf).edges(keys=True))
    [('a', 'b', 'HURTS')]
    """
    source = str(getattr(path_or_file, "name", "<node-link>"))
    try:
        doc = json.loads(path_or_file.read())
        doc["nodes"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(source, f"not node-link JSON with 'nodes': {exc}") from None
    edges_key = "links" if "links" in doc else "edges"
    doc.setdefault(edges_key, [])
    body = {k: v for k, v in doc.items() if k in ("directed", "multigraph", "graph", "nodes", edges_key)}
    body.update(directed=True, multigraph=True)
    graph = nx.MultiDiGraph(nx.node_link_graph(body, edges=edges_key))
    graph.graph["format_version"] = doc.get("format_version")
    return check_counts(graph, doc, source)
