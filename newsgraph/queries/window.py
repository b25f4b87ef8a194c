"""Date windows for queries: ``--since``/``--until`` as dates or as spans (``7d``, ``4w``, ``6m``, ``1y``).

A span counts back from the graph's *reference date* (not from today), so a query over an
archive of old digests means the same thing as over today's, and answers are reproducible.
The reference date is the last day of the period that carries the bulk of the items
(:func:`reference_date`), not the newest item: one feed dated months later must not age
the rest of the graph.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from newsgraph.errors import NewsgraphError
from newsgraph.graph.store import GraphStore

__all__ = ["Window", "best_evidence", "newest_date", "parse_when", "reference_date", "window"]

_SPANS = {"d": 1, "w": 7, "m": 30, "y": 365}


class Window(BaseModel):
    since: dt.date | None = None
    until: dt.date | None = None

    def keeps(self, day: str | None) -> bool:
        """Whether an ISO date string falls inside; undated (catalog) facts always do."""
        if not day:
            return True
        return (self.since is None or day >= self.since.isoformat()) and (
            self.until is None or day <= self.until.isoformat()
        )

    @property
    def bounds(self) -> tuple[str, str]:
        """``(since, until)`` as strings that compare correctly with ISO dates, for query parameters."""
        return (self.since.isoformat() if self.since else "", self.until.isoformat() if self.until else "9999-12-31")


def newest_date(store: GraphStore) -> dt.date | None:
    rows = store.run_named("max_date")
    return dt.date.fromisoformat(rows[0]["date"]) if rows and rows[0]["date"] else None


#: the trailing window whose item count measures how busy a day's period is
BULK_DAYS = 30
#: a day belongs to the bulk while its trailing window holds at least this share of the busiest one
BULK_SHARE = 0.25


def bulk_end(counts: dict[dt.date, int], *, days: int = BULK_DAYS, share: float = BULK_SHARE) -> dt.date | None:
    """The last dated day whose trailing ``days`` window holds at least ``share`` of the
    busiest such window: the end of the period most items come from.

    >>> bulk = {dt.date(2026, 1, d): 50 for d in range(1, 29)}
    >>> bulk_end({**bulk, dt.date(2026, 8, 1): 40})  # one stray later feed
    datetime.date(2026, 1, 28)
    >>> bulk_end({**bulk, dt.date(2026, 2, 3): 60})  # a later day near the bulk counts
    datetime.date(2026, 2, 3)
    """
    if not counts:
        return None
    days_sorted = sorted(counts)
    ordinals = [d.toordinal() for d in days_sorted]
    trailing, total, start = [], 0, 0
    for i, day in enumerate(ordinals):  # two pointers: linear in the number of dated days
        total += counts[days_sorted[i]]
        while ordinals[start] <= day - days:
            total -= counts[days_sorted[start]]
            start += 1
        trailing.append(total)
    busiest = max(trailing)
    return max(d for d, t in zip(days_sorted, trailing, strict=True) if t >= share * busiest)


def reference_date(store: GraphStore) -> dt.date | None:
    """The date queries count back from by default: :func:`bulk_end` of the items' dates."""
    counts: dict[dt.date, int] = {}
    for row in store.run_named("item_dates"):
        if row["date"]:
            day = dt.date.fromisoformat(str(row["date"])[:10])
            counts[day] = counts.get(day, 0) + row["n"]
    return bulk_end(counts)


def parse_when(text: str | None, newest: dt.date | None) -> dt.date | None:
    """A date, or a span back from ``newest``.

    >>> parse_when("7d", dt.date(2026, 1, 9))
    datetime.date(2026, 1, 2)
    >>> parse_when("2025-12-31", None)
    datetime.date(2025, 12, 31)
    """
    if text is None:
        return None
    text = text.strip()
    if text[:-1].isdigit() and text[-1:] in _SPANS:
        return (newest or dt.date.today()) - dt.timedelta(days=int(text[:-1]) * _SPANS[text[-1]])
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise NewsgraphError(f"{text!r} is neither a date (2026-01-09) nor a span (7d, 4w, 6m, 1y)") from None


def window(store: GraphStore, since: str | dt.date | None = None, until: str | dt.date | None = None) -> Window:
    """Build a :class:`Window`; spans are resolved against the graph's reference date."""
    newest = reference_date(store) if any(isinstance(v, str) for v in (since, until)) else None
    return Window(
        since=since if not isinstance(since, str) else parse_when(since, newest),
        until=until if not isinstance(until, str) else parse_when(until, newest),
    )


def best_evidence(edge: dict, keep: Window | None = None) -> tuple[str | None, str | None, str | None]:
    """The newest evidence sentence of an edge inside the window: (sentence, item id, date)."""
    sentences, items, dates = edge.get("evidence") or [], edge.get("item_ids") or [], edge.get("dates") or []
    best: tuple[str, int] | None = None
    for index, sentence in enumerate(sentences):
        day = dates[index] if index < len(dates) else ""
        if sentence and (keep is None or keep.keeps(day)) and (best is None or day > best[0]):
            best = (day, index)
    if best is None:
        return None, None, None
    index = best[1]
    return sentences[index], items[index] if index < len(items) else None, best[0] or None
