"""The embedded store's layout: one ``Entity`` node table (its ``_nlabel`` column holds the
label), so that few relationship table pairs exist (each pair a transaction touches costs
memory: docs/benchmarks.md); Neo4j's labels keep their meaning in analysts' Cypher; a store
of the old layout (one node table per label) is converted when opened for writing and
refused read-only, never read as empty.
"""

from __future__ import annotations

import re

import ladybug
import pytest

from newsgraph.errors import QueryError, StoreError
from newsgraph.graph import ladybug_cypher as cy
from newsgraph.graph.analyst import run_cypher
from newsgraph.graph.ladybug_migrate import BACKUP_SUFFIX
from newsgraph.graph.ladybug_store import LadybugStore, StoreLayoutError
from newsgraph.graph.model import ENTITY_LABELS, Label
from newsgraph.graph.schema import MERGE_DECISION_PROPERTIES, NODE_PROPERTIES, REL_ENDPOINTS, REL_PROPERTIES

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


def _old_layout_store(path):
    """A store as the code before one Entity table wrote it: a node table per label, each
    relationship type with every label pair; a few made-up nodes and relationships."""
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    tables = {label.value: props for label, props in NODE_PROPERTIES.items()} | {
        "MergeDecision": MERGE_DECISION_PROPERTIES
    }
    for table, props in tables.items():
        columns = ", ".join(f"{n} {k}" + (" PRIMARY KEY" if n == "id" else "") for n, k in props.items())
        conn.execute(f"CREATE NODE TABLE {table}({columns})")
    rel_columns = ", ".join(f"{n} {k}" for n, k in REL_PROPERTIES.items())
    for rel, pairs in REL_ENDPOINTS.items():
        ends = ", ".join(f"FROM {a.value} TO {b.value}" for a, b in pairs)
        conn.execute(f"CREATE REL TABLE {rel.value}({ends}, {rel_columns})")
    conn.execute("CREATE (:Company {id: 'company:acme', name: 'Acme', aliases: ['ACME Corp'], pagerank: 0.5})")
    conn.execute("CREATE (:Model {id: 'model:acme-1', name: 'Acme-1', aliases: []})")
    conn.execute("CREATE (:Sector {id: 'sector:widgets', name: 'Widgets', aliases: []})")
    conn.execute("CREATE (:Event {id: 'event:e1', title: 'Acme ships Acme-1', date: '2026-02-03', reports: 1})")
    conn.execute("CREATE (:Item {id: 'item:i1', title: 'Acme ships', text: 'Acme ships Acme-1.', date: '2026-02-03'})")
    conn.execute("CREATE (:MergeDecision {id: 'merge:1', from_id: 'company:acme-inc', into_id: 'company:acme'})")
    conn.execute(
        "MATCH (a:Company {id: 'company:acme'}), (b:Model {id: 'model:acme-1'}) CREATE (a)-[:RELEASED {count: 2, "
        "item_ids: ['item:i1', 'item:i2'], dates: ['2026-02-03', '2026-02-04'], evidence: ['Acme ships Acme-1.'], "
        "confidence: 0.9, first_seen: '2026-02-03', last_seen: '2026-02-04'}]->(b)"
    )
    conn.execute(
        "MATCH (a:Event {id: 'event:e1'}), (b:Sector {id: 'sector:widgets'}) "
        "CREATE (a)-[:BENEFITS {count: 1, item_ids: ['item:i1'], confidence: 0.8}]->(b)"
    )
    conn.execute("MATCH (a:Item {id: 'item:i1'}), (b:Event {id: 'event:e1'}) CREATE (a)-[:REPORTS {count: 1}]->(b)")
    conn.close()
    db.close()


def test_a_store_of_the_old_layout_is_refused_read_only_in_one_line(tmp_path):
    path = tmp_path / "old.lbdb"
    _old_layout_store(path)
    with pytest.raises(StoreLayoutError) as caught:
        LadybugStore(path, read_only=True)
    message = str(caught.value)
    assert isinstance(caught.value, StoreError)
    assert "\n" not in message and str(path) in message and "open it for writing" in message
    reopened = ladybug.Database(str(path), read_only=True)  # closed again, and nothing changed
    assert ladybug.Connection(reopened).execute("MATCH (n:Company) RETURN n.id").get_all() == [["company:acme"]]
    reopened.close()


def test_a_store_of_the_old_layout_opened_for_writing_is_converted_whole(tmp_path):
    path = tmp_path / "old.lbdb"
    _old_layout_store(path)
    store = LadybugStore(path)
    try:
        assert store.migrated_from == tmp_path / f"old.lbdb{BACKUP_SUFFIX}"
        assert store.counts() == {
            "labels": {"Company": 1, "Event": 1, "Item": 1, "MergeDecision": 1, "Model": 1, "Sector": 1},
            "relationships": {"BENEFITS": 1, "RELEASED": 1, "REPORTS": 1},
        }
        rows = run_cypher(store, "MATCH (a:Company)-[r:RELEASED]->(b:Model) RETURN a, r, b")
        assert rows[0]["a"] == {
            "_labels": ["Company", "Entity"],
            "id": "company:acme",
            "name": "Acme",
            "aliases": ["ACME Corp"],
            "pagerank": 0.5,
        }
        assert rows[0]["r"]["item_ids"] == ["item:i1", "item:i2"] and rows[0]["r"]["evidence"] == ["Acme ships Acme-1."]
        assert rows[0]["r"]["count"] == 2 and rows[0]["r"]["last_seen"] == "2026-02-04"
        assert run_cypher(store, "MATCH (e:Event)-[:BENEFITS]->(s:Sector) RETURN e.reports AS n, s.name AS s") == [
            {"n": 1, "s": "Widgets"}
        ]
        assert store.run_named("merges")[0]["into_id"] == "company:acme"
    finally:
        store.close()
    assert LadybugStore(path, read_only=True).migrated_from is None  # converted once
    old = ladybug.Database(str(store.migrated_from), read_only=True)  # the old files are kept as they were
    assert ladybug.Connection(old).execute("MATCH (n:Model) RETURN n.id").get_all() == [["model:acme-1"]]
    old.close()


def test_a_store_with_no_tables_yet_is_refused_read_only_in_one_line(tmp_path):
    """What a reader sees while an ingest is creating the store: never a binder error."""
    path = tmp_path / "new.lbdb"
    ladybug.Database(str(path)).close()
    with pytest.raises(StoreError) as caught:
        LadybugStore(path, read_only=True)
    assert "\n" not in str(caught.value) and "no graph" in str(caught.value)
    LadybugStore(path).close()  # a writer creates every table at once
    with LadybugStore(path, read_only=True) as store:
        assert store.counts()["labels"] == {}
