"""Reader for Markdown digests and newsletters.

A Markdown digest is a file of news items under headings. The reader finds the items the way
a person skimming the page would:

* **numbered or bulleted list items** (``1. **Meta AI** 发布 ...``, ``- [title](url) — source``,
  ``- **Title**: text``) are one item each; the heading above them only groups them
  (``sections["heading"]``);
* **item headings** (``### 1. [title](url)``, ``#### 2. title``, ``### **3. [title](url)**``) are one
  item each, with the text under them;
* **topic headings** whose body carries labelled blocks (``**总结**：`` / ``**主旨**：`` and a
  ``**参考**：`` list of sources, as in rolling crypto summaries) are one item each: the summary is
  the text, the source list becomes ``urls`` and ``sections["sources"]``;
* a heading with prose under it and no list (``### 今日总览``, ``### AI每日分析``) is one item;
  summary headings (摘要, 总览, digest, overview ...) give ``kind="headline"``, analysis headings
  (分析, 判断, my take ...) ``kind="view"``;
* a file whose body has no items (a newsletter stub) gives one item from its front matter
  ``title`` and ``description``, with list fields such as ``companies:``/``models:`` kept in
  ``sections``; a file with neither is one item for the whole text.

YAML (``---``) or TOML (``+++``) front matter gives the document's title and date. Text is
plain: HTML tags, ``<br>``, images and ``<video>`` are dropped, ``[text](url)`` becomes ``text``
and its ``url`` is kept in ``urls`` (the first as ``url``). Metadata bullets under an item
(``- 来源：[x](url)``, ``- 分类：...``, ``- AI 评分：...``, ``- 日期：...``) go to ``sections``.

Dates: the item's own date (a ``日期：`` bullet, or ``— source · 2026-06-12T09:43Z`` after its
title), else ``default_date``, else the file name's date, else the front matter's date.

>>> items = list(read_markdown("2026-01-09.md", '''---
... title: Daily
... ---
... ### Today's AI News
... 1. **Alibaba** releases [Qwen3-VL-Embedding](https://qwenlm.github.io/x) for RAG.
... 2. **Anthropic** ships Claude Opus 4.5.<br/>![img](https://x/y.png)
... '''))
>>> for item in items:
...     print(item.date, item.url, item.text)
2026-01-09 https://qwenlm.github.io/x Alibaba releases Qwen3-VL-Embedding for RAG.
2026-01-09 None Anthropic ships Claude Opus 4.5.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject, html_to_text, make_item, parse_date_value, resolve_date

__all__ = ["looks_like_markdown", "markdown_to_text", "read_markdown", "split_front_matter"]

# ---------------------------------------------------------------------------------------------
# vocabularies

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

_SOURCE_KEYS = frozenset({"source", "sources"})
_TEXT_KEYS = frozenset({"summary"})

_SKIP_HEADINGS = ("快速导航", "导航", "目录", "全量索引", "关键词", "navigation", "table of contents", "keywords")
#: headings that only group items (a batch time, "10:00 更新", "Updates"): never an item themselves
_GROUP_HEADING = re.compile(r"^(?:次日\s*)?\d{1,2}:\d{2}|(?:更新|updates?)$", re.IGNORECASE)
_SUMMARY_HEADINGS = ("摘要", "总览", "概览", "一句话", "digest", "summary", "overview", "highlights", "tl;dr", "tldr")
_VIEW_HEADINGS = ("分析", "判断", "观点", "点评", "analysis", "my take", "opinion", "commentary")

# ---------------------------------------------------------------------------------------------
# front matter

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


def split_front_matter(text: str) -> tuple[dict, int, str | None]:
    """Split YAML (``---``) or TOML (``+++``) front matter from the body.

    Returns ``(meta, body_start, error)``: ``body_start`` is the 0-based index of the first
    body line; ``error`` says why front matter that is there could not be read (the body is
    still read). A YAML block that lacks its opening ``---`` (``key: value`` lines from the
    first line up to a ``---`` line) is accepted too.

    >>> split_front_matter("---\\ntitle: x\\ndate: 2026-01-09\\n---\\nbody")
    ({'title': 'x', 'date': datetime.date(2026, 1, 9)}, 4, None)
    """
    lines = text.splitlines()
    if not lines:
        return {}, 0, None
    first = lines[0].strip()
    if first in ("---", "+++"):
        closers = ("---", "...") if first == "---" else ("+++",)
        for index in range(1, min(len(lines), 400)):
            if lines[index].strip() in closers:
                return _finish_meta("\n".join(lines[1:index]), first == "+++", index + 1)
        return {}, 0, None
    if re.match(r"^[A-Za-z_][\w-]*:(\s|$)", first):
        for index in range(1, min(len(lines), 80)):
            line = lines[index]
            if line.strip() == "---":
                meta, start, error = _finish_meta("\n".join(lines[:index]), False, index + 1)
                return (meta, start, None) if meta and error is None else ({}, 0, None)
            if line.strip() and not re.match(r"^([A-Za-z_][\w-]*:(\s|$)|\s+\S|-\s)", line):
                break
    return {}, 0, None


def _finish_meta(block: str, toml: bool, start: int) -> tuple[dict, int, str | None]:
    try:
        meta = tomllib.loads(block) if toml else yaml.load(block, Loader=_YAML_LOADER)  # a safe loader
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        problem = str(exc).splitlines()[0]
        return {}, start, f"front matter is not valid {'TOML' if toml else 'YAML'}: {problem}"
    if meta is None:
        return {}, start, None
    if not isinstance(meta, dict):
        return {}, start, f"front matter is a {type(meta).__name__}, not a mapping of fields"
    return meta, start, None


# ---------------------------------------------------------------------------------------------
# inline markup -> text

_NESTED = r"(?:[^\[\]]|\[[^\[\]]*\])*"
_DEST = r"(?:<[^>\n]*>|[^)\s]*(?:\([^)\s]*\)[^)\s]*)*)"
_IMAGE = re.compile(r"!\[" + _NESTED + r"\]\(" + _DEST + r'(?:\s+"[^"]*")?\s*\)')
_LINK = re.compile(r"\[(" + _NESTED + r")\]\((" + _DEST + r')(?:\s+"[^"]*")?\s*\)')
_BROKEN_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:https?:)?[^\s)]*[)\]]?")  # ![alt](url] and the like
_STRAY_TARGET = re.compile(r"\]\(<?((?:https?|ftp)://[^)\s>]+)>?\)")
_REF_LINK = re.compile(r"\[(" + _NESTED + r")\]\[([^\]]*)\]")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w*])__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])"),
    re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"~~(.+?)~~"),
]
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


def _keep_url(url: str, urls: list[str]) -> None:
    url = url.strip().strip("<>")
    if url.startswith(("http://", "https://", "ftp://")) and url not in urls:
        urls.append(url)


def markdown_to_text(markup: str, urls: list[str] | None = None, refs: dict[str, str] | None = None) -> str:
    """Plain text of inline Markdown; link targets are appended to ``urls``.

    >>> found = []
    >>> markdown_to_text("**OpenAI** joins [Genesis](https://energy.gov/g) ![x](https://i/p.png)<br>done", found)
    'OpenAI joins Genesis\\ndone'
    >>> found
    ['https://energy.gov/g']
    """
    sink: list[str] = [] if urls is None else urls
    text = _BROKEN_IMAGE.sub("", _IMAGE.sub("", markup))

    def link(match: re.Match[str]) -> str:
        _keep_url(match[2], sink)
        return _IMAGE.sub("", match[1])

    previous = None
    while previous != text:  # linked images leave an outer link with empty text
        previous = text
        text = _LINK.sub(link, text)
    if "](" in text:  # a link whose brackets do not balance: keep its target, drop the syntax

        def stray(match: re.Match[str]) -> str:
            _keep_url(match[1], sink)
            return ""

        text = _STRAY_TARGET.sub(stray, text)
    if refs:

        def ref_link(match: re.Match[str]) -> str:
            target = refs.get((match[2] or match[1]).casefold())
            if target:
                _keep_url(target, sink)
            return match[1]

        text = _REF_LINK.sub(ref_link, text)

    def autolink(match: re.Match[str]) -> str:
        _keep_url(match[1], sink)
        return match[1]

    text = _AUTOLINK.sub(autolink, text)
    if _HTML_TAG.search(text):
        anchors: list[str] = []
        text = html_to_text(text, links=anchors)
        for url in anchors:
            _keep_url(url, sink)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    text = text.replace("**", "")  # an unbalanced bold mark carries nothing
    text = _CODE_SPAN.sub(lambda m: m[2].strip(), text)
    text = _ESCAPE.sub(r"\1", text)
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------
# block structure

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?)|(?=[^#\s])(.*?))(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)、])[ \t]+(?P<rest>.*)$")
_LABEL = re.compile(
    r"^\s*\*\*\s*(?P<label>[^*\n]{1,24}?)\s*(?P<c1>[:：])?\s*\*\*\s*(?P<c2>[:：])?\s*(?P<rest>.*)$",
)
_FULL_BOLD = re.compile(r"^\s*\*\*([^*\n]+)\*\*\s*$")
_LINK_LEAD = re.compile(
    r"^\s*(?:\*\*\[[^\]\n]{1,20}\]\*\*\s*)?\*{0,2}\[" + _NESTED + r"\]\(" + _DEST + r"[^)]*\)\*{0,2}\s*[-—–:：|]\s*\S"
)
_ORDINAL = re.compile(r"^\s*(?:\d{1,3}\s*[.、)．]|[一二三四五六七八九十百]{1,3}\s*[、.．|])\s*")
_META_BULLET = re.compile(r"^(?P<key>[^:：\[\]*`]{1,12}?)\s*[:：]\s*(?P<value>.*)$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


_PLAIN_LABEL = re.compile(r"^\s*([^\s:：*#>|`\[\]][^:：*\n]{0,15}?)\s*[:：]\s*$")


def _starts_block(line: str) -> bool:
    """A bold label or bold line ends a list item even without a blank line before it."""
    label = _LABEL.match(line)
    plain = _PLAIN_LABEL.match(line)
    return bool(
        (label and (label["c1"] or label["c2"]))
        or _FULL_BOLD.match(line)
        or (plain and plain[1].casefold() in TOPIC_LABELS)
    )


@dataclass
class _Block:
    kind: str  # item, para, label, pseudo, code, table, quote, hr
    line: int
    lines: list[str] = field(default_factory=list)
    ordered: bool = False
    indent: int = 0
    label: str = ""


@dataclass
class _Section:
    level: int
    heading: str
    line: int
    parent: str = ""
    body: list[tuple[int, str, bool]] = field(default_factory=list)


def _indent_of(line: str) -> int:
    prefix = line[: len(line) - len(line.lstrip(" \t"))]
    return len(prefix.replace("\t", "    "))


def _clean_heading(raw: str) -> str:
    return markdown_to_text(raw).strip().strip(":：").strip()


def _label_heading(raw: str, level: int) -> tuple[str, str] | None:
    """``#### **总结**：`` / ``####** 参考新闻 **- [x](u)`` -> ("总结", rest) for known labels.

    A heading is a label when it has a colon or content after the label, or is level 4 or
    deeper; ``### Summary`` alone is an ordinary (summary) heading.
    """
    stripped = raw.strip()
    for label in sorted(TOPIC_LABELS, key=len, reverse=True):
        pattern = r"^\**\s*" + re.escape(label) + r"\s*\**\s*(?P<colon>[:：])?\s*\**\s*(?P<rest>.*)$"
        match = re.match(pattern, stripped, re.IGNORECASE)
        if match:
            rest = match["rest"].strip()
            if rest and not rest.startswith(("-", "*", "[", "1")):
                continue  # a heading that merely starts with the word
            if not (match["colon"] or rest or level >= 4 or TOPIC_LABELS[label] in _SOURCE_KEYS):
                return None
            return label, rest
    return None


def _fence_pairs(lines: list[tuple[int, str]]) -> dict[int, int]:
    """Opening fence index -> closing fence index; a fence that never closes is ignored."""
    pairs: dict[int, int] = {}
    opening: tuple[int, str] | None = None
    for index, (_, line) in enumerate(lines):
        match = _FENCE.match(line)
        if not match:
            continue
        if opening is None:
            opening = (index, match[1])
        elif match[1][0] == opening[1][0] and len(match[1]) >= len(opening[1]) and not line.strip(" `~"):
            pairs[opening[0]] = index
            opening = None
    if opening is not None:  # unclosed: try again from the line after it
        rest = _fence_pairs(lines[opening[0] + 1 :])
        pairs.update({start + opening[0] + 1: end + opening[0] + 1 for start, end in rest.items()})
    return pairs


def _split_sections(lines: list[tuple[int, str]]) -> Iterator[_Section]:
    """Headings split the body; fenced code and HTML comments are recognised first."""
    root = _Section(0, "", lines[0][0] if lines else 1)
    current = root
    stack: list[tuple[int, str]] = []
    fences = _fence_pairs(lines)
    fence_end = -1
    in_comment = False
    sections = [root]
    for index, (number, raw) in enumerate(lines):
        line = raw
        if index < fence_end:
            current.body.append((number, line, True))
            continue
        if index == fence_end:
            continue
        if index in fences:
            fence_end = fences[index]
            current.body.append((number, "", True))  # marks the start of a code block
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        line = _COMMENT.sub("", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
            if not line.strip():
                continue
        heading = _HEADING.match(line)
        if heading and (heading[2] is not None or len(heading[1]) >= 2):
            text = heading[2] if heading[2] is not None else heading[3]
            label = _label_heading(text, len(heading[1]))
            if label is not None:
                current.body.append((number, f"**{label[0]}**：", False))
                if label[1]:
                    current.body.append((number, label[1], False))
                continue
            level = len(heading[1])
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else ""
            current = _Section(level, text.strip(), number, parent=parent)
            stack.append((level, _clean_heading(text)))
            sections.append(current)
            continue
        current.body.append((number, line, False))
    yield from sections


def _blocks(body: list[tuple[int, str, bool]]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    blank_before = False
    for number, line, code in body:
        if code:
            if (current is not None and current.kind == "item") or (
                current is not None and current.kind == "code" and line
            ):
                current.lines.append(line)
            else:
                current = _Block("code", number, [line] if line else [])
                blocks.append(current)
            continue
        if not line.strip():
            blank_before = True
            if current is not None and current.kind != "item":
                current = None
            continue
        indent = _indent_of(line)
        was_blank, blank_before = blank_before, False
        if current is not None and current.kind == "item" and indent >= current.indent + 2:
            current.lines.append(line)
            continue
        if _HR.match(line):
            blocks.append(_Block("hr", number))
            current = None
            continue
        listed = _LIST.match(line)
        if listed and indent <= 3 + (current.indent if current is not None and current.kind == "item" else 0):
            marker = listed["marker"]
            current = _Block("item", number, [listed["rest"]], ordered=marker[0].isdigit(), indent=indent)
            current.label = marker if marker[0].isdigit() else "-"
            blocks.append(current)
            continue
        if current is not None and current.kind == "item" and not was_blank and not _starts_block(line):
            current.lines.append(line)  # lazy continuation
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if current is None or current.kind != "table":
                current = _Block("table", number)
                blocks.append(current)
            if not re.match(r"^\|?[\s:|-]+\|?$", stripped):
                current.lines.append(" | ".join(cell.strip() for cell in stripped.strip("|").split("|")))
            continue
        if stripped.startswith(">"):
            if current is None or current.kind != "quote":
                current = _Block("quote", number)
                blocks.append(current)
            current.lines.append(re.sub(r"^(\s*>)+\s?", "", line))
            continue
        if current is not None and current.kind == "para":
            current.lines.append(line)
            continue
        plain = _PLAIN_LABEL.match(line)
        if plain and plain[1].casefold() in TOPIC_LABELS:
            current = _Block("label", number, label=plain[1])
            blocks.append(current)
            continue
        label = _LABEL.match(line)
        if label and (label["c1"] or label["c2"]):
            name, rest = label["label"].strip(), label["rest"].strip()
            if not rest or len(name) <= 12 or name.casefold() in TOPIC_LABELS:
                current = _Block("label", number, [rest] if rest else [], label=name)
                blocks.append(current)
                continue
        if bold := _FULL_BOLD.match(line):
            name = bold[1].strip().strip(":：").strip()
            if name.casefold() in TOPIC_LABELS:
                current = _Block("label", number, label=name)
                blocks.append(current)
                continue
            blocks.append(_Block("pseudo", number, [line.strip()]))
            current = None
            continue
        if _LINK_LEAD.match(line):
            current = _Block("item", number, [stripped], ordered=False, indent=indent)
            blocks.append(current)
            continue
        current = _Block("para", number, [line])
        blocks.append(current)
    return blocks


# ---------------------------------------------------------------------------------------------
# items


@dataclass
class _Draft:
    """An item being assembled: text lines, urls, sections, own date."""

    path: Path
    line: int
    title: str = ""
    kind: str = "news"
    text: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    date: dt.date | None = None
    bad_date: str = ""

    def add_section(self, key: str, value: str) -> None:
        if not value or value in self.sections.get(key, "").split("\n"):
            return
        self.sections[key] = f"{self.sections[key]}\n{value}" if key in self.sections else value

    def set_date(self, value: str) -> None:
        try:
            found = parse_date_value(value)
        except ValueError:
            self.bad_date = value
            return
        if found is not None and self.date is None:
            self.date = found


_TITLE_BOLD = re.compile(
    r"^\*\*(?P<title>[^*\n]+?)\*\*\s*(?:(?P<colon>[:：])\s*(?P<rest>.*)|(?P<dash>[—–|]+|-{1,2})\s*(?P<trailer>.*)|$)"
)
_TITLE_LINK = re.compile(
    r"^\*{0,2}\[(?P<title>" + _NESTED + r")\]\((?P<url>" + _DEST + r')(?:\s+"[^"]*")?\s*\)\*{0,2}'
    r"(?:\s*\([^()\n]{0,40}\))?\s*(?:(?P<sep>[—–|:：]+|-{1,2})\s*(?P<rest>.*))?$"
)
_TAG = re.compile(r"^\*\*\[(?P<tag>[^\]\n]{1,20})\]\*\*\s*")


def _trailer(draft: _Draft, trailer: str) -> bool:
    """``aibase · 2026-06-12T09:43:03Z`` after a title: publisher and date. False if it is prose."""
    trailer = trailer.strip()
    if not trailer or len(trailer) > 80 or re.search(r"[。！？]|[.!?]\s", trailer):
        return False
    names = []
    for part in re.split(r"\s*[·|]\s*", trailer):
        part = markdown_to_text(part, draft.urls)
        if not part:
            continue
        try:
            found = parse_date_value(part)
        except ValueError:
            found = None
        if found is not None and re.match(r"^\d{4}[-/.年]", part):
            draft.date = draft.date or found
        else:
            names.append(part)
    if names:
        draft.add_section("source", ", ".join(names))
    return True


def _first_line(draft: _Draft, first: str, refs: dict[str, str]) -> str:
    """Take the title (and trailer) off an item's first line; return what is text."""
    first = first.strip().replace("\u200b", "")
    if tag := _TAG.match(first):
        draft.add_section("category", tag["tag"].strip())
        first = first[tag.end() :]
    if match := _TITLE_LINK.match(first):
        draft.title = markdown_to_text(match["title"], refs=refs)
        _keep_url(match["url"], draft.urls)
        rest = (match["rest"] or "").strip()
        if match["sep"] and match["sep"][0] in "—–|" and _trailer(draft, rest):
            return ""
        return rest
    if match := _TITLE_BOLD.match(first):
        if match["trailer"] is not None:
            if _trailer(draft, match["trailer"]):
                draft.title = markdown_to_text(match["title"], draft.urls, refs)
                return ""
            if match["dash"] in ("-", "--", "—", "–"):
                draft.title = markdown_to_text(match["title"], draft.urls, refs)
                return match["trailer"]
            return first
        draft.title = markdown_to_text(match["title"], draft.urls, refs)
        return match["rest"] or ""
    return first


