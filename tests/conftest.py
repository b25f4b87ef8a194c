"""Shared fixtures: the sample digest, and both stores (embedded and a real Neo4j)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgraph.graph.ladybug_store import LadybugStore

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "digest-2026-01-09.zh.txt"
BACKENDS = ["ladybug", "neo4j"]


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def neo4j_uri():
    """A running Neo4j: NEWSGRAPH_TEST_NEO4J_URI, or one started by tools/neo4j-server.

    In CI (CI=true) a Neo4j that cannot start fails the run; elsewhere the tests skip.
    """
    from tests.neo4j_server import ensure_neo4j, neo4j_unavailable_reason, stop_started_neo4j

    uri = ensure_neo4j()
    if uri is None:
        reason = neo4j_unavailable_reason()
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Neo4j is required in CI: {reason}")
        pytest.skip(reason)
    yield uri
    stop_started_neo4j()  # only a server this session started; one started by hand or CI stays


@pytest.fixture
def neo4j_store(neo4j_uri: str):
    from newsgraph.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_uri)
    store.clear()
    yield store
    store.close()


@pytest.fixture
def ladybug_store(tmp_path: Path):
    store = LadybugStore(tmp_path / "graph.lbdb")
    yield store
    store.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest):
    """Each test using ``store`` runs once per backend."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="module")
def ladybug_seed(tmp_path_factory):
    """An embedded store holding the seed digest, shared by one test module."""
    path = tmp_path_factory.mktemp("seeded") / "graph.lbdb"
    store = LadybugStore(path)
    from newsgraph.loaders.ingest import ingest

    ingest([SEED], store, rejects_path=path.parent / "rejects.jsonl")
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j_seed(neo4j_uri, tmp_path_factory):
    """Neo4j holding the seed digest, shared by one test module (cleared first)."""
    from newsgraph.graph.neo4j_store import Neo4jStore
    from newsgraph.loaders.ingest import ingest

    store = Neo4jStore(neo4j_uri)
    store.clear()
    ingest([SEED], store, rejects_path=tmp_path_factory.mktemp("seeded-n4") / "rejects.jsonl")
    yield store
    store.close()
