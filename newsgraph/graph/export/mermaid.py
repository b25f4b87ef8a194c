"""Mermaid flowchart, for Markdown that renders diagrams (GitHub, GitLab, Obsidian, mermaid.live).

Nodes get short ids (``n0``, ``n1`` ...; a ``%%`` comment line maps each to its newsgraph id)
so that any id, Chinese included, is safe; captions are quoted with Mermaid's entity codes
for ``"``, ``#``, ``<`` and ``>``; each label is a ``classDef`` coloured as in :mod:`.style`;
PARTNERS_WITH and COMPETES_WITH are drawn without arrowheads. Mermaid refuses diagrams of
more than 500 edges by default (its ``maxEdges``), so a bigger graph is written with a warning:
export a smaller subgraph, or raise ``maxEdges`` where it is rendered.
"""

from __future__ import annotations

import warnings

import networkx as nx
from networkx.utils import open_file

from newsgraph.graph.export.flatten import FORMAT_VERSION, generator
from newsgraph.graph.export.style import caption, label_style, rel_color, text_color
from newsgraph.graph.model import UNDIRECTED

__all__ = ["MERMAID_MAX_EDGES", "mermaid_text", "write_mermaid"]

MERMAID_MAX_EDGES = 500
_UNDIRECTED = {rel.value for rel in UNDIRECTED}
_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;"}


def _escape(text: str) -> str:
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def mermaid_text(graph: nx.MultiDiGraph, direction: str = "LR") -> str:
    """The Mermaid source for ``graph``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name='OpenAI "the lab"')
    >>> g.add_node("company:amd", label="Company", name="AMD")
    >>> g.add_edge("company:amd", "company:openai", key="PARTNERS_WITH", type="PARTNERS_WITH")
    'PARTNERS_WITH'
    >>> print(mermaid_text(g).split("flowchart LR", 1)[1].split("classDef")[0].strip())
    n0["OpenAI #quot;the lab#quot;"]:::Company
      n1["AMD"]:::Company
      n1 ---|"PARTNERS_WITH"| n0
    """
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    lines = [
        f"%% {generator()} export; format_version {FORMAT_VERSION}; "
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
        *(f"%% {short} = {node}" for node, short in ids.items()),
        f"flowchart {direction}",
    ]
    used = set()
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label") or "Node"
        used.add(label)
        lines.append(f'  {ids[node]}["{_escape(caption(str(node), attrs, max_len=80))}"]:::{label}')
    link_styles = []
    for index, (u, v, k, attrs) in enumerate(graph.edges(keys=True, data=True)):
        rel = str(attrs.get("type", k))
        arrow = "---" if rel in _UNDIRECTED else "-->"
        lines.append(f'  {ids[u]} {arrow}|"{_escape(rel)}"| {ids[v]}')
        if rel_color(rel) != rel_color(None):
            link_styles.append(f"  linkStyle {index} stroke:{rel_color(rel)}")
    for label in sorted(used):
        style = label_style(label)
        lines.append(f"  classDef {label} fill:{style.color},color:{text_color(style.color)},stroke:#333333")
    lines += link_styles
    return "\n".join(lines) + "\n"


@open_file(1, mode="wb")
def write_mermaid(graph: nx.MultiDiGraph, path_or_file) -> None:
    """Write ``graph`` as a Mermaid flowchart (``.mmd``; paste it into a ```` ```mermaid ```` block).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.
    """
    if graph.number_of_edges() > MERMAID_MAX_EDGES:
        warnings.warn(
            f"{graph.number_of_edges()} edges: Mermaid renders at most {MERMAID_MAX_EDGES} by default "
            "(maxEdges); export a smaller subgraph or raise maxEdges where it is rendered",
            stacklevel=3,
        )
    path_or_file.write(mermaid_text(graph).encode("utf-8"))
