"""``affects TARGET``: what pushes a sector or entity (and its sub-sectors) up or down.

Computed by bounded expansion, never by enumerating paths: starting from the target and
every sector below it, each hop takes the edges arriving at the current frontier
(BENEFITS, HURTS, REGULATES, IN_SECTOR, INVOLVES) and the participants of the events in
it (INVOLVES out), aggregates them per node, and keeps the ``max_frontier`` strongest
nodes as the next frontier. A node is expanded once, at the first hop that keeps it.

Scoring: a node's score is the sum over the edges that reach it of
``parent value x sign x confidence x hop_decay x sum over evidence of 0.5 ** (age / half_life)``
where sign is +1 for BENEFITS, -1 for HURTS, +1 for the others (which carry influence, not
direction), and age is counted back from ``as_of`` (default: the newest date in the graph,
so the same graph always gives the same scores); relationships last asserted more than
``horizon`` half-lives before that are not fetched at all. Members (IN_SECTOR) are weighted by
``member_weight`` and events that only involve a node already reached by ``link_weight``.

One hop is one aggregation. :func:`_aggregate` is its reference, in Python over the edges
the store returns; a store that can aggregate a hop itself (Neo4j: the ``affects_hop``
query, which returns only the kept nodes instead of every edge) does so, and the
differential tests hold both to the same answers.

Examples
--------
>>> _recency(["2026-01-09", "2025-10-11"], dt.date(2026, 1, 9), 90.0, None, None)
(1.5, '2026-01-09')
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from pydantic import BaseModel

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Label, RelType
from newsgraph.graph.store import GraphStore
from newsgraph.queries.names import resolve_name, sector_scope
from newsgraph.queries.window import Window, best_evidence

__all__ = ["AffectsResult", "AffectsRow", "affects"]

SIGNED = {RelType.BENEFITS.value: 1.0, RelType.HURTS.value: -1.0}
# What each kind of node is expanded through (a typed walk, so a popular entity's every
# other event is not pulled in): the target's sectors take their drivers and members; a
# member takes what affects it and the events about it; an event takes its participants;
# any other entity only what directly benefits, hurts or regulates it.
SCOPE_IN = ("BENEFITS", "HURTS", "REGULATES", "IN_SECTOR")
MEMBER_IN = ("BENEFITS", "HURTS", "REGULATES", "INVOLVES")
ENTITY_IN = ("BENEFITS", "HURTS", "REGULATES")
EVENT_OUT = ("INVOLVES",)


class AffectsRow(BaseModel):
    id: str
    label: str
    name: str
    score: float
    direction: str  # up | down | regulates | member | involved
    hops: int
    path: list[str]
    date: str | None
    evidence: str | None
    item_id: str | None


class AffectsResult(BaseModel):
    target: dict
    scope: list[str]
    as_of: str | None
    rows: list[AffectsRow]


@dataclass
class _Reach:
    """How the expansion reached one node: its value and its strongest explanation."""

    id: str
    label: str
    name: str
    hops: int
    value: float = 0.0
    path: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    via: str = ""
    signed_path: bool = False
    date: str | None = None
    #: the edges whose evidence explains this node, in order of preference: (src, src label, type, dst)
    evidence_edges: list[tuple[str, str, str, str]] = field(default_factory=list)


#: The ways a frontier node is expanded: (direction of its edges, their types); see _kind.
EXPANSIONS = (("in", SCOPE_IN), ("in", MEMBER_IN), ("in", ENTITY_IN), ("out", EVENT_OUT))


def _kind(node: _Reach) -> int:
    """Which of :data:`EXPANSIONS` expands a frontier node."""
    if node.hops == 0:
        return 0
    if node.label == Label.EVENT.value:
        return 3
    return 1 if node.via == "IN_SECTOR" else 2


def _rank(value: float, node_id: str) -> tuple[float, str]:
    """Strongest first, ties by id; rounded so that last-bit float differences between
    backends (sums in another order) cannot reorder nodes."""
    return (-round(abs(value), 9), node_id)


def _fetch_steps(store: GraphStore, kinds: dict[str, int], labels: dict[str, str], oldest: str) -> list[dict]:
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


def _aggregate(
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
        weight, latest = _recency(edge.get("dates") or [], as_of, half_life, since, until)
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
    return sorted(found.values(), key=lambda r: _rank(r["value"], r["id"]))[:k]


def _recency(
    dates: list[str], as_of: dt.date | None, half_life: float, since: dt.date | None, until: dt.date | None
) -> tuple[float, str | None]:
    """Sum of the age decay over an edge's evidence dates within the window, and the latest."""
    total, latest = 0.0, None
    for text in dates or [""]:
        if not text:  # catalog facts carry no date: timeless
            total += 1.0
            continue
        day = _day(text)
        if (since and day < since) or (until and day > until):
            continue
        total += _decay(day, as_of, half_life)
        latest = max(latest or text, text)
    return total, latest


