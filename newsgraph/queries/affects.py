"""``affects TARGET``: what pushes a sector or entity (and its sub-sectors) up or down.

A row needs a **signed path**: a chain of BENEFITS / HURTS edges from the driver to the
target (or to one of the target's sub-sectors, or to a catalog member of them). Co-mention
(an event's INVOLVES, a digest's headline list) and catalog membership never make a row:
membership carries a member's drivers to its sector, and an event's participants are
listed on the event's row (``participants``) to explain it.

Computed by bounded expansion, never by enumerating paths: starting from the target and
every sector below it, each hop takes the signed edges arriving at the current frontier
(and, from the target's sectors, their members), aggregates them per node, and keeps the
``max_frontier`` strongest nodes as the next frontier. A node is expanded once, at the
first hop that keeps it.

Scoring: a node's score is the sum over the edges that reach it of
``parent value x sign x confidence x hop_decay x sum over evidence of 0.5 ** (age / half_life)``
where sign is +1 for BENEFITS, -1 for HURTS, +1 for the others (which carry influence, not
direction), and age is counted back from ``as_of`` (also the end of the window unless
``until`` says otherwise; default: the graph's reference date,
:func:`~newsgraph.queries.window.reference_date`, so the same graph always gives the same
scores and one stray later feed does not age the rest); relationships last asserted more than
``horizon`` half-lives before that are not fetched at all. Members (IN_SECTOR) are weighted by
``member_weight``.

One hop is one aggregation (:mod:`newsgraph.queries.hop`): in Python over the edges the
store returns, or, on a store that can (Neo4j), in the store, which then returns only the
kept nodes instead of every edge; the differential tests hold both to the same answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Label
from newsgraph.graph.store import GraphStore
from newsgraph.queries import affects_cache
from newsgraph.queries.hop import EXPANSIONS, SIGNED, HopParams, rank, run_hop
from newsgraph.queries.names import resolve_name, sector_scope
from newsgraph.queries.window import Window, best_evidence, reference_date

__all__ = ["AffectsResult", "AffectsRow", "affects"]


class Step(BaseModel):
    """One edge of a row's path, with the evidence that asserts it."""

    source: str
    type: str
    target: str
    evidence: str | None
    item_id: str | None
    date: str | None


class AffectsRow(BaseModel):
    id: str
    label: str
    name: str
    score: float
    direction: str  # up | down | mixed; member (only with members=True)
    hops: int
    path: list[str]
    date: str | None
    evidence: str | None
    item_id: str | None
    #: the items and events that assert the row's own signed edges (inside the window)
    items: int = 0
    events: int = 0
    confidence: float = 0.0
    first_date: str | None = None
    urls: list[str] = []
    #: who takes part in the driving event (co-mention: explains the row, never makes one)
    participants: list[str] = []
    #: the path edge by edge, each with its evidence (``--explain``)
    explain: list[Step] = []
    as_of: str | None = None


class AffectsResult(BaseModel):
    target: dict
    scope: list[str]
    as_of: str | None
    since: str | None = None
    until: str | None = None
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
    #: the path's edges from this node to the target, in path order
    steps: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: this node's own edges into the frontier that reached it: (src, src label, type, dst)
    own: list[tuple[str, str, str, str]] = field(default_factory=list)


def _kind(node: _Reach) -> int:
    """Which of :data:`EXPANSIONS` expands a frontier node."""
    if node.hops == 0:
        return 0
    if node.label == Label.EVENT.value:
        return 3
    return 1 if node.via == "IN_SECTOR" else 2


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
    cache: bool | None = None,
) -> AffectsResult:
    """Rank what affects ``target``; see the module docstring for the scoring. ``members``:
    also list the sectors' members that only the catalog's membership ties to the target.
    ``pushdown``: let a store that can aggregate each hop itself do so (``False``: always
    the reference). ``cache``: read and keep the answer materialised while the graph does
    not change (:mod:`newsgraph.queries.affects_cache`; default: on unless
    ``NEWSGRAPH_AFFECTS_CACHE=0``); the answer is the same either way.

    Examples
    --------
    >>> rows = affects(store, "算力").rows
    >>> genesis = next(r for r in rows if "创世纪" in r.name)  # an event: signed, with its evidence
    >>> genesis.direction, "OpenAI" in genesis.participants, "company:openai" in {r.id for r in rows}
    ('up', True, False)
    >>> "token:render" in {r.id for r in rows}  # in DePIN compute, says the catalog: not news
    False
    >>> next(r.direction for r in affects(store, "算力", members=True).rows if r.id == "token:render")
    'member'
    """
    # every option that changes the answer (as_of None: the graph's reference date, which the write state covers)
    options = {k: v for k, v in locals().items() if k not in ("store", "target", "catalog", "cache")}
    answers, key = (affects_cache.answers_for(store) if affects_cache.enabled(cache) else None), None
    with store.reading():  # one read transaction for the dozen queries below
        state = affects_cache.state_of(store) if answers else None  # first: what the answer is computed on
        root = resolve_name(store, target, catalog=catalog)
        if answers and state:
            key = affects_cache.answer_key(root["id"], options)
            if (found := affects_cache.lookup(answers, key, state)) is not None:
                return found
        scope = sector_scope(store, root, members=False)
        if as_of is None:
            as_of = reference_date(store)
            if until and (as_of is None or until < as_of):
                as_of = until
        # evidence dated after the as-of date is not yet known on that date
        until = until or as_of

        keep = Window(since=since, until=until)
        # Evidence older than ``horizon`` half-lives weighs under 0.5 ** horizon (6% at 4): skipped.
        cutoff = as_of - dt.timedelta(days=horizon * half_life) if as_of else None
        oldest = max(filter(None, [since, cutoff]), default=None)
        oldest = oldest.isoformat() if oldest else ""
        names = {r["id"]: (r["label"], r["name"] or r["id"]) for r in store.run_named("nodes_by_id", ids=scope)}
        frontier = {node: _Reach(node, *names[node], 0, value=1.0, path=[names[node][1]]) for node in scope}
        reached: dict[str, _Reach] = {}
        visited = set(scope)
        params = HopParams(
            oldest=oldest,
            since=since,
            until=until,
            as_of=as_of,
            half_life=float(half_life),
            member_weight=float(member_weight),
            link_weight=float(link_weight),
            k=max_frontier,
            in_store=pushdown and store.has_query("affects_hop"),
        )
        for hop in range(1, depth + 1):
            kinds = {node_id: _kind(node) for node_id, node in frontier.items()}
            labelled = {node_id: (node.label, node.value) for node_id, node in frontier.items()}
            rows = run_hop(store, params, labelled, kinds, visited, scale=hop_decay ** (hop - 1))
            frontier = {row["id"]: _reached(row, hop, frontier, kinds) for row in rows}
            visited.update(frontier)
            reached.update(frontier)
            if not frontier:
                break

        ranked = sorted(reached.values(), key=lambda n: rank(n.value, n.id))
        # a row needs a signed path; a member reached only through the catalog's membership
        # carries its drivers to the sector but is not news: listed only when asked for
        shown = [n for n in ranked if n.signed_path or (members and _direction(n) == "member")][:limit]
        edges = _edges(store, shown)
        urls = _urls(store, {i for n in shown for e in n.own for i in _items(edges.get(e), keep)})
        participants = _participants(store, [n.id for n in shown if n.label == Label.EVENT.value])
        rows = [
            _row(n, edges, urls, participants.get(n.id, []), keep, as_of.isoformat() if as_of else None) for n in shown
        ]
        result = AffectsResult(
            target=root,
            scope=scope,
            as_of=as_of.isoformat() if as_of else None,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            rows=rows,
        )
    if answers and state and key:
        affects_cache.remember(answers, key, state, result)
    return result


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
    node.steps = [own, *parent.steps]
    node.own = sorted({(node.id, node.label, e[1], e[0]) for e in row["edges"] if e[1] in SIGNED})
    return node


