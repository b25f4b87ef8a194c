"""The embedded store's layout: one ``Entity`` node table (its ``_nlabel`` column holds the
label), so that few relationship table pairs exist (each pair a transaction touches costs
memory: docs/benchmarks.md); Neo4j's labels keep their meaning in analysts' Cypher; a store
of the old layout (one node table per label) is refused, not read as empty.
"""

from __future__ import annotations

import re

import ladybug
import pytest

from newsgraph.errors import QueryError, StoreError
from newsgraph.graph import ladybug_cypher as cy
from newsgraph.graph.analyst import run_cypher
from newsgraph.graph.ladybug_store import LadybugStore, StoreLayoutError
from newsgraph.graph.model import ENTITY_LABELS, Label
from newsgraph.loaders.ingest import ingest
from tests.conftest import SEED


@pytest.fixture(scope="module")
def ladybug_seed(tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "graph.lbdb"
    store = LadybugStore(path)
    ingest([SEED], store, rejects_path=path.parent / "rejects.jsonl")
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j_seed(neo4j_uri, tmp_path_factory):
    from newsgraph.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_uri)
    store.clear()
    ingest([SEED], store, rejects_path=tmp_path_factory.mktemp("layout-n4") / "rejects.jsonl")
    yield store
    store.close()


# -- the layout ------------------------------------------------------------------------------------


def test_every_entity_label_lives_in_the_one_entity_table():
    assert {cy.table_of(label) for label in ENTITY_LABELS} == {cy.ENTITY_TABLE}
    assert cy.table_of(Label.EVENT) == "Event" and cy.table_of(Label.ITEM) == "Item"


def test_each_relationship_type_has_at_most_two_table_pairs(tmp_path):
    pairs = cy.rel_tables()
    assert max(len(ends) for ends in pairs.values()) <= 2
    assert sum(len(ends) for ends in pairs.values()) < 25  # the per-label layout had 865
    store = LadybugStore(tmp_path / "g.lbdb")
    try:
        names = {row["name"] for row in store._rows("CALL show_tables() RETURN name", {})}
    finally:
        store.close()
    assert set(cy.NODE_TABLES) <= names
    assert not {label.value for label in ENTITY_LABELS} & names


def test_the_store_reports_each_node_under_its_own_label(ladybug_seed):
    labels = ladybug_seed.counts()["labels"]
    assert "Entity" not in labels
    assert {"Company", "Sector", "Event", "Item"} <= set(labels)
    node = ladybug_seed.run_named("nodes_by_id", ids=["company:openai"])[0]
    assert node["label"] == "Company"


# -- Neo4j's labels in analysts' Cypher: the same rows on both stores --------------------------------

SAME_ANSWER = [
    "MATCH (n:Company) RETURN count(n) AS c",
    "MATCH (n) WHERE n:Company RETURN count(n) AS c",
    "MATCH (n) WHERE n:Company OR n:Sector RETURN count(n) AS c",
    "MATCH (n) WHERE NOT n:Entity RETURN DISTINCT labels(n)[0] AS l, size(labels(n)) AS k ORDER BY l",
    "MATCH (n:Entity) WHERE (n:Sector) RETURN count(n) AS c",
    "MATCH (n:Company:Entity {id: 'company:openai'}) RETURN n.name AS name, labels(n) AS l",
    "MATCH (n:`Company` {}) RETURN count(*) AS c",
    "MATCH (a:Company)-[r:IN_SECTOR]->(b:Sector) RETURN count(r) AS c",
    "MATCH (c:Company) WHERE EXISTS { MATCH (c)-[:IN_SECTOR]->(:Sector) } RETURN count(c) AS c",
    "MATCH (e:Event)-[:INVOLVES]->(x) WHERE x:Company OR x:Model RETURN count(*) AS c",
    "MATCH (n) RETURN labels(n)[0] AS l, labels(n)[-1] AS m, count(*) AS c ORDER BY c DESC, l",
    "MATCH p = (:Company {id: 'company:openai'})-[:IN_SECTOR]->(s) RETURN labels(nodes(p)[1]) AS l",
    "RETURN {Company: 1, id: 'x'} AS m",
]


@pytest.mark.parametrize("query", SAME_ANSWER)
def test_labels_mean_what_they_mean_on_neo4j(ladybug_seed, neo4j_seed, query):
    answer = run_cypher(ladybug_seed, query)
    assert answer == run_cypher(neo4j_seed, query)
    assert answer and answer != [{"c": 0}]


@pytest.mark.parametrize(
    "query",
    ["MATCH (n:Company:Model) RETURN count(n) AS c", "MATCH (n:Company|Model) RETURN count(n) AS c"],
)
def test_a_pattern_of_two_labels_is_refused_saying_what_to_write(ladybug_seed, query):
    with pytest.raises(QueryError, match=re.escape("WHERE n:A OR n:B")):
        run_cypher(ladybug_seed, query)


def test_a_node_created_with_a_label_reads_back_with_it(tmp_path):
    store = LadybugStore(tmp_path / "g.lbdb")
    try:
        run_cypher(store, "CREATE (:Model {id: 'model:made-up', name: 'Made Up'})", write=True)
        rows = run_cypher(store, "MATCH (n:Model {id: 'model:made-up'}) RETURN labels(n) AS l, n")
        assert rows == [
            {"l": ["Model", "Entity"], "n": {"_labels": ["Entity", "Model"], "id": "model:made-up", "name": "Made Up"}}
        ]
        assert run_cypher(store, "MATCH (n:Company) RETURN count(n) AS c") == [{"c": 0}]
        assert store.counts()["labels"] == {"Model": 1}
        with pytest.raises(QueryError, match="super-label"):
            run_cypher(store, "CREATE (:Entity {id: 'x:y'})", write=True)
    finally:
        store.close()


# -- a store of the old layout -----------------------------------------------------------------------


@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_of_the_old_layout_is_refused_in_one_line(tmp_path, read_only):
    path = tmp_path / "old.lbdb"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Company(id STRING PRIMARY KEY, name STRING)")
    conn.execute("CREATE (:Company {id: 'company:old', name: 'Old'})")
    conn.close()
    db.close()
    with pytest.raises(StoreLayoutError) as caught:
        LadybugStore(path, read_only=read_only)
    message = str(caught.value)
    assert isinstance(caught.value, StoreError)
    assert "\n" not in message and str(path) in message and "ingest" in message
    reopened = ladybug.Database(str(path))  # the refused store was closed: no lock is left
    rows = ladybug.Connection(reopened).execute("MATCH (n:Company) RETURN n.id").get_all()
    assert rows == [["company:old"]]  # and nothing in it was changed
    reopened.close()
