"""Doctest namespace for the examples in newsgraph's docstrings: ``store`` holds the sample digest."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def _seed_store(tmp_path_factory):
    from newsgraph.graph.ladybug_store import LadybugStore
    from newsgraph.loaders.ingest import ingest

    folder = tmp_path_factory.mktemp("doctest")
    store = LadybugStore(folder / "seed.lbdb")
    ingest([Path(__file__).parent / "seeds"], store, rejects_path=folder / "rejects.jsonl")
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _doctest_store(request, doctest_namespace):
    if isinstance(request.node, pytest.DoctestItem):
        doctest_namespace["store"] = request.getfixturevalue("_seed_store")
