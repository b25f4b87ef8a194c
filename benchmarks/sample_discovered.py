"""A seeded sample of discovered (non-catalog) entity names from extraction over the corpora,
for judging by hand how many are junk fragments (the table in docs/extraction.md).

Reads up to ``--per-source`` items of each digest / feed corpus under ``../shared/corpora``
(the project's own readers), extracts them with the packaged pipeline (learned models
included when packaged), collects every distinct (name, type) the catalog does not know,
and prints ``--n`` of them drawn with ``random.Random(--seed)``, each with the sentence it
came from.

    .venv/bin/python benchmarks/sample_discovered.py [--n 100] [--seed 13] [--rules | --models DIR]
        [--exclude-seed 13 ...]   # only items that the seed-13 sample (and the others) may not have read
        [--exclude-per-source 120]  # what the excluded samples read per source (default: --per-source)
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.learn.models import install, load_models
from newsgraph.loaders.extract import build_pipeline, doc_to_extraction, process_text
from newsgraph.loaders.sources import expand_paths, read_source

_SOURCES = (
    "bubblebrain-ai-daily-zh/daily",
    "ai-insight-daily-zh-en/cn",
    "ai-insight-daily-zh-en/en",
    "ainews-smol-en/issues",
    "btc-news-weekly-zh/summaries",
    "ai-lab-rss-feeds-en/feeds",
    "cryptonews-csv-en",
)


def _items(root: Path, per_source: int, rng: random.Random, exclude: frozenset[str] = frozenset()) -> list[Item]:
    out: list[Item] = []
    for source in _SOURCES:
        found: list[Item] = []
        for path in sorted(expand_paths([root / source])):
            try:
                found += [x for x in read_source(path) if isinstance(x, Item)]
            except Exception:
                continue
        rng.shuffle(found)
        out += [x for x in found if x.id not in exclude][:per_source]
    return out


def _read_by(root: Path, per_source: int, seeds: list[int]) -> frozenset[str]:
    """The ids of every item that the samples of ``seeds`` may have read: each seed's items on
    its own, and as drawn in turn with the seeds before it left out (a sample drawn with
    ``--exclude-seed`` reads items further down its shuffled list)."""
    alone = {x.id for seed in seeds for x in _items(root, per_source, random.Random(seed))}
    chained: set[str] = set()
    for seed in seeds:
        chained |= {x.id for x in _items(root, per_source, random.Random(seed), frozenset(chained))}
    return frozenset(alone | chained)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--per-source", type=int, default=120)
    parser.add_argument(
        "--exclude-per-source",
        type=int,
        default=None,
        help="items per source the excluded seeds' samples read (default: --per-source); lets a draw read"
        " more items than the earlier ones did",
    )
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rules", action="store_true", help="rule verdicts only (no learned models)")
    parser.add_argument("--models", type=Path, default=None, help="a models directory to use instead")
    parser.add_argument(
        "--exclude-seed",
        type=int,
        action="append",
        default=[],
        help="leave out the items the sample of this seed may have read, alone or drawn after the seeds given before"
        " it (names from items a development sample never saw)",
    )
    args = parser.parse_args()
    seen = _read_by(args.corpora, args.exclude_per_source or args.per_source, args.exclude_seed)
    rng = random.Random(args.seed)
    items = _items(args.corpora, args.per_source, rng, seen)
    names: dict[tuple[str, str], str] = {}
    for item in items:
        nlp = build_pipeline(item.lang)
        if args.rules:
            install(nlp, None)
        elif args.models is not None:
            install(nlp, load_models(str(args.models)))
        doc = process_text(nlp, item.text, item.title)
        ex = doc_to_extraction(doc, item.id, item.lang, item.title)
        for entity in ex.entities:
            if not entity.known:
                names.setdefault((entity.name, entity.label.value), item.id)
    keys = sorted(names)
    sample = rng.sample(keys, min(args.n, len(keys)))
    print(f"{len(items)} items, {len(keys)} distinct discovered names; sample of {len(sample)} (seed {args.seed})")
    for i, (name, label) in enumerate(sample, 1):
        print(f"{i:>3} | {label:<10} | {name} | {names[name, label]}")


if __name__ == "__main__":
    main()
