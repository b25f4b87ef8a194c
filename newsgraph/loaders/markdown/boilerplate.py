"""What in a digest is not news: summaries of the day, tables of contents, tag and source tables, FAQ
blocks, footers, and text that repeats across the files of one source.

:func:`heading_reason` says why a section is boilerplate from its heading; :func:`block_reason`
why a block is (a footer line, a table of contents, a table that is not a news table, a block
that repeats across the folder); :func:`learn_repeats` learns, per source folder, the blocks
that most of its files share (:func:`fingerprint` of each block).
"""

from __future__ import annotations

import collections
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from newsgraph.loaders.markdown.blocks import Block
from newsgraph.loaders.markdown.inline import markdown_to_text

__all__ = ["block_reason", "fingerprint", "heading_reason", "is_news_table", "learn_repeats"]

_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^(今日|本周|本期|每日|ai\s*内容|只有)?\s*(摘要|总览|概览|概要|速览|导读|一句话(总结|概括)?)$|"
            r"^(daily |weekly |today'?s |executive )?(summary|overview|highlights|tl;?dr|recap|at a glance)$",
            re.I,
        ),
        "a summary of the day's items (the items themselves are read)",
    ),
    (
        re.compile(r"^(目录|快速导航|导航|全量索引|索引|table of contents|contents|toc|navigation|index)$", re.I),
        "table of contents",
    ),
    (
        re.compile(r"^(faq|q\s*&\s*a|常见问题|问答|frequently asked questions)$", re.I),
        "FAQ block",
    ),
    (
        re.compile(
            r"^(sponsor(ed|s)?|sponsored by .*|partner content|advertisement|ads?|广告|赞助|推广|商务合作)$",
            re.I,
        ),
        "sponsor/advertisement",
    ),
    (
        re.compile(
            r"(标签|来源|关键词|分类|数据)(统计|汇总|云|索引|列表)$|"
            r"^(tags?|sources?|keywords|tag cloud|statistics|stats)$|"
            r"^(source|tag|keyword) (stats|statistics|index|list|table)$",
            re.I,
        ),
        "tag/source table",
    ),
    (
        re.compile(
            r"^(关于(我们|本站|作者)?|订阅|联系(我们)?|免责声明|版权(声明)?|往期回顾|相关阅读|推荐阅读|"
            r"about( us| this (digest|newsletter|report))?|subscribe|disclaimer|copyright|contact( us)?|"
            r"related( reading| posts)?|appendix|附录|methodology|方法说明|footer|hold up!?)$",
            re.I,
        ),
        "about/subscribe/appendix section",
    ),
]

_FOOTER = re.compile(
    r"语音版|欢迎订阅|点击订阅|订阅本|关注我们|扫码关注|转载请|版权所有|免责声明|unsubscribe|"
    r"subscribe (to|for|here|now)|sign up for|follow us|all rights reserved|©|copyright \d|hold up!|"
    r"generated automatically|automatically generated|powered by|view (this|it) in (your )?browser|"
    r"forward(ed)? (this|to a friend)|was this (email|newsletter) forwarded",
    re.I,
)
#: channel names: a line naming two of them (``🎙️小宇宙 | 📹抖音``) is a footer
_CHANNELS = re.compile(
    r"小宇宙|抖音|公众号|视频号|小红书|b站|哔哩哔哩|播客|youtube|podcast|spotify|apple podcasts|twitter|"
    r"telegram|discord|wechat|微信|微博|rss",
    re.I,
)
_SENTENCE = re.compile(r"[。！？]|[a-z][.!?](?:\s|$)")
_ANCHOR_LINK = re.compile(r"\[[^\]]*\]\(#[^)]*\)")
_QA = re.compile(r"^\s*(\*\*)?\s*(q|question|问|问题)\s*\d*\s*[:：.]", re.I)

