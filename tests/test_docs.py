"""The README stays true: every command is documented there, and its quickstart runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsgraph.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(info.name or info.callback.__name__ for info in app.registered_commands)


def test_the_app_has_the_commands_the_design_names():
    for name in (
        "ingest",
        "demo",
        "affects",
        "timeline",
        "partners",
        "releases",
        "regulators",
        "investors",
        "neighbors",
        "path",
        "top",
        "trending",
        "search",
        "stats",
        "cypher",
        "analyze",
        "export",
        "eval",
        "review",
        "merge",
        "unmerge",
    ):
        assert name in COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_a_readme_entry(name):
    assert f"`newsgraph {name}" in README or f"/ `{name}" in README, f"README does not document {name}"
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0 and len(result.output) > 80


def _quickstart() -> list[list[str]]:
    block = re.search(r"## Quickstart\s+```bash\n(.*?)```", README, re.S).group(1)
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("newsgraph ")]


def test_the_readme_quickstart_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    runner = CliRunner()
    for args in _quickstart():
        if args[0] == "export":
            args = [args[0], str(tmp_path / args[1]), *args[2:]]
        result = runner.invoke(app, ["--store", str(tmp_path / "store"), *args])
        assert result.exit_code == 0, f"newsgraph {shlex.join(args)} failed:\n{result.output}"
        assert not isinstance(result.exception, typer.Exit | Exception) or result.exit_code == 0
