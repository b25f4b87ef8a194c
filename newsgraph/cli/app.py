"""The ``newsgraph`` command: global options, and each command group registered from its module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import (
    analyze_cmd,
    common,
    eval_cmd,
    explore_cmd,
    export_cmd,
    ingest_cmd,
    query_cmd,
    resolve_cmd,
    train_cmd,
)

app = typer.Typer(
    name="newsgraph",
    help="Turn AI and crypto news digests into a knowledge graph, and ask it questions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main_options(
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            envvar="NEWSGRAPH_STORE",
            help="Where the graph lives: a directory path (embedded store, the default under your data folder) "
            "or a Neo4j URI such as bolt://host:7687 or neo4j+s://xxx.databases.neo4j.io.",
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option("--database", envvar="NEWSGRAPH_DATABASE", help="Neo4j database name (default: the server's)."),
    ] = None,
    catalog: Annotated[
        list[Path] | None,
        typer.Option("--catalog", help="An extra catalog YAML file (repeatable); also NEWSGRAPH_CATALOG."),
    ] = None,
) -> None:
    common.settings.store = store
    common.settings.database = database
    common.settings.catalog_files = list(catalog or [])


ingest_cmd.register(app)
query_cmd.register(app)
explore_cmd.register(app)
analyze_cmd.register(app)
resolve_cmd.register(app)
export_cmd.register(app)
train_cmd.register(app)
eval_cmd.register(app)


def main() -> None:
    app()