def _meta_bullet(draft: _Draft, content: str, refs: dict[str, str]) -> bool:
    """``来源：[x](url)`` and friends under an item: into sections, not text."""
    match = _META_BULLET.match(content.strip())
    if not match:
        return False
    key = METADATA_KEYS.get(match["key"].strip().casefold())
    if key is None:
        return False
    value = match["value"]
    if key in _SOURCE_KEYS:
        draft.add_section(key, markdown_to_text(value, draft.urls, refs))
    elif key == "date":
        draft.set_date(markdown_to_text(value))
        draft.add_section("date", markdown_to_text(value))
    else:
        text = markdown_to_text(value, draft.urls, refs)
        draft.add_section(key, text)
        if key in _TEXT_KEYS:
            draft.text.append(text)
    return True


def _item_lines(draft: _Draft, lines: list[str], refs: dict[str, str], label: str = "") -> None:
    """Continuation and nested lines of a list item (metadata bullets to sections)."""
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            _add_text(draft, markdown_to_text("\n".join(chunk), draft.urls, refs), label)
            chunk.clear()

    for line in lines:
        nested = _LIST.match(line)
        if nested:
            flush()
            if _meta_bullet(draft, nested["rest"], refs):
                continue
            marker = nested["marker"] + " " if nested["marker"][0].isdigit() else "- "
            chunk.append(marker + nested["rest"])
        else:
            chunk.append(line.strip())
    flush()


