"""Answers an analyst can trust: signed drivers only, windows that follow the data, trending
with support, readable and reproducible communities. Made-up graphs, both stores."""

from __future__ import annotations

import datetime as dt
import random

import networkx as nx
import pytest

from newsgraph.graph.analysis import analyze, communities, community_report
from newsgraph.graph.model import Entity, Event, Fact, GraphBatch, Item, Label, RelType
from newsgraph.queries.affects import affects
from newsgraph.queries.trending import publication, trending
from newsgraph.queries.window import bulk_end, reference_date

D = dt.date


def _item(n: int, day: D, source: str = "feed.xml", url: str | None = None) -> Item:
    return Item(id=f"item:{n}", source=source, title=f"t{n}", text=f"text {n}", date=day, url=url)


def _fact(rel: RelType, src: tuple[str, Label], dst: tuple[str, Label], item: Item | None = None, **kw) -> Fact:
    return Fact(
        type=rel,
        source_id=src[0],
        source_label=src[1],
        target_id=dst[0],
        target_label=dst[1],
        date=item.date if item else None,
        **({"item_id": item.id} if item else {}),
        **kw,
    )


COMPUTE = ("sector:compute", Label.SECTOR)
CHIPMAKER = ("company:zentachip", Label.COMPANY)
LAB = ("company:orbitlab", Label.COMPANY)
BYSTANDER = ("company:quietco", Label.COMPANY)


@pytest.fixture
def signed_graph(store):
    """Two reports of a launch that benefits compute; a digest headline that only names a
    member; an event that hurts a member; a stray item months later."""
    day = D(2026, 1, 10)
    reports = [
        _item(1, day, url="https://a.example/1"),
        _item(2, day + dt.timedelta(days=1), url="https://b.example/2"),
    ]
    headline, hurt, stray = _item(3, day), _item(4, day), _item(5, D(2026, 8, 1))
    fillers = [_item(10 + n, day - dt.timedelta(days=n % 20)) for n in range(40)]  # the bulk of the items
    launch = ("event:launch", Label.EVENT)
    listing = ("event:headlines", Label.EVENT)
    shortage = ("event:shortage", Label.EVENT)
    late = ("event:late", Label.EVENT)
    batch = GraphBatch(
        items=[*reports, headline, hurt, stray, *fillers],
        entities=[
            Entity(id=COMPUTE[0], label=Label.SECTOR, name="compute"),
            Entity(id=CHIPMAKER[0], label=Label.COMPANY, name="Zentachip"),
            Entity(id=LAB[0], label=Label.COMPANY, name="Orbit Lab"),
            Entity(id=BYSTANDER[0], label=Label.COMPANY, name="QuietCo"),
        ],
        events=[
            Event(id=launch[0], title="Orbit Lab opens a GPU cloud", date=day, kind="release"),
            Event(id=listing[0], title="Headlines", date=day, kind="other"),
            Event(id=shortage[0], title="Wafer shortage at Zentachip", date=day, kind="market"),
            Event(id=late[0], title="A later story", date=stray.date, kind="market"),
        ],
        facts=[
            _fact(RelType.IN_SECTOR, CHIPMAKER, COMPUTE, evidence="catalog: Zentachip is in compute"),
            *[_fact(RelType.REPORTS, (r.id, Label.ITEM), launch, r) for r in reports],
            *[
                _fact(RelType.BENEFITS, launch, COMPUTE, r, confidence=0.8, evidence=f"More compute ({r.id}).")
                for r in reports
            ],
            *[
                _fact(RelType.INVOLVES, launch, p, r, evidence="Orbit Lab and QuietCo")
                for r in reports
                for p in (LAB, BYSTANDER)
            ],
            _fact(RelType.INVOLVES, listing, CHIPMAKER, headline, evidence="Zentachip, QuietCo, ..."),
            _fact(RelType.INVOLVES, listing, BYSTANDER, headline, evidence="Zentachip, QuietCo, ..."),
            _fact(RelType.HURTS, shortage, CHIPMAKER, hurt, confidence=0.9, evidence="The shortage hurts Zentachip."),
            _fact(RelType.BENEFITS, late, COMPUTE, stray, confidence=0.9, evidence="Months later."),
        ],
    )
    store.write(batch)
    return store


def test_affects_rows_need_a_signed_path_and_co_mention_only_explains(signed_graph):
    rows = {r.id: r for r in affects(signed_graph, "sector:compute").rows}
    assert set(rows) == {"event:launch", "event:shortage"}  # no participant, no headline list
    assert rows["event:launch"].direction == "up" and rows["event:shortage"].direction == "down"
    assert rows["event:launch"].participants == ["Orbit Lab", "QuietCo"]


def test_members_are_listed_only_when_asked_and_never_as_drivers(signed_graph):
    rows = {r.id: r.direction for r in affects(signed_graph, "sector:compute", members=True).rows}
    assert rows["company:zentachip"] == "member" and "company:quietco" not in rows


def test_an_affects_row_carries_its_support_dates_and_urls(signed_graph):
    row = next(r for r in affects(signed_graph, "sector:compute").rows if r.id == "event:launch")
    assert (row.items, row.events, row.confidence) == (2, 1, 0.8)
    assert (row.first_date, row.date) == ("2026-01-10", "2026-01-11")
    assert row.urls == ["https://b.example/2", "https://a.example/1"]  # newest first


