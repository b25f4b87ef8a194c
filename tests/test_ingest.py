"""Ingest as a whole: the store is the ledger, rejects are kept, a killed run resumes exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.loaders.ingest import ingest
from tests.conftest import SEED

NEWS = [
    "OpenAI and Microsoft sign a new partnership on AI compute.",
    "Nvidia releases the B300 GPU; analysts say it benefits the AI chips sector.",
    "The SEC approves a spot Solana ETF.",
    "Anthropic raises $13 billion led by ICONIQ.",
    "Coinbase acquires Deribit for $2.9 billion.",
    "美国证券交易委员会批准以太坊现货 ETF,利好加密市场。",
    "阿里巴巴发布 Qwen3 模型,开源社区受益。",
    "英伟达与甲骨文合作建设数据中心。",
]


def _jsonl(path: Path, count: int, *, broken_every: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            if broken_every and n % broken_every == broken_every - 1:
                out.write('{"title": "broken record", "text": \n')
                continue
            record = {
                "title": f"story {n}",
                "text": f"{NEWS[n % len(NEWS)]} (report {n})",
                "date": f"2026-01-{1 + n % 28:02d}",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_bad_records_are_rejected_with_their_line_and_the_rest_is_ingested(ladybug_store, tmp_path):
    source = _jsonl(tmp_path / "news.jsonl", 30, broken_every=10)
    rejects = tmp_path / "rejects.jsonl"
    summary = ingest([source], ladybug_store, rejects_path=rejects)
    assert (summary.items_read, summary.items_new, summary.rejected) == (27, 27, 3)
    kept = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [r["location"] for r in kept] == ["line 10", "line 20", "line 30"]
    assert all(r["raw"].startswith('{"title": "broken record"') for r in kept)
    assert ladybug_store.counts()["labels"]["Item"] == 27


def test_the_same_news_in_another_file_name_is_a_new_item_but_the_same_file_is_known(ladybug_store, tmp_path):
    first = _jsonl(tmp_path / "a.jsonl", 5)
    ingest([first], ladybug_store, rejects_path=tmp_path / "r")
    again = ingest([first], ladybug_store, rejects_path=tmp_path / "r")
    assert (again.items_new, again.items_known) == (0, 5)


def _item_count(store_path: Path) -> int:
    try:
        store = LadybugStore(store_path, read_only=True)
    except Exception:
        return 0
    try:
        return store.counts()["labels"].get("Item", 0)
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_an_ingest_killed_half_way_resumes_to_exactly_the_clean_counts(tmp_path):
    source = _jsonl(tmp_path / "news.jsonl", 400)
    clean, killed = tmp_path / "clean.lbdb", tmp_path / "killed.lbdb"
    ingest([source], LadybugStore(clean), rejects_path=tmp_path / "r")
    store = LadybugStore(clean, read_only=True)
    expected = store.counts()
    store.close()

    command = [
        sys.executable,
        "-m",
        "newsgraph.cli",
        "--store",
        str(killed),
        "ingest",
        str(source),
        "-q",
        "--batch-size",
        "10",
        "--rejects",
        str(tmp_path / "r2"),
    ]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while _item_count(killed) < 50 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is None, "the ingest finished before it could be killed; make the input larger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _item_count(killed)
    assert 0 < partial < 400

    resumed = subprocess.run([*command, "--json"], capture_output=True, text=True, check=True)
    summary = json.loads(resumed.stdout)
    assert summary["items_known"] == partial and summary["items_new"] == 400 - partial
    store = LadybugStore(killed, read_only=True)
    assert store.counts() == expected
    store.close()


def test_extracting_in_two_processes_gives_the_same_graph(tmp_path):
    source = _jsonl(tmp_path / "news.jsonl", 60)
    counts = []
    for workers in (1, 2):
        store = LadybugStore(tmp_path / f"w{workers}.lbdb")
        ingest([source], store, rejects_path=tmp_path / "r", workers=workers, items_per_write=25)
        counts.append((store.counts(), sorted(r["id"] for r in store.run_named("events"))))
        store.close()
    assert counts[0] == counts[1]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_summary_says_where_the_time_went_phase_by_phase(tmp_path, workers):
    from newsgraph.loaders.ingest import PHASES

    source = _jsonl(tmp_path / "news.jsonl", 30)
    store = LadybugStore(tmp_path / "s.lbdb")
    started = time.perf_counter()
    summary = ingest([source], store, rejects_path=tmp_path / "r", workers=workers, items_per_write=10)
    wall = time.perf_counter() - started
    store.close()
    assert set(summary.seconds) == set(PHASES)
    assert all(value > 0 for value in summary.seconds.values())
    assert sum(summary.seconds.values()) <= wall  # phases of this process, never counted twice


def test_overlapping_batches_count_an_item_repeated_in_the_next_batch_once(tmp_path):
    """With workers the next batch is checked against the store before the one before it is
    written: an item repeated there is found written meanwhile, counted known, stored once."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    source = _jsonl(tmp_path / "a" / "news.jsonl", 30)
    again = tmp_path / "b" / "news.jsonl"  # the same file name and content: the same item ids
    again.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    results = []
    for workers in (1, 2):
        store = LadybugStore(tmp_path / f"o{workers}.lbdb")
        summary = ingest([source, again], store, rejects_path=tmp_path / "r", workers=workers, items_per_write=20)
        results.append((summary.items_new, summary.items_known, summary.facts, store.counts()))
        store.close()
    assert results[0] == results[1]
    assert results[1][:2] == (30, 30)


def test_the_graph_and_the_fact_count_do_not_depend_on_the_batch_size(tmp_path):
    """``facts`` counts distinct relationships, and a news item never joins the event of a
    digest's headline list written in an earlier batch (it did with batches of one item)."""
    results = []
    for size in (1, 2, 1000):
        store = LadybugStore(tmp_path / f"b{size}.lbdb")
        summary = ingest([SEED], store, rejects_path=tmp_path / "r", items_per_write=size)
        results.append((summary.facts, summary.entities, store.counts()))
        store.close()
    assert results[0] == results[1] == results[2]
