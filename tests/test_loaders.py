"""Readers: every format, every kind of bad input, every encoding (fixtures in fixtures/loaders)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from newsgraph.errors import InputError, UnknownNameError
from newsgraph.graph.model import Item
from newsgraph.loaders import sources
from newsgraph.loaders.digest import read_digest
from newsgraph.loaders.records import Reject
from newsgraph.loaders.sources import ALIASES, FORMATS, decode, detect_format, expand_paths, read_source

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "loaders"
SEED = ROOT / "seeds" / "digest-2026-01-09.zh.txt"


def read(path: Path, **kwargs) -> tuple[list[Item], list[Reject]]:
    out = list(read_source(path, **kwargs))
    assert all(isinstance(o, Item | Reject) for o in out)
    return [o for o in out if isinstance(o, Item)], [o for o in out if isinstance(o, Reject)]


# --- the seed digest -----------------------------------------------------------------------


def test_seed_digest_items():
    items, rejects = read(SEED)
    assert not rejects
    assert [i.kind for i in items] == ["intro", "headline", "news", "news", "news", "news", "view", "watch"]
    news = [i for i in items if i.kind == "news"]
    assert news[1].title.startswith("Claude Opus 4.5")
    assert news[1].date == dt.date(2026, 1, 8)  # its own 日期 line
    assert news[0].date == dt.date(2026, 1, 9)  # the file name's date
    assert set(news[0].sections) == {"what", "why", "impact", "source"}
    assert all(i.lang == "zh" for i in items)


def test_seed_digest_ids_are_stable():
    first = [i.id for i in read(SEED)[0]]
    assert first == [i.id for i in read(SEED)[0]]
    assert len(set(first)) == len(first)
    assert first[0] == "item:1964400baf0212d886e4"  # the id formula must not move


def test_digest_traditional_and_english_labels():
    seed = SEED.read_text(encoding="utf-8")
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert(seed)
    items = [o for o in read_digest("digest-2026-01-09.zh-hant.txt", traditional) if isinstance(o, Item)]
    assert [i.kind for i in items] == [i.kind for i in read(SEED)[0]]
    english = """Intro paragraph about compute.
