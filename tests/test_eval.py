"""``newsgraph.eval``: scoring exactly as ../shared/gold/FORMAT.md says, on a tiny gold file."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import InputError
from newsgraph.eval import GoldItem, evaluate, format_report, gold_norm, read_gold
from newsgraph.graph.catalog import Catalog, CatalogEntry
from newsgraph.graph.model import Label, RelType
from newsgraph.loaders.extraction import ExtractedEntity, ExtractedImpact, ExtractedRelation, Extraction

CATALOG = Catalog(
    [
        CatalogEntry(id="company:nvidia", name="Nvidia", aliases=["英伟达", "NVIDIA"]),
        CatalogEntry(id="company:openai", name="OpenAI"),
        CatalogEntry(id="company:google-deepmind", name="Google DeepMind", aliases=["DeepMind"]),
        CatalogEntry(id="sector:stablecoins", name="stablecoins", aliases=["稳定币"]),
    ]
)

GOLD = [
    {
        "id": "a",
        "lang": "zh",
        "text": "谷歌 DeepMind 与 OpenAI 合作；英伟达投资 Acme。",
        "entities": [
            {"type": "Company", "name": "Google DeepMind", "aliases": ["谷歌 DeepMind"]},
            {"type": "Company", "name": "OpenAI"},
            {"type": "Company", "name": "Nvidia", "aliases": ["英伟达"]},
            {"type": "Company", "name": "Acme Corp", "aliases": ["Acme"]},
        ],
        "relations": [
            {"type": "PARTNERS_WITH", "head": "OpenAI", "tail": "Google DeepMind"},
            {"type": "INVESTS_IN", "head": "Nvidia", "tail": "Acme Corp"},
        ],
        "impacts": [],
    },
    {
        "id": "b",
        "lang": "en",
        "title": "",
        "text": "Stablecoins gain as Nvidia rallies.",
        "entities": [
            {"type": "Sector", "name": "stablecoins", "aliases": ["穩定幣"]},
            {"type": "Company", "name": "Nvidia"},
        ],
        "relations": [],
        "impacts": [{"type": "BENEFITS", "target": "stablecoins"}],
    },
]


def _entity(key, label, name, surfaces=(), known=True):
    return ExtractedEntity(key=key, label=label, name=name, surfaces=list(surfaces), known=known)


PREDICTED = {
    "a": Extraction(
        item_id="a",
        lang="zh",
        entities=[
            # matches through a catalog alias (DeepMind) and a surface (谷歌 DeepMind)
            _entity("company:google-deepmind", Label.COMPANY, "Google DeepMind", ["谷歌 DeepMind"]),
            _entity("company:openai", Label.COMPANY, "OpenAI", ["OpenAI"]),
            # the right name with the wrong type: a false hit and a miss
            _entity("product:nvidia", Label.PRODUCT, "NVIDIA", ["英伟达"], known=False),
            # matches the gold alias "Acme" through its surface only
            _entity("company:acme", Label.COMPANY, "Acme Inc", ["Acme"], known=False),
            # a second prediction for the same gold entity: one of them is a false hit
            _entity("company:acme-2", Label.COMPANY, "ACME", ["acme"], known=False),
        ],
        relations=[
            # undirected, reversed: still a match
            ExtractedRelation(
                type=RelType.PARTNERS_WITH, head="company:google-deepmind", tail="company:openai", evidence="x"
            ),
            # directed and reversed: a false hit (and the gold one is missed)
            ExtractedRelation(type=RelType.INVESTS_IN, head="company:acme", tail="product:nvidia", evidence="x"),
        ],
    ),
    "b": Extraction(
        item_id="b",
        lang="en",
        entities=[
            _entity("sector:stablecoins", Label.SECTOR, "stablecoins", ["Stablecoins"]),
            _entity("company:nvidia", Label.COMPANY, "Nvidia", ["Nvidia"]),
        ],
        impacts=[
            ExtractedImpact(type=RelType.BENEFITS, target="sector:stablecoins", evidence="x"),
            ExtractedImpact(type=RelType.HURTS, target="company:nvidia", evidence="x"),
        ],
    ),
}


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in GOLD) + "\n", encoding="utf-8")
    return path


def fake_extractor(item: GoldItem) -> Extraction:
    return PREDICTED[item.id]


def test_gold_norm_follows_format():
    assert gold_norm("Google  Deep-Mind") == "googledeepmind"
    assert gold_norm("A.X_K1·") == "axk1"
    assert gold_norm("ＯｐｅｎＡＩ") == "openai"
    assert gold_norm("穩定幣") == gold_norm("稳定币")
    assert gold_norm("Claude, Inc") != gold_norm("Claude Inc")  # commas are not removed


def test_scores_follow_the_matching_rules(gold_file):
    report = evaluate(gold_file, catalog=CATALOG, extractor=fake_extractor)
    ent = report.entities
    # gold 6; predicted 7; matched: GDM, OpenAI, Acme (once), stablecoins, Nvidia(b)
    assert (ent.tp, ent.fp, ent.fn) == (5, 2, 1)
    assert ent.by_type["Company"].fn == 1 and ent.by_type["Product"].fp == 1
    assert ent.precision == round(5 / 7, 4) and ent.recall == round(5 / 6, 4)
    rel = report.relations
    assert (rel.tp, rel.fp, rel.fn) == (1, 1, 1)
    assert rel.by_type["PARTNERS_WITH"].tp == 1 and rel.by_type["INVESTS_IN"].fp == 1
    imp = report.impacts
    assert (imp.tp, imp.fp, imp.fn) == (1, 1, 0)
    assert imp.f1 == round(2 * 0.5 * 1.0 / 1.5, 4)


def test_errors_name_the_misses_and_false_hits(gold_file):
    report = evaluate(gold_file, catalog=CATALOG, extractor=fake_extractor)
    a = next(e for e in report.errors if e.id == "a")
    assert a.missed_entities == ["Company:Nvidia"]
    assert any(f.startswith("Product:NVIDIA") for f in a.false_entities)
    assert a.missed_relations == ["INVESTS_IN(Nvidia -> Acme Corp)"]
    b = next(e for e in report.errors if e.id == "b")
    assert b.false_impacts == ["HURTS(Nvidia)"] and not b.missed_impacts


def test_json_and_text_report(gold_file):
    report = evaluate(gold_file, catalog=CATALOG, extractor=fake_extractor)
    data = report.as_json()
    assert set(data) == {"entities", "relations", "impacts"}
    for part in data.values():
        assert {"precision", "recall", "f1", "tp", "fp", "fn", "by_type"} <= set(part)
    assert "errors" in report.as_json(errors=True)
    text = format_report(report, errors=True)
    assert "entities" in text and "PARTNERS_WITH" in text
    assert "missed entity    Company:Nvidia" in text
    assert "== a" not in format_report(report, errors=False)


def test_undirected_only_for_the_two_symmetric_types(tmp_path):
    gold = dict(GOLD[0], relations=[{"type": "COMPETES_WITH", "head": "Google DeepMind", "tail": "OpenAI"}])
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    pred = PREDICTED["a"].model_copy(
        update={
            "relations": [
                ExtractedRelation(
                    type=RelType.COMPETES_WITH, head="company:openai", tail="company:google-deepmind", evidence="x"
                )
            ]
        }
    )
    report = evaluate(path, catalog=CATALOG, extractor=lambda item: pred)
    assert (report.relations.tp, report.relations.fp) == (1, 0)


def test_bad_gold_line_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOLD[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_gold(path)
    path.write_text(json.dumps(dict(GOLD[0], lang="fr")), encoding="utf-8")
    with pytest.raises(InputError, match="lang"):
        read_gold(path)


def test_evaluate_runs_the_real_extractor(tmp_path):
    item = {
        "id": "real",
        "lang": "zh",
        "text": "谷歌 DeepMind 与 OpenAI 正式签署合作协议。",
        "entities": [
            {"type": "Company", "name": "Google DeepMind", "aliases": ["谷歌 DeepMind"]},
            {"type": "Company", "name": "OpenAI"},
        ],
        "relations": [{"type": "PARTNERS_WITH", "head": "OpenAI", "tail": "Google DeepMind"}],
    }
    path = tmp_path / "real.jsonl"
    path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    report = evaluate(path)
    assert report.entities.tp == 2 and report.relations.tp == 1
    assert report.items == 1 and report.items_per_second > 0
