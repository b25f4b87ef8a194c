"""Benchmark: extraction time against item length (it should grow linearly).

    .venv/bin/python benchmarks/bench_length.py                          # 10^4, 10^5, 10^6 chars
    .venv/bin/python benchmarks/bench_length.py --lengths 10000 100000 --langs en --json

One item per length and language, cut from the items of a corpus joined end to end
(``zh``: ``bubblebrain-ai-daily-zh``, ``en``: ``ai-lab-rss-feeds-en`` under
``../shared/corpora``; ``--corpus`` picks another), so that a long item has the density of
names and trigger words of real news. Prints the extraction seconds, microseconds per
character, the growth against the previous length (a linear extractor gives the ratio of
the lengths), and spaCy's blank tokeniser on the same text for scale.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

CORPORA_DIR = Path("../shared/corpora")  # relative to the repository root, as elsewhere
DEFAULT = {"zh": "bubblebrain-ai-daily-zh", "en": "ai-lab-rss-feeds-en"}


def _pool(lang: str, corpus: Path) -> str:
    from newsgraph.graph.model import Item
    from newsgraph.loaders.sources import expand_paths, read_source

    texts = [r.text for p in expand_paths([corpus]) for r in read_source(p) if isinstance(r, Item) and r.lang == lang]
    return "\n\n".join(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--langs", nargs="+", choices=["zh", "en"], default=["zh", "en"])
    parser.add_argument("--corpus", type=Path, help="the corpus to cut items from (default: per language)")
    parser.add_argument("--json", action="store_true", help="one JSON object per row")
    args = parser.parse_args()

    import spacy

    from newsgraph.loaders.extract import build_pipeline, extract_text

    if not args.json:
        print(f"{'lang':<5} {'chars':>9} {'seconds':>8} {'us/char':>8} {'growth':>7} {'blank s':>8}")
    for lang in args.langs:
        corpus = args.corpus or CORPORA_DIR / DEFAULT[lang]
        if not corpus.exists():
            parser.error(f"not found: {corpus}")
        pool = _pool(lang, corpus)
        nlp = build_pipeline(lang)
        blank = spacy.blank(lang)
        blank.max_length = nlp.max_length = max(nlp.max_length, *args.lengths)
        previous = None
        for length in sorted(args.lengths):
            text = (pool * (length // max(1, len(pool)) + 1))[:length]
            started = time.perf_counter()
            extraction = extract_text(text, lang)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            blank(text)
            blank_s = time.perf_counter() - started
            growth = seconds / previous if previous else None
            previous = seconds
            row = {
                "lang": lang,
                "chars": length,
                "seconds": round(seconds, 3),
                "us_per_char": round(seconds / length * 1e6, 2),
                "growth": round(growth, 2) if growth else None,
                "blank_tokenise_s": round(blank_s, 3),
                "entities": len(extraction.entities),
                "relations": len(extraction.relations),
            }
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(
                    f"{lang:<5} {length:>9,} {seconds:>8.2f} {row['us_per_char']:>8.2f} "
                    f"{(str(row['growth']) + 'x') if growth else '-':>7} {blank_s:>8.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
