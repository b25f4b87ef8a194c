"""The ``newsgraph`` command: global options, and each command group registered from its module.

Command modules import only typer and :mod:`newsgraph.cli.common` at import time; what a
command needs (the store, spaCy for ``ingest``) is imported when it runs, so ``--help``,
``--version`` and the queries start fast (``benchmarks/bench_startup.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph import __version__
from newsgraph.cli import (
    analyze_cmd,
    common,
    eval_cmd,
    explore_cmd,
    export_cmd,
    ingest_cmd,
    inspect_cmd,
    query_cmd,
    resolve_cmd,
    schema_cmd,
    train_cmd,
)

app = typer.Typer(
    name="newsgraph",
    help="Turn AI and crypto news digests into a knowledge graph, and ask it questions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,  # plain help: rich's help formatter costs 0.2 s of start-up
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            envvar="NEWSGRAPH_STORE",
            help="Where the graph lives: a folder path (embedded store, the default under your data folder) "
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
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Settings come from the flag, else the environment, else newsgraph.toml, else the default."""
    from newsgraph.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        common.error_line(str(exc))
        raise typer.Exit(common.EXIT_USAGE) from None
    source = "the configuration file" if store is None and config.store is not None else "--store"
    store = store if store is not None else config.store
    if store is not None:
        from newsgraph.graph.store import InvalidStoreURIError, parse_store_uri

        try:
            parse_store_uri(store)
        except InvalidStoreURIError as exc:
            common.error_line(f"{source}: {exc}" if source != "--store" else f"--store: {exc}")
            raise typer.Exit(common.EXIT_USAGE) from None
    common.settings.store = store
    common.settings.database = database if database is not None else config.database
    env_catalog = [Path(p) for p in os.environ.get("NEWSGRAPH_CATALOG", "").split(os.pathsep) if p]
    common.settings.catalog_files = list(catalog or []) or env_catalog or list(config.catalog)
    if config.defaults:
        ctx.default_map = _command_defaults(ctx, config.defaults)


_FORMAT_MEANS_INPUT = {"ingest", "export"}


def _command_defaults(ctx: typer.Context, defaults: dict[str, dict]) -> dict[str, dict]:
    """Click's default_map from the config's ``[defaults]``: option names (``half-life``) to
    each command's parameter names (``half_life``); a default a command lacks is ignored."""
    result: dict[str, dict] = {}
    group = ctx.command
    for name, command in getattr(group, "commands", {}).items():
        shared = dict(defaults.get("*", {}))
        if name in _FORMAT_MEANS_INPUT:
            shared.pop("format", None)  # their --format is the file format, not the output's
        wanted = {**shared, **defaults.get(name, {})}
        mapping = {}
        for param in command.params:
            for opt in getattr(param, "opts", []):
                key = opt.lstrip("-")
                if key in wanted:
                    mapping[param.name] = wanted[key]
        if mapping:
            result[name] = mapping
    return result


ingest_cmd.register(app)
inspect_cmd.register(app)
query_cmd.register(app)
explore_cmd.register(app)
analyze_cmd.register(app)
resolve_cmd.register(app)
export_cmd.register(app)
schema_cmd.register(app)
train_cmd.register(app)
eval_cmd.register(app)


#: global options that take a value: skipped when looking for the command on the command line
_VALUE_OPTIONS = ("--store", "--database", "--catalog")


def invoked_command(argv: list[str]) -> str | None:
    """The command a command line names (``--store S affects compute`` -> ``affects``), or None.

    >>> invoked_command(["--store", "g.lbdb", "affects", "compute"]), invoked_command(["--help"])
    ('affects', None)
    """
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    # Typer builds the parameters of every registered command before it parses anything
    # (~0.03 s for 25 commands); a command line that names one command needs only that one.
    # The top-level help, a mistyped command and shell completion still see them all.
    name = invoked_command(sys.argv[1:])
    only = [command for command in app.registered_commands if command.name == name]
    if only and "_NEWSGRAPH_COMPLETE" not in os.environ:
        app.registered_commands = only
    app()
