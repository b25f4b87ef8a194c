"""``MixedTokenizer``: the tokenizer for mixed Chinese and Latin text.

CJK characters are one token each, Latin words and numbers whole, punctuation apart; token
norms are folded (case, full width, traditional Chinese), which the catalog matcher compares.
Registered as ``newsgraph.MixedTokenizer.v1`` in :mod:`newsgraph.loaders.nlp.components`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.loaders.nlp.extensions import TEXT_KEY
from newsgraph.loaders.nlp.text import fold, fold_lower

_TOKEN_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+|\S")


class MixedTokenizer:
    """CJK characters one token each; Latin words and numbers whole; punctuation apart.

    Whitespace is kept (``doc.text == text``). Each token's ``norm`` is its folded,
    lower-cased form, which the catalog matcher compares.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        folded = fold(text)
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[str] = []
        pos = 0

        def gap_token(gap: str) -> None:
            """Text between tokens: one space marks the previous token, anything else is a token."""
            if words and gap == " ":
                spaces[-1] = True
                return
            if words and gap.startswith(" "):
                spaces[-1] = True
                gap = gap[1:]
            words.append(gap)
            spaces.append(False)
            norms.append(gap)

        for match in _TOKEN_RE.finditer(folded):
            start = match.start()
            if start > pos:
                gap_token(text[pos:start])
            words.append(text[start : match.end()])
            spaces.append(False)
            norms.append(fold_lower(match.group()))
            pos = match.end()
        if pos < len(text):
            gap_token(text[pos:])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for index, (word, norm) in enumerate(zip(words, norms, strict=True)):
            if norm != word.lower() or (norm != word and not norm.isascii()):
                doc[index].norm_ = norm
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # Nothing to save: the tokenizer has no state beyond the vocab.
    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> MixedTokenizer:
        return self

    def to_disk(self, _path, **_kwargs) -> None:
        return None

    def from_disk(self, _path, **_kwargs) -> MixedTokenizer:
        return self
