"""newsgraph.toml: found in the project or the user config folder; flag > env > file > default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import common
from newsgraph.cli.app import app
from newsgraph.config import ConfigError, find_config, load_config
from tests.conftest import SEED


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    for name in ("NEWSGRAPH_STORE", "NEWSGRAPH_DATABASE", "NEWSGRAPH_CONFIG", "NEWSGRAPH_CATALOG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("newsgraph.config._user_config_dir", lambda: tmp_path / "user-config")
    monkeypatch.chdir(tmp_path)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_project_file_is_found_from_a_sub_folder(tmp_path):
    config = _write(tmp_path / "newsgraph.toml", 'store = "data/g.lbdb"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") == config
    assert load_config(config).store == str(tmp_path / "data" / "g.lbdb")  # relative to the file


def test_the_user_config_folder_is_the_fallback(tmp_path):
    config = _write(tmp_path / "user-config" / "newsgraph.toml", 'database = "news"\n')
    assert find_config(tmp_path) == config
    assert load_config().database == "news"


def test_no_file_is_an_empty_config(tmp_path):
    assert find_config(tmp_path) is None
    assert load_config().store is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("stroe = 'x'\n", "unknown key 'stroe'"), ("store = [1]\n", "must be a string"), ("store = \n", "cannot read")],
)
def test_a_bad_file_is_a_one_line_usage_error(tmp_path, text, message):
    _write(tmp_path / "newsgraph.toml", text)
    with pytest.raises(ConfigError, match=message):
        load_config()
    result = CliRunner().invoke(app, ["stats"])
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.fixture
def two_stores(tmp_path):
    """Store 'file' holds the seed digest; store 'env' and 'flag' are empty."""
    runner = CliRunner()
    assert runner.invoke(app, ["--store", str(tmp_path / "file.lbdb"), "ingest", str(SEED), "-q"]).exit_code == 0
    for name in ("env", "flag"):
        from newsgraph.graph.ladybug_store import LadybugStore

        LadybugStore(tmp_path / f"{name}.lbdb").close()
    _write(
        tmp_path / "newsgraph.toml", 'store = "file.lbdb"\n[defaults]\nformat = "json"\n[defaults.search]\nlimit = 1\n'
    )
    return tmp_path


def _items(result) -> int:
    return json.loads(result.stdout)["labels"].get("Item", 0)


def test_precedence_is_flag_then_environment_then_file(two_stores, monkeypatch):
    runner = CliRunner()
    assert _items(runner.invoke(app, ["stats"])) == 8  # the file
    monkeypatch.setenv("NEWSGRAPH_STORE", str(two_stores / "env.lbdb"))
    assert _items(runner.invoke(app, ["stats"])) == 0  # the environment wins over the file
    result = runner.invoke(app, ["--store", str(two_stores / "file.lbdb"), "stats"])
    assert _items(result) == 8  # the flag wins over the environment
    assert common.settings.store == str(two_stores / "file.lbdb")


def test_command_defaults_come_from_the_file_and_a_flag_overrides_them(two_stores):
    runner = CliRunner()
    rows = json.loads(runner.invoke(app, ["search", "deepmind"]).stdout)  # format json, limit 1 from the file
    assert len(rows) == 1
    assert len(json.loads(runner.invoke(app, ["search", "deepmind", "--limit", "3"]).stdout)) > 1
    table = runner.invoke(app, ["search", "deepmind", "--format", "table"])
    assert table.exit_code == 0 and table.stdout.startswith("Search: deepmind")


def test_a_bad_store_in_the_file_names_the_file(two_stores):
    _write(two_stores / "newsgraph.toml", 'store = "blot://localhost:7687"\n')
    result = CliRunner().invoke(app, ["stats"])
    assert result.exit_code == 2 and "configuration file" in result.stderr and "blot" in result.stderr


def test_extra_catalogs_follow_the_same_precedence(tmp_path, monkeypatch):
    for name in ("flag", "env", "file"):
        _write(tmp_path / f"{name}.yaml", f"- {{id: 'company:{name}-co', name: {name.title()} Co}}\n")
    _write(tmp_path / "newsgraph.toml", 'catalog = ["file.yaml"]\n')
    runner = CliRunner()

    def used(*args: str) -> list[Path]:
        result = runner.invoke(app, [*args, "schema", "--json"])
        assert result.exit_code == 0, result.output
        return [Path(p).name for p in common.settings.catalog_files]

    assert used() == ["file.yaml"]
    monkeypatch.setenv("NEWSGRAPH_CATALOG", str(tmp_path / "env.yaml"))
    assert used() == ["env.yaml"]
    assert used("--catalog", str(tmp_path / "flag.yaml")) == ["flag.yaml"]
    assert common.settings.catalog().get("company:flag-co").name == "Flag Co"