def _decays(first: dt.date, as_of: dt.date, half_life: float) -> dict[str, float]:
    """:func:`_decay` of every day from ``first`` to ``as_of``, by ISO date (for the store)."""
    days = range((as_of - first).days + 1)
    return {(first + dt.timedelta(n)).isoformat(): _decay(first + dt.timedelta(n), as_of, half_life) for n in days}


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@functools.lru_cache(maxsize=4096)
def _decay(day: dt.date, as_of: dt.date | None, half_life: float) -> float:
    """``0.5 ** (age / half_life)``, age in days before ``as_of`` (none after it)."""
    age = max(0, (as_of - day).days) if as_of else 0
    return 0.5 ** (age / half_life)


def affects(
    store: GraphStore,
    target: str,
    *,
    depth: int = 3,
    half_life: float = 90.0,
    hop_decay: float = 0.5,
    link_weight: float = 0.5,
    member_weight: float = 0.25,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
    limit: int = 20,
    max_frontier: int = 150,
    horizon: float = 4.0,
    catalog: Catalog | None = None,
    members: bool = False,
    pushdown: bool = True,
) -> AffectsResult:
    """Rank what affects ``target``; see the module docstring for the scoring. ``members``:
    also list the sectors' members that only the catalog's membership ties to the target.
    ``pushdown``: let a store that can aggregate each hop itself do so (``False``: always
    the reference).

    Examples
    --------
    >>> rows = affects(store, "算力").rows
    >>> next(r.direction for r in rows if r.id == "company:openai")
    'up'
    >>> "token:render" in {r.id for r in rows}  # in DePIN compute, says the catalog: not news
    False
    >>> next(r.direction for r in affects(store, "算力", members=True).rows if r.id == "token:render")
    'member'
    """
    root = resolve_name(store, target, catalog=catalog)
    scope = sector_scope(store, root, members=False)
    if as_of is None:
        newest = store.run_named("max_date")
        as_of = dt.date.fromisoformat(newest[0]["date"]) if newest and newest[0]["date"] else None
        if until and (as_of is None or until < as_of):
            as_of = until

    keep = Window(since=since, until=until)
    # Evidence older than ``horizon`` half-lives weighs under 0.5 ** horizon (6% at 4): skipped.
    cutoff = as_of - dt.timedelta(days=horizon * half_life) if as_of else None
    oldest = max(filter(None, [since, cutoff]), default=None)
    oldest = oldest.isoformat() if oldest else ""
    names = {r["id"]: (r["label"], r["name"] or r["id"]) for r in store.run_named("nodes_by_id", ids=scope)}
    frontier = {node: _Reach(node, *names[node], 0, value=1.0, path=[names[node][1]]) for node in scope}
    reached: dict[str, _Reach] = {}
    visited = set(scope)
    in_store = pushdown and store.has_query("affects_hop")
    if in_store:  # the decay of each day within the horizon, for the store to look up
        decay = _decays(dt.date.fromisoformat(oldest), as_of, half_life) if as_of and oldest else {}
    for hop in range(1, depth + 1):
        kinds = {node_id: _kind(node) for node_id, node in frontier.items()}
        scale = hop_decay ** (hop - 1)
        weights = {"member_weight": float(member_weight), "link_weight": float(link_weight)}
        if in_store:
            rows = store.run_named(
                "affects_hop",
                expansions=EXPANSIONS,
                frontier=[{"id": i, "value": frontier[i].value, "kind": kinds[i]} for i in sorted(frontier)],
                visited=sorted(visited),
                oldest=oldest,
                since=since.isoformat() if since else "",
                until=until.isoformat() if until else "",
                as_of=as_of.isoformat() if as_of else "",
                half_life=float(half_life),
                decay=decay,
                scale=scale,
                k=max_frontier,
                **weights,
            )
        else:
            edges = _fetch_steps(store, kinds, {i: n.label for i, n in frontier.items()}, oldest)
            values = {i: n.value for i, n in frontier.items()}
            rows = _aggregate(
                edges,
                values,
                kinds,
                visited=visited,
                scale=scale,
                as_of=as_of,
                half_life=half_life,
                since=since,
                until=until,
                k=max_frontier,
                **weights,
            )
        frontier = {row["id"]: _reached(row, hop, frontier, kinds) for row in rows}
        visited.update(frontier)
        reached.update(frontier)
        if not frontier:
            break

    ranked = sorted(reached.values(), key=lambda n: _rank(n.value, n.id))
    # a member reached only through the catalog's membership carries influence to the
    # events about it, but is not itself news: listed only when asked for
    shown = [n for n in ranked if members or _direction(n) != "member"][:limit]
    evidence = _evidence(store, shown, keep)
    rows = []
    for n in shown:
        sentence, item = next((evidence[e] for e in n.evidence_edges if evidence.get(e, (None,))[0]), (None, None))
        rows.append(
            AffectsRow(
                id=n.id,
                label=n.label,
                name=n.name,
                score=round(n.value, 6),
                direction=_direction(n),
                hops=n.hops,
                path=n.path,
                date=n.date,
                evidence=sentence,
                item_id=item,
            )
        )
    return AffectsResult(target=root, scope=scope, as_of=as_of.isoformat() if as_of else None, rows=rows)


