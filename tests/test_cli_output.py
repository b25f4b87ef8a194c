"""Output that fits the terminal and cannot be abused: 80-column tables, every --format,
control characters stripped, spreadsheet-safe CSV, colour, and a pager on a terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import output
from newsgraph.cli.app import app
from newsgraph.cli.output import cell_width, clean, csv_cell, render_table
from tests.conftest import SEED

runner = CliRunner()
ESC = "\x1b"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("out") / "graph.lbdb"
    result = runner.invoke(app, ["--store", str(path), "ingest", str(SEED), "-q", "--rejects", str(path) + ".rej"])
    assert result.exit_code == 0, result.output
    return path


def cli(store: Path, *args: str, env: dict | None = None):
    return runner.invoke(app, ["--store", str(store), *args], env={"COLUMNS": "80", **(env or {})})


# -- tables ----------------------------------------------------------------------------------


def test_a_table_fits_80_columns_with_dates_whole_and_evidence_under_its_row():
    rows = [
        [
            "+0.734",
            "up",
            "Genesis Mission: US Department of Energy national AI compute programme (Event)",
            "2026-01-09",
            "item:1964400baf0212d886e4aa77",
            "谷歌 DeepMind 与 OpenAI 正式签署合作协议,共同加入美国能源部的创世纪任务,"
            "这标志着 AI 算力基础设施已上升为国家级战略。" * 2,
        ]
    ]
    text = render_table("What affects compute", ["score", "direction", "driver", "date", "item", "evidence"], rows)
    lines = text.splitlines()
    assert all(cell_width(line) <= 80 for line in lines), [cell_width(line) for line in lines]
    assert "2026-01-09" in lines[3]  # the date is whole, on the row
    assert "2026-01-0 " not in text
    evidence = [line for line in lines if line.startswith(("  > ", "    "))]
    assert len(evidence) >= 2 and evidence[0].startswith("  > 谷歌")  # wrapped, under its row
    shown = "".join(line[4:] for line in evidence).replace(" ", "")
    assert shown == rows[0][-1].replace(" ", "")  # all of it, nothing cut


def test_long_ids_are_shortened_in_tables_but_whole_in_json(store):
    table = cli(store, "timeline", "openai").stdout
    assert all(cell_width(line) <= 80 for line in table.splitlines())
    rows = json.loads(cli(store, "timeline", "openai", "--json").stdout)
    assert rows and all(len(row["item_id"]) > 22 for row in rows)
    short = [line.split()[-1] for line in table.splitlines()[3:] if line.startswith("20")]
    assert short and all(s.startswith("item:") and s.endswith("…") and len(s) >= 12 for s in short)
    assert rows[0]["item_id"] not in table


@pytest.mark.parametrize(
    "command",
    [
        ["affects", "compute"],
        ["timeline", "openai"],
        ["partners", "openai"],
        ["neighbors", "openai"],
        ["search", "deepmind"],
        ["top"],
        ["stats"],
    ],
)
def test_every_query_table_fits_80_columns(store, command):
    result = cli(store, *command)
    assert result.exit_code == 0, result.output
    assert max(cell_width(line) for line in result.stdout.splitlines()) <= 80


# -- formats ---------------------------------------------------------------------------------

QUERIES = [
    ["affects", "compute"],
    ["timeline", "openai"],
    ["partners", "openai"],
    ["releases", "anthropic"],
    ["investors", "openai"],
    ["regulators", "sector:ai"],
    ["neighbors", "openai"],
    ["path", "Render", "OpenAI"],
    ["top"],
    ["trending", "--since", "30d"],
    ["search", "deepmind"],
    ["stats"],
    ["schema"],
    ["cypher", "MATCH (c:Company) RETURN c.id AS id, c.name AS name ORDER BY id LIMIT 3"],
]


@pytest.mark.parametrize("command", QUERIES, ids=lambda c: c[0])
def test_every_query_takes_every_format(store, command):
    as_json = json.loads(cli(store, *command, "--json").stdout)
    assert json.loads(cli(store, *command, "--format", "json").stdout) == as_json
    lines = cli(store, *command, "--format", "jsonl").stdout.splitlines()
    assert all(isinstance(json.loads(line), dict) for line in lines)
    if isinstance(as_json, list):
        assert len(lines) == len(as_json)
    table = list(csv.reader(io.StringIO(cli(store, *command, "--format", "csv").stdout)))
    assert len(table) == len(lines) + 1 and len({len(row) for row in table}) == 1
    assert cli(store, *command, "--format", "table").exit_code == 0
    bad = cli(store, *command, "--format", "xml")
    assert bad.exit_code == 2 and "xml" in bad.output


# -- safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[2Jb", "ab"),
        ("\x1b]0;title\x07x", "x"),
        ("a\x0bb\x0cc", "abc"),
        ("bell\x07", "bell"),
        ("\x9b31mred", "31mred"),
        ("rtl\u202eevil", "rtlevil"),
        ("line\nbreak\ttab", "line break tab"),
        ("中文 ok", "中文 ok"),
    ],
)
def test_clean_strips_terminal_control_characters(raw, shown):
    assert clean(raw) == shown


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=cmd", "'=cmd"),  # the CR is removed, and what it hid is neutralised
        ("plain", "plain"),
        (-1.5, "-1.5"),
        (["=a", "b"], "'=a;b"),
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value, cell):
    assert csv_cell(value) == cell


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A store whose data carries terminal escapes and formula cells."""
    path = tmp_path_factory.mktemp("hostile") / "graph.lbdb"
    evil = "=HYPERLINK(1)\x1b[2J\x1b]0;owned\x07 \x0bEvil Corp"
    query = "CREATE (:Company {id: 'company:evil', name: $name, aliases: ['\x1b[31mred']})"
    result = runner.invoke(app, ["--store", str(path), "cypher", query, "--param", f"name={evil}", "--write"])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["cypher", "MATCH (c:Company) RETURN c.name AS name, c.aliases AS a, c"],
        ["search", "evil"],
        ["timeline", "company:evil"],
        ["neighbors", "company:evil"],
        ["top"],
    ],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_nothing_printed_carries_control_characters_from_the_data(hostile, command, fmt):
    result = runner.invoke(app, ["--store", str(hostile), *command, "--format", fmt])
    assert result.exit_code in (0, 1), result.output
    text = result.stdout + result.stderr
    assert ESC not in text and "\x07" not in text and "\x0b" not in text
    if fmt == "csv":
        cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_up_and_down_are_coloured_on_a_terminal_only():
    rows = [["+0.5", "up", "A"], ["-0.5", "down", "B"]]
    coloured = render_table(None, ["score", "direction", "name"], rows, colour=True)
    assert "\x1b[32mup" in coloured and "\x1b[31mdown" in coloured
    assert ESC not in render_table(None, ["score", "direction", "name"], rows, colour=False)


