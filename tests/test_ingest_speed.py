"""The ingest's fast paths give what their plain definitions give (speed: benchmarks/bench_ingest.py)."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.loaders import encoding
from newsgraph.loaders.markdown import inline, reader

DIGEST = """---
title: Made-up daily
date: 2031-04-02
---

# Made-up daily, 2 April

Subscribe to this newsletter for more.

## Top stories

1. **Quillby raises $12M** for its [river sensors](https://example.test/quillby) ([mirror](<https://mirror.test/q>))
2. **Tarnwick Labs** ships ~~two~~ three `ferry` models, see https://example.test/tarnwick
3. ![logo](https://example.test/l.png) **Ostrel** partners with <b>Vantor</b> on batteries

## 其他

- 小狐科技 与 北岸资本 签署协议 [详情](https://example.test/xiaohu)

Subscribe to this newsletter for more.
"""

MARKUPS = [
    "**Quillby** joins [Genesis](https://example.test/g) ![x](https://example.test/p.png)<br>done",
    "see [a](https://example.test/a) and [b](https://example.test/a) and [c](ftp://example.test/c)",
    "[broken](https://example.test/x and <https://example.test/auto>",
    "plain text, no links",
    "<a href='https://example.test/html'>anchor</a> text",
]


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("already", [[], ["https://example.test/a"], ["https://example.test/zzz"]])
def test_cached_markdown_to_text_gives_the_plain_texts_and_urls(markup, already):
    expected_urls = list(already)
    expected = inline._to_text(markup, expected_urls, None)
    for _ in range(2):  # the second call is answered from the cache
        urls = list(already)
        assert inline.markdown_to_text(markup, urls) == expected
        assert urls == expected_urls
    assert inline.markdown_to_text(markup) == expected


def test_markdown_to_text_with_reference_links_is_not_cached_across_refs():
    text = "read [the report][r1] today"
    first, second = [], []
    inline.markdown_to_text(text, first, {"r1": "https://example.test/one"})
    inline.markdown_to_text(text, second, {"r1": "https://example.test/two"})
    assert first == ["https://example.test/one"] and second == ["https://example.test/two"]


def _reading(text: str) -> list:
    result = reader.analyse_markdown("made-up.md", text)
    return [dataclasses.asdict(d) for d in result.drafts], result.layouts, [vars(x) for x in result.left_out]


def test_a_file_parsed_while_learning_repeats_reads_as_a_fresh_parse():
    fresh = _reading(DIGEST)
    reader.markdown_blocks(DIGEST)  # keeps the tree for the reading of the same text
    assert DIGEST.lstrip("\ufeff") in reader._PARSED
    assert _reading(DIGEST) == fresh
    assert DIGEST not in reader._PARSED  # taken out on use: the reading changes its tree
    assert _reading(DIGEST) == fresh


def test_kept_parse_trees_stay_bounded():
    for number in range(reader._PARSED_MAX_FILES + 10):
        reader.markdown_blocks(f"# Issue {number}\n\n- item {number}\n")
    assert len(reader._PARSED) <= reader._PARSED_MAX_FILES
    reader._PARSED.clear()


@pytest.mark.parametrize(
    "text", ["", "plain\ttext\r\n", "bad\x00\x01\x0b\x1fchars\x0c", "中文\x07内容", "\x1b[31mred\x1b[0m" * 3]
)
def test_printable_share_counts_control_characters_as_before(text):
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    assert encoding._printable_share(text) == (1 - bad / len(text) if text else 1.0)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tokenizers_token_norms_are_those_of_the_doc_it_makes(lang):
    """The catalog's phrase patterns are built from ``MixedTokenizer.tokens`` (no ``Doc``
    per name): the same texts, norms and whitespace tokens as the ``Doc`` the tokenizer
    makes, for every catalog name, alias and ticker."""
    from newsgraph.graph.catalog import default_catalog
    from newsgraph.loaders.extract import new_pipeline

    catalog = default_catalog()
    tokenizer = new_pipeline(lang, catalog).tokenizer
    forms = [f for e in catalog.entries.values() for f in (*e.surface_forms, *e.tickers, *("$" + t for t in e.tickers))]
    # full width, two spaces, a tab, diacritics, traditional characters
    forms += ["Ｏｐｅｎ ＡＩ", "Claude  Code", "Café\tNoir", "微軟 Azure"]
    for form in forms:
        doc = tokenizer(form)
        assert tokenizer.tokens(form) == [(t.text, t.norm_, t.is_space) for t in doc], form
