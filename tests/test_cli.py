"""The CLI end to end on the embedded store: ingest, demo, affects, stats, cypher, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.app import app

runner = CliRunner()


def run(store: Path, *args: str):
    return runner.invoke(app, ["--store", str(store), *args], catch_exceptions=False)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "graph.lbdb"


@pytest.fixture
def ingested(store_path: Path, seed_path: Path, tmp_path: Path) -> Path:
    result = run(store_path, "ingest", str(seed_path), "--json", "--rejects", str(tmp_path / "rejects.jsonl"))
    assert result.exit_code == 0, result.output
    return store_path


def test_ingest_json_summary_has_the_documented_keys(store_path, seed_path):
    result = run(store_path, "ingest", str(seed_path), "--json")
    summary = json.loads(result.stdout)
    for key in ("items_read", "items_new", "items_known", "rejected", "entities", "facts"):
        assert key in summary
    assert summary["items_read"] == summary["items_new"] == 8
    assert summary["rejected"] == 0 and summary["entities"] > 10 and summary["facts"] > 20


def test_ingesting_the_seed_twice_changes_no_counts(ingested, seed_path):
    before = json.loads(run(ingested, "stats", "--json").stdout)
    again = json.loads(run(ingested, "ingest", str(seed_path.parent), "--json").stdout)
    assert again["items_new"] == 0 and again["items_known"] == 8
    assert json.loads(run(ingested, "stats", "--json").stdout) == before


def test_stats_json_is_identical_for_two_identical_runs(tmp_path, seed_path):
    outputs = []
    for name in ("a", "b"):
        store = tmp_path / name
        run(store, "ingest", str(seed_path), "-q")
        outputs.append(run(store, "stats", "--json").stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["labels"]["Item"] == 8


def test_affects_compute_json_rows_carry_the_explanation(ingested):
    result = run(ingested, "affects", "compute", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    for key in ("id", "label", "name", "score", "direction", "path", "date", "evidence", "item_id"):
        assert key in rows[0]
    by_id = {row["id"]: row for row in rows}
    genesis = [r for r in rows if r["label"] == "Event" and "创世纪" in r["name"]]
    assert genesis and genesis[0]["direction"] == "up" and genesis[0]["date"] == "2026-01-09"
    # the event's participants explain its row; co-mention never makes a row of its own
    explained = set(genesis[0]["participants"])
    assert {"Google DeepMind", "OpenAI", "US Department of Energy", "Genesis Mission"} <= explained
    assert not {"company:google-deepmind", "company:openai", "agency:us-department-of-energy"} & set(by_id)
    assert genesis[0]["items"] == 1 and genesis[0]["explain"][0]["type"] == "BENEFITS"
    assert "AI 算力基础设施" in genesis[0]["evidence"]
    assert genesis[0]["item_id"].startswith("item:")
    members = {r["id"]: r for r in json.loads(run(ingested, "affects", "compute", "--json", "--members").stdout)}
    for token in ("token:render", "token:akash", "token:gensyn"):
        assert token not in by_id and members[token]["direction"] == "member", f"{token} is in DePIN compute"


def test_affects_accepts_a_chinese_alias(ingested):
    rows = json.loads(run(ingested, "affects", "算力", "--json").stdout)
    assert rows == json.loads(run(ingested, "affects", "sector:compute", "--json").stdout)


def test_affects_unknown_target_is_a_one_line_error(ingested):
    result = runner.invoke(app, ["--store", str(ingested), "affects", "no-such-thing-xyz"])
    assert result.exit_code == 1
    assert "unknown entity" in result.output and "Traceback" not in result.output


def test_cypher_json_prints_all_rows_as_objects(ingested):
    result = run(ingested, "cypher", "MATCH (c:Company) RETURN c.id AS id ORDER BY id", "--json")
    rows = json.loads(result.stdout)
    assert {"id": "company:openai"} in rows and all(set(r) == {"id"} for r in rows)


def test_cypher_refuses_a_write_without_the_flag(ingested):
    result = runner.invoke(app, ["--store", str(ingested), "cypher", "MATCH (n:Company) DETACH DELETE n"])
    assert result.exit_code == 1 and "--write" in result.output
    assert json.loads(run(ingested, "stats", "--json").stdout)["labels"]["Company"] > 0


def test_demo_lists_the_genesis_mission_as_a_driver_and_depin_tokens_only_as_members(tmp_path):
    result = runner.invoke(app, ["demo", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    signed = [row for row in rows if row["direction"] != "member"]
    names = {row["name"] for row in signed} | {p for row in signed for p in row["participants"]}
    assert "Genesis Mission" in names and "Render" not in names  # a member, not news
    members = [row["name"] for row in rows if row["direction"] == "member"]
    assert {"Render", "Akash", "Gensyn"} <= set(members)
    assert [row["direction"] == "member" for row in rows] == sorted(row["direction"] == "member" for row in rows)


def test_affects_lists_catalog_members_only_when_asked(ingested):
    def directions(*extra):
        rows = json.loads(run(ingested, "affects", "compute", "--json", "--limit", "50", *extra).stdout)
        return {row["name"]: row["direction"] for row in rows}

    plain, with_members = directions(), directions("--members")
    assert "member" not in plain.values() and any("创世纪" in name for name in plain)
    assert with_members["Render"] == "member"
    assert {name: d for name, d in with_members.items() if d != "member"} == plain


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty file"),
        ("blob.bin", bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_files_get_a_one_line_error_and_the_rest_still_loads(
    store_path, seed_path, tmp_path, name, content, message
):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    rejects = tmp_path / "rejects.jsonl"
    result = runner.invoke(
        app, ["--store", str(store_path), "ingest", str(bad), str(seed_path), "--json", "--rejects", str(rejects)]
    )
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and message in errors[0]
    summary = json.loads(result.stdout)
    assert summary["items_new"] == 8 and summary["rejected"] == 1
    kept = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert kept[0]["source"].endswith(name) and message in kept[0]["reason"]