def _reached(row: dict, hop: int, frontier: dict[str, _Reach], kinds: dict[str, int]) -> _Reach:
    """A node kept at ``hop``, explained by its strongest edge."""
    # the strongest edge explains the node; ties go to the first by parent id, then type
    parent_id, rel, _, latest = min(row["edges"], key=lambda e: (-abs(e[2]), e[0], e[1]))
    parent = frontier[parent_id]
    node = _Reach(row["id"], row["label"], row["name"] or row["id"], hop, value=row["value"], via=rel)
    node.kinds = {e[1] for e in row["edges"]}.union(*(frontier[e[0]].kinds for e in row["edges"]))
    way = EXPANSIONS[kinds[parent.id]][0]
    node.path = [node.name, f"-{rel}->" if way == "in" else f"<-{rel}-", *parent.path]
    node.signed_path = parent.signed_path or rel in SIGNED
    node.date = max(filter(None, [latest, parent.date]), default=None)
    own = (node.id, node.label, rel, parent.id) if way == "in" else (parent.id, parent.label, rel, node.id)
    # the signed edge nearest the target explains direction best; else the node's own
    node.evidence_edges = [*parent.evidence_edges, own] if parent.signed_path else [own, *parent.evidence_edges]
    return node


def _evidence(store: GraphStore, nodes: list[_Reach], keep: Window) -> dict[tuple, tuple[str | None, str | None]]:
    """The newest evidence sentence and item of each edge that explains a shown row."""
    wanted: dict[tuple[str, str], set[str]] = {}
    for node in nodes:
        for src, src_label, rel, _ in node.evidence_edges:
            wanted.setdefault((rel, src_label), set()).add(src)
    found: dict[tuple, tuple[str | None, str | None]] = {}
    for (rel, src_label), sources in sorted(wanted.items()):
        for edge in store.run_named("edges_out", ids=sorted(sources), types=[rel], label=src_label):
            sentence, item, _ = best_evidence(edge, keep)
            found[(edge["target"], src_label, rel, edge["id"])] = (sentence, item)
    return found


def _direction(node: _Reach) -> str:
    if node.signed_path:
        return "up" if node.value > 0 else "down" if node.value < 0 else "mixed"
    if "REGULATES" in node.kinds:
        return "regulates"
    if "IN_SECTOR" in node.kinds and node.hops == 1:
        return "member"
    return "involved"
