"""Grouped, seeded cross-validation folds over gold items.

Items that tell the same story must sit in one fold, or cross-validation overstates quality:

- the AI-insight digests publish one story in ``cn/`` and ``en/`` on the same day, so every
  item of that digest family shares a group per date;
- other digests, newsletters and feeds share a group per source family and date, and the
  rolling BTC summaries (consecutive days overlap) per source family and ISO week;
- on top of that, items whose texts share a run of about 24 characters outside links and
  markup (near duplicates across days; a run found in more than three items is boilerplate),
  or the same set of three or more labelled entity names, are joined (union-find).

Groups are then dealt to folds largest first, each to the fold with the fewest items (ties
by a seeded order), so folds are balanced and the split is the same for the same inputs.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import zlib
from collections.abc import Sequence
from typing import Protocol

__all__ = ["family", "group_keys", "make_folds"]


class _Item(Protocol):
    id: str
    date: str | None
    text: str


_FAMILIES = (
    ("aid", re.compile(r"^(?:tr\d?-)?aid(?:cn|en|-cn|-en)")),
    ("bb", re.compile(r"^(?:tr\d?-)?bb-")),
    ("btc", re.compile(r"^(?:tr\d?-)?btc-")),
    ("ainews", re.compile(r"^(?:tr\d?-)?ainews-")),
    ("cnews", re.compile(r"^(?:tr\d?-)?cnews-")),
    ("rss", re.compile(r"^(?:tr\d?-)?rss-")),
    ("seed", re.compile(r"^seed")),
)
_WEEKLY = {"btc"}
_SHINGLE = 16  # characters of a shingle (markup and links removed; one in four kept, chosen by hash)
_MIN_SHARED = 3  # shared shingles (a run of about 24 characters) that mark a near duplicate


def family(item_id: str) -> str:
    """The source family of a gold id (``tr-aidcn-…`` and ``aid-en-…`` are both ``aid``)."""
    for name, pattern in _FAMILIES:
        if pattern.match(item_id):
            return name
    return item_id.split("-")[0]


def _period(fam: str, date: str | None) -> str:
    if not date:
        return "-"
    if fam in _WEEKLY:
        try:
            year, week, _ = dt.date.fromisoformat(date[:10]).isocalendar()
            return f"{year}-W{week:02d}"
        except ValueError:
            return date
    return date[:10]


_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]*>|\S*://\S*|[\s*_#>\[\]()!`]+")


def _shingles(text: str) -> set[str]:
    compact = _MARKUP.sub("", text)
    runs = (compact[i : i + _SHINGLE] for i in range(max(len(compact) - _SHINGLE + 1, 0)))
    return {run for run in runs if zlib.crc32(run.encode()) % 4 == 0}  # a sample by content, not by position


def group_keys(items: Sequence[_Item], entity_names: Sequence[frozenset[str]] | None = None) -> list[int]:
    """A group number per item (same number: same story); see the module doc."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    def join_by(keys: list[set]) -> None:
        first: dict = {}
        for i, ks in enumerate(keys):
            for k in ks:
                if k in first:
                    union(first[k], i)
                else:
                    first[k] = i

    join_by([{(family(it.id), _period(family(it.id), it.date))} for it in items])
    shared: dict[tuple[int, int], int] = {}
    holders: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        for sh in _shingles(it.text):
            holders.setdefault(sh, []).append(i)
    for held in holders.values():
        if 2 <= len(held) <= 3:  # in more items: boilerplate, not one story
            for a in held:
                for b in held:
                    if a < b:
                        shared[a, b] = shared.get((a, b), 0) + 1
    for (a, b), n in sorted(shared.items()):
        if n >= _MIN_SHARED:
            union(a, b)
    if entity_names is not None:
        join_by([{names} if len(names) >= 3 else set() for names in entity_names])
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(items))]


def make_folds(groups: Sequence[int], k: int, seed: int = 13) -> list[list[int]]:
    """Item indices of each of ``k`` folds; a group never spans two folds."""
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    members: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    order = sorted(members)
    random.Random(seed).shuffle(order)
    rank = {g: r for r, g in enumerate(order)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for group in sorted(members, key=lambda g: (-len(members[g]), rank[g])):
        target = min(range(k), key=lambda f: (len(folds[f]), f))
        folds[target].extend(members[group])
    return [sorted(f) for f in folds]
