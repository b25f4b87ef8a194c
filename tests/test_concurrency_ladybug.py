"""Readers beside a writer on the embedded store: a read-only handle opened while another
process writes reads the last committed state, or waits briefly and says the store is busy;
never a WAL, checksum or recovery error."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.errors import StoreBusyError
from newsgraph.graph.ladybug_store import LadybugStore, _is_transient, buffer_pool_bytes

BATCH = 150  # companies per write batch (and BATCH - 1 PARTNERS_WITH between them)

WRITER = """
import sys
from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.graph.model import Entity, Fact, GraphBatch, Label, RelType

store = LadybugStore(sys.argv[1])
print("open", flush=True)
for b in range(int(sys.argv[2])):
    ids = [f"company:w{b}-{i}" for i in range({batch})]
    store.write(GraphBatch(
        entities=[Entity(id=x, label=Label.COMPANY, name=x[8:]) for x in ids],
        facts=[Fact(type=RelType.PARTNERS_WITH, source_id=a, source_label=Label.COMPANY, target_id=c,
                    target_label=Label.COMPANY, item_id=f"item:{b}", evidence="made-up sentence " * 20)
               for a, c in zip(ids, ids[1:])],
    ))
store.close()
""".replace("{batch}", str(BATCH))


def test_readers_beside_a_writer_read_committed_batches_or_hear_busy(tmp_path, monkeypatch):
    path = tmp_path / "graph.lbdb"
    LadybugStore(path).close()
    # a small pool: the writer checkpoints often, so readers meet checkpoints and WAL tails
    monkeypatch.setenv("NEWSGRAPH_BUFFER_POOL_MB", "64")
    monkeypatch.setenv("NEWSGRAPH_BUSY_TIMEOUT", "2")
    root = Path(__file__).resolve().parents[1]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "120"], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "open"
    reads, busy, seen = 0, 0, set()
    deadline = time.monotonic() + 240
    while writer.poll() is None and time.monotonic() < deadline:
        try:
            reader = LadybugStore(path, read_only=True)
            try:
                counts = reader.counts()
            finally:
                reader.close()
        except StoreBusyError:
            busy += 1
            continue
        companies = counts["labels"].get("Company", 0)
        partners = counts["relationships"].get("PARTNERS_WITH", 0)
        # whole batches only: the last committed state, never half a transaction
        assert companies % BATCH == 0 and partners == companies // BATCH * (BATCH - 1), counts
        reads += 1
        seen.add(companies)
    assert writer.wait(timeout=60) == 0
    assert reads >= 3 and len(seen) >= 2, (reads, busy, seen)
    print(f"{reads} reads during the ingest ({len(seen)} distinct states), {busy} busy")
    final = LadybugStore(path, read_only=True)
    assert final.counts()["labels"]["Company"] == 120 * BATCH
    final.close()


@pytest.mark.parametrize(("store_mb", "expected_mb"), [(0, 512), (100, 512), (300, 856), (1000, 1024)])
def test_the_buffer_pool_follows_the_store_size_within_bounds(tmp_path, monkeypatch, store_mb, expected_mb):
    from newsgraph.graph import ladybug_store

    monkeypatch.delenv("NEWSGRAPH_BUFFER_POOL_MB", raising=False)
    monkeypatch.setattr(ladybug_store, "_machine_bytes", lambda: 24 * 2**30)
    path = tmp_path / "graph.lbdb"
    if store_mb:
        with path.open("wb") as handle:  # a sparse file: the size counts, not the blocks
            handle.truncate(store_mb * 2**20)
    assert buffer_pool_bytes(path) // 2**20 == expected_mb


def test_the_buffer_pool_setting_overrides_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_BUFFER_POOL_MB", "300")
    assert buffer_pool_bytes(tmp_path / "x.lbdb") == 300 * 2**20


def test_the_buffer_pool_stays_within_an_eighth_of_a_small_machine(tmp_path, monkeypatch):
    from newsgraph.graph import ladybug_store

    monkeypatch.delenv("NEWSGRAPH_BUFFER_POOL_MB", raising=False)
    monkeypatch.setattr(ladybug_store, "_machine_bytes", lambda: 6 * 2**30)
    path = tmp_path / "graph.lbdb"
    with path.open("wb") as handle:
        handle.truncate(2000 * 2**20)
    assert buffer_pool_bytes(path) == 768 * 2**20


@pytest.mark.parametrize(
    ("message", "transient"),
    [
        # a writer's checkpoint cut the WAL short under a reader opening the store: retried
        (
            "IO exception: Cannot read from file: /tmp/x/graph.lbdb.wal fileDescriptor: 13 numBytesRead: 0 "
            "numBytesToRead: 4096 position: 7573504",
            True,
        ),
        ("Runtime exception: Checkpoint recovery is pending", True),
        # an unreadable main file is no race: reported as it is
        ("IO exception: Cannot read from file: /tmp/x/graph.lbdb fileDescriptor: 13", False),
    ],
)
def test_a_reader_retries_what_a_writer_mid_checkpoint_causes(message, transient):
    assert _is_transient(RuntimeError(message)) is transient
