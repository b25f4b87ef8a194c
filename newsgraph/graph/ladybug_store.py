"""The embedded store: LadybugDB on disk, no server.

One writer process at a time: a second writer gets :class:`StoreBusyError`. Read-only
handles may be opened while a writer is open: they read the last committed state (the WAL
replayed up to its last complete transaction). While the writer checkpoints, or when the
WAL's tail is being written, a reader retries for up to ``NEWSGRAPH_BUSY_TIMEOUT`` seconds
(default 10) and then raises :class:`StoreBusyError`, never a storage error.

The buffer pool is sized to the store and the machine (LadybugDB takes 80% of the RAM
otherwise): :func:`buffer_pool_bytes`; ``NEWSGRAPH_BUFFER_POOL_MB`` overrides it.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ladybug

from newsgraph.errors import QueryError, StoreBusyError, StoreError, WriteRefusedError
from newsgraph.graph import ladybug_cypher as cy
from newsgraph.graph.ladybug_dialect import prepare_query
from newsgraph.graph.ladybug_migrate import BACKUP_SUFFIX, is_old_layout, migrate
from newsgraph.graph.model import GraphBatch, Label, WriteStats
from newsgraph.graph.store import MAX_EVIDENCE, WriteState, chunks, count_by_key, prepare_write

if TYPE_CHECKING:  # networkx costs 0.2 s of every command's start-up; only to_networkx needs it
    import networkx as nx

__all__ = ["LadybugStore", "StoreLayoutError", "buffer_pool_bytes"]


class StoreLayoutError(StoreError):
    """The store was written with an earlier table layout that this version cannot read."""


_LABEL_OF_PREFIX = {label.value.lower(): label for label in Label}
_MB = 2**20
#: Buffer pool bounds. The floor: a write batch needs room for the pages it touches (with
#: the old layout's ~865 relationship table pairs, a real 1,000-item batch failed with
#: "buffer pool is full" at 256 MB; not measured again with 18 pairs). The cap: a store
#: larger than the pool is read from disk again, never refused, so the pool need not grow
#: past 1 GB (or an eighth of the machine's memory).
POOL_FLOOR_MB, POOL_CAP_MB = 512, 1024
#: Messages of a reader that met a writer mid-commit or mid-checkpoint: retried, then "busy".
_TRANSIENT = re.compile(
    r"checkpoint recovery is pending|checksum verification failed"
    r"|invalid local node offset"  # a primary-key index read while a checkpoint rewrites it
    r"|reading past the end of the file|the wal file is corrupted|wal replay"
    r"|cannot read from file: \S*\.wal\b",  # the WAL cut short under a reader by a checkpoint
    re.IGNORECASE,
)


def _store_bytes(path: Path) -> int:
    """The store's size on disk: its main file, WAL and shadow files."""
    total = 0
    for file in [path, *path.parent.glob(path.name + ".*")]:
        with contextlib.suppress(OSError):
            total += file.stat().st_size if file.is_file() else 0
    return total


def _machine_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (OSError, ValueError, AttributeError):
        return 4096 * _MB


