"""The fields of a JSON record by what they mean, not by fixed keys.

:func:`map_record` finds, case-insensitively and in English or Chinese, the key that holds the
title (``title``, ``name``, ``headline``, ``标题`` …), the text (``text``, ``content``, ``body``,
``content_markdown``, ``summary``, ``摘要`` …), the URL (``url``, ``link`` …, or ``source`` when
it holds a URL), the date (``date``, ``time``, ``published`` …), the language, the publisher and
the record id. A key such as ``title_en`` or ``news_title`` is read by its words. ``columns``
(``{"title": "headline_en", "text": "body"}``, the CLI's ``--columns title=headline_en,text=body``)
overrides the guess for the fields it names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["MEANINGS", "FieldError", "MappedRecord", "map_record", "parse_columns", "title_word"]

MEANINGS: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "headline", "heading", "subject", "标题", "新闻标题", "题目", "名称"),
    "text": (
        "text",
        "content",
        "body",
        "content_markdown",
        "markdown",
        "article",
        "doc",
        "document",
        "full_text",
        "正文",
        "内容",
        "文本",
        "summary",
        "description",
        "abstract",
        "excerpt",
        "snippet",
        "desc",
        "摘要",
        "简介",
        "概要",
    ),
    "url": ("url", "link", "href", "permalink", "source_url", "article_url", "链接", "网址", "原文链接", "source"),
    "urls": ("urls", "links"),
    "date": (
        "date",
        "time",
        "published",
        "published_at",
        "publish_time",
        "publish_date",
        "pubdate",
        "datetime",
        "created_at",
        "created",
        "updated",
        "updated_at",
        "timestamp",
        "日期",
        "时间",
        "发布时间",
        "发布日期",
    ),
    "lang": ("lang", "language", "语言"),
    "source": ("source", "publisher", "site", "media", "outlet", "author", "来源", "媒体", "出处"),
    "id": ("id", "record_id", "uid", "编号"),
}
_URL = re.compile(r"^(?:https?|ftp)://\S+$")


class FieldError(ValueError):
    """A field that means something but holds the wrong kind of value."""


@dataclass
class MappedRecord:
    """A record's values by meaning, and the keys they came from."""

    values: dict[str, object] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    text_key: str = ""
    others: dict[str, object] = field(default_factory=dict)


def parse_columns(columns: str | Sequence[str] | Mapping[str, str] | None) -> dict[str, str]:
    """``"title=headline_en,text=body"`` (or a mapping, or ``["title=x", ...]``) -> ``{meaning: key}``.

    >>> parse_columns("title=Name, text=Summary")
    {'title': 'name', 'text': 'summary'}
    """
    if not columns:
        return {}
    if isinstance(columns, Mapping):
        pairs = list(columns.items())
    else:
        parts = columns.split(",") if isinstance(columns, str) else list(columns)
        pairs = [tuple(part.split("=", 1)) for part in parts if "=" in part]  # type: ignore[misc]
    return {meaning.strip().casefold(): key.strip().casefold() for meaning, key in pairs}


def _words(key: str) -> list[str]:
    return [w for w in re.split(r"[_\-\s.]+", key) if w]


def _candidates(meaning: str, keys: list[str]) -> list[str]:
    """Keys meaning ``meaning``: exact names in the order of :data:`MEANINGS`, then keys by their words.

    ``title_en`` and ``headline.zh`` are titles by their first word, ``meta.published_at`` a
    date by a later one.
    """
    names = MEANINGS[meaning]
    exact = [name for name in names if name in keys]
    by_words = [key for key in keys if key not in exact and any(word in names for word in _words(key)[:1])]
    by_words += [
        key for key in keys if key not in exact and key not in by_words and any(w in names for w in _words(key)[1:])
    ]
    return exact + by_words


def title_word(key: str) -> bool:
    """A key named as a title (``headline.zh``, ``title_en``): another headline when not the title."""
    return bool(_words(key)) and _words(key)[0] in MEANINGS["title"]


def _flatten(record: Mapping[str, object], prefix: str = "", depth: int = 0) -> dict[str, object]:
    """Nested objects as dotted keys (``{"meta": {"url": x}}`` -> ``{"meta.url": x}``), three levels deep."""
    out: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{str(key).casefold().strip()}"
        if isinstance(value, Mapping) and depth < 3:
            out.update(_flatten(value, f"{name}.", depth + 1))
        else:
            out.setdefault(name, value)
    return out


def map_record(record: Mapping[str, object], columns: Mapping[str, str] | None = None) -> MappedRecord:
    """Values of a record by meaning (see the module docstring). Raises FieldError for a wrong type."""
    fields = _flatten(record)
    keys = list(fields)
    mapped = MappedRecord()
    chosen: set[str] = set()
    for meaning in ("text", "title", "url", "urls", "date", "lang", "source", "id"):
        forced = (columns or {}).get(meaning)
        if forced is not None:
            if forced in fields:
                mapped.values[meaning], mapped.keys[meaning] = fields[forced], forced
                chosen.add(forced)
            continue
        for key in _candidates(meaning, [k for k in keys if k not in chosen]):
            value = fields[key]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            exact = key in MEANINGS[meaning]
            if meaning == "url" and not (isinstance(value, str) and _URL.match(value.strip())):
                if key == "source" or not exact:
                    continue  # a publisher name, or a key that only resembles a link field
                raise FieldError(f"field {key!r} is not a URL: {str(value)[:80]!r}")
            if meaning == "urls" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                if not exact:
                    continue
                raise FieldError(f"field {key!r} must be a list of URLs, not {type(value).__name__}")
            if meaning in ("text", "title") and not isinstance(value, str):
                continue  # a list of tokens, a nested object: not this field
            if meaning in ("date", "lang", "source", "id") and not isinstance(value, str | int | float):
                if exact:
                    raise FieldError(f"field {key!r} must be a string, not {type(value).__name__}")
                continue  # a key that only resembles the field
            mapped.values[meaning], mapped.keys[meaning] = value, key
            chosen.add(key)
            break
    mapped.text_key = mapped.keys.get("text", "")
    mapped.others = {key: value for key, value in fields.items() if key not in chosen}
    return mapped
