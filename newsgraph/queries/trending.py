"""``trending --since 7d``: entities mentioned most in a recent window, against their past rate.

The window ends at ``until`` (default: the graph's reference date,
:func:`~newsgraph.queries.window.reference_date`, the end of the bulk of the items, not a
stray later feed) and starts at ``since`` (default: 7 days before). ``recent`` counts the
items inside the window that name the entity; ``before`` those earlier. ``lift`` compares
the recent daily rate with the earlier one (since the graph's oldest date; a newcomer with
no earlier mention gets ``lift = recent``).

A row needs **support**: at least ``min_items`` distinct items on at least ``MIN_DAYS``
days, from at least ``min_sources`` publications inside the window (or from every
publication active in it, when fewer are), so that one burst, or an advert repeated daily
by one newsletter, cannot top the list. A publication is a source
file with its dated parts taken off (``daily/2025-12-10.md`` and ``daily/2025-12-11.md``
are one newsletter; :func:`publication`). Rows rank by recent count, then lift; each
carries the window it was computed on.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from pydantic import BaseModel

from newsgraph.graph.store import GraphStore
from newsgraph.queries.window import Window, reference_date

__all__ = ["TrendRow", "publication", "trending"]

MIN_ITEMS = 3
MIN_SOURCES = 2
MIN_DAYS = 2
_DATED = re.compile(r"\d{4}[-_.]?\d{2}|\d{2}[-_]\d{2}[-_]\d{2}")


class TrendRow(BaseModel):
    id: str
    label: str
    name: str
    recent: int
    before: int
    lift: float
    sources: int = 0
    since: str | None = None
    as_of: str | None = None


def publication(source: str) -> str:
    """The publication a source file belongs to: its path without dated parts at the end.

    >>> publication("corpora/daily-zh/cn/2025-12/2025-12-10.md")
    'corpora/daily-zh/cn'
    >>> publication("corpora/feeds/feed_hackernews.xml")
    'corpora/feeds/feed_hackernews.xml'
    """
    parts = list(PurePosixPath(source.replace("\\", "/")).parts)
    while len(parts) > 1 and _DATED.search(parts[-1]):
        parts.pop()
    return "/".join(parts).replace("//", "/")


def trending(
    store: GraphStore,
    *,
    keep: Window | None = None,
    limit: int = 20,
    min_items: int = MIN_ITEMS,
    min_sources: int = MIN_SOURCES,
) -> list[TrendRow]:
    """Rank entities by mentions inside ``keep`` (default: the 7 days up to the reference date).

    Examples
    --------
    >>> trending(store, limit=1, min_sources=1)[0].name
    'OpenAI'
    """
    as_of = reference_date(store)
    if as_of is None:
        return []
    keep = keep or Window()
    until = keep.until or as_of
    since = keep.since or until - dt.timedelta(days=7)
    window = {"since": since.isoformat(), "until": until.isoformat()}
    rows = store.run_named("mention_counts", since="", until=until.isoformat(), recent=since.isoformat())
    support = {r["id"]: r for r in store.run_named("mention_support", **window)}
    oldest = store.run_named("min_date")[0]["date"]
    days_recent = max(1, (until - since).days + 1)
    days_before = max(1, (since - dt.date.fromisoformat(str(oldest))).days) if oldest else 1
    publications = {r["id"]: {publication(s) for s in r["sources"] or [] if s} for r in support.values()}
    needed = min(min_sources, len(set().union(*publications.values())) if publications else 0)
    out = []
    for row in rows:
        recent, total = row["recent"], row["mentions"]
        backing = support.get(row["id"])
        if recent == 0 or backing is None:
            continue
        sources = len(publications[row["id"]])
        if backing["items"] < min_items or backing["days"] < MIN_DAYS or sources < needed:
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
                sources=sources,
                since=since.isoformat(),
                as_of=until.isoformat(),
            )
        )
    out.sort(key=lambda r: (-r.recent, -r.lift, r.id))
    return out[:limit]
