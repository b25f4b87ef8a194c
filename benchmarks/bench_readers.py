"""Benchmark: reader throughput per corpus folder, and reading time against input size (linearity).

    .venv/bin/python benchmarks/bench_readers.py ../shared/corpora/*/

Prints, per folder, files, items and seconds to read them (read_source only: no extraction, no
store); then seconds to read one CSV field, one JSON Lines text and one unclosed CSV quote of
10^5 to 8x10^6 characters. Linear reading shows as a constant seconds-per-million column.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.graph.model import Item
from newsgraph.loaders.sources import expand_paths, read_source


def _read(paths: list[Path]) -> tuple[int, int, float]:
    started = time.perf_counter()
    files = items = 0
    for path in expand_paths(paths):
        files += 1
        try:
            items += sum(isinstance(r, Item) for r in read_source(path))
        except InputError:  # an unreadable file: counted, not read
            continue
    return files, items, time.perf_counter() - started


def _sized(folder: Path, size: int) -> dict[str, float]:
    cases = {
        "csv field": ("big.csv", 'title,text\n"big","' + "x" * size + '"\nsmall,row\n'),
        "jsonl text": ("big.jsonl", json.dumps({"title": "big", "text": "word " * (size // 5)}) + "\n"),
        "unclosed quote": ("quote.csv", 'title,text\n"' + "y" * size + "\nz,w\n"),
    }
    out = {}
    for name, (file_name, text) in cases.items():
        path = folder / file_name
        path.write_text(text)
        started = time.perf_counter()
        list(read_source(path))
        out[name] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    for path in args.paths:
        files, items, seconds = _read([path])
        print(f"{path.name:<28} {files:>5} files {items:>7} items {seconds:>7.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        names = ("csv field", "jsonl text", "unclosed quote")
        print(f"{'characters':>10} " + " ".join(f"{name:>22}" for name in names))
        for size in (100_000, 1_000_000, 4_000_000, 8_000_000):
            timings = _sized(Path(tmp), size)
            cells = [f"{s:>8.3f} s {s / size * 1e6:>6.3f} s/M" for s in timings.values()]
            print(f"{size:>10} " + " ".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
