"""The command's catalog comes from a cache keyed by the catalog files' bytes: the same
catalog as loading the YAML, and never stale after a file changes."""

from __future__ import annotations

import pytest

from newsgraph.cli import catalog_cache
from newsgraph.graph.catalog import load_catalog


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog_cache, "_cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(catalog_cache, "_MEMO", {})
    monkeypatch.delenv("NEWSGRAPH_CATALOG", raising=False)
    monkeypatch.delenv("NEWSGRAPH_CACHE", raising=False)


def _same(a, b) -> bool:
    return a.entries == b.entries and a._by_form == b._by_form and a._by_ticker == b._by_ticker


def test_the_cached_catalog_equals_the_loaded_one(tmp_path, monkeypatch):
    first = catalog_cache.cached_catalog([])
    assert list((tmp_path / "cache").glob("catalog-*.pickle"))
    monkeypatch.setattr(catalog_cache, "_MEMO", {})
    monkeypatch.setattr("newsgraph.graph.catalog.load_catalog", lambda *a: pytest.fail("not from the cache"))
    again = catalog_cache.cached_catalog([])  # read from the file this time
    assert again is not first and _same(again, load_catalog())


def test_an_edited_extra_file_is_never_served_stale(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {id: 'company:acme', name: Acme}\n", encoding="utf-8")
    assert catalog_cache.cached_catalog([extra]).get("company:acme").name == "Acme"
    extra.write_text("- {id: 'company:acme', name: Acme Corp}\n", encoding="utf-8")
    assert catalog_cache.cached_catalog([extra]).get("company:acme").name == "Acme Corp"


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    key = catalog_cache.catalog_key([])
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / f"catalog-{key}.pickle").write_bytes(b"not a pickle")
    assert _same(catalog_cache.cached_catalog([]), load_catalog())


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", "0")
    catalog_cache.cached_catalog([])
    assert not (tmp_path / "cache").exists()


def test_writing_a_catalog_file_removes_the_least_recently_used_beyond_eight(tmp_path):
    import os

    folder = tmp_path / "cache"
    folder.mkdir()
    old = []
    for n in range(10):  # files of catalogs edited since, the first used longest ago
        path = folder / f"catalog-old{n}.pickle"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
        old.append(path)
    other = folder / "jieba-0.42.1-1-1-v1.sqlite"
    other.write_bytes(b"x")
    os.utime(other, (1, 1))
    catalog_cache.cached_catalog([])  # writes the current catalog's file
    kept = sorted(p.name for p in folder.glob("catalog-*.pickle"))
    assert len(kept) == catalog_cache.CATALOGS_KEPT
    assert [p.name for p in old[-7:]] == [k for k in kept if "old" in k]  # the seven used last, and the new one
    assert other.exists()  # another kind of file is not this prune's


def test_reading_a_catalog_file_marks_it_used(tmp_path, monkeypatch):
    import os

    catalog_cache.cached_catalog([])
    (path,) = (tmp_path / "cache").glob("catalog-*.pickle")
    os.utime(path, (1, 1))
    monkeypatch.setattr(catalog_cache, "_MEMO", {})
    catalog_cache.cached_catalog([])
    assert path.stat().st_mtime > 1
