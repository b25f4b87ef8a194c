"""Names said as they are understood, the schema printed, and help conventions (-h, completion)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.app import app
from tests.conftest import SEED

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("names") / "graph.lbdb"
    result = runner.invoke(app, ["--store", str(path), "ingest", str(SEED), "-q", "--rejects", str(path) + ".rej"])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    ("command", "typed", "meant"),
    [
        ("timeline", "opnai", "OpenAI (company:openai)"),
        ("partners", "anthropc", "Anthropic (company:anthropic)"),
        ("neighbors", "Genesis Misson", "Genesis Mission (initiative:genesis-mission)"),
    ],
)
def test_a_corrected_name_is_announced_on_stderr(store, command, typed, meant):
    result = runner.invoke(app, ["--store", str(store), command, typed, "--json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"using {meant} for {typed!r}"
    json.loads(result.stdout)  # stdout stays clean JSON


@pytest.mark.parametrize("typed", ["OpenAI", "openai", "company:openai", "开放人工智能"])
def test_an_exact_name_id_or_alias_is_not_announced(store, typed):
    result = runner.invoke(app, ["--store", str(store), "timeline", typed, "--json"])
    assert result.exit_code == 0 and result.stderr == ""


def test_an_unknown_name_lists_the_closest_ones(store):
    result = runner.invoke(app, ["--store", str(store), "timeline", "deepmnd"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown entity 'deepmnd'" in lines[0]
    assert "the closest: Google DeepMind (company:google-deepmind)" in lines[0]


def test_a_name_like_nothing_says_so_without_suggestions(store):
    result = runner.invoke(app, ["--store", str(store), "affects", "xyzzy"])
    assert result.exit_code == 1 and result.stderr.strip() == "error: unknown entity 'xyzzy'"


def test_schema_lists_labels_types_and_properties():
    schema = json.loads(runner.invoke(app, ["schema", "--json"]).stdout)
    assert schema["labels"]["Company"]["also"] == ["Entity"]
    assert schema["labels"]["Item"]["properties"]["urls"] == "list of string"
    assert schema["relationships"]["REPORTS"] == {
        "from": ["Item"],
        "to": ["Event"],
        "properties": schema["relationships"]["HURTS"]["properties"],
    }
    assert "evidence" in schema["relationships"]["PARTNERS_WITH"]["properties"]
    text = runner.invoke(app, ["schema"]).stdout
    assert ":Company (also :Entity)" in text and "(:Item)-[:`REPORTS`]->(:Event)" in text


def test_schema_matches_what_the_store_holds(store):
    """Every label and relationship type in an ingested store is in the schema."""
    schema = json.loads(runner.invoke(app, ["schema", "--json"]).stdout)
    stats = json.loads(runner.invoke(app, ["--store", str(store), "stats", "--json"]).stdout)
    assert set(stats["labels"]) <= set(schema["labels"])
    assert set(stats["relationships"]) <= set(schema["relationships"])


@pytest.mark.parametrize("args", [["-h"], ["affects", "-h"], ["cypher", "-h"]])
def test_dash_h_is_help(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_shell_completion_is_offered():
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
