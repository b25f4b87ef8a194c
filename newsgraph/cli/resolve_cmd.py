"""``review``, ``merge``, ``unmerge`` and ``merges``: one node per real thing, decided by a person."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli.common import (
    FormatOpt,
    JsonOpt,
    echo,
    guarded,
    output_format,
    print_json,
    print_rows,
    settings,
    store_session,
)

__all__ = ["register"]

#: The same as newsgraph.loaders.dedupe.REVIEW_THRESHOLD (a test keeps them equal); spelled
#: out so that `newsgraph --help` does not import spaCy.
REVIEW_THRESHOLD = 88.0


def register(app: typer.Typer) -> None:
    @app.command("review")
    @guarded
    def review_command(
        threshold: Annotated[
            float,
            typer.Option("--threshold", min=50, max=100, help="Name similarity (0-100) from which a pair is shown."),
        ] = REVIEW_THRESHOLD,
        limit: Annotated[int, typer.Option("--limit", min=1, help="Pairs to show.")] = 50,
        fmt: FormatOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """List likely duplicate entities (same type, alike names) for a person to merge or leave."""
        from newsgraph.loaders.dedupe import duplicate_candidates

        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            pairs = duplicate_candidates(store, settings.catalog(), threshold=threshold, limit=limit)
        print_rows(
            out,
            pairs,
            ["score", "label", "a", "a_name", "b", "b_name", "reason"],
            title=f"{len(pairs)} likely duplicates (merge with: newsgraph merge A B)",
        )

    @app.command("merge")
    @guarded
    def merge_command(
        duplicate: Annotated[str, typer.Argument(help="The entity to fold away (id or name).")],
        survivor: Annotated[str, typer.Argument(help="The entity that stays (id or name).")],
        as_json: JsonOpt = False,
    ) -> None:
        """Merge DUPLICATE into SURVIVOR: its facts, evidence and names move over; undo with unmerge."""
        from newsgraph.graph.merge import merge_entities
        from newsgraph.queries.names import resolve_name

        with store_session() as store:
            a = resolve_name(store, duplicate, catalog=settings.catalog())["id"]
            b = resolve_name(store, survivor, catalog=settings.catalog())["id"]
            record = merge_entities(store, a, b)
        if as_json:
            print_json(record.model_dump())
        else:
            echo(
                f"merged {record.from_id} into {record.into_id} ({record.relationships} relationships); "
                f"undo with: newsgraph unmerge {record.from_id}"
            )

    @app.command("unmerge")
    @guarded
    def unmerge_command(
        merged: Annotated[str, typer.Argument(help="The id of an entity that was merged away.")],
        as_json: JsonOpt = False,
    ) -> None:
        """Undo a merge: restore the entity with its own facts and take them back off the survivor."""
        from newsgraph.graph.merge import unmerge_entity

        with store_session() as store:
            record = unmerge_entity(store, merged)
        if as_json:
            print_json(record.model_dump())
        else:
            echo(f"restored {record.from_id} (was merged into {record.into_id})")

    @app.command("merges")
    @guarded
    def merges_command(fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
        """The merge decisions recorded in the graph; later ingests follow them."""
        out = output_format(fmt, as_json)
        with store_session(read_only=True) as store:
            rows = sorted(
                ({k: r[k] for k in ("from_id", "into_id", "label", "decided_at")} for r in store.run_named("merges")),
                key=lambda r: r["from_id"],
            )
        print_rows(out, rows, ["from_id", "into_id", "label", "decided_at"], title=f"{len(rows)} merges")
