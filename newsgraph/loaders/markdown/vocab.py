"""Word lists that steer the Markdown reader.

Which ``key：value`` bullets under an item are metadata (:data:`METADATA_KEYS`), which bold
labels turn a heading into a topic item (:data:`TOPIC_LABELS`), and which headings are skipped,
only group items, or mark summaries and views. Add a word here to teach the reader a new layout.
"""

from __future__ import annotations

import re

__all__ = [
    "GROUP_HEADING",
    "METADATA_KEYS",
    "SKIP_HEADINGS",
    "SOURCE_KEYS",
    "SUMMARY_HEADINGS",
    "TEXT_KEYS",
    "TOPIC_LABELS",
    "VIEW_HEADINGS",
]

#: plain ``key：value`` bullets under an item that are metadata, not text -> section key
METADATA_KEYS: dict[str, str] = {
    "来源": "source",
    "链接": "source",
    "原文": "source",
    "原文链接": "source",
    "出处": "source",
    "source": "source",
    "link": "source",
    "url": "source",
    "分类": "category",
    "类别": "category",
    "category": "category",
    "标签": "tags",
    "tags": "tags",
    "评分": "score",
    "ai 评分": "score",
    "ai评分": "score",
    "score": "score",
    "摘要": "summary",
    "summary": "summary",
    "日期": "date",
    "时间": "date",
    "发布时间": "date",
    "date": "date",
    "published": "date",
}

#: bold labels (``**总结**：``) that make a heading a topic item -> section key
TOPIC_LABELS: dict[str, str] = {
    "总结": "summary",
    "主旨": "summary",
    "摘要": "summary",
    "概要": "summary",
    "要点": "summary",
    "summary": "summary",
    "key points": "summary",
    "tl;dr": "summary",
    "参考": "sources",
    "参考新闻": "sources",
    "参考来源": "sources",
    "参考链接": "sources",
    "新闻列表": "sources",
    "相关新闻": "sources",
    "来源": "sources",
    "sources": "sources",
    "references": "sources",
    "links": "sources",
    "核心关键词": "keywords",
    "关键词": "keywords",
    "keywords": "keywords",
}

#: section keys whose values are source names (their lines are kept one a line)
SOURCE_KEYS = frozenset({"source", "sources"})
#: metadata whose value is also part of the item's text
TEXT_KEYS = frozenset({"summary"})

#: navigation and index headings: their sections give no items
SKIP_HEADINGS = ("快速导航", "导航", "目录", "全量索引", "关键词", "navigation", "table of contents", "keywords")

#: headings that only group items (a batch time, "10:00 更新", "Updates"): never an item themselves
GROUP_HEADING = re.compile(r"^(?:次日\s*)?\d{1,2}:\d{2}|(?:更新|updates?)$", re.IGNORECASE)
#: headings of a summary (``kind="headline"``) and of an analysis (``kind="view"``)
SUMMARY_HEADINGS = ("摘要", "总览", "概览", "一句话", "digest", "summary", "overview", "highlights", "tl;dr", "tldr")
VIEW_HEADINGS = ("分析", "判断", "观点", "点评", "analysis", "my take", "opinion", "commentary")
