"""The user cache folder: files newsgraph derives from its own data and keeps between runs.

Two kinds live there, each named by a hash or version of what it was made from, so that a
changed source is never served stale: the parsed catalog (``catalog-*.pickle``,
:mod:`newsgraph.cli.catalog_cache`) and the Chinese segmenter's dictionary index
(``jieba-*.sqlite``, :mod:`newsgraph.loaders.nlp.segment_index`). Each new name leaves the
old file behind (every catalog edit, every jieba reinstall), so writing a new file also
removes the least recently used ones of its kind beyond a few; readers touch a file they use.
``NEWSGRAPH_CACHE=0`` turns both caches off.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["cache_dir", "enabled", "prune", "touch"]


def enabled() -> bool:
    """Is caching on (``NEWSGRAPH_CACHE`` is not ``0``)?"""
    return os.environ.get("NEWSGRAPH_CACHE", "1") != "0"


def cache_dir() -> Path:
    """``platformdirs.user_cache_dir("newsgraph")``."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsgraph"))


def touch(path: Path) -> None:
    """Mark ``path`` as used now (its modification time), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Remove all but the ``keep`` most recently used files of ``folder`` matching ``pattern``
    (a glob); returns the files removed. Files another process removes meanwhile, or that
    cannot be removed, are left to the next prune."""
    dated = []
    for path in folder.glob(pattern):
        with contextlib.suppress(OSError):
            dated.append((path.stat().st_mtime, path.name, path))
    removed = []
    for _mtime, _name, path in sorted(dated, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
