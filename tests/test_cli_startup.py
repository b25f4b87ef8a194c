"""Start-up stays light: --help, --version and the query commands load neither spaCy nor the
extraction stack (the figures are in benchmarks/bench_startup.py and docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

HEAVY = (
    "spacy",
    "thinc",
    "newsgraph.loaders.nlp",
    "newsgraph.loaders.extract",
    "newsgraph.loaders.ingest",
    "newsgraph.loaders.sources",  # the readers (Markdown parser, feedparser): 0.24 s when inspect imported them
    "newsgraph.loaders.preview",
    "networkx",
)

_PROBE = """
import json, sys
sys.argv = ["newsgraph", *json.loads(sys.argv[1])]
try:
    {body}
except SystemExit:
    pass
sys.stdout = sys.__stdout__
watched = ("spacy", "thinc", "networkx", "neo4j", "scipy")
loaded = [m for m in sys.modules if m.split(".")[0] in watched or m.startswith("newsgraph.loaders")]
print("\\nMODULES=" + json.dumps(sorted(loaded)))
"""


def loaded_after(body: str, args: list[str], cwd: Path = ROOT) -> set[str]:
    """The heavy modules loaded by ``body`` (Python) run in a fresh interpreter with ``args``."""
    script = _PROBE.format(body=body)
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    assert "MODULES=" in result.stdout, result.stderr
    return set(json.loads(result.stdout.rsplit("MODULES=", 1)[1]))


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in ("spacy", "thinc", "networkx") or m in HEAVY}


def test_importing_the_app_loads_no_spacy_and_no_extraction_stack():
    assert _heavy(loaded_after("import newsgraph.cli.app", [])) == set()


def test_import_newsgraph_is_light_and_has_a_version():
    assert _heavy(loaded_after("import newsgraph; assert newsgraph.__version__", [])) == set()


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"], ["affects", "--help"], ["ingest", "--help"]])
def test_help_and_version_load_no_spacy(args):
    body = "from newsgraph.cli.app import main; main()"
    assert _heavy(loaded_after(body, args)) == set()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    from newsgraph.graph.ladybug_store import LadybugStore
    from newsgraph.loaders.ingest import ingest

    path = tmp_path_factory.mktemp("startup") / "graph.lbdb"
    store = LadybugStore(path)
    ingest([SEED], store, rejects_path=path.parent / "rejects.jsonl")
    store.close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["affects", "compute"],
        ["timeline", "openai"],
        ["search", "deepmind"],
        ["cypher", "MATCH (n:Company) RETURN n.name AS name LIMIT 1"],
        ["schema"],
    ],
)
def test_query_commands_load_neither_spacy_nor_networkx(store_dir, args):
    body = "from newsgraph.cli.app import main; main()"
    assert _heavy(loaded_after(body, ["--store", str(store_dir), *args])) == set()


def test_an_ingest_applies_the_learned_models_without_importing_scipy(tmp_path):
    """Predicting needs numpy alone; scipy (0.1-0.2 s to import) is for training them."""
    body = "from newsgraph.cli.app import main; main()"
    loaded = loaded_after(body, ["--store", str(tmp_path / "graph.lbdb"), "ingest", str(SEED)])
    assert "newsgraph.loaders.nlp.learned" in loaded  # the ingest ran, learned components included
    assert not {m for m in loaded if m.split(".")[0] == "scipy"}


def test_the_cli_copies_of_library_constants_stay_equal():
    """Constants the CLI spells out (to keep spaCy out of --help) equal the library's."""
    from newsgraph.cli import explore_cmd, export_cmd, ingest_cmd, resolve_cmd
    from newsgraph.graph import export
    from newsgraph.loaders import dedupe, ingest
    from newsgraph.queries import top

    assert ingest_cmd.ITEMS_PER_WRITE == ingest.ITEMS_PER_WRITE
    assert resolve_cmd.REVIEW_THRESHOLD == dedupe.REVIEW_THRESHOLD
    assert tuple(explore_cmd.MEASURES) == tuple(top.MEASURES)
    assert export_cmd.SUFFIXES == export.SUFFIXES
    assert tuple(export_cmd.FORMATS) == tuple(export.FORMATS)


def test_version_matches_the_installed_distribution():
    from importlib.metadata import version

    import newsgraph

    assert newsgraph.__version__ == version("newsgraph")
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "--version"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip() == f"newsgraph {newsgraph.__version__}"


def test_the_probe_sees_spacy_when_the_extraction_stack_is_imported():
    """The checks above can fail: importing the ingest pipeline does load spaCy."""
    assert "spacy" in _heavy(loaded_after("import newsgraph.loaders.ingest", []))


def test_the_console_script_answers_version_without_importing_typer():
    body = "from newsgraph.cli.entry import main; main()"
    script = _PROBE.format(body=body).replace('watched = ("spacy"', 'watched = ("typer", "spacy"')
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(["--version"])], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.startswith("newsgraph ")
    assert json.loads(result.stdout.rsplit("MODULES=", 1)[1]) == []


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--store", "g.lbdb", "affects", "compute"], "affects"),
        (["--catalog", "x.yaml", "--database", "neo4j", "stats", "--json"], "stats"),
        (["-h"], None),
        (["--version"], None),
    ],
)
def test_the_command_a_command_line_names_is_found_past_global_options(argv, command):
    from newsgraph.cli.app import invoked_command

    assert invoked_command(argv) == command


def test_a_mistyped_command_still_gets_a_suggestion(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "--store", str(tmp_path / "g.lbdb"), "afects", "compute"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Did you mean 'affects'?" in result.stderr
