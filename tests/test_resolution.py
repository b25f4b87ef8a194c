"""One node per real thing: entity matching, reversible merges, and event clustering."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.graph.catalog import default_catalog
from newsgraph.graph.merge import merge_entities, merge_map, unmerge_entity
from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.dedupe import EntityIndex, duplicate_candidates, match_key, model_key, supported_names
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


# -- events across sources and languages ------------------------------------------------------


def _named(kind: str, *entities: tuple[str, str, Label]) -> Extraction:
    return Extraction(
        item_id="x",
        lang="en",
        event_kind=kind,
        entities=[_entity(key, name, label) for key, name, label in entities],
        participants=[key for key, _, _ in entities],
    )


ZORB = ("company:zorbtech", "Zorbtech", Label.COMPANY)
KESTREL = ("company:kestrel", "Kestrel", Label.COMPANY)
BITCOIN = ("token:bitcoin", "Bitcoin", Label.TOKEN)


def test_a_chinese_and_an_english_copy_of_one_story_share_one_event():
    index = EventIndex()
    day = dt.date(2026, 3, 2)
    en = index.assign("event:en", _named("partnership", ZORB, KESTREL), day, "Zorbtech teams up with Kestrel")
    zh = index.assign("event:zh", _named("partnership", ZORB, KESTREL), day, "佐布科技与红隼达成合作")
    assert en == zh == "event:en"


def test_a_release_story_joins_whatever_kind_each_report_was_given_within_a_week():
    index = EventIndex()
    model = ("model:quill-7-1", "Quill 7.1", Label.MODEL)
    pro = ("model:quill-7-1-pro", "Quill 7.1 Pro", Label.MODEL)
    first = index.assign("event:1", _named("release", ZORB, model), dt.date(2026, 3, 2), "Zorbtech ships Quill 7.1")
    bench = index.assign("event:2", _named("market", pro), dt.date(2026, 3, 5), "Quill 7.1 Pro tops the charts")
    zh = index.assign("event:3", _named("other", model), dt.date(2026, 3, 6), "Quill 7.1 的价格是上一代的三分之一")
    later = index.assign("event:4", _named("release", model), dt.date(2026, 3, 25), "Quill 7.1 now in the EU")
    assert first == bench == zh == "event:1" and later == "event:4"


def test_a_model_named_in_passing_does_not_make_the_story():
    index = EventIndex()
    model = ("model:quill-7-1", "Quill 7.1", Label.MODEL)
    other = ("model:heron-2", "Heron 2", Label.MODEL)
    index.assign("event:1", _named("release", model), dt.date(2026, 3, 2), "Quill 7.1 is out")
    second = index.assign("event:2", _named("release", other, model), dt.date(2026, 3, 3), "Heron 2 beats Quill 7.1")
    assert second == "event:2"


def test_copies_in_two_languages_need_a_specific_shared_participant():
    """Bitcoin is in every market story of a day: a Chinese and an English market story that
    share only Bitcoin are two happenings."""
    index = EventIndex()
    day = dt.date(2026, 3, 2)
    words = ["miners", "ETF flows", "options expiry", "whales", "funding rates", "Mt Gox", "halving", "treasury"]
    for n, topic in enumerate([*words, "stablecoins", "exchange reserves", "hash price", "Lightning"]):
        index.assign(f"event:b{n}", _named("market", BITCOIN), day, f"{topic} ({n})")
    zh = index.assign("event:zh", _named("market", BITCOIN), day, "比特币今日震荡下行")
    assert zh == "event:zh"


def test_event_clustering_compares_each_item_with_a_bounded_number_of_candidates():
    """Indexed by participant and date bucket: comparisons per item stay flat as the run grows."""
    per_item = []
    for size in (300, 1200):
        rng = random.Random(size)
        index = EventIndex()
        for n in range(size):
            day = dt.date(2026, 1, 1) + dt.timedelta(days=n // 20)
            people = [(f"company:c{rng.randrange(200)}", f"C{n}", Label.COMPANY) for _ in range(2)]
            index.assign(
                f"event:{n}", _named("funding", *people), day, f"Story {rng.random():.6f} about {people[0][1]}"
            )
        per_item.append(index.comparisons / size)
    assert per_item[1] < per_item[0] * 1.5 + 1, per_item


# -- entity resolution at corpus scale ----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Claude 4.5 Haiku", "Claude Haiku 4.5", True),
        ("Gemini 3.0", "Gemini 3", True),
        ("Quill-7-1", "Quill 7.1", True),
        ("Heron系列大模型", "Heron", True),
        ("GPT-4", "GPT-4o", False),
        ("Claude Opus 4.5", "Claude Sonnet 4.5", False),
        ("Qwen2.5-7B", "Qwen2.5-72B", False),
    ],
)
def test_model_names_match_by_family_tier_and_version_in_any_order(a, b, same):
    assert (model_key(a) == model_key(b)) is same
    index = EntityIndex(default_catalog())
    first = index.canonical(Extraction(item_id="1", lang="en", entities=[_entity("model:a", a, Label.MODEL)]))
    second = index.canonical(Extraction(item_id="2", lang="en", entities=[_entity("model:b", b, Label.MODEL)]))
    assert (first.entities[0].key == second.entities[0].key) is same


@pytest.mark.parametrize(
    ("known", "handle", "same"),
    [
        ("Zorbtech", "@ZorbtechAI", True),
        ("Zorbtech", "ZorbtechHQ", True),
        ("Zorbtech", "ZorbAI", False),  # the stem names nothing known
        ("Kestrel Labs", "@KestrelAI", True),  # the handle of Kestrel Labs without its "Labs"
        ("Kestrel", "@KestrelFan", False),  # not an owner's handle suffix
    ],
)
def test_a_handle_is_its_owner_only_when_its_stem_names_a_known_entity(known, handle, same):
    index = EntityIndex(default_catalog())
    owner = index.canonical(Extraction(item_id="1", lang="en", entities=[_entity("company:x", known)]))
    found = index.canonical(Extraction(item_id="2", lang="en", entities=[_entity("company:y", handle)]))
    assert (found.entities[0].key == owner.entities[0].key) is same


def test_one_name_under_two_labels_is_one_node():
    index = EntityIndex(default_catalog())
    product = index.canonical(
        Extraction(item_id="1", lang="en", entities=[_entity("product:zorb-drive", "Zorb Drive", Label.PRODUCT)])
    )
    company = index.canonical(
        Extraction(item_id="2", lang="en", entities=[_entity("company:zorb-drive", "Zorb Drive", Label.COMPANY)])
    )
    assert company.entities[0].key == product.entities[0].key and company.entities[0].label is Label.PRODUCT


def test_an_alias_needs_the_name_or_the_catalog_to_vouch_for_it():
    catalog = default_catalog()
    forms = supported_names("Company", "Zorbtech", ["Zorbtech Inc.", "ZORBTECH", "Walt Disney", "Kestrel"], catalog)
    assert forms == ["Zorbtech", "Zorbtech Inc.", "ZORBTECH"]
    nvidia = supported_names("Company", "Nvidia", ["英伟达", "Walt Disney"], catalog, "company:nvidia")
    assert "英伟达" in nvidia and "Walt Disney" not in nvidia


def test_review_ranks_strong_evidence_first_and_skips_a_short_differing_word(store, tmp_path):
    from newsgraph.graph.model import Entity, GraphBatch

    def company(key: str, name: str, aliases: list[str] | None = None) -> Entity:
        return Entity(id=f"company:{key}", label=Label.COMPANY, name=name, aliases=aliases or [])

    store.write(
        GraphBatch(
            entities=[
                company("zorb-skill", "Zorb Skill"),
                company("zorb-skills", "Zorb Skills"),
                company("zorb-pay", "Zorb Pay"),
                company("zorb-play", "Zorb Play"),
                company("kestrel-one", "Kestrel One", ["Heronworks"]),
                company("heronworks", "Heronworks"),
                company("google", "Google"),  # in the catalog: Google Labs is a division
                company("googlelabs", "Google Labs"),
                company("quillon", "Quillon"),
                company("quillonai", "Quillon AI"),
            ]
        )
    )
    pairs = duplicate_candidates(store, default_catalog())
    found = [({p.a, p.b}, p.reason) for p in pairs]
    assert found[0][0] == {"company:zorb-skill", "company:zorb-skills"} and "plural" in found[0][1]
    assert ({"company:heronworks", "company:kestrel-one"}, found[-1][1]) == found[-1] and "alias" in found[-1][1]
    assert not any(pair == {"company:zorb-pay", "company:zorb-play"} for pair, _ in found)
    assert ({"company:quillon", "company:quillonai"}, "one is the other without its AI / Labs") in found
    assert not any(pair == {"company:google", "company:googlelabs"} for pair, _ in found)


# -- sense checks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity", "linked"),
    [
        ("这家公司认为，机器人行业正迎来寒武纪大爆发。", "company:cambricon", False),
        ("寒武纪发布了新一代云端训练芯片。", "company:cambricon", True),
        ("某矿企披露11月全网算力占比提升，总算力上升8%。", "sector:compute", False),
        ("AI热潮推动算力需求激增。", "sector:compute", True),
        ("元宇宙概念在消费电子展上再次被提起。", "sector:gamefi", False),
        ("链游代币与元宇宙项目普涨。", "sector:gamefi", True),
    ],
)
def test_an_ambiguous_catalog_form_is_the_entity_only_in_its_context(text, entity, linked):
    from newsgraph.loaders.extract import extract_text

    assert (entity in {e.key for e in extract_text(text, "zh").entities}) is linked


@pytest.mark.parametrize(
    ("zh_title", "joins"),
    [
        ("Vexa 浏览器悄悄上线了 Summarizer API，无需联网即可生成摘要", True),
        ("Vexa 浏览器推出分屏功能，可并排打开两个标签页", False),  # the same product, another feature
    ],
)
def test_a_one_participant_copy_in_the_other_language_needs_its_latin_words_to_agree(zh_title, joins):
    vexa = ("product:vexa", "Vexa", Label.PRODUCT)
    index = EventIndex()
    day = dt.date(2026, 3, 2)
    index.assign(
        "event:en", _named("release", vexa), day, "Vexa browser quietly ships a Summarizer API for offline use"
    )
    zh = index.assign("event:zh", _named("other", vexa), day, zh_title)
    assert (zh == "event:en") is joins


@pytest.mark.parametrize(
    ("known", "seen", "same"),
    [
        ("Zorbtech AI", "Zorbtech", True),  # a company named without its " AI"
        ("Zorbtech Labs", "Zorbtech", True),
        ("Zorbtech", "Zorbtech Labs", False),  # a known name plus "Labs" is as often a division
        ("ZorbtechAI", "Zorbtech", False),  # "AI" is not a separate word
    ],
)
def test_a_company_named_without_its_ai_or_labs_is_the_same_company(known, seen, same):
    index = EntityIndex(default_catalog())
    first = index.canonical(Extraction(item_id="1", lang="en", entities=[_entity("company:a", known)]))
    second = index.canonical(Extraction(item_id="2", lang="en", entities=[_entity("company:b", seen)]))
    assert (first.entities[0].key == second.entities[0].key) is same


def test_a_tier_of_one_version_is_another_release():
    """GPT-5 and GPT-5 Mini share a version, but Mini is another model; Opus 4.5 is Claude Opus 4.5."""
    index = EventIndex()
    base = ("model:quill-7", "Quill 7", Label.MODEL)
    mini = ("model:quill-7-mini", "Quill 7 Mini", Label.MODEL)
    short = ("model:quill-7-short", "Zorb Quill 7", Label.MODEL)
    first = index.assign("event:1", _named("release", base), dt.date(2026, 3, 2), "Quill 7 is out")
    other = index.assign("event:2", _named("other", mini), dt.date(2026, 3, 3), "Quill 7 Mini disappoints")
    same = index.assign("event:3", _named("market", short), dt.date(2026, 3, 3), "Zorb Quill 7 prices cut")
    assert (first, other, same) == ("event:1", "event:2", "event:1")


def test_entities_written_in_one_batch_keep_their_own_aliases(store):
    """An entity with no alias written after one with aliases must not inherit them (the
    embedded store once evaluated an empty list to the previous row's aliases)."""
    from newsgraph.graph.model import Entity, GraphBatch

    names = {"company:a1": ["A One"], "company:b2": [], "company:c3": ["C Three"], "company:d4": []}
    batch = GraphBatch(
        entities=[Entity(id=k, label=Label.COMPANY, name=k.upper(), aliases=v) for k, v in names.items()]
    )
    store.write(batch)
    store.write(batch)  # the update path too
    stored = {r["id"]: r["aliases"] or [] for r in store.run_named("entities", labels=["Company"])}
    assert stored == names
