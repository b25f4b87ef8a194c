"""Resolve a name typed on the command line to one node id.

Order: an exact id; the catalog's names and aliases (both languages, folded); the graph's
names and aliases; then fuzzy matching (rapidfuzz) over the graph's names. A name that
matches several entities raises :class:`AmbiguousNameError` listing them, never a guess.
"""

from __future__ import annotations

from newsgraph.errors import AmbiguousNameError, UnknownNameError
from newsgraph.graph.catalog import Catalog, default_catalog
from newsgraph.graph.model import ENTITY_LABELS, Label, RelType, normalise_name
from newsgraph.graph.store import GraphStore

__all__ = ["resolve_name", "sector_scope"]

FUZZY_CUTOFF = 85


def _describe(row: dict) -> str:
    return f"{row['id']} ({row['label']}: {row['name']})"


def resolve_name(store: GraphStore, name: str, *, catalog: Catalog | None = None) -> dict:
    """Return the node row (``id``, ``label``, ``name``) that ``name`` designates."""
    catalog = catalog or default_catalog()
    exact = store.run_named("nodes_by_id", ids=[name.strip()])
    if exact:
        return exact[0]
    entries = catalog.lookup(name)
    if entries:
        present = store.run_named("nodes_by_id", ids=[e.id for e in entries])
        if len(present) == 1:
            return present[0]
        if len(present) > 1:
            raise AmbiguousNameError(name, sorted(_describe(r) for r in present))
    rows = store.run_named("entities", labels=[label.value for label in ENTITY_LABELS])
    key = normalise_name(name)
    matches = [
        r for r in rows if key in {normalise_name(r["name"] or ""), *(normalise_name(a) for a in r["aliases"] or [])}
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousNameError(name, sorted(_describe(r) for r in matches))
    if entries:  # the catalog knows it, the graph does not have it yet
        raise UnknownNameError("entity in the graph", name, [e.id for e in entries])
    choices = {r["id"]: normalise_name(r["name"] or "") for r in rows}
    from rapidfuzz import fuzz, process  # here: only a name nothing else matched pays for it

    scored = process.extract(key, choices, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=5)
    by_id = {r["id"]: r for r in rows}
    if not scored:
        raise UnknownNameError("entity", name)
    best = [s for s in scored if s[1] == scored[0][1]]
    if len(best) == 1:
        return by_id[best[0][2]]
    raise AmbiguousNameError(name, sorted(_describe(by_id[s[2]]) for s in scored))


def sector_scope(store: GraphStore, root: dict, *, members: bool = True) -> list[str]:
    """The root id, the sectors below it (SUBSECTOR_OF), and optionally their members."""
    scope = [root["id"]]
    if root["label"] != Label.SECTOR.value:
        return scope
    frontier = [root["id"]]
    while frontier:
        rows = store.run_named("edges_in", ids=frontier, types=[RelType.SUBSECTOR_OF.value], label="Sector")
        frontier = sorted({r["id"] for r in rows} - set(scope))
        scope.extend(frontier)
    if members:
        rows = store.run_named("edges_in", ids=list(scope), types=[RelType.IN_SECTOR.value], label="Sector")
        scope.extend(sorted({r["id"] for r in rows} - set(scope)))
    return scope