def buffer_pool_bytes(path: Path | None = None) -> int:
    """The buffer pool for a store: ``NEWSGRAPH_BUFFER_POOL_MB`` if set, else twice the store's
    size on disk plus 256 MB, at least 512 MB and at most 1 GB or an eighth of the RAM.

    >>> buffer_pool_bytes(Path("/nonexistent/graph.lbdb")) // 2**20
    512
    """
    if configured := os.environ.get("NEWSGRAPH_BUFFER_POOL_MB", "").strip():
        return max(64, int(configured)) * _MB
    wanted = 2 * (_store_bytes(path) if path else 0) + 256 * _MB
    cap = max(POOL_FLOOR_MB * _MB, min(POOL_CAP_MB * _MB, _machine_bytes() // 8))
    return min(cap, max(POOL_FLOOR_MB * _MB, wanted))


def _files_state(path: Path) -> str:
    """The store's files as they stand (name, inode, size, modification time): any commit or
    checkpoint, by any process, changes them. O(1): a few ``stat`` calls."""
    parts = []
    for file in sorted([path, *path.parent.glob(path.name + ".*")]):
        with contextlib.suppress(OSError):
            st = file.stat()
            parts.append(f"{file.name}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _busy_timeout() -> float:
    try:
        return float(os.environ.get("NEWSGRAPH_BUSY_TIMEOUT", "10"))
    except ValueError:
        return 10.0


def _is_transient(exc: Exception) -> bool:
    return _TRANSIENT.search(str(exc)) is not None


def _by_table(nodes: dict[Label, list[dict]]) -> dict[Label, list[dict]]:
    """Node rows per table, keyed by a label of that table: the entity labels' rows together
    (fewer statements), each naming its own ``label``."""
    grouped: dict[Label, list[dict]] = {}
    for label, rows in nodes.items():
        if cy.table_of(label) != cy.ENTITY_TABLE:
            grouped.setdefault(label, []).extend(rows)
            continue
        first = next((key for key in grouped if cy.table_of(key) == cy.ENTITY_TABLE), label)
        grouped.setdefault(first, []).extend({**row, "label": label.value} for row in rows)
    return grouped


def _rels_by_table(round_: dict[tuple[str, Label, Label], list[dict]]) -> dict[tuple[str, Label, Label], list[dict]]:
    """Relationship rows per (type, source table, target table), keyed by the first endpoint
    labels met: one statement where the per-label tables took one per label pair."""
    keys: dict[tuple[str, str, str], tuple[str, Label, Label]] = {}
    grouped: dict[tuple[str, Label, Label], list[dict]] = {}
    for (rel_type, source, target), rows in round_.items():
        key = keys.setdefault((rel_type, cy.table_of(source), cy.table_of(target)), (rel_type, source, target))
        grouped.setdefault(key, []).extend(rows)
    return grouped


class LadybugStore:
    backend = "ladybug"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.uri = str(self.path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; run 'newsgraph ingest' first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.pool_bytes = buffer_pool_bytes(self.path)
        self._reading = False  # inside reading()
        #: where the old files of a store converted from the old layout on opening were kept
        self.migrated_from: Path | None = None
        self._open()
        self._check_layout()
        if not read_only:
            # Checkpointing rewrites every table; with one table per label pair (the old
            # layout) it dominated ingest time when done after each small commit (the default
            # threshold is 16 MB).
            # Checkpoint at a quarter of the pool (dirty pages must not fill it), and on close.
            self._conn.execute(f"CALL checkpoint_threshold={self.pool_bytes // 4}")
            # one transaction: a reader opening the store meanwhile sees all tables or none
            self._conn.execute("BEGIN TRANSACTION")
            for statement in cy.schema_statements():
                self._conn.execute(statement)
            self._conn.execute("COMMIT")

    def _open(self) -> None:
        """Open the database. A reader replays the WAL up to its last complete transaction (a
        writer may be appending to it) and retries while a checkpoint is under way."""
        deadline = time.monotonic() + (_busy_timeout() if self.read_only else 0)
        pause = 0.05
        # A read-only handle reads the store as it was when opened, never later commits: its
        # fingerprint is the files' state then (unsettled if a commit raced the opening).
        before = _files_state(self.path)
        self._open_loop(deadline, pause)
        after = _files_state(self.path)
        self._opened_files = before if before == after else f"unsettled:{uuid.uuid4().hex}"

    def _open_loop(self, deadline: float, pause: float) -> None:
        while True:
            try:
                self._db = ladybug.Database(
                    str(self.path),
                    buffer_pool_size=self.pool_bytes,
                    read_only=self.read_only,
                    throw_on_wal_replay_failure=not self.read_only,
                )
                self._conn = ladybug.Connection(self._db)
                return
            except RuntimeError as exc:
                if "lock" in str(exc).lower() and not self.read_only:
                    raise StoreBusyError(
                        f"store is busy: another newsgraph process is writing to {self.path}; "
                        "wait for it to finish (read-only commands still work)"
                    ) from None
                if not (self.read_only and _is_transient(exc)):
                    raise StoreError(f"cannot open store {self.path}: {str(exc).splitlines()[0]}") from None
                if time.monotonic() > deadline:
                    raise StoreBusyError(
                        f"store is busy: an ingest is writing to {self.path} (or a killed one left a checkpoint "
                        "to finish: open it for writing, e.g. with 'newsgraph ingest'); try again in a moment"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def _check_layout(self) -> None:
        """A store of the old layout (one node table per label, :mod:`~newsgraph.graph.ladybug_migrate`)
        would read as empty: opened for writing it is converted (its old files kept beside it);
        read-only, it is refused saying how to convert it."""
        tables = {row["name"] for row in self._rows(cy.TABLE_NAMES, {})}  # a busy store: StoreBusyError
        if self.read_only and not tables:
            self.close()
            raise StoreError(f"no graph in {self.path} yet: an ingest is creating it, or none ever wrote to it")
        if not is_old_layout(tables):
            return
        self._conn.close()
        self._db.close()
        if self.read_only:
            raise StoreLayoutError(
                f"store {self.path} has the old table layout (one table per label); open it for writing once to "
                "convert it, e.g. 'newsgraph ingest' of any of its sources (nothing is added twice); "
                f"the old files are kept as {self.path.name}{BACKUP_SUFFIX}"
            )
        try:
            self.migrated_from = migrate(self.path, self.pool_bytes)
        except (RuntimeError, OSError) as exc:
            raise StoreLayoutError(
                f"store {self.path} has the old table layout (one table per label) and converting it failed: "
                f"{str(exc).splitlines()[0]}; ingest the sources again into a new store (--store NEW_PATH)"
            ) from None
        self._open()

    # -- writing ---------------------------------------------------------------------------
    def write(self, batch: GraphBatch) -> WriteStats:
        """Write a batch in one transaction; MERGE on ids, so rewriting changes nothing."""
        prepared = prepare_write(batch)
        stats = WriteStats()
        self._conn.execute("BEGIN TRANSACTION")
        created: set[tuple[str, str]] = set()  # (table, id) of the nodes this transaction creates
        try:
            for label, rows in _by_table(prepared.nodes).items():
                for chunk in chunks(rows):
                    created |= self._upsert_nodes(label, chunk)
                    stats.nodes += len(chunk)
            for number, round_ in enumerate(prepared.rounds):
                for (rel_type, source, target), rows in _rels_by_table(round_).items():
                    for chunk in chunks(rows):
                        self._write_relationships(rel_type, source, target, chunk, created if number == 0 else set())
                        stats.relationships += len(chunk)
            if prepared.reported_events:
                self._conn.execute(cy.QUERIES["refresh_reports"], {"ids": sorted(prepared.reported_events)})
            self._bump()
            self._conn.execute("COMMIT")
        except RuntimeError as exc:
            with contextlib.suppress(RuntimeError):  # the failure may have ended the transaction
                self._conn.execute("ROLLBACK")
            message = str(exc).split("\n")[0]
            if "buffer pool is full" in message.lower():
                pool = self.pool_bytes // _MB
                message += f"; raise NEWSGRAPH_BUFFER_POOL_MB (now {pool}) or use a smaller --batch-size"
            raise StoreError(f"write to {self.path} failed, nothing of this batch was kept: {message}") from None
        return stats

    def _write_relationships(
        self, rel_type: str, source: Label, target: Label, rows: list[dict], created: set[tuple[str, str]]
    ) -> None:
        """MERGE the relationships of ``rows``, but CREATE those with an end in ``created``:
        they cannot exist yet (a round of a batch holds each relationship once), and MERGE's
        search for an existing one reads the adjacency of a popular end (docs/benchmarks.md)."""
        new, old = [], []
        source_table, target_table = cy.table_of(source), cy.table_of(target)
        for row in rows:
            (new if (source_table, row["src"]) in created or (target_table, row["dst"]) in created else old).append(row)
        if new:
            self._conn.execute(cy.rel_create(rel_type, source, target, MAX_EVIDENCE), {"rows": new})
        if old:
            self._conn.execute(cy.rel_upsert(rel_type, source, target, MAX_EVIDENCE), {"rows": old})

    def _upsert_nodes(self, label: Label, rows: list[dict]) -> set[tuple[str, str]]:
        """MERGE on ``id`` by hand in ``label``'s table: which ids exist (index lookups), CREATE
        the rest, update those. Returns the (table, id) of the nodes created."""
        ids = [row["id"] for row in rows]
        existing = {row[0] for row in self._conn.execute(cy.existing_ids(label), {"ids": ids}).get_all()}
        new = [row for row in rows if row["id"] not in existing]
        if new:
            self._conn.execute(cy.node_create(label), {"rows": new})
        update = cy.node_update(label)
        if existing and update:
            self._conn.execute(update, {"rows": [row for row in rows if row["id"] in existing]})
        table = cy.table_of(label)
        return {(table, row["id"]) for row in new}

    def _bump(self) -> None:
        """Move the write generation (inside the caller's transaction)."""
        self._conn.execute(cy.BUMP_GENERATION, {"epoch": uuid.uuid4().hex[:16]})

    def _written(self, cypher: str, params: dict[str, Any] | None) -> list[dict]:
        """Run a write and the generation's bump in one transaction."""
        try:
            self._conn.execute("BEGIN TRANSACTION")
        except RuntimeError as exc:  # e.g. a read-only handle
            raise QueryError(str(exc).split("\n")[0]) from None
        try:
            rows = self._rows(cypher, params)
            self._bump()
            self._conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(RuntimeError):  # the failure may have ended the transaction
                self._conn.execute("ROLLBACK")
            raise
        return rows

    def write_state(self) -> WriteState:
        """The write generation, and the store's files as this handle sees them: a read-only
        handle's when it was opened (it reads that state), a writer's now (only it can write)."""
        try:
            rows = self._rows(cy.QUERIES["write_state"], {})
        except QueryError:  # a store made before the generation existed, opened read-only
            rows = []
        row = rows[0] if rows else {"epoch": "", "generation": 0}
        files = self._opened_files if self.read_only else _files_state(self.path)
        return WriteState(epoch=row["epoch"] or "", generation=row["generation"] or 0, fingerprint=files)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Nothing to do: a writable LadybugDB store has one writer process at a time."""
        yield

    # -- reading ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Run the reads until the block ends in one READ ONLY transaction: one snapshot of
        the graph, even while another process writes. Re-entrant."""
        if self._reading:
            yield
            return
        self._conn.execute("BEGIN TRANSACTION READ ONLY")
        self._reading = True
        try:
            yield
        finally:
            self._reading = False
            with contextlib.suppress(RuntimeError):
                self._conn.execute("ROLLBACK")

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False, allow_files: bool = False
    ) -> list[dict]:
        """Run an analyst's Cypher, written for Neo4j (translated and checked by
        :mod:`newsgraph.graph.ladybug_dialect`); read-only (in a READ ONLY transaction) unless
        ``write``; never reading or writing files unless ``allow_files``."""
        cypher = prepare_query(cypher, write=write, allow_files=allow_files)
        if write and not self._reading:
            try:
                return self._written(cypher, params)
            except QueryError as exc:
                if "active transaction" not in str(exc).lower():
                    raise
                # a statement that runs only on its own (CHECKPOINT): then the generation's bump
                rows = self._rows(cypher, params)
                self._written("RETURN 1", None)
                return rows
        if write or self._reading:
            return self._rows(cypher, params)
        self._conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            return self._rows(cypher, params)
        except QueryError as exc:
            if "read-only" in str(exc).lower() or "read only" in str(exc).lower():
                raise WriteRefusedError(f"refused: this query writes; pass --write to allow it ({exc})") from None
            raise
        finally:
            with contextlib.suppress(RuntimeError):  # a failed query may have ended the transaction
                self._conn.execute("ROLLBACK")

    def _rows(self, cypher: str, params: dict[str, Any] | None) -> list[dict]:
        try:
            result = self._conn.execute(cypher, params or {})
            columns = result.get_column_names()
            return [dict(zip(columns, values, strict=True)) for values in result.get_all()]
        except RuntimeError as exc:
            if self.read_only and _is_transient(exc):
                raise StoreBusyError(f"store is busy: an ingest is writing to {self.path}; try again") from None
            raise QueryError(str(exc).split("\n")[0]) from None

    def _nodes_by_id(self, ids: list[str]) -> list[dict]:
        """Ids name their label (``company:openai``): look there by primary key first, and
        scan every table only for ids not found that way."""
        by_label: dict[Label | None, list[str]] = {}
        for node_id in ids:
            by_label.setdefault(_LABEL_OF_PREFIX.get(node_id.split(":", 1)[0]), []).append(node_id)
        rows = []
        for label, group in by_label.items():
            if label is not None:
                rows += self._rows(cy.nodes_in(label), {"ids": group})
        missing = sorted(set(ids) - {row["id"] for row in rows})
        if missing:
            rows += self._rows(cy.QUERIES["nodes_by_id"], {"ids": missing})
        return rows

    def run_named(self, name: str, **params: Any) -> list[dict]:
        if name == "nodes_by_id":
            return self._nodes_by_id(params["ids"])
        if name in cy.EDGE_QUERIES:
            if name in ("edges_in", "edges_out", "steps_in", "steps_out"):
                params.setdefault("since", "")
            text = cy.edge_query(name, params.pop("types"), params.pop("label", None))
        else:
            text = cy.QUERIES[name]
        if name in cy.WRITE_QUERIES and not self._reading:
            return self._written(text, params)
        return self._rows(text, params)

    def has_query(self, name: str) -> bool:
        return name in cy.QUERIES

    def counts(self) -> dict[str, dict[str, int]]:
        return count_by_key(self)

    def to_networkx(self) -> nx.MultiDiGraph:
        from newsgraph.graph.nxgraph import graph_from_rows

        nodes = []
        for row in self.run_named("all_nodes"):
            props = {k: v for k, v in row["props"].items() if not k.startswith("_") and v is not None}
            nodes.append({"id": row["id"], "label": row["label"], **props})
        return graph_from_rows(nodes, self.run_named("all_rels"))

    def write_scores(self, rows: list[dict]) -> None:
        for chunk in chunks(rows):
            self._written(cy.QUERIES["set_scores"], {"rows": chunk})

    def clear(self) -> None:
        """Delete every node and relationship (the schema stays)."""
        for table in cy.NODE_TABLES:
            self._conn.execute(f"MATCH (n:{table}) DETACH DELETE n")
        self._written("RETURN 1", None)  # the generation stays, and moves

    def close(self) -> None:
        if not self.read_only:
            self._conn.execute("CHECKPOINT")
        self._conn.close()
        self._db.close()

    def __enter__(self) -> LadybugStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
