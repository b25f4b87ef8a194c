"""newsgraph: AI and crypto news digests (zh/en) as a knowledge graph, and questions to ask it.

The Python API (see docs/api.md)::

    import newsgraph

    store = newsgraph.open_store("graph.lbdb")          # or "bolt://user:pass@host:7687"
    summary = newsgraph.ingest(["seeds/"], store)       # an IngestSummary
    result = newsgraph.affects(store, "compute")        # an AffectsResult: .target, .rows
    newsgraph.timeline(store, "openai").rows
    store.close()

Names are imported on first use, so ``import newsgraph`` stays light (no spaCy, no driver).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> (module, attribute)
_API = {
    "open_store": ("newsgraph.graph.store", "open_store"),
    "GraphStore": ("newsgraph.graph.store", "GraphStore"),
    "ingest": ("newsgraph.loaders.ingest", "ingest"),
    "IngestSummary": ("newsgraph.loaders.ingest", "IngestSummary"),
    "affects": ("newsgraph.queries.affects", "affects"),
    "timeline": ("newsgraph.queries.timeline", "timeline"),
    "partners": ("newsgraph.queries.facts", "partners"),
    "releases": ("newsgraph.queries.facts", "releases"),
    "investors": ("newsgraph.queries.facts", "investors"),
    "regulators": ("newsgraph.queries.regulators", "regulators"),
    "neighbors": ("newsgraph.queries.neighbors", "neighbors"),
    "path": ("newsgraph.queries.neighbors", "path"),
    "top": ("newsgraph.queries.top", "top"),
    "trending": ("newsgraph.queries.trending", "trending"),
    "search": ("newsgraph.queries.search", "search"),
    "stats": ("newsgraph.queries.stats", "stats"),
    "window": ("newsgraph.queries.window", "window"),
    "resolve_name": ("newsgraph.queries.names", "resolve_name"),
    "schema": ("newsgraph.graph.describe", "describe_schema"),
    "cypher": ("newsgraph.graph.analyst", "run_cypher"),
    "default_catalog": ("newsgraph.graph.catalog", "default_catalog"),
    "load_catalog": ("newsgraph.graph.catalog", "load_catalog"),
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