## Three things today
- Google and OpenAI join the Genesis Mission.
## Quick notes
Google and OpenAI join forces
**What happened**: Both joined the DOE's Genesis Mission.
- Why it matters: Energy is the bottleneck.
Possible impact: Nuclear and compute names re-rate.
Source: [DeepMind blog](https://deepmind.google/genesis)
Date: 2026-01-08
## My take
Centralisation is accelerating.
## What I'm watching tomorrow
- Render and Akash.
"""
    items = [o for o in read_digest("digest.en.md", english, default_date=dt.date(2026, 1, 9)) if isinstance(o, Item)]
    assert [i.kind for i in items] == ["intro", "headline", "news", "view", "watch"]
    block = items[2]
    assert block.sections["what"] == "Both joined the DOE's Genesis Mission."
    assert block.url == "https://deepmind.google/genesis"
    assert block.date == dt.date(2026, 1, 8)
    assert items[0].date == dt.date(2026, 1, 9)


def test_digest_block_without_fields_is_rejected():
    text = "今日三件事\n- 一\n逐条速记\n孤零零的标题\n另一个标题\n发生了什么: 有事\n"
    out = list(read_digest("digest-2026-01-09.txt", text))
    assert [type(o).__name__ for o in out] == ["Item", "Item"]
    text = "今日三件事\n- 一\n逐条速记\n第一个标题\n发生了什么: 有事\n孤零零的标题\n我自己的判断\n看法\n"
    out = list(read_digest("digest-2026-01-09.txt", text))
    rejects = [o for o in out if isinstance(o, Reject)]
    assert [(r.location, r.raw) for r in rejects] == [("line 6", "孤零零的标题")]
    assert [o.kind for o in out if isinstance(o, Item)] == ["headline", "news", "view"]


# --- markdown -------------------------------------------------------------------------------


def test_markdown_numbered_items_front_matter_and_markup():
    items, rejects = read(FIXTURES / "daily-2026-01-09.md")
    assert not rejects
    # the AI内容摘要 block repeats the items: boilerplate, not an item
    assert [i.kind for i in items] == ["news", "news", "news", "view"]
    genesis, opus, qwen, analysis = items
    assert (
        genesis.title
        == "谷歌 DeepMind 与 OpenAI 共同加入美国能源部的创世纪任务，这标志着 AI 算力基础设施已上升为国家级战略"
    )
    assert genesis.text.startswith("谷歌 DeepMind 与 OpenAI 共同加入美国能源部的创世纪任务")
    assert "<br" not in genesis.text and "avif" not in genesis.text and "**" not in genesis.text
    assert genesis.url == "https://energy.gov/genesis" and genesis.urls == ["https://energy.gov/genesis"]
    assert "video" not in opus.text and opus.urls == []
    assert qwen.url == "https://qwenlm.github.io/blog/qwen3-vl-embedding/"
    assert genesis.sections["heading"] == "Today's AI News"
    assert genesis.location == "line 21"
    # file name (2026-01-09) before front matter (2026-01-08)
    assert {i.date for i in items} == {dt.date(2026, 1, 9)}
    assert analysis.title == "AI每日分析"


def test_markdown_heading_items_and_link_lines():
    items, rejects = read(FIXTURES / "top10-2026-01-09.md")
    assert not rejects
    titles = [i.title for i in items]
    assert titles == [
        "华尔街日报长文揭秘：Google 如何从落后到反超 OpenAI",
        "阿里 Qwen 发布多模态嵌入和重排序模型",
        "OpenAI 发布 ChatGPT Health",
        "抖音在深圳南山设立第二总部",
    ]  # the summary, navigation and the index table are not items
    wsj = items[0]
    assert wsj.url == "https://x.com/dotey/status/1" and "twimg" not in " ".join(wsj.urls)
    assert items[1].sections["analysis"] == "多模态 RAG 终于有了靠谱的开源方案。"  # **点评：** a labelled field
    assert items[1].text.endswith("多模态 RAG 终于有了靠谱的开源方案。")
    assert items[2].sections["category"] == "产品" and items[2].text == "健康数据管理平台，支持连接电子病历"


def test_markdown_topics_with_summary_and_sources():
    items, rejects = read(FIXTURES / "2025-10-15_latest_summary.md")
    assert not rejects
    assert [i.title for i in items] == ["比特币价格走势与技术分析", "美联储政策与比特币市场预测"]
    price = items[0]
    assert price.text.startswith("1. 比特币价格重回关键趋势线")
    assert "Cointelegraph" not in price.text  # the source list is not text
    assert price.urls == [
        "https://cn.cointelegraph.com/news/bitcoin-price",
        "https://cryptonews.com/cn/news/strategy-adds-220-btc/",
        "https://cn.cointelegraph.com/news/metaplanet",  # from the later section with the same heading
    ]
    assert price.sections["sources"].splitlines()[1] == "Strategy上周增持220枚BTC - Crypto News"
    assert price.sections["heading"] == "各国政策与监管变化"
    assert items[1].text == "1. 美联储即将停止量化紧缩，市场认为这是比特币反弹动力之一。"
    assert price.date == dt.date(2025, 10, 15)


def test_markdown_bullets_trailers_and_metadata():
    items, rejects = read(FIXTURES / "2026-06-12.md")
    assert not rejects
    xunfei, kimi, decoder, headroom = items  # the 今日总览 overview is a summary of the day: left out
    assert xunfei.title == "讯飞医疗正式发布星火医疗大模型V3.5"
    assert xunfei.date == dt.date(2026, 6, 11)  # its own date after the title
    assert kimi.date == dt.date(2026, 6, 12)  # the file's date
    assert xunfei.sections["source"] == "aibase" and xunfei.url == "https://www.aibase.com/zh/news/28893"
    assert xunfei.text == "讯飞医疗发布了基于全国产算力底座训练的星火医疗大模型V3.5。"
    assert decoder.url == "https://the-decoder.com/openai-hugging-face/" and decoder.lang == "en"
    assert headroom.sections["category"] == "开发者工具" and headroom.sections["score"] == "7.5"
    assert headroom.date == dt.date(2026, 6, 13)
    assert "评分" not in headroom.text and "来源" not in headroom.text


def test_markdown_stub_from_front_matter():
    items, rejects = read(FIXTURES / "26-01-08-not-much.md")
    assert not rejects and len(items) == 1
    stub = items[0]
    assert stub.title == "not much happened today"
    assert stub.text.startswith("Alibaba Qwen releases Qwen3-VL-Embedding")
    assert stub.sections["companies"] == "alibaba, z-ai"
    assert stub.date == dt.date(2026, 1, 8)


def test_markdown_bad_front_matter_is_a_reject_and_the_body_is_read():
    items, rejects = read(FIXTURES / "bad-front-matter.md")
    assert len(rejects) == 1 and rejects[0].location == "line 1"
    assert "YAML" in rejects[0].reason and "[unclosed" in rejects[0].raw
    assert [i.text for i in items] == ["Render joins the DePIN compute alliance with Akash."]


def test_markdown_edge_cases(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Only a heading\n", encoding="utf-8")
    assert read(path) == ([], read(path)[1]) and read(path)[1][0].reason.startswith("no news items")
    path.write_text("---\ntitle: Essay\ndate: 2026-01-03\n---\nGoogle and OpenAI met.\n\nThey agreed.\n")
    items, _ = read(path)
    assert len(items) == 1 and items[0].title == "Essay" and items[0].date == dt.date(2026, 1, 3)
    path.write_text("### News\n```\nunclosed fence\n1. **Render** joins DePIN.\n2. **Akash** grows.\n")
    assert [i.text for i in read(path)[0]] == ["Render joins DePIN.", "Akash grows."]
    path.write_text("### News\n1. See [Akash][a] now.\n\n[a]: https://akash.network\n")
    assert read(path)[0][0].urls == ["https://akash.network"]


# --- jsonl ----------------------------------------------------------------------------------


def test_jsonl_records_and_rejects():
    items, rejects = read(FIXTURES / "records.jsonl")
    assert [i.location for i in items] == ["line 1", "line 2", "line 5", "line 7"]
    render, google, opus, headline_only = items
    assert headline_only.title == headline_only.text == "no text at all"  # a title alone is the text
    assert render.date == dt.date(2026, 1, 9) and render.sections == {"source": "Example Wire", "record_id": "1"}
    assert google.text.startswith("谷歌") and google.lang == "zh" and google.date == dt.date(2026, 1, 8)
    assert google.url == "https://deepmind.google/a" and len(google.urls) == 2
    assert opus.text == "Anthropic releases Claude Opus 4.5" and opus.sections == {"category": "release"}
    reasons = {r.location: r.reason for r in rejects}
    assert set(reasons) == {f"line {n}" for n in (6, 8, 9, 10, 11)}
    assert reasons["line 6"].startswith("not valid JSON")
    assert "date" in reasons["line 8"]
    assert "urls" in reasons["line 9"]
    assert "lang" in reasons["line 10"]
    assert "object" in reasons["line 11"]
    assert all(r.raw for r in rejects)


def test_jsonl_default_date_and_name_date(tmp_path):
    path = tmp_path / "export-2026-01-05.jsonl"
    path.write_text('{"text": "Render"}\n{"text": "Akash", "date": "2026-01-01"}\n')
    assert [i.date for i in read(path)[0]] == [dt.date(2026, 1, 5), dt.date(2026, 1, 1)]
    assert [i.date for i in read(path, default_date=dt.date(2026, 2, 2))[0]] == [
        dt.date(2026, 2, 2),
        dt.date(2026, 1, 1),
    ]


def test_json_array_and_concatenated_objects(tmp_path):
    path = tmp_path / "array.json"
    path.write_text(json.dumps([{"text": "a"}, {"text": "b", "title": "B"}, {"id": 3, "tokens": ["x"]}], indent=2))
    items, rejects = read(path)
    assert [i.text for i in items] == ["a", "b"] and len(rejects) == 1
    path = tmp_path / "objects.json"
    path.write_text('{\n  "text": "one"\n}\n{\n  "text": oops\n}\n{\n  "text": "three"\n}\n')
    items, rejects = read(path)
    assert [(i.text, i.location) for i in items] == [("one", "line 1"), ("three", "line 7")]
    assert rejects[0].location == "line 4"


def test_large_jsonl_and_csv_stream(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "STREAM_THRESHOLD", 100)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(2000):
            handle.write(json.dumps({"text": f"消息 {n}", "date": "2026-01-09"}, ensure_ascii=False) + "\n")
        handle.write("{broken\n")
    out = read_source(path)
    first = next(out)
    assert isinstance(first, Item) and first.text == "消息 0"
    rest = list(out)
    assert len(rest) == 2000 and isinstance(rest[-1], Reject) and rest[-1].location == "line 2001"
    path = tmp_path / "big.csv"
    path.write_bytes(("date,title\n" + "".join(f"2026-01-09,标题 {n}\n" for n in range(500))).encode("gb18030"))
    items, rejects = read(path)
    assert len(items) == 500 and not rejects and items[-1].title == "标题 499"


# --- feeds ----------------------------------------------------------------------------------


def test_rss_entries():
    items, rejects = read(FIXTURES / "lab-news.xml")
    doe, opus = items
    assert doe.title == "Working with the US Department of Energy" and doe.location == "entry 1"
    assert doe.text.startswith("Genesis Mission\nWe are partnering with the Department of Energy & national labs.")
    assert "track()" not in doe.text and "video" not in doe.text
    assert doe.urls == ["https://lab.example.org/news/doe", "https://energy.gov/genesis"]
    assert doe.date == dt.date(2026, 1, 5)  # in its own time zone (UTC would be Jan 6)
    assert doe.sections == {"feed": "Lab News", "category": "Policy"}
    assert opus.text == "The best model for coding, agents and computer use."
    assert opus.date == dt.date(2026, 1, 10)  # no own date: the channel's
    assert [(r.location, "date" in r.reason) for r in rejects] == [("entry 3", True), ("entry 4", False)]


def test_atom_entry():
    items, rejects = read(FIXTURES / "lab-atom.atom")
    assert not rejects
    assert items[0].url == "https://qwen.example.org/embedding"
    assert items[0].text == "Alibaba releases a multimodal embedding model."
    assert items[0].date == dt.date(2026, 1, 8) and items[0].sections["author"] == "Qwen Team"


def test_feed_never_fetches_and_bad_feeds_are_rejects(tmp_path, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the feed reader must not fetch anything")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    path = tmp_path / "truncated.xml"
    text = (FIXTURES / "lab-news.xml").read_text(encoding="utf-8")
    path.write_text(text[: text.index("<item>", text.index("<item>") + 1) + 40], encoding="utf-8")
    items, rejects = read(path)
    assert len(items) >= 1 and any("malformed" in r.reason for r in rejects)
    path.write_text("<?xml version='1.0'?><catalog><book>not a feed</book></catalog>")
    items, rejects = read(path)
    assert not items and "not an RSS or Atom feed" in rejects[0].reason
    path.write_text("http://example.org/feed.xml")
    items, rejects = read(path)
    assert not items and len(rejects) == 1


def test_feed_declared_encoding_is_ignored_after_decoding(tmp_path):
    path = tmp_path / "gbk.xml"
    xml = (
        '<?xml version="1.0" encoding="GB2312"?><rss version="2.0"><channel><title>新闻</title>'
        "<item><title>谷歌与 OpenAI 联手参与创世纪任务</title><description>能源部的创世纪任务</description>"
        "<pubDate>Fri, 09 Jan 2026 08:00:00 +0800</pubDate></item></channel></rss>"
    )
    path.write_bytes(xml.encode("gb18030"))
    items, _ = read(path)
    assert items[0].title == "谷歌与 OpenAI 联手参与创世纪任务" and items[0].lang == "zh"


# --- csv ------------------------------------------------------------------------------------


def test_headerless_csv_with_columns_and_surplus_commas():
    for columns in (("date", "url", "title"), "date,url,title", None):
        items, rejects = read(FIXTURES / "news.csv", columns=columns)
        assert [i.title for i in items] == [
            "Bitcoin Pizza Day",
            "Wikileaks Accepts Bitcoin Donations",
            "Coinbase Files S-1, Going Public",
            "Dorsey, Saylor, Fidelity and others defend bitcoin mining",
        ]
        assert items[0].date == dt.date(2010, 5, 22) and items[0].url == "https://happybitcoinpizzaday.com/"
        assert [(r.location, r.raw) for r in rejects] == [
            ("line 6", ",https://example.org/no-title,"),
            ("line 7", "not-a-date,https://example.org/x,Some title"),
        ]


def test_csv_chinese_header_quotes_and_tsv():
    items, rejects = read(FIXTURES / "zh-header.csv")
    assert [i.title for i in items] == ["谷歌与 OpenAI 联手", "Anthropic 发布 Claude Opus 4.5, 编码更强"]
    assert items[0].sections == {"source": "新华社"} and items[1].text == "多行\n正文"
    assert [r.location for r in rejects] == ["line 6"]
    items, rejects = read(FIXTURES / "headlines.tsv")
    assert items[0].title == "Render joins DePIN alliance" and items[0].url == "https://example.org/render"


def test_csv_without_recognisable_columns_is_one_reject(tmp_path):
    path = tmp_path / "mystery.csv"
    path.write_text("a,b\nc,d\n")
    items, rejects = read(path)
    assert not items and "--columns" in rejects[0].reason


# --- encodings and whole-file errors --------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_of_a_digest(tmp_path, encoding):
    text = SEED.read_text(encoding="utf-8")
    if encoding == "big5":
        from opencc import OpenCC

        text = OpenCC("s2t").convert(text)
    path = tmp_path / f"digest-2026-01-09.{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="strict" if encoding != "big5" else "replace"))
    items, rejects = read(path)
    assert not rejects
    assert [i.kind for i in items] == ["intro", "headline", "news", "news", "news", "news", "view", "watch"]
    assert items[2].text.splitlines()[0][:4] in ("发生了什", "發生了什")


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16-le"])
def test_encodings_of_short_texts(tmp_path, encoding):
    text = "日期:2026年01月09日\n明天我會繼續盯 Render"
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    assert decode(path, path.read_bytes()) == text


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_encodings_of_markdown_and_csv(tmp_path, encoding):
    md = (FIXTURES / "daily-2026-01-09.md").read_text(encoding="utf-8")
    (tmp_path / "daily-2026-01-09.md").write_bytes(md.encode(encoding))
    assert len(read(tmp_path / "daily-2026-01-09.md")[0]) == 4
    csv_text = (FIXTURES / "zh-header.csv").read_text(encoding="utf-8")
    (tmp_path / "zh.csv").write_bytes(csv_text.encode(encoding))
    assert read(tmp_path / "zh.csv")[0][0].title == "谷歌与 OpenAI 联手"


def test_missing_empty_binary_and_directory_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_source(tmp_path / "missing.md"))
    (tmp_path / "empty.md").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(read_source(tmp_path / "empty.md"))
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    with pytest.raises(InputError, match="empty"):
        list(read_source(tmp_path / "blank.txt"))
    (tmp_path / "bom-only.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="empty"):
        list(read_source(tmp_path / "bom-only.txt"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary"):
        list(read_source(tmp_path / "image.png"))
    rng = random.Random(4)
    (tmp_path / "noise.bin").write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    with pytest.raises(InputError):
        list(read_source(tmp_path / "noise.bin"))
    with pytest.raises(InputError, match="directory"):
        list(read_source(tmp_path))


# --- detection and options ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.md", "# x\n1. **y** z", "markdown"),
        ("a.markdown", "plain", "markdown"),
        ("a.jsonl", "not even json", "jsonl"),
        ("a.ndjson", "{}", "jsonl"),
        ("a.json", "[]", "jsonl"),
        ("a.xml", "<x/>", "feed"),
        ("a.rss", "", "feed"),
        ("a.atom", "", "feed"),
        ("a.csv", "今日三件事\n逐条速记", "csv"),
        ("a.tsv", "a\tb", "csv"),
        ("a.txt", "hello", "text"),
        ("a.txt", "今日三件事\n- x\n逐条速记\n标题\n发生了什么: y", "digest"),
        ("a.md", "## 今日三件事\n- x\n## 明天我會繼續盯\n- y", "digest"),
        ("feed", "\ufeff<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("data", '{"text": "x"}', "jsonl"),
        ("notes", "---\ntitle: x\n---\nbody", "markdown"),
        ("notes", "## a\n\n## b\n", "markdown"),
        ("notes", "just words", "text"),
        ("a.md", "Source: Reuters\nDate: 2026-01-09\n", "markdown"),
    ],
)
def test_detect_format(name, text, expected):
    assert detect_format(Path(name), text) == expected


def test_format_override_aliases_and_unknown(tmp_path):
    path = tmp_path / "feed.txt"
    path.write_text((FIXTURES / "lab-atom.atom").read_text(encoding="utf-8"))
    assert read(path)[0][0].title == "Qwen3-VL-Embedding released"  # sniffed despite .txt
    assert read(path, fmt="atom")[0][0].title == "Qwen3-VL-Embedding released"
    assert len(read(path, fmt="text")[0]) == 1
    with pytest.raises(UnknownNameError, match="known: csv, digest, feed, jsonl, markdown, text"):
        list(read_source(path, fmt="docx"))
    assert set(ALIASES.values()) <= set(FORMATS)


def test_expand_paths_skips_hidden(tmp_path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.md").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.csv").write_text("x")
    (tmp_path / "LICENSE").write_text("MIT")
    (tmp_path / "sub" / "MANIFEST.txt").write_text("abc  path")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.md", "c.csv"]
    assert [p.name for p in expand_paths([tmp_path / "LICENSE"])] == ["LICENSE"]


# --- never a traceback ----------------------------------------------------------------------


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir()))
def test_mangled_inputs_yield_items_or_rejects(tmp_path, fixture):
    """Cut, shuffled and corrupted copies of every fixture: items and rejects, no exception."""
    data = (FIXTURES / fixture).read_bytes()
    rng = random.Random(fixture)
    for trial in range(12):
        mangled = bytearray(data)
        if trial % 3 == 0:
            mangled = mangled[: rng.randrange(1, len(mangled))]
        elif trial % 3 == 1:
            lines = bytes(mangled).split(b"\n")
            rng.shuffle(lines)
            mangled = bytearray(b"\n".join(lines))
        else:
            for _ in range(8):
                mangled[rng.randrange(len(mangled))] = rng.choice(b'{}[]<>*#-:"\n,|`')
        path = tmp_path / fixture
        path.write_bytes(bytes(mangled))
        try:
            out = list(read_source(path))
        except InputError:
            continue
        assert all(isinstance(o, Item | Reject) for o in out)


# --- reliability: each defect of issue 16 that a reader owns ------------------------------------


def test_jsonl_value_nested_too_deep_is_a_reject_and_the_next_line_is_read(tmp_path):
    path = tmp_path / "deep.jsonl"
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    path.write_text(f'{{"title": "before", "text": "one"}}\n{deep}\n{{"title": "after", "text": "two"}}\n')
    items, rejects = read(path)
    assert [i.title for i in items] == ["before", "after"]
    assert len(rejects) == 1 and rejects[0].location == "line 2" and "nested too deeply" in rejects[0].reason


def test_json_lone_surrogate_is_replaced_with_a_note(tmp_path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"title": "bad \\ud800 title", "text": "text \\udfff here"}\n{"text": "fine"}\n')
    items, rejects = read(path)
    assert not rejects and len(items) == 2
    assert items[0].title == "bad \ufffd title" and "lone surrogate" in items[0].sections["note"]
    items[0].model_dump_json()  # encodes: nothing left that UTF-8 cannot write


def test_an_item_longer_than_the_limit_is_split_with_a_note_and_the_next_line_is_kept(tmp_path):
    from newsgraph.loaders.itemtext import MAX_ITEM_CHARS

    path = tmp_path / "long.jsonl"
    body = ("Orchid Bank opened a branch. " * 40 + "\n") * (3 * MAX_ITEM_CHARS // 1160)
    path.write_text(json.dumps({"title": "long", "text": body}) + '\n{"title": "next", "text": "kept"}\n')
    items, rejects = read(path)
    assert not rejects
    parts = [i for i in items if i.title == "long"]
    assert len(parts) >= 3 and all(len(p.text) <= MAX_ITEM_CHARS for p in parts)
    assert "".join("".join(p.text.split()) for p in parts) == "".join(body.split())  # nothing lost
    assert parts[0].location == f"line 1 (part 1 of {len(parts)})" and "split into" in parts[0].sections["note"]
    assert items[-1].title == "next"


def test_csv_field_of_a_million_characters_reads(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text('title,text\n"big","' + "x" * 1_000_000 + '"\nsmall,row\n')
    items, rejects = read(path)
    assert not rejects and items[-1].title == "small"
    assert sum(len(i.text) for i in items if i.title == "big") == 1_000_000


def test_csv_unbalanced_quote_rejects_that_row_only(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(
        "date,url,title\n"
        '2026-01-01,https://a.example/1,"Broken title\n'
        "2026-01-02,https://a.example/2,Second\n"
        "2026-01-03,https://a.example/3,Third\n"
        '2026-01-04,https://a.example/4,"A title, with a comma"\n'
    )
    items, rejects = read(path)
    assert [i.title for i in items] == ["Second", "Third", "A title, with a comma"]
    assert len(rejects) == 1 and rejects[0].location == "line 2" and "never closes" in rejects[0].reason


def test_csv_quoted_field_over_several_lines_is_still_one_row(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text('title,text\nAlder,"line one\nline two"\nBirch,plain\n')
    items, rejects = read(path)
    assert not rejects and [i.text for i in items] == ["line one\nline two", "plain"]


def test_one_invalid_utf8_byte_is_replaced_per_line_with_a_note(tmp_path):
    path = tmp_path / "2026-01-09.md"
    good = "### 新闻\n\n1. 谷歌发布新模型，性能提升明显。\n2. 阿里巴巴开源通义千问新版本。\n".encode()
    path.write_bytes(good.replace("开源".encode(), b"\xff" + "开源".encode()))
    items, rejects = read(path)
    assert not rejects and len(items) == 2
    assert "\ufffd" in items[1].text and "line 4" in items[1].sections["note"]
    assert "note" not in items[0].sections


def test_an_unreadable_file_named_on_the_command_line_is_a_reject_and_the_run_goes_on(tmp_path, monkeypatch):
    from newsgraph.loaders.ingest import IngestSummary, _records

    bad, good = tmp_path / "locked.md", tmp_path / "2026-01-09.md"
    bad.write_text("### x\n1. **A** one.\n")
    good.write_text("### News\n1. **Alder** ships a new chip to data centres.\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    summary = IngestSummary()
    out = list(_records([bad, good], None, None, summary, {}))
    assert isinstance(out[0], Reject) and "Permission denied" in out[0].reason
    assert [o.title for o in out if isinstance(o, Item)] == ["Alder ships a new chip to data centres"]
    assert summary.files_failed == 1 and summary.layouts[str(good)] == "markdown: numbered list entries (1)"


def test_an_unreadable_sub_folder_is_a_reject_not_skipped(tmp_path, monkeypatch):
    import os

    from newsgraph.loaders.sources import walk_paths

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.md").write_text("x")
    (tmp_path / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        for folder, dirs, files in real_walk(top, onerror=onerror, **kwargs):
            if Path(folder).name == "locked":
                onerror(PermissionError(13, "Permission denied", folder))
                dirs[:] = []
                continue
            yield folder, dirs, files

    monkeypatch.setattr(os, "walk", walk)
    found = list(walk_paths([tmp_path]))
    errors = [f for f in found if isinstance(f, InputError)]
    assert [p.name for p in found if isinstance(p, Path)] == ["a.md"]
    assert len(errors) == 1 and errors[0].source.endswith("locked") and "Permission denied" in errors[0].reason


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Hold up! Three chip titans just founded Majestic Labs.", "Three chip titans just founded Majestic Labs"),
        ("重磅！谷歌发布Gemini 3。", "谷歌发布Gemini 3"),
        ("OpenAI raised $40B! More details inside.", "OpenAI raised $40B"),
        ("谷歌发布Gemini 3！新模型上线。", "谷歌发布Gemini 3"),
    ],
)
def test_a_headline_skips_a_hook_that_opens_the_story(text, headline):
    from newsgraph.loaders.itemtext import headline_of

    assert headline_of(text) == headline
