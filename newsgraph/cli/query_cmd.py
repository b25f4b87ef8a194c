"""Query commands: ``affects``, ``stats`` and ``cypher``."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli.common import (
    JsonOpt,
    LimitOpt,
    SinceOpt,
    UntilOpt,
    console,
    guarded,
    parse_params,
    print_json,
    print_table,
    settings,
    store_session,
)
from newsgraph.queries.affects import AffectsResult, affects
from newsgraph.queries.stats import stats
from newsgraph.queries.window import window

__all__ = ["register", "show_affects"]


def show_affects(result: AffectsResult, as_json: bool, explain: bool = False) -> None:
    if as_json:
        print_json([row.model_dump() for row in result.rows])
        return
    target = result.target
    scope = f" and {len(result.scope) - 1} sub-sectors" if len(result.scope) > 1 else ""
    rows = [
        [
            f"{r.score:+.3f}",
            r.direction,
            f"{r.name} ({r.label})" + (f" with {_short(', '.join(r.participants), 60)}" if r.participants else ""),
            r.date,
            f"{r.items}",
            " ".join(_short(step) for step in r.path[1:]),
            _short(r.evidence or "", 90),
            r.item_id,
        ]
        for r in result.rows
    ]
    window = f", window {result.since or '…'} to {result.until or '…'}" if result.since or result.until else ""
    print_table(
        f"What affects {target['name']} ({target['id']}){scope}, as of {result.as_of}{window} (signed evidence only)",
        ["score", "direction", "driver", "date", "items", "via", "evidence", "item"],
        rows,
    )
    if explain:
        for r in result.rows:
            console.print(f"{r.name}: {r.items} items, confidence {r.confidence}", highlight=False)
            for step in r.explain:
                console.print(
                    f"  {step.source} -{step.type}-> {step.target}  [{step.date or 'catalog'}] "
                    f"{_short(step.evidence or '', 120)} ({step.item_id or '-'})",
                    highlight=False,
                )


def _short(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def register(app: typer.Typer) -> None:
    @app.command("affects")
    @guarded
    def affects_command(
        target: Annotated[str, typer.Argument(help="A sector or entity: id, name or alias (zh/en).")],
        depth: Annotated[int, typer.Option("--depth", min=1, max=5, help="Hops to expand.")] = 3,
        half_life: Annotated[
            float, typer.Option("--half-life", min=1, help="Days for evidence weight to halve.")
        ] = 90.0,
        as_of: Annotated[
            str | None,
            typer.Option(
                "--as-of", help="Age evidence from this date (default: the end of the bulk of the items' dates)."
            ),
        ] = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        members: Annotated[
            bool, typer.Option("--members", help="Also list members that only the catalog ties to the target.")
        ] = False,
        explain: Annotated[
            bool, typer.Option("--explain", help="Show each row's path, edge by edge, with evidence.")
        ] = False,
        limit: LimitOpt = 20,
        as_json: JsonOpt = False,
    ) -> None:
        """What pushes a sector or entity (and its sub-sectors) up or down, with the evidence for each."""
        with store_session(read_only=True) as store:
            keep = window(store, since, until)
            result = affects(
                store,
                target,
                depth=depth,
                half_life=half_life,
                since=keep.since,
                until=keep.until,
                as_of=window(store, as_of).since,
                limit=limit,
                catalog=settings.catalog(),
                members=members,
            )
        show_affects(result, as_json, explain)

    @app.command("stats")
    @guarded
    def stats_command(as_json: JsonOpt = False) -> None:
        """Counts of nodes per label and relationships per type."""
        with store_session(read_only=True) as store:
            result = stats(store)
        if as_json:
            print_json(result)
            return
        print_table("Nodes", ["label", "count"], [[k, v] for k, v in result["labels"].items()])
        print_table("Relationships", ["type", "count"], [[k, v] for k, v in result["relationships"].items()])
        console.print(f"{result['nodes']} nodes, {result['relationship_count']} relationships", highlight=False)

    @app.command("cypher")
    @guarded
    def cypher_command(
        query: Annotated[str, typer.Argument(help="A Cypher query, in the store's dialect.")],
        param: Annotated[
            list[str] | None,
            typer.Option(
                "--param", "-p", help="A parameter name=value (repeatable); the value is read as JSON if it parses."
            ),
        ] = None,
        write: Annotated[bool, typer.Option("--write", help="Allow the query to write.")] = False,
        limit: LimitOpt = 1000,
        as_json: JsonOpt = False,
    ) -> None:
        """Run an analyst's Cypher query, read-only unless --write."""
        params = parse_params(param or [])
        with store_session(read_only=not write) as store:
            rows = store.query(query, params, write=write)
        if as_json:
            print_json(rows[:limit] if limit else rows)
            return
        columns = list(rows[0]) if rows else []
        print_table(f"{len(rows)} rows", columns, [[row[c] for c in columns] for row in rows[:limit]])
