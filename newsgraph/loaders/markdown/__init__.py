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

The package, in reading order: :mod:`.reader` (:func:`read_markdown`, the orchestration),
:mod:`.frontmatter`, :mod:`.sections` (split at headings), :mod:`.blocks` (split a section into
list items, paragraphs, labels ...), :mod:`.layouts` (which blocks are items),
:mod:`.drafts` (assemble one item), :mod:`.inline` (:func:`markdown_to_text`) and
:mod:`.vocab` (the word lists).

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

from newsgraph.loaders.markdown.frontmatter import split_front_matter
from newsgraph.loaders.markdown.inline import markdown_to_text
from newsgraph.loaders.markdown.reader import looks_like_markdown, read_markdown

__all__ = ["looks_like_markdown", "markdown_to_text", "read_markdown", "split_front_matter"]
