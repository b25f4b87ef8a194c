"""The fast paths of extraction give exactly what the plain ones give.

- ``WordMatcher`` over the shared Aho-Corasick scan finds what its regular expression's
  ``finditer`` finds, in long texts and in windows of short ones;
- the tokenizer cuts and normalises as the per-character reference below does;
- ``fold`` / ``fold_lower`` map each character as the per-character definition does;
- ``SpanIndex.around`` never misses a span that overlaps the range.
"""

from __future__ import annotations

import random
import re

import pytest
import spacy

from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.spanindex import SpanIndex
from newsgraph.loaders.nlp.text import _fold_char, _lower_char, fold, fold_lower
from newsgraph.loaders.nlp.tokenizer import MixedTokenizer
from newsgraph.loaders.nlp.wordscan import raw_prefixes

WORD_LISTS = {
    "latin with endings": ["acquir*", "take over", "stake in", "buy", "led by", "series a", "ipo"],
    "chinese": ["收购", "投资", "投资者", "领投", "合作", "re:联合(?!创始|国)", "被"],
    "negation": ["re:未(?![来知])", "re:(?<![并])不(?!仅|断)", "没有", "not", "rejected"],
    "mixed": ["AI 芯片", "chip*", "芯片", "the latter", "后者", "x"],
    "no literal start": ["*coin", "re:[a-c]x", "token"],
    "alternatives": ["re:(?:是|成为)[^，]{0,6}受益者", "re:(?:is|was) (?:the )?winner", "re:[投收]资", "涨"],
}

PIECES = [
    "是主要受益者",
    "成为受益者",
    "is the winner",
    "was winner",
    "投资收资",
    "Quillfeather Labs acquired Mossbank",
    " and took over ",
    "收购了",
    "蓝鲸科技投资者",
    "联合创始人",
    "联合发布",
    "未来",
    "未能",
    "并不",
    "不仅",
    "不会",
    "takeover",
    "Series A",
    " IPO ",
    "led  by",
    "AI 芯片",
    "chips",
    "bitcoin",
    "axe",
    "not just",
    "\n",
    "，",
    "。",
    " ",
    "-",
    "x",
    "后者是",
]


def _texts(seed: int, count: int, longest: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _plain(matcher: WordMatcher, lowered: str, start: int, end: int) -> list[tuple[int, int]]:
    """What WordMatcher returned before the shared scan (the reference)."""
    if len(lowered) < 80:
        return [m.span() for m in matcher.regex.finditer(lowered, start, end) if m.end() > m.start()]
    found = [m.span() for m in matcher.regex.finditer(lowered) if m.end() > m.start()]
    return [(s, e) for s, e in found if s >= start and e <= end]


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
def test_word_matcher_scan_finds_what_the_regex_finds(name):
    matcher = WordMatcher(WORD_LISTS[name])
    rng = random.Random(7)
    for text in _texts(seed=len(name), count=300, longest=30):
        lowered = fold_lower(text)
        assert list(matcher.finditer(lowered)) == _plain(matcher, lowered, 0, len(lowered)), text
        for _ in range(3):
            start = rng.randint(0, len(lowered))
            end = rng.randint(start, len(lowered))
            assert list(matcher.finditer(lowered, start, end)) == _plain(matcher, lowered, start, end), (text, start)


def test_word_lists_with_the_same_words_share_one_expression():
    assert WordMatcher(["收购", "buy"])._compiled is WordMatcher(["收购", "buy"])._compiled


def test_a_word_without_a_literal_start_falls_back_to_the_regex():
    matcher = WordMatcher(["*coin"])
    assert matcher._compiled.scan_id is None
    lowered = "a memecoin and bitcoin rally " * 4
    assert list(matcher.finditer(lowered)) == _plain(matcher, lowered, 0, len(lowered))


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        ("未(?![来知])", ["未"]),
        ("(?<![并])不(?!仅)", ["不"]),
        ("联合(?!创始)", ["联合"]),
        ("[ab]c", ["a", "b"]),  # a set of literals: one start each
        ("(?:是|成为)[^，]{0,10}受益者", ["是", "成为"]),  # a leading group of alternatives
        ("(?:is|a?b)x", None),  # an alternative with no literal start
        ("[a-c]x", None),  # a range
        ("x?", None),  # may match nothing
        ("(?i)abc", None),  # case-insensitive: the literal is not the text
    ],
)
def test_raw_prefixes_are_the_literal_starts_of_a_pattern(pattern, prefixes):
    assert raw_prefixes(pattern) == prefixes


# ------------------------------------------------------------------------------------------
# tokenizer


def _reference_tokens(text: str, vocab) -> list[tuple[str, bool, str]]:
    """The tokenizer's definition, one character decision at a time: (text, space, norm).

    A token's norm is its folded, lower-cased text where that differs from spaCy's default
    norm rule (lower case); elsewhere spaCy's own norm (which maps 。 to .) stands."""
    folded = "".join(c if c < "\x80" else _fold_char(c) for c in text)
    out: list[list] = []
    pos = 0

    def gap(piece: str) -> None:
        if out and piece == " ":
            out[-1][1] = True
            return
        if out and piece.startswith(" "):
            out[-1][1] = True
            piece = piece[1:]
        out.append([piece, False, piece])

    for match in re.finditer(r"[A-Za-z0-9\u00C0-\u024F]+|\S", folded):
        if match.start() > pos:
            gap(text[pos : match.start()])
        norm = "".join(_lower_char(c if c < "\x80" else _fold_char(c)) for c in match.group())
        out.append([text[match.start() : match.end()], False, norm])
        pos = match.end()
    if pos < len(text):
        gap(text[pos:])
    return [
        (word, space, norm if norm != word.lower() or (norm != word and not norm.isascii()) else vocab[word].norm_)
        for word, space, norm in out
    ]


