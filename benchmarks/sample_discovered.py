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
        [--fire ../shared/corpora/fire-financial-re-en/fire_dev.json]  # FIRE's sentences instead
        [--cluener ../shared/corpora/cluener-zh/dev.json]  # or CLUENER's (Chinese news sentences)
        [--dcfee ../shared/corpora/dcfee-freeze-events-zh/FREEZE_Data.json]  # or DCFEE's announcements
        [--no-name-check]  # draw from what discovery proposes before the name checker
        [--mark-checked]   # add a column: is the drawn name kept by the name checker (judge first)
        [--skip-drawn DRAW.txt ...]  # names a saved earlier draw (this script's output) judged already
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import replace
from pathlib import Path

from newsgraph.graph.model import Item
from newsgraph.learn.models import install, load_models, packaged_models_dir
from newsgraph.loaders.extract import doc_to_extraction, new_pipeline, process_text
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


def _fire_items(path: Path) -> list[tuple[str, str, str, str]]:
    """FIRE's sentences (financial news and 10-K filings, English) as (id, lang, title, text),
    their tokens joined back into text ("Collieries , LLC 's (" -> "Collieries, LLC's (")."""
    out = []
    for index, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        text = " ".join(record["tokens"])
        text = re.sub(r" ([,.;:!?)%]|['’]s\b|n't\b)", r"\1", text)
        text = re.sub(r"([($]) ", r"\1", text)
        out.append((f"fire-{index}", "en", "", text))
    return out


def _cluener_items(path: Path) -> list[tuple[str, str, str, str]]:
    """CLUENER's sentences (Chinese news of every kind), one JSON object after another."""
    text, decoder, space = path.read_text(encoding="utf-8"), json.JSONDecoder(), re.compile(r"\s*")
    out, pos = [], space.match(text, 0).end()
    while pos < len(text):
        record, pos = decoder.raw_decode(text, pos)
        out.append((f"cluener-{len(out)}", "zh", "", record["text"]))
        pos = space.match(text, pos).end()
    return out


def _dcfee_items(path: Path) -> list[tuple[str, str, str, str]]:
    """DCFEE's listed-company announcements (Chinese; JSON Lines with ``ID``, ``Title``, ``Doc``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out.append((f"dcfee-{record['ID']}", "zh", record.get("Title") or "", record["Doc"]))
    return out


def _names(pipes, items) -> dict[tuple[str, str], str]:
    """Every distinct (name, type) the catalog does not know, with the first item naming it."""
    names: dict[tuple[str, str], str] = {}
    for item_id, lang, title, text in items:
        doc = process_text(pipes[lang], text, title)
        ex = doc_to_extraction(doc, item_id, lang, title)
        for entity in ex.entities:
            if not entity.known:
                names.setdefault((entity.name, entity.label.value), item_id)
    return names


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
    other_text = parser.add_mutually_exclusive_group()
    other_text.add_argument("--fire", type=Path, default=None, help="FIRE sentences (fire_dev.json), not the digests")
    other_text.add_argument("--cluener", type=Path, default=None, help="CLUENER sentences (dev.json), not the digests")
    other_text.add_argument("--dcfee", type=Path, default=None, help="DCFEE announcements (FREEZE_Data.json)")
    parser.add_argument(
        "--skip-drawn",
        type=Path,
        action="append",
        default=[],
        help="an earlier draw's output: its names are not drawn again (a next clean draw from the same text)",
    )
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rules", action="store_true", help="rule verdicts only (no learned models)")
    parser.add_argument("--models", type=Path, default=None, help="a models directory to use instead")
    parser.add_argument(
        "--no-name-check", action="store_true", help="draw from the names discovery proposes, before the name checker"
    )
    parser.add_argument(
        "--mark-checked",
        action="store_true",
        help="with --no-name-check: a last column says whether the name checker keeps each drawn name",
    )
    parser.add_argument(
        "--exclude-seed",
        type=int,
        action="append",
        default=[],
        help="leave out the items the sample of this seed may have read, alone or drawn after the seeds given before"
        " it (names from items a development sample never saw)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    readers = ((args.fire, _fire_items), (args.cluener, _cluener_items), (args.dcfee, _dcfee_items))
    other = next(((path, read) for path, read in readers if path is not None), None)  # exclusive options
    if other is not None:
        path, read = other
        try:
            items = read(path)
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            parser.error(f"{path}: not a file of the data set's format ({type(exc).__name__}: {exc})")
    else:
        seen = _read_by(args.corpora, args.exclude_per_source or args.per_source, args.exclude_seed)
        items = [(x.id, x.lang, x.title, x.text) for x in _items(args.corpora, args.per_source, rng, seen)]
    if args.mark_checked and not args.no_name_check:
        parser.error("--mark-checked needs --no-name-check (it marks the names the checker would drop)")
    langs = sorted({lang for _id, lang, _title, _text in items})
    models = None if args.rules else load_models(str(args.models or packaged_models_dir()))
    pipes = {lang: new_pipeline(lang) for lang in langs}
    for nlp in pipes.values():
        install(nlp, replace(models, names=None) if models is not None and args.no_name_check else models)
    names = _names(pipes, items)
    kept = set()
    if args.mark_checked:
        checked = {lang: new_pipeline(lang) for lang in langs}
        for nlp in checked.values():
            install(nlp, models)
        kept = set(_names(checked, items))
    drawn = {
        (parts[2], parts[1])
        for path in args.skip_drawn
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(parts := [p.strip() for p in line.split("|")]) >= 4
    }
    keys = sorted(set(names) - drawn)
    sample = rng.sample(keys, min(args.n, len(keys)))
    print(f"{len(items)} items, {len(keys)} distinct discovered names; sample of {len(sample)} (seed {args.seed})")
    for i, (name, label) in enumerate(sample, 1):
        mark = (" | kept" if (name, label) in kept else " | dropped by the name checker") if args.mark_checked else ""
        print(f"{i:>3} | {label:<10} | {name} | {names[name, label]}{mark}")


if __name__ == "__main__":
    main()