def _add_text(draft: _Draft, text: str, label: str) -> None:
    if not text:
        return
    key = TOPIC_LABELS.get(label.casefold(), label) if label else ""
    if key in _SOURCE_KEYS:
        for line in text.splitlines():
            draft.add_section("sources", re.sub(r"^(?:[-*+•]|\d{1,3}[.)、])\s+", "", line).strip())
        return
    if key and label.casefold() in TOPIC_LABELS:
        draft.add_section(key, text)
        if key == "keywords":
            return
    elif label:
        text = f"{label}：{text}"
    draft.text.append(text)


def _list_item_draft(path: Path, block: _Block, refs: dict[str, str]) -> _Draft:
    draft = _Draft(path, block.line)
    rest = _first_line(draft, block.lines[0], refs)
    if rest and not (draft.title and _meta_bullet(draft, rest, refs)):
        _add_text(draft, markdown_to_text(rest, draft.urls, refs), "")
    _item_lines(draft, block.lines[1:], refs)
    return draft


def _qualifies(block: _Block) -> bool:
    """A list item that is a news item: not a metadata bullet, not navigation, not a stub."""
    first = block.lines[0].strip()
    match = _META_BULLET.match(first)
    if match and match["key"].strip().casefold() in METADATA_KEYS:
        return False
    text = markdown_to_text(re.sub(r"\[[^\]]*\]\(#[^)]*\)", "", " ".join(block.lines)))
    if block.ordered:
        return len(text) >= 2
    return len(text) >= 20 or (len(block.lines) > 1 and len(text) >= 4)


