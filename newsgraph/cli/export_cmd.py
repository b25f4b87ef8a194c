"""The ``export`` command: write a subgraph for Gephi, yEd, Cytoscape, D3, Graphviz, Mermaid,
a browser, or ``neo4j-admin`` import; and Neo4j Browser / Bloom styles to match."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import echo, guarded, parse_params, print_json, settings, store_session, warn
from newsgraph.graph.export_names import FORMAT_NAMES as FORMATS
from newsgraph.graph.export_names import SUFFIXES

__all__ = ["register"]

_SUFFIX_HELP = ", ".join(f"{suffix}={fmt}" for suffix, fmt in SUFFIXES.items())
#: Graphviz's layouts do not finish in reasonable time beyond about this many nodes
DOT_NODE_WARNING = 1000


def _check_target(path: str) -> None:
    """Fail before any work when the folder to write into is missing or not writable."""
    import os

    from newsgraph.errors import NewsgraphError

    target = Path(path).expanduser()
    folder = target.parent  # for "out/" (a neo4j-csv folder) too: Path drops the slash
    if not folder.exists():
        raise NewsgraphError(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise NewsgraphError(f"cannot write {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise NewsgraphError(f"cannot write {path}: the folder {folder} is not writable")


def _split(text: str | None) -> list[str] | None:
    return [part.strip() for part in text.split(",") if part.strip()] if text else None


def register(app: typer.Typer) -> None:
    @app.command("export")
    @guarded
    def export_command(
        out: Annotated[
            str | None,
            typer.Argument(
                help=f"File to write, its format from the suffix ({_SUFFIX_HELP}, .cy.json=cytoscape), "
                "or a folder for neo4j-csv."
            ),
        ] = None,
        fmt: Annotated[
            str | None, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)} (default: from OUT).")
        ] = None,
        seed: Annotated[
            list[str] | None,
            typer.Option("--seed", help="Start from this entity: id, name or alias (repeatable). Default: everything."),
        ] = None,
        depth: Annotated[int, typer.Option("--depth", min=0, max=6, help="Hops from the seeds, either direction.")] = 1,
        labels: Annotated[
            str | None, typer.Option("--labels", help="Only these node labels, comma-separated (Company,Token).")
        ] = None,
        rels: Annotated[
            str | None,
            typer.Option("--rels", help="Only these relationship types, comma-separated (partners-with,BENEFITS)."),
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", help="Only facts dated from this date (YYYY-MM-DD) or span (30d).")
        ] = None,
        until: Annotated[str | None, typer.Option("--until", help="Only facts dated up to this date or span.")] = None,
        cypher: Annotated[
            str | None,
            typer.Option("--cypher", help="Export what this read-only query returns (nodes, relationships, paths)."),
        ] = None,
        param: Annotated[
            list[str] | None, typer.Option("--param", "-p", help="A --cypher parameter name=value (JSON if it parses).")
        ] = None,
        browser_style: Annotated[
            Path | None, typer.Option("--browser-style", help="Also write a Neo4j Browser style sheet (.grass) here.")
        ] = None,
        bloom_style: Annotated[
            Path | None, typer.Option("--bloom-style", help="Also write a Bloom caption set (.json) here.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
    ) -> None:
        """Export a subgraph (seed, depth, labels, relationship types, dates, or a Cypher query) to a file."""
        from newsgraph.graph.export import export_subgraph
        from newsgraph.graph.export.grass import write_bloom_captions, write_grass
        from newsgraph.queries.window import window

        if out is not None:
            _check_target(out)
        for style in (browser_style, bloom_style):
            if style is not None:
                _check_target(str(style))
        if out is None and browser_style is None and bloom_style is None:
            raise typer.BadParameter(
                "give OUT (and --format if its suffix says nothing), --browser-style or --bloom-style", param_hint="OUT"
            )
        styles = []
        if browser_style is not None:
            write_grass(browser_style)
            styles.append(str(browser_style))
        if bloom_style is not None:
            write_bloom_captions(bloom_style)
            styles.append(str(bloom_style))
        result = None
        if out is not None:
            if fmt is None and out.endswith(("/", "\\")):
                fmt = "neo4j-csv"  # a trailing slash names a folder (docs/export.md)
            try:
                with store_session(read_only=True) as store:
                    keep = window(store, since, until)
                    result = export_subgraph(
                        store,
                        out,
                        fmt,
                        seeds=seed or [],
                        depth=depth,
                        labels=_split(labels),
                        rels=_split(rels),
                        since=keep.since,
                        until=keep.until,
                        cypher=cypher,
                        params=parse_params(param or []),
                        catalog=settings.catalog(),
                    )
            except OSError as exc:  # a full disk, a folder removed under us
                from newsgraph.errors import NewsgraphError

                raise NewsgraphError(f"cannot write {out}: {exc.strerror or exc}") from None
        if result is not None and result.format == "dot" and result.nodes > DOT_NODE_WARNING:
            warn(
                f"{result.nodes} nodes: Graphviz layouts of more than about {DOT_NODE_WARNING} nodes may not finish; "
                "narrow the export (--seed, --depth, --labels) or use GEXF for Gephi"
            )
        if as_json:
            print_json({**(result.model_dump() if result else {}), "styles": styles})
            return
        for message in result.warnings if result else []:
            warn(message)
        if result:
            echo(
                f"wrote {result.path} ({result.format}, format_version {result.format_version}): "
                f"{result.nodes} nodes, {result.edges} edges"
            )
            if result.import_command:
                echo("load it into an empty Neo4j database (server stopped) with:")
                echo(result.import_command)
        for path in styles:
            echo(f"wrote {path}")
