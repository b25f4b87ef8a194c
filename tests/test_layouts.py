"""Layouts: each repeating unit a digest can use, with the exact items a reader would expect.

Fixtures in fixtures/layouts are made-up text in both languages. Each test names a layout and
checks the items one by one (title, date, URL, text), and that boilerplate is left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsgraph.graph.model import Item
from newsgraph.loaders.itemtext import headline_of
from newsgraph.loaders.markdown.boilerplate import heading_reason
from newsgraph.loaders.markdown.fields import field_of
from newsgraph.loaders.preview import preview_file
from newsgraph.loaders.records import Reject
from newsgraph.loaders.sources import read_source

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def read(name: str, **options: object) -> list[Item]:
    out = list(read_source(LAYOUTS / name, **options))
    assert not [o for o in out if isinstance(o, Reject)], [str(o) for o in out if isinstance(o, Reject)]
    return [o for o in out if isinstance(o, Item)]


def summary(items: list[Item]) -> list[tuple[str, dt.date | None, str | None]]:
    return [(i.title, i.date, i.url) for i in items]


def test_headed_items_with_bullet_fields_in_two_languages():
    items = read("heading-fields-zh-en.md")
    assert summary(items) == [
        ("Lumen Labs releases Prism-7 open weights", dt.date(2026, 1, 29), "https://lumen.example/prism-7"),
        ("Harbor Chip ships its second inference accelerator", dt.date(2026, 1, 28), "https://harbor.example/h2"),
        ("Quill raises $40M for agent tooling", dt.date(2026, 1, 29), "https://quill.example/series-b"),
    ]
    first = items[0]
    assert first.sections["title_alt"] == "流明实验室发布 Prism-7 开源权重"
    assert first.sections["tags"] == "开源, 模型" and first.sections["score"] == "88"
    assert first.text == "流明实验室公开了 Prism-7 的全部权重，支持 128K 上下文，许可证允许商用。"
    # identical short field lines of different news stay in their own item, never items of their own
    assert not any(i.title in ("中文", "时间", "摘要", "标签", "标签统计", "来源统计") for i in items)
    assert not any("小宇宙" in i.text or "抖音" in i.text for i in items)


def test_report_of_headed_items_with_bold_field_lines():
    items = read("report-bold-fields.md")
    assert [i.title for i in items] == [
        "Veritas Bank pilots tokenised deposits on a public chain",
        "Northwind Robotics opens a humanoid factory in Ohio",
        "Osprey AI cuts API prices by half",
    ]
    veritas = items[0]
    assert veritas.url == "https://ledgertimes.example/veritas-tokenised"
    assert veritas.sections["category"] == "Finance" and veritas.sections["source"] == "Ledger Times"
    assert veritas.sections["score"] == "🔥🔥🔥" and veritas.sections["people"] == "Veritas Bank, Ledger Foundation"
    assert veritas.text.startswith("Veritas Bank moved 50 million dollars")
    assert veritas.sections["analysis"] == "Watch whether regulators treat the tokens as deposits or as securities."
    assert all(len(i.text) < 400 for i in items)  # one item per story, not one item for the report
    assert not any("Hold up" in i.text or "How are items ranked" in i.text for i in items)


def test_long_form_report_keeps_bullet_fragments_inside_their_story():
    items = read("longform-weekly.md")
    assert [i.title for i in items] == ["Custody banks warm to staking", "GPU rental prices slide for a third month"]
    assert "Institutional investor access" in items[0].text
    assert "Analysts expect other custodians to follow" in items[0].text
    assert not any(i.title == "Institutional investor access" for i in items)


def test_numbered_list_entries_get_their_first_sentence_as_title():
    items = read("numbered-list-zh.md", default_date=dt.date(2026, 3, 1))
    assert summary(items) == [
        ("星河智能发布新一代语音助手，支持方言识别", dt.date(2026, 3, 1), "https://xinghe.example/voice"),
        ("蓝湾资本领投云帆机器人 B 轮融资 3 亿元，资金将用于扩建产线", dt.date(2026, 3, 1), None),
        ("国家数据局公布首批公共数据授权运营试点名单，共有 12 个城市入选", dt.date(2026, 3, 1), None),
    ]


def test_bulleted_link_entries_with_a_dash_and_a_sentence():
    items = read("bullets-en.md")
    assert [(i.title, i.url, i.text) for i in items] == [
        (
            "Cobalt Cloud opens a region in Jakarta",
            "https://cobalt.example/jakarta",
            "Cobalt Cloud will offer GPU instances from April.",
        ),
        (
            "Fennel Pay gets an e-money licence",
            "https://fennel.example/licence",
            "The licence covers all EU member states.",
        ),
        (
            "Tern Labs open-sources its planner model",
            "https://tern.example/planner",
            "Weights and training code are on the hub.",
        ),
    ]


def test_table_rows_whose_columns_name_date_title_summary_link():
    items = read("table-rows.md")
    assert summary(items) == [
        ("北辰半导体量产 5 纳米芯片", dt.date(2026, 3, 2), "https://beichen.example/5nm"),
        ("Harbor Exchange lists tokenised bonds", dt.date(2026, 3, 3), "https://harbor-ex.example/bonds"),
    ]
    assert items[0].text == "北辰半导体宣布其 5 纳米工艺进入量产阶段。" and items[1].lang == "en"


def test_paragraph_pairs_in_two_languages_are_one_item_each():
    items = read("bilingual-2026-02-10.txt")
    assert [i.title for i in items] == [
        "青松科技今天发布开源大模型青松-3，参数规模为 700 亿",
        "远航物流与海角港口签署协议，共建自动化集装箱码头",
    ]
    alt = "Qingsong Tech released its open model Qingsong-3 today, with 70 billion parameters"
    assert items[0].sections["title_alt"] == alt
    assert all(i.date == dt.date(2026, 2, 10) and i.lang == "zh" for i in items)


def test_line_records_in_plain_text():
    items = read("lines-feed.txt")
    assert [(i.title, i.date, i.url, i.text) for i in items] == [
        (
            "Orchid Bank launches a stablecoin pilot",
            dt.date(2026, 2, 7),
            "https://orchid.example/pilot",
            "The pilot settles payments between two branches.",
        ),
        ("银杏科技完成 C 轮融资", dt.date(2026, 2, 7), "https://yinxing.example/c", "本轮由远山资本领投。"),
        (
            "Delta Grid signs a nuclear power deal",
            dt.date(2026, 2, 8),
            "https://deltagrid.example/nuclear",
            "The deal supplies its data centres for ten years.",
        ),
    ]


def test_json_export_with_a_markdown_digest_field_is_split_like_a_file():
    items = read("export-digest.json")
    assert summary(items) == [
        ("Maple AI ships a coding agent", dt.date(2026, 3, 4), "https://maple.example/agent"),  # its own date
        ("Kestrel raises a seed round", dt.date(2026, 3, 5), "https://kestrel.example/seed"),  # the record's
    ]
    assert items[1].sections["title_alt"] == "红隼完成种子轮融资"
    assert items[0].location == "line 1, line 7 of the text"


def test_json_list_read_by_field_meaning():
    items = read("name-date-summary.json")
    assert summary(items) == [
        ("Sable Robotics unveils a warehouse arm", dt.date(2026, 3, 1), "https://sable.example/arm"),
        ("松果电子发布折叠屏手机", dt.date(2026, 3, 2), None),
    ]
    assert items[0].text == "The arm picks mixed parcels at 900 items an hour."
    assert items[1].sections["source"] == "科技日报"


def test_json_columns_override_the_guess(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text('{"headline_en": "Alder ships", "headline_zh": "赤杨发货", "body": "Alder shipped 10 units."}\n')
    assert read_source_items(path)[0].title == "Alder ships"  # title_en-like keys by their words
    items = read_source_items(path, columns="title=headline_zh,text=body")
    assert items[0].title == "赤杨发货" and items[0].text == "Alder shipped 10 units."


def read_source_items(path: Path, **options: object) -> list[Item]:
    return [o for o in read_source(path, **options) if isinstance(o, Item)]


def test_inspect_reports_layout_items_and_what_was_left_out():
    preview = preview_file(LAYOUTS / "heading-fields-zh-en.md")
    assert preview.layout == "heading level 3 sections with labelled fields (3)"
    assert preview.items[0].title == "Lumen Labs releases Prism-7 open weights"
    reasons = {x.what: x.why for x in preview.left_out}
    assert reasons["今日摘要"].startswith("a summary of the day")
    assert reasons["标签统计"] == reasons["来源统计"] == "tag/source table"
    assert reasons["每日AI精选 2026-01-29"] == "intro"


def test_blocks_repeated_across_a_source_folder_are_left_out(tmp_path):
    footer = "> 本日报由星尘编辑部整理 · 每日早八点更新"
    for day in range(1, 5):
        (tmp_path / f"2026-04-0{day}.md").write_text(
            f"{footer}\n\n## 新闻\n\n1. 第 {day} 天：鲸鱼科技发布第 {day} 版数据平台，支持实时分析。\n"
            f"2. 第 {day} 天：松鼠银行上线第 {day} 代移动应用，新增跨境支付。\n",
            encoding="utf-8",
        )
    preview = preview_file(tmp_path / "2026-04-02.md")
    assert len(preview.items) == 2
    assert any(x.why.startswith("repeats in most files") for x in preview.left_out)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- **标签**: 开源, 模型", ("标签", "tags", "开源, 模型")),
        ("**URL**: https://x.example/a", ("URL", "url", "https://x.example/a")),
        ("Summary: the board approved it", ("Summary", "summary", "the board approved it")),
        ("**Key Players**：Alder, Birch", ("Key Players", "people", "Alder, Birch")),
        ("She said: the plan works", None),
    ],
)
def test_labelled_field_lines(line, expected):
    assert field_of(line) == expected


@pytest.mark.parametrize(
    ("heading", "boilerplate"),
    [
        ("今日摘要", True),
        ("**AI内容摘要**", True),
        ("Summary", True),
        ("FAQ", True),
        ("📊 标签统计", True),
        ("Hold up!", True),
        ("Table of Contents", True),
        ("Summary of the Fed decision on rates", False),
        ("产品与功能更新", False),
    ],
)
def test_boilerplate_headings(heading, boilerplate):
    assert (heading_reason(heading) is not None) == boilerplate


def test_headline_of_a_long_sentence_is_cut_at_a_clause():
    text = "Orchid Bank, the third largest lender in the region by deposits and branches, " * 3
    title = headline_of(text)
    assert len(title) <= 100 and title.startswith("Orchid Bank")


def test_bold_lead_stories_without_headings_or_lists():
    items = read("bold-leads.md")
    assert summary(items) == [
        ("Orchid Bank opens a stablecoin pilot", None, "https://orchid.example/pilot"),
        ("Delta Grid signs a nuclear deal", None, "https://deltagrid.example/nuclear"),
        ("松果电子发布折叠屏手机", None, None),
    ]
    assert items[1].text == "The deal supplies its data centres for ten years."
    assert items[2].text == "新机型搭载自研芯片，三月上市。"
    assert not any("Unsubscribe" in i.text for i in items)


def test_date_headings_date_the_items_under_them():
    items = read("date-headings.md")
    assert [i.date for i in items] == [dt.date(2026, 2, 6)] * 2 + [dt.date(2026, 2, 7)] * 2
    assert items[3].title == "Osprey Chain halves validator fees after a governance vote, effective 2026-02-09"


def test_plain_paragraphs_keep_their_urls_and_own_date():
    items = read("paragraphs-2026-02-11.txt")
    assert summary(items) == [
        ("Orchid Bank launches a stablecoin pilot", dt.date(2026, 2, 11), "https://orchid.example/pilot"),
        ("银杏科技完成 C 轮融资", dt.date(2026, 2, 10), "https://yinxing.example/c"),
    ]


def test_a_list_of_bold_name_entries_is_not_taken_for_fields(tmp_path):
    path = tmp_path / "names.md"
    path.write_text(
        "### Company news\n\n"
        "- **Alder Systems**: shipped a new inference chip to three data centres this week.\n"
        "- **Summary**: the quarter closed with record revenue for most chipmakers.\n"
        "- **Birch Health**: opened a clinic run with AI triage in Leeds.\n\n"
        "### Market news\n\n"
        "- **Dune Capital**: raised a second fund of 300 million dollars.\n"
        "- **Elm Robotics**: cut prices of its warehouse arm by a fifth.\n",
        encoding="utf-8",
    )
    items = read_source_items(path)
    assert [i.title for i in items] == ["Alder Systems", "Summary", "Birch Health", "Dune Capital", "Elm Robotics"]


def test_stories_between_horizontal_rules():
    items = read("rules-2026-02-12.md")
    assert summary(items) == [
        ("Orchid Bank launches a stablecoin pilot", dt.date(2026, 2, 12), "https://ledgertimes.example/orchid"),
        ("远航物流与海角港口签署协议", dt.date(2026, 2, 12), None),
        ("Delta Grid signs a nuclear power deal", dt.date(2026, 2, 12), None),
    ]
    assert items[0].text == "The pilot settles payments between two branches."
    assert items[0].sections["source"] == "Ledger Times"


def test_inspect_command_prints_json_and_a_summary():
    import json

    from typer.testing import CliRunner

    from newsgraph.cli.app import app

    result = CliRunner().invoke(app, ["inspect", "--json", str(LAYOUTS / "report-bold-fields.md")])
    assert result.exit_code == 0
    [report] = json.loads(result.output)
    assert report["layout"] == "heading level 3 sections with labelled fields (3)"
    assert report["items"][2]["url"] == "https://osprey.example/pricing"
    assert {x["why"] for x in report["left_out"]} >= {"FAQ block", "intro"}
    result = CliRunner().invoke(app, ["inspect", "--summary", str(LAYOUTS)])
    assert result.exit_code == 0 and "table rows (2)" in result.output
    assert CliRunner().invoke(app, ["inspect", str(LAYOUTS / "missing.md")]).exit_code == 1


def test_own_dates_in_parentheses_and_meta_lines_beat_the_heading_date():
    items = read("dates-and-meta-lines.md")
    assert summary(items) == [
        ("Harbor Chip tapes out a 3nm inference die", dt.date(2026, 3, 9), "https://harbor.example/3nm"),
        ("青松科技开源多模态模型", dt.date(2026, 3, 10), "https://qingsong.example/mm"),
        ("Lumen Labs hires a new CEO", dt.date(2026, 3, 8), "https://lumen.example/ceo"),
        ("远航物流完成 IPO", dt.date(2026, 3, 9), "https://yuanhang.example/ipo"),
    ]
    assert items[0].text == "The first samples reach partners in May."  # [Source](url): the URL, not the word
    assert items[2].text == "The board named Dana Cole, formerly of Osprey AI."
    assert items[2].sections["source"] == "Lumen blog"


def test_bold_numbered_stories_and_closing_source_notes():
    items = read("bold-numbered-zh.md")
    assert [(i.title, i.date, i.sections.get("source")) for i in items] == [
        ("北辰半导体宣布扩产", dt.date(2026, 3, 1), "新华社"),
        ("松果电子发布折叠屏手机", dt.date(2026, 3, 2), "科技日报"),
        ("OpenAI 与能源部签署新的算力合作协议，覆盖三个国家实验室", dt.date(2026, 3, 2), "Reuters"),
        ("Kestrel Exchange 获得新加坡牌照", dt.date(2026, 3, 1), "Bloomberg"),
    ]
    assert items[3].text == "Kestrel Exchange 获得新加坡牌照。"


def test_newsletter_with_dateline_sponsor_and_unsubscribe_footer():
    items = read("newsletter-en.md")
    assert summary(items) == [
        ("Harbor Chip wins a hyperscaler order", dt.date(2026, 3, 4), "https://harbor.example/order"),
        ("Nordic data centres cut power prices", dt.date(2026, 3, 4), "https://nordic.example/power"),
        ("Osprey AI raised $60M to build evaluation tools", dt.date(2026, 3, 4), "https://osprey.example/raise"),
        ("Tern Labs open-sourced its 8B planner model", dt.date(2026, 3, 4), "https://tern.example/8b"),
        ("Alder Systems delayed its IPO to the autumn", dt.date(2026, 3, 4), "https://alder.example/ipo"),
    ]
    assert "first large order" in items[0].text
    whys = {x.why for x in preview_file(LAYOUTS / "newsletter-en.md").left_out}
    assert {"sponsor/advertisement", "intro"} <= whys and any(w.startswith("footer") for w in whys)


def test_nested_json_records_read_by_the_meaning_of_their_keys():
    items = read("nested-records.jsonl")
    assert summary(items) == [
        ("Kestrel Exchange gets a Singapore licence", dt.date(2026, 3, 1), "https://kestrel.example/sg"),
        ("Alder delays its IPO", dt.date(2026, 3, 2), "https://alder.example/ipo"),
    ]
    assert items[0].sections["title_alt"] == "Kestrel 交易所获新加坡牌照"
    assert items[0].sections["source"] == "Ledger Times" and items[0].text.startswith("The licence covers")


def test_sub_headings_that_are_field_labels_belong_to_their_item():
    items = read("subheading-fields.md")
    assert [i.title for i in items] == ["Osprey AI ships a reasoning model", "Heron Wallet adds passkeys"]
    assert items[0].sections["summary"].startswith("Osprey AI released a reasoning model")
    assert items[0].sections["analysis"].startswith("It narrows the gap")
    assert not any(i.title in ("Summary", "Why it matters") for i in items)
