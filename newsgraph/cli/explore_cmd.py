"""Canned questions about entities: timeline, partners, releases, regulators, investors,
neighbors, path, top, trending and search. Each parses options and prints a library result."""

from __future__ import annotations

from typing import Annotated

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
    print_rows,
    settings,
    store_session,
)
from newsgraph.cli.names import announce

__all__ = ["MEASURES", "register"]

Entity = Annotated[str, typer.Argument(help="An entity: id, name or alias (zh/en); fuzzy matches allowed.")]
#: ``top --by`` choices (the same as newsgraph.queries.top.MEASURES; a test keeps them equal)
MEASURES = ("degree", "pagerank", "mentions")

FACT_COLUMNS = ["name", "label", "type", "direction", "count", "first_seen", "last_seen", "item_id", "evidence"]


def _facts_command(app: typer.Typer, name: str, module: str, func: str, help_text: str) -> None:
    @app.command(name, help=help_text)
    @guarded
    def command(
        entity: Entity,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 50,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        from importlib import import_module

        from newsgraph.queries.window import window

        query = getattr(import_module(module), func)
        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            entity_id = announce(store, entity, settings.catalog())["id"]  # resolved once
            result = query(store, entity_id, keep=window(store, since, until), limit=limit, catalog=settings.catalog())
        title = f"{name} of {result.target['name']} ({result.target['id']})"
        print_rows(out, result.rows, FACT_COLUMNS, title=title)


def register(app: typer.Typer) -> None:
    _facts_command(app, "partners", "newsgraph.queries.facts", "partners", "Who an entity partners (or competes) with.")
    _facts_command(app, "releases", "newsgraph.queries.facts", "releases", "What an entity released.")
    _facts_command(app, "investors", "newsgraph.queries.facts", "investors", "Who invested in (or acquired) an entity.")
    _facts_command(
        app,
        "regulators",
        "newsgraph.queries.regulators",
        "regulators",
        "Who regulates a sector or entity, its sub-sectors and members.",
    )

    @app.command("timeline")
    @guarded
    def timeline_command(
        entity: Entity,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 100,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Events and facts about an entity in date order, each with its evidence and item."""
        from newsgraph.queries.timeline import timeline
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            entity_id = announce(store, entity, settings.catalog())["id"]  # resolved once
            result = timeline(
                store, entity_id, keep=window(store, since, until), limit=limit, catalog=settings.catalog()
            )
        print_rows(
            out,
            result.rows,
            ["date", "kind", "title", "relation", "item_id", "evidence"],
            title=f"Timeline of {result.target['name']} ({result.target['id']})",
        )

    @app.command("neighbors")
    @guarded
    def neighbors_command(
        entity: Entity,
        depth: Annotated[int, typer.Option("--depth", min=1, max=4, help="Hops.")] = 1,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 100,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Entities and events within N hops of an entity."""
        from newsgraph.queries.neighbors import neighbors
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            entity_id = announce(store, entity, settings.catalog())["id"]  # resolved once
            rows = neighbors(
                store, entity_id, depth=depth, keep=window(store, since, until), limit=limit, catalog=settings.catalog()
            )
        print_rows(
            out, rows, ["hops", "name", "label", "via", "from_id", "count", "id"], title=f"Neighbors of {entity}"
        )

    @app.command("path")
    @guarded
    def path_command(
        source: Entity,
        target: Entity,
        max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8, help="Longest path.")] = 6,
        since: SinceOpt = None,
        until: UntilOpt = None,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """A shortest path between two entities (direction ignored)."""
        from newsgraph.queries.neighbors import path
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            source_id = announce(store, source, settings.catalog())["id"]  # resolved once
            target_id = announce(store, target, settings.catalog())["id"]
            result = path(
                store,
                source_id,
                target_id,
                max_hops=max_hops,
                keep=window(store, since, until),
                catalog=settings.catalog(),
            )
        if out == "json":
            print_rows(out, [], [], payload=result.model_dump())
            return
        if out in ("jsonl", "csv"):
            steps = [
                {"step": i, "id": node.get("id"), "name": node.get("name"), "relationship": rel}
                for i, (node, rel) in enumerate(zip(result.nodes, [*result.relationships, None], strict=True))
            ]
            print_rows(out, steps, ["step", "id", "name", "relationship"])
            return
        steps = [result.nodes[0]["name"]]
        for rel, node in zip(result.relationships, result.nodes[1:], strict=True):
            steps += [rel, node["name"]]
        echo(" ".join(str(s) for s in steps))

    @app.command("top")
    @guarded
    def top_command(
        label: Annotated[str | None, typer.Option("--label", help="Only this label, e.g. Company.")] = None,
        by: Annotated[str, typer.Option("--by", help=f"One of {', '.join(MEASURES)}.")] = "degree",
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 20,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The most connected, central (pagerank) or mentioned entities."""
        from newsgraph.queries.top import top
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            rows = top(store, label=label, by=by, keep=window(store, since, until), limit=limit)
        print_rows(out, rows, ["value", "name", "label", "id"], title=f"Top by {by}")

    @app.command("trending")
    @guarded
    def trending_command(
        since: SinceOpt = "7d",
        until: UntilOpt = None,
        limit: LimitOpt = 20,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Entities mentioned most in a recent window, against their earlier rate."""
        from newsgraph.queries.trending import trending
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            rows = trending(store, keep=window(store, since, until), limit=limit)
        span = f"{rows[0].since} to {rows[0].as_of}" if rows else f"since {since}"
        print_rows(out, rows, ["recent", "sources", "before", "lift", "name", "label", "id"], title=f"Trending {span}")

    @app.command("search")
    @guarded
    def search_command(
        text: Annotated[str, typer.Argument(help="Words to find, Chinese or English.")],
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 20,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Find entities (fuzzy, both languages), events and items."""
        from newsgraph.queries.search import search
        from newsgraph.queries.window import window

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            rows = search(store, text, keep=window(store, since, until), limit=limit)
        print_rows(out, rows, ["score", "kind", "name", "label", "date", "id"], title=f"Search: {text}")
