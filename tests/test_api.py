"""The documented Python API: lazy names on ``newsgraph``, and the README example runs as written."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import newsgraph
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _python_example() -> str:
    section = README.split("### Python API", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.parametrize("name", sorted(newsgraph._API))
def test_every_documented_name_resolves_to_a_callable(name):
    value = getattr(newsgraph, name)
    assert callable(value) or isinstance(value, type)
    assert name in newsgraph.__all__ and name in dir(newsgraph)
    assert f"`{name}`" in README, f"README's Python API does not list {name}"


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        newsgraph.no_such_thing  # noqa: B018


def test_the_readme_python_example_runs_as_written(tmp_path):
    code = _python_example().replace('"graph.lbdb"', repr(str(tmp_path / "graph.lbdb")))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].split()[-2] in ("up", "down", "member") or " up " in lines[0] or " down " in lines[0]
    assert lines[2].startswith("[{'name': ")


def test_api_results_match_what_the_cli_prints(tmp_path):
    import json

    from typer.testing import CliRunner

    from newsgraph.cli.app import app
    from tests.conftest import SEED

    store = newsgraph.open_store(str(tmp_path / "g.lbdb"))
    try:
        summary = newsgraph.ingest([SEED], store, rejects_path=tmp_path / "rejects.jsonl")
        rows = [row.model_dump(mode="json") for row in newsgraph.affects(store, "compute").rows]
    finally:
        store.close()
    assert summary.items_new == 8
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "g.lbdb"), "affects", "compute", "--json"])
    assert json.loads(result.stdout) == rows
