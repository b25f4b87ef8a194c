"""Benchmark: peak resident memory and load time of synthetic loads into the embedded store.

Each (code, events) run loads ``loaders/synthetic.py`` batches of 500 events into a fresh
LadybugDB store in a child process of its own, so that ``peak_rss_mb`` (``ru_maxrss``) is
that load's own peak: the interpreter, one batch, and the store. ``load_s`` is the store's
time only (open, writes, close), not the making of the batches. With
``--baseline PATH`` the same loads run with another checkout's code (its ``newsgraph``
package first on the path), interleaved with this one's, so that both meet the same load
of a shared machine. Medians of ``--repeat`` runs.

    .venv/bin/python benchmarks/bench_store_memory.py
    .venv/bin/python benchmarks/bench_store_memory.py --events 5000 10000 --baseline /work/main --json

The whole ingest of real corpora is measured with ``/usr/bin/time -v newsgraph ingest``
(docs/benchmarks.md, "Memory of an ingest into the embedded store").
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in the child: batches are made one at a time (as an ingest does), and only the store's
# work is timed (open, writes, close).
CHILD = """
import json, resource, shutil, sys, tempfile, time
sys.path.insert(0, {source!r})
from newsgraph.loaders.synthetic import synthetic_batches
from newsgraph.graph.ladybug_store import LadybugStore
folder = tempfile.mkdtemp(dir={scratch!r})
start = time.perf_counter()
store = LadybugStore(folder + "/graph.lbdb")
load_s = time.perf_counter() - start
for batch in synthetic_batches({events}):
    start = time.perf_counter()
    store.write(batch)
    load_s += time.perf_counter() - start
start = time.perf_counter()
store.close()
load_s += time.perf_counter() - start
shutil.rmtree(folder)
print(json.dumps({{"load_s": load_s, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def one_load(source: Path, events: int, scratch: str) -> dict:
    code = CHILD.format(source=str(source), events=events, scratch=scratch)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=source)
    if done.returncode != 0:
        raise SystemExit(f"load of {events} events with {source} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, nargs="+", default=[5000, 10000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline", type=Path, help="another checkout (e.g. /work/main) to run beside this one")
    parser.add_argument("--json", action="store_true", help="one JSON object per row")
    args = parser.parse_args()
    codes = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for events in args.events:
            runs: dict[str, list[dict]] = {name: [] for name in codes}
            for _ in range(args.repeat):
                for name, source in codes.items():  # interleaved: both see the same machine load
                    runs[name].append(one_load(source, events, scratch))
            for name, results in runs.items():
                rows.append(
                    {
                        "code": name,
                        "events": events,
                        "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in results), 1),
                        "load_s": round(statistics.median(r["load_s"] for r in results), 2),
                    }
                )
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return
    print(f"{'code':<10} {'events':>7} {'peak RSS MB':>12} {'load s':>8}")
    for row in rows:
        print(f"{row['code']:<10} {row['events']:>7} {row['peak_rss_mb']:>12.0f} {row['load_s']:>8.2f}")


if __name__ == "__main__":
    main()
