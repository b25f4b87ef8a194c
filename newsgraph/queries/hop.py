"""One hop of the ``affects`` walk: the reference aggregation, and the store's pushdown.

A hop takes the edges that reach the frontier (each frontier node by its own expansion:
:data:`EXPANSIONS`), scores each edge ``parent value x sign x confidence x scale x weight x
recency`` and sums the scores per neighbour, then keeps the ``k`` strongest neighbours.
:func:`aggregate` does it in Python over the edges the store returns, and is the reference;
a store with the ``affects_hop`` query (Neo4j) does the same in the server, so that only
the kept neighbours cross the wire (:func:`run_hop` picks). Only signed edges (and a
sector's membership) are walked, so a broad sector's hop reads its drivers, not its
co-mentions. Both return rows
``{id, label, name, value, edges: [[parent, type, contribution, latest date], ...]}``.

Examples
--------
>>> recency(["2026-01-09", "2025-10-11"], dt.date(2026, 1, 9), 90.0, None, None)
(1.5, '2026-01-09')
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from newsgraph.graph.model import Label, RelType
from newsgraph.graph.store import GraphStore

__all__ = ["EXPANSIONS", "SIGNED", "HopParams", "aggregate", "rank", "recency", "run_hop"]

SIGNED = {RelType.BENEFITS.value: 1.0, RelType.HURTS.value: -1.0}
# What each kind of node is expanded through. Only signed edges are walked (a row needs a
# signed path): co-mention (INVOLVES) and regulation carry no direction. The target's
# sectors also take their catalog members (IN_SECTOR), so that what benefits or hurts a
# member reaches the sector; membership groups and explains, it never makes a row.
SCOPE_IN = ("BENEFITS", "HURTS", "IN_SECTOR")
MEMBER_IN = ("BENEFITS", "HURTS")
ENTITY_IN = ("BENEFITS", "HURTS")
EVENT_IN = ("BENEFITS", "HURTS")

#: The ways a frontier node is expanded: (direction of its edges, their types); which one: affects._kind.
EXPANSIONS = (("in", SCOPE_IN), ("in", MEMBER_IN), ("in", ENTITY_IN), ("in", EVENT_IN))


def rank(value: float, node_id: str) -> tuple[float, str]:
    """Strongest first, ties by id; rounded so that last-bit float differences between
    backends (sums in another order) cannot reorder nodes."""
    return (-round(abs(value), 9), node_id)


def fetch_steps(store: GraphStore, kinds: dict[str, int], labels: dict[str, str], oldest: str) -> list[dict]:
    """Every edge one hop away from the frontier: one store query per expansion and label."""
    groups: dict[tuple[int, str], list[str]] = {}
    for node_id in sorted(kinds):
        groups.setdefault((kinds[node_id], labels[node_id]), []).append(node_id)
    edges = []
    for (kind, label), ids in groups.items():
        way, types = EXPANSIONS[kind]
        step = "steps_in" if way == "in" else "steps_out"  # no evidence lists: fetched at the end
        edges += store.run_named(step, ids=ids, types=list(types), since=oldest, label=label)
    return edges


def aggregate(
    edges: list[dict],
    values: dict[str, float],
    kinds: dict[str, int],
    *,
    visited: set[str],
    scale: float,
    member_weight: float,
    link_weight: float,
    as_of: dt.date | None,
    half_life: float,
    since: dt.date | None,
    until: dt.date | None,
    k: int,
) -> list[dict]:
    """One hop: per neighbour, the sum of its edges' contributions and those edges as
    ``[parent, type, contribution, latest date]``; the ``k`` strongest neighbours.
    ``values`` are the frontier's values, ``scale`` the hop's decay."""
    found: dict[str, dict] = {}
    item = Label.ITEM.value
    for edge in edges:  # the order only changes the last bits of the sums (see _rank)
        if edge["id"] in visited or edge["label"] == item:
            continue
        weight, latest = recency(edge.get("dates") or [], as_of, half_life, since, until)
        if weight == 0.0:
            continue
        rel, parent = edge["type"], edge["target"]
        factor = SIGNED.get(rel, 1.0) * (edge.get("confidence") or 0.0) * weight * scale
        if rel == "IN_SECTOR":
            factor *= member_weight
        elif rel == "INVOLVES" and EXPANSIONS[kinds[parent]][0] == "in":
            factor *= link_weight
        contribution = values[parent] * factor
        row = found.get(edge["id"])
        if row is None:
            found[edge["id"]] = row = {
                "id": edge["id"],
                "label": edge["label"],
                "name": edge["name"],
                "value": 0.0,
                "edges": [],
            }
        row["value"] += contribution
        row["edges"].append([parent, rel, contribution, latest])
    return sorted(found.values(), key=lambda r: rank(r["value"], r["id"]))[:k]


def recency(
    dates: list[str], as_of: dt.date | None, half_life: float, since: dt.date | None, until: dt.date | None
) -> tuple[float, str | None]:
    """Sum of the age decay over an edge's evidence dates within the window, and the latest."""
    total, latest = 0.0, None
    for text in dates or [""]:
        if not text:  # catalog facts carry no date: timeless
            total += 1.0
            continue
        day = day_of(text)
        if (since and day < since) or (until and day > until):
            continue
        total += decay(day, as_of, half_life)
        latest = max(latest or text, text)
    return total, latest


