"""jieba's dictionary as a SQLite index, so that the segmenter starts without loading it.

jieba keeps its dictionary in memory: a map of every word and word prefix to its frequency
(``Tokenizer.FREQ``, 500 k entries, read from a marshal cache in 0.7-0.8 s) and, for
part-of-speech tagging, a map of every word to its tag (``POSTokenizer.word_tag_tab``, 349 k
entries, parsed from ``dict.txt`` in 0.3-0.5 s at ``import jieba.posseg``). Cutting a window of
two dozen characters asks a few dozen of those entries. :func:`posseg_tagger` gives jieba's own
``POSTokenizer`` both maps as read-only views of one SQLite table (word, frequency, tag),
written once per jieba version into the user cache folder (``platformdirs``, as the catalog
cache) from the ``dict.txt`` in jieba's wheel, exactly as jieba reads it. Each word is looked
up once and remembered. The words and tags are jieba's: only where the entries come from
changes (``tests/test_names.py`` compares the two).

``NEWSGRAPH_CACHE=0``, a cache folder that cannot be written, or an index that cannot be read
fall back to jieba's own load.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
import sys
import tempfile
import threading
from pathlib import Path

__all__ = ["index_path", "posseg_tagger"]

_FORMAT = 1  # bump when the table changes
_INDEXES_KEPT = 2  # index files kept (the most recently used: two installs may share the folder)
_MEMO_LIMIT = 200_000  # words remembered per process before the memo starts again
_lock = threading.Lock()  # one query at a time on a connection
_setup = threading.Lock()


def index_path(jieba_module) -> Path | None:
    """Where the index of the installed jieba's dictionary lives, or None when caching is off.
    It is named by jieba's version and a digest of the dictionary's bytes (7 ms to read), not by
    the file's time: every virtual environment with the same jieba shares one index, where a
    name by install time made each new environment write its own (3 s) and push out another's."""
    from newsgraph.cachedir import cache_dir, enabled

    if not enabled():
        return None
    dictionary = Path(jieba_module.__file__).parent / jieba_module.DEFAULT_DICT_NAME
    digest = hashlib.sha1(dictionary.read_bytes()).hexdigest()[:16]
    return cache_dir() / f"jieba-{jieba_module.__version__}-{digest}-v{_FORMAT}.sqlite"


def _read_dictionary(stream) -> tuple[dict[str, tuple[int, str | None]], int]:
    """word -> (frequency, tag) and the total frequency, as jieba reads ``dict.txt``: every
    prefix of a word is an entry of frequency 0 unless it is a word itself
    (``Tokenizer.gen_pfdict``); a word's tag is the third field (``POSTokenizer.load_word_tag``)."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for lineno, raw in enumerate(stream, 1):
        line = raw.strip().decode("utf-8")
        if not line:
            continue
        parts = line.split(" ")
        try:
            word, count = parts[0], int(parts[1])
        except (IndexError, ValueError) as exc:
            raise ValueError(f"jieba's dictionary, line {lineno}: {line!r}") from exc
        freq[word] = count
        total += count
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
        if len(parts) == 3:
            tags[word] = parts[2]
    return {word: (count, tags.get(word)) for word, count in freq.items()}, total


def _write_index(path: Path, jieba_module) -> None:
    stream = jieba_module.Tokenizer().get_dict_file()
    try:
        entries, total = _read_dictionary(stream)
    finally:
        stream.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".sqlite")
    os.close(handle)
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            conn.executemany("INSERT INTO words VALUES (?, ?, ?)", ((w, f, t) for w, (f, t) in entries.items()))
            conn.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
        conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _Index:
    """Rows of the index, each read once (per process: a connection is never used across a
    fork). Should the file become unreadable (removed with the cache folder while a process
    runs), the process reads jieba's dictionary into memory and goes on."""

    def __init__(self, path: Path, jieba_module) -> None:
        self.path = path
        self._jieba = jieba_module
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._memo: dict[str, tuple[int, str | None] | None] = {}
        self._whole: dict[str, tuple[int, str | None]] | None = None
        self.total = int(self._query("SELECT value FROM meta WHERE key = 'total'", ())[0])

    def _query(self, sql: str, params: tuple):
        with _lock:
            if self._conn is None or self._pid != os.getpid():
                self._conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
                self._pid = os.getpid()
            return self._conn.execute(sql, params).fetchone()

    def _load_whole(self) -> dict[str, tuple[int, str | None]]:
        stream = self._jieba.Tokenizer().get_dict_file()
        try:
            self._whole = _read_dictionary(stream)[0]
        finally:
            stream.close()
        return self._whole

    def row(self, word: str) -> tuple[int, str | None] | None:
        if self._whole is not None:
            return self._whole.get(word)
        try:
            return self._memo[word]
        except KeyError:
            pass
        try:
            found = self._query("SELECT freq, tag FROM words WHERE word = ?", (word,))
        except sqlite3.Error:
            return self._load_whole().get(word)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo = {}
        self._memo[word] = found
        return found


class _View:
    """One column of the index as the dict jieba reads it (``in``, ``[]``, ``.get``); words
    jieba adds itself (``add_word``, ``update``) are kept beside it."""

    def __init__(self, index: _Index, column: int) -> None:
        self._index = index
        self._column = column
        self._added: dict = {}

    def _value(self, word: str):
        if word in self._added:
            return self._added[word]
        row = self._index.row(word)
        return None if row is None else row[self._column]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._value(word) is not None

    def __getitem__(self, word: str):
        value = self._value(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default=None):
        value = self._value(word)
        return default if value is None else value

    def __setitem__(self, word: str, value) -> None:
        self._added[word] = value

    def update(self, other) -> None:
        self._added.update(other)


def _open_index(jieba_module) -> _Index | None:
    path = index_path(jieba_module)
    if path is None:
        return None
    from newsgraph.cachedir import prune, touch

    for attempt in range(2):  # an unreadable index (a truncated file) is written again, once
        try:
            if path.exists():
                touch(path)
            else:
                _write_index(path, jieba_module)
                prune(path.parent, "jieba-*.sqlite", _INDEXES_KEPT)  # those of jieba installs gone since
            return _Index(path, jieba_module)
        except sqlite3.DatabaseError:
            if attempt == 0:
                with contextlib.suppress(OSError):
                    path.unlink()
        except (OSError, sqlite3.Error, ValueError, TypeError):
            break
    return None  # no index this time: jieba loads its dictionary itself


def _import_posseg(jieba_module, index: _Index | None):
    """``jieba.posseg``. Importing it makes a module-level tagger that parses the whole
    dictionary for its tags; with an index, that tagger reads the index's tags instead."""
    if "jieba.posseg" in sys.modules or index is None:
        import jieba.posseg

        return jieba.posseg
    default = jieba_module.dt
    default.get_dict_file = lambda: io.BytesIO(b"")  # the import's tag load reads nothing
    try:
        import jieba.posseg
    finally:
        del default.get_dict_file
    jieba.posseg.dt.word_tag_tab = _View(index, 1)  # the module's own tagger keeps jieba's tags
    return jieba.posseg


def posseg_tagger():
    """A jieba ``POSTokenizer`` over the dictionary index (jieba's default one without it)."""
    import jieba

    jieba.setLogLevel(60)  # no "Building prefix dict" chatter on stderr
    with _setup:
        index = _open_index(jieba)
        posseg = _import_posseg(jieba, index)
    if index is None:
        return posseg.dt
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = _View(index, 0), index.total, True
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # __init__ would parse dict.txt
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, _View(index, 1)
    return tagger
