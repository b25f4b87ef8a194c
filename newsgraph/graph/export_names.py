"""The export formats' names and file suffixes, apart from the exporters so that the CLI can
list them without importing the exporters (and networkx) at start-up."""

from __future__ import annotations

__all__ = ["FORMAT_NAMES", "SUFFIXES"]

#: The formats of :data:`newsgraph.graph.export.FORMATS`, in its order (a test keeps them equal).
FORMAT_NAMES = ("graphml", "gexf", "cytoscape", "nodelink", "neo4j-csv", "mermaid", "dot", "html")

#: File suffix -> format, for :func:`newsgraph.graph.export.infer_format`.
SUFFIXES = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".cyjs": "cytoscape",
    ".json": "nodelink",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".html": "html",
    ".htm": "html",
}
