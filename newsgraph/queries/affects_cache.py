"""Materialised ``affects`` answers: computed once, read back while the graph has not changed.

An answer is stored under a **key**: the resolved target id, every option that changes the
answer (depth, decay, weights, window and as-of date as given, limit, beam, members, pushdown)
and a version of the answer code (a hash of the modules that compute it). With it goes the
store's **write state** (:class:`~newsgraph.graph.store.WriteState`) read at the start of the
computation: the write generation every library write moves in its own transaction, and a
fingerprint that also moves when another tool writes (Neo4j: node and relationship counts
from its count store; LadybugDB: the store's files). A stored answer is used only while the
state it was computed at is the store's current one; otherwise the answer is computed,
returned, and stored (best effort: a read-only store or a failure to store never fails the
query). The default as-of date (the graph's reference date) is a function of the graph, so
the state covers it.

Where answers live: Neo4j keeps them in the graph (``AffectsAnswer`` nodes, outside every
count, export and listing), where every client of the server sees them; the embedded store
keeps them in an SQLite file beside it (``graph.lbdb-answers.sqlite``), because query
commands open it read-only and a writable handle would take the store's single-writer lock.

``NEWSGRAPH_AFFECTS_CACHE=0`` (or ``affects(..., cache=False)``) turns it off.

Examples
--------
>>> answer_key("sector:compute", {"depth": 3}) == answer_key("sector:compute", {"depth": 3})
True
>>> answer_key("sector:compute", {"depth": 3}) == answer_key("sector:compute", {"depth": 2})
False
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from newsgraph.graph.store import GraphStore, WriteState

if TYPE_CHECKING:
    from newsgraph.queries.affects import AffectsResult

__all__ = [
    "ENV",
    "MAX_ANSWERS",
    "Answers",
    "FileAnswers",
    "GraphAnswers",
    "answer_key",
    "answers_for",
    "code_version",
    "enabled",
    "lookup",
    "remember",
    "sidecar_path",
    "state_of",
    "warm_affects",
]

log = logging.getLogger(__name__)

ENV = "NEWSGRAPH_AFFECTS_CACHE"
#: Answers kept per store (the oldest go first); all of one write state (older ones are dropped).
MAX_ANSWERS = 500
#: The modules whose code computes an answer: any change to them is a new answer version.
_ANSWER_CODE = (
    "queries/affects.py",
    "queries/affects_cache.py",
    "queries/hop.py",
    "queries/names.py",
    "queries/window.py",
    "graph/neo4j_cypher.py",
    "graph/ladybug_cypher.py",
    "graph/ladybug_dialect.py",
)


def enabled(flag: bool | None = None) -> bool:
    """``flag`` if given, else on unless ``NEWSGRAPH_AFFECTS_CACHE`` says 0/off/false/no."""
    if flag is not None:
        return flag
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "false", "no")


@functools.cache
def code_version() -> str:
    """A hash of the answer code's source (falls back to the package version where the
    sources cannot be read)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    try:
        for name in _ANSWER_CODE:
            digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    except OSError:
        from newsgraph import __version__

        return f"package-{__version__}"
    return digest.hexdigest()[:16]


def answer_key(target_id: str, options: dict[str, Any]) -> str:
    """The key of one question: target id, options, answer code version."""
    payload = {"target": target_id, "options": options, "code": code_version()}
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Answers(Protocol):
    """Where a store's answers live."""

    def get(self, key: str) -> tuple[str, str] | None:
        """``(state token, answer JSON)`` stored under ``key``, if any."""
        ...

    def put(self, key: str, state: str, answer: str) -> None: ...


class GraphAnswers:
    """Answers as ``AffectsAnswer`` nodes in the graph (Neo4j): every client sees them."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def get(self, key: str) -> tuple[str, str] | None:
        rows = self.store.run_named("answer_get", id=key)
        return (rows[0]["state"], rows[0]["answer"]) if rows else None

    def put(self, key: str, state: str, answer: str) -> None:
        stored_at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        self.store.run_named("answer_put", id=key, state=state, answer=answer, stored_at=stored_at, keep=MAX_ANSWERS)


class FileAnswers:
    """Answers in an SQLite file beside the embedded store: its readers open it read-only,
    and any number of processes may read and write the file at once."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: str) -> tuple[str, str] | None:
        if not self.path.exists():
            return None
        with contextlib.closing(sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=1.0)) as con:
            row = con.execute("SELECT state, answer FROM answers WHERE id = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def put(self, key: str, state: str, answer: str) -> None:
        stored_at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        with contextlib.closing(sqlite3.connect(self.path, timeout=1.0)) as con, con:
            con.execute(
                "CREATE TABLE IF NOT EXISTS answers "
                "(id TEXT PRIMARY KEY, state TEXT NOT NULL, answer TEXT NOT NULL, stored_at TEXT NOT NULL)"
            )
            con.execute("DELETE FROM answers WHERE state <> ?", (state,))  # never readable again
            con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)", (key, state, answer, stored_at))
            con.execute(
                "DELETE FROM answers WHERE id NOT IN (SELECT id FROM answers ORDER BY stored_at DESC LIMIT ?)",
                (MAX_ANSWERS,),
            )


def sidecar_path(store_path: Path) -> Path:
    """The answers file of an embedded store: ``NAME-answers.sqlite`` beside it (not
    ``NAME.*``, which the store's own files use)."""
    return store_path.parent / f"{store_path.name}-answers.sqlite"


def answers_for(store: GraphStore) -> Answers | None:
    """Where this store's answers live, or None for a store that cannot say its write state."""
    if not hasattr(store, "write_state"):
        return None
    if store.backend == "neo4j":
        return GraphAnswers(store)
    path = getattr(store, "path", None)
    return FileAnswers(sidecar_path(Path(path))) if path is not None else None


def state_of(store: GraphStore) -> WriteState | None:
    """The store's write state, or None when it cannot be read (then nothing is cached)."""
    try:
        return store.write_state()
    except Exception as exc:  # best effort: the query goes on uncached
        log.debug("affects cache: no write state (%s)", exc)
        return None


def lookup(answers: Answers, key: str, state: WriteState) -> AffectsResult | None:
    """The stored answer for ``key`` if it was computed at ``state``; None otherwise."""
    from newsgraph.queries.affects import AffectsResult

    try:
        found = answers.get(key)
        if found is None or found[0] != state.token:
            return None
        return AffectsResult.model_validate_json(found[1])
    except Exception as exc:  # an unreadable cache is a miss
        log.debug("affects cache: lookup failed (%s)", exc)
        return None


def remember(answers: Answers, key: str, state: WriteState, result: AffectsResult) -> bool:
    """Store an answer (best effort): False when it could not be stored."""
    try:
        answers.put(key, state.token, result.model_dump_json())
    except Exception as exc:  # a read-only store, a full disk, a lock: the query still answers
        log.debug("affects cache: could not store (%s)", exc)
        return False
    return True


def warm_affects(store: GraphStore, targets: list[str] | None = None, **options: Any) -> dict[str, float]:
    """Compute and store the answer to ``affects`` for each target (default: every sector in
    the graph) at ``options`` (default: the command's defaults); returns milliseconds per
    target. On the embedded store, warm from a handle opened after the last writer closed
    (closing a writer checkpoints, which changes the files the fingerprint reads)."""
    from newsgraph.queries.affects import affects

    if targets is None:
        targets = sorted(row["id"] for row in store.run_named("entities", labels=["Sector"]))
    spent = {}
    for target in targets:
        start = time.perf_counter()
        affects(store, target, cache=True, **options)
        spent[target] = (time.perf_counter() - start) * 1000
    return spent
