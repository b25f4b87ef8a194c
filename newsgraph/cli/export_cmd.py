"""The ``export`` command: write a subgraph for Gephi, yEd, Cytoscape, D3, Graphviz, Mermaid,
a browser, or ``neo4j-admin`` import; and Neo4j Browser / Bloom styles to match."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import console, err_console, guarded, parse_params, print_json, settings, store_session
from newsgraph.graph.export import FORMATS, SUFFIXES, export_subgraph
from newsgraph.graph.export.grass import write_bloom_captions, write_grass
from newsgraph.queries.window import window

__all__ = ["register"]

_SUFFIX_HELP = ", ".join(f"{suffix}={fmt}" for suffix, fmt in SUFFIXES.items())


def _split(text: str | None) -> list[str] | None:
    return [part.strip() for part in text.split(",") if part.strip()] if text else None


def register(app: typer.Typer) -> None:
    @app.command("export")
    @guarded
    def export_command(
        out: Annotated[
            Path | None,
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
        if as_json:
            print_json({**(result.model_dump() if result else {}), "styles": styles})
            return
        for message in result.warnings if result else []:
            err_console.print(f"[yellow]warning:[/yellow] {message}", highlight=False, soft_wrap=True)
        if result:
            console.print(
                f"wrote {result.path} ({result.format}, format_version {result.format_version}): "
                f"{result.nodes} nodes, {result.edges} edges",
                highlight=False,
                soft_wrap=True,
            )
            if result.import_command:
                console.print("load it into an empty Neo4j database (server stopped) with:", highlight=False)
                console.print(result.import_command, highlight=False, soft_wrap=True, markup=False)
        for path in styles:
            console.print(f"wrote {path}", highlight=False)
