"""--store is a folder or a Neo4j URI; anything else, and every driver failure, is one line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.cli.app import app
from newsgraph.graph.store import InvalidStoreURIError, open_store, parse_store_uri

runner = CliRunner()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("blot://localhost:7687", "unknown store scheme 'blot'"),
        ("http://localhost:7474", "unknown store scheme 'http'"),
        ("file:///tmp/graph", "unknown store scheme 'file'"),
        ("", "the store is empty"),
        ("   ", "the store is empty"),
        ("bolt:/localhost:7687", "is not a URI"),
        ("bolt:localhost", "is not a URI"),
        ("bolt://localhost:99999", "bad port"),
        ("bolt://localhost:port", "bad port"),
        ("bolt://localhost:0", "bad port"),
        ("neo4j://", "no host"),
        ("bolt://localhost:7687/news", "--database"),
    ],
)
def test_a_bad_store_is_a_one_line_usage_error_and_nothing_is_created(tmp_path, monkeypatch, value, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidStoreURIError, match=message):
        parse_store_uri(value)
    result = runner.invoke(app, ["--store", value, "ingest", str(tmp_path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    assert "bolt://" in lines[0] or "--database" in lines[0] or "port" in lines[0] or "HOST" in lines[0]
    assert list(tmp_path.iterdir()) == []  # no ./blot:/localhost:7687 folder


def test_a_password_is_not_echoed_in_the_error():
    with pytest.raises(InvalidStoreURIError) as caught:
        parse_store_uri("bolt://neo4j:s3cret@localhost:99999")
    assert "s3cret" not in str(caught.value) and "***" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("graph.lbdb", "ladybug"),
        ("./odd:name", "ladybug"),
        ("/tmp/x/graph", "ladybug"),
        ("C:\\data\\graph", "ladybug"),
        ("bolt://localhost:7687", "neo4j"),
        ("neo4j+s://abc.databases.neo4j.io", "neo4j"),
        ("BOLT+SSC://[::1]:7687", "neo4j"),
    ],
)
def test_folders_and_neo4j_uris_are_accepted(value, kind):
    assert parse_store_uri(value)[0] == kind


def test_open_store_refuses_what_the_cli_refuses():
    with pytest.raises(InvalidStoreURIError):
        open_store("blot://localhost:7687")
    with pytest.raises(InvalidStoreURIError):
        open_store("")


def test_an_unreachable_neo4j_is_a_one_line_error():
    result = runner.invoke(app, ["--store", "bolt://127.0.0.1:1", "stats"])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot reach Neo4j" in result.stderr


@pytest.mark.neo4j
def test_an_unknown_neo4j_database_is_a_one_line_error(neo4j_uri):
    result = runner.invoke(app, ["--store", neo4j_uri, "--database", "nosuchdb", "stats"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "database 'nosuchdb'" in lines[0]
    assert "Traceback" not in result.output


def test_bad_neo4j_credentials_are_a_one_line_error(monkeypatch):
    """The test server runs without auth, so the driver's refusal is simulated where it happens."""
    from neo4j.exceptions import AuthError

    class Refusing:
        def verify_connectivity(self):
            raise AuthError("The client is unauthorized due to authentication failure.")

    monkeypatch.setattr("newsgraph.graph.neo4j_store.GraphDatabase.driver", lambda *a, **k: Refusing())
    result = runner.invoke(app, ["--store", "bolt://neo4j:wrong-password@127.0.0.1:7687", "stats"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "credentials" in lines[0] and "wrong-password" not in lines[0]


@pytest.mark.neo4j
def test_a_driver_error_during_a_query_is_a_one_line_error(neo4j_uri, monkeypatch):
    """A driver exception that escapes the store (e.g. an expired token mid-run) is caught at the CLI."""
    from neo4j.exceptions import TokenExpired

    from newsgraph.graph.neo4j_store import Neo4jStore

    def expired(self, *args, **kwargs):
        raise TokenExpired("Token expired.")

    monkeypatch.setattr(Neo4jStore, "run_named", expired)
    result = runner.invoke(app, ["--store", neo4j_uri, "stats"])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == ["error: Neo4j refused the credentials: Token expired."]
