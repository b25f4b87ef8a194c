"""Benchmark: start-up of the ``newsgraph`` command, against the time the work itself takes.

For ``--version``, ``--help`` and a few query commands on a store of the seed digest, it runs
the command as a user does (a fresh interpreter, ``python -m newsgraph``) and times the wall
clock, and times the same command in-process after a warm-up (imports done, the store's
files in the page cache): the difference is what start-up costs. Also the bare interpreter
(``python -c pass``) as the floor, measured in the same run. Medians of ``--repeat`` runs,
interleaved, because this machine is shared and noisy. The package is byte-compiled first,
as ``pip install`` does (an editable checkout under PYTHONDONTWRITEBYTECODE never is).

    .venv/bin/python benchmarks/bench_startup.py
    .venv/bin/python benchmarks/bench_startup.py --repeat 15 --json
    .venv/bin/python benchmarks/bench_startup.py --baseline /work/main   # before/after, same run
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "digest-2026-01-09.zh.txt"


def commands(store: str) -> dict[str, list[str]]:
    return {
        "python -c pass (floor)": [],
        "--version": ["--version"],
        "--help": ["--help"],
        "stats": ["--store", store, "stats"],
        "affects compute": ["--store", store, "affects", "compute"],
        "timeline openai": ["--store", store, "timeline", "openai"],
        "cypher (Neo4j dialect)": ["--store", store, "cypher", "MATCH (n:Entity) RETURN type(n) IS NULL AS x LIMIT 1"],
    }


def wall(args: list[str], source: Path | None = None) -> float:
    """Seconds for the command in a fresh interpreter; ``source``: another checkout's code."""
    if not args:
        argv = [sys.executable, "-c", "pass"]
    elif source is None:
        argv = [sys.executable, "-m", "newsgraph", *args]
    else:  # that checkout's package first on the path (an editable install would win over PYTHONPATH)
        code = f"import sys; sys.path.insert(0, {str(source)!r}); sys.argv[0] = 'newsgraph'; "
        code += "from newsgraph.cli.app import main; main()"
        argv = [sys.executable, "-c", code, *args]
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, capture_output=True, check=False, cwd=source or ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return time.perf_counter() - t


#: CPU seconds (user + system) of the last wall() child: far less sensitive to a busy machine
CPU: list[float] = []


def in_process(args: list[str]) -> float:
    if not args:
        return 0.0
    from newsgraph.cli.app import app

    out = io.StringIO()
    t = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()), contextlib.suppress(SystemExit):
        app(args, standalone_mode=True)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--json", action="store_true", help="one JSON object per row")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout (e.g. /work/main) timed in the same run, for a ratio"
    )
    options = parser.parse_args()
    # The package's bytecode, as ``pip install`` writes it: an editable checkout run with
    # PYTHONDONTWRITEBYTECODE (this machine sets it) would compile every module at each start.
    for source in (ROOT, options.baseline):
        if source is not None:
            compileall.compile_dir(source / "newsgraph", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "graph.lbdb")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newsgraph",
                "--store",
                store,
                "ingest",
                str(SEED),
                "-q",
                "--rejects",
                str(Path(tmp) / "r.jsonl"),
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        table = commands(store)
        for args in table.values():  # warm-up: page cache, the in-process imports
            wall(args)
            in_process(args)
        walls: dict[str, list[float]] = {name: [] for name in table}
        inner: dict[str, list[float]] = {name: [] for name in table}
        base: dict[str, list[float]] = {name: [] for name in table}
        cpu: dict[str, list[float]] = {name: [] for name in table}
        base_cpu: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(options.repeat):  # interleaved, so load changes hit every row alike
            for name, args in table.items():
                walls[name].append(wall(args))
                cpu[name].append(CPU[-1])
                inner[name].append(in_process(args))
                if options.baseline:
                    base[name].append(wall(args, options.baseline))
                    base_cpu[name].append(CPU[-1])
    rows = []
    floor = statistics.median(walls["python -c pass (floor)"])
    for name in table:
        w, i = statistics.median(walls[name]), statistics.median(inner[name])
        row = {
            "command": name,
            "wall_s": round(w, 3),
            "in_process_s": round(i, 3),
            "startup_s": round(w - i, 3),
            "over_floor_s": round(w - floor, 3),
            "cpu_s": round(statistics.median(cpu[name]), 3),
        }
        if options.baseline:
            row["baseline_wall_s"] = round(statistics.median(base[name]), 3)
            row["baseline_cpu_s"] = round(statistics.median(base_cpu[name]), 3)
        rows.append(row)
    if options.json:
        for row in rows:
            print(json.dumps(row))
        return
    extra = f" {'baseline wall s':>16} {'baseline cpu s':>15}" if options.baseline else ""
    print(
        f"{'command':<26} {'wall s':>8} {'in-process s':>13} {'start-up s':>11} {'over python s':>14} "
        f"{'cpu s':>7}{extra}"
    )
    for row in rows:
        extra = f" {row['baseline_wall_s']:>16.3f} {row['baseline_cpu_s']:>15.3f}" if options.baseline else ""
        print(
            f"{row['command']:<26} {row['wall_s']:>8.3f} {row['in_process_s']:>13.3f} "
            f"{row['startup_s']:>11.3f} {row['over_floor_s']:>14.3f} {row['cpu_s']:>7.3f}{extra}"
        )
    print(f"(medians of {options.repeat} interleaved runs; python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