def _section_kind(heading: str) -> str:
    folded = heading.casefold()
    if any(word in folded for word in _SUMMARY_HEADINGS):
        return "headline"
    if any(word in folded for word in _VIEW_HEADINGS):
        return "view"
    return "news"


def _heading_parts(raw: str, refs: dict[str, str]) -> tuple[str, str | None, bool]:
    """(title, url, is_item_heading) of a heading such as ``**1. [title](url)**``."""
    core = raw.strip()
    while core.startswith("**") and core.endswith("**") and len(core) > 4:
        core = core[2:-2].strip()
    numbered = bool(_ORDINAL.match(core)) and not re.match(r"^\d{1,2}:\d{2}", core)
    core = _ORDINAL.sub("", core) if numbered else core
    urls: list[str] = []
    whole_link = _TITLE_LINK.match(core)
    is_link = bool(whole_link) and not (whole_link["rest"] or "").strip()
    title = markdown_to_text(core, urls, refs)
    return title, (urls[0] if urls and (is_link or numbered) else None), numbered or is_link


def _draft_to_item(draft: _Draft, default_date: dt.date | None, doc_date: dt.date | None) -> Item | Reject:
    text = "\n".join(part for part in draft.text if part).strip()
    if draft.bad_date:
        return Reject(
            source=str(draft.path),
            location=f"line {draft.line}",
            reason=f"item date {draft.bad_date!r} is not a date",
            raw=f"{draft.title}\n{text}".strip(),
        )
    if not text:
        text = draft.title or draft.sections.get("sources", "")
    return make_item(
        draft.path,
        text=text,
        title=draft.title,
        location=f"line {draft.line}",
        url=draft.urls[0] if draft.urls else None,
        urls=draft.urls,
        date=resolve_date(draft.date, default_date, draft.path, doc_date),
        kind=draft.kind,
        sections=draft.sections,
    )


