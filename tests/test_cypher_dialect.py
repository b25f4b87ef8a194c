"""One Cypher for analysts: Neo4j's functions mean the same on the embedded store (or are
refused saying what to write), rows print alike, and read-only queries never touch files.

Each case of FUNCTIONS is a row of the table in docs/queries.md ("One Cypher on both stores")
and runs on both stores against the same ingest of the seed digest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.app import app
from newsgraph.errors import QueryError, WriteRefusedError
from newsgraph.graph.analyst import run_cypher
from newsgraph.graph.cypher_guard import FileAccessRefusedError, check_query, tokenize
from newsgraph.graph.ladybug_dialect import translate
from newsgraph.graph.ladybug_store import LadybugStore
from tests.conftest import ROOT

runner = CliRunner()
DOCS = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")

# -- the stores --------------------------------------------------------------------------------


@pytest.fixture(params=["ladybug_seed", "neo4j_seed"])
def either(request):
    return request.getfixturevalue(request.param)


# -- functions: (docs row, query, expected rows) -------------------------------------------------

FUNCTIONS = [
    ("type", "MATCH (:Company {id: 'company:openai'})-[r]->(:Sector) RETURN type(r) AS t", [{"t": "IN_SECTOR"}]),
    (
        "labels",
        "MATCH (n) WHERE n.id IN ['company:openai', 'item:69c29bb474bb42420974'] RETURN labels(n) AS l ORDER BY n.id",
        [{"l": ["Company", "Entity"]}, {"l": ["Item"]}],
    ),
    ("Entity", "MATCH (n:Entity) WHERE n.id STARTS WITH 'token:' RETURN count(n) AS c", [{"c": 5}]),
    ("n:Label", "MATCH (n) WHERE n:Entity AND n.id STARTS WITH 'token:' RETURN count(n) AS c", [{"c": 5}]),
    (
        "toString",
        "RETURN toString(12) AS i, toString(1.5) AS f, toString(2.0) AS g, toString(true) AS b, toString('x') AS s",
        [{"i": "12", "f": "1.5", "g": "2.0", "b": "true", "s": "x"}],
    ),
    (
        "toInteger",
        "RETURN toInteger(3.7) AS a, toInteger(-3.7) AS b, toInteger('42') AS c, toInteger('3.9') AS d",
        [{"a": 3, "b": -3, "c": 42, "d": 3}],
    ),
    ("toFloat", "RETURN toFloat('1.5') AS a, toFloat(2) AS b", [{"a": 1.5, "b": 2.0}]),
    (
        "substring",
        "RETURN substring('abcdef', 0, 3) AS a, substring('abcdef', 2) AS b, substring('2026-01-09', 0, 7) AS m",
        [{"a": "abc", "b": "cdef", "m": "2026-01"}],
    ),
    ("size", "RETURN size('abc') AS s, size([1, 2]) AS l", [{"s": 3, "l": 2}]),
    ("coalesce", "RETURN coalesce(null, 'x') AS a", [{"a": "x"}]),
    (
        "list[i]",
        "WITH [1, 2, 3] AS l RETURN l[0] AS a, l[-1] AS b, l[1..] AS c, l[..2] AS d, l[-2..] AS e, l[..-1] AS f",
        [{"a": 1, "b": 3, "c": [2, 3], "d": [1, 2], "e": [2, 3], "f": [1, 2]}],
    ),
    ("split", "RETURN split('a,b', ',') AS s", [{"s": ["a", "b"]}]),
    ("toLower", "RETURN toLower('AbC') AS l, toUpper('AbC') AS u", [{"l": "abc", "u": "ABC"}]),
    ("trim", "RETURN trim('  a ') AS t, replace('abc', 'b', 'x') AS r", [{"t": "a", "r": "axc"}]),
    ("round", "RETURN round(2.5) AS a, round(-2.5) AS b, round(2.45, 1) AS c", [{"a": 3.0, "b": -2.0, "c": 2.5}]),
    ("abs", "RETURN abs(-2) AS a, ceil(1.2) AS c, floor(1.7) AS f", [{"a": 2, "c": 2.0, "f": 1.0}]),
    (
        "date",
        "RETURN date('2026-01-09') AS d, date('2026-01-09').year AS y, date('2026-01-09').month AS m",
        [{"d": "2026-01-09", "y": 2026, "m": 1}],
    ),
    ("date()", "RETURN date() >= date('2026-01-01') AS today", [{"today": True}]),
    ("=~", "RETURN 'abc' =~ 'a' AS a, 'abc' =~ 'a.*' AS b", [{"a": False, "b": True}]),
    ("STARTS WITH", "RETURN 'abc' STARTS WITH 'a' AS s, 'abc' CONTAINS 'c' AS c", [{"s": True, "c": True}]),
    ("collect", "UNWIND [3, 1, 2] AS x RETURN count(x) AS n, sum(x) AS s, max(x) AS m", [{"n": 3, "s": 6, "m": 3}]),
    (
        "length",
        "MATCH p = (:Company {id: 'company:openai'})-[:IN_SECTOR]->(:Sector) RETURN length(p) AS n, "
        "size(relationships(p)) AS r, size(nodes(p)) AS s",
        [{"n": 1, "r": 1, "s": 2}],
    ),
]


@pytest.mark.parametrize(("row", "query", "expected"), FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_a_neo4j_function_means_the_same_on_both_stores(either, row, query, expected):
    assert run_cypher(either, query) == expected


REFUSED = [
    ("id", "MATCH (n:Company) RETURN id(n) LIMIT 1", "n.id"),
    ("elementId", "MATCH (n:Company) RETURN elementId(n) LIMIT 1", "n.id"),
    ("keys", "MATCH (n:Company) RETURN keys(n) LIMIT 1", "newsgraph schema"),
    ("properties", "MATCH (n:Company) RETURN properties(n) LIMIT 1", "RETURN the node"),
    ("startNode", "MATCH ()-[r]->() RETURN startNode(r) LIMIT 1", "MATCH (a)-[r]->(b)"),
    ("head", "RETURN head([1, 2]) AS h", "list[0]"),
    ("last", "RETURN last([1, 2]) AS h", "list[-1]"),
    ("tail", "RETURN tail([1, 2]) AS h", "list[1..]"),
]


@pytest.mark.parametrize(("row", "query", "instead"), REFUSED, ids=[r[0] for r in REFUSED])
def test_what_cannot_mean_the_same_is_refused_saying_what_to_write(ladybug_seed, neo4j_seed, row, query, instead):
    with pytest.raises(QueryError, match=re.escape(instead)):
        run_cypher(ladybug_seed, query)
    run_cypher(neo4j_seed, query)  # Neo4j runs it


def test_the_docs_table_lists_exactly_the_tested_rows():
    section = DOCS.split("## One Cypher on both stores", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)`", section, re.M)
    tested = [f[0] for f in FUNCTIONS] + [r[0] for r in REFUSED]
    assert sorted(rows) == sorted(tested)


# -- rows print the same ---------------------------------------------------------------------------

SAME_ROWS = [
    "MATCH (a:Company {id: 'company:openai'}) RETURN a",
    "MATCH p = (a:Company {id: 'company:openai'})-[:PARTNERS_WITH]-(b) RETURN p",
    "MATCH (a:Company {id: 'company:openai'})-[r:IN_SECTOR]->(b) RETURN a, r, b",
    "MATCH (e:Event)<-[:REPORTS]-(i:Item) RETURN e.title AS title, collect(i.id) AS items ORDER BY title LIMIT 3",
]


@pytest.mark.parametrize("query", SAME_ROWS)
def test_rows_are_the_same_on_both_stores(ladybug_seed, neo4j_seed, query):
    rows = run_cypher(ladybug_seed, query)
    assert rows == run_cypher(neo4j_seed, query)
    assert "_ID" not in json.dumps(rows) and "_LABEL" not in json.dumps(rows)


def test_the_cypher_command_prints_the_same_on_both_stores(ladybug_seed, neo4j_seed):
    query = "MATCH (c:Entity) WHERE c.id STARTS WITH 'company:o' RETURN c.name AS name, labels(c) AS l, c"
    outputs = []
    for store in (ladybug_seed, neo4j_seed):
        result = runner.invoke(app, ["--store", store.uri, "cypher", query, "--format", "table"])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


# -- the guard --------------------------------------------------------------------------------------

FILE_ATTACKS = [
    "COPY (MATCH (n) RETURN n.id) TO '{out}'",
    "copy (MATCH (n) RETURN n.id) to '{out}'",
    "/* hidden */COPY (MATCH (n) RETURN n.id) TO '{out}'",
    "MATCH (n) RETURN n LIMIT 1; COPY (MATCH (n) RETURN n.id) TO '{out}'",
    "LOAD FROM '/etc/passwd' (header = false) RETURN *",
    "LOAD FROM read_csv('/etc/passwd') RETURN *",
    "CALL read_parquet('/etc/passwd') RETURN *",
    "CALL READ_CSV('/etc/passwd') RETURN *",
    "RETURN read_json('/etc/passwd') AS x",
    "EXPORT DATABASE '{out}'",
    "IMPORT DATABASE '{out}'",
    "ATTACH '{out}' AS other (dbtype lbug)",
    "INSTALL httpfs",
    "LOAD EXTENSION httpfs",
]


@pytest.mark.parametrize("attack", FILE_ATTACKS)
@pytest.mark.parametrize("write", [False, True])
def test_file_access_is_refused_read_only_and_with_write(ladybug_seed, tmp_path, attack, write):
    out = tmp_path / "stolen.csv"
    query = attack.format(out=out)
    with pytest.raises((FileAccessRefusedError, QueryError)) as caught:
        ladybug_seed.query(query, write=write)
    assert isinstance(caught.value, FileAccessRefusedError) or "one statement" in str(caught.value)
    assert not out.exists()


def test_the_cli_refuses_a_copy_in_one_line_and_writes_nothing(ladybug_seed, tmp_path):
    out = tmp_path / "stolen.csv"
    result = runner.invoke(app, ["--store", ladybug_seed.uri, "cypher", f"COPY (MATCH (n) RETURN n.id) TO '{out}'"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refused" in lines[0] and "--allow-files" in lines[0]
    assert not out.exists()


def test_allow_files_with_write_lets_a_copy_through(tmp_path):
    store = LadybugStore(tmp_path / "g.lbdb")
    try:
        out = tmp_path / "ids.csv"
        store.query(f"COPY (RETURN 'a' AS x) TO '{out}'", write=True, allow_files=True)
        assert out.read_text().strip().splitlines()[-1] == "a"
    finally:
        store.close()


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Company {id: 'company:x', name: 'X'})",
        "MATCH (n:Company) SET n.name = 'x'",
        "MATCH (n:Company) DETACH DELETE n",
        "MERGE (n:Company {id: 'company:x'})",
        "MATCH (n:Company) REMOVE n.name",
        "CALL threads = 1",
        "DROP TABLE Company",
        "BEGIN TRANSACTION",
    ],
)
def test_read_only_queries_may_not_write(ladybug_seed, query):
    with pytest.raises(WriteRefusedError):
        ladybug_seed.query(query)
    assert run_cypher(ladybug_seed, "MATCH (n:Company) RETURN count(n) AS c") == [{"c": 12}]


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 'COPY x TO y; LOAD FROM z' AS s",
        'RETURN "CREATE (n)" AS s',
        "RETURN 1 AS `copy`",
        "// COPY (MATCH (n) RETURN n) TO 'x'\nRETURN 1 AS one",
        "RETURN {copy: 1, load: 2} AS m",
        "MATCH (n:Company) WHERE n.name CONTAINS 'load' RETURN count(n) AS c",
        "CALL show_tables() RETURN name LIMIT 1",
        "MATCH (n:Company) WHERE EXISTS { MATCH (n)-[:IN_SECTOR]->() } RETURN count(n) AS c",
    ],
)
def test_read_queries_that_only_mention_keywords_run(ladybug_seed, query):
    check_query(query)
    ladybug_seed.query(query)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ('RETURN "it\'s" AS s', ["word", "string", "word", "word"]),
        ("RETURN 'a\\'b' AS s", ["word", "string", "word", "word"]),
        ("RETURN `we``ird` /* c */ // d", ["word", "name"]),
        ("RETURN [1..2], 1.5e3, $p", ["word", "op", "number", "op", "number", "op", "op", "number", "op", "param"]),
    ],
)
def test_the_tokenizer_reads_strings_names_comments_and_numbers(text, kinds):
    assert [t.kind for t in tokenize(text) if t.kind not in ("space", "comment")] == kinds
    assert "".join(t.text for t in tokenize(text)) == text


@pytest.mark.parametrize("text", ["RETURN 'open", "RETURN `open", "RETURN 1 /* open"])
def test_an_unterminated_literal_is_a_query_error(text):
    with pytest.raises(QueryError, match="unterminated"):
        tokenize(text)


def test_translation_leaves_strings_comments_and_properties_alone():
    query = "MATCH (n) WHERE n.type = 'type(x)' /* substring(a, 0) */ RETURN n.labels AS labels"
    assert translate(query) == query


def test_the_export_cypher_option_gets_the_same_translation(ladybug_seed, tmp_path):
    out = tmp_path / "g.json"
    query = "MATCH (a:Entity {id: 'company:openai'})-[r]->(b:Entity) WHERE type(r) = 'IN_SECTOR' RETURN a, r, b"
    result = runner.invoke(app, ["--store", ladybug_seed.uri, "export", str(out), "--cypher", query, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"] == 2
    assert Path(out).exists()


@pytest.mark.parametrize("query", ["PRAGMA x", "SHOW TABLES", "UNKNOWN (n) RETURN n", "'a' RETURN 1"])
def test_a_query_must_start_with_a_known_clause(query):
    with pytest.raises(QueryError, match="may not start with"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) WHERE EXISTS { COPY (RETURN 1) TO 'x' } RETURN n",
        "MATCH (n) CALL { LOAD FROM 'x' RETURN * } RETURN n",
    ],
)
def test_a_subquery_is_checked_like_a_query(query):
    with pytest.raises(FileAccessRefusedError):
        check_query(query)


def test_explain_and_profile_prefix_a_read_query():
    check_query("EXPLAIN MATCH (n) RETURN n")
    check_query("PROFILE MATCH (n) RETURN n")


@pytest.mark.parametrize(
    ("query", "advice"),
    [
        ("MATCH (a:Company) RETURN a.id AS a ORDER BY a", "choose another alias"),
        ("RETURN date('2026-01-09').week AS w", "only date(x).year, .month and .day"),
        ("RETURN stDev(1) AS s", "docs/queries.md"),
    ],
)
def test_a_known_difference_that_stays_an_error_says_what_to_do(ladybug_seed, query, advice):
    with pytest.raises(QueryError, match=re.escape(advice)):
        run_cypher(ladybug_seed, query)
