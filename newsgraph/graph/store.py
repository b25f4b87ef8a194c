"""The store protocol, the choice of backend by URI, and backend-neutral write preparation.

A store writes :class:`GraphBatch` es and runs Cypher. Each backend keeps all of its Cypher
in one module (``neo4j_cypher``, ``ladybug_cypher``) of named, parameterised queries;
canned queries ask for them by name with :meth:`GraphStore.run_named`, so shared code never
holds backend-specific query text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from newsgraph.errors import StoreError
from newsgraph.graph.model import UNDIRECTED, Fact, GraphBatch, Label, RelType, WriteStats

if TYPE_CHECKING:  # networkx costs 0.2 s to import; only to_networkx() needs it
    import networkx as nx

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "NEO4J_SCHEMES",
    "GraphStore",
    "InvalidStoreURIError",
    "PreparedWrite",
    "WriteState",
    "count_by_key",
    "default_store_uri",
    "open_store",
    "parse_store_uri",
    "prepare_write",
]

DEFAULT_BATCH_SIZE = 2000
#: Evidence sentences kept per relationship (the item ids are all kept).
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class WriteState:
    """Where a store's contents stand, for answers materialised ahead (:mod:`newsgraph.queries.affects_cache`).

    ``generation``: kept in the graph, one more after every write the library makes, in that
    write's own transaction; ``epoch``: drawn when the counter is made, so a graph rebuilt
    from nothing never repeats an earlier (epoch, generation). ``fingerprint``: cheap to read
    and moved by any write, also by tools that do not bump the generation (Neo4j: the node
    and relationship counts of its count store; LadybugDB: the store's files). Two equal
    states mean no write happened between them (short of the limits docs/queries.md lists).
    """

    epoch: str
    generation: int
    fingerprint: str

    @property
    def token(self) -> str:
        return f"{self.epoch}:{self.generation}:{self.fingerprint}"


@runtime_checkable
class GraphStore(Protocol):
    """What every backend offers. Reads return plain ``dict`` rows."""

    backend: str
    uri: str

    def write(self, batch: GraphBatch) -> WriteStats: ...

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]: ...

    def run_named(self, name: str, **params: Any) -> list[dict]: ...

    def reading(self) -> AbstractContextManager[None]:
        """A block whose named reads run in one read transaction (LadybugDB: one snapshot;
        Neo4j: read-committed, and fewer round trips)."""
        ...

    def has_query(self, name: str) -> bool:
        """Whether this backend has the named query (some are optional pushdowns)."""
        ...

    def exclusive(self) -> AbstractContextManager[None]:
        """A block that no other writer's ``exclusive`` block runs beside: ingest reads the
        stored events, clusters a batch and writes it inside one, so two ingests at once see
        each other's events (LadybugDB: one writer process at a time already; Neo4j: a lock)."""
        ...

    def write_state(self) -> WriteState:
        """The store's write generation and fingerprint now (inside ``reading()``: at its
        start); every library write (``write``, named write queries, ``query(write=True)``,
        ``write_scores``, ``clear``) moves the generation in its own transaction."""
        ...

    def counts(self) -> dict[str, dict[str, int]]: ...

    def to_networkx(self) -> nx.MultiDiGraph: ...

    def write_scores(self, rows: list[dict]) -> None: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...


def count_by_key(store: GraphStore) -> dict[str, dict[str, int]]:
    """``counts()`` for every backend: its ``count_labels`` and ``count_types`` named queries, sorted."""
    labels = {r["key"]: r["n"] for r in store.run_named("count_labels")}
    types = {r["key"]: r["n"] for r in store.run_named("count_types")}
    return {"labels": dict(sorted(labels.items())), "relationships": dict(sorted(types.items()))}


def default_store_uri() -> str:
    """``NEWSGRAPH_STORE`` if set, else an embedded store under the user's data directory."""
    from platformdirs import user_data_dir

    return os.environ.get("NEWSGRAPH_STORE") or str(Path(user_data_dir("newsgraph")) / "graph.lbdb")


NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
ACCEPTED_FORMS = (
    "a folder path for the embedded store (e.g. ./graph.lbdb), "
    "or a Neo4j URI bolt://HOST:PORT (also bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc)"
)
# "scheme:" of two or more letters at the start: a URI, or a path a typo made look like one
# (one letter is a Windows drive, C:\...).
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


class InvalidStoreURIError(StoreError):
    """``--store`` names neither a folder nor a Neo4j URI (a usage error)."""


def parse_store_uri(uri: str) -> tuple[str, str]:
    """``("neo4j", uri)`` or ``("ladybug", path)``; raise :class:`InvalidStoreURIError` for an
    empty value, an unknown scheme (``blot://``), a path that looks like a URI
    (``bolt:/host``), or a Neo4j URI without a host or with a bad port.

    >>> parse_store_uri("bolt://localhost:7687")
    ('neo4j', 'bolt://localhost:7687')
    >>> parse_store_uri("data/graph.lbdb")
    ('ladybug', 'data/graph.lbdb')
    """
    if not uri or not uri.strip():
        raise InvalidStoreURIError(f"the store is empty; give {ACCEPTED_FORMS}")
    match = _SCHEME.match(uri)
    if match is None:
        return "ladybug", uri
    scheme = match.group(1).lower()
    if scheme not in NEO4J_SCHEMES:
        raise InvalidStoreURIError(
            f"unknown store scheme {match.group(1)!r} in {_redact(uri)!r}; give {ACCEPTED_FORMS} "
            "(for a folder whose name has a colon, write ./NAME)"
        )
    if not uri[match.end() :].startswith("//"):
        raise InvalidStoreURIError(f"{_redact(uri)!r} is not a URI; write {scheme}://HOST:PORT")
    parts = urlsplit(uri)
    try:
        port = parts.port
    except ValueError:
        raise InvalidStoreURIError(f"bad port in {_redact(uri)!r}; the port is a number from 1 to 65535") from None
    if not parts.hostname:
        raise InvalidStoreURIError(f"no host in {_redact(uri)!r}; write {scheme}://HOST:PORT")
    if port == 0:
        raise InvalidStoreURIError(f"bad port in {_redact(uri)!r}; the port is a number from 1 to 65535")
    if parts.path not in ("", "/"):
        raise InvalidStoreURIError(
            f"{_redact(uri)!r} has a path; choose the database with --database NAME, not in the URI"
        )
    return "neo4j", uri


def _redact(uri: str) -> str:
    """The URI with its password replaced, for messages."""
    return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", uri)


def open_store(uri: str | None = None, *, read_only: bool = False, database: str | None = None) -> GraphStore:
    """Open the store a URI names: ``bolt://``/``neo4j://`` (``+s``/``+ssc``) or a folder path.

    Raises :class:`InvalidStoreURIError` for a value that is neither (see :func:`parse_store_uri`),
    and :class:`~newsgraph.errors.StoreError` when the store cannot be opened or reached.
    """
    kind, where = parse_store_uri(default_store_uri() if uri is None else uri)
    if kind == "neo4j":
        from newsgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(where, database=database)
    from newsgraph.graph.ladybug_store import LadybugStore

    return LadybugStore(where, read_only=read_only)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class PreparedWrite:
    """A batch as parameter rows: node rows per label, relationship rows per endpoint triple.

    Relationship rows are split into *rounds* so that no round holds the same
    (source, type, target) twice: a MERGE then never races with its own earlier row.
    """

    def __init__(self) -> None:
        self.nodes: dict[Label, list[dict]] = defaultdict(list)
        self.rounds: list[dict[tuple[str, Label, Label], list[dict]]] = []
        #: events that gained a report: their ``reports`` count is refreshed after the write
        self.reported_events: set[str] = set()
        #: the same relationships, one row per (source, type, target) holding the lists of
        #: its assertions in batch order (``item_ids``, ``dates``, ``evidence``,
        #: ``confidences``): one MERGE per relationship, no rounds (the Neo4j writer)
        self.merged: dict[tuple[str, Label, Label], list[dict]] = defaultdict(list)


def _fact_row(fact: Fact) -> dict:
    source, target = fact.source_id, fact.target_id
    if fact.type in UNDIRECTED and target < source:
        source, target = target, source
    return {
        "src": source,
        "dst": target,
        "item_id": fact.item_id or "catalog",
        "date": _iso(fact.date),
        "confidence": fact.confidence,
        "evidence": fact.evidence,
        "role": fact.role,
    }


def prepare_write(batch: GraphBatch) -> PreparedWrite:
    prepared = PreparedWrite()
    entities: dict[str, dict] = {}
    for entity in batch.entities:
        row = entities.get(entity.id)
        if row is None:
            entities[entity.id] = row = {
                "label": entity.label,
                "id": entity.id,
                "name": entity.name,
                "aliases": [],
                "first_seen": _iso(entity.first_seen),
                "last_seen": _iso(entity.last_seen),
            }
        for alias in entity.aliases:
            if alias not in row["aliases"]:
                row["aliases"].append(alias)
        for key, pick in (("first_seen", min), ("last_seen", max)):
            values = [v for v in (row[key], _iso(getattr(entity, key))) if v]
            row[key] = pick(values) if values else None
    for row in entities.values():
        prepared.nodes[row.pop("label")].append(row)
    events: dict[str, dict] = {}
    for event in batch.events:  # several items may report one event: its dates span theirs
        day = _iso(event.date)
        row = events.setdefault(
            event.id,
            {
                "id": event.id,
                "title": event.title,
                "date": day,
                "kind": event.kind,
                "summary": event.summary,
                "first_seen": day,
                "last_seen": day,
            },
        )
        if day:
            row["first_seen"] = min(filter(None, [row["first_seen"], day]))
            row["last_seen"] = max(filter(None, [row["last_seen"], day]))
    prepared.nodes[Label.EVENT].extend(events.values())
    seen_items: set[str] = set()
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for item in batch.items:
        if item.id not in seen_items:
            seen_items.add(item.id)
            prepared.nodes[Label.ITEM].append(
                {**item.model_dump(mode="json", exclude={"sections"}), "ingested_at": now}
            )
    occurrences: set[tuple[str, str, str, str]] = set()
    round_of: dict[tuple[str, str, str], int] = defaultdict(int)
    merged: dict[tuple[str, str, str], dict] = {}
    for fact in batch.facts:
        row = _fact_row(fact)
        unique = (row["src"], fact.type.value, row["dst"], row["item_id"])
        if unique in occurrences:
            continue  # the same item asserting the same fact twice counts once
        occurrences.add(unique)
        key = (row["src"], fact.type.value, row["dst"])
        index = round_of[key]
        round_of[key] += 1
        while len(prepared.rounds) <= index:
            prepared.rounds.append(defaultdict(list))
        if fact.type is RelType.REPORTS:
            prepared.reported_events.add(fact.target_id)
        labels = (fact.source_label, fact.target_label)
        if fact.type in UNDIRECTED and row["src"] != fact.source_id:
            labels = (fact.target_label, fact.source_label)
        prepared.rounds[index][(fact.type.value, *labels)].append(row)
        group = (fact.type.value, *labels)
        if index == 0:
            merged[key] = {
                "src": row["src"],
                "dst": row["dst"],
                "role": row["role"],
                "item_ids": [],
                "dates": [],
                "evidence": [],
                "confidences": [],
            }
            prepared.merged[group].append(merged[key])
        target = merged[key]
        target["item_ids"].append(row["item_id"])
        target["dates"].append(row["date"] or "")
        target["evidence"].append(row["evidence"] or "")
        target["confidences"].append(row["confidence"])
    return prepared


def chunks(rows: list[dict], size: int = DEFAULT_BATCH_SIZE):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
