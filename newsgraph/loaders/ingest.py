"""``ingest``: files -> items -> extraction -> graph batches -> store, streaming.

The store is the ledger: an item whose ``Item`` node exists is known and skipped, and each
write batch (items with all their facts) is one transaction. So re-ingesting a file is a
no-op, and a run killed half way resumes where its last committed batch ended, with no
duplicates and nothing lost.

With worker processes (``workers`` > 1) the batches overlap: the workers extract one batch
while this process matches, clusters and writes the one before, in reading order.

Bad input never stops the run: a file that cannot be read at all and each record a reader
rejects is written, with its reason and location, to the rejects file (JSON Lines), and
counted in the summary.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, Field

from newsgraph.errors import InputError
from newsgraph.graph.catalog import Catalog, default_catalog
from newsgraph.graph.merge import merge_map
from newsgraph.graph.model import GraphBatch, Item
from newsgraph.graph.store import GraphStore
from newsgraph.loaders.dedupe import EntityIndex
from newsgraph.loaders.events import EventIndex
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.parallel import Extractor
from newsgraph.loaders.records import Reject
from newsgraph.loaders.resolve import event_id, event_title, resolve
from newsgraph.loaders.sources import FileInfo, read_source, walk_paths

__all__ = ["IngestSummary", "ingest"]

#: where an ingest's time goes (``IngestSummary.seconds``): indexing the graph's and the
#: catalog's entities before the first item, reading and parsing the files, extraction,
#: matching names to the graph's entities, event clustering, building the graph records,
#: and the store's writes
PHASES = ("setup", "read", "extract", "match", "cluster", "resolve", "write")

# Items per write transaction: what a killed run loses and redoes. Larger is faster on a big
# embedded store, where each batched MERGE costs a pass over the tables it joins
# (docs/benchmarks.md).
ITEMS_PER_WRITE = 1000
#: Items extracted (per worker) between two progress reports
EXTRACT_STEP = 50


class IngestSummary(BaseModel):
    """What one ingest run did. ``--json`` prints exactly these keys (first six documented)."""

    items_read: int = 0
    items_new: int = 0
    items_known: int = 0
    rejected: int = 0
    entities: int = 0
    facts: int = Field(0, description="distinct relationships this run asserted (the same whatever the batch size)")
    entities_matched: int = Field(0, description="spellings sent to an entity already in the graph")
    files: int = 0
    files_failed: int = 0
    rejects_file: str | None = None
    errors: list[str] = Field(default_factory=list, description="one line per unreadable file")
    layouts: dict[str, str] = Field(
        default_factory=dict, description="file -> format: layout the reader found (see `newsgraph inspect`)"
    )
    seconds: dict[str, float] = Field(
        default_factory=dict,
        description="this process's wall seconds per phase ("
        + ", ".join(PHASES)
        + "; with workers, extract is the wait for them)",
    )


def _timed(summary: IngestSummary, phase: str, started: float) -> None:
    """Add the time since ``started`` (``time.perf_counter()``) to ``phase`` of ``summary``."""
    summary.seconds[phase] = round(summary.seconds.get(phase, 0.0) + time.perf_counter() - started, 6)


#: errors a reader may meet half way through a file: the file is a reject, the run goes on
_FILE_ERRORS = (InputError, OSError, UnicodeError, RecursionError, MemoryError, ValueError)


def _records(
    paths: Iterable[Path], fmt: str | None, default_date: dt.date | None, summary: IngestSummary, read_options: dict
) -> Iterator[Item | Reject]:
    for path in walk_paths(list(paths)):
        summary.files += 1
        if isinstance(path, InputError):  # an unreadable folder
            summary.files_failed += 1
            summary.errors.append(str(path))
            yield Reject(source=path.source, location=path.location, reason=path.reason)
            continue
        info = FileInfo()
        try:
            yield from read_source(path, fmt=fmt, default_date=default_date, info=info, **read_options)
        except _FILE_ERRORS as exc:
            error = exc if isinstance(exc, InputError) else InputError(str(path), f"cannot read: {exc}")
            summary.files_failed += 1
            summary.errors.append(str(error))
            yield Reject(source=error.source, location=error.location, reason=error.reason)
        if info.format:
            summary.layouts[str(path)] = f"{info.format}: {info.layout}" if info.layout else info.format


def _place(item: Item) -> str:
    return f"{item.source}#{item.location}"


def _known_ids(store: GraphStore, ids: list[str]) -> set[str]:
    return {row["id"] for row in store.run_named("items_by_id", ids=ids)}


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    fmt: str | None = None,
    default_date: dt.date | None = None,
    catalog: Catalog | None = None,
    rejects_path: str | Path | None = None,
    on_item: Callable[[IngestSummary], None] | None = None,
    items_per_write: int = ITEMS_PER_WRITE,
    read_options: dict | None = None,
    cluster_events: bool = True,
    workers: int = 1,
    on_extracted: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read, extract and write every item of ``paths``; return what happened.

    ``read_options`` go to the readers (``columns`` and ``delimiter`` for CSV). Discovered
    entities are matched to the graph's (:mod:`~newsgraph.loaders.dedupe`), recorded merges
    redirect, and with ``cluster_events`` items reporting the same happening share one event
    (:mod:`~newsgraph.loaders.events`). ``workers`` > 1 extracts in that many processes.
    ``on_extracted(n)`` is told, during extraction, how many items are done (known or extracted).
    """
    catalog = catalog or default_catalog()
    summary = IngestSummary()
    rejects_file = None
    entity_ids: set[str] = set()
    fact_keys: set[tuple[str, str, str]] = set()
    pending: list[Item] = []

    started = time.perf_counter()
    merges = merge_map(store)
    entities = EntityIndex.from_store(store, catalog, merges)
    events = EventIndex(store) if cluster_events else None
    extractor = Extractor(catalog, workers)
    _timed(summary, "setup", started)

    def prepare() -> tuple[dict[str, Item], Callable[[], list[Extraction]]] | None:
        """Take the pending items that are new and start their extraction; the callable
        returned gives the extractions (waiting for the workers, when there are some)."""
        if not pending:
            return None
        known = _known_ids(store, [item.id for item in pending])
        fresh: dict[str, Item] = {}
        for item in pending:
            if item.id in known or item.id in fresh:
                summary.items_known += 1
            else:
                fresh[item.id] = item
        summary.items_new += len(fresh)
        pending.clear()
        done, queue = summary.items_known + summary.items_new - len(fresh), list(fresh.values())
        if extractor.workers > 1:
            running = extractor.map_async(queue)

            def wait() -> list[Extraction]:
                started = time.perf_counter()
                extractions = running.get()
                _timed(summary, "extract", started)
                if on_extracted is not None:
                    on_extracted(done + len(extractions))
                return extractions

            return fresh, wait
        extractions: list[Extraction] = []
        step = EXTRACT_STEP if on_extracted is not None else max(1, len(queue))
        for start in range(0, len(queue), step):  # in steps, so that progress shows during extraction
            started = time.perf_counter()
            extractions += extractor.map(queue[start : start + step])
            _timed(summary, "extract", started)
            if on_extracted is not None:
                on_extracted(done + len(extractions))
        return fresh, lambda: extractions

    def finish(fresh: dict[str, Item], extracted: Callable[[], list[Extraction]]) -> None:
        """Match, cluster and write one batch, in the order the batches were read."""
        extractions = extracted()
        started = time.perf_counter()
        found = [(item, entities.canonical(ex)) for item, ex in zip(fresh.values(), extractions, strict=True)]
        _timed(summary, "match", started)
        # Clustering reads the stored events and the batch is written in one exclusive block, so
        # a second ingest at once (Neo4j) clusters against this one's events, not beside them.
        with store.exclusive():
            written_meanwhile = _known_ids(store, list(fresh))
            if written_meanwhile:  # by another ingest (or the batch before) since the check: already in the graph
                summary.items_new -= len(written_meanwhile)
                summary.items_known += len(written_meanwhile)
                found = [(item, ex) for item, ex in found if item.id not in written_meanwhile]
            # news items take part in event clustering; a digest's headline list or view does not
            news = [(item, ex) for item, ex in found if events is not None and item.kind == "news"]
            started = time.perf_counter()
            titles = {item.id: event_title(item, ex) for item, ex in news}
            if titles:
                wanted = [(ex, item.date, titles[item.id], _place(item)) for item, ex in found if item.id in titles]
                events.prefetch(wanted)
            assigned = {
                item.id: events.assign(event_id(item), ex, item.date, titles[item.id], _place(item))
                for item, ex in found
                if item.id in titles
            }
            _timed(summary, "cluster", started)
            started = time.perf_counter()
            batch = GraphBatch()
            for item, extraction in found:
                batch.extend(resolve(item, extraction, catalog, event=assigned.get(item.id)))
            _timed(summary, "resolve", started)
            if batch.items:
                started = time.perf_counter()
                store.write(batch)
                _timed(summary, "write", started)
                fact_keys.update(fact.key for fact in batch.facts)
                summary.facts = len(fact_keys)
                entity_ids.update(entity.id for entity in batch.entities)
                summary.entities = len(entity_ids)
        summary.entities_matched = len(entities.redirects)

    # With worker processes the batches overlap: the workers extract one batch while this
    # process matches, clusters and writes the one before (in reading order, so the graph is
    # the same whatever the number of workers).
    in_flight: tuple[dict[str, Item], Callable[[], list[Extraction]]] | None = None

    def flush(*, last: bool = False) -> None:
        nonlocal in_flight
        prepared = prepare()
        if in_flight is not None:
            finish(*in_flight)
        in_flight = prepared
        if in_flight is not None and (extractor.workers == 1 or last):
            finish(*in_flight)
            in_flight = None

    def read() -> Iterator[Item | Reject]:
        records = _records([Path(p) for p in paths], fmt, default_date, summary, read_options or {})
        while True:
            started = time.perf_counter()
            record = next(records, None)
            _timed(summary, "read", started)
            if record is None:
                return
            yield record

    try:
        for record in read():
            if isinstance(record, Reject):
                summary.rejected += 1
                if rejects_file is None:
                    path = Path(rejects_path or "newsgraph-rejects.jsonl")
                    rejects_file = path.open("w", encoding="utf-8")
                    summary.rejects_file = str(path)
                rejects_file.write(json.dumps(record.model_dump(), ensure_ascii=False) + "\n")
                rejects_file.flush()
            else:
                summary.items_read += 1
                pending.append(record)
                if len(pending) >= items_per_write:
                    flush()
            if on_item is not None:
                on_item(summary)
        flush(last=True)
    finally:
        extractor.close()
        if rejects_file is not None:
            rejects_file.close()
    return summary
