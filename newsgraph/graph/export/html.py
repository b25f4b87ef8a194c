"""A self-contained interactive HTML page: open the file in any browser, no network needed.

The page inlines its data (JSON), its script and its styles (``assets/page.html``,
``assets/graph.js``, ``assets/graph.css``, all newsgraph's own: a small force layout drawn in
SVG, no library). It offers search over names, aliases and ids; a filter per label and per
relationship type; pan, zoom and drag; and a click on a node opens its properties and its
facts, each with its dates, item count, confidence and evidence sentences. The fragment
``#select=<id>`` selects a node the same way (so a link can point at one). The page writes its
counts into ``#stats`` (``data-nodes``, ``data-edges``) and ``data-ready="true"`` on ``<body>``
once drawn.

The layout is computed in the browser when the page opens; above a few thousand nodes it gets
slow and crowded, so :func:`write_html` warns past :data:`HTML_MAX_NODES`: export a subgraph.
"""

from __future__ import annotations

import html as htmllib
import json
import warnings
from importlib import resources

import networkx as nx
from networkx.utils import open_file

from newsgraph.errors import InputError
from newsgraph.graph.export.flatten import FORMAT_VERSION, check_counts, edge_ids, generator, stamp
from newsgraph.graph.export.style import (
    DEFAULT_REL_COLOR,
    LABEL_STYLES,
    REL_COLORS,
    caption,
    label_style,
    text_color,
)
from newsgraph.graph.model import UNDIRECTED

__all__ = ["HTML_MAX_NODES", "html_document", "page_data", "read_html", "write_html"]

HTML_MAX_NODES = 3000
_DATA_OPEN = '<script type="application/json" id="graph-data">'


def _asset(name: str) -> str:
    return resources.files("newsgraph.graph.export").joinpath("assets", name).read_text(encoding="utf-8")


def page_data(graph: nx.MultiDiGraph) -> dict:
    """The JSON the page embeds: nodes, edges, styles and newsgraph's stamp.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI")
    >>> page_data(g)["nodes"]
    [{'id': 'company:openai', 'label': 'Company', 'caption': 'OpenAI', 'attrs': {'name': 'OpenAI'}}]
    """
    ids = edge_ids(graph)
    styles = {
        label: {"color": s.color, "text": text_color(s.color), "size": s.size} for label, s in LABEL_STYLES.items()
    }
    fallback = label_style(None)
    styles["_default"] = {"color": fallback.color, "text": text_color(fallback.color), "size": fallback.size}
    return {
        **stamp(graph),
        "graph": dict(graph.graph),
        "styles": styles,
        "rel_colors": REL_COLORS,
        "default_rel_color": DEFAULT_REL_COLOR,
        "undirected": sorted(rel.value for rel in UNDIRECTED),
        "nodes": [
            {
                "id": str(node),
                "label": attrs.get("label") or "Node",
                "caption": caption(str(node), attrs),
                "attrs": {k: v for k, v in attrs.items() if k != "label"},
            }
            for node, attrs in graph.nodes(data=True)
        ],
        "edges": [
            {
                "id": ids[(u, v, k)],
                "source": str(u),
                "target": str(v),
                "type": str(attrs.get("type", k)),
                "attrs": {x: y for x, y in attrs.items() if x != "type"},
            }
            for u, v, k, attrs in graph.edges(keys=True, data=True)
        ],
    }


def _script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` escaped, so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_document(graph: nx.MultiDiGraph, title: str = "newsgraph") -> str:
    """The whole page as a string.

    >>> page = html_document(nx.MultiDiGraph([("a", "b", "HURTS", {"type": "HURTS"})]), title="a <b>")
    >>> "<title>a &lt;b&gt;</title>" in page, "http://" in page.split("<script>")[0]
    (True, False)
    """
    fields = {
        "title": htmllib.escape(title),
        "generator": htmllib.escape(generator()),
        "format_version": str(FORMAT_VERSION),
        "css": _asset("graph.css"),
        "js": _asset("graph.js"),
        "data": _script_json(page_data(graph)),
    }
    page = _asset("page.html")
    for key in ("title", "generator", "format_version", "css", "js"):  # data last: it may hold any text
        page = page.replace("{{" + key + "}}", fields[key])
    return page.replace("{{data}}", fields["data"])


@open_file(1, mode="wb")
def write_html(graph: nx.MultiDiGraph, path_or_file, title: str | None = None) -> None:
    """Write ``graph`` as a self-contained interactive HTML page.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.
    title : str, optional
        The page title; default ``newsgraph: N nodes, M edges``.
    """
    if graph.number_of_nodes() > HTML_MAX_NODES:
        warnings.warn(
            f"{graph.number_of_nodes()} nodes: the page lays them out in the browser and gets slow above "
            f"{HTML_MAX_NODES}; export a subgraph (--seed, --depth, --labels) for a readable picture",
            stacklevel=3,
        )
    title = title or f"newsgraph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    path_or_file.write(html_document(graph, title).encode("utf-8"))


@open_file(0, mode="rb")
def read_html(path_or_file) -> nx.MultiDiGraph:
    """The graph embedded in a page :func:`write_html` wrote.

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_html(nx.MultiDiGraph([("a", "b", "HURTS", {"type": "HURTS", "evidence": ["</script>"]})]), buf)
    >>> _ = buf.seek(0)
    >>> list(read_html(buf).edges(keys=True, data=True))
    [('a', 'b', 'HURTS', {'type': 'HURTS', 'evidence': ['</script>']})]
    """
    source = str(getattr(path_or_file, "name", "<html>"))
    text = path_or_file.read().decode("utf-8")
    start = text.find(_DATA_OPEN)
    end = text.find("</script>", start)
    if start < 0 or end < 0:
        raise InputError(source, "no newsgraph graph data in this page")
    data = json.loads(text[start + len(_DATA_OPEN) : end])
    graph = nx.MultiDiGraph()
    graph.graph.update(data.get("graph") or {})
    graph.graph["format_version"] = data.get("format_version")
    for node in data["nodes"]:
        graph.add_node(node["id"], label=node["label"], **node["attrs"])
    for edge in data["edges"]:
        graph.add_edge(edge["source"], edge["target"], key=edge["type"], type=edge["type"], **edge["attrs"])
    return check_counts(graph, data, source)
