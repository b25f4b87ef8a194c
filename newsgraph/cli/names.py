"""Say what a typed name was taken to mean: ``using OpenAI for 'opnai'``, or the closest few
names when none matches. Resolution itself is :func:`newsgraph.queries.names.resolve_name`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from newsgraph.cli.output import clean

if TYPE_CHECKING:
    from newsgraph.graph.catalog import Catalog
    from newsgraph.graph.store import GraphStore

__all__ = ["announce", "closest_names", "was_corrected"]

#: suggestions are shown down to this similarity (0-100), below the resolver's own cutoff
SUGGEST_CUTOFF = 60


def was_corrected(name: str, row: dict, catalog: Catalog) -> bool:
    """Whether ``row`` was reached by fuzzy matching rather than by its id, name or an alias."""
    from newsgraph.graph.model import normalise_name

    if name.strip() == row["id"]:
        return False
    key = normalise_name(name)
    forms = {normalise_name(row.get("name") or ""), *(normalise_name(a) for a in row.get("aliases") or [])}
    return key not in forms and row["id"] not in {entry.id for entry in catalog.lookup(name)}


def closest_names(store: GraphStore, name: str, *, limit: int = 5) -> list[str]:
    """The entities whose names (or aliases) are most like ``name``, as ``Name (id)``."""
    from rapidfuzz import fuzz, process

    from newsgraph.graph.model import ENTITY_LABELS, normalise_name

    rows = store.run_named("entities", labels=[label.value for label in ENTITY_LABELS])
    forms: dict[str, str] = {}
    for row in rows:
        for form in [row["name"] or "", *(row["aliases"] or [])]:
            forms[f"{row['id']}\x00{form}"] = normalise_name(form)
    best: dict[str, float] = {}
    names = {row["id"]: row["name"] for row in rows}
    key = normalise_name(name)
    for _, score, choice in process.extract(key, forms, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=50):
        node_id = choice.split("\x00", 1)[0]
        best[node_id] = max(best.get(node_id, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [f"{names[node_id]} ({node_id})" for node_id, _ in ranked]


def announce(store: GraphStore, name: str, catalog: Catalog) -> dict:
    """Resolve ``name``; on stderr, say so when it was corrected. An unknown name raises
    :class:`~newsgraph.errors.UnknownNameError` listing the closest names."""
    from newsgraph.errors import UnknownNameError
    from newsgraph.queries.names import resolve_name

    try:
        row = resolve_name(store, name, catalog=catalog)
    except UnknownNameError as exc:
        if exc.choices:
            raise
        suggestions = closest_names(store, name)
        if not suggestions:
            raise
        error = UnknownNameError(exc.kind, name, suggestions)
        error.args = (f"unknown {exc.kind} {name!r}; the closest: {', '.join(suggestions)}",)
        raise error from None
    if was_corrected(name, row, catalog):
        sys.stderr.write(clean(f"using {row.get('name') or row['id']} ({row['id']}) for {name!r}") + "\n")
    return row
