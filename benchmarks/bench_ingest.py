"""Benchmark: extraction alone and whole ingest, each beside spaCy's blank tokeniser.

    .venv/bin/python benchmarks/bench_ingest.py                       # the short-item corpora
    .venv/bin/python benchmarks/bench_ingest.py ../shared/corpora/btc-news-weekly-zh --workers 1 2
    .venv/bin/python benchmarks/bench_ingest.py --json                # one JSON object per row

Each corpus (a folder or file; default: the short-item corpora ``cryptonews-csv-en``,
``bubblebrain-ai-daily-zh`` and ``ai-insight-daily-zh-en`` under ``../shared/corpora``) gives
rows, each measured in a fresh process so that its peak resident memory is its own:

- ``extract``: :func:`~newsgraph.loaders.extract.extract` over every item (pipelines built
  before the clock starts);
- ``ingest``: a whole ingest (read, extract, resolve, cluster, write) into a fresh embedded
  store with ``--workers`` processes; ``phases`` is where the parent's time went
  (``IngestSummary.seconds``: setup, read, extract, match, cluster, resolve, write; with workers,
  extract is the wait for them).

``--together`` measures all the corpora as one run (one extract and one ingest row).
``--baseline DIR`` measures the code of another checkout (e.g. ``git archive main | tar -x -C DIR``)
the same way, each of its rows right before this checkout's (``code``: ``baseline`` / ``this``),
so that both see the same load. With ``--check-graph`` an ingest row's ``graph`` is :func:`graph_digest` of the store
it wrote (node count / relationship count / hash of a canonical dump, timestamps left out):
a change meant only for speed must leave it as the baseline's (the row's peak RSS then includes the dump).

The items are read once before the clock (for the blank tokeniser); the readers' caches are
emptied again before an ingest row starts, so that it reads its files as a fresh
``newsgraph ingest`` does (a folder's repeated blocks learnt, every file parsed).

In the same process and on the same items' text, ``blank_tokenise_items_per_s`` is a fresh
``spacy.blank(lang)`` (the item's language) run over every item: the floor extraction is
compared with, measured before and after the row (the faster figure counts). ``ratio`` is
blank items/s over the row's items/s (lower is better).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

SHORT_CORPORA = ["cryptonews-csv-en", "bubblebrain-ai-daily-zh", "ai-insight-daily-zh-en"]
CORPORA_DIR = Path("../shared/corpora")  # relative to the repository root, as elsewhere


def _items(path: Path):
    from newsgraph.graph.model import Item
    from newsgraph.loaders.sources import expand_paths, read_source

    return [r for p in expand_paths([path]) for r in read_source(p) if isinstance(r, Item)]


def _blank_rate(items) -> float:
    """Items per second of a fresh ``spacy.blank(lang)`` (cold, as the extraction pipelines
    are: new words still get their lexemes made) over the items' text."""
    import spacy

    nlps = {lang: spacy.blank(lang) for lang in ("zh", "en")}
    started = time.perf_counter()
    for item in items:
        nlps["zh" if item.lang == "zh" else "en"](item.text)
    return len(items) / (time.perf_counter() - started)


def graph_digest(store) -> str:
    """``nodes/relationships/sha1`` of a canonical dump of the store: every node with every
    property but ``ingested_at``, every relationship with its properties, sorted. Two ingests
    of the same files give the same digest exactly when they wrote the same graph."""
    import hashlib

    def clean(row: dict) -> dict:
        return {k: v for k, v in row.items() if k != "ingested_at" and not k.startswith("_")}

    nodes = sorted(
        json.dumps({"id": r["id"], "label": r["label"], **clean(r["props"])}, sort_keys=True, default=str)
        for r in store.run_named("all_nodes")
    )
    rels = sorted(json.dumps(clean(r), sort_keys=True, default=str) for r in store.run_named("all_rels"))
    sha = hashlib.sha1("\n".join(nodes + rels).encode()).hexdigest()[:12]
    return f"{len(nodes)}/{len(rels)}/{sha}"


def _cold_readers() -> None:
    """Empty what reading the items for the blank tokeniser left in the readers' caches."""
    import newsgraph.loaders.sources as sources

    sources.folder_repeats.cache_clear()
    try:  # caches of the faster readers (absent from older checkouts)
        from newsgraph.loaders.markdown import inline, reader
    except ImportError:
        return
    if hasattr(inline, "_plain_text"):
        inline._plain_text.cache_clear()
    if hasattr(reader, "_PARSED"):
        reader._PARSED.clear()


