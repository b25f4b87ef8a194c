"""Benchmark: ``affects`` latency and write throughput at 10^3, 10^4 and 10^5 events, on both stores.

Builds a seeded synthetic graph shaped like ingested news (:mod:`newsgraph.loaders.synthetic`:
events that benefit or hurt sectors and entities, involve 2-4 entities, are reported by
items that mention them; entity popularity is Zipf-like), writes it through
``GraphStore.write`` exactly as ``ingest`` does, then times ``affects`` on a few targets.

    .venv/bin/python benchmarks/bench_affects.py --sizes 1000 10000 --stores ladybug neo4j
    .venv/bin/python benchmarks/bench_affects.py --sizes 100000 --stores ladybug --repeat 7

Neo4j: the URI comes from ``--neo4j-uri`` or ``tools/neo4j-server uri`` (start it first).
The figures are printed; compare ratios measured in one run (these machines are noisy).
``batch s`` is the mean write time of the first and of the last tenth of the 500-event
batches: equal when a write costs the same however large the store has grown.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.graph.store import GraphStore, open_store
from newsgraph.loaders.synthetic import synthetic_batches
from newsgraph.queries.affects import affects

TARGETS = ["sector:compute", "sector:crypto", "sector:ai-chips", "company:nvidia"]


def measure(store: GraphStore, events: int, repeat: int) -> dict:
    t0 = time.perf_counter()
    batches = []  # seconds per batch: flat when writes do not grow with the store
    for batch in synthetic_batches(events):
        t = time.perf_counter()
        store.write(batch)
        batches.append(time.perf_counter() - t)
    load = time.perf_counter() - t0
    ends = max(1, len(batches) // 10)
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
        "first_batches_s": statistics.mean(batches[:ends]),
        "last_batches_s": statistics.mean(batches[-ends:]),
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
        f"{'store':8} {'events':>7} {'nodes':>8} {'rels':>9} {'load s':>8} {'batch s':>13} "
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
                        f"{r['first_batches_s']:>6.2f}>{r['last_batches_s']:<6.2f} "
                        + " ".join(f"{r['affects_ms'][t]:>10.1f}" for t in TARGETS),
                        flush=True,
                    )
                finally:
                    if name == "neo4j":
                        store.clear()
                    store.close()


if __name__ == "__main__":
    main()
