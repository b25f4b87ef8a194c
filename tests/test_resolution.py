"""One node per real thing: entity matching, reversible merges, and event clustering."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.graph.catalog import default_catalog
from newsgraph.graph.merge import merge_entities, merge_map, unmerge_entity
from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.dedupe import EntityIndex, duplicate_candidates, match_key
from newsgraph.loaders.events import EventIndex
from newsgraph.loaders.extraction import ExtractedEntity, Extraction
from newsgraph.loaders.ingest import ingest

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Menlo Ventures, Inc.", "Menlo Ventures", True),
        ("ＭＥＮＬＯ  ventures", "Menlo Ventures", True),
        ("字節跳動有限公司", "字节跳动", True),
        ("Acme Labs", "Acme Lab", False),
        ("Cisco", "Cis Co", False),
    ],
)
def test_match_key_folds_spelling_but_not_meaning(a, b, same):
    assert (match_key(a) == match_key(b)) is same


def _entity(key: str, name: str, label: Label = Label.COMPANY, known: bool = False) -> ExtractedEntity:
    return ExtractedEntity(key=key, label=label, name=name, surfaces=[name], known=known)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_spellings_of_a_discovered_entity_get_one_id_whichever_comes_first(order):
    index = EntityIndex(default_catalog())
    spellings = [
        Extraction(item_id="i1", lang="en", entities=[_entity("company:zyxorobotics", "Zyxo Robotics")]),
        Extraction(
            item_id="i2",
            lang="en",
            entities=[_entity("company:zyxorobotics-inc", "ZyxoRobotics Inc.")],
            participants=["company:zyxorobotics-inc"],
        ),
    ]
    first, second = (index.canonical(spellings[i]) for i in order)
    assert [e.key for e in first.entities] == [e.key for e in second.entities] == ["company:zyxorobotics"]
    assert second.participants in ([], ["company:zyxorobotics"])


def test_discovered_entities_are_never_matched_across_labels():
    index = EntityIndex(default_catalog())
    index.canonical(Extraction(item_id="i1", lang="en", entities=[_entity("company:orbit", "Orbit")]))
    token = index.canonical(
        Extraction(item_id="i2", lang="en", entities=[_entity("token:orbit", "Orbit", Label.TOKEN)])
    )
    assert token.entities[0].key == "token:orbit"


@pytest.fixture
def duplicated(store, tmp_path):
    """A store where one startup appears under two ids (the second spelling arrived via a merge-less path)."""
    source = _jsonl(
        tmp_path / "news.jsonl",
        [
            {"title": "a", "text": "Zyxo Robotics raises $20 million from Sequoia Capital.", "date": "2026-01-02"},
            {"title": "b", "text": "Nvidia partners with Zyxo Robotics on humanoid robots.", "date": "2026-01-03"},
        ],
    )
    ingest([source], store, rejects_path=tmp_path / "r")
    # a second spelling written directly, as an older ingest without matching would have
    from newsgraph.graph.model import Entity, Fact, GraphBatch, Item

    item = Item(id="item:zx", source="x.jsonl", text="ZYXO Robotic signs with OpenAI", date=dt.date(2026, 1, 5))
    store.write(
        GraphBatch(
            items=[item],
            entities=[
                Entity(
                    id="company:zyxo-robotic",
                    label=Label.COMPANY,
                    name="ZYXO Robotic",
                    first_seen=item.date,
                    last_seen=item.date,
                ),
                Entity(id="company:openai", label=Label.COMPANY, name="OpenAI"),
            ],
            facts=[
                Fact(
                    type=RelType.PARTNERS_WITH,
                    source_id="company:zyxo-robotic",
                    source_label=Label.COMPANY,
                    target_id="company:openai",
                    target_label=Label.COMPANY,
                    item_id=item.id,
                    date=item.date,
                    confidence=0.8,
                    evidence="ZYXO Robotic signs with OpenAI",
                ),
                Fact(
                    type=RelType.MENTIONS,
                    source_id=item.id,
                    source_label=Label.ITEM,
                    target_id="company:zyxo-robotic",
                    target_label=Label.COMPANY,
                    item_id=item.id,
                    date=item.date,
                ),
            ],
        )
    )
    return store


def test_review_lists_the_two_spellings(duplicated):
    pairs = duplicate_candidates(duplicated, default_catalog())
    assert any({p.a, p.b} == {"company:zyxorobotics", "company:zyxo-robotic"} for p in pairs)


def test_merge_moves_facts_and_names_and_unmerge_restores_the_graph(duplicated):
    before = duplicated.counts()
    openai_edges = duplicated.run_named("edges_out", ids=["company:openai"], types=["PARTNERS_WITH"])
    assert openai_edges, "the fixture must hold the partnership to move"
    merge_entities(duplicated, "company:zyxo-robotic", "company:zyxorobotics")
    assert not duplicated.run_named("nodes_by_id", ids=["company:zyxo-robotic"])
    survivor = duplicated.run_named("nodes_by_id", ids=["company:zyxorobotics"])[0]
    assert "ZYXO Robotic" in survivor["aliases"]
    partners = {
        e["id"] for e in duplicated.run_named("edges_out", ids=["company:zyxorobotics"], types=["PARTNERS_WITH"])
    }
    partners |= {
        e["id"] for e in duplicated.run_named("edges_in", ids=["company:zyxorobotics"], types=["PARTNERS_WITH"])
    }
    assert "company:openai" in partners
    assert merge_map(duplicated) == {"company:zyxo-robotic": "company:zyxorobotics"}

    unmerge_entity(duplicated, "company:zyxo-robotic")
    after = duplicated.counts()
    assert after == before
    assert duplicated.run_named("edges_out", ids=["company:openai"], types=["PARTNERS_WITH"]) == openai_edges
    survivor = duplicated.run_named("nodes_by_id", ids=["company:zyxorobotics"])[0]
    assert "ZYXO Robotic" not in (survivor["aliases"] or [])
    assert merge_map(duplicated) == {}


def test_a_merge_decision_survives_later_ingests(duplicated, tmp_path):
    merge_entities(duplicated, "company:zyxo-robotic", "company:zyxorobotics")
    later = _jsonl(
        tmp_path / "later.jsonl", [{"title": "c", "text": "ZYXO Robotic opens a lab in Berlin.", "date": "2026-01-09"}]
    )
    ingest([later], duplicated, rejects_path=tmp_path / "r")
    assert not duplicated.run_named("nodes_by_id", ids=["company:zyxo-robotic"])


def test_merging_across_labels_is_refused(duplicated):
    with pytest.raises(NewsgraphError, match="never merged"):
        merge_entities(duplicated, "company:zyxorobotics", "sector:compute")


def _extraction(kind: str, *participants: str) -> Extraction:
    return Extraction(
        item_id="x",
        lang="en",
        event_kind=kind,
        entities=[_entity(p, p.split(":")[1]) for p in participants],
        participants=list(participants),
    )


@pytest.mark.parametrize(
    ("kind", "participants", "day", "title", "joins"),
    [
        ("partnership", ("company:a", "company:b"), 2, "A and B partnership deal signed", True),
        ("partnership", ("company:a", "company:b"), 2, "Quarterly results of both", False),
        ("partnership", ("company:a", "company:c"), 2, "A and C", False),
        ("release", ("company:a", "company:b"), 2, "A and B", False),
        ("partnership", ("company:a", "company:b"), 9, "A and B", False),
        ("partnership", ("company:a",), 2, "A and B sign a partnership deal", True),
        ("partnership", ("company:a",), 2, "Completely different story", False),
    ],
)
def test_event_clustering_needs_kind_participants_and_dates(kind, participants, day, title, joins):
    index = EventIndex()
    first = index.assign(
        "event:1",
        _extraction("partnership", "company:a", "company:b"),
        dt.date(2026, 1, 1),
        "A and B sign a partnership deal",
    )
    second = index.assign("event:2", _extraction(kind, *participants), dt.date(2026, 1, day), title)
    assert first == "event:1"
    assert (second == "event:1") is joins


def test_items_reporting_the_same_happening_share_one_event_with_all_reports(ladybug_store, tmp_path):
    source = _jsonl(
        tmp_path / "news.jsonl",
        [
            {
                "title": "OpenAI and Microsoft sign partnership",
                "text": "OpenAI and Microsoft sign a new partnership.",
                "date": "2026-01-02",
            },
            {
                "title": "OpenAI, Microsoft partnership",
                "text": "Microsoft and OpenAI announced a partnership deal.",
                "date": "2026-01-03",
            },
        ],
    )
    ingest([source], ladybug_store, rejects_path=tmp_path / "r")
    events = ladybug_store.query(
        "MATCH (i:Item)-[:REPORTS]->(e:Event) RETURN e.id AS id, e.reports AS reports, "
        "e.first_seen AS first, e.last_seen AS last"
    )
    assert len({e["id"] for e in events}) == 1 and len(events) == 2
    assert events[0]["reports"] == 2 and (events[0]["first"], events[0]["last"]) == ("2026-01-02", "2026-01-03")


@pytest.mark.skipif(not (CORPORA / "btc-news-weekly-zh").exists(), reason="../shared/corpora is absent")
def test_consecutive_btc_summaries_give_recurring_topics_several_reports(ladybug_store, tmp_path):
    files = sorted((CORPORA / "btc-news-weekly-zh" / "summaries").glob("2025-10-0*_latest_summary.md"))[:4]
    ingest(files, ladybug_store, rejects_path=tmp_path / "r")
    rows = ladybug_store.query("MATCH (i:Item)-[:REPORTS]->(e:Event) RETURN e.id AS id, count(i) AS n")
    items = sum(r["n"] for r in rows)
    assert any(r["n"] >= 3 for r in rows), "a recurring topic should be one event with several reports"
    assert len(rows) < items, f"{len(rows)} events for {items} items: nothing was clustered"


@pytest.mark.parametrize("chinese_first", [True, False])
def test_a_person_named_in_chinese_and_in_english_is_one_node(chinese_first):
    index = EntityIndex(default_catalog())
    zh = Extraction(item_id="zh", lang="zh", entities=[_entity("person:蔡浩宇", "蔡浩宇", Label.PERSON)])
    en = Extraction(item_id="en", lang="en", entities=[_entity("person:cai-haoyu", "Cai Haoyu", Label.PERSON)])
    found = [index.canonical(x).entities[0].key for x in ((zh, en) if chinese_first else (en, zh))]
    assert found == ["person:caihaoyu", "person:caihaoyu"]


@pytest.mark.skipif(not (CORPORA / "bubblebrain-ai-daily-zh").exists(), reason="../shared/corpora is absent")
def test_parallel_chinese_and_english_digests_share_their_entity_nodes(ladybug_store, tmp_path):
    folder = CORPORA / "bubblebrain-ai-daily-zh" / "daily"
    ingest([folder / "2025-12-03.md", folder / "2025-12-03.en.md"], ladybug_store, rejects_path=tmp_path / "r")
    rows = ladybug_store.query("MATCH (i:Item)-[:MENTIONS]->(x) RETURN x.id AS id, collect(DISTINCT i.lang) AS langs")
    both = {r["id"] for r in rows if sorted(r["langs"]) == ["en", "zh"]}
    assert {"company:openai", "company:deepseek"} & both, "catalog entities named in both languages: one node"
    people = ladybug_store.query("MATCH (p:Person) RETURN p.id AS id, p.name AS name, p.aliases AS aliases")
    cai = [p for p in people if "蔡浩宇" in [p["name"], *(p["aliases"] or [])]]
    assert len(cai) == 1 and "Cai Haoyu" in [cai[0]["name"], *(cai[0]["aliases"] or [])]


def test_a_discovered_spelling_of_a_catalog_entity_gets_the_catalog_id():
    index = EntityIndex(default_catalog())
    found = index.canonical(
        Extraction(item_id="i", lang="en", entities=[_entity("company:1-openai", "1. OpenAI", Label.COMPANY)])
    )
    assert [e.key for e in found.entities] == ["company:openai"] and found.entities[0].known