def _heading_item(
    section: _Section, blocks: list[_Block], refs: dict[str, str], path: Path, kind: str = "news"
) -> _Draft:
    title, url, _ = _heading_parts(section.heading, refs)
    draft = _Draft(path, section.line, title=title, kind=kind)
    if url:
        draft.urls.append(url)
    if section.parent:
        draft.sections["heading"] = section.parent
    label = ""
    for block in blocks:
        if block.kind == "hr":
            label = ""
        elif block.kind == "label":
            label = block.label
            if block.lines:
                _add_text(draft, markdown_to_text(block.lines[0], draft.urls, refs), label)
        elif block.kind == "item":
            if label or not _meta_bullet(draft, block.lines[0], refs):
                prefix = (block.label or "-") + " "
                _item_lines(draft, [prefix + block.lines[0], *block.lines[1:]], refs, label)
        elif block.kind == "pseudo":
            _add_text(draft, markdown_to_text(block.lines[0], draft.urls, refs), "")
        else:
            _add_text(draft, markdown_to_text("\n".join(block.lines), draft.urls, refs), label)
    return draft


def _has_prose(blocks: list[_Block]) -> bool:
    prose = [b for b in blocks if b.kind in ("para", "code", "table", "label", "item", "pseudo")]
    return len(markdown_to_text("\n".join(line for b in prose for line in b.lines))) >= 12


