"""Fuzz every reader with hypothesis: any input gives items and rejects (or one InputError), never a crash.

Each example runs under a time limit (a hang fails the test). The budget is small by default so
that CI stays quick; ``NEWSGRAPH_FUZZ=long`` runs many more examples (``NEWSGRAPH_FUZZ_EXAMPLES``
sets the number), e.g. ``NEWSGRAPH_FUZZ=long pytest tests/test_fuzz_readers.py``.
"""

from __future__ import annotations

import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject
from newsgraph.loaders.sources import read_source

LONG = os.environ.get("NEWSGRAPH_FUZZ") == "long"
EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "2000" if LONG else "60"))
#: seconds one input may take before it counts as a hang
TIME_LIMIT = 20

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the alarm below is the limit; hypothesis' deadline flakes on a loaded machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    derandomize=not LONG,
)

# pieces that steer the readers into their layouts, mixed with arbitrary text
_MARKDOWN_PIECES = [
    "# ",
    "## ",
    "### 1. ",
    "[title](https://x.example/a)",
    "**标签**: ",
    "**Source**: ",
    "- ",
    "1. ",
    "10.  ",
    "   - 链接：",
    "| a | b |\n| --- | --- |\n",
    "```",
    "---\n",
    "> ",
    "<!-- x -->",
    "<br>",
    "今日摘要",
    "2026-01-09",
    "\n",
    "\n\n",
    "：",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "\ud800",
    "\x00",
    "\x0b",
]
_CSV_PIECES = ['"', ",", "\n", "\r\n", "\t", ";", "|", "date", "title", "url", "https://x.example/", "2026-01-09"]


@contextmanager
def time_limit(seconds: int):
    """Fail an input that takes longer than ``seconds`` (a hang), where SIGALRM exists."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum, frame):
        raise TimeoutError(f"a reader took more than {seconds}s on one input")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(path: Path, data: bytes, **options: object) -> None:
    path.write_bytes(data)
    with time_limit(TIME_LIMIT):
        try:
            out = list(read_source(path, **options))
        except InputError:
            return
    assert all(isinstance(o, Item | Reject) for o in out)
    for item in out:
        if isinstance(item, Item):
            item.model_dump_json()  # encodable: no lone surrogate left
            assert item.text.strip()


def mixed(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=40)), max_size=60).map("".join)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
records = st.dictionaries(
    st.sampled_from(["title", "Name", "text", "content_markdown", "summary", "url", "Source", "date", "lang", "x"]),
    json_values,
    max_size=6,
)


@FUZZ
@given(text=mixed(_MARKDOWN_PIECES))
def test_markdown_reader_never_crashes(tmp_path_factory, text):
    check(tmp_path_factory.mktemp("md") / "fuzz.md", _bytes(text))


@FUZZ
@given(text=mixed(_MARKDOWN_PIECES))
def test_text_and_digest_readers_never_crash(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("txt")
    check(folder / "fuzz.txt", _bytes(text))
    check(folder / "fuzz-digest.txt", _bytes("今日三件事\n" + text + "\n逐条速记\n标题\n发生了什么: x"), fmt="digest")


@FUZZ
@given(lines=st.lists(st.one_of(records.map(json.dumps), st.text(max_size=60)), max_size=20))
def test_jsonl_reader_never_crashes(tmp_path_factory, lines):
    check(tmp_path_factory.mktemp("jsonl") / "fuzz.jsonl", _bytes("\n".join(lines)))


@FUZZ
@given(value=st.lists(records, max_size=8), markdown=mixed(_MARKDOWN_PIECES))
def test_json_array_and_markdown_fields_never_crash(tmp_path_factory, value, markdown):
    value.append({"title": "digest", "content_markdown": markdown})
    check(tmp_path_factory.mktemp("json") / "fuzz.json", _bytes(json.dumps(value, indent=1)))


@FUZZ
@given(text=mixed(_CSV_PIECES), columns=st.sampled_from([None, "date,url,title"]))
def test_csv_reader_never_crashes(tmp_path_factory, text, columns):
    options = {"columns": columns} if columns else {}
    check(tmp_path_factory.mktemp("csv") / "fuzz.csv", _bytes(text), **options)


@FUZZ
@given(
    titles=st.lists(st.text(max_size=30), max_size=5),
    junk=st.sampled_from(["", "<item>", "</channel>", "&bogus;", "<![CDATA[", "\x00"]),
)
def test_feed_reader_never_crashes(tmp_path_factory, titles, junk):
    from xml.sax.saxutils import escape

    entries = "".join(f"<item><title>{escape(t)}</title><description>{escape(t)}</description></item>" for t in titles)
    text = f"<?xml version='1.0'?><rss version='2.0'><channel><title>f</title>{entries}{junk}</channel></rss>"
    check(tmp_path_factory.mktemp("feed") / "fuzz.xml", _bytes(text))


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".md", ".txt", ".jsonl", ".csv", ".xml", ""]))
def test_any_bytes_never_crash(tmp_path_factory, data, suffix):
    check(tmp_path_factory.mktemp("bytes") / f"fuzz{suffix}", data)


@pytest.mark.parametrize("size", [200_000, 2_000_000])
def test_pathological_sizes_read_in_time(tmp_path, size):
    """One huge line, deep nesting and a huge unclosed quote, each under the time limit."""
    check(tmp_path / "line.txt", b"x" * size)
    check(tmp_path / "nest.md", b"> " * (size // 1000) + b"deep\n" + b"- " * (size // 1000) + b"x\n")
    check(tmp_path / "quote.csv", b'title,text\n"' + b"y" * size + b"\nz,w\n")
    check(tmp_path / "brackets.jsonl", b"[" * (size // 10))