def _row(paths: list[str], mode: str, workers: int, code: str | None = None, check_graph: bool = False) -> dict:
    """One measurement, run in its own process (``code``: a checkout whose package is measured)."""
    if code is not None:
        sys.path.insert(0, str(Path(code).resolve()))
    from newsgraph.graph.catalog import default_catalog

    if code is not None and not sys.modules["newsgraph"].__file__.startswith(str(Path(code).resolve())):
        raise RuntimeError(f"the baseline's package was not the one imported: {sys.modules['newsgraph'].__file__}")
    from newsgraph.loaders.extract import build_pipeline, extract

    catalog = default_catalog()
    items = [item for path in paths for item in _items(Path(path))]
    for lang in ("zh", "en"):
        build_pipeline(lang, catalog)
    blank = _blank_rate(items)
    if mode == "extract":
        started = time.perf_counter()
        for item in items:
            extract(item, catalog)
        seconds = time.perf_counter() - started
        count, extra = len(items), {}
    else:
        from newsgraph.graph.ladybug_store import LadybugStore
        from newsgraph.loaders.ingest import ingest

        _cold_readers()
        with tempfile.TemporaryDirectory() as tmp:
            store = LadybugStore(Path(tmp) / "bench.lbdb")
            started = time.perf_counter()
            summary = ingest(paths, store, catalog=catalog, rejects_path=Path(tmp) / "r.jsonl", workers=workers)
            seconds = time.perf_counter() - started
            graph = graph_digest(store) if check_graph else None
            store.close()
        count, extra = summary.items_new, {"workers": workers, "facts": summary.facts}
        if getattr(summary, "seconds", None):  # the phases of the parent process (older code: none)
            extra["phases"] = {phase: round(value, 2) for phase, value in summary.seconds.items()}
        if graph is not None:
            extra["graph"] = graph
    blank = max(blank, _blank_rate(items))  # before and after the row: the faster counts
    rate = count / seconds if seconds else 0.0
    return {
        "corpus": "+".join(Path(path).name for path in paths),
        "code": "this" if code is None else "baseline",
        "mode": mode,
        "items": count,
        "chars_per_item": round(sum(len(i.text) for i in items) / max(1, len(items))),
        "seconds": round(seconds, 2),
        "items_per_s": round(rate, 1),
        "blank_tokenise_items_per_s": round(blank, 1),
        "ratio": round(blank / rate, 1) if rate else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **extra,
    }


def _child(conn, args: tuple) -> None:
    try:
        conn.send(("ok", _row(*args)))
    except BaseException as exc:  # the parent re-raises it with the child's message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _run_isolated(paths: list[str], mode: str, workers: int, code: str | None = None, check: bool = False) -> dict:
    """One row in a fresh process (its own peak RSS). A plain child process, not a pool
    worker: pool workers are daemonic and cannot start the ingest's own workers."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, (paths, mode, workers, code, check)))
    proc.start()
    send.close()
    try:
        status, value = receive.recv()
    except EOFError:
        status, value = "error", f"the row's process died (exit code {proc.join() or proc.exitcode})"
    proc.join()
    if status != "ok":
        raise RuntimeError(value)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="corpora (default: the short-item corpora)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--modes", nargs="+", choices=["extract", "ingest"], default=["extract", "ingest"])
    parser.add_argument("--together", action="store_true", help="all corpora as one run (one row per mode)")
    parser.add_argument("--json", action="store_true", help="one JSON object per row")
    parser.add_argument(
        "--check-graph", action="store_true", help="digest of the graph each ingest wrote (after the clock)"
    )
    parser.add_argument("--baseline", type=Path, help="a checkout of other code, measured before each row of this one")
    args = parser.parse_args()
    paths = args.paths or [CORPORA_DIR / name for name in SHORT_CORPORA]
    missing = [p for p in paths if not p.exists()]
    if args.baseline is not None and not (args.baseline / "newsgraph" / "__init__.py").exists():
        parser.error(f"--baseline {args.baseline}: no newsgraph package there")
    if missing:
        parser.error(f"not found: {', '.join(map(str, missing))}")
    if not args.json:
        print(
            f"{'corpus':<26} {'code':<8} {'mode':<8} {'workers':>7} {'items':>6} {'chars':>6} {'s':>7} "
            f"{'items/s':>8} {'blank/s':>8} {'ratio':>6} {'RSS MB':>7}"
        )
    groups = [[str(p) for p in paths]] if args.together else [[str(p)] for p in paths]
    for group in groups:
        for mode in args.modes:
            for workers in args.workers if mode == "ingest" else [1]:
                for code in [str(args.baseline)] if args.baseline else []:
                    _print(_run_isolated(group, mode, workers, code, args.check_graph), args.json)
                _print(_run_isolated(group, mode, workers, None, args.check_graph), args.json)


def _print(row: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(row), flush=True)
        return
    mode, workers = row["mode"], row.get("workers", 1)
    print(
        f"{row['corpus'][:26]:<26} {row['code']:<8} {mode:<8} {workers:>7} {row['items']:>6} "
        f"{row['chars_per_item']:>6} "
        f"{row['seconds']:>7.1f} {row['items_per_s']:>8.1f} {row['blank_tokenise_items_per_s']:>8.1f} "
        f"{row['ratio'] or 0:>5.1f}x {row['peak_rss_mb']:>7}" + (f"  graph {row['graph']}" if "graph" in row else ""),
        flush=True,
    )
    if "phases" in row:
        print(f"{'':<26} {'':<8} phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in row["phases"].items()), flush=True)


if __name__ == "__main__":
    main()