def _edges(store: GraphStore, nodes: list[_Reach]) -> dict[tuple, dict]:
    """Every edge that explains or supports a shown row, with its evidence lists."""
    wanted: dict[tuple[str, str], set[str]] = {}
    for node in nodes:
        for src, src_label, rel, _ in [*node.evidence_edges, *node.own]:
            wanted.setdefault((rel, src_label), set()).add(src)
    found: dict[tuple, dict] = {}
    for (rel, src_label), sources in sorted(wanted.items()):
        for edge in store.run_named("edges_out", ids=sorted(sources), types=[rel], label=src_label):
            found[(edge["target"], src_label, rel, edge["id"])] = edge
    return found


def _items(edge: dict | None, keep: Window) -> list[str]:
    """The items that asserted an edge inside the window."""
    if not edge:
        return []
    dates = edge.get("dates") or []
    ids = edge.get("item_ids") or []
    return [i for n, i in enumerate(ids) if i and i != "catalog" and keep.keeps(dates[n] if n < len(dates) else None)]


def _urls(store: GraphStore, items: set[str]) -> dict[str, tuple[str, str]]:
    """item id -> (date, url) for the items that have a URL."""
    if not items:
        return {}
    rows = store.run_named("items_by_id", ids=sorted(items))
    return {r["id"]: (str(r["date"] or ""), r["url"]) for r in rows if r.get("url")}


def _participants(store: GraphStore, events: list[str]) -> dict[str, list[str]]:
    """event id -> the names of its participants (co-mention: to explain, never to rank)."""
    found: dict[str, list[str]] = {}
    if events:
        for edge in store.run_named("edges_out", ids=sorted(events), types=["INVOLVES"], label=Label.EVENT.value):
            found.setdefault(edge["target"], []).append(edge["name"] or edge["id"])
    return {k: sorted(set(v)) for k, v in found.items()}


def _row(
    n: _Reach,
    edges: dict[tuple, dict],
    urls: dict[str, tuple[str, str]],
    participants: list[str],
    keep: Window,
    as_of: str | None,
) -> AffectsRow:
    explained = [(e, best_evidence(edges[e], keep)) for e in n.evidence_edges if e in edges]
    sentence, item = next(((ev[0], ev[1]) for _, ev in explained if ev[0]), (None, None))
    own = [edges[e] for e in n.own if e in edges]
    items = sorted({i for e in n.own for i in _items(edges.get(e), keep)})
    dates = sorted(d for e in own for d in (e.get("dates") or []) if d and keep.keeps(d))
    by_date = sorted((urls[i] for i in items if i in urls), reverse=True)
    steps = []
    for e in n.steps:
        sentence_e, item_e, date_e = best_evidence(edges[e], keep) if e in edges else (None, None, None)
        steps.append(Step(source=e[0], type=e[2], target=e[3], evidence=sentence_e, item_id=item_e, date=date_e))
    return AffectsRow(
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
        items=len(items),
        events=1 if n.label == Label.EVENT.value else 0,
        confidence=round(max((e.get("confidence") or 0.0 for e in own), default=0.0), 3),
        first_date=dates[0] if dates else None,
        urls=list(dict.fromkeys(url for _, url in by_date))[:5],
        participants=participants,
        explain=steps,
        as_of=as_of,
    )


def _direction(node: _Reach) -> str:
    if node.signed_path:
        return "up" if node.value > 0 else "down" if node.value < 0 else "mixed"
    return "member"