def _section_drafts(section: _Section, refs: dict[str, str], path: Path) -> Iterator[_Draft]:
    blocks = _blocks(section.body)
    if not blocks:
        return
    title, _, item_heading = _heading_parts(section.heading, refs) if section.level else ("", None, False)
    if any(word in title.casefold() for word in _SKIP_HEADINGS):
        return
    labels = [b for b in blocks if b.kind == "label"]
    topic = any(b.label.casefold() in TOPIC_LABELS for b in labels) or len({b.label for b in labels}) >= 2
    items = [b for b in blocks if b.kind == "item" and _qualifies(b)]
    if section.level and (topic or (item_heading and len(items) < 2)):
        if _has_prose(blocks):
            yield _heading_item(section, blocks, refs, path)
        return
    if items:
        group = title
        for block in blocks:
            if block.kind == "pseudo":
                group = markdown_to_text(block.lines[0])
            if block.kind != "item" or block not in items:
                continue
            draft = _list_item_draft(path, block, refs)
            if group:
                draft.sections.setdefault("heading", group)
            draft.kind = _section_kind(title) if title else "news"
            yield draft
        return
    if section.level and not _GROUP_HEADING.search(title) and _has_prose([b for b in blocks if b.kind != "quote"]):
        yield _heading_item(section, blocks, refs, path, kind=_section_kind(title))


