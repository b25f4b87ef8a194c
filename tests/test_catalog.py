"""The packaged entity catalog: it loads, it is large and consistent, and users can extend it."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import pytest
import yaml

from newsgraph.errors import CatalogError
from newsgraph.graph.catalog import Catalog, default_catalog, load_catalog
from newsgraph.graph.model import ENTITY_LABELS, Label, normalise_name


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _packaged_files() -> list[tuple[str, list[dict]]]:
    folder = resources.files("newsgraph.graph") / "data" / "catalog"
    files = []
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if resource.name.endswith((".yaml", ".yml")):
            files.append((resource.name, yaml.safe_load(resource.read_text(encoding="utf-8")) or []))
    return files


# --- the packaged catalog ---------------------------------------------------------------


def test_packaged_catalog_loads_and_is_large(catalog: Catalog) -> None:
    assert len(catalog) >= 500
    assert len(catalog.sectors()) >= 40


@pytest.mark.parametrize("label", ENTITY_LABELS, ids=lambda label: label.value)
def test_every_label_is_represented(catalog: Catalog, label: Label) -> None:
    assert any(entry.label is label for entry in catalog.entries.values())


def test_packaged_files_do_not_repeat_ids() -> None:
    counts = Counter(record["id"] for _, records in _packaged_files() for record in records)
    assert [entity_id for entity_id, n in counts.items() if n > 1] == []


def test_every_sector_reference_resolves(catalog: Catalog) -> None:
    for entry in catalog.entries.values():
        for ref in entry.sectors:
            target = catalog.get(ref)
            assert target is not None, f"{entry.id}: unknown sector {ref}"
            assert target.label is Label.SECTOR, f"{entry.id}: {ref} is not a sector"


def test_sector_tree_is_rooted(catalog: Catalog) -> None:
    # Every sector is reachable from some root (a sector without parents).
    roots = [s.id for s in catalog.sectors() if not s.sectors]
    reachable = {sid for root in roots for sid in catalog.subsectors(root)}
    assert {s.id for s in catalog.sectors()} <= reachable


def test_no_two_entries_of_a_label_share_a_surface_form(catalog: Catalog) -> None:
    owners: dict[tuple[Label, str], set[str]] = defaultdict(set)
    for entry in catalog.entries.values():
        for form in entry.surface_forms:
            owners[(entry.label, normalise_name(form))].add(entry.id)
    clashes = {f"{label.value}:{form}": sorted(ids) for (label, form), ids in owners.items() if len(ids) > 1}
    assert clashes == {}


# Aliases match case-insensitively, so an alias that is an everyday word matches everywhere.
GENERIC_ALIASES = {
    "ai", "base", "render", "near", "one", "sui", "fed", "who", "the", "arm", "block", "strategy",
    "gate", "x", "sky", "flow", "maker", "bullish", "operator", "instinct", "curve", "compound", "quant",
    "reliance", "galaxy", "riot", "anchorage", "cadence", "lightspeed", "most", "mbs", "asic", "npc",
    "浪潮", "曙光", "地平线", "雪崩", "沙盒", "虫洞", "抹茶", "央行", "海螺", "国税局", "金融委员会",
}  # fmt: skip


def test_aliases_are_not_everyday_words(catalog: Catalog) -> None:
    offenders = []
    for entry in catalog.entries.values():
        if entry.label is Label.SECTOR:
            continue  # sector aliases are industry words by design
        name = normalise_name(entry.name)
        for alias in entry.aliases:
            folded = normalise_name(alias)
            if folded != name and folded in GENERIC_ALIASES:
                offenders.append(f"{entry.id}: {alias}")
    assert offenders == []


# Tickers match case-sensitively, but these upper-case strings are common abbreviations in news.
AMBIGUOUS_TICKERS = {"AI", "ATH", "IP", "ZK", "NOT", "IT", "A", "S", "W", "AR", "GT", "US", "CEO", "ETF", "SMR",
                     "ASIC", "ICE", "ON", "NOW", "MA", "TRUMP", "GOAT", "MON", "CAN", "BE", "JD"}  # fmt: skip


def test_tickers_avoid_common_abbreviations(catalog: Catalog) -> None:
    offenders = [f"{e.id}: {t}" for e in catalog.entries.values() for t in e.tickers if t in AMBIGUOUS_TICKERS]
    assert offenders == []


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        ("比特币", "token:bitcoin"),
        ("以太坊", "token:ethereum"),
        ("泰达币", "token:usdt"),
        ("Tether", "company:tether"),
        ("微策略", "company:strategy"),
        ("币安", "company:binance"),
        ("贝莱德", "company:blackrock"),
        ("字节跳动", "company:bytedance"),
        ("月之暗面", "company:moonshot-ai"),
        ("深度求索", "company:deepseek"),
        ("台积电", "company:tsmc"),
        ("Grok", "model:grok"),
        ("Nano Banana", "model:nano-banana"),
        ("豆包", "model:doubao"),
        ("Claude Code", "product:claude-code"),
        ("H20", "product:h20"),
        ("昇腾", "product:ascend"),
        ("奥特曼", "person:sam-altman"),
        ("黄仁勋", "person:jensen-huang"),
        ("美联储", "agency:federal-reserve"),
        ("美国证监会", "agency:sec"),
        ("港证监会", "agency:hk-sfc"),
        ("新加坡金管局", "agency:mas"),
        ("国家网信办", "agency:cac"),
        ("美国政府", "agency:us-government"),
        ("ADIA", "agency:adia"),
        ("日本", "country:japan"),
        ("星际之门", "initiative:stargate"),
        ("GENIUS 法案", "initiative:genius-act"),
        ("稳定币", "sector:stablecoins"),
        ("预测市场", "sector:prediction-markets"),
    ],
)
def test_lookup_finds_known_entities(catalog: Catalog, surface: str, entity_id: str) -> None:
    assert entity_id in [entry.id for entry in catalog.lookup(surface)]


@pytest.mark.parametrize(
    ("ticker", "entity_id"),
    [("BTC", "token:bitcoin"), ("$ETH", "token:ethereum"), ("TAO", "token:bittensor"), ("NVDA", "company:nvidia")],
)
def test_tickers_are_looked_up(catalog: Catalog, ticker: str, entity_id: str) -> None:
    assert [entry.id for entry in catalog.lookup_ticker(ticker)] == [entity_id]


def test_tickers_are_case_sensitive(catalog: Catalog) -> None:
    assert catalog.lookup_ticker("btc") == []
    assert catalog.lookup_ticker("Near") == []


# --- user catalog files -----------------------------------------------------------------


def test_user_file_adds_and_overrides_entries(tmp_path: Path, catalog: Catalog) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- {id: 'company:example-labs', name: Example Labs, aliases: [示例实验室], sectors: ['sector:ai-labs']}\n"
        "- {id: 'company:openai', name: OpenAI, aliases: [OAI 集团]}\n",
        encoding="utf-8",
    )
    extended = load_catalog([extra])
    assert len(extended) == len(catalog) + 1
    assert [e.id for e in extended.lookup("示例实验室")] == ["company:example-labs"]
    assert extended.get("company:example-labs").sectors == ["sector:ai-labs"]
    openai = extended.get("company:openai")
    assert openai.aliases == ["OAI 集团"]
    assert [e.id for e in extended.lookup("OAI 集团")] == ["company:openai"]
    assert extended.lookup("开放人工智能") == []  # the packaged aliases are replaced


def test_user_files_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yml"
    first.write_text("- {id: 'token:example-coin', name: Example Coin, tickers: [EXC]}\n", encoding="utf-8")
    second.write_text("- {id: 'token:example-coin', name: Example Coin 2}\n", encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CATALOG", f"{first}{os.pathsep}{second}")
    default_catalog.cache_clear()
    try:
        entry = default_catalog().get("token:example-coin")
        assert entry is not None and entry.name == "Example Coin 2"  # the later file wins
    finally:
        monkeypatch.delenv("NEWSGRAPH_CATALOG")
        default_catalog.cache_clear()


VALID = "- {id: 'company:fine', name: Fine}\n"


@pytest.mark.parametrize(
    ("entry", "ident", "field"),
    [
        ("- {id: 'widget:thing', name: Thing}", "widget:thing", "id"),
        ("- {id: 'company:two words', name: Two}", "company:two words", "id"),
        ("- {id: 'company:nameless'}", "company:nameless", "name"),
        ("- {id: 'company:blank', name: Blank, aliases: ['  ']}", "company:blank", "aliases"),
        ("- {id: 'company:scalar', name: Scalar, aliases: just-a-string}", "company:scalar", "aliases"),
        ("- {id: 'company:extra', name: Extra, colour: red}", "company:extra", "colour"),
        ("- {name: No Id}", "?", "id"),
    ],
)
def test_invalid_user_file_names_file_entry_and_field(tmp_path: Path, entry: str, ident: str, field: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID + entry + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as excinfo:
        load_catalog([bad])
    message = str(excinfo.value)
    assert str(bad) in message
    assert f"entry 2 ({ident})" in message
    assert f"field '{field}'" in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [("{id: 'company:x', name: X}\n", "a catalog file is a YAML list"), ("- [unclosed\n", "not valid YAML")],
)
def test_malformed_user_file_names_the_file(tmp_path: Path, text: str, reason: str) -> None:
    bad = tmp_path / "malformed.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=reason) as excinfo:
        load_catalog([bad])
    assert str(bad) in str(excinfo.value)


def test_missing_user_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(CatalogError) as excinfo:
        load_catalog([missing])
    assert str(missing) in str(excinfo.value)


def test_unknown_sector_reference_names_entry_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "sectors.yaml"
    bad.write_text("- {id: 'company:lost', name: Lost, sectors: ['sector:nowhere']}\n", encoding="utf-8")
    with pytest.raises(CatalogError) as excinfo:
        load_catalog([bad])
    assert "company:lost" in str(excinfo.value)
    assert "field 'sectors'" in str(excinfo.value)
    assert "sector:nowhere" in str(excinfo.value)


def test_empty_user_file_is_allowed(tmp_path: Path, catalog: Catalog) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert len(load_catalog([empty])) == len(catalog)