TOKEN_TEXTS = [
    "輝達與ＯｐｅｎＡＩ簽署協議，Émile Zoltán 說：「好」",
    "  Leading spaces\tand\ttabs\n\nthen\u3000ideographic\u00a0nbsp  double",
    "Mossbank 完成 B 轮融资（领投方：蓝鲸资本）。ΣΑΣ İstanbul ǅ",
    "ＡＢＣ１２３ full-width, café-au-lait, naïve Ærø",
    "",
    " ",
    "\n",
]


@pytest.fixture(scope="module")
def tokenizer():
    return MixedTokenizer(spacy.blank("zh").vocab)


@pytest.mark.parametrize("text", TOKEN_TEXTS + _texts(seed=3, count=40, longest=25))
def test_tokenizer_cuts_and_folds_as_the_reference(tokenizer, text):
    doc = tokenizer(text)
    assert doc.text == text
    assert [(t.text, bool(t.whitespace_), t.norm_) for t in doc] == _reference_tokens(text, tokenizer.vocab)


def test_tokenizer_agrees_on_random_unicode(tokenizer):
    rng = random.Random(11)
    alphabet = [chr(c) for c in [*range(0x20, 0x250), *range(0x3000, 0x3040), *range(0xFF00, 0xFF60)]]
    alphabet += list("輝達與說體亞洲\n\t  ")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        doc = tokenizer(text)
        assert [(t.text, bool(t.whitespace_), t.norm_) for t in doc] == _reference_tokens(text, tokenizer.vocab), text


# ------------------------------------------------------------------------------------------
# folding and the span index


def test_fold_maps_every_character_as_its_definition():
    chars = [
        chr(c) for c in [*range(0x20, 0x600), *range(0x2000, 0x2100), *range(0x3000, 0x3100), *range(0xFF00, 0xFFF0)]
    ]
    chars += list("輝達與說體亞洲萬億")
    text = "".join(chars)
    assert fold(text) == "".join(c if c < "\x80" else _fold_char(c) for c in text)
    assert fold_lower(text) == "".join(_lower_char(c if c < "\x80" else _fold_char(c)) for c in text)
    assert fold("輝達ＯｐｅｎＡＩ") == "辉达OpenAI"
    assert fold_lower("輝達ＯｐｅｎＡＩ") == "辉达openai"


def test_span_index_returns_every_overlapping_span_in_order():
    rng = random.Random(5)
    starts = sorted(rng.randint(0, 500) for _ in range(120))
    bounds = [(s, s + rng.randint(0, 30)) for s in starts]
    index = SpanIndex(list(range(len(bounds))), bounds)
    for _ in range(500):
        lo = rng.randint(-10, 520)
        hi = rng.randint(lo, 540)
        expected = [i for i, (s, e) in enumerate(bounds) if s < hi and e > lo]
        assert [i for i in index.around(lo, hi) if bounds[i][0] < hi and bounds[i][1] > lo] == expected


def test_span_index_out_of_order_returns_everything():
    index = SpanIndex(["b", "a"], [(10, 12), (0, 2)])
    assert index.around(0, 1) == ["b", "a"]


def _word_lists(model) -> list[tuple[str, list[str]]]:
    """Every word list of a lexicon model, with where it sits."""
    from pydantic import BaseModel

    from newsgraph.loaders.nlp.lexicon import Words

    out = []
    for name, value in model:
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            where = f"{name}[{index}]" if isinstance(value, list) else name
            if isinstance(item, Words):
                out.append((where, item.all()))
            elif isinstance(item, BaseModel):
                out += [(f"{where}.{inner}", words) for inner, words in _word_lists(item)]
    return out


def test_every_regular_expression_of_the_lexicon_opens_with_a_literal_the_shared_scan_can_find():
    # one pattern without a literal start drops its whole list out of the shared scan into a
    # regex pass over every text (the twelfth session's 6-18% slip)
    from newsgraph.loaders.nlp.lexicon import load_lexicon

    lists = _word_lists(load_lexicon(None))
    assert len(lists) > 20
    unscannable = [
        (where, word)
        for where, words in lists
        for word in words
        if word.startswith("re:") and not raw_prefixes(word[3:])
    ]
    assert unscannable == []


def test_a_word_list_registers_only_the_shortest_of_nested_prefixes():
    from newsgraph.loaders.nlp.wordscan import _Scanner

    scanner = _Scanner()
    ident = scanner.register(["投资者", "投资", "投", "融资", "融资方", "ab", "abc", "b"])
    kept = sorted(p for p, ids in scanner._prefixes.items() if ident in ids)
    assert kept == ["ab", "b", "投", "融资"]


def test_a_pipeline_given_a_catalog_never_reads_the_packaged_one(monkeypatch):
    from newsgraph.graph.catalog import default_catalog
    from newsgraph.loaders.extract import new_pipeline, process_text
    from newsgraph.loaders.nlp import ruler

    catalog = default_catalog()

    def refuse():
        raise AssertionError("the packaged catalog was read")

    monkeypatch.setattr(ruler, "default_catalog", refuse)
    nlp = new_pipeline("zh", catalog)
    doc = process_text(nlp, "Anthropic 发布 Claude Opus 4.5。")
    assert "company:anthropic" in {span._.newsgraph_key for span in doc.ents}
