"""LadybugDB's plans for the writes and lookups that run per batch: primary-key lookups,
never a scan of a node table joined to the batch (which made a load quadratic in the
store's size: docs/benchmarks.md)."""

from __future__ import annotations

import re

import pytest

from newsgraph.graph import ladybug_cypher as cy
from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.graph.model import Label, RelType
from newsgraph.graph.schema import REL_ENDPOINTS
from newsgraph.graph.store import MAX_EVIDENCE


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    store = LadybugStore(tmp_path_factory.mktemp("plans") / "graph.lbdb")
    yield store._conn
    store.close()


def _operators(conn, cypher: str, params: dict) -> set[str]:
    plan = conn.execute("EXPLAIN " + cypher, params).get_all()[0][0]
    return set(re.findall(r"([A-Z_]+)\[\d+\]", plan))


NODE_ROW = {"id": "x", "name": "X", "aliases": [], "first_seen": None, "last_seen": None}
LOOKUPS = {
    "existing ids": lambda label: (cy.existing_ids(label), {"ids": ["x"]}),
    "update": lambda label: (cy.node_update(label) or cy.existing_ids(label), {"rows": [NODE_ROW], "ids": ["x"]}),
}


@pytest.mark.parametrize("label", [Label.COMPANY, Label.SECTOR, Label.EVENT, Label.ITEM])
@pytest.mark.parametrize("what", sorted(LOOKUPS))
def test_node_upserts_look_ids_up_in_the_primary_key_index(conn, label, what):
    cypher, params = LOOKUPS[what](label)
    operators = _operators(conn, cypher, params)
    assert "QUERY_PRIMARY_KEY_LOOKUP" in operators
    assert "SCAN_NODE_TABLE" not in operators, operators


LOOKUP_QUERIES = {
    "items_by_id": cy.QUERIES["items_by_id"],
    "events_by_id": cy.QUERIES["events_by_id"],
    "nodes_by_id in a company table": cy.nodes_in(Label.COMPANY),
    "nodes_by_id in the event table": cy.nodes_in(Label.EVENT),
}


@pytest.mark.parametrize("name", sorted(LOOKUP_QUERIES))
def test_lookups_by_id_use_the_primary_key_index(conn, name):
    operators = _operators(conn, LOOKUP_QUERIES[name], {"ids": ["x"]})
    assert "QUERY_PRIMARY_KEY_LOOKUP" in operators
    assert "SCAN_NODE_TABLE" not in operators, operators


@pytest.mark.parametrize(
    ("rel", "source", "target"),
    [
        (RelType.INVOLVES, Label.EVENT, Label.COMPANY),
        (RelType.MENTIONS, Label.ITEM, Label.TOKEN),
        (RelType.BENEFITS, *REL_ENDPOINTS[RelType.BENEFITS][0]),
    ],
)
@pytest.mark.parametrize("build", [cy.rel_upsert, cy.rel_create])
def test_relationship_writes_find_both_ends_by_primary_key_not_by_cross_product(conn, rel, source, target, build):
    row = {"src": "a", "dst": "b", "item_id": "i", "date": None, "confidence": 1.0, "evidence": None, "role": None}
    operators = _operators(conn, build(rel.value, source, target, MAX_EVIDENCE), {"rows": [row]})
    assert "QUERY_PRIMARY_KEY_LOOKUP" in operators
    assert "CROSS_PRODUCT" not in operators, operators
