"""``trending --since 7d``: entities mentioned most in a recent window, against their past rate.

``recent`` counts the items inside the window that name the entity; ``before`` those
earlier. ``lift`` compares the recent daily rate with the earlier one (since the graph's
oldest date) (a newcomer with no
earlier mention gets ``lift = recent``), and rows rank by recent count, then lift.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from newsgraph.graph.store import GraphStore
from newsgraph.queries.window import Window, newest_date

__all__ = ["TrendRow", "trending"]


class TrendRow(BaseModel):
    id: str
    label: str
    name: str
    recent: int
    before: int
    lift: float


def trending(store: GraphStore, *, keep: Window | None = None, limit: int = 20) -> list[TrendRow]:
    """Rank entities by mentions inside ``keep`` (default: the newest 7 days of the graph).

    Examples
    --------
    >>> trending(store, limit=1)[0].name
    'OpenAI'
    """
    newest = newest_date(store)
    if newest is None:
        return []
    keep = keep or Window()
    since = keep.since or newest - dt.timedelta(days=7)
    until = keep.until or newest
    rows = store.run_named("mention_counts", since="", until=until.isoformat(), recent=since.isoformat())
    oldest = store.run_named("min_date")[0]["date"]
    days_recent = max(1, (until - since).days + 1)
    days_before = max(1, (since - dt.date.fromisoformat(oldest)).days) if oldest else 1
    out = []
    for row in rows:
        recent, total = row["recent"], row["mentions"]
        if recent == 0:
            continue
        before = total - recent
        lift = recent if before == 0 else (recent / days_recent) / (before / days_before)
        out.append(
            TrendRow(
                id=row["id"],
                label=row["label"],
                name=row["name"] or row["id"],
                recent=recent,
                before=before,
                lift=round(lift, 4),
            )
        )
    out.sort(key=lambda r: (-r.recent, -r.lift, r.id))
    return out[:limit]
