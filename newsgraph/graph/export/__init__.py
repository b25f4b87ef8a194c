"""Export (sub)graphs for visualization, each file ready for the tool it is for.

=============  ====================================  ===============================
format         for                                   module
=============  ====================================  ===============================
``graphml``    yEd, Gephi, Cytoscape desktop         :mod:`.graphml` (+ reader)
``gexf``       Gephi                                 :mod:`.gexf` (+ reader)
``cytoscape``  Cytoscape.js, Cytoscape desktop       :mod:`.cytoscape` (+ reader)
``nodelink``   D3, NetworkX                          :mod:`.nodelink` (+ reader)
``neo4j-csv``  ``neo4j-admin database import full``  :mod:`.neo4j_csv` (+ reader)
``mermaid``    Markdown (GitHub, GitLab, Obsidian)   :mod:`.mermaid`
``dot``        Graphviz                              :mod:`.dot`
``html``       any browser, offline                  :mod:`.html` (+ reader)
=============  ====================================  ===============================

Each module has ``write_<fmt>(graph, path_or_file)`` taking newsgraph's NetworkX form
(:mod:`newsgraph.graph.nxgraph`); :func:`export` picks one by name. :mod:`.subgraph` chooses
what to export, :mod:`.flatten` is the one place lists are encoded for formats that cannot
hold them, :mod:`.style` gives every format the same colours and captions, and :mod:`.grass`
writes matching styles for Neo4j Browser and Bloom. Every file carries ``format_version``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict

from newsgraph.errors import NewsgraphError, UnknownNameError
from newsgraph.graph.export.cytoscape import read_cytoscape, write_cytoscape
from newsgraph.graph.export.dot import write_dot
from newsgraph.graph.export.flatten import FORMAT_VERSION
from newsgraph.graph.export.gexf import read_gexf, write_gexf
from newsgraph.graph.export.graphml import read_graphml, write_graphml
from newsgraph.graph.export.html import read_html, write_html
from newsgraph.graph.export.mermaid import write_mermaid
from newsgraph.graph.export.neo4j_csv import read_neo4j_csv, write_neo4j_csv
from newsgraph.graph.export.nodelink import read_nodelink, write_nodelink
from newsgraph.graph.export.subgraph import parse_labels, parse_rels, select_subgraph, subgraph_from_cypher
from newsgraph.graph.export_names import SUFFIXES
from newsgraph.graph.store import GraphStore

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "READERS",
    "SUFFIXES",
    "ExportResult",
    "export",
    "export_subgraph",
    "format_name",
    "infer_format",
    "read",
    "select_subgraph",
    "subgraph_from_cypher",
]

#: Format name -> writer ``(graph, path_or_file)``.
FORMATS: dict[str, Callable[[nx.MultiDiGraph, Any], Any]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cytoscape": write_cytoscape,
    "nodelink": write_nodelink,
    "neo4j-csv": write_neo4j_csv,
    "mermaid": write_mermaid,
    "dot": write_dot,
    "html": write_html,
}
#: Format name -> reader ``(path_or_file) -> MultiDiGraph``, where reading back makes sense.
READERS: dict[str, Callable[[Any], nx.MultiDiGraph]] = {
    "graphml": read_graphml,
    "gexf": read_gexf,
    "cytoscape": read_cytoscape,
    "nodelink": read_nodelink,
    "neo4j-csv": read_neo4j_csv,
    "html": read_html,
}
_ALIASES = {
    "neo4j_csv": "neo4j-csv",
    "csv": "neo4j-csv",
    "neo4j": "neo4j-csv",
    "cyjs": "cytoscape",
    "cytoscape.js": "cytoscape",
    "cytoscapejs": "cytoscape",
    "node-link": "nodelink",
    "d3": "nodelink",
    "json": "nodelink",
    "mmd": "mermaid",
    "graphviz": "dot",
    "gv": "dot",
    "htm": "html",
}


class ExportResult(BaseModel):
    """What an export wrote."""

    model_config = ConfigDict(extra="forbid")

    format: str
    path: str
    files: list[str]
    nodes: int
    edges: int
    format_version: int = FORMAT_VERSION
    import_command: str | None = None
    warnings: list[str] = []


def format_name(name: str) -> str:
    """The canonical format name; aliases such as ``csv`` or ``d3`` are accepted.

    >>> format_name("GraphML"), format_name("csv"), format_name("d3")
    ('graphml', 'neo4j-csv', 'nodelink')
    """
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise UnknownNameError("export format", name, list(FORMATS))
    return key


def infer_format(path: str | Path) -> str:
    """The format a path's suffix names; an existing folder (or a path ending in ``/``) is ``neo4j-csv``.

    >>> infer_format("g.gexf"), infer_format("g.cy.json"), infer_format("out/")
    ('gexf', 'cytoscape', 'neo4j-csv')
    """
    text = str(path)
    if text.endswith(("/", "\\")) or Path(path).is_dir():
        return "neo4j-csv"
    name = Path(path).name.lower()
    if name.endswith(".cy.json"):
        return "cytoscape"
    suffix = Path(name).suffix
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise UnknownNameError(
        f"file suffix (cannot infer the format of {text!r}; pass --format)",
        suffix or text,
        [*sorted(SUFFIXES), "a folder for neo4j-csv"],
    )


def export(graph: nx.MultiDiGraph, fmt: str, path_or_file: Any) -> ExportResult:
    """Write ``graph`` in format ``fmt``; warnings the writer raised are collected, not lost.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    fmt : str
        A key of :data:`FORMATS` (or an alias).
    path_or_file : str, pathlib.Path or binary file
        Where to write; a folder for ``neo4j-csv``.

    Examples
    --------
    >>> import io
    >>> buf = io.BytesIO()
    >>> export(nx.MultiDiGraph([("a", "b", "HURTS", {"type": "HURTS"})]), "dot", buf).edges
    1
    """
    fmt = format_name(fmt)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = FORMATS[fmt](graph, path_or_file)
    named = isinstance(path_or_file, str | Path)
    path = str(path_or_file) if named else str(getattr(path_or_file, "name", "<stream>"))
    files = [path]
    command = None
    if fmt == "neo4j-csv":
        files = [str(Path(path) / name) for name in [*written["nodes"], *written["relationships"], "manifest.json"]]
        command = written["command"]
    return ExportResult(
        format=fmt,
        path=path,
        files=files,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        import_command=command,
        warnings=[str(w.message) for w in caught],
    )


def read(fmt: str, path_or_file: Any) -> nx.MultiDiGraph:
    """Read a file newsgraph exported back into its NetworkX form.

    >>> read("dot", "g.dot")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsgraph.errors.UnknownNameError: unknown readable export format 'dot'; known: graphml, gexf, ...
    """
    fmt = format_name(fmt)
    if fmt not in READERS:
        raise UnknownNameError("readable export format", fmt, list(READERS))
    return READERS[fmt](path_or_file)


def export_subgraph(
    store: GraphStore,
    out: str | Path,
    fmt: str | None = None,
    *,
    seeds: Iterable[str] = (),
    depth: int = 1,
    labels: Iterable[str] | None = None,
    rels: Iterable[str] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    cypher: str | None = None,
    params: dict | None = None,
    catalog: Any = None,
) -> ExportResult:
    """Choose a subgraph of ``store`` and write it to ``out``: what ``newsgraph export`` does.

    Seeds are names, aliases or ids, resolved by :func:`newsgraph.queries.names.resolve_name`.
    With ``cypher`` the graph is what the query returns (then narrowed by any other filter);
    otherwise it is :func:`select_subgraph` of the whole store.
    """
    from newsgraph.queries.names import resolve_name

    fmt = format_name(fmt) if fmt else infer_format(out)
    seeds = list(seeds)
    labels, rels = parse_labels(labels), parse_rels(rels)  # fail on a typo before loading the graph
    filtered = bool(seeds or labels or rels or since or until)
    if cypher:
        graph = subgraph_from_cypher(store, cypher, params)
        seed_ids = [seed if seed in graph else resolve_name(store, seed, catalog=catalog)["id"] for seed in seeds]
    else:
        seed_ids = [resolve_name(store, seed, catalog=catalog)["id"] for seed in seeds]
        graph = store.to_networkx()
    if filtered or not cypher:
        missing = [s for s in seed_ids if s not in graph]
        if missing:
            raise NewsgraphError(f"seed {missing[0]!r} is not in the graph the query returned")
        graph = select_subgraph(graph, seed_ids, depth=depth, labels=labels, rels=rels, since=since, until=until)
    if fmt == "neo4j-csv" and Path(out).exists() and not Path(out).is_dir():
        raise NewsgraphError(f"{out} is a file; neo4j-csv writes a folder of CSV files")
    return export(graph, fmt, Path(out))