def test_explain_gives_each_edge_of_the_path_with_its_evidence(signed_graph):
    row = next(r for r in affects(signed_graph, "sector:compute").rows if r.id == "event:shortage")
    assert [(s.source, s.type, s.target) for s in row.explain] == [
        ("event:shortage", "HURTS", "company:zentachip"),
        ("company:zentachip", "IN_SECTOR", "sector:compute"),
    ]
    assert row.explain[0].evidence == "The shortage hurts Zentachip." and row.explain[0].item_id == "item:4"
    assert row.explain[1].evidence.startswith("catalog:") and row.explain[1].date is None


def test_the_default_as_of_follows_the_bulk_of_the_items_not_a_stray_feed(signed_graph):
    assert reference_date(signed_graph) == D(2026, 1, 11)
    result = affects(signed_graph, "sector:compute")
    assert result.as_of == "2026-01-11" and "event:late" not in {r.id for r in result.rows}
    later = affects(signed_graph, "sector:compute", as_of=D(2026, 8, 1))
    assert "event:late" in {r.id for r in later.rows}


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({D(2026, 1, d): 10 for d in range(1, 31)} | {D(2026, 7, 1): 20}, D(2026, 1, 30)),
        ({D(2026, 1, d): 10 for d in range(1, 31)} | {D(2026, 2, 5): 5}, D(2026, 2, 5)),
        ({D(2025, 6, 1): 1}, D(2025, 6, 1)),
        ({}, None),
    ],
)
def test_bulk_end_is_the_last_day_of_the_busy_period(counts, expected):
    assert bulk_end(counts) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("c/daily/2026-01-02.md", "c/daily"),
        ("c/cn/2025-12/2025-12-10.md", "c/cn"),
        ("c/issues/25-12-24-not-much.md", "c/issues"),
        ("c/feed_openai.xml", "c/feed_openai.xml"),
    ],
)
def test_a_publication_is_its_source_without_dated_parts(source, expected):
    assert publication(source) == expected


@pytest.fixture
def mentions(store):
    """An advert one newsletter repeats daily, and a company two publications report."""
    base = D(2026, 3, 1)
    items, facts = [], []
    advert = ("product:shinyapp", Label.PRODUCT)
    company = ("company:realco", Label.COMPANY)
    for n in range(7):
        item = _item(100 + n, base + dt.timedelta(days=n), source=f"news/daily/2026-03-0{n + 1}.md")
        items.append(item)
        facts.append(_fact(RelType.MENTIONS, (item.id, Label.ITEM), advert, item))
    for n, source in enumerate(["news/daily/2026-03-05.md", "other/feed.xml", "other/feed.xml"]):
        item = _item(200 + n, base + dt.timedelta(days=4 + n), source=source)
        items.append(item)
        facts.append(_fact(RelType.MENTIONS, (item.id, Label.ITEM), company, item))
    store.write(
        GraphBatch(
            items=items,
            entities=[
                Entity(id=advert[0], label=Label.PRODUCT, name="ShinyApp"),
                Entity(id=company[0], label=Label.COMPANY, name="RealCo"),
            ],
            facts=facts,
        )
    )
    return store


def test_trending_needs_support_from_two_publications(mentions):
    rows = trending(mentions)
    assert [r.name for r in rows] == ["RealCo"]  # the advert is in one newsletter only
    assert rows[0].sources == 2 and rows[0].as_of == "2026-03-07" and rows[0].since == "2026-02-28"
    assert "ShinyApp" in [r.name for r in trending(mentions, min_sources=1)]


def _shuffled(graph: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))
    random.Random(seed).shuffle(nodes)
    random.Random(seed).shuffle(edges)
    copy = nx.MultiDiGraph()
    copy.add_nodes_from(nodes)
    copy.add_edges_from(edges)
    return copy


def _two_cliques() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for group, names in enumerate([["Alpha", "Beta", "Gamma", "Delta"], ["Kilo", "Lima", "Mike"]]):
        for name in names:
            graph.add_node(name.lower(), label="Company", name=name)
        for a in names:
            for b in names:
                if a < b:
                    graph.add_edge(a.lower(), b.lower(), key="PARTNERS_WITH", count=3 if group == 0 else 1)
    graph.add_edge("delta", "kilo", key="COMPETES_WITH", count=1)
    graph.add_node("lonely", label="Model", name="Lonely")
    graph.add_node("solo", label="Company", name="Solo")
    return graph


def test_communities_do_not_depend_on_the_order_the_store_returns_the_graph_in():
    graph = _two_cliques()
    first = communities(graph)
    assert all(communities(_shuffled(graph, seed)) == first for seed in range(5))


def test_community_report_lists_members_labels_and_summarises_single_nodes():
    graph = _two_cliques()
    report = community_report(graph, analyze(graph))
    groups = report["communities"]
    assert [g["size"] for g in groups] == [4, 3]
    assert {m["name"] for m in groups[0]["members"]} == {"Alpha", "Beta", "Gamma", "Delta"}
    assert groups[0]["label"].count(" / ") == 2 and groups[0]["members"][0]["name"] in groups[0]["label"]
    assert report["singletons"] == {"count": 2, "by_label": {"Company": 1, "Model": 1}}
