"""Canned questions about entities: timeline, partners, releases, regulators, investors,
neighbors, path, top, trending and search. Each parses options and prints a library result."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import BaseModel

from newsgraph.cli.common import (
    JsonOpt,
    LimitOpt,
    SinceOpt,
    UntilOpt,
    guarded,
    print_json,
    print_table,
    settings,
    store_session,
)
from newsgraph.queries import facts, regulators, timeline
from newsgraph.queries.neighbors import neighbors, path
from newsgraph.queries.search import search
from newsgraph.queries.top import MEASURES, top
from newsgraph.queries.trending import trending
from newsgraph.queries.window import window

__all__ = ["register"]

Entity = Annotated[str, typer.Argument(help="An entity: id, name or alias (zh/en); fuzzy matches allowed.")]


def _show(title: str, rows: list[BaseModel], columns: list[str], as_json: bool, payload: object = None) -> None:
    if as_json:
        print_json(payload if payload is not None else [row.model_dump() for row in rows])
        return
    print_table(title, columns, [[getattr(row, c) for c in columns] for row in rows])


FACT_COLUMNS = ["name", "label", "type", "direction", "count", "first_seen", "last_seen", "evidence", "item_id"]


def _facts_command(app: typer.Typer, name: str, func, help_text: str) -> None:
    @app.command(name, help=help_text)
    @guarded
    def command(
        entity: Entity, since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 50, as_json: JsonOpt = False
    ) -> None:
        with store_session(read_only=True) as store:
            result = func(store, entity, keep=window(store, since, until), limit=limit, catalog=settings.catalog())
        _show(f"{name} of {result.target['name']} ({result.target['id']})", result.rows, FACT_COLUMNS, as_json)


def register(app: typer.Typer) -> None:
    _facts_command(app, "partners", facts.partners, "Who an entity partners (or competes) with, with evidence.")
    _facts_command(app, "releases", facts.releases, "What an entity released: models, products, tokens.")
    _facts_command(app, "investors", facts.investors, "Who invested in (or acquired) an entity.")
    _facts_command(
        app, "regulators", regulators.regulators, "Who regulates a sector or entity, its sub-sectors and members."
    )

    @app.command("timeline")
    @guarded
    def timeline_command(
        entity: Entity, since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 100, as_json: JsonOpt = False
    ) -> None:
        """Events and facts about an entity in date order, each with its evidence and item."""
        with store_session(read_only=True) as store:
            result = timeline.timeline(
                store, entity, keep=window(store, since, until), limit=limit, catalog=settings.catalog()
            )
        _show(
            f"Timeline of {result.target['name']} ({result.target['id']})",
            result.rows,
            ["date", "kind", "title", "relation", "evidence", "item_id"],
            as_json,
        )

    @app.command("neighbors")
    @guarded
    def neighbors_command(
        entity: Entity,
        depth: Annotated[int, typer.Option("--depth", min=1, max=4, help="Hops.")] = 1,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 100,
        as_json: JsonOpt = False,
    ) -> None:
        """Entities and events within N hops of an entity."""
        with store_session(read_only=True) as store:
            rows = neighbors(
                store, entity, depth=depth, keep=window(store, since, until), limit=limit, catalog=settings.catalog()
            )
        _show(f"Neighbors of {entity}", rows, ["hops", "name", "label", "via", "from_id", "count", "id"], as_json)

    @app.command("path")
    @guarded
    def path_command(
        source: Entity,
        target: Entity,
        max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8, help="Longest path.")] = 6,
        since: SinceOpt = None,
        until: UntilOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """A shortest path between two entities (direction ignored)."""
        with store_session(read_only=True) as store:
            result = path(
                store, source, target, max_hops=max_hops, keep=window(store, since, until), catalog=settings.catalog()
            )
        if as_json:
            print_json(result.model_dump())
            return
        steps = [result.nodes[0]["name"]]
        for rel, node in zip(result.relationships, result.nodes[1:], strict=True):
            steps += [rel, node["name"]]
        typer.echo(" ".join(str(s) for s in steps))

    @app.command("top")
    @guarded
    def top_command(
        label: Annotated[str | None, typer.Option("--label", help="Only this label, e.g. Company.")] = None,
        by: Annotated[str, typer.Option("--by", help=f"One of {', '.join(MEASURES)}.")] = "degree",
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 20,
        as_json: JsonOpt = False,
    ) -> None:
        """The most connected, central (pagerank) or mentioned entities."""
        with store_session(read_only=True) as store:
            rows = top(store, label=label, by=by, keep=window(store, since, until), limit=limit)
        _show(f"Top by {by}", rows, ["value", "name", "label", "id"], as_json)

    @app.command("trending")
    @guarded
    def trending_command(
        since: SinceOpt = "7d", until: UntilOpt = None, limit: LimitOpt = 20, as_json: JsonOpt = False
    ) -> None:
        """Entities mentioned most in a recent window, against their earlier rate."""
        with store_session(read_only=True) as store:
            rows = trending(store, keep=window(store, since, until), limit=limit)
        span = f"{rows[0].since} to {rows[0].as_of}" if rows else f"since {since}"
        _show(f"Trending {span}", rows, ["recent", "sources", "before", "lift", "name", "label", "id"], as_json)

    @app.command("search")
    @guarded
    def search_command(
        text: Annotated[str, typer.Argument(help="Words to find, Chinese or English.")],
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: LimitOpt = 20,
        as_json: JsonOpt = False,
    ) -> None:
        """Find entities (fuzzy, both languages), events and items."""
        with store_session(read_only=True) as store:
            rows = search(store, text, keep=window(store, since, until), limit=limit)
        _show(f"Search: {text}", rows, ["score", "kind", "name", "label", "date", "id"], as_json)