def test_a_long_table_on_a_terminal_goes_through_the_pager(monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setattr(output, "_terminal", lambda: (True, 80, 10))
    monkeypatch.setenv("NEWSGRAPH_PAGER", f"cat > {paged}")
    output.page("".join(f"line {i}\n" for i in range(50)))
    assert paged.read_text().count("\n") == 50


def test_a_short_table_or_a_pipe_gets_no_pager(monkeypatch, tmp_path, capsys):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("NEWSGRAPH_PAGER", f"cat > {paged}")
    monkeypatch.setattr(output, "_terminal", lambda: (True, 80, 40))
    output.page("short\n")
    monkeypatch.setattr(output, "_terminal", lambda: (False, 160, 0))
    output.page("".join(f"line {i}\n" for i in range(50)))
    assert not paged.exists() and capsys.readouterr().out.startswith("short\nline 0")


@pytest.mark.parametrize("command", [["review"], ["merges"], ["analyze", "--limit", "5"]], ids=lambda c: c[0])
def test_the_other_listing_commands_take_every_format_too(store, command):
    as_json = json.loads(cli(store, *command, "--format", "json").stdout)
    assert as_json == json.loads(cli(store, *command, "--json").stdout)
    lines = cli(store, *command, "--format", "jsonl").stdout.splitlines()
    table = list(csv.reader(io.StringIO(cli(store, *command, "--format", "csv").stdout)))
    assert len(table) == len(lines) + 1
    assert cli(store, *command, "--format", "table").exit_code == 0
