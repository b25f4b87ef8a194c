"""Labelled fields inside an item: ``**Label**: value``, ``- **标签**: …``, ``Label: value``.

:func:`field_of` reads one line as ``(label, meaning, value)``; :data:`FIELD_MEANINGS` maps
labels, in English and Chinese, to what they mean for an item (``title``, ``title_alt`` for a
headline in another language, ``date``, ``url``, ``source``, ``category``, ``tags``,
``summary``, ``analysis``, ``score``, ``people``). A value may carry more fields after a ``|``
(``2026-01-29 | 分数: 88``): :func:`field_of` returns the first, :func:`more_fields` the rest.
"""

from __future__ import annotations

import re

__all__ = ["FIELD_MEANINGS", "TEXT_MEANINGS", "field_of", "meaning_of", "more_fields"]

_WORDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "标题", "新闻标题", "题目", "name"),
    "title_alt": (
        "中文",
        "中文标题",
        "中文名",
        "英文",
        "英文标题",
        "english",
        "english title",
        "chinese",
        "chinese title",
        "译文",
        "翻译",
        "translation",
        "original title",
        "原标题",
    ),
    "date": (
        "date",
        "time",
        "published",
        "publish date",
        "pubdate",
        "日期",
        "时间",
        "发布时间",
        "发布日期",
        "发表时间",
    ),
    "url": ("url", "link", "links", "链接", "网址", "原文", "原文链接", "阅读原文", "read more", "source url", "详情"),
    "source": ("source", "sources", "来源", "出处", "媒体", "publisher", "via", "outlet", "作者", "author", "by"),
    "category": (
        "category",
        "categories",
        "分类",
        "类别",
        "板块",
        "领域",
        "section",
        "topic",
        "sector",
        "类型",
        "type",
    ),
    "tags": ("tags", "tag", "标签", "关键词", "keywords", "keyword", "hashtags"),
    "summary": (
        "summary",
        "摘要",
        "总结",
        "概要",
        "简介",
        "要点",
        "主旨",
        "tl;dr",
        "tldr",
        "details",
        "description",
        "what happened",
        "发生了什么",
        "内容",
        "正文",
        "description",
        "abstract",
        "key points",
        "highlights",
    ),
    "analysis": (
        "analysis",
        "analysis angle",
        "angle",
        "分析",
        "点评",
        "观点",
        "解读",
        "评论",
        "commentary",
        "why it matters",
        "为什么重要",
        "我在意的点",
        "影响",
        "可能的影响",
        "possible impact",
        "implications",
        "takeaway",
        "takeaways",
        "insight",
        "洞察",
    ),
    "score": (
        "score",
        "分数",
        "评分",
        "ai 评分",
        "ai评分",
        "impact",
        "热度",
        "rating",
        "importance",
        "重要性",
        "priority",
    ),
    "people": (
        "key players",
        "players",
        "people",
        "companies",
        "entities",
        "相关公司",
        "相关方",
        "涉及",
        "主体",
        "人物",
    ),
}

#: label (case-folded) -> meaning
FIELD_MEANINGS: dict[str, str] = {word: meaning for meaning, words in _WORDS.items() for word in words}
#: meanings whose value is part of the item's text
TEXT_MEANINGS = ("summary", "analysis")

_LABEL = r"[^\s*:：|\[\]`#>][^*:：|\[\]`\n]{0,23}?"
_FIELD = re.compile(
    r"^\s*(?:[-*+•]\s+)?(?:\*\*|__)?\s*(?P<label>"
    + _LABEL
    + r")\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(?P<value>.*)$"
)
_BOLD_FIELD = re.compile(
    r"^\s*(?:[-*+•]\s+)?(?:\*\*|__)\s*(?P<label>" + _LABEL + r")\s*[:：]?\s*(?:\*\*|__)\s*[:：]?\s*(?P<value>.*)$"
)


def meaning_of(label: str) -> str | None:
    """What a label means (``"标签"`` -> ``"tags"``), or None for an unknown label."""
    key = re.sub(r"\s+", " ", label.strip().strip("*_").strip()).casefold()
    key = re.sub(r"^[^\w]+", "", key)  # an emoji or bullet before the label: 📌 摘要
    return FIELD_MEANINGS.get(key)


def field_of(line: str) -> tuple[str, str | None, str] | None:
    """``(label, meaning, value)`` of a labelled line, or None.

    A bold label (``**Impact**: 🔥``) is a field whatever its word; a plain ``Label: value`` only
    when the label is a known one (so that prose with a colon is not taken apart).

    >>> field_of("- **时间**: 2026-01-29 | 分数: 88")
    ('时间', 'date', '2026-01-29 | 分数: 88')
    >>> field_of("**Analysis Angle**: watch the regulators")
    ('Analysis Angle', 'analysis', 'watch the regulators')
    >>> field_of("He said: no") is None
    True
    """
    if ":" not in line[:60] and "：" not in line[:60]:
        return None
    match = _BOLD_FIELD.match(line)
    if match and (":" in line[: match.start("value")] or "：" in line[: match.start("value")]):
        label = match["label"].strip()
        return label, meaning_of(label), match["value"].strip()
    match = _FIELD.match(line)
    if match and (meaning := meaning_of(match["label"])) is not None:
        return match["label"].strip(), meaning, match["value"].strip()
    return None


def more_fields(value: str) -> tuple[str, list[tuple[str, str | None, str]]]:
    """Split ``2026-01-29 | 分数: 88`` into the first value and the labelled fields after ``|``.

    >>> more_fields("2026-01-29 | 分数: 88")
    ('2026-01-29', [('分数', 'score', '88')])
    >>> more_fields("新华社 | 2026-03-01")
    ('新华社', [('date', 'date', '2026-03-01')])
    """
    if "|" not in value:
        return value, []
    parts = [part.strip() for part in value.split("|")]
    fields = [field_of(part) if not _DATE_ONLY.match(part) else ("date", "date", part) for part in parts[1:]]
    if not all(f is not None and f[1] is not None for f in fields):
        return value, []
    return parts[0], [f for f in fields if f is not None]


_DATE_ONLY = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:[ T][\d:]+Z?)?$")
