"""An analyst's Cypher on either store, rows in one plain form: what ``newsgraph cypher`` runs.

On Neo4j the query runs as written (in a read transaction unless ``write``). On the embedded
store it is checked and translated from Neo4j's Cypher (:mod:`newsgraph.graph.ladybug_dialect`),
and its nodes, relationships and paths come back in the Neo4j store's plain form, so a row
prints the same from both stores.
"""

from __future__ import annotations

from typing import Any

from newsgraph.graph.store import GraphStore

__all__ = ["run_cypher"]


def run_cypher(
    store: GraphStore,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    allow_files: bool = False,
) -> list[dict]:
    """Rows of ``query`` as plain dicts; read-only unless ``write``.

    On the embedded store a query that reads or writes files is refused unless
    ``allow_files``; on Neo4j file access is the server's setting (docs/queries.md).
    """
    if store.backend != "ladybug":
        return store.query(query, params or {}, write=write)
    from newsgraph.errors import QueryError
    from newsgraph.graph.ladybug_dialect import hint
    from newsgraph.graph.ladybug_rows import plain_rows

    try:
        rows = store.query(query, params or {}, write=write, allow_files=allow_files)  # type: ignore[call-arg]
    except QueryError as exc:
        exc.args = (hint(str(exc)),)
        raise
    except (ValueError, TypeError, OverflowError) as exc:  # the binding could not convert a parameter
        raise QueryError(f"cannot pass the parameters to the embedded store: {exc}") from None

    def lookup(missing: dict[int, list[int]]) -> dict[tuple, str]:
        tables = {row["id"]: row["name"] for row in store._rows("CALL show_tables() RETURN id, name", {})}
        found: dict[tuple, str] = {}
        for table, offsets in missing.items():
            name = tables.get(table)
            if name is None:
                continue
            rows = store._rows(
                f"MATCH (n:`{name}`) WHERE offset(id(n)) IN $offsets RETURN offset(id(n)) AS o, n.id AS id",
                {"offsets": offsets},
            )
            found.update({(table, row["o"]): row["id"] for row in rows})
        return found

    return plain_rows(rows, lookup)