@functools.lru_cache(maxsize=16)
def decays(first: dt.date, as_of: dt.date, half_life: float) -> dict[str, float]:
    """:func:`decay` of every day from ``first`` to ``as_of``, by ISO date (for the store)."""
    days = range((as_of - first).days + 1)
    return {(first + dt.timedelta(n)).isoformat(): decay(first + dt.timedelta(n), as_of, half_life) for n in days}


@functools.lru_cache(maxsize=4096)
def day_of(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@functools.lru_cache(maxsize=4096)
def decay(day: dt.date, as_of: dt.date | None, half_life: float) -> float:
    """``0.5 ** (age / half_life)``, age in days before ``as_of`` (none after it)."""
    age = max(0, (as_of - day).days) if as_of else 0
    return 0.5 ** (age / half_life)


@dataclass
class HopParams:
    """What a walk's hops share: the window, the decay, the weights and the beam."""

    oldest: str
    since: dt.date | None
    until: dt.date | None
    as_of: dt.date | None
    half_life: float
    member_weight: float
    link_weight: float
    k: int
    in_store: bool


def run_hop(
    store: GraphStore,
    params: HopParams,
    frontier: dict[str, tuple[str, float]],
    kinds: dict[str, int],
    visited: set[str],
    *,
    scale: float,
) -> list[dict]:
    """One hop's rows (see :func:`aggregate`): by the store when it can, else here.
    ``frontier`` maps each node id to its label and value, ``kinds`` to its expansion."""
    weights = {"member_weight": params.member_weight, "link_weight": params.link_weight}
    if params.in_store:
        first = dt.date.fromisoformat(params.oldest) if params.oldest else None
        return store.run_named(
            "affects_hop",
            expansions=EXPANSIONS,
            frontier=[{"id": i, "value": frontier[i][1], "kind": kinds[i]} for i in sorted(frontier)],
            visited=sorted(visited),
            oldest=params.oldest,
            since=params.since.isoformat() if params.since else "",
            until=params.until.isoformat() if params.until else "",
            as_of=params.as_of.isoformat() if params.as_of else "",
            half_life=params.half_life,
            # the decay of each day within the horizon, for the store to look up
            decay=decays(first, params.as_of, params.half_life) if first and params.as_of else {},
            scale=scale,
            k=params.k,
            **weights,
        )
    edges = fetch_steps(store, kinds, {i: label for i, (label, _) in frontier.items()}, params.oldest)
    return aggregate(
        edges,
        {i: value for i, (_, value) in frontier.items()},
        kinds,
        visited=visited,
        scale=scale,
        as_of=params.as_of,
        half_life=params.half_life,
        since=params.since,
        until=params.until,
        k=params.k,
        **weights,
    )
