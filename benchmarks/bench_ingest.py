"""Benchmark: ingest throughput (read + extract + resolve + write) and extraction alone.

    .venv/bin/python benchmarks/bench_ingest.py ../shared/corpora/bubblebrain-ai-daily-zh --workers 1 2

Prints items, seconds and items/second for extraction alone (one process) and for whole
ingests into a fresh embedded store with each number of workers, plus the peak resident
memory of this process (ru_maxrss). Compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from newsgraph.graph.catalog import default_catalog
from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.graph.model import Item
from newsgraph.loaders.extract import build_pipeline, extract
from newsgraph.loaders.ingest import ingest
from newsgraph.loaders.sources import expand_paths, read_source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    catalog = default_catalog()
    items = [r for path in expand_paths(args.paths) for r in read_source(path) if isinstance(r, Item)]
    for lang in ("zh", "en"):
        build_pipeline(lang, catalog)
    started = time.perf_counter()
    for item in items:
        extract(item, catalog)
    seconds = time.perf_counter() - started
    print(f"extraction only      {len(items):>6} items {seconds:>7.1f} s {len(items) / seconds:>7.1f} items/s")
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            store = LadybugStore(Path(tmp) / "bench.lbdb")
            started = time.perf_counter()
            summary = ingest(args.paths, store, catalog=catalog, rejects_path=Path(tmp) / "r.jsonl", workers=workers)
            seconds = time.perf_counter() - started
            store.close()
        print(
            f"ingest, {workers} worker(s)  {summary.items_new:>6} items {seconds:>7.1f} s "
            f"{summary.items_new / seconds:>7.1f} items/s  ({summary.facts} facts)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