def _links_only(section: _Section) -> list[tuple[str, str]]:
    """The (title, url) of a section whose body is nothing but a list of bare links."""
    links = []
    for block in _blocks(section.body):
        match = _TITLE_LINK.match(block.lines[0].strip()) if block.kind == "item" else None
        if match is None or (match["rest"] or "").strip() or len(block.lines) > 1:
            return []
        links.append((markdown_to_text(match["title"]), match["url"]))
    return links


def _meta_date(meta: dict) -> dt.date | None:
    for key in ("date", "published", "pubDate", "publishDate", "created"):
        if key in meta:
            try:
                return parse_date_value(meta[key])
            except ValueError:
                return None
    return None


def _meta_sections(meta: dict) -> dict[str, str]:
    sections = {}
    for key, value in meta.items():
        if isinstance(value, list) and value and all(isinstance(v, str | int | float) for v in value):
            sections[str(key)] = ", ".join(dict.fromkeys(str(v) for v in value))
    return sections


def looks_like_markdown(text: str) -> bool:
    """Front matter, or at least two Markdown headings, list items or links in the first 200 lines."""
    head = text.lstrip("\ufeff")[:20000]
    if re.match(r"^(---|\+\+\+)\s*\n", head):
        return True
    lines = head.splitlines()[:200]
    marks = sum(1 for line in lines if re.match(r"^ {0,3}(#{1,6} |\d{1,3}\. \*\*|[-*] \[)", line))
    return marks >= 2 or len(_LINK.findall(head)) >= 3


