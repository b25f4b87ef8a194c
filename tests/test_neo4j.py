"""What only Neo4j has: constraints, index-backed MERGEs, read routing, connection errors."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from newsgraph.errors import QueryError, StoreError
from newsgraph.graph import neo4j_cypher as cy
from newsgraph.graph.model import Label, RelType
from newsgraph.graph.neo4j_store import Neo4jStore, _split_credentials
from newsgraph.graph.schema import REL_ENDPOINTS
from newsgraph.graph.store import MAX_EVIDENCE
from newsgraph.loaders.ingest import ingest


def _operators(plan) -> list[str]:
    names = [plan.operator_type if hasattr(plan, "operator_type") else plan["operatorType"]]
    children = plan.children if hasattr(plan, "children") else plan.get("children", [])
    for child in children:
        names += _operators(child)
    return names


def test_the_server_is_neo4j_5_26(neo4j_store):
    rows = neo4j_store.query("CALL dbms.components() YIELD name, versions, edition RETURN *")
    assert rows[0]["versions"][0].startswith("5.26"), rows
    print(f"Neo4j {rows[0]['versions'][0]} {rows[0]['edition']}")


def test_uniqueness_constraints_cover_the_id_of_every_node_written(neo4j_store, seed_path, tmp_path):
    ingest([seed_path], neo4j_store, rejects_path=tmp_path / "r.jsonl")
    rows = neo4j_store.query("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN *")
    unique = {row["labelsOrTypes"][0] for row in rows if row["type"] == "UNIQUENESS" and row["properties"] == ["id"]}
    written = {r["key"] for r in neo4j_store.run_named("count_labels")}
    assert written <= unique and "Entity" in unique
    assert {"Event", "Item"} <= written


@pytest.mark.parametrize("label", list(Label))
def test_node_merge_seeks_the_id_index_never_scans_the_label(neo4j_store, label):
    neo4j_store._ensure_schema()
    operators = _operators(neo4j_store.explain(cy.node_upsert(label), {"rows": []}))
    assert not any("LabelScan" in op or "AllNodesScan" in op for op in operators), operators
    assert any("NodeUniqueIndexSeek" in op for op in operators), operators


@pytest.mark.parametrize("statement", ["entity_upsert", "node_batch"])
def test_batched_node_writes_seek_the_id_index_never_scan(neo4j_store, statement):
    neo4j_store._ensure_schema()
    params = {"rows": [], "entities": [], "events": [], "items": []}
    operators = _operators(neo4j_store.explain(getattr(cy, statement)(), params))
    assert not any("LabelScan" in op or "AllNodesScan" in op or "RelationshipsScan" in op for op in operators)
    assert sum("NodeUniqueIndexSeek" in op for op in operators) >= (3 if statement == "node_batch" else 1), operators


def test_a_batch_is_a_few_statements_whatever_its_size(neo4j_store, monkeypatch):
    """One statement for the nodes, one per relationship type present, one for report counts:
    a 500-event batch is not hundreds of statements, nor one per label pair."""
    from newsgraph.loaders.synthetic import synthetic_batches

    sent: list[str] = []
    real_run = None

    def spy(tx, text, params):
        sent.append(text)
        return real_run(tx, text, params)

    import neo4j

    neo4j_store._ensure_schema()  # the constraints are made once, before the first batch
    real_run = neo4j.ManagedTransaction.run
    monkeypatch.setattr(neo4j.ManagedTransaction, "run", spy)
    batch = next(iter(synthetic_batches(500)))
    neo4j_store.write(batch)
    types = {fact.type for fact in batch.facts}
    assert len(sent) <= 1 + len(types) + 1 + 2, len(sent)  # nodes, types (+ event/entity ends), reports
    assert all(text.startswith(cy.STABLE_PLAN) for text in sent)


@pytest.mark.parametrize(
    ("rel", "source", "target"),
    [
        (RelType.BENEFITS, Label.EVENT, Label.SECTOR),
        (RelType.PARTNERS_WITH, Label.COMPANY, Label.COMPANY),
        (RelType.MENTIONS, Label.ITEM, Label.TOKEN),
        (RelType.IN_SECTOR, Label.TOKEN, Label.SECTOR),
    ],
)
def test_relationship_merge_seeks_both_ends_by_index(neo4j_store, rel, source, target):
    assert (source, target) in REL_ENDPOINTS[rel]
    neo4j_store._ensure_schema()
    operators = _operators(neo4j_store.explain(cy.rel_upsert(rel.value, source, target, MAX_EVIDENCE), {"rows": []}))
    assert not any("LabelScan" in op or "AllNodesScan" in op for op in operators), operators
    assert sum("NodeUniqueIndexSeek" in op for op in operators) >= 2, operators


def test_lookup_queries_seek_ids_through_the_index(neo4j_store):
    neo4j_store._ensure_schema()
    for name in ("nodes_by_id", "items_by_id"):
        operators = _operators(neo4j_store.explain(cy.QUERIES[name], {"ids": ["x"]}))
        assert not any("AllNodesScan" in op or "LabelScan" in op for op in operators), (name, operators)


def test_unreachable_server_is_a_clear_store_error():
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        Neo4jStore("bolt://127.0.0.1:9")


def test_credentials_come_from_the_uri_not_the_query_channel():
    uri, auth = _split_credentials("neo4j+s://alice:s%40cret@example.databases.neo4j.io:7687")
    assert uri == "neo4j+s://example.databases.neo4j.io:7687"
    assert auth == ("alice", "s@cret")


@pytest.mark.parametrize(
    "uri",
    ["bolt://127.0.0.1:99999", "bolt://127.0.0.1:notaport", "neo4j://127.0.0.1:9", "bolt://user:pw@127.0.0.1:0"],
)
def test_a_bad_port_is_a_one_line_store_error(uri):
    with pytest.raises(StoreError) as caught:
        Neo4jStore(uri)
    message = str(caught.value)
    assert "\n" not in message and "Neo4j" in message
    assert "pw" not in message  # the password never reaches a message


def test_an_unknown_database_name_is_a_one_line_store_error_at_open(neo4j_uri):
    with pytest.raises(StoreError, match=r"no usable database 'nosuchdb'") as caught:
        Neo4jStore(neo4j_uri, database="nosuchdb")
    assert "\n" not in str(caught.value)


@pytest.fixture(scope="module")
def auth_neo4j(neo4j_uri, tmp_path_factory):
    """A second test server with authentication on (a fresh one: user neo4j, password neo4j,
    which must be changed before any query: expired credentials)."""
    state = tmp_path_factory.mktemp("neo4j-auth")
    conf = state / "auth.conf"
    conf.write_text("dbms.security.auth_enabled=true\n")
    env = {**os.environ, "NEWSGRAPH_NEO4J_STATE_DIR": str(state), "NEO4J_CONF_FILE": str(conf), "NEO4J_HEAP": "512m"}
    script = Path(__file__).resolve().parents[1] / "tools" / "neo4j-server"
    done = subprocess.run([str(script), "start"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    try:
        yield done.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(script), "stop"], env=env, capture_output=True, timeout=120)


def test_expired_credentials_are_a_one_line_store_error(auth_neo4j):
    with pytest.raises(StoreError, match="password has expired") as caught:
        Neo4jStore(auth_neo4j.replace("bolt://", "bolt://neo4j:neo4j@"))
    assert "\n" not in str(caught.value)


def test_wrong_credentials_are_a_one_line_store_error(auth_neo4j):
    with pytest.raises(StoreError, match="refused the credentials") as caught:
        Neo4jStore(auth_neo4j.replace("bolt://", "bolt://neo4j:wrong-secret@"))
    assert "\n" not in str(caught.value) and "wrong-secret" not in str(caught.value)


@pytest.fixture
def csv_over_http(tmp_path):
    """A real HTTP server on loopback serving a small CSV file (stopped after the test)."""
    import functools
    import http.server
    import threading

    (tmp_path / "rows.csv").write_text("name\nmade-up row\n", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/rows.csv", tmp_path / "rows.csv"
    finally:
        server.shutdown()
        server.server_close()


def test_the_test_server_refuses_load_csv_from_files_and_urls(neo4j_store, csv_over_http):
    """tools/neo4j-server disables LOAD CSV from file:/// and from every address, as a
    production server should (docs/reliability.md), even for a URL that answers."""
    url, path = csv_over_http
    from urllib.request import urlopen

    with urlopen(url, timeout=10) as answer:  # the file is there and served
        assert b"made-up row" in answer.read()
    for source, reason in ((url, "ip_blocklist"), (path.as_uri(), "allow_csv_import_from_file_urls")):
        with pytest.raises(QueryError, match=reason):
            neo4j_store.query(f"LOAD CSV WITH HEADERS FROM '{source}' AS row RETURN row.name AS name")


def test_a_second_writers_exclusive_block_waits_for_the_first_and_leaves_nothing(neo4j_store, neo4j_uri):
    """The ingest lock: while one store holds ``exclusive()``, another's waits; afterwards no
    IngestLock node is left in the graph."""
    import threading
    import time

    neo4j_store._ensure_schema()
    order: list[str] = []
    entered = threading.Event()

    def second() -> None:
        entered.wait(10)
        with Neo4jStore(neo4j_uri) as other, other.exclusive():
            order.append("second in")

    thread = threading.Thread(target=second)
    thread.start()
    with neo4j_store.exclusive():
        order.append("first in")
        entered.set()
        time.sleep(1.0)  # the second store tries to enter meanwhile
        order.append("first out")
    thread.join(30)
    assert order == ["first in", "first out", "second in"]
    assert neo4j_store.query("MATCH (l:IngestLock) RETURN count(l) AS n") == [{"n": 0}]
