"""``timeline ENTITY``: the events and facts about one entity, in date order.

Each row is one event that involves, benefits, hurts or regulates the entity, or one fact
(partnership, release, investment, ...) it takes part in, dated by the item that reported it.
"""

from __future__ import annotations

from pydantic import BaseModel

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import FACT_TYPES, Label, RelType
from newsgraph.graph.store import GraphStore
from newsgraph.queries.names import resolve_name
from newsgraph.queries.window import Window, best_evidence

__all__ = ["TimelineResult", "TimelineRow", "timeline"]

EVENT_LINKS = [t.value for t in (RelType.INVOLVES, RelType.BENEFITS, RelType.HURTS, RelType.REGULATES)]


class TimelineRow(BaseModel):
    date: str | None
    kind: str  # the event kind, or the relationship type of a fact
    title: str
    relation: str  # how the entity takes part: INVOLVES/BENEFITS/... or "-> Other" / "<- Other"
    other_id: str | None
    evidence: str | None
    item_id: str | None


class TimelineResult(BaseModel):
    target: dict
    rows: list[TimelineRow]


def timeline(
    store: GraphStore, entity: str, *, keep: Window | None = None, limit: int = 100, catalog: Catalog | None = None
) -> TimelineResult:
    """Events and facts about ``entity``, oldest first (the newest ``limit`` rows).

    Examples
    --------
    >>> rows = timeline(store, "openai").rows
    >>> rows[0].date, any(r.relation == "INVOLVES" for r in rows)
    ('2026-01-09', True)
    """
    keep = keep or Window()
    target = resolve_name(store, entity, catalog=catalog)
    rows: list[TimelineRow] = []
    links = [
        e for e in store.run_named("edges_in", ids=[target["id"]], types=EVENT_LINKS) if e["label"] == Label.EVENT.value
    ]
    events = {e["id"]: e for e in store.run_named("events_by_id", ids=sorted({link["id"] for link in links}))}
    for link in links:
        event = events[link["id"]]
        if not keep.keeps(event["date"]):
            continue
        sentence, item, _ = best_evidence(link, keep)
        rows.append(
            TimelineRow(
                date=event["date"],
                kind=event["kind"] or "other",
                title=event["title"] or "",
                relation=link["type"],
                other_id=event["id"],
                evidence=sentence or event["summary"],
                item_id=item or (link["item_ids"] or [None])[0],
            )
        )
    for way, query in (("->", "edges_out"), ("<-", "edges_in")):
        for edge in store.run_named(query, ids=[target["id"]], types=[t.value for t in FACT_TYPES]):
            if edge["label"] == Label.EVENT.value:
                continue
            for index, day in enumerate(edge["dates"] or []):
                if not keep.keeps(day):
                    continue
                evidence = edge["evidence"] or []
                rows.append(
                    TimelineRow(
                        date=day or None,
                        kind=edge["type"],
                        title=f"{target['name']} {way} {edge['name']}",
                        relation=f"{way} {edge['type']}",
                        other_id=edge["id"],
                        evidence=evidence[index] if index < len(evidence) else None,
                        item_id=(edge["item_ids"] or [None] * (index + 1))[index],
                    )
                )
    rows.sort(key=lambda r: (r.date or "", r.kind, r.title, r.relation))
    return TimelineResult(target=target, rows=rows[-limit:])
