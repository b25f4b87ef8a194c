"""Benchmark: ``affects`` latency and write throughput at 10^3, 10^4 and 10^5 events, on both stores.

Builds a seeded synthetic graph shaped like ingested news (events that benefit or hurt
sectors and entities, involve 2-4 entities, are reported by items that mention them;
entity popularity is Zipf-like; the catalog's sector tree on top), writes it through
``GraphStore.write`` exactly as ``ingest`` does, then times ``affects`` on a few targets.

    .venv/bin/python benchmarks/bench_affects.py --sizes 1000 10000 --stores ladybug neo4j
    .venv/bin/python benchmarks/bench_affects.py --sizes 100000 --stores ladybug --repeat 7

Neo4j: the URI comes from ``--neo4j-uri`` or ``tools/neo4j-server uri`` (start it first).
The figures are printed; compare ratios measured in one run (these machines are noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.graph.catalog import default_catalog
from newsgraph.graph.model import ENTITY_LABELS, Entity, Event, Fact, GraphBatch, Item, Label, RelType
from newsgraph.graph.store import GraphStore, open_store
from newsgraph.loaders.resolve import sector_tree_batch
from newsgraph.queries.affects import affects

TARGETS = ["sector:compute", "sector:crypto", "sector:ai-chips", "company:nvidia"]


def synthetic_batches(events: int, *, seed: int = 7, per_batch: int = 500):
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


def measure(store: GraphStore, events: int, repeat: int) -> dict:
    t0 = time.perf_counter()
    for batch in synthetic_batches(events):
        store.write(batch)
    load = time.perf_counter() - t0
    counts = store.counts()
    timings = {}
    for target in TARGETS:
        affects(store, target, limit=20)  # warm-up
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            affects(store, target, limit=20)
            runs.append(time.perf_counter() - t)
        timings[target] = statistics.median(runs) * 1000
    return {
        "load_s": load,
        "nodes": sum(counts["labels"].values()),
        "rels": sum(counts["relationships"].values()),
        "affects_ms": timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--stores", nargs="+", default=["ladybug", "neo4j"], choices=["ladybug", "neo4j"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--neo4j-uri")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    print(
        f"{'store':8} {'events':>7} {'nodes':>8} {'rels':>9} {'load s':>8} "
        + " ".join(f"{t.split(':')[1][:10]:>10}" for t in TARGETS)
        + "   (affects median ms)"
    )
    for name in args.stores:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as tmp:
                if name == "neo4j":
                    uri = (
                        args.neo4j_uri
                        or subprocess.run(
                            [str(root / "tools/neo4j-server"), "uri"], capture_output=True, text=True
                        ).stdout.strip()
                    )
                    if not uri:
                        sys.exit("no Neo4j: run tools/neo4j-server start, or pass --neo4j-uri")
                    store = open_store(uri)
                    store.clear()
                else:
                    store = open_store(str(Path(tmp) / "bench.lbdb"))
                try:
                    r = measure(store, size, args.repeat)
                    print(  # before the clean-up, so that a failing clean-up loses no figures
                        f"{name:8} {size:>7} {r['nodes']:>8} {r['rels']:>9} {r['load_s']:>8.1f} "
                        + " ".join(f"{r['affects_ms'][t]:>10.1f}" for t in TARGETS),
                        flush=True,
                    )
                finally:
                    if name == "neo4j":
                        store.clear()
                    store.close()


if __name__ == "__main__":
    main()
