"""Materialised ``affects`` answers: the same answer hit or miss, stale after any write, never in the way."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph.queries.affects as affects_module
from newsgraph.cli.app import app
from newsgraph.errors import StoreError
from newsgraph.graph.describe import describe_schema
from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.graph.merge import merge_entities
from newsgraph.graph.model import Entity, Event, Fact, GraphBatch, Item, Label, RelType
from newsgraph.graph.schema import BOOKKEEPING
from newsgraph.loaders.synthetic import synthetic_batches
from newsgraph.queries import affects_cache
from newsgraph.queries.affects import affects
from newsgraph.queries.affects_cache import ENV, FileAnswers, GraphAnswers, sidecar_path, warm_affects

TARGET = "sector:compute"
DAY = dt.date(2025, 11, 20)  # news written on this day is the latest: the answers' reference date


@pytest.fixture
def graph(store):
    """A small synthetic graph (150 events, the catalog's sector tree) in each store."""
    for batch in synthetic_batches(150, per_batch=150):
        store.write(batch)
    return store


@pytest.fixture
def walks(monkeypatch) -> list[int]:
    """Counts the walks: a hit answers without one."""
    calls: list[int] = []
    real = affects_module.run_hop

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(affects_module, "run_hop", counting)
    return calls


def _news(n: int) -> GraphBatch:
    """A new event that benefits the target sector: it changes the answer."""
    item = Item(id=f"item:fresh{n}", source="t.txt", title=f"fresh {n}", text="fresh news", date=DAY, lang="en")
    event = Event(id=f"event:fresh{n}", title=f"Fresh event {n}", date=DAY, kind="release")
    return GraphBatch(
        items=[item],
        events=[event],
        entities=[Entity(id=TARGET, label=Label.SECTOR, name="compute")],
        facts=[
            Fact(
                type=RelType.BENEFITS,
                source_id=event.id,
                source_label=Label.EVENT,
                target_id=TARGET,
                target_label=Label.SECTOR,
                item_id=item.id,
                date=DAY,
                confidence=1.0,
                evidence="Fresh capacity comes online.",
            ),
            Fact(
                type=RelType.REPORTS,
                source_id=item.id,
                source_label=Label.ITEM,
                target_id=event.id,
                target_label=Label.EVENT,
                item_id=item.id,
                date=DAY,
                confidence=1.0,
            ),
        ],
    )


def _entries(store) -> int:
    if store.backend == "neo4j":
        return store.query("MATCH (a:AffectsAnswer) RETURN count(a) AS n")[0]["n"]
    path = sidecar_path(store.path)
    if not path.exists():
        return 0
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM answers").fetchone()[0]


def test_a_hit_gives_the_walks_answer_without_walking(graph, walks):
    uncached = affects(graph, TARGET, cache=False)
    walked = len(walks)
    miss = affects(graph, TARGET)
    assert len(walks) == 2 * walked  # computed and stored
    hit = affects(graph, TARGET)
    assert len(walks) == 2 * walked  # read back
    assert uncached.rows, "the test graph must give rows"
    assert hit == miss == uncached
    assert hit.model_dump_json() == uncached.model_dump_json()


def _merge(store):
    merge_entities(store, "company:salesforce", "company:anthropic")


WRITES = {
    "ingest batch": lambda s: s.write(_news(1)),
    "empty batch": lambda s: s.write(GraphBatch()),
    "entity merge (review/resolve)": _merge,
    "cypher --write that only sets a property": lambda s: s.query(
        "MATCH (c:Company {id: 'company:nvidia'}) SET c.name = 'NVDA'", write=True
    ),
    "named write (aliases)": lambda s: s.run_named("set_aliases", id="company:nvidia", aliases=["NV"]),
    "analyze --write-back scores": lambda s: s.write_scores(
        [{"id": "company:nvidia", "pagerank": 0.5, "degree": 1.0, "betweenness": 0.0, "community": 1}]
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_library_write_moves_the_generation_and_the_next_call_walks(graph, walks, write):
    affects(graph, TARGET)
    before = graph.write_state()
    WRITES[write](graph)
    after = graph.write_state()
    assert after.epoch == before.epoch and after.generation > before.generation
    walked = len(walks)
    again = affects(graph, TARGET)
    assert len(walks) > walked, "a stale answer was read back"
    assert again == affects(graph, TARGET, cache=False)


def test_a_new_signed_event_shows_at_once(graph):
    affects(graph, TARGET)
    graph.write(_news(2))
    assert "Fresh event 2" in {row.name for row in affects(graph, TARGET).rows}


def test_clear_moves_the_generation_it_never_starts_it_again(graph):
    before = graph.write_state()
    graph.clear()
    after = graph.write_state()
    assert after.epoch == before.epoch and after.generation > before.generation
    assert _entries(graph) == 0


def test_an_external_write_that_bypasses_the_counter_still_invalidates_on_neo4j(neo4j_store, walks):
    for batch in synthetic_batches(150, per_batch=150):
        neo4j_store.write(batch)
    # the external event is dated on the answer's reference date: inside its window, whatever
    # the synthetic graph's dates (they follow the catalog the generator draws from)
    day = affects(neo4j_store, TARGET).as_of
    generation = neo4j_store.write_state().generation
    # another tool, through the driver: no generation bump, only a new event and edge
    with neo4j_store._driver.session(database=neo4j_store.database) as session:
        session.run(
            "MATCH (s:Sector {id: $target}) CREATE (e:Event {id: 'event:ext', title: 'External event', "
            "date: $day, first_seen: $day, last_seen: $day})-[:BENEFITS {confidence: 1.0, count: 1, "
            "item_ids: ['item:ext'], dates: [$day], evidence: ['from outside'], first_seen: $day, "
            "last_seen: $day}]->(s)",
            target=TARGET,
            day=str(day),
        ).consume()
    assert neo4j_store.write_state().generation == generation  # the counter did not move
    walked = len(walks)
    result = affects(neo4j_store, TARGET)
    assert len(walks) > walked
    assert "External event" in {row.name for row in result.rows}


def test_an_external_write_to_the_embedded_store_invalidates_even_a_property_change(tmp_path, walks):
    import ladybug

    path = tmp_path / "graph.lbdb"
    with LadybugStore(path) as writer:
        for batch in synthetic_batches(150, per_batch=150):
            writer.write(batch)
    with LadybugStore(path, read_only=True) as reader:  # a query command
        assert affects(reader, "company:nvidia").target["name"] == "Nvidia"
    walked = len(walks)
    with LadybugStore(path, read_only=True) as reader:  # another one: reads the answer back
        assert affects(reader, "company:nvidia").target["name"] == "Nvidia"
    assert len(walks) == walked
    # another tool: the same node and relationship counts, one property changed
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("MATCH (c:Entity) WHERE c.id = 'company:nvidia' SET c.name = 'NVDA'")  # raw LadybugDB Cypher
    conn.close()
    db.close()
    with LadybugStore(path, read_only=True) as reader:
        assert affects(reader, "company:nvidia").target["name"] == "NVDA"
    assert len(walks) > walked


def test_options_that_change_the_answer_are_separate_entries(graph, walks):
    variants = [{}, {"depth": 2}, {"limit": 5}, {"since": dt.date(2025, 10, 1)}, {"members": True}]
    first = [affects(graph, TARGET, **options) for options in variants]
    assert _entries(graph) == len(variants)
    walked = len(walks)
    again = [affects(graph, TARGET, **options) for options in variants]
    assert len(walks) == walked  # every one read back
    assert again == first
    assert first == [affects(graph, TARGET, cache=False, **options) for options in variants]
    assert len(first[2].rows) == 5 and len(first[0].rows) > 5


def test_storing_an_answer_does_not_move_the_state_and_stays_out_of_the_graph(graph):
    before = graph.write_state()
    affects(graph, TARGET)
    assert graph.write_state() == before
    counts = graph.counts()
    assert not set(BOOKKEEPING) & set(counts["labels"])
    assert not set(BOOKKEEPING) & {data.get("label") for _, data in graph.to_networkx().nodes(data=True)}
    assert graph.run_named("nodes_by_id", ids=["graph"]) == []
    assert not set(BOOKKEEPING) & set(describe_schema()["labels"])


@pytest.mark.parametrize("failing", ["get", "put"])
def test_a_cache_that_fails_never_fails_the_query(graph, monkeypatch, failing):
    def broken(*args, **kwargs):
        raise StoreError("the cache is unavailable")

    for kind in (GraphAnswers, FileAnswers):
        monkeypatch.setattr(kind, failing, broken)
    assert affects(graph, TARGET) == affects(graph, TARGET, cache=False)
    assert affects(graph, TARGET) == affects(graph, TARGET, cache=False)


def test_an_unwritable_answers_file_leaves_the_embedded_store_answering(ladybug_store, walks):
    for batch in synthetic_batches(150, per_batch=150):
        ladybug_store.write(batch)
    sidecar_path(ladybug_store.path).mkdir()  # sqlite cannot open a folder
    first = affects(ladybug_store, TARGET)
    walked = len(walks)
    assert affects(ladybug_store, TARGET) == first == affects(ladybug_store, TARGET, cache=False)
    assert len(walks) > walked  # nothing stored, nothing read back


def test_the_environment_turns_it_off(graph, walks, monkeypatch):
    monkeypatch.setenv(ENV, "0")
    affects(graph, TARGET)
    walked = len(walks)
    affects(graph, TARGET)
    assert len(walks) == 2 * walked
    assert _entries(graph) == 0
    assert affects_cache.enabled(True) and not affects_cache.enabled(None)


def test_warming_stores_every_sectors_default_answer(graph, walks):
    spent = warm_affects(graph, ["sector:compute", "sector:crypto"])
    assert set(spent) == {"sector:compute", "sector:crypto"}
    walked = len(walks)
    warmed = affects(graph, "sector:crypto")
    assert len(walks) == walked  # read back
    assert warmed == affects(graph, "sector:crypto", cache=False)
    assert _entries(graph) == 2


def _cli_store(store) -> str:
    return store.uri if store.backend == "neo4j" else str(store.path)


@pytest.mark.parametrize("flags", [["--json"], ["--explain"], ["--json", "--members", "--depth", "2"]])
def test_cli_output_is_identical_hit_or_miss(graph, flags):
    runner = CliRunner()
    where = _cli_store(graph)
    if graph.backend == "ladybug":
        graph.close()  # the CLI opens it read-only, as a second process would
    args = ["--store", where, "affects", TARGET, *flags]
    off = runner.invoke(app, args, env={ENV: "0"})
    miss = runner.invoke(app, args)
    hit = runner.invoke(app, args)
    assert off.exit_code == miss.exit_code == hit.exit_code == 0, miss.output
    assert hit.stdout == miss.stdout == off.stdout
    if "--json" in flags:
        assert json.loads(hit.stdout)
    if graph.backend == "ladybug":
        with sqlite3.connect(sidecar_path(Path(where))) as con:
            assert con.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
        graph._open()  # the fixture closes it
    else:
        assert _entries(graph) == 1


def test_a_cypher_write_that_changes_nothing_keeps_the_answers_on_neo4j(neo4j_store, walks):
    for batch in synthetic_batches(150, per_batch=150):
        neo4j_store.write(batch)
    affects(neo4j_store, TARGET)
    before = neo4j_store.write_state()
    neo4j_store.query("MATCH (c:Company {id: 'no-such-company'}) SET c.name = 'x'", write=True)
    assert neo4j_store.write_state() == before  # the server reported no update
    walked = len(walks)
    affects(neo4j_store, TARGET)
    assert len(walks) == walked
