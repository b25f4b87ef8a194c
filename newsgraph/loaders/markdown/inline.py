"""Inline Markdown to plain text: links, images, emphasis, code spans, escapes and HTML.

:func:`markdown_to_text` is the one function every other part of the reader uses to turn a
piece of Markdown into text; the link targets it drops are collected (:func:`keep_url`) so that
items keep their ``urls``. :data:`NESTED` and :data:`DEST` are the pieces of the link pattern
that other modules reuse.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.loaders.records import html_to_text

__all__ = ["DEST", "LINK", "NESTED", "keep_url", "markdown_to_text"]

#: link text, which may hold one level of brackets (``[a [b] c]``)
NESTED = r"(?:[^\[\]]|\[[^\[\]]*\])*"
#: a link destination: ``<...>``, or a URL that may hold balanced parentheses
DEST = r"(?:<[^>\n]*>|[^)\s]*(?:\([^)\s]*\)[^)\s]*)*)"
_IMAGE = re.compile(r"!\[" + NESTED + r"\]\(" + DEST + r'(?:\s+"[^"]*")?\s*\)')
#: ``[text](url "title")``: group 1 is the text, group 2 the url
LINK = re.compile(r"\[(" + NESTED + r")\]\((" + DEST + r')(?:\s+"[^"]*")?\s*\)')
_BROKEN_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:https?:)?[^\s)]*[)\]]?")  # ![alt](url] and the like
_STRAY_TARGET = re.compile(r"\]\(<?((?:https?|ftp)://[^)\s>]+)>?\)")
_REF_LINK = re.compile(r"\[(" + NESTED + r")\]\[([^\]]*)\]")
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
#: link texts that only point to the article (``[Source](url)``, ``[原文](url)``): the URL is kept, the word dropped
_GENERIC_LINK_TEXT = frozenset(
    [
        "source",
        "link",
        "read more",
        "more",
        "here",
        "details",
        "full story",
        "read the full story",
        "原文",
        "原文链接",
        "阅读原文",
        "链接",
        "详情",
        "查看详情",
        "更多",
        "点击查看",
    ]
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


def keep_url(url: str, urls: list[str]) -> None:
    """Append ``url`` to ``urls`` if it is an http(s) or ftp URL that is not there yet."""
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
    if refs:
        return _to_text(markup, [] if urls is None else urls, refs)
    text, found = _plain_text(markup)
    if urls is not None:  # what keep_url would have appended, in the same order
        urls.extend(url for url in dict.fromkeys(found) if url not in urls)
    return text


@lru_cache(maxsize=1 << 14)
def _plain_text(markup: str) -> tuple[str, tuple[str, ...]]:
    """The text and the link targets of ``markup`` without reference links: a reader asks for
    the same block's text several times (boilerplate fingerprints, layouts, drafts)."""
    found: list[str] = []
    return _to_text(markup, found, None), tuple(found)


def _to_text(markup: str, sink: list[str], refs: dict[str, str] | None) -> str:
    text = _BROKEN_IMAGE.sub("", _IMAGE.sub("", markup))

    def link(match: re.Match[str]) -> str:
        keep_url(match[2], sink)
        label = _IMAGE.sub("", match[1])
        return "" if label.strip(" []()（）:：>»→").casefold() in _GENERIC_LINK_TEXT else label

    previous = None
    while previous != text:  # linked images leave an outer link with empty text
        previous = text
        text = LINK.sub(link, text)
    if "](" in text:  # a link whose brackets do not balance: keep its target, drop the syntax

        def stray(match: re.Match[str]) -> str:
            keep_url(match[1], sink)
            return ""

        text = _STRAY_TARGET.sub(stray, text)
    if refs:

        def ref_link(match: re.Match[str]) -> str:
            target = refs.get((match[2] or match[1]).casefold())
            if target:
                keep_url(target, sink)
            return match[1]

        text = _REF_LINK.sub(ref_link, text)

    def autolink(match: re.Match[str]) -> str:
        keep_url(match[1], sink)
        return match[1]

    text = _AUTOLINK.sub(autolink, text)
    if _HTML_TAG.search(text):
        anchors: list[str] = []
        text = html_to_text(text, links=anchors)
        for url in anchors:
            keep_url(url, sink)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    text = text.replace("**", "")  # an unbalanced bold mark carries nothing
    text = _CODE_SPAN.sub(lambda m: m[2].strip(), text)
    text = _ESCAPE.sub(r"\1", text)
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
