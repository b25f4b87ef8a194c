"""One Event per real happening: items that report the same thing share one event.

Digests repeat themselves (rolling summaries carry a topic for days, every daily covers the
big launches) and the same news comes in Chinese and in English. An item (a *report*)
joins an existing event when its date lies within ``WINDOW_DAYS`` of the event's reports,
the event would not span more than ``MAX_SPAN_DAYS``, and one of these holds:

- **the same release**: the first versioned model or product its title names (its *story*:
  GPT-5.2, whichever of Instant / Thinking / Pro) is the event's, within ``STORY_DAYS`` of
  the event's first report, whatever kind the extractor gave each report (a launch is
  reported as a release, a benchmark, a price cut...);
- **the same kind** (not ``other``) and alike titles in one script: at least two shared
  core participants with a Jaccard overlap of at least ``MIN_JACCARD`` and titles at least
  ``LOOSE_TITLE`` alike, or one shared participant and titles at least ``MIN_TITLE`` alike,
  or titles at least ``SAME_TITLE`` alike (a rolling summary repeating its heading);
- **a copy in the other language** (the event has no title in the report's script, and
  titles in different scripts cannot be compared): compatible kinds (equal, or one is
  ``other``), within ``WINDOW_DAYS`` of the event's first report, a Jaccard overlap of at
  least ``MIN_JACCARD`` with the participants of the event's first reports (not of all its
  reports, which would let a story chain on) including a *specific* one, and either two
  shared participants, or the same kind within ``CROSS_DAYS``, or, within ``CROSS_DAYS``,
  the Latin words the Chinese title keeps (product names, ``Summarizer API``) found in the
  English one: at least ``MIN_LATIN_SHARED`` of them and at least half.

A participant is *specific* around a date when it takes part in at most ``COMMON_EVENTS``
events of the days around it: Bitcoin or OpenAI find candidates but do not identify a
happening. Core participants leave out sectors and countries. Only news items are
clustered, and a title that recurs on ``GENERIC_DAYS`` days, is used twice in one file or
is very short says nothing about identity.

Linear in the run: events are indexed by participant and date bucket, by story and by
title trigram and bucket, so an item is compared only with the candidate events around its
date that share something with it (``comparisons`` counts them). Stored events come from
the store (events involving any of a batch's participants, one query per batch).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsgraph.graph.model import Label, normalise_name
from newsgraph.graph.store import GraphStore
from newsgraph.loaders.dedupe import story_key
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.nlp.text import TIER_WORDS

__all__ = ["EventIndex", "Report", "core_participants", "report_of"]

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 14
STORY_DAYS = 7
CROSS_DAYS = 1
MIN_JACCARD = 0.5
LOOSE_TITLE = 40.0
MIN_TITLE = 65.0
SAME_TITLE = 85.0
GENERIC_DAYS = 3
MIN_TITLE_CHARS = 4
COMMON_EVENTS = 10
MIN_LATIN_SHARED = 2
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")
#: title trigrams shared by more events of a bucket than this are too common to find candidates
COMMON_GRAM = 200
_FRAMING = {Label.SECTOR, Label.COUNTRY}
_STORY_LABELS = {Label.MODEL, Label.PRODUCT}
_HAN = re.compile(r"[\u3400-\u9fff]")


def core_participants(extraction: Extraction) -> frozenset[str]:
    labels = {e.key: e.label for e in extraction.entities}
    return frozenset(p for p in extraction.participants if labels.get(p) not in _FRAMING)


def _script(title: str) -> str:
    return "han" if _HAN.search(title) else "latin"


_VERSION_AFTER = re.compile(r"[\s\-_]*v?(\d+(?:\.\d+)*)", re.IGNORECASE)


def primary_story(title: str, named: list[tuple[str, list[str]]]) -> str | None:
    """The story key of the versioned model or product the title names first, or None.
    ``named``: (canonical name, other forms) of the item's models and products; a form with
    a version counts, and so does a family name the title follows with one (the catalog's
    Gemini, written "Gemini 3" in the title)."""
    low = title.casefold()
    best: tuple[int, str] | None = None
    for name, forms in named:
        for form in dict.fromkeys(f for f in [name, *forms] if f):
            place = low.find(form.casefold())
            if place < 0:
                continue
            key = story_key(form)
            if key is None:
                version = _VERSION_AFTER.match(low, place + len(form))
                key = story_key(f"{form} {version[1]}") if version else None
            if key is not None and (best is None or place < best[0]):
                best = (place, key)
    return best[1] if best else None


@dataclass
class Report:
    """What identifies the happening an item reports."""

    kind: str
    day: dt.date
    participants: frozenset[str]
    title: str | None  # folded; None when it says nothing
    script: str
    story: str | None
    latin: frozenset[str] = frozenset()  # the title's Latin words, folded


def report_of(extraction: Extraction, day: dt.date, title: str | None, raw_title: str) -> Report:
    named = [(e.name, e.surfaces) for e in extraction.entities if e.label in _STORY_LABELS]
    return Report(
        kind=extraction.event_kind,
        day=day,
        participants=core_participants(extraction),
        title=title,
        script=_script(raw_title),
        story=primary_story(raw_title, named),
        latin=_latin(raw_title),
    )


def _latin(title: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _LATIN_WORD.findall(title))


@dataclass
class _Event:
    id: str
    kind: str
    title: str
    first: dt.date
    last: dt.date
    participants: set[str] = field(default_factory=set)
    #: the folded title of its first report in each script ("han", "latin")
    titles: dict[str, str] = field(default_factory=dict)
    story: str | None = None
    #: the participants of its first report in each script: what a copy in the other
    #: language is compared with (the union of all reports would let a story chain on)
    seeds: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the Latin words of its first report's title in each script
    latin: dict[str, frozenset[str]] = field(default_factory=dict)


def _compatible(a: str, b: str) -> bool:
    return a == b or "other" in (a, b)


def same_story(a: str | None, b: str | None) -> bool:
    """One release: the same version, and one name's words within the other's (``Opus 4.5``
    is ``Claude Opus 4.5``; ``Qwen 3`` is not ``Gemini 3``).

    >>> same_story("opus|4.5", "claude opus|4.5"), same_story("qwen|3", "gemini|3"), same_story("gpt|5", "gpt mini|5")
    (True, False, False)
    """
    if not a or not b:
        return False
    (wa, va), (wb, vb) = a.split("|", 1), b.split("|", 1)
    left, right = set(wa.split()), set(wb.split())
    if va != vb or not left or not right or not (left <= right or right <= left):
        return False
    return not ((left ^ right) & TIER_WORDS)  # GPT-5 Mini is another model than GPT-5


def _version(story: str) -> str:
    return story.split("|", 1)[1]


def _matches(event: _Event, report: Report, specific: set[str]) -> bool:
    day = report.day
    if (max(day, event.last) - min(day, event.first)).days > MAX_SPAN_DAYS:
        return False
    if same_story(report.story, event.story) and abs((day - event.first).days) <= STORY_DAYS:
        return True
    if day < event.first - dt.timedelta(days=WINDOW_DAYS) or day > event.last + dt.timedelta(days=WINDOW_DAYS):
        return False
    shared = report.participants & event.participants
    if report.script not in event.titles:
        if abs((day - event.first).days) > WINDOW_DAYS or not _compatible(report.kind, event.kind):
            return False
        seed = frozenset().union(*event.seeds.values()) if event.seeds else frozenset(event.participants)
        both = report.participants & seed
        either = report.participants | seed
        if not (both & specific) or len(both) < MIN_JACCARD * len(either):
            return False
        near = abs((day - event.first).days) <= CROSS_DAYS
        if len(both) >= 2 or (near and report.kind == event.kind and report.kind != "other"):
            return True
        return near and any(_latin_agree(report, script, words) for script, words in event.latin.items())
    if event.kind != report.kind or report.kind == "other":
        return False
    union = report.participants | event.participants
    jaccard = len(shared) / len(union) if union else 0.0
    title, other = report.title, event.titles[report.script]
    alike = fuzz.ratio(title, other) if title and other else 0.0
    if len(shared) >= 2 and jaccard >= MIN_JACCARD and alike >= LOOSE_TITLE:
        return True
    return alike >= SAME_TITLE or (len(shared) >= 1 and alike >= MIN_TITLE)


def _latin_agree(report: Report, script: str, words: frozenset[str]) -> bool:
    """The Latin words of the Chinese title are found in the English one."""
    han, latin = (report.latin, words) if report.script == "han" else (words, report.latin)
    if script == report.script or not han:
        return False
    shared = len(han & latin)
    return shared >= MIN_LATIN_SHARED and shared * 2 >= len(han)


def _bucket(day: dt.date) -> int:
    return day.toordinal() // WINDOW_DAYS


def _grams(title: str) -> set[str]:
    return {title[i : i + 3] for i in range(max(1, len(title) - 2))} if title else set()


class EventIndex:
    """Finds the event an item reports, among stored events and those of this run."""

    def __init__(self, store: GraphStore | None = None) -> None:
        self.store = store
        self._events: dict[str, _Event] = {}
        self._title_days: dict[str, set[dt.date]] = {}
        self._title_places: dict[str, set[str]] = {}
        self._repeated: set[str] = set()
        self._by_participant: dict[tuple[str, int], set[str]] = {}
        self._by_gram: dict[tuple[str, int], set[str]] = {}
        self._by_story: dict[tuple[str, int], set[str]] = {}
        self._indexed: dict[str, tuple[int, int]] = {}  # event id -> buckets it is indexed in
        #: candidate comparisons made so far (linear in the run: a benchmark and a test read it)
        self.comparisons = 0

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

    def _index(self, event: _Event, participants: set[str] | None = None) -> None:
        """(Re)index an event in every bucket its span covers."""
        low, high = _bucket(event.first), _bucket(event.last)
        old = self._indexed.get(event.id)
        new_buckets = [b for b in range(low, high + 1) if old is None or not old[0] <= b <= old[1]]
        for b in new_buckets:
            for p in event.participants:
                self._by_participant.setdefault((p, b), set()).add(event.id)
            for title in event.titles.values():
                for g in _grams(title):
                    self._by_gram.setdefault((g, b), set()).add(event.id)
        if old is not None and participants:  # participants added to an event already indexed
            for b in range(low, high + 1):
                for p in participants:
                    self._by_participant.setdefault((p, b), set()).add(event.id)
        self._indexed[event.id] = (min(low, old[0]) if old else low, max(high, old[1]) if old else high)
        if event.story:  # by version and the bucket of its first report (a release's window)
            self._by_story.setdefault((_version(event.story), _bucket(event.first)), set()).add(event.id)

    def _candidates(self, report: Report) -> tuple[set[str], set[str]]:
        """Events near the report's date that share a participant, its story or title trigrams;
        and the report's participants that are specific around that date."""
        window = dt.timedelta(days=WINDOW_DAYS)
        buckets = range(_bucket(report.day - window), _bucket(report.day + window) + 1)
        found: set[str] = set()
        specific: set[str] = set()
        for p in report.participants:
            around = set().union(*(self._by_participant.get((p, b), ()) for b in buckets))
            found |= around
            if len(around) <= COMMON_EVENTS:
                specific.add(p)
        if report.story:
            story_days = dt.timedelta(days=STORY_DAYS)
            for b in range(_bucket(report.day - story_days), _bucket(report.day + story_days) + 1):
                found |= self._by_story.get((_version(report.story), b), set())
        if report.title:
            grams = _grams(report.title)
            counts: Counter[str] = Counter()
            by_gram = self._by_gram
            for g in grams:
                for b in buckets:
                    ids = by_gram.get((g, b))
                    if ids and len(ids) <= COMMON_GRAM:  # most (gram, bucket) pairs hold nothing
                        counts.update(ids)
            # ratio >= MIN_TITLE needs a good share of trigrams in common
            found |= {e for e, n in counts.items() if n >= len(grams) * 0.3}
        return found, specific

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
        since = (min(days) - dt.timedelta(days=STORY_DAYS)).isoformat()
        until = (max(days) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
        rows = [
            r
            for r in self.store.run_named("events_involving", ids=ids, since=since, until=until)
            if r["id"] not in self._events and r["first_seen"] and r["last_seen"]
        ]
        if not rows:
            return
        members = self.store.run_named("edges_out", ids=[r["id"] for r in rows], types=["INVOLVES"])
        loaded = {}
        for row in rows:
            title = row["title"] or ""
            loaded[row["id"]] = _Event(
                row["id"],
                row["kind"] or "other",
                normalise_name(title),
                dt.date.fromisoformat(row["first_seen"]),
                dt.date.fromisoformat(row["last_seen"]),
                titles={_script(title): normalise_name(title)},
                latin={_script(title): _latin(title)},
            )
        named: dict[str, list[tuple[str, list[str]]]] = {}
        for member in members:
            if member["label"] not in {label.value for label in _FRAMING}:
                loaded[member["target"]].participants.add(member["id"])
            if member["label"] in {label.value for label in _STORY_LABELS}:
                named.setdefault(member["target"], []).append((member["name"] or "", []))
        titles = {row["id"]: row["title"] or "" for row in rows}
        for event in loaded.values():
            event.story = primary_story(titles[event.id], named.get(event.id, []))
            self._events[event.id] = event
            self._index(event)

    def assign(self, new_id: str, extraction: Extraction, day: dt.date | None, title: str, place: str = "") -> str:
        """The id of the event this item reports: an existing one, or ``new_id``."""
        folded = self._informative(title, day, place)
        if day is None:
            return new_id
        report = report_of(extraction, day, folded, title)
        candidates, specific = self._candidates(report)
        matches = []
        for event_id in sorted(candidates):
            self.comparisons += 1
            event = self._events[event_id]
            if _matches(event, report, specific):
                matches.append(event)
        if matches:
            best = max(
                matches,
                key=lambda e: (
                    same_story(report.story, e.story),
                    len(report.participants & e.participants),
                    e.last,
                    e.id,
                ),
            )
            added = set(report.participants) - best.participants
            best.first, best.last = min(best.first, day), max(best.last, day)
            best.participants |= report.participants
            if report.script not in best.titles:  # its first report in this language
                best.titles[report.script] = folded or ""
                best.seeds[report.script] = report.participants
                best.latin[report.script] = report.latin
                added = set(best.participants)  # re-index its title trigrams too
                self._indexed.pop(best.id, None)
            self._index(best, added)
            return best.id
        event = _Event(
            new_id, report.kind, folded or "", day, day, set(report.participants), {report.script: folded or ""}
        )
        event.story = report.story
        event.seeds[report.script] = report.participants
        event.latin[report.script] = report.latin
        self._events[new_id] = event
        self._index(event)
        return new_id
