"""Benchmark: extraction items/s on short items, rules alone vs with the learned models.

Short items: the headlines of ``cryptonews-csv-en/news.csv`` and the texts of the gold files
(mostly one digest entry or headline each). Both pipelines are built before timing; each
configuration runs ``--repeat`` times over the same items and the best run is reported
(these machines are shared and noisy: compare figures of one run).

    .venv/bin/python benchmarks/bench_extract.py [--shared ../shared] [--repeat 3] [--models DIR]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from newsgraph.eval import read_gold
from newsgraph.learn.models import install, load_models, packaged_models_dir
from newsgraph.loaders.extract import doc_to_extraction, new_pipeline, process_text


def _items(shared: Path) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    news = shared / "corpora" / "cryptonews-csv-en" / "news.csv"
    if news.exists():
        with news.open(encoding="utf-8", newline="") as fh:
            items += [("en", ",".join(row[2:]).strip()) for row in csv.reader(fh) if len(row) >= 3]
    for name in ("dev.jsonl", "train.jsonl", "train2.jsonl"):
        path = shared / "gold" / name
        if path.exists():
            items += [(it.lang, it.text) for it in read_gold(path)]
    return items


def _run(items, models, repeat: int) -> float:
    pipes = {lang: new_pipeline(lang) for lang in ("zh", "en")}
    for nlp in pipes.values():
        install(nlp, models)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for lang, text in items:
            doc_to_extraction(process_text(pipes[lang], text), "", lang)
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--models", type=Path, default=None, help="a models directory (default: the packaged one)")
    args = parser.parse_args()
    items = _items(args.shared)
    chars = sum(len(text) for _lang, text in items) / max(len(items), 1)
    print(f"{len(items)} short items, {chars:.0f} characters on average")
    models = load_models(str(args.models or packaged_models_dir()))
    print(f"  rules only           {_run(items, None, args.repeat):7.1f} items/s")
    if models is None:
        print("  (no packaged models: run `newsgraph train` first)")
    else:
        print(f"  with learned models  {_run(items, models, args.repeat):7.1f} items/s")


if __name__ == "__main__":
    main()
