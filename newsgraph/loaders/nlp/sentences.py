"""``NewsSentencizer``: sentence boundaries and digest field lines.

Sentences end at 。！？；!?; and line ends, and at an English full stop that does not end an
abbreviation; a digest field line (发生了什么: / What happened:) starts its own sentence and
is recorded in ``doc._.newsgraph_fields`` (see :func:`field_at`).
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc

from newsgraph.loaders.digest import FIELDS
from newsgraph.loaders.nlp.extensions import doc_text

_FIELD_LINE = re.compile(
    r"^[ \t>*#\-]*(?P<label>" + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) + r")[ \t*]*[:：]",
    re.IGNORECASE | re.MULTILINE,
)
_SENT_END = re.compile(r"[。！？；!?;]+[”’\"'」』）)\]]*|…{1,2}[”’\"']?(?=\s*\n)|\n+")
#: a full stop before a capital, a digit, a CJK character or a brand written with a small
#: first letter and a capital after it (vLLM, xAI, iPhone, eBay)
_EN_PERIOD = re.compile(
    r"(?<=[A-Za-z0-9\)\]\"'”’%*])\.[\"'”’)\]*]*(?=\s+[\"'“‘(*\[]*(?:[A-Z0-9\u4e00-\u9fff]|[a-z]{1,2}[A-Z]))"
)
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]|U\.S|U\.K|E\.U|Inc|Corp|Ltd|Co|Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|etc|e\.g|i\.e|No|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|Fig|Vol|Gov|Sen|Rep)|^\s*\d{1,2})$"
)


class NewsSentencizer:
    """Sentence boundaries for mixed Chinese/English news; records digest field lines."""

    def __init__(self, *, split_on_newline: bool = True) -> None:
        self.split_on_newline = split_on_newline

    def boundaries(self, text: str) -> list[int]:
        starts = {0}
        for match in _SENT_END.finditer(text):
            if match.group().startswith("\n") and not self.split_on_newline:
                continue
            starts.add(match.end())
        for match in _EN_PERIOD.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 8) : match.start()]
            if _ABBREV.search(before):
                continue
            starts.add(match.end())
        for match in _FIELD_LINE.finditer(text):
            starts.add(match.start())
        return sorted(s for s in starts if s < len(text))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts = self.boundaries(text)
        fields = []
        for match in _FIELD_LINE.finditer(text):
            end = text.find("\n", match.end())
            fields.append((match.start(), len(text) if end < 0 else end, FIELDS[match["label"].casefold()]))
        doc._.newsgraph_fields = fields
        if not len(doc):
            return doc
        attrs = doc.to_array([IDX, IS_SPACE])
        idx, space = attrs[:, 0].tolist(), attrs[:, 1].tolist()
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        flags[0, 0] = 1
        opened = [0]
        pending = False
        index = 1
        for i in range(1, len(doc)):
            # a boundary after the previous token's start opens a sentence at the next
            # token that is not whitespace (whitespace stays with the sentence before it)
            while index < len(starts) and starts[index] <= idx[i]:
                pending = True
                index += 1
            if pending and not space[i]:
                flags[i, 0] = 1
                opened.append(idx[i])
                pending = False
        doc.from_array([SENT_START], flags.astype("uint64"))
        opened[0] = 0
        ends = [*opened[1:], len(text)]
        doc._.newsgraph_sentences = list(zip(opened, ends, strict=True))
        return doc


def field_at(doc: Doc, char: int) -> str:
    """The digest field (what/why/impact/source/date) the character is in, else ``""``."""
    for start, end, name in doc._.newsgraph_fields or ():
        if start <= char < end:
            return name
    return ""
