"""The Neo4j store, through the official driver.

The database name is bound once, when the store is made (never sent as a query
parameter), so reads and writes always hit the same database. Constraints and indexes are
created on first use. Writes are batched ``UNWIND ... MERGE`` in explicit transactions,
retried by the driver on transient errors (``execute_write``). Analysts' Cypher runs in
read transactions unless ``write=True``; a write attempted there is refused by the server.
Credentials come from the URI (``bolt://user:pass@host:7687``) or ``NEO4J_USERNAME`` /
``NEO4J_PASSWORD``. Routing URIs (``neo4j://``, ``neo4j+s://``) work with clusters and Aura.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import networkx as nx
from neo4j import GraphDatabase, Query, RoutingControl
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from newsgraph.errors import QueryError, StoreError, WriteRefusedError
from newsgraph.graph import neo4j_cypher as cy
from newsgraph.graph.model import ENTITY_LABELS, GraphBatch, Label, WriteStats
from newsgraph.graph.nxgraph import graph_from_rows
from newsgraph.graph.store import MAX_EVIDENCE, WriteState, chunks, count_by_key, prepare_write

__all__ = ["Neo4jStore"]


def _split_credentials(uri: str) -> tuple[str, tuple[str, str]]:
    parts = urlsplit(uri)
    user = unquote(parts.username) if parts.username else os.environ.get("NEO4J_USERNAME", "neo4j")
    password = unquote(parts.password) if parts.password else os.environ.get("NEO4J_PASSWORD", "neo4j")
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), (user, password)


def _redact(uri: str) -> str:
    """A URI without its password, for messages."""
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", uri)


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:300]


def _plain(value: Any) -> Any:
    """Driver values as plain, JSON-ready Python."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {
            "_type": value.type,
            "_start": value.start_node.get("id"),
            "_end": value.end_node.get("id"),
            **{k: _plain(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _refusal(exc: Exception, uri: str, database: str | None) -> StoreError | None:
    """The store error for a driver error that says the store cannot be used at all (wrong
    database, credentials, server unreachable); None for an error of one query."""
    code = getattr(exc, "code", None) or ""
    message = (getattr(exc, "message", None) or str(exc)).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, neo4j_errors.AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
        return StoreError(f"Neo4j at {uri} refused the credentials: {message}")
    if "CredentialsExpired" in code:
        return StoreError(f"Neo4j at {uri}: the password has expired; change it (ALTER CURRENT USER) and retry")
    if code.startswith("Neo.ClientError.Security."):
        return StoreError(f"Neo4j at {uri} refused access: {message}")
    if "DatabaseNotFound" in code or "DatabaseUnavailable" in code:
        return StoreError(f"Neo4j at {uri} has no usable database {database or '(default)'!r}: {message}")
    if isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return StoreError(f"cannot reach Neo4j at {uri}: {message}")
    return None


def _bump() -> tuple[str, dict]:
    """The statement that moves the write generation, and its parameters."""
    return cy.BUMP_GENERATION, {"epoch": uuid.uuid4().hex[:16]}


#: Attempts of a write batch that meets a constraint violation (two writers creating the
#: same node at once: the retry finds it and MERGEs onto it). Transient errors (deadlocks,
#: leader changes) are retried by the driver's ``execute_write``.
WRITE_ATTEMPTS = 5


class Neo4jStore:
    backend = "neo4j"

    def __init__(self, uri: str, *, database: str | None = None) -> None:
        try:
            self.uri, auth = _split_credentials(uri)
        except ValueError as exc:  # a port that is not a number or out of range
            raise StoreError(f"bad Neo4j URI {_redact(uri)}: {exc}") from None
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        try:
            # Optional properties (an item without url) are simply absent; don't warn about them.
            self._driver = GraphDatabase.driver(
                self.uri,
                auth=auth,
                notifications_disabled_classifications=["UNRECOGNIZED"],
                connection_timeout=float(os.environ.get("NEWSGRAPH_NEO4J_CONNECT_TIMEOUT", "15")),
            )
            self._driver.verify_connectivity()
            # Check the database exists and the credentials may read it (expired passwords
            # pass verify_connectivity and fail the first query).
            self._driver.execute_query("RETURN 1", database_=self.database, routing_=RoutingControl.READ)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            self._close_quietly()
            raise _refusal(exc, self.uri, self.database) or StoreError(
                f"cannot use Neo4j at {self.uri}: {_one_line(exc)}"
            ) from None
        except (ValueError, OSError) as exc:
            self._close_quietly()
            raise StoreError(f"cannot reach Neo4j at {self.uri}: {_one_line(exc)}") from None
        self._schema_ready = False
        self._read_tx = None  # the transaction of reading(), while one is open
        self._lock_tx = None  # the transaction of exclusive(), while one is open

    def _close_quietly(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            with contextlib.suppress(Exception):
                driver.close()

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver errors as the project's store errors, one line each."""
        try:
            yield
        except StoreError:
            raise
        except neo4j_errors.ClientError as exc:
            refusal = _refusal(exc, self.uri, self.database)
            if refusal is not None:
                raise refusal from None
            raise QueryError(f"{doing}: {_one_line(exc)}") from None
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise _refusal(exc, self.uri, self.database) or StoreError(f"{doing}: {_one_line(exc)}") from None

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._errors(f"creating the constraints in Neo4j at {self.uri}"):
            for statement in cy.schema_statements():
                self._driver.execute_query(statement, database_=self.database)
        self._schema_ready = True

    # -- writing ---------------------------------------------------------------------------
    def write(self, batch: GraphBatch) -> WriteStats:
        """Write a batch in one transaction (retried on transient errors and on constraint
        violations): one statement for all its nodes, one per relationship type (and kind of
        ends) with one row per relationship; every MERGE on a uniqueness-constrained id."""
        self._ensure_schema()
        prepared = prepare_write(batch)
        entities = [
            {**row, "label": label.value}
            for label, rows in prepared.nodes.items()
            if label in ENTITY_LABELS  # the label is set from the row: only schema labels
            for row in rows
        ]
        statements: list[tuple[str, dict]] = [
            (
                cy.node_batch(),
                {
                    "entities": entities,
                    "events": prepared.nodes.get(Label.EVENT, []),
                    "items": prepared.nodes.get(Label.ITEM, []),
                },
            )
        ]
        # one statement per relationship type and kind of ends (entities all match as Entity)
        by_text: dict[str, list[dict]] = {}
        for (rel_type, source, target), rows in prepared.merged.items():
            by_text.setdefault(cy.rel_upsert(rel_type, source, target, MAX_EVIDENCE), []).extend(rows)
        statements += [(text, {"rows": rows}) for text, rows in by_text.items()]
        if prepared.reported_events:
            statements.append((cy.QUERIES["refresh_reports"], {"ids": sorted(prepared.reported_events)}))
        statements.append(_bump())  # last: the generation's lock is held only until the commit

        def work(tx: Any) -> None:
            for text, params in statements:
                tx.run(cy.STABLE_PLAN + text, params).consume()

        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._driver.session(database=self.database) as session:
                    session.execute_write(work)
                break
            except neo4j_errors.ConstraintError:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise StoreError(
                        f"write to Neo4j at {self.uri} failed, nothing of this batch was kept: "
                        f"constraint violations in {WRITE_ATTEMPTS} attempts"
                    ) from None
                time.sleep(0.05 * (attempt + 1))
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                raise _refusal(exc, self.uri, self.database) or StoreError(
                    f"write to Neo4j at {self.uri} failed, nothing of this batch was kept: {_one_line(exc)}"
                ) from None
        return WriteStats(
            nodes=sum(len(rows) for rows in prepared.nodes.values()),
            relationships=sum(len(rows) for round_ in prepared.rounds for rows in round_.values()),
        )

    # -- reading ---------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]:
        """Run Cypher in a read transaction, or a write transaction when ``write``."""
        try:
            if write:

                def work(tx: Any) -> list:
                    result = tx.run(cypher, params or {})
                    rows = list(result)
                    if result.consume().counters.contains_updates:  # wrote: the generation moves with it
                        tx.run(*_bump()).consume()
                    return rows

                with self._driver.session(database=self.database) as session:
                    records = session.execute_write(work)
            else:
                with self._driver.session(database=self.database, default_access_mode="READ") as session:
                    records = session.execute_read(lambda tx: list(tx.run(cypher, params or {})))
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "WriteOnReadOnlyAccess" in code or "ForbiddenOnReadOnlyDatabase" in code:
                raise WriteRefusedError(
                    f"refused: this query writes; pass --write to allow it ({exc.message})"
                ) from None
            refusal = _refusal(exc, self.uri, self.database)
            if refusal is not None:
                raise refusal from None
            raise QueryError(exc.message or str(exc)) from None
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise _refusal(exc, self.uri, self.database) or StoreError(
                f"query on Neo4j at {self.uri} failed: {_one_line(exc)}"
            ) from None
        return [{k: _plain(v) for k, v in record.items()} for record in records]

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the ingest lock until the block ends: a transaction that MERGEs the one
        ``IngestLock`` node (uniqueness-constrained, so a second writer's MERGE waits for the
        first transaction to end) and is rolled back afterwards, leaving nothing in the graph.
        Re-entrant."""
        if self._lock_tx is not None:
            yield
            return
        # the constraints first: creating one inside the block would wait for the lock's own
        # transaction (schema changes wait for open transactions), a deadlock
        self._ensure_schema()
        session = self._driver.session(database=self.database)
        try:
            with self._errors(f"the ingest lock on Neo4j at {self.uri}"):
                tx = session.begin_transaction()
                tx.run(cy.INGEST_LOCK, id="ingest").consume()
            self._lock_tx = tx
            try:
                yield
            finally:
                self._lock_tx = None
                with contextlib.suppress(neo4j_errors.Neo4jError, neo4j_errors.DriverError):
                    tx.rollback()
        finally:
            session.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Run the named read queries inside one read transaction until the block ends: one
        round trip per query instead of three. Neo4j reads are read-committed, so this is not
        a snapshot; a transient error inside it is not retried (a lone query is). Re-entrant."""
        if self._read_tx is not None:
            yield
            return
        session = self._driver.session(database=self.database, default_access_mode="READ")
        with session, session.begin_transaction() as tx:
            self._read_tx = tx
            try:
                yield
            finally:
                self._read_tx = None

    def run_named(self, name: str, **params: Any) -> list[dict]:
        if name in ("edges_in", "edges_out", "steps_in", "steps_out"):
            params.setdefault("since", "")
        if name in cy.EDGE_QUERIES:
            text = cy.edge_query(name, params.pop("types"), params.pop("label", None))
        elif name in cy.BUILT_QUERIES:
            text = cy.BUILT_QUERIES[name](params.pop("expansions"))
        else:
            text = cy.QUERIES[name]
        with self._errors(f"query {name!r} on Neo4j at {self.uri}"):
            if self._read_tx is not None and name not in cy.WRITE_QUERIES:
                return [dict(record) for record in self._read_tx.run(text, params)]
            if name in cy.WRITE_QUERIES and name not in cy.BOOKKEEPING_WRITES:
                return self._write_named(text, params)
            routing = RoutingControl.WRITE if name in cy.WRITE_QUERIES else RoutingControl.READ
            records, _, _ = self._driver.execute_query(text, params, database_=self.database, routing_=routing)
        return [dict(record) for record in records]  # named queries return plain values only

    def _write_named(self, text: str, params: dict[str, Any]) -> list[dict]:
        """A named write and the generation's bump, in one transaction."""
        self._ensure_schema()  # the generation's uniqueness constraint

        def work(tx: Any) -> list[dict]:
            rows = [dict(record) for record in tx.run(text, params)]
            tx.run(*_bump()).consume()
            return rows

        with self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    def write_state(self) -> WriteState:
        """The write generation and the count store's node and relationship counts (O(1))."""
        row = self.run_named("write_state")[0]
        return WriteState(
            epoch=row["epoch"] or "", generation=row["generation"] or 0, fingerprint=f"{row['nodes']}/{row['rels']}"
        )

    def has_query(self, name: str) -> bool:
        return name in cy.QUERIES or name in cy.BUILT_QUERIES

    def counts(self) -> dict[str, dict[str, int]]:
        return count_by_key(self)

    def to_networkx(self) -> nx.MultiDiGraph:
        nodes = [{"id": r["id"], "label": r["label"], **r["props"]} for r in self.run_named("all_nodes")]
        return graph_from_rows(nodes, self.run_named("all_rels"))

    def write_scores(self, rows: list[dict]) -> None:
        for chunk in chunks(rows):
            self.run_named("set_scores", rows=chunk)

    def clear(self) -> None:
        """Delete every node and relationship newsgraph wrote (constraints stay)."""
        with self._errors(f"clearing Neo4j at {self.uri}"), self._driver.session(database=self.database) as session:
            # Relationships first, then nodes, in small transactions: a hub's DETACH DELETE in
            # one go can exceed the server's transaction memory. Auto-commit, as CALL ... IN
            # TRANSACTIONS requires.
            session.run(Query("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS")).consume()
            for label in [*Label, "MergeDecision", "AffectsAnswer"]:
                session.run(
                    Query(f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 5000 ROWS")
                ).consume()
            # the generation stays (and moves): answers of the graph before are never read again
            session.run(*_bump()).consume()

    def explain(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        """The plan of a query (``EXPLAIN``), for checking that MERGEs seek an index."""
        with self._driver.session(database=self.database) as session:
            return session.run("EXPLAIN " + cypher, params or {}).consume().plan

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
