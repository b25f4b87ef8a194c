"""``affects TARGET``: what pushes a sector or entity (and its sub-sectors) up or down.

Computed by bounded expansion, never by enumerating paths: starting from the target and
every sector below it, each hop asks the store for the edges arriving at the current
frontier (BENEFITS, HURTS, REGULATES, IN_SECTOR, INVOLVES) and for the participants of
the events in it (INVOLVES out), and aggregates per node. A node is expanded once, at
the first hop that reaches it, and each hop keeps at most ``max_frontier`` nodes.

Scoring: a node's score is the sum over the edges that reach it of
``parent value x sign x confidence x hop_decay x sum over evidence of 0.5 ** (age / half_life)``
where sign is +1 for BENEFITS, -1 for HURTS, +1 for the others (which carry influence, not
direction), and age is counted back from ``as_of`` (default: the newest date in the graph,
so the same graph always gives the same scores); relationships last asserted more than
``horizon`` half-lives before that are not fetched at all. Members (IN_SECTOR) are weighted by
``member_weight`` and events that only involve a node already reached by ``link_weight``.

Examples
--------
>>> _recency(["2026-01-09", "2025-10-11"], dt.date(2026, 1, 9), 90.0, None, None)
(1.5, '2026-01-09')
"""

from __future__ import annotations

import datetime as dt
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
    best: float = -1.0
    path: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    via: str = ""
    signed_path: bool = False
    date: str | None = None
    #: the edges whose evidence explains this node, in order of preference: (src, src label, type, dst)
    evidence_edges: list[tuple[str, str, str, str]] = field(default_factory=list)


def _expansions(frontier: dict[str, _Reach]) -> dict[tuple[str, tuple[str, ...], str], list[str]]:
    """Group the frontier by the store query that expands it, and by label (one table or index each)."""
    groups: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for node in sorted(frontier.values(), key=lambda n: n.id):
        if node.hops == 0:
            key = ("edges_in", SCOPE_IN)
        elif node.label == Label.EVENT.value:
            key = ("edges_out", EVENT_OUT)
        elif node.via == "IN_SECTOR":
            key = ("edges_in", MEMBER_IN)
        else:
            key = ("edges_in", ENTITY_IN)
        groups.setdefault((*key, node.label), []).append(node.id)
    return groups


def _recency(
    dates: list[str], as_of: dt.date | None, half_life: float, since: dt.date | None, until: dt.date | None
) -> tuple[float, str | None]:
    """Sum of the age decay over an edge's evidence dates within the window, and the latest."""
    total, latest = 0.0, None
    for text in dates or [""]:
        if not text:  # catalog facts carry no date: timeless
            total += 1.0
            continue
        day = dt.date.fromisoformat(text)
        if (since and day < since) or (until and day > until):
            continue
        age = max(0, (as_of - day).days) if as_of else 0
        total += 0.5 ** (age / half_life)
        latest = max(latest or text, text)
    return total, latest


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
) -> AffectsResult:
    """Rank what affects ``target``; see the module docstring for the scoring.

    Examples
    --------
    >>> rows = affects(store, "算力").rows
    >>> {"company:openai", "token:render"} <= {r.id for r in rows}
    True
    >>> next(r.direction for r in rows if r.id == "company:openai")
    'up'
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
    reached: dict[str, _Reach] = {}
    names = {r["id"]: (r["label"], r["name"] or r["id"]) for r in store.run_named("nodes_by_id", ids=scope)}
    frontier = {node: _Reach(node, *names[node], 0, value=1.0, path=[names[node][1]]) for node in scope}
    visited = set(scope)
    for hop in range(1, depth + 1):
        edges = []
        for (query, types, label), ids in _expansions(frontier).items():
            way = "in" if query == "edges_in" else "out"
            step = "steps_in" if query == "edges_in" else "steps_out"  # no evidence lists: fetched at the end
            rows = store.run_named(step, ids=ids, types=list(types), since=oldest, label=label)
            edges += [(e, way) for e in rows]
        found: dict[str, _Reach] = {}
        for edge, way in sorted(edges, key=lambda pair: (pair[0]["target"], pair[0]["type"], pair[0]["id"])):
            if edge["id"] in visited or edge["label"] == Label.ITEM.value:
                continue
            parent = frontier[edge["target"]]
            weight, latest = _recency(edge.get("dates") or [], as_of, half_life, since, until)
            if weight == 0.0:
                continue
            rel = edge["type"]
            factor = SIGNED.get(rel, 1.0) * (edge.get("confidence") or 0.0) * weight * hop_decay ** (hop - 1)
            if rel == "IN_SECTOR":
                factor *= member_weight
            elif rel == "INVOLVES" and way == "in":
                factor *= link_weight
            contribution = parent.value * factor
            node = found.get(edge["id"]) or _Reach(edge["id"], edge["label"], edge["name"] or edge["id"], hop, via=rel)
            found[edge["id"]] = node
            node.value += contribution
            arrow = f"-{rel}->" if way == "in" else f"<-{rel}-"
            node.kinds.update(parent.kinds | {rel})
            if abs(contribution) > node.best:
                node.best = abs(contribution)
                node.path = [node.name, arrow, *parent.path]
                node.signed_path = parent.signed_path or rel in SIGNED
                node.date = max(filter(None, [latest, parent.date]), default=None)
                if way == "in":
                    own = (edge["id"], edge["label"], rel, edge["target"])
                else:
                    own = (edge["target"], parent.label, rel, edge["id"])
                # the signed edge nearest the target explains direction best; else the node's own
                ordered = [*parent.evidence_edges, own] if parent.signed_path else [own, *parent.evidence_edges]
                node.evidence_edges = ordered
        strongest = sorted(found.values(), key=lambda n: (-abs(n.value), n.id))[:max_frontier]
        visited.update(found)
        reached.update({n.id: n for n in strongest})
        frontier = {n.id: n for n in strongest}
        if not frontier:
            break

    shown = sorted(reached.values(), key=lambda n: (-abs(n.value), n.id))[:limit]
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