_NEWS_COLUMNS = {
    "title",
    "headline",
    "name",
    "标题",
    "新闻",
    "新闻标题",
    "事件",
    "news",
    "story",
    "item",
    "summary",
    "摘要",
    "内容",
    "description",
    "text",
}
_LINK_OR_DATE_COLUMNS = {"url", "link", "链接", "原文", "source", "来源", "date", "日期", "时间", "time", "published"}


def heading_reason(heading: str) -> str | None:
    """Why a section with this heading is boilerplate, or None."""
    text = re.sub(r"^[^\w]+|[^\w!?)]+$", "", markdown_to_text(heading)).strip()
    text = re.sub(r"^\d{1,3}\s*[.、)]\s*", "", text)
    for pattern, reason in _HEADINGS:
        if pattern.search(text):
            return reason
    return None


def is_news_table(header: list[str]) -> bool:
    """A table header naming a title/summary column and a link or date column."""
    names = {re.sub(r"[^\w ]+", "", markdown_to_text(cell)).strip().casefold() for cell in header}
    return bool(names & _NEWS_COLUMNS) and bool(names & _LINK_OR_DATE_COLUMNS)


def fingerprint(block: Block) -> str:
    """A hash of a block's text, insensitive to spacing, width and digits-free of markup."""
    text = unicodedata.normalize("NFKC", markdown_to_text("\n".join(block.lines)))
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha1(f"{block.kind}:{text}".encode(errors="replace")).hexdigest()[:16]


_SPONSOR = re.compile(
    r"^\W*(together with|sponsored by|presented by|brought to you by|in partnership with|本期赞助|广告[:：])", re.I
)


def block_reason(block: Block, repeats: frozenset[str] = frozenset(), last: bool = False) -> str | None:
    """Why a block is boilerplate, or None. A list entry is a footer only as the ``last`` block of the file."""
    if block.kind == "hr" or not block.lines:
        return None
    text = "\n".join(block.lines)
    if repeats and len(text) >= 8 and fingerprint(block) in repeats:
        return "repeats in most files of this source folder"
    if block.kind == "table":
        header = block.lines[0].split(" | ")
        if not is_news_table(header):
            return "table that is not a list of news (no title and link/date columns)"
        return None
    plain = markdown_to_text(text)
    if len(plain) <= 400 and _SPONSOR.match(plain):
        return "sponsor/advertisement"
    channels = len(set(_CHANNELS.findall(plain.casefold()))) >= 2 and not _SENTENCE.search(plain)
    if len(plain) <= 300 and (_FOOTER.search(plain) or channels) and (block.kind != "item" or last):
        return "footer (subscribe, follow, copyright, audio/video channels)"
    if block.kind == "item" and _ANCHOR_LINK.search(text) and not markdown_to_text(_ANCHOR_LINK.sub("", text)).strip():
        return "table of contents"
    if block.kind in ("para", "pseudo", "label") and _QA.match(text):
        return "FAQ block"
    return None


def learn_repeats(block_lists: Iterable[list[Block]], min_files: int = 3, share: float = 0.5) -> frozenset[str]:
    """Fingerprints of the blocks found in at least ``share`` of the files (and ``min_files``)."""
    counts: collections.Counter[str] = collections.Counter()
    files = 0
    for blocks in block_lists:
        files += 1
        counts.update({fingerprint(b) for b in blocks if b.kind not in ("hr",) and len("".join(b.lines)) >= 8})
    if files < min_files:
        return frozenset()
    floor = max(min_files, share * files)
    return frozenset(key for key, count in counts.items() if count >= floor)


def sibling_files(path: Path, limit: int = 40, max_bytes: int = 2 << 20) -> list[Path]:
    """Up to ``limit`` files of the same suffix in ``path``'s folder (the source's other issues)."""
    try:
        children = sorted(p for p in path.parent.iterdir() if p.suffix == path.suffix and p.is_file())
    except OSError:
        return []
    step = max(1, len(children) // limit)
    picked = children[::step][:limit]
    out = []
    for child in picked:
        try:
            if child.stat().st_size <= max_bytes:
                out.append(child)
        except OSError:
            continue
    return out
