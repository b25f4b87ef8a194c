"""``SpanIndex``: spans sorted by start, the ones near a range found by bisection.

A component that asks, for each of many places in a text, "which mentions overlap here?"
with a list comprehension over every mention takes time quadratic in the item's length.
The index returns, in their original order, only the spans that *can* overlap a range (those
starting from the range's start minus the longest span up to its end); the caller keeps its
own test over that shorter list, so the answer is the same.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """``items`` with their ``(start, end)`` bounds, normally in order of start."""

    def __init__(self, items: Sequence[T], bounds: Sequence[tuple[int, int]]) -> None:
        self.items = list(items)
        self.starts = [start for start, _end in bounds]
        self.longest = max((end - start for start, end in bounds), default=0)
        # out of order (a hand-made Doc), every item is "near": slower, the same answers
        self.in_order = all(a <= b for a, b in itertools.pairwise(self.starts))

    @classmethod
    def of(cls, items: Sequence[T]) -> SpanIndex[T]:
        """An index over objects with ``start`` and ``end`` attributes."""
        return cls(items, [(item.start, item.end) for item in items])

    def around(self, lo: int, hi: int) -> list[T]:
        """Every span that may overlap or lie inside ``[lo, hi]`` (a superset, in order):
        those starting in ``[lo - longest, hi]``.

        >>> index = SpanIndex(["a", "b", "c"], [(0, 2), (5, 9), (20, 21)])
        >>> index.around(6, 7), index.around(8, 19), index.around(10, 19), index.around(9, 20)
        (['b'], ['b'], [], ['b', 'c'])
        """
        if not self.in_order:
            return self.items
        first = bisect.bisect_left(self.starts, lo - self.longest)
        last = bisect.bisect_right(self.starts, hi)
        return self.items[first:last]
