"""Extraction over several processes, for large ingests (``newsgraph ingest --workers N``).

Extraction is pure and per item, so it splits across processes; everything that touches the
store (matching, clustering, writing) stays in the parent, in order, so the graph is the
same whatever the number of workers. Each worker builds its pipelines once, with the
catalog it was given.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Item
from newsgraph.loaders.extract import extract
from newsgraph.loaders.extraction import Extraction

__all__ = ["Extractor"]

_catalog: Catalog | None = None


def _init(catalog: Catalog) -> None:
    global _catalog
    _catalog = catalog


def _extract(item: Item) -> Extraction:
    return extract(item, _catalog)


class Extractor:
    """``extractor.map(items)`` -> extractions, in order; in-process when ``workers`` is 1."""

    def __init__(self, catalog: Catalog, workers: int = 1) -> None:
        self.catalog = catalog
        self.workers = max(1, workers)
        self._pool = None
        if self.workers > 1:
            context = multiprocessing.get_context(
                "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            )
            self._pool = context.Pool(self.workers, initializer=_init, initargs=(catalog,))

    def map(self, items: Iterable[Item]) -> list[Extraction]:
        items = list(items)
        if self._pool is None:
            return [extract(item, self.catalog) for item in items]
        return self._pool.map(_extract, items, chunksize=max(1, len(items) // (4 * self.workers)))

    def map_async(self, items: list[Item]):
        """Start extracting ``items`` in the workers; ``.get()`` on the result waits for the
        extractions, in order (workers > 1 only)."""
        return self._pool.map_async(_extract, items, chunksize=max(1, len(items) // (4 * self.workers)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
