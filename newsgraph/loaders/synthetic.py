"""A seeded synthetic news graph, for benchmarks and tests at sizes no corpus reaches.

Shaped like ingested news: events that benefit or hurt sectors and entities (60% a
sector), involve 2-4 entities with Zipf-like popularity (the catalog's entries first,
then made-up ones), and are reported by items that mention them; the catalog's sector
tree on top. Dates spread over two years from 2024-01-01. Same seed, same graph.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from newsgraph.graph.catalog import default_catalog
from newsgraph.graph.model import ENTITY_LABELS, Entity, Event, Fact, GraphBatch, Item, Label, RelType
from newsgraph.loaders.resolve import sector_tree_batch

__all__ = ["synthetic_batches"]


def synthetic_batches(events: int, *, seed: int = 7, per_batch: int = 500) -> Iterator[GraphBatch]:
    """Yield GraphBatches holding ``events`` events in all."""
    rng = random.Random(seed)
    catalog = default_catalog()
    sectors = [e.id for e in catalog.sectors()]
    known = [e for e in catalog.entries.values() if e.label is not Label.SECTOR]
    labels = [label for label in ENTITY_LABELS if label is not Label.SECTOR]
    n_entities = max(200, events // 5)
    pool = []
    for i in range(n_entities):
        if i < len(known):
            entry = known[i]
            pool.append((entry.id, entry.label, entry.name, entry.sectors))
        else:
            label = labels[i % len(labels)]
            pool.append((f"{label.value.lower()}:synthetic-{i}", label, f"Synthetic {i}", [rng.choice(sectors)]))
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(pool))]
    start = dt.date(2024, 1, 1)
    first = sector_tree_batch(catalog, set(sectors))
    for begin in range(0, events, per_batch):
        batch = GraphBatch()
        if begin == 0:
            batch.extend(first)
        for n in range(begin, min(events, begin + per_batch)):
            day = start + dt.timedelta(days=rng.randrange(700))
            item = Item(
                id=f"item:s{n}", source="synthetic.jsonl", title=f"event {n}", text=f"text {n}", date=day, lang="en"
            )
            event = Event(id=f"event:s{n}", title=f"event {n}", date=day, kind=rng.choice(["market", "release"]))
            batch.items.append(item)
            batch.events.append(event)
            batch.facts.append(
                Fact(
                    type=RelType.REPORTS,
                    source_id=item.id,
                    source_label=Label.ITEM,
                    target_id=event.id,
                    target_label=Label.EVENT,
                    item_id=item.id,
                    date=day,
                )
            )
            for entity_id, label, name, member_of in rng.choices(pool, weights, k=rng.randint(2, 4)):
                batch.entities.append(Entity(id=entity_id, label=label, name=name, first_seen=day, last_seen=day))
                for kind, src, src_label in (
                    (RelType.INVOLVES, event.id, Label.EVENT),
                    (RelType.MENTIONS, item.id, Label.ITEM),
                ):
                    batch.facts.append(
                        Fact(
                            type=kind,
                            source_id=src,
                            source_label=src_label,
                            target_id=entity_id,
                            target_label=label,
                            item_id=item.id,
                            date=day,
                        )
                    )
                for sector in member_of:
                    batch.facts.append(
                        Fact(
                            type=RelType.IN_SECTOR,
                            source_id=entity_id,
                            source_label=label,
                            target_id=sector,
                            target_label=Label.SECTOR,
                        )
                    )
            impact = rng.choice([RelType.BENEFITS, RelType.HURTS])
            if rng.random() < 0.6:
                target, target_label = rng.choice(sectors), Label.SECTOR
            else:
                target, target_label, *_ = rng.choices(pool, weights)[0]
            batch.facts.append(
                Fact(
                    type=impact,
                    source_id=event.id,
                    source_label=Label.EVENT,
                    target_id=target,
                    target_label=target_label,
                    item_id=item.id,
                    date=day,
                    confidence=rng.choice([0.6, 0.8, 0.9]),
                    evidence=f"sentence {n}",
                )
            )
        yield batch