def read_markdown(
    path: str | Path, text: str, *, default_date: dt.date | None = None, **_opts: object
) -> Iterator[Item | Reject]:
    """Split a Markdown digest into items (see the module docstring for the rules)."""
    path = Path(path)
    text = text.lstrip("\ufeff")
    meta, start, error = split_front_matter(text)
    all_lines = text.splitlines()
    if error:
        yield Reject(source=str(path), location="line 1", reason=error, raw="\n".join(all_lines[: max(start - 1, 0)]))
    doc_date = _meta_date(meta)
    refs: dict[str, str] = {}
    body: list[tuple[int, str]] = []
    for number, line in enumerate(all_lines[start:], start=start + 1):
        if definition := _REF_DEF.match(line):
            refs[definition[1].casefold()] = definition[2]
            continue
        body.append((number, line))

    drafts: list[_Draft] = []
    by_title: dict[str, _Draft] = {}
    for section in _split_sections(body):
        title = _heading_parts(section.heading, refs)[0] if section.level else ""
        earlier = by_title.get(title)
        links = _links_only(section)
        if earlier is not None and links:
            # a later section repeating a topic's heading with only links: that topic's sources
            for name, url in links:
                earlier.add_section("sources", name)
                _keep_url(url, earlier.urls)
            continue
        found = list(_section_drafts(section, refs, path))
        for draft in found:
            if draft.line == section.line and title:
                by_title.setdefault(title, draft)
        drafts.extend(found)
    for draft in drafts:
        yield _draft_to_item(draft, default_date, doc_date)
    if drafts:
        return

    title = str(meta.get("title") or "").strip()
    description = meta.get("description") or meta.get("summary") or meta.get("excerpt")
    if isinstance(description, str) and description.strip():
        draft = _Draft(path, 1, title=title, sections=_meta_sections(meta))
        urls = draft.urls
        draft.text.append(markdown_to_text(description, urls, refs))
        yield _draft_to_item(draft, default_date, doc_date)
        return
    whole = _Draft(path, body[0][0] if body else 1, title=title)
    for section in _split_sections(body):
        if section.level and not whole.title:
            whole.title = _clean_heading(section.heading)
        blocks = _blocks(section.body)
        heading_draft = _heading_item(section, blocks, refs, path) if blocks else None
        if heading_draft is not None:
            whole.text.extend(heading_draft.text)
            whole.urls.extend(u for u in heading_draft.urls if u not in whole.urls)
    if whole.text:
        yield _draft_to_item(whole, default_date, doc_date)
    elif not error:
        yield Reject(source=str(path), location="line 1", reason="no news items found in this Markdown file")
