"""One Event per real happening: items that report the same thing share one event.

Digests repeat themselves: rolling summaries carry a topic for days, and every daily covers
the big launches. An item joins an existing event when all of these hold:

- the same event kind (and not ``other``);
- its date lies within ``WINDOW_DAYS`` of the event's reports, and the event would not
  span more than ``MAX_SPAN_DAYS``;
- the same core participants: at least two shared with a Jaccard overlap of at least
  ``MIN_JACCARD`` and titles at least ``LOOSE_TITLE`` alike (ubiquitous participants such
  as Bitcoin would otherwise chain unrelated market stories); or one shared participant
  and titles at least ``MIN_TITLE`` alike; or titles at least ``SAME_TITLE`` alike (a
  rolling summary repeating its heading). Title likeness is rapidfuzz's ``ratio`` on folded
  titles (it works on Chinese characters, where word-token measures do not).

Core participants are the event's entities except sectors and countries (they frame an
event, they don't identify it). Only news items are clustered (a digest's headline list or
author's view is not a report of one happening), and a title that recurs on ``GENERIC_DAYS``
different days ("今日摘要", "Today's Summary") or is very short says nothing about identity.
Candidates come from the store (events involving any of the batch's participants, one query
per batch) and from the events of the current run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsgraph.graph.model import Label, normalise_name
from newsgraph.graph.store import GraphStore
from newsgraph.loaders.extraction import Extraction

__all__ = ["EventIndex", "core_participants"]

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 14
MIN_JACCARD = 0.5
LOOSE_TITLE = 40.0
MIN_TITLE = 65.0
SAME_TITLE = 85.0
GENERIC_DAYS = 3
MIN_TITLE_CHARS = 4
_FRAMING = {Label.SECTOR, Label.COUNTRY}


def core_participants(extraction: Extraction) -> frozenset[str]:
    labels = {e.key: e.label for e in extraction.entities}
    return frozenset(p for p in extraction.participants if labels.get(p) not in _FRAMING)


@dataclass
class _Event:
    id: str
    kind: str
    title: str
    first: dt.date
    last: dt.date
    participants: set[str] = field(default_factory=set)


def _matches(event: _Event, kind: str, day: dt.date, participants: frozenset[str], title: str | None) -> bool:
    """``title`` is the folded title, or None when it says nothing (generic or too short)."""
    if event.kind != kind or kind == "other":
        return False
    if day < event.first - dt.timedelta(days=WINDOW_DAYS) or day > event.last + dt.timedelta(days=WINDOW_DAYS):
        return False
    if (max(day, event.last) - min(day, event.first)).days > MAX_SPAN_DAYS:
        return False
    shared = len(participants & event.participants)
    alike = fuzz.ratio(title, event.title) if title and event.title else 0.0
    if shared >= 2 and shared / len(participants | event.participants) >= MIN_JACCARD and alike >= LOOSE_TITLE:
        return True
    return alike >= SAME_TITLE or (shared >= 1 and alike >= MIN_TITLE)


class EventIndex:
    """Finds the event an item reports, among stored events and those of this run."""

    def __init__(self, store: GraphStore | None = None) -> None:
        self.store = store
        self._events: dict[str, _Event] = {}
        self._title_days: dict[str, set[dt.date]] = {}
        self._title_places: dict[str, set[str]] = {}
        self._repeated: set[str] = set()

    def _informative(self, title: str, day: dt.date | None, place: str = "") -> str | None:
        """The folded title, or None when it says nothing about identity: too short, seen on
        ``GENERIC_DAYS`` days, or used twice in one source file (a recurring sub-heading)."""
        folded = normalise_name(title)
        days = self._title_days.setdefault(folded, set())
        if day is not None:
            days.add(day)
        if place:
            source = place.partition("#")[0]
            places = self._title_places.setdefault(folded, set())
            if any(p.partition("#")[0] == source and p != place for p in places):
                self._repeated.add(folded)
            places.add(place)
        if len(folded) < MIN_TITLE_CHARS or len(days) >= GENERIC_DAYS or folded in self._repeated:
            return None
        return folded

    def prefetch(self, wanted: list[tuple[Extraction, dt.date | None, str, str]]) -> None:
        """Note the batch's titles (to spot generic ones before assigning any) and load the
        stored events that could match its extractions (one query). Each entry is
        ``(extraction, date, title, place)``, place being ``source#location``."""
        for _, day, title, place in wanted:
            self._informative(title, day, place)
        if self.store is None:
            return
        ids = sorted({p for extraction, day, _, _ in wanted if day for p in core_participants(extraction)})
        days = [day for _, day, _, _ in wanted if day]
        if not ids or not days:
            return
        since = (min(days) - dt.timedelta(days=WINDOW_DAYS)).isoformat()
        until = (max(days) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
        rows = [
            r
            for r in self.store.run_named("events_involving", ids=ids, since=since, until=until)
            if r["id"] not in self._events and r["first_seen"] and r["last_seen"]
        ]
        if not rows:
            return
        members = self.store.run_named("edges_out", ids=[r["id"] for r in rows], types=["INVOLVES"])
        for row in rows:
            self._events[row["id"]] = _Event(
                row["id"],
                row["kind"] or "other",
                row["title"] or "",
                dt.date.fromisoformat(row["first_seen"]),
                dt.date.fromisoformat(row["last_seen"]),
            )
        for member in members:
            if member["label"] not in {label.value for label in _FRAMING}:
                self._events[member["target"]].participants.add(member["id"])

    def assign(self, new_id: str, extraction: Extraction, day: dt.date | None, title: str, place: str = "") -> str:
        """The id of the event this item reports: an existing one, or ``new_id``."""
        participants = core_participants(extraction)
        kind = extraction.event_kind
        folded = self._informative(title, day, place)
        if day is not None:
            matches = [e for e in self._events.values() if _matches(e, kind, day, participants, folded)]
            if matches:
                best = max(matches, key=lambda e: (len(participants & e.participants), e.last, e.id))
                best.first, best.last = min(best.first, day), max(best.last, day)
                best.participants |= participants
                return best.id
        if day is not None:
            self._events[new_id] = _Event(new_id, kind, folded or "", day, day, set(participants))
        return new_id
