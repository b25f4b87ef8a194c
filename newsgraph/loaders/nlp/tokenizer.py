"""``MixedTokenizer``: the tokenizer for mixed Chinese and Latin text.

CJK characters are one token each, Latin words and numbers whole, punctuation apart; token
norms are folded (case, full width, traditional Chinese), which the catalog matcher compares.
Registered as ``newsgraph.MixedTokenizer.v1`` in :mod:`newsgraph.loaders.nlp.components`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator

from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.loaders.nlp.extensions import TEXT_KEY
from newsgraph.loaders.nlp.text import _CharTable, fold, fold_lower

_TOKEN_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+|\S")
# the text cut into tokens and the whitespace between them (a partition of the text)
_PIECE_RE = re.compile(r"\s+|[A-Za-z0-9\u00C0-\u024F]+|\S")
_LATIN_EXT = re.compile(r"[\u00C0-\u024F]")
_MARK = re.compile("\x01")


def _may_need_norm(char: str) -> str:
    """``"\x01"`` for a character whose token may need an explicit norm (see
    :meth:`MixedTokenizer._norms`), else ``"\x00"``."""
    if char.isascii():
        return "\x00"
    norm = fold_lower(fold(char))
    return "\x01" if norm != char or char.lower() != char or _LATIN_EXT.match(char) else "\x00"


_NORM_MARKS = _CharTable(_may_need_norm)


class MixedTokenizer:
    """CJK characters one token each; Latin words and numbers whole; punctuation apart.

    Whitespace is kept (``doc.text == text``). Each token's ``norm`` is its folded,
    lower-cased form, which the catalog matcher compares.

    The text is cut by one regular expression; a token's norm is set only where it differs
    from spaCy's default (the lower-cased text): ASCII tokens never need one, and other
    tokens only when one of their characters is changed by folding or casing.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        folded, words, spaces, starts, gaps = self._cut(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if not text.isascii():
            for index, norm in self._explicit_norms(text, folded, words, starts, gaps):
                doc[index].norm_ = norm
        doc.user_data[TEXT_KEY] = text
        return doc

    def tokens(self, text: str) -> list[tuple[str, str, bool]]:
        """The (text, norm, is_space) of each token ``self(text)`` would make, without making
        a ``Doc`` (nor a lexeme): what the catalog's phrase patterns need from each of
        thousands of names."""
        folded, words, _spaces, starts, gaps = self._cut(text)
        default = self.vocab.lex_attr_getters.get(NORM, str.lower)
        explicit = dict(self._explicit_norms(text, folded, words, starts, gaps)) if not text.isascii() else {}
        gap_set = set(gaps)
        return [(word, explicit.get(i) or default(word), i in gap_set) for i, word in enumerate(words)]

    @staticmethod
    def _cut(text: str) -> tuple[str, list[str], list[bool], list[int], list[int]]:
        """The folded text, the token texts, whether a space follows each, where each
        starts, and which tokens are whitespace."""
        folded = fold(text)
        pieces = _PIECE_RE.findall(folded)
        if folded is not text:
            # the same cuts in the original text (folding keeps every offset)
            ends = list(itertools.accumulate(map(len, pieces)))
            texts = [text[a:b] for a, b in zip([0, *ends], ends, strict=False)]
        else:
            texts = pieces
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[int] = []
        gaps: list[int] = []  # tokens of whitespace (their norm is their text)
        pos = 0
        for piece, word in zip(pieces, texts, strict=True):
            if not piece[0].isspace():
                words.append(word)
                spaces.append(False)
                starts.append(pos)
            elif words and word == " ":
                spaces[-1] = True
            else:
                if words and word[0] == " ":
                    # one space marks the previous token, the rest is a token
                    spaces[-1] = True
                    word = word[1:]
                    pos += 1
                    piece = piece[1:]
                gaps.append(len(words))
                words.append(word)
                spaces.append(False)
                starts.append(pos)
            pos += len(piece)
        return folded, words, spaces, starts, gaps

    @staticmethod
    def _explicit_norms(
        text: str, folded: str, words: list[str], starts: list[int], gaps: list[int]
    ) -> Iterator[tuple[int, str]]:
        """The tokens whose ``norm_`` must be set, with it: where the folded, lower-cased
        token differs from spaCy's default.

        Only whitespace tokens and tokens holding a marked character (changed by folding or
        casing, or a Latin letter with a diacritic) can need it: an ASCII token's norm is
        its lower case, and a token of unmarked characters is its own norm."""
        marks = text.translate(_NORM_MARKS)
        check = {bisect.bisect_right(starts, m.start()) - 1 for m in _MARK.finditer(marks)}
        gap_set = set(gaps)
        norm_text = None
        for index in sorted(check | gap_set):
            word = words[index]
            if index in gap_set:
                norm = word
            else:
                if norm_text is None:
                    norm_text = fold_lower(folded)
                start = starts[index]
                norm = norm_text[start : start + len(word)]
            if norm != word.lower() or (norm != word and not norm.isascii()):
                yield index, norm

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
