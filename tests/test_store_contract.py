"""The store contract: every backend behaves the same on the same batches."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.errors import QueryError, UnknownNameError, WriteRefusedError
from newsgraph.graph.model import Entity, Event, Fact, GraphBatch, Item, Label, RelType
from newsgraph.graph.schema import check_label, check_rel_type

DAY1, DAY2 = dt.date(2026, 1, 8), dt.date(2026, 1, 9)


def _item(n: int, day: dt.date) -> Item:
    return Item(id=f"item:{n}", source="test.txt", title=f"item {n}", text=f"text {n}", date=day, lang="en")


def _batch(item: Item, evidence: str) -> GraphBatch:
    event = Event(id=f"event:{item.id}", title=item.title, date=item.date, kind="partnership")
    return GraphBatch(
        items=[item],
        events=[event],
        entities=[
            Entity(
                id="company:openai",
                label=Label.COMPANY,
                name="OpenAI",
                aliases=["开放人工智能"],
                first_seen=item.date,
                last_seen=item.date,
            ),
            Entity(
                id="company:google-deepmind",
                label=Label.COMPANY,
                name="Google DeepMind",
                aliases=["DeepMind"],
                first_seen=item.date,
                last_seen=item.date,
            ),
            Entity(id="sector:ai-compute", label=Label.SECTOR, name="AI compute"),
        ],
        facts=[
            # written tail-first on purpose: undirected facts are stored head < tail
            Fact(
                type=RelType.PARTNERS_WITH,
                source_id="company:openai",
                source_label=Label.COMPANY,
                target_id="company:google-deepmind",
                target_label=Label.COMPANY,
                item_id=item.id,
                date=item.date,
                confidence=0.9,
                evidence=evidence,
            ),
            Fact(
                type=RelType.BENEFITS,
                source_id=event.id,
                source_label=Label.EVENT,
                target_id="sector:ai-compute",
                target_label=Label.SECTOR,
                item_id=item.id,
                date=item.date,
                confidence=0.8,
                evidence=evidence,
            ),
            Fact(
                type=RelType.REPORTS,
                source_id=item.id,
                source_label=Label.ITEM,
                target_id=event.id,
                target_label=Label.EVENT,
                item_id=item.id,
                date=item.date,
            ),
        ],
    )


def test_rewriting_the_same_batch_changes_no_counts(store):
    store.write(_batch(_item(1, DAY1), "they partner"))
    before = store.counts()
    store.write(_batch(_item(1, DAY1), "they partner"))
    assert store.counts() == before
    assert before["labels"] == {"Company": 2, "Event": 1, "Item": 1, "Sector": 1}
    assert before["relationships"] == {"BENEFITS": 1, "PARTNERS_WITH": 1, "REPORTS": 1}


def test_a_second_item_accumulates_on_the_same_relationship(store):
    store.write(_batch(_item(1, DAY1), "first sentence"))
    store.write(_batch(_item(2, DAY2), "second sentence"))
    rows = store.run_named("edges_in", ids=["company:openai"], types=["PARTNERS_WITH"])
    assert len(rows) == 1, "undirected facts must be stored once, head < tail"
    edge = rows[0]
    assert edge["id"] == "company:google-deepmind"
    assert edge["count"] == 2
    assert sorted(edge["item_ids"]) == ["item:1", "item:2"]
    assert sorted(edge["evidence"]) == ["first sentence", "second sentence"]
    assert (edge["first_seen"], edge["last_seen"]) == ("2026-01-08", "2026-01-09")
    assert store.counts()["relationships"]["PARTNERS_WITH"] == 1


def test_a_fact_asserted_twice_in_one_batch_about_new_nodes_is_one_relationship(store):
    # the embedded store CREATEs relationships with a new end, and MERGEs the second assertion
    batch = _batch(_item(1, DAY1), "first sentence")
    batch.extend(_batch(_item(2, DAY2), "second sentence"))
    store.write(batch)
    (edge,) = store.run_named("edges_in", ids=["company:openai"], types=["PARTNERS_WITH"])
    assert edge["count"] == 2 and sorted(edge["item_ids"]) == ["item:1", "item:2"]
    assert sorted(edge["evidence"]) == ["first sentence", "second sentence"]
    assert (edge["first_seen"], edge["last_seen"], edge["confidence"]) == ("2026-01-08", "2026-01-09", 0.9)
    store.write(batch)
    assert store.run_named("edges_in", ids=["company:openai"], types=["PARTNERS_WITH"]) == [edge]


def test_entity_first_and_last_seen_widen_and_aliases_accumulate(store):
    store.write(_batch(_item(2, DAY2), "s"))
    store.write(_batch(_item(1, DAY1), "s"))
    node = store.run_named("nodes_by_id", ids=["company:google-deepmind"])[0]
    assert node["label"] == "Company" and node["name"] == "Google DeepMind"
    assert node["aliases"] == ["DeepMind"]
    rows = store.query(
        "MATCH (n:Company {id: $id}) RETURN n.first_seen AS a, n.last_seen AS b", {"id": "company:openai"}
    )
    assert rows == [{"a": "2026-01-08", "b": "2026-01-09"}]


def test_reads_inside_one_read_transaction_answer_as_outside_and_nest(store):
    store.write(_batch(_item(1, DAY1), "s"))
    outside = store.run_named("edges_in", ids=["sector:ai-compute"], types=["BENEFITS"])
    with store.reading():
        with store.reading():  # re-entrant: affects inside a caller's transaction
            assert store.run_named("edges_in", ids=["sector:ai-compute"], types=["BENEFITS"]) == outside
        assert store.run_named("nodes_by_id", ids=["company:openai"])[0]["name"] == "OpenAI"
        assert store.query("MATCH (n:Company) RETURN count(*) AS n") == [{"n": 2}]
    store.write(_batch(_item(2, DAY2), "s"))  # the transaction is over: writes work again
    assert store.counts()["labels"]["Item"] == 2


def test_read_only_cypher_refuses_a_write(store):
    store.write(_batch(_item(1, DAY1), "s"))
    with pytest.raises(WriteRefusedError):
        store.query("MATCH (n:Company {id: 'company:openai'}) SET n.name = 'changed'")
    assert store.run_named("nodes_by_id", ids=["company:openai"])[0]["name"] == "OpenAI"


def test_write_flag_allows_a_write(store):
    store.write(_batch(_item(1, DAY1), "s"))
    store.query("MATCH (n:Company {id: 'company:openai'}) SET n.name = 'Open AI'", write=True)
    assert store.run_named("nodes_by_id", ids=["company:openai"])[0]["name"] == "Open AI"


def test_malformed_cypher_raises_query_error(store):
    with pytest.raises(QueryError):
        store.query("MATCH (n RETURN n")


def test_networkx_graph_has_every_node_and_relationship(store):
    store.write(_batch(_item(1, DAY1), "s"))
    graph = store.to_networkx()
    counts = store.counts()
    assert graph.number_of_nodes() == sum(counts["labels"].values())
    assert graph.number_of_edges() == sum(counts["relationships"].values())
    assert graph.nodes["company:openai"]["label"] == "Company"
    edge = graph.edges["company:google-deepmind", "company:openai", "PARTNERS_WITH"]
    assert edge["evidence"] == ["s"] and edge["item_ids"] == ["item:1"]


@pytest.mark.parametrize("bad", ["Company) DETACH DELETE (n", "company", "Entity"])
def test_labels_are_validated_before_they_reach_a_query(bad):
    with pytest.raises(UnknownNameError):
        check_label(bad)


def test_relationship_types_and_endpoints_are_validated():
    assert check_rel_type("BENEFITS", "Event", "Sector") is RelType.BENEFITS
    with pytest.raises(UnknownNameError):
        check_rel_type("BENEFITS]->() DETACH DELETE (x")
    with pytest.raises(UnknownNameError):
        check_rel_type("SUBSECTOR_OF", "Company", "Sector")


def _rels(store) -> dict:
    rows = store.run_named("all_rels")
    keys = ("src", "type", "dst")
    return {tuple(r[k] for k in keys): {k: v for k, v in r.items() if k not in keys} for r in rows}


def _accumulating_batches() -> list[GraphBatch]:
    """Eight items asserting one relationship (some undated, one twice, confidences up and down)."""
    days = [DAY2, None, DAY1, dt.date(2026, 1, 12), None, dt.date(2026, 1, 3), DAY1, DAY2]
    batches = []
    for n, day in enumerate(days):
        fact = Fact(
            type=RelType.COMPETES_WITH,
            source_id="company:zeta-labs",
            source_label=Label.COMPANY,
            target_id="company:alpha-works",
            target_label=Label.COMPANY,
            item_id=f"item:acc{n}",
            date=day,
            confidence=[0.4, 0.9, 0.2, 0.6, 0.95, 0.1, 0.3, 0.5][n],
            evidence=f"sentence {n}" if n % 3 else "",
        )
        entities = [
            Entity(id="company:zeta-labs", label=Label.COMPANY, name="Zeta Labs"),
            Entity(id="company:alpha-works", label=Label.COMPANY, name="Alpha Works"),
        ]
        batches.append(GraphBatch(entities=entities, facts=[fact, fact] if n == 3 else [fact]))
    return batches


@pytest.mark.parametrize("split", [1, 3, 8])
def test_one_batch_accumulates_exactly_as_item_by_item_writes(store, split):
    """A batch holding many assertions of one relationship gives the relationship that writing
    them one batch at a time gives: count, item order, dates, the first five evidence
    sentences, the highest confidence, first/last seen; and rewriting it changes nothing."""
    batches = _accumulating_batches()
    for batch in batches:
        store.write(batch)
    one_by_one = _rels(store)
    store.clear()
    merged = [GraphBatch() for _ in range(0, len(batches), split)]
    for n, batch in enumerate(batches):
        merged[n // split].extend(batch)
    for batch in [*merged, merged[0]]:
        store.write(batch)
    together = _rels(store)
    assert together == one_by_one
    rel = together[("company:alpha-works", "COMPETES_WITH", "company:zeta-labs")]
    assert rel["count"] == 8 and rel["confidence"] == 0.95 and len(rel["evidence"]) == 5
    assert (rel["first_seen"], rel["last_seen"]) == ("2026-01-03", "2026-01-12")
