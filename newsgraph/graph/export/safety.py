"""Output safety: text from the news made safe for the files that carry it.

- **XML** (GraphML, GEXF): XML 1.0 cannot hold most control characters, not even escaped
  (``&#11;`` is not well-formed), nor lone surrogates or U+FFFE/U+FFFF. A ``\\x0b`` in a name
  made the whole file unreadable; :func:`xml_safe_graph` strips them from every id, key and
  value (tab, newline and carriage return stay).
- **CSV** (every CSV the project writes): a cell that starts with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return is a formula to a spreadsheet (``=cmd|' /C calc'!A0``).
  :func:`csv_text` prefixes such a text cell with ``'``, which spreadsheets show as text; a
  cell that already starts with ``'`` gets one too, so :func:`csv_restore` can undo it exactly.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

__all__ = ["csv_restore", "csv_text", "xml_safe_graph", "xml_text"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry.

    >>> xml_text("Open\\x0bAI\\x00 Labs\\tinc")
    'OpenAI Labs\\tinc'
    """
    return _NOT_XML.sub("", text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose node ids, keys and every string in its attributes are
    :func:`xml_text` (the graph itself is not changed)."""
    out = nx.MultiDiGraph()
    out.graph.update(_clean(dict(graph.graph)))
    out.add_nodes_from((_clean(n), _clean(attrs)) for n, attrs in graph.nodes(data=True))
    out.add_edges_from(
        (_clean(u), _clean(v), _clean(k), _clean(attrs)) for u, v, k, attrs in graph.edges(keys=True, data=True)
    )
    return out


def csv_text(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula.

    >>> csv_text("=cmd|' /C calc'!A0"), csv_text("@SUM(A1)"), csv_text("OpenAI")
    ("'=cmd|' /C calc'!A0", "'@SUM(A1)", 'OpenAI')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_restore(text: str) -> str:
    """Undo :func:`csv_text`.

    >>> csv_restore(csv_text("+SUM(1)")), csv_restore(csv_text("'quoted"))
    ('+SUM(1)', "'quoted")
    """
    return text[1:] if text.startswith("'") else text
