"""The catalog for a command, from a cache: parsing and validating the catalog's YAML costs
~0.3-0.9 s, most of a short query's start-up; unpickling the result costs ~20 ms.

The cache file (in ``platformdirs.user_cache_dir("newsgraph")``, readable by the user only)
is named by a hash of newsgraph's version and the bytes of every catalog file used (the
packaged ones, ``--catalog``/``NEWSGRAPH_CATALOG`` ones), so an edited file is never served
stale. ``NEWSGRAPH_CACHE=0`` turns the cache off; the eight most recently used files are kept
(:mod:`newsgraph.cachedir`). Any problem with the cache falls back to
loading the files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.graph.catalog import Catalog

__all__ = ["cached_catalog", "catalog_key"]

_MEMO: dict[str, Catalog] = {}


def _files(extra: list[Path]) -> list[tuple[str, bytes]]:
    folder = resources.files("newsgraph.graph") / "data" / "catalog"
    packaged = sorted((r for r in folder.iterdir() if r.name.endswith((".yaml", ".yml"))), key=lambda r: r.name)
    out = [(f"catalog/{r.name}", r.read_bytes()) for r in packaged]
    for path in extra:
        try:
            out.append((str(path), Path(path).read_bytes()))
        except OSError:
            out.append((str(path), b"\0unreadable"))  # load_catalog reports it
    return out


def catalog_key(extra: list[Path]) -> str:
    from newsgraph import __version__

    digest = hashlib.sha256(__version__.encode())
    for name, data in _files(extra):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


#: catalog files kept (the most recently used): one per catalog a user works with
CATALOGS_KEPT = 8


def _cache_dir() -> Path:
    from newsgraph.cachedir import cache_dir

    return cache_dir()


def cached_catalog(extra: list[Path]) -> Catalog:
    """The packaged catalog plus ``extra`` files, as ``load_catalog`` makes it."""
    from newsgraph.cachedir import enabled, prune, touch
    from newsgraph.graph.catalog import Catalog, load_catalog

    if not enabled():
        return load_catalog(extra)
    key = catalog_key(extra)
    if key in _MEMO:
        return _MEMO[key]
    path = _cache_dir() / f"catalog-{key}.pickle"
    try:
        with path.open("rb") as handle:
            catalog = pickle.load(handle)  # the user's own cache file, named by content hash
        if isinstance(catalog, Catalog):
            _MEMO[key] = catalog
            touch(path)
            return catalog
    except Exception:  # missing, stale format, unreadable: rebuild it
        pass
    catalog = load_catalog(extra)
    _MEMO[key] = catalog
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, prefix=".catalog-") as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(handle.name, 0o600)
        os.replace(handle.name, path)
        prune(path.parent, "catalog-*.pickle", CATALOGS_KEPT)  # each edit of a catalog file made one
    except OSError:
        pass  # no cache this time; the answer is the same
    return catalog
