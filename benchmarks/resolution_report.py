"""Measure entity resolution and event clustering on real corpora (figures for docs/resolution.md).

Ingests the given files or folders twice into fresh embedded stores, once with event
clustering off and once on, and prints: items, events, events with 2+ / 3+ reports,
entities per label, review candidates at several thresholds, and a seeded sample of
clusters and candidate pairs to check by hand.

    .venv/bin/python benchmarks/resolution_report.py ../shared/corpora/btc-news-weekly-zh --sample 15
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from newsgraph.graph.catalog import default_catalog
from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.loaders.dedupe import duplicate_candidates
from newsgraph.loaders.ingest import ingest


def _events(store: LadybugStore) -> list[dict]:
    return store.query(
        "MATCH (i:Item)-[:REPORTS]->(e:Event) RETURN e.id AS id, e.kind AS kind, e.first_seen AS first, "
        "e.last_seen AS last, count(i) AS n, collect(i.title) AS titles"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    catalog = default_catalog()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for cluster in (False, True):
            store = LadybugStore(Path(tmp) / f"cluster-{cluster}.lbdb")
            summary = ingest(
                args.paths, store, catalog=catalog, rejects_path=Path(tmp) / "rejects.jsonl", cluster_events=cluster
            )
            events = _events(store)
            results[cluster] = (store, summary, events)
            print(
                f"clustering {'on ' if cluster else 'off'}: items {summary.items_new}, events {len(events)}, "
                f"2+ reports {sum(e['n'] >= 2 for e in events)}, 3+ reports {sum(e['n'] >= 3 for e in events)}, "
                f"largest {max((e['n'] for e in events), default=0)}"
            )
        store, _, events = results[True]
        labels = store.counts()["labels"]
        print("entities:", {k: v for k, v in labels.items() if k not in ("Event", "Item", "MergeDecision")})
        for threshold in (80, 85, 88, 92, 95):
            pairs = duplicate_candidates(store, catalog, threshold=threshold, limit=100000)
            print(f"review candidates at {threshold}: {len(pairs)}")
        multi = [e for e in events if e["n"] >= 2]
        print(f"\n-- {min(args.sample, len(multi))} clustered events (seed {args.seed}) --")
        for event in rng.sample(multi, min(args.sample, len(multi))):
            print(f"[{event['kind']}] {event['first']}..{event['last']} x{event['n']}")
            for title in sorted(set(event["titles"]))[:6]:
                print(f"    {title[:90]}")
        pairs = duplicate_candidates(store, catalog, threshold=88, limit=100000)
        print(f"\n-- {min(args.sample, len(pairs))} review candidates at 88 --")
        for pair in rng.sample(pairs, min(args.sample, len(pairs))):
            print(f"  {pair.score:5.1f} {pair.label:10} {pair.a_name!r:40} {pair.b_name!r:40} {pair.reason}")
        for store, _, _ in results.values():
            store.close()


if __name__ == "__main__":
    main()
