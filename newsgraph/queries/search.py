"""``search TEXT``: entities, events and items matching a text, in Chinese or English, fuzzily.

Entities match on their names and aliases (folded: case, width, spacing, punctuation),
exactly, by containment, or fuzzily (rapidfuzz); events on their titles; items on their
text. Scores run from 0 to 100.
"""

from __future__ import annotations

from pydantic import BaseModel
from rapidfuzz import fuzz

from newsgraph.graph.model import ENTITY_LABELS, normalise_name
from newsgraph.graph.store import GraphStore
from newsgraph.queries.window import Window

__all__ = ["SearchRow", "search"]

FUZZY_CUTOFF = 80.0


class SearchRow(BaseModel):
    kind: str  # entity | event | item
    id: str
    label: str
    name: str
    score: float
    date: str | None = None


def _entity_score(key: str, forms: list[str]) -> float:
    folded = [normalise_name(f) for f in forms if f]
    if key in folded:
        return 100.0
    if any(key in f for f in folded):
        return 90.0
    return max((fuzz.ratio(key, f) for f in folded), default=0.0)


def search(store: GraphStore, text: str, *, keep: Window | None = None, limit: int = 20) -> list[SearchRow]:
    """Best matches first: exact names, then containment, then fuzzy; events and items after.

    Examples
    --------
    >>> search(store, "deepmind")[0].id
    'company:google-deepmind'
    """
    keep = keep or Window()
    key = normalise_name(text)
    rows: list[SearchRow] = []
    for entity in store.run_named("entities", labels=[label.value for label in ENTITY_LABELS]):
        score = _entity_score(key, [entity["name"], *(entity["aliases"] or [])])
        if score >= FUZZY_CUTOFF:
            rows.append(
                SearchRow(
                    kind="entity",
                    id=entity["id"],
                    label=entity["label"],
                    name=entity["name"] or entity["id"],
                    score=round(score, 1),
                )
            )
    for event in store.run_named("events"):
        if key and key in normalise_name(event["title"] or "") and keep.keeps(event["date"]):
            rows.append(
                SearchRow(
                    kind="event", id=event["id"], label="Event", name=event["title"], score=70.0, date=event["date"]
                )
            )
    for item in store.run_named("search_items", q=text.strip().lower()):
        if keep.keeps(item["date"]):
            title = item["title"] or (item["text"] or "").strip().splitlines()[0][:80]
            rows.append(SearchRow(kind="item", id=item["id"], label="Item", name=title, score=50.0, date=item["date"]))
    rows.sort(key=lambda r: (-r.score, r.kind, r.id))
    return rows[:limit]
