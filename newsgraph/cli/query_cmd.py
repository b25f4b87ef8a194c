"""Query commands: ``affects``, ``stats`` and ``cypher``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.common import (
    FormatOpt,
    JsonOpt,
    LimitOpt,
    SinceOpt,
    UntilOpt,
    echo,
    guarded,
    output_format,
    parse_params,
    print_rows,
    settings,
    store_session,
)
from newsgraph.cli.names import announce
from newsgraph.cli.output import cut

if TYPE_CHECKING:
    from newsgraph.queries.affects import AffectsResult

__all__ = ["register", "show_affects"]

AFFECTS_COLUMNS = ["score", "direction", "driver", "date", "items", "via", "item", "evidence"]


def show_affects(result: AffectsResult, fmt: str, explain: bool = False) -> None:
    rows = [row.model_dump(mode="json") for row in result.rows]
    if fmt != "table":
        print_rows(fmt, rows, ["id", "label", "name", "score", "direction", "date", "items", "item_id", "evidence"])
        return
    target = result.target
    scope = f" and {len(result.scope) - 1} sub-sectors" if len(result.scope) > 1 else ""
    table = [
        {
            "score": f"{r['score']:+.3f}",
            "direction": r["direction"],
            "driver": f"{r['name']} ({r['label']})"
            + (f" with {cut(', '.join(r['participants']), 60)}" if r["participants"] else ""),
            "date": r["date"],
            "items": r["items"],
            "via": " ".join(str(step) for step in r["path"][1:]),
            "item": r["item_id"],
            "evidence": r["evidence"],
        }
        for r in rows
    ]
    window = f", window {result.since or '…'} to {result.until or '…'}" if result.since or result.until else ""
    print_rows(
        fmt,
        table,
        AFFECTS_COLUMNS,
        title=f"What affects {target['name']} ({target['id']}){scope}, as of {result.as_of}{window}"
        " (signed evidence only)",
    )
    if explain:
        for r in result.rows:
            echo(f"{r.name}: {r.items} items, confidence {r.confidence}")
            for step in r.explain:
                echo(
                    f"  {step.source} -{step.type}-> {step.target}  [{step.date or 'catalog'}] "
                    f"{cut(step.evidence or '', 120)} ({step.item_id or '-'})"
                )


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
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What pushes a sector or entity (and its sub-sectors) up or down, with the evidence for each."""
        from newsgraph.queries.affects import affects
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            target_id = announce(store, target, settings.catalog())["id"]  # resolved once
            keep = window(store, since, until)
            result = affects(
                store,
                target_id,
                depth=depth,
                half_life=half_life,
                since=keep.since,
                until=keep.until,
                as_of=window(store, as_of).since,
                limit=limit,
                catalog=settings.catalog(),
                members=members,
            )
        show_affects(result, out, explain)

    @app.command("stats")
    @guarded
    def stats_command(
        limit: Annotated[
            int | None, typer.Option("--limit", min=1, help="Show only the N largest labels and types.")
        ] = None,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Counts of nodes per label and relationships per type."""
        from newsgraph.queries.stats import stats

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            result = stats(store)
        if limit is not None:
            for key in ("labels", "relationships"):
                top = sorted(result[key].items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
                result[key] = dict(sorted(top))
        rows = [{"kind": "label", "name": k, "count": v} for k, v in result["labels"].items()]
        rows += [{"kind": "relationship", "name": k, "count": v} for k, v in result["relationships"].items()]
        if out == "json":
            print_rows(out, rows, [], payload=result)
        elif out != "table":
            print_rows(out, rows, ["kind", "name", "count"])
        else:
            print_rows(out, rows[: len(result["labels"])], ["name", "count"], title="Nodes")
            print_rows(out, rows[len(result["labels"]) :], ["name", "count"], title="Relationships")
            echo(f"{result['nodes']} nodes, {result['relationship_count']} relationships")

    @app.command("cypher")
    @guarded
    def cypher_command(
        query: Annotated[
            str,
            typer.Argument(help="A Cypher query, as for Neo4j (the embedded store translates it; docs/queries.md)."),
        ],
        param: Annotated[
            list[str] | None,
            typer.Option(
                "--param", "-p", help="A parameter name=value (repeatable); the value is read as JSON if it parses."
            ),
        ] = None,
        write: Annotated[bool, typer.Option("--write", help="Allow the query to write.")] = False,
        allow_files: Annotated[
            bool,
            typer.Option(
                "--allow-files", help="Embedded store: allow COPY, LOAD FROM and file-reading functions (with care)."
            ),
        ] = False,
        limit: LimitOpt = 1000,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Run an analyst's Cypher query, read-only unless --write; never touches files unless --allow-files."""
        from newsgraph.graph.analyst import run_cypher

        out = output_format(fmt, as_json)
        params = parse_params(param or [])
        with store_session(read_only=not write) as store:
            rows = run_cypher(store, query, params, write=write, allow_files=allow_files)
        shown = rows[:limit] if limit else rows
        columns = list(rows[0]) if rows else []
        title = f"{len(rows)} rows" + (f" (first {limit} shown)" if len(rows) > len(shown) else "")
        print_rows(out, shown, columns, title=title)
