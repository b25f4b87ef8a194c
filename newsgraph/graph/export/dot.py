"""Graphviz DOT, for ``dot``/``neato``/``sfdp`` and the many tools that read DOT.

Node ids are the newsgraph ids (quoted); captions, colours and sizes come from
:mod:`.style`; the tooltip holds the label and the id; an edge is labelled with its type and
coloured by it, and PARTNERS_WITH / COMPETES_WITH have ``dir=none``. The graph's
``comment`` attribute records the ``format_version``. Render it with, for instance,
``sfdp -Tsvg -Goverlap=prism graph.dot > graph.svg``.
"""

from __future__ import annotations

import networkx as nx
from networkx.utils import open_file

from newsgraph.graph.export.flatten import FORMAT_VERSION, generator
from newsgraph.graph.export.style import caption, label_style, rel_color, text_color
from newsgraph.graph.model import UNDIRECTED

__all__ = ["dot_text", "quote", "write_dot"]

_UNDIRECTED = {rel.value for rel in UNDIRECTED}


def quote(text: str) -> str:
    r"""A DOT double-quoted string: backslashes, quotes and line breaks escaped.

    >>> print(quote('say "hi"\\now'))
    "say \"hi\"\\now"
    """
    text = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{text}"'


def _attrs(pairs: dict) -> str:
    return "[" + ", ".join(f"{k}={quote(v)}" for k, v in pairs.items()) + "]"


def dot_text(graph: nx.MultiDiGraph, name: str = "newsgraph") -> str:
    """The DOT source for ``graph``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI")
    >>> g.add_node("sector:ai", label="Sector", name="AI")
    >>> g.add_edge("company:openai", "sector:ai", key="IN_SECTOR", type="IN_SECTOR")
    'IN_SECTOR'
    >>> print(dot_text(g).splitlines()[-2])
      "company:openai" -> "sector:ai" [label="IN_SECTOR", color="#A5ABB6", fontcolor="#A5ABB6"];
    """
    lines = [
        f"// {generator()} export; format_version {FORMAT_VERSION}",
        f"digraph {quote(name)} {{",
        f'  graph [comment={quote(f"newsgraph format_version={FORMAT_VERSION}")}, overlap="false", '
        'splines="true", fontname="Helvetica"];',
        '  node [shape="ellipse", style="filled", fontname="Helvetica", fontsize="10"];',
        '  edge [fontname="Helvetica", fontsize="8"];',
    ]
    for node, attrs in graph.nodes(data=True):
        style = label_style(attrs.get("label"))
        lines.append(
            f"  {quote(node)} "
            + _attrs(
                {
                    "label": caption(str(node), attrs, max_len=60),
                    "fillcolor": style.color,
                    "fontcolor": text_color(style.color),
                    "tooltip": f"{attrs.get('label', 'Node')} {node}",
                    "width": f"{style.size / 10:.2f}",
                }
            )
            + ";"
        )
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        rel = str(attrs.get("type", k))
        pairs = {"label": rel, "color": rel_color(rel), "fontcolor": rel_color(rel)}
        if rel in _UNDIRECTED:
            pairs["dir"] = "none"
        lines.append(f"  {quote(u)} -> {quote(v)} {_attrs(pairs)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


@open_file(1, mode="wb")
def write_dot(graph: nx.MultiDiGraph, path_or_file) -> None:
    """Write ``graph`` as Graphviz DOT.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_file : str, pathlib.Path or binary file
        Where to write.
    """
    path_or_file.write(dot_text(graph).encode("utf-8"))
