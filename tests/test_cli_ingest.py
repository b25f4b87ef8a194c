"""Ingest and export paths that used to crash or leave files behind: --rejects checked up front,
no rejects file from a failed run, deep --param values, export targets, DOT size, stats --limit,
and the progress bar's totals."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.app import app
from newsgraph.cli.ingest_cmd import _ProgressBar, check_rejects
from tests.conftest import SEED

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ingest") / "graph.lbdb"
    result = runner.invoke(app, ["--store", str(path), "ingest", str(SEED), "-q", "--rejects", str(path) + ".rej"])
    assert result.exit_code == 0, result.output
    return path


def one_line_error(result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing-folder/rejects.jsonl", "does not exist"), ("a-folder", "is a folder"), ("/dev/full", "regular file")],
)
def test_a_bad_rejects_target_is_refused_before_the_run(tmp_path, monkeypatch, target, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-folder").mkdir()
    result = runner.invoke(app, ["--store", str(tmp_path / "g.lbdb"), "ingest", str(SEED), "--rejects", target])
    one_line_error(result, 2, message)
    assert not (tmp_path / "g.lbdb").exists()  # refused before the store was opened


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_working_folder_is_refused_for_the_default_rejects_file(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    monkeypatch.chdir(folder)
    try:
        result = runner.invoke(app, ["--store", str(tmp_path / "g.lbdb"), "ingest", str(SEED)])
    finally:
        folder.chmod(0o755)
    one_line_error(result, 2, "--rejects")


def test_the_read_only_check_itself(tmp_path, monkeypatch):
    """What the test above checks, for a runner that is root: a folder without write access."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert "permission denied" in check_rejects(tmp_path / "rejects.jsonl")
    monkeypatch.undo()
    assert check_rejects(tmp_path / "rejects.jsonl") is None


def test_a_failed_ingest_of_a_missing_file_leaves_no_rejects_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--store", str(tmp_path / "g.lbdb"), "ingest", "no-such-file.md"])
    one_line_error(result, 1, "no-such-file.md", "no such file")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_file_beside_a_good_one_is_rejected_and_the_rest_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rejects = tmp_path / "r.jsonl"
    args = ["--store", str(tmp_path / "g.lbdb"), "ingest", "gone.md", str(SEED), "--json", "--rejects", str(rejects)]
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    assert json.loads(result.stdout)["items_new"] == 8 and "gone.md" in rejects.read_text()


def test_a_deeply_nested_param_is_a_one_line_error(store):
    deep = "[" * 5000 + "]" * 5000
    result = runner.invoke(app, ["--store", str(store), "cypher", "RETURN $x AS x", "--param", f"x={deep}"])
    one_line_error(result, 1, "--param x", "nests deeper")


def test_a_nested_param_within_the_limit_is_read_as_json(store):
    args = ["--store", str(store), "cypher", "RETURN size($x) AS n, $s AS s", "-p", "x=[[1],[2,3]]", "--json"]
    result = runner.invoke(app, [*args, "-p", 's="[[["'])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": 2, "s": "[[["}]


def test_a_param_the_embedded_store_cannot_take_is_a_one_line_error(store):
    result = runner.invoke(app, ["--store", str(store), "cypher", "RETURN $x AS x", "-p", 'x=[1, "a"]'])
    one_line_error(result, 1, "parameters")


def test_export_into_a_missing_folder_is_a_one_line_error(store, tmp_path):
    result = runner.invoke(app, ["--store", str(store), "export", str(tmp_path / "nope" / "g.gexf")])
    one_line_error(result, 1, "does not exist")


def test_export_onto_a_full_disk_is_a_one_line_error(store, tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = runner.invoke(app, ["--store", str(store), "export", "/dev/full", "--format", "graphml"])
    one_line_error(result, 1, "/dev/full")


def test_a_trailing_slash_means_a_neo4j_csv_folder(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--store", str(store), "export", "csvdump/", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["format"] == "neo4j-csv"
    assert (tmp_path / "csvdump" / "manifest.json").exists()


def test_a_large_dot_export_warns_that_graphviz_will_not_finish(store, tmp_path, monkeypatch):
    from newsgraph.cli import export_cmd

    out = tmp_path / "g.dot"
    small = runner.invoke(app, ["--store", str(store), "export", str(out)])
    assert small.exit_code == 0 and "Graphviz" not in small.stderr
    monkeypatch.setattr(export_cmd, "DOT_NODE_WARNING", 10)  # the seed graph has about 70 nodes
    large = runner.invoke(app, ["--store", str(store), "export", str(out)])
    assert large.exit_code == 0 and "warning:" in large.stderr and "Graphviz" in large.stderr
    nodes = sum(json.loads(runner.invoke(app, ["--store", str(store), "stats", "--json"]).stdout)["labels"].values())
    assert f"{nodes} nodes" in large.stderr


def test_stats_takes_limit(store):
    full = json.loads(runner.invoke(app, ["--store", str(store), "stats", "--json"]).stdout)
    top = json.loads(runner.invoke(app, ["--store", str(store), "stats", "--limit", "2", "--json"]).stdout)
    assert len(top["labels"]) == 2 and len(top["relationships"]) == 2
    biggest = sorted(full["relationships"].items(), key=lambda kv: -kv[1])[:2]
    assert top["relationships"] == dict(sorted(biggest))


def test_the_progress_bar_knows_files_and_bytes_and_moves_during_extraction(tmp_path):
    files = []
    for i, size in enumerate((100, 300)):
        path = tmp_path / f"f{i}.txt"
        path.write_text("x" * size)
        files.append(path)
    bar = _ProgressBar(files)
    assert bar.total_bytes == 400 and len(bar.sizes) == 2

    class Summary:
        files, items_read, rejected = 1, 10, 0

    bar.on_item(Summary())
    task = bar.progress.tasks[0]
    assert task.total == 40  # 10 items in the first 100 bytes of 400: about 40 in all
    assert "files 1/2" in task.fields["detail"] and "100 B/400 B" in task.fields["detail"]
    bar.on_extracted(5)  # during extraction, before any write
    assert bar.progress.tasks[0].completed == 5 and bar.progress.tasks[0].percentage == pytest.approx(12.5)


def test_ingest_reports_progress_during_extraction(tmp_path):
    from newsgraph.graph.ladybug_store import LadybugStore
    from newsgraph.loaders.ingest import ingest

    seen: list[int] = []
    store = LadybugStore(tmp_path / "g.lbdb")
    try:
        ingest([SEED], store, rejects_path=tmp_path / "r.jsonl", on_extracted=seen.append, items_per_write=1000)
    finally:
        store.close()
    assert seen and seen[-1] == 8 and seen == sorted(seen)
