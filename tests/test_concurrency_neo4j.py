"""Two ingests at once into one Neo4j database converge to what one ingest after the other
writes: the same nodes and relationships per label and type, no duplicates, 10 trials.

Two worker processes (the extraction stack loaded once each) ingest at the same moment
(a barrier); the database is cleared between trials. The input is small made-up news.
"""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import pytest

pytestmark = pytest.mark.neo4j

TRIALS = 10

# Made-up news: file A and file B each report some happenings of their own, and both
# report two of the same ones (the same item text, as when two feeds carry one wire story).
_SHARED = [
    {
        "title": "Zentrix Labs partners with Quorra Systems on AI chips",
        "text": "Zentrix Labs and Quorra Systems announced a partnership to build AI chips together.",
        "date": "2026-03-02",
        "lang": "en",
    },
    {
        "title": "Halvorsen Capital invests in Mirelle Robotics",
        "text": "Halvorsen Capital invested in Mirelle Robotics, a maker of warehouse robots.",
        "date": "2026-03-03",
        "lang": "en",
    },
]
_ONLY_A = [
    {
        "title": "Pellion Networks releases Vega-7 model",
        "text": "Pellion Networks released the Vega-7 language model for customer support.",
        "date": "2026-03-01",
        "lang": "en",
    },
    {
        "title": "Ostrava Data Corp acquires Lumen Ridge",
        "text": "Ostrava Data Corp acquired Lumen Ridge to expand its data centers.",
        "date": "2026-03-04",
        "lang": "en",
    },
]
_ONLY_B = [
    {
        "title": "Brightwater Bank partners with Kessel Pay",
        "text": "Brightwater Bank and Kessel Pay announced a partnership on stablecoin payments.",
        "date": "2026-03-02",
        "lang": "en",
    },
    {
        "title": "Tavi Analytics competes with Norrland AI",
        "text": "Tavi Analytics launched a rival product that competes with Norrland AI.",
        "date": "2026-03-05",
        "lang": "en",
    },
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _ingest(args: tuple[str, str, str]) -> None:
    """In a worker: wait until the other worker holds its job too (a worker waiting here
    cannot take the second job), then ingest one file."""
    _BARRIER.wait(timeout=120)
    _sequential_ingest(args)


_BARRIER = None


def _init(barrier) -> None:
    """A worker: keep the barrier, and warm the extraction stack (models, catalog) up on a
    throwaway embedded store, so that the trials time only the ingests themselves."""
    global _BARRIER
    _BARRIER = barrier
    import tempfile

    from newsgraph.graph.ladybug_store import LadybugStore
    from newsgraph.loaders.ingest import ingest

    with tempfile.TemporaryDirectory() as folder:
        source = _write(Path(folder) / "warm.jsonl", _ONLY_A[:1])
        with LadybugStore(Path(folder) / "warm.lbdb") as store:
            ingest([source], store, rejects_path=Path(folder) / "rejects.jsonl")


def _counts(uri: str) -> dict:
    from newsgraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore(uri) as store:
        return store.counts()


def _clear(uri: str) -> None:
    from newsgraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore(uri) as store:
        store.clear()


@pytest.mark.parametrize(
    "same_file",
    [True, False],
    ids=["one-file-twice", "two-files-sharing-stories"],
)
def test_two_concurrent_ingests_equal_one_after_the_other(neo4j_uri, tmp_path, same_file):
    file_a = _write(tmp_path / "a.jsonl", _ONLY_A + _SHARED)
    file_b = file_a if same_file else _write(tmp_path / "b.jsonl", [*_SHARED, *_ONLY_B])
    jobs = [(neo4j_uri, str(file_a), str(tmp_path / "ra.jsonl")), (neo4j_uri, str(file_b), str(tmp_path / "rb.jsonl"))]
    context = mp.get_context("spawn")
    barrier = context.Barrier(2)
    with context.Pool(2, initializer=_init, initargs=(barrier,)) as pool:
        sequential = None
        # one after the other (in both orders for two files): the counts must not depend on the order
        for order in [jobs] if same_file else [jobs, jobs[::-1]]:
            _clear(neo4j_uri)
            for job in order:
                pool.apply(_sequential_ingest, (job,))
            counts = _counts(neo4j_uri)
            assert sequential is None or counts == sequential, "sequential counts depend on the order"
            sequential = counts
        for trial in range(TRIALS):
            _clear(neo4j_uri)
            pool.map(_ingest, jobs, chunksize=1)
            assert _counts(neo4j_uri) == sequential, f"trial {trial + 1}: concurrent counts differ"
    _clear(neo4j_uri)


def _sequential_ingest(args: tuple[str, str, str]) -> None:
    uri, source, rejects = args
    from newsgraph.graph.neo4j_store import Neo4jStore
    from newsgraph.loaders.ingest import ingest

    with Neo4jStore(uri) as store:
        ingest([source], store, rejects_path=rejects)
