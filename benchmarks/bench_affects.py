"""Benchmark: ``affects`` latency and write throughput at 10^3, 10^4 and 10^5 events, on both stores.

Builds a seeded synthetic graph shaped like ingested news (:mod:`newsgraph.loaders.synthetic`:
events that benefit or hurt sectors and entities, involve 2-4 entities, are reported by
items that mention them; entity popularity is Zipf-like), writes it through
``GraphStore.write`` exactly as ``ingest`` does, then times ``affects`` on a few targets,
three ways: ``uncached`` (the walk itself, ``cache=False``: median after a warm-up),
``cold`` (the first call after a write: the walk plus storing the answer) and ``warm``
(median of the calls after it: the materialised answer read back), and what warming every
sector's default answer costs (:func:`newsgraph.queries.affects_cache.warm_affects`).

    .venv/bin/python benchmarks/bench_affects.py --sizes 1000 10000 --stores ladybug neo4j
    .venv/bin/python benchmarks/bench_affects.py --sizes 100000 --stores ladybug --repeat 7

Neo4j: the URI comes from ``--neo4j-uri`` or ``tools/neo4j-server uri`` (start it first).
The figures are printed; compare ratios measured in one run (these machines are noisy).
``batch s`` is the mean write time of the first and of the last tenth of the 500-event
batches: equal when a write costs the same however large the store has grown. Each
(store, size) runs in a child process, so that ``peak_rss_mb`` is that run's own peak.
With ``--json`` one JSON object per row: ``store``, ``events``, ``load_s``,
``peak_rss_mb``, ``affects_ms`` (target -> warm median ms), ``affects_cold_ms``,
``affects_uncached_ms``, ``warm_all_s`` / ``warm_targets`` and the other figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.graph.model import GraphBatch
from newsgraph.graph.store import GraphStore, open_store
from newsgraph.loaders.synthetic import synthetic_batches
from newsgraph.queries.affects import affects
from newsgraph.queries.affects_cache import warm_affects

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
    uncached, cold, warm = {}, {}, {}
    for target in TARGETS:
        affects(store, target, limit=20, cache=False)  # warm-up
        uncached[target] = _median_ms(lambda t=target: affects(store, t, limit=20, cache=False), repeat)
    store.write(GraphBatch())
    affects(store, TARGETS[-1], limit=20)  # the store's first miss and store: its queries planned once
    for target in TARGETS:
        store.write(GraphBatch())  # a write: the generation moves, every stored answer is stale
        cold[target] = _median_ms(lambda t=target: affects(store, t, limit=20), 1)
        warm[target] = _median_ms(lambda t=target: affects(store, t, limit=20), repeat)
    store.write(GraphBatch())
    t = time.perf_counter()
    warmed = warm_affects(store)  # every sector's default answer, as after an ingest
    warm_all = time.perf_counter() - t
    return {
        "load_s": load,
        "first_batches_s": statistics.mean(batches[:ends]),
        "last_batches_s": statistics.mean(batches[-ends:]),
        "nodes": sum(counts["labels"].values()),
        "rels": sum(counts["relationships"].values()),
        "affects_ms": warm,
        "affects_cold_ms": cold,
        "affects_uncached_ms": uncached,
        "warm_all_s": warm_all,
        "warm_targets": len(warmed),
    }


def _median_ms(call, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000


def run_one(name: str, size: int, repeat: int, uri: str | None) -> dict:
    """One (store, size) measurement, in this process; the row ``--json`` prints."""
    with tempfile.TemporaryDirectory() as tmp:
        if name == "neo4j":
            store = open_store(uri)
            store.clear()
        else:
            store = open_store(str(Path(tmp) / "bench.lbdb"))
        try:
            r = measure(store, size, repeat)
        finally:
            if name == "neo4j":
                store.clear()
            store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"store": name, "events": size, "peak_rss_mb": round(peak, 1), **r}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--stores", nargs="+", default=["ladybug", "neo4j"], choices=["ladybug", "neo4j"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--neo4j-uri")
    parser.add_argument("--json", action="store_true", help="one JSON object per row instead of a table")
    parser.add_argument("--one", nargs=2, metavar=("STORE", "EVENTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # the child process of one row
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.repeat, args.neo4j_uri)), flush=True)
        return
    root = Path(__file__).resolve().parents[1]
    if not args.json:
        print(
            f"{'store':8} {'events':>7} {'nodes':>8} {'rels':>9} {'load s':>8} {'batch s':>13} {'rss MB':>7} "
            + " ".join(f"{t.split(':')[1][:10]:>10}" for t in TARGETS)
            + "   (affects ms: warm median / cold / uncached median)"
        )
    for name in args.stores:
        uri = None
        if name == "neo4j":
            server = [str(root / "tools/neo4j-server"), "uri"]
            uri = args.neo4j_uri or subprocess.run(server, capture_output=True, text=True).stdout.strip()
            if not uri:
                sys.exit("no Neo4j: run tools/neo4j-server start, or pass --neo4j-uri")
        for size in args.sizes:
            command = [sys.executable, __file__, "--one", name, str(size), "--repeat", str(args.repeat)]
            child = subprocess.run([*command, *(["--neo4j-uri", uri] if uri else [])], capture_output=True, text=True)
            if child.returncode != 0:
                sys.exit(f"{name} {size}: {child.stderr.strip().splitlines()[-1:]}")
            r = json.loads(child.stdout.strip().splitlines()[-1])
            if args.json:
                print(json.dumps(r), flush=True)
                continue
            print(
                f"{name:8} {size:>7} {r['nodes']:>8} {r['rels']:>9} {r['load_s']:>8.1f} "
                f"{r['first_batches_s']:>6.2f}>{r['last_batches_s']:<6.2f} {r['peak_rss_mb']:>7.0f} "
                + " ".join(
                    f"{r['affects_ms'][t]:.0f}/{r['affects_cold_ms'][t]:.0f}/{r['affects_uncached_ms'][t]:.0f}".rjust(
                        10
                    )
                    for t in TARGETS
                )
                + f"   warm all {r['warm_targets']} sectors: {r['warm_all_s']:.1f} s",
                flush=True,
            )


if __name__ == "__main__":
    main()
