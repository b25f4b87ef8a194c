"""The spaCy components of the extraction pipeline, registered in this one module.

The pipeline is a blank ``zh`` or ``en`` pipeline (no model download) with the project's
tokenizer and components, in this order::

    newsgraph.MixedTokenizer.v1   CJK one character a token, Latin words and numbers whole;
                                  token norms fold case, full-width forms and traditional
                                  Chinese (so 輝達 matches 辉达 and ＯｐｅｎＡＩ matches OpenAI)
    newsgraph_sentencizer         sentences at 。！？；!?; and line ends, field lines
                                  (发生了什么: / What happened:) start their own sentence
    newsgraph_catalog_ruler       catalog names, aliases and tickers -> ``doc.ents``
    newsgraph_discovery           names the catalog does not know, typed by cue words
    newsgraph_relations           relation rules over trigger lexicons, per sentence
    newsgraph_impacts             BENEFITS / HURTS from impact fields and inline statements
    newsgraph_event_typer         the event kind of the item

Results live on ``Doc`` and ``Span`` extensions (all named ``newsgraph_*``):

- ``doc.ents``: entity mentions; each span has ``span._.newsgraph_key`` (catalog id, or
  ``label:slug`` for a discovered entity), ``newsgraph_name``, ``newsgraph_known``,
  ``newsgraph_confidence``, ``newsgraph_source`` (``catalog`` / ``discovery``) and
  ``newsgraph_weak`` (a guess kept only when a relation uses it).
- ``doc._.newsgraph_fields``: ``(start_char, end_char, field)`` of digest field lines.
- ``doc._.newsgraph_relations``: :class:`RelationHit` list.
- ``doc._.newsgraph_impacts``: :class:`ImpactHit` list.
- ``doc._.newsgraph_event_kind`` and ``doc._.newsgraph_event_scores``.

The trigger lexicons are data (``data/lexicon.yaml``), validated by :class:`Lexicon`.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy
import spacy
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.errors import CatalogError
from newsgraph.graph.catalog import Catalog, CatalogEntry, default_catalog, load_catalog
from newsgraph.graph.model import EVENT_KINDS, Label, RelType, entity_id, normalise_name
from newsgraph.loaders.digest import FIELDS

__all__ = [
    "ImpactHit",
    "Lexicon",
    "MixedTokenizer",
    "RelationHit",
    "Words",
    "fold",
    "load_lexicon",
]

# --------------------------------------------------------------------------------------
# Folding: length-preserving, so offsets in the folded text are offsets in the original.
# --------------------------------------------------------------------------------------


@cache
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0002ffff"


@lru_cache(maxsize=1 << 16)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        folded = char
    if _is_cjk(folded):
        simplified = _opencc().convert(folded)
        if len(simplified) == 1:
            folded = simplified
    return folded


@lru_cache(maxsize=1 << 12)
def _lower_char(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold(text: str) -> str:
    """Full-width forms to ASCII and traditional to simplified Chinese, char by char.

    >>> fold("輝達與ＯｐｅｎＡＩ")
    '辉达与OpenAI'
    """
    if text.isascii():
        return text
    return "".join([c if c < "\x80" else _fold_char(c) for c in text])


@lru_cache(maxsize=16)
def fold_lower(text: str) -> str:
    """:func:`fold`, then lower case, still one character for one character."""
    folded = fold(text)
    if folded.isascii():
        return folded.lower()
    return "".join([_lower_char(c) for c in folded])


# --------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Words(_Model):
    """A word list in both languages; see the head of ``data/lexicon.yaml`` for the syntax."""

    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    @field_validator("zh", "en")
    @classmethod
    def _valid(cls, values: list[str]) -> list[str]:
        for value in values:
            if not str(value).strip():
                raise ValueError("blank word")
            if str(value).startswith("re:"):
                try:
                    re.compile(value[3:])
                except re.error as exc:
                    raise ValueError(f"bad regular expression {value!r}: {exc}") from None
        return [str(v) for v in values]

    def all(self) -> list[str]:
        return [*self.zh, *self.en]


class RelationRule(_Model):
    type: RelType
    pattern: Literal["svo", "symmetric", "investor", "maker"]
    head: list[Label]
    tail: list[Label]
    triggers: Words
    passive: Words = Field(default_factory=Words)
    raise_: Words = Field(default_factory=Words, alias="raise")

    @field_validator("type")
    @classmethod
    def _fact_type(cls, value: RelType) -> RelType:
        allowed = {
            RelType.PARTNERS_WITH,
            RelType.RELEASED,
            RelType.REGULATES,
            RelType.INVESTS_IN,
            RelType.ACQUIRES,
            RelType.COMPETES_WITH,
            RelType.PARTICIPATES_IN,
            RelType.LEADS,
        }
        if value not in allowed:
            raise ValueError(f"{value} is not a relation the extractor finds; one of {sorted(allowed)}")
        return value


class Discovery(_Model):
    suffixes: dict[Label, Words]
    type_nouns: dict[Label, Words]
    generic: Words
    leading_stopwords: Words
    zh_boundaries: list[str]
    agency_domains: list[str] = Field(default_factory=list)
    first_names: list[str] = Field(default_factory=list)
    sector_blockers: list[str] = Field(default_factory=list)
    descriptors: Words = Field(default_factory=Words)


class ImpactWords(_Model):
    subject: Words = Field(default_factory=Words)
    object: Words = Field(default_factory=Words)

    def all(self) -> list[str]:
        return [*self.subject.all(), *self.object.all()]


class Impacts(_Model):
    BENEFITS: ImpactWords
    HURTS: ImpactWords
    flows: Words = Field(default_factory=Words)

    def all(self) -> list[str]:
        return [*self.BENEFITS.all(), *self.HURTS.all(), *self.flows.all()]


class Lexicon(_Model):
    """The trigger lexicons (``data/lexicon.yaml``)."""

    version: int
    relations: list[RelationRule]
    titles: Words
    ownership: Words
    denial: Words
    negation: Words
    rumour: Words
    impacts: Impacts
    sector_cues: Words = Field(default_factory=Words)
    product_words: Words = Field(default_factory=Words)
    events: dict[str, Words]
    discovery: Discovery

    @field_validator("events")
    @classmethod
    def _kinds(cls, value: dict[str, Words]) -> dict[str, Words]:
        unknown = sorted(set(value) - set(EVENT_KINDS))
        if unknown:
            raise ValueError(f"unknown event kinds {unknown}; known: {list(EVENT_KINDS)}")
        return value


def _lexicon_text(path: str | Path | None) -> tuple[str, str]:
    if path:
        return str(path), Path(path).read_text(encoding="utf-8")
    resource = resources.files("newsgraph.loaders") / "data" / "lexicon.yaml"
    return "lexicon.yaml", resource.read_text(encoding="utf-8")


@cache
def load_lexicon(path: str | None = None) -> Lexicon:
    """The packaged lexicon, or the file at ``path`` (or ``NEWSGRAPH_LEXICON``); validated."""
    path = path or os.environ.get("NEWSGRAPH_LEXICON") or None
    name, text = _lexicon_text(path)
    try:
        raw = yaml.safe_load(text)
        return Lexicon.model_validate(raw)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{name}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise CatalogError(f"{name}: field {where!r}: {err['msg']}") from None


_WILD = "\x00*"  # trie atoms: a character, one-or-more spaces, or a word ending
_SPACE = "\x00 "


def _atoms(word: str) -> tuple[str, ...]:
    out: list[str] = []
    for char in word:
        if char == "*":
            out.append(_WILD)
        elif char.isspace():
            if not out or out[-1] != _SPACE:
                out.append(_SPACE)
        else:
            out.append(char)
    return tuple(out)


def _trie_regex(words: Iterable[tuple[str, ...]]) -> str:
    """One regular expression for many literal words, shaped as a trie (a plain alternation
    of hundreds of words is slow in ``re``); longer words win as in an alternation sorted
    by length."""
    trie: dict = {}
    for atoms in words:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = []
        for atom in sorted((a for a in node if a), key=lambda a: (a in (_WILD, _SPACE), a)):
            child = render(node[atom])
            if atom == _WILD:
                piece = r"[a-z0-9\-]*"
            elif atom == _SPACE:
                piece = r"\s+"
            else:
                piece = re.escape(atom)
            branches.append(piece + child)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return render(trie)


class WordMatcher:
    """One compiled regular expression for a word list, run over the folded, lowered text."""

    def __init__(self, words: Iterable[str]) -> None:
        raw: list[str] = []
        groups: dict[tuple[bool, bool], list[tuple[str, ...]]] = {}
        for word in dict.fromkeys(words):
            if word.startswith("re:"):
                raw.append(word[3:])
                continue
            low = fold_lower(word).strip()
            left = bool(re.match(r"[a-z0-9]", low))
            right = bool(re.search(r"[a-z0-9*]$", low))
            groups.setdefault((left, right), []).append(_atoms(low))
        parts = []
        for (left, right), atoms in sorted(groups.items()):
            body = _trie_regex(atoms)
            parts.append((r"(?<![a-z0-9])" if left else "") + "(?:" + body + ")" + (r"(?![a-z0-9])" if right else ""))
        parts.extend(raw)
        self.regex = re.compile("|".join(parts)) if parts else None
        self._cache: tuple[str, list[tuple[int, int]]] | None = None

    def finditer(self, lowered: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Matches inside ``lowered[start:end]``. A long text is scanned once and its matches
        kept, so that windows over the same text (one per sentence or name) cost a lookup."""
        if self.regex is None:
            return
        end = len(lowered) if end is None else end
        if len(lowered) < 80:
            for match in self.regex.finditer(lowered, start, end):
                if match.end() > match.start():
                    yield match.start(), match.end()
            return
        cached = self._cache
        if cached is None or cached[0] is not lowered:
            found = [(m.start(), m.end()) for m in self.regex.finditer(lowered) if m.end() > m.start()]
            cached = self._cache = (lowered, found)
        found = cached[1]
        index = bisect.bisect_left(found, (start, -1))
        while index < len(found) and found[index][0] < end:
            if found[index][1] <= end:
                yield found[index]
            index += 1

    def search(self, lowered: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        return next(self.finditer(lowered, start, end), None)


# --------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------

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
        for match in _TOKEN_RE.finditer(folded):
            start = match.start()
            if start > pos:
                gap = text[pos:start]
                if words and gap == " ":
                    spaces[-1] = True
                else:
                    if words and gap.startswith(" "):
                        spaces[-1] = True
                        gap = gap[1:]
                    words.append(gap)
                    spaces.append(False)
                    norms.append(gap)
            words.append(text[start : match.end()])
            spaces.append(False)
            norms.append(fold_lower(match.group()))
            pos = match.end()
        if pos < len(text):
            gap = text[pos:]
            if words and gap == " ":
                spaces[-1] = True
            else:
                if words and gap.startswith(" "):
                    spaces[-1] = True
                    gap = gap[1:]
                words.append(gap)
                spaces.append(False)
                norms.append(gap)
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


@spacy.registry.tokenizers("newsgraph.MixedTokenizer.v1")
def create_mixed_tokenizer():
    def make(nlp: Language) -> MixedTokenizer:
        return MixedTokenizer(nlp.vocab)

    return make


# --------------------------------------------------------------------------------------
# Extensions and result records
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelationHit:
    type: RelType
    head: str
    tail: str
    evidence: str
    confidence: float
    start: int  # char offset of the trigger, for stable ordering


@dataclass(frozen=True, slots=True)
class ImpactHit:
    type: RelType
    target: str
    evidence: str
    confidence: float
    start: int


def _set_extensions() -> None:
    for name, default in [
        ("newsgraph_fields", None),
        ("newsgraph_relations", None),
        ("newsgraph_impacts", None),
        ("newsgraph_event_kind", "other"),
        ("newsgraph_event_scores", None),
        ("newsgraph_aliases", None),
        ("newsgraph_sentences", None),
    ]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in [
        ("newsgraph_key", ""),
        ("newsgraph_name", ""),
        ("newsgraph_known", False),
        ("newsgraph_confidence", 1.0),
        ("newsgraph_source", ""),
        ("newsgraph_weak", False),
    ]:
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_set_extensions()

#: the span group holding the entity mentions (the same spans as ``doc.ents``)
MENTIONS = "newsgraph_mentions"


@dataclass(slots=True)
class _Cand:
    """An entity candidate before it becomes a span in ``doc.ents``."""

    start: int  # char offsets
    end: int
    label: Label
    name: str
    key: str
    known: bool
    confidence: float
    source: str
    rank: int  # higher wins overlaps of equal standing
    weak: bool = False


def _span_of(doc: Doc, cand: _Cand) -> Span | None:
    span = doc.char_span(cand.start, cand.end, label=cand.label.value, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    span._.newsgraph_key = cand.key
    span._.newsgraph_name = cand.name
    span._.newsgraph_known = cand.known
    span._.newsgraph_confidence = cand.confidence
    span._.newsgraph_source = cand.source
    span._.newsgraph_weak = cand.weak
    return span


def _cand_of(span: Span, rank: int) -> _Cand:
    return _Cand(
        span.start_char,
        span.end_char,
        Label(span.label_),
        span._.newsgraph_name,
        span._.newsgraph_key,
        span._.newsgraph_known,
        span._.newsgraph_confidence,
        span._.newsgraph_source,
        rank,
        span._.newsgraph_weak,
    )


def _set_ents(doc: Doc, cands: list[_Cand]) -> None:
    """Greedy non-overlapping choice: rank first, then length, then position."""
    chosen: list[_Cand] = []
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    taken = bytearray(size + 1)
    for cand in sorted(cands, key=lambda c: (-c.rank, -(c.end - c.start), c.start)):
        if any(taken[cand.start : cand.end]):
            continue
        chosen.append(cand)
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    spans = []
    used_tokens: set[int] = set()
    for cand in sorted(chosen, key=lambda c: c.start):
        span = _span_of(doc, cand)
        if span is None or any(i in used_tokens for i in range(span.start, span.end)):
            continue
        used_tokens.update(range(span.start, span.end))
        spans.append(span)
    doc.set_ents(spans, default="outside")
    doc.spans[MENTIONS] = spans


TEXT_KEY = "newsgraph_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept by the tokenizer (``doc.text`` joins every token on each call)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


_MARKUP_REGIONS = re.compile(
    r"!\[[^\]\n]*\]\([^)\s]*\)"  # images, alt text included
    r"|(?<=\])\([^)\s]*\)"  # link targets (the link text stays)
    r"|https?://[^\s)\]>\"']+"  # bare URLs
    r"|<[^<>\n]{1,200}>"  # HTML tags
)


def masked_text(doc: Doc) -> str:
    """The text with Markdown images, link targets, URLs and HTML tags blanked out (same
    length), so that ``reddit.com`` in a link or an image caption names nothing."""
    masked = doc.user_data.get("newsgraph_masked")
    if masked is None:
        text = doc_text(doc)
        masked = (
            _MARKUP_REGIONS.sub(lambda m: " " * len(m.group()), text)
            if ("](" in text or "<" in text or "://" in text)
            else text
        )
        doc.user_data["newsgraph_masked"] = masked
    return masked


def mentions(doc: Doc) -> list[Span]:
    """The entity mentions, in order: the span group the components keep (reading it does
    not walk every token as ``doc.ents`` does), else ``doc.ents`` (a ``Doc`` built by hand)."""
    if MENTIONS in doc.spans:
        return list(doc.spans[MENTIONS])
    return list(doc.ents)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence; the whole text when none are set."""
    bounds = doc._.newsgraph_sentences
    if bounds is not None:
        return bounds
    if doc.has_annotation("SENT_START"):
        return [(sent.start_char, sent.end_char) for sent in doc.sents]
    return [(0, len(doc_text(doc)))] if len(doc) else []


# --------------------------------------------------------------------------------------
# Sentencizer
# --------------------------------------------------------------------------------------

_FIELD_LINE = re.compile(
    r"^[ \t>*#\-]*(?P<label>" + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) + r")[ \t*]*[:：]",
    re.IGNORECASE | re.MULTILINE,
)
_SENT_END = re.compile(r"[。！？；!?;]+[”’\"'」』）)\]]*|…{1,2}[”’\"']?(?=\s*\n)|\n+")
_EN_PERIOD = re.compile(r"(?<=[A-Za-z0-9\)\]\"'”’%*])\.[\"'”’)\]*]*(?=\s+[\"'“‘(*\[]*[A-Z0-9\u4e00-\u9fff])")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]|U\.S|U\.K|E\.U|Inc|Corp|Ltd|Co|Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|etc|e\.g|i\.e|No|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|Fig|Vol|Gov|Sen|Rep)|^\s*\d{1,2})$"
)


@Language.factory("newsgraph_sentencizer", default_config={"split_on_newline": True})
def make_sentencizer(nlp: Language, name: str, split_on_newline: bool) -> NewsSentencizer:
    return NewsSentencizer(split_on_newline=split_on_newline)


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


# --------------------------------------------------------------------------------------
# Catalog entity ruler
# --------------------------------------------------------------------------------------

_NOT_NAME_START = {
    "ceo",
    "cto",
    "the",
    "a",
    "an",
    "and",
    "or",
    "in",
    "on",
    "at",
    "of",
    "for",
    "with",
    "by",
    "to",
    "from",
    "via",
    "as",
    "is",
    "new",
    "ai",
    "its",
    "their",
    "our",
    "his",
    "her",
    "this",
    "that",
}
_LATIN_TOKEN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F]*$")


def _case_ok(seen: str, form: str) -> bool:
    """Does a Latin token seen in the text fit the capitals of the catalog form?

    Lower-case forms match any case; ALL-CAPS forms (tickers, acronyms) match only
    exactly; other capitalised forms match themselves or their ALL-CAPS spelling.
    """
    if not _LATIN_TOKEN.match(form) or form.islower():
        return True
    if form.isupper():
        return seen == form
    return seen == form or seen == form.upper() or (seen[:1] == form[:1] and seen[1:].lower() == form[1:].lower())


@dataclass(frozen=True, slots=True)
class _Form:
    entry_id: str
    tokens: tuple[str, ...]  # folded token texts, case kept
    case_sensitive: bool
    is_name: bool
    ticker: bool


@Language.factory(
    "newsgraph_catalog_ruler",
    default_config={"catalog_files": [], "min_ticker_length": 3, "lexicon_path": None},
)
def make_catalog_ruler(
    nlp: Language, name: str, catalog_files: list[str], min_ticker_length: int, lexicon_path: str | None
) -> CatalogRuler:
    catalog = load_catalog(catalog_files) if catalog_files else default_catalog()
    return CatalogRuler(nlp, catalog, min_ticker_length=min_ticker_length, lexicon=load_lexicon(lexicon_path))


class CatalogRuler:
    """Catalog names and aliases as phrase patterns over token norms (case- and script-folded).

    Capitalised forms must keep their capitals in the text (the verb "render" is not the
    token Render, "base" is not Base); tickers match case-sensitively, bare (3+ letters)
    or as ``$TICKER``.
    """

    def __init__(
        self, nlp: Language, catalog: Catalog, *, min_ticker_length: int = 3, lexicon: Lexicon | None = None
    ) -> None:
        self.nlp = nlp
        self.min_ticker_length = min_ticker_length
        lexicon = lexicon or load_lexicon()
        self.generic = {normalise_name(w) for w in lexicon.discovery.generic.all()}
        self.sector_cues = WordMatcher(lexicon.sector_cues.all())
        self.set_catalog(catalog)

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.forms: dict[str, list[_Form]] = {}
        patterns: dict[str, Doc] = {}
        tokenizer = self.nlp.tokenizer
        for entry in sorted(catalog.entries.values(), key=lambda e: e.id):
            names = {normalise_name(entry.name)}
            surface = [(form, False) for form in entry.surface_forms]
            surface += [(ticker, True) for ticker in entry.tickers]
            surface += [("$" + ticker, True) for ticker in entry.tickers]
            for form, ticker in surface:
                if ticker and not form.startswith("$") and len(form) < self.min_ticker_length:
                    continue
                doc = tokenizer(form)
                toks = tuple(fold(t.text) for t in doc if not t.is_space)
                if not toks or (len(toks) == 1 and _is_cjk(toks[0])):
                    continue  # one Chinese character (美) is part of too many words (美元)
                key = "\x1f".join(t.norm_ for t in doc if not t.is_space)
                sensitive = ticker or any(_LATIN_TOKEN.match(t) and not t.islower() for t in toks)
                spec = _Form(entry.id, toks, sensitive, normalise_name(form) in names, ticker)
                bucket = self.forms.setdefault(key, [])
                if spec not in bucket:
                    bucket.append(spec)
                if key not in patterns:
                    patterns[key] = doc
        for key, doc in patterns.items():
            self.matcher.add(key, [doc])

    def entry_for(self, seen: tuple[str, ...], key: str) -> CatalogEntry | None:
        best: tuple[int, str] | None = None
        for spec in self.forms.get(key, ()):
            if spec.case_sensitive and not all(_case_ok(s, f) for s, f in zip(seen, spec.tokens, strict=False)):
                continue
            if spec.ticker and seen != spec.tokens:
                continue
            score = (0 if spec.is_name else 1, spec.entry_id)
            if best is None or score < best:
                best = score
        return self.catalog.get(best[1]) if best else None

    def candidates(self, doc: Doc) -> list[_Cand]:
        out = []
        strings = self.nlp.vocab.strings
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            seen = tuple(fold(t.text) for t in span if not t.is_space)
            entry = self.entry_for(seen, strings[match_id])
            if entry is None:
                continue
            out.append(
                _Cand(
                    span.start_char,
                    span.end_char,
                    entry.label,
                    entry.name,
                    entry.id,
                    True,
                    1.0,
                    "catalog",
                    rank=2,
                )
            )
        return out

    def __call__(self, doc: Doc) -> Doc:
        cands = self.candidates(doc)
        text = doc_text(doc)
        masked = masked_text(doc)
        lowered = fold_lower(text)
        kept = []
        for cand in cands:
            if self._inside_other_name(text, cand, cands) or not masked[cand.start : cand.end].strip():
                continue
            if cand.label is Label.SECTOR:
                surface = text[cand.start : cand.end]
                if normalise_name(surface) in self.generic:
                    continue  # "AI 行业": a research domain, not a market (gold convention)
                cand.weak = not self._named_market(surface, lowered, cand.end)
            kept.append(cand)
        _set_ents(doc, kept)
        return doc

    def _named_market(self, surface: str, lowered: str, end: int) -> bool:
        """Is a sector word used as a market (能源板块, AI 算力基础设施, the energy sector)?

        Short generic words (算力, 医疗, 软件, cloud, chips) name a market only next to a
        market word; otherwise the mention is weak: kept when an impact or relation uses it.
        """
        low = fold_lower(surface)
        if self.sector_cues.search(low) is not None:
            return True
        after = lowered[end : end + 6]
        hit = self.sector_cues.search(after)
        if hit is not None and not after[: hit[0]].strip(" 的"):
            return True
        cjk = sum(1 for c in surface if _is_cjk(c))
        latin = re.sub(r"[^A-Za-z]", "", surface)
        if cjk >= 4 or (cjk >= 2 and latin):
            return True
        return bool(latin) and not cjk and (not latin.islower() or len(surface.split()) >= 3)

    @staticmethod
    def _inside_other_name(text: str, cand: _Cand, cands: list[_Cand]) -> bool:
        """``Knowledge Base`` is not the token Base, ``Solar Open`` not the sector solar: a
        one-word alias inside a longer capitalised name the catalog does not know is part of
        that name (a capitalised alias only at the end of it: "Nvidia Blackwell" keeps Nvidia)."""
        surface = text[cand.start : cand.end]
        # "Quill K2 模型" is not the alias "K2 模型": a version-like start continues a name
        versionish = bool(re.match(r"[A-Z]\d+(?:\.\d+)?(?![A-Za-z0-9])", surface))
        if versionish:
            surface = re.match(r"[A-Z]\d+(?:\.\d+)?", surface).group()
        if not versionish and (not _LATIN_TOKEN.match(surface) or surface.isupper() or not surface[:1].isupper()):
            return False
        match = re.search(r"([A-Z][A-Za-z0-9]*)[ \t]$", text[max(0, cand.start - 30) : cand.start])
        if match is not None:
            prev_start = cand.start - len(match.group(0))
            if not any(c.start <= prev_start < c.end for c in cands) and match.group(1).lower() not in _NOT_NAME_START:
                return True
        lower_alias = cand.label is Label.SECTOR  # matched case-insensitively
        follow = re.match(r"[ \t]([A-Z][A-Za-z0-9]*)", text[cand.end : cand.end + 30])
        if lower_alias and follow is not None:
            next_start = cand.end + 1
            return not any(c.start <= next_start < c.end for c in cands)
        return False


# --------------------------------------------------------------------------------------
# Discovery of entities the catalog does not know
# --------------------------------------------------------------------------------------

_CAP = (
    r"(?:(?:[A-Z]\.){2,}|[A-Z\u00C0-\u00DE][A-Za-z0-9\u00C0-\u024F]*"
    r"|[a-z]{1,3}[A-Z][A-Za-z0-9]*)"
)
#: a version after a name: 3, 4.5, 2.5, K2, V3, R1, 4o (not sizes such as 236B or 15T)
_VER = r"(?:\d+(?:\.\d+)*(?:[a-z](?![a-z]))?(?![BTMKbtmk]\b)|[A-Za-z]\d+(?:\.\d+)?)"
_JOIN = r"(?:-|\.(?=[A-Za-z0-9])|[ \t]|[ \t]+(?:of|for|and|&|de|du|del|la|le|on|the)[ \t]+(?:the[ \t]+)?|[ \t]*&[ \t]*)"
_RUN = re.compile(rf"(?<![A-Za-z0-9\u00C0-\u024F$])(?:{_CAP})(?:{_JOIN}(?:{_CAP}|{_VER})(?![A-Za-z0-9]))*")
_HAS_VERSION = re.compile(r"(?:^|[ \-])(?:\d+(?:\.\d+)*[a-z]?|[A-Z]\d+(?:\.\d+)?)(?:$|[ \-])|[A-Za-z]\d+(?:\.\d+)?$")
_SIZE = re.compile(r"^\d+(?:\.\d+)?[BTMKbtmk]$")
_TICKER = re.compile(r"(?<![A-Za-z0-9])\$([A-Z][A-Z0-9]{1,9})(?![A-Za-z0-9])")
_ACRONYM_AFTER = re.compile(r"^\s*[(（]\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*[)）]")
_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》\n]{2,24})[”\"」』》]")
_CJK_RUN_LEFT = re.compile(r"[\u3400-\u9fff]+$")
_DOT_NAME = re.compile(r"[\u3400-\u9fff]{1,6}[·・•][\u3400-\u9fff]{1,8}")
_PERSON_EN = re.compile(r"^[A-Z][a-z'’\-]+(?:[ \t][A-Z]\.)?(?:[ \t][A-Z][a-z'’\-]+){1,2}$")
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤雷"
)
_VERB_START = set("提说表称宣发指认透回在将已于对向的是也和与等直亲签访出接加率带领表曾被把让给要会能可并还又再都就")
_QUOTES = r"[\s*_\"'“”‘’「」《》)）]*"
_COORD = re.compile(
    rf"^(?:{_QUOTES}(?:和|与|及|以及|、|&|and|or|或|跟|同|plus|as well as|,)?{_QUOTES}(?:the\s+)?)$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[*_`~#>\[\]]+")


def _mostly_cjk(text: str, start: int, end: int) -> bool:
    """Is the line around [start, end) Chinese (rather than an English title quoted in it)?"""
    lo = max(text.rfind("\n", 0, start) + 1, start - 60)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + 60)
    window = text[lo:start] + text[end:hi]
    cjk = sum(1 for c in window if _is_cjk(c))
    words = len(re.findall(r"[A-Za-z]+", window))
    return cjk > 0 and cjk >= 1.5 * words


def _is_gloss(text: str, start: int, end: int) -> bool:
    """``知识库(Knowledge Base)``: an English gloss in brackets after a Chinese word."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 1]
    if not before or before[-1] not in "(（" or after not in (")", "）"):
        return False
    return len(before) == 2 and _is_cjk(before[0])


def _clean_name(text: str) -> str:
    text = _MARKUP.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" \t\"'“”‘’「」《》()（）:：,，.。-")
    return text


@Language.factory("newsgraph_discovery", default_config={"lexicon_path": None, "max_zh_name": 10})
def make_discovery(nlp: Language, name: str, lexicon_path: str | None, max_zh_name: int) -> EntityDiscovery:
    return EntityDiscovery(nlp, load_lexicon(lexicon_path), max_zh_name=max_zh_name)


class EntityDiscovery:
    """Finds names the catalog does not list and types them by cue words.

    Cues: type suffixes (爱诗科技, OpenAI基金会, Menlo Ventures, Balancer协议, Department of
    War), versioned model names (GPT-5.1, Kimi K2, Nemotron 3), ``$TICKER``, nouns in
    apposition (AI 编程工具 Cursor, the design platform Figma), people's titles (CEO 奥特曼,
    Jensen Huang, Nvidia's CEO), ``·`` in transliterated names, coordination with a typed
    entity (AMD、英特尔), and acronyms in brackets after a name (… Authority (QIA)).
    Generic words never become entities, whatever their capitals.
    """

    def __init__(self, nlp: Language, lexicon: Lexicon, *, max_zh_name: int = 10) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.max_zh_name = max_zh_name
        disc = lexicon.discovery
        self.generic = {fold_lower(w) for w in disc.generic.all()}
        self.generic_norm = {normalise_name(w) for w in disc.generic.all()}
        self.leading = {w.lower() for w in disc.leading_stopwords.en}
        self.descriptors = WordMatcher(disc.descriptors.all())
        # a verb is never inside a name: relation and impact triggers bound names too
        self.boundaries = WordMatcher(
            [
                *disc.zh_boundaries,
                *(w for rule in lexicon.relations if rule.pattern != "maker" for w in rule.triggers.zh),
                *(w for w in lexicon.impacts.all() if any(_is_cjk(c) for c in w)),
            ]
        )
        self.first_names = set(disc.first_names)
        self.en_suffix: dict[str, Label] = {}
        for label, words in disc.suffixes.items():
            for word in words.en:
                self.en_suffix.setdefault(word.lower().rstrip("."), label)
        self.zh_suffix = [(label, WordMatcher(words.zh)) for label, words in disc.suffixes.items()]
        self.zh_suffix_re = WordMatcher([w for words in disc.suffixes.values() for w in words.zh])
        self.zh_suffix_label: dict[str, Label] = {}
        for label, words in disc.suffixes.items():
            for word in words.zh:
                self.zh_suffix_label.setdefault(fold_lower(word), label)
        self.type_nouns = {label: WordMatcher(words.all()) for label, words in disc.type_nouns.items()}
        self.titles = WordMatcher(lexicon.titles.all())
        self.title_words = {w.lower() for w in lexicon.titles.en if " " not in w} | {"ceo", "cto", "cfo", "coo"}
        self.initiative_words = WordMatcher(disc.suffixes.get(Label.INITIATIVE, Words()).all())
        self.sector_blockers = WordMatcher(disc.sector_blockers)
        self.agency_domain = re.compile(
            "(?:" + "|".join(sorted(map(re.escape, disc.agency_domains), key=len, reverse=True)) + ")$"
        )

    # -- helpers ------------------------------------------------------------------------

    def is_generic(self, name: str) -> bool:
        low = fold_lower(name).strip()
        if not low or low in self.generic or normalise_name(name) in self.generic_norm:
            return True
        if len(normalise_name(name)) < 2 and not _is_cjk(name[:1]):
            return True
        # a name made only of descriptor words (AI 初创, 美国科技) is not a name
        rest = low
        for start, end in sorted(self.descriptors.finditer(low), reverse=True):
            rest = rest[:start] + " " * (end - start) + rest[end:]
        return not rest.strip(" -·.") or normalise_name(rest) in self.generic_norm

    def _near_type(self, lowered: str, start: int, end: int, window: int = 14) -> Label | None:
        """A type noun right before or right after [start, end) (apposition)."""
        best: tuple[int, Label] | None = None
        lo = max(0, start - window)
        for label, matcher in self.type_nouns.items():
            for s, e in matcher.finditer(lowered, lo, min(len(lowered), end + window)):
                if e <= start:
                    gap = lowered[e:start]
                    if re.search(r"[。！？；;\n]|[.!?]\s", gap) or len(gap.strip(" *_\"'“”‘’,，、")) > 6:
                        continue
                    dist = start - e
                elif s >= end:
                    gap = lowered[end:s]
                    if re.search(r"[。！？；;\n,，、]", gap) or len(gap.strip(" *_\"'“”‘’")) > 2:
                        continue
                    dist = s - end
                else:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, label)
        return best[1] if best else None

    def _make(self, start, end, label, name, confidence, rank, weak=False) -> _Cand | None:
        name = _clean_name(name)
        if not name or not name[0].isalnum() or (self.is_generic(name) and label is not Label.SECTOR):
            return None
        return _Cand(start, end, label, name, entity_id(label, name), False, confidence, "discovery", rank, weak)

    # -- generators ---------------------------------------------------------------------

    def latin_runs(self, doc: Doc, text: str, lowered: str, taken: list[_Cand], sent_starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        catalog_at = sorted(((c.start, c.end, c) for c in taken), key=lambda t: (t[0], t[1]))
        for match in _RUN.finditer(text):
            for seg_start, seg_end, base in self._segments(text, match.start(), match.end(), catalog_at):
                cand = self._type_run(doc, text, lowered, seg_start, seg_end, base, sent_starts)
                if cand is not None:
                    out.append(cand)
        return out

    def _segments(self, text, start, end, catalog_at):
        """Split a run at "and" between names and around catalog names; the last catalog
        name may be extended by the words after it (OpenAI Foundation, Figma Weave)."""
        inside = [(s, e, c) for s, e, c in catalog_at if s < end and e > start]
        if not inside:
            # "Anthropic and the DOE" is two names; "Research & Development Office" is one
            pieces = re.split(r"([ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?)", text[start:end])
            last = text[start:end].split()[-1].lower().rstrip(".")
            if len(pieces) > 1 and self.en_suffix.get(last) is None:
                pos = start
                for piece in pieces[::2]:
                    at = text.index(piece, pos)
                    yield at, at + len(piece), None
                    pos = at + len(piece)
                return
            yield start, end, None
            return
        pos = start
        for index, (s, e, cand) in enumerate(inside):
            if s > pos:
                # text between: keep it separate
                yield pos, s, None
            rest = text[e:end]
            if index == len(inside) - 1 and s >= start and e < end and re.match(r"[ \t-]*[A-Z0-9]", rest):
                # catalog name followed by more capitalised words in the same run
                yield s, end, cand
                return
            pos = max(pos, e)
        if pos < end:
            yield pos, end, None

    def _type_run(self, doc, text, lowered, start, end, base: _Cand | None, sent_starts) -> _Cand | None:
        raw = text[start:end]
        words = raw.split()
        bracketed = text[max(0, start - 1) : start] in ("(", "（", "“", '"', "《")
        if bracketed and len(words) > 2 and words[0] == "The" and self.en_suffix.get(words[-1].lower().rstrip(".")):
            words = ["\x00", *words]  # "(The Browser Company)": the article is part of the name
        # cut leading stopwords and titles
        while words and (words[0].lower() in self.leading or words[0].lower().rstrip(".") in self.title_words):
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        if words and words[0] == "\x00":
            words = words[1:]
        if not words:
            return None
        start = text.index(words[0], start)
        raw = text[start:end].rstrip(" -.&")
        end = start + len(raw)
        while raw.split() and raw.split()[-1].lower() in {"of", "for", "and", "the", "de", "on", "&"}:
            raw = raw[: raw.rfind(" ")].rstrip()
            end = start + len(raw)
        if not raw or self.is_generic(raw):
            return None
        last = raw.split()[-1].lower().rstrip(".")
        nwords = len(raw.split())
        zh_context = _mostly_cjk(text, start, end)
        suffix_label = self.en_suffix.get(last) if nwords > 1 else None
        if suffix_label is None and nwords > 1:
            for word in raw.split()[:-1]:
                if self.en_suffix.get(word.lower()) is Label.AGENCY and re.search(r"\bof\b", raw):
                    suffix_label = Label.AGENCY
                    break
        if base is not None:
            # a catalog name extended: keep the longer name only with a cue that says so
            tail = text[base.end : end].strip()
            if not tail or self.is_generic(tail) or _SIZE.match(tail.split()[0]):
                return None
            if tail.split()[0].lower() in self.title_words:
                return self._type_run(doc, text, lowered, base.end, end, None, sent_starts)
            if suffix_label is not None and (
                suffix_label is not Label.AGENCY or base.label in (Label.COUNTRY, Label.AGENCY)
            ):
                return self._make(start, end, suffix_label, raw, 0.8, rank=3)
            if base.label in (Label.MODEL, Label.PRODUCT) and _HAS_VERSION.search(" " + tail + " "):
                return self._make(start, end, base.label, raw, 0.8, rank=3)
            near = self._near_type(lowered, start, end)
            if near in (Label.MODEL, Label.PRODUCT) and base.label in (Label.COMPANY, Label.MODEL, Label.PRODUCT):
                return self._make(start, end, near, raw, 0.7, rank=3)
            if base.label is Label.COMPANY and not _PERSON_EN.match(tail):
                # "Figma Weave", "Google AI Pro": a company's named offering
                return self._make(start, end, Label.PRODUCT, raw, 0.5, rank=3)
            if base.label is Label.MODEL and re.fullmatch(r"[A-Z][a-z]+", tail):
                return self._make(start, end, Label.MODEL, raw, 0.6, rank=3)  # Gemini Robotics
            # otherwise the catalog name stands and the rest is typed on its own
            return self._type_run(doc, text, lowered, base.end, end, None, sent_starts)
        if _is_gloss(text, start, end) and suffix_label is None:
            return None  # 知识库(Knowledge Base): a translation, not a name
        if (
            all(_SIZE.match(w) or w.isdigit() for w in raw.split()[1:])
            and nwords > 1
            and self.is_generic(raw.split()[0])
        ):
            return None
        if suffix_label is not None:
            return self._make(start, end, suffix_label, raw, 0.8, rank=1)
        if nwords == 1 and self.en_suffix.get(last) is not None and not raw[:1].isupper():
            return None
        if nwords == 1 and last in self.en_suffix:
            return None
        near = self._near_type(lowered, start, end)
        version = (
            _HAS_VERSION.search(" " + raw + " ")
            and not re.fullmatch(r"[\d. ]+", raw)
            and not (nwords > 1 and self.is_generic(raw.split()[-2]))  # Impact Level 5, Series 3
        )
        if version and near not in (Label.PRODUCT, Label.COMPANY, Label.TOKEN):
            return self._make(start, end, Label.MODEL, raw, 0.7, rank=1)
        if near is Label.PERSON or (near is None and self._title_near(lowered, start, end)):
            if _PERSON_EN.match(raw):
                return self._make(start, end, Label.PERSON, raw, 0.7, rank=1)
            if near is Label.PERSON:
                near = None
        if near is not None and near is not Label.PERSON:
            return self._make(start, end, near, raw, 0.6, rank=1)
        if _PERSON_EN.match(raw) and self._said_near(lowered, start, end):
            return self._make(start, end, Label.PERSON, raw, 0.6, rank=1)
        sentence_initial = start in sent_starts or (
            text[max(0, start - 3) : start].strip(" *_\"'“‘#>-") == ""
            and (start == 0 or text[:start].rstrip(" *_\"'“‘#>-").endswith(("\n", ".", "!", "?", ":")))
        )
        if _PERSON_EN.match(raw) and raw.split()[0] in self.first_names:
            return self._make(start, end, Label.PERSON, raw, 0.6, rank=1)
        if zh_context:
            if raw.isupper() and len(raw.replace(" ", "")) <= 4:
                return self._make(start, end, Label.COMPANY, raw, 0.4, rank=0, weak=True)
            return self._make(start, end, Label.COMPANY, raw, 0.55, rank=0)
        if sentence_initial and nwords == 1:
            # "Rivos was acquired" or "Food delivery platform ...": a guess a relation must confirm
            return self._make(start, end, Label.COMPANY, raw, 0.3, rank=0, weak=True)
        return self._make(start, end, Label.COMPANY, raw, 0.4, rank=0, weak=True)

    def _title_near(self, lowered: str, start: int, end: int) -> bool:
        before = lowered[max(0, start - 24) : start]
        after = lowered[end : end + 48]
        hit = self.titles.search(before)
        if hit is not None:
            gap = before[hit[1] :]
            if len(gap.strip(" ,*_")) <= 2 or re.fullmatch(r"\s*(?:of\s+)?[\w\s.'’]{0,20}?[,\s]*", gap):
                return True
        if re.match(r"[\s*_]*,", after):
            return self.titles.search(after, 0, 48) is not None
        return False

    def _said_near(self, lowered: str, start: int, end: int) -> bool:
        before = lowered[max(0, start - 12) : start]
        after = lowered[end : end + 12]
        return bool(
            re.search(r"\b(said|says|told|by|according to)\s*$", before) or re.match(r",?\s*(said|says|told)\b", after)
        )

    def zh_suffixed(self, text: str, lowered: str, taken: list[_Cand]) -> list[_Cand]:
        """``<name><suffix>`` in Chinese: 爱诗科技, 波兰华沙证券交易所, OpenAI基金会, 财政部,
        Balancer协议, Agent创作助手, 传统数据服务行业. The name runs left from the suffix over
        Chinese characters until a boundary word, then over a Latin word or a catalog name
        right before it."""
        out = []
        catalog = sorted(taken, key=lambda c: c.start)
        for s, e in self.zh_suffix_re.finditer(lowered):
            suffix = lowered[s:e]
            label = self.zh_suffix_label.get(suffix)
            if label is None or not _mostly_cjk(text, s, e):
                continue
            left = self._left_edge(text, lowered, s, catalog)
            covering = [c for c in catalog if c.start < e and c.end > s]
            if any(c.start <= left and c.end >= e for c in covering):
                continue  # the whole candidate is a catalog name (美国能源部)
            if any(c.label is not Label.SECTOR for c in covering):
                continue  # the suffix ends another name (…增持比特币: 币 belongs to 比特币)
            prefix = text[left:s].strip()
            if label is Label.SECTOR:
                # a sector is described by generic words (数据服务行业); only a generic
                # whole (该行业, 整个行业) is no sector
                generic = (
                    normalise_name(text[left:e]) in self.generic_norm or normalise_name(prefix) in self.generic_norm
                )
            else:
                generic = self.is_generic(prefix) or self.is_generic(text[left:e])
            if not prefix or generic:
                continue
            contained = [c for c in catalog if left <= c.start and c.end <= s and c.label is not Label.SECTOR]
            sectors = [c for c in catalog if left <= c.start and c.end <= s and c.label is Label.SECTOR]
            latin = bool(re.search(r"[A-Za-z]", prefix))
            cjk = sum(1 for c in prefix if _is_cjk(c))
            if cjk == 1 and not latin and not contained:
                continue
            if label in (Label.TOKEN, Label.INITIATIVE, Label.PRODUCT, Label.MODEL) and not (latin or contained):
                continue  # 降低链, 长流程任务, 国民应用, 三款模型: Chinese words, not names
            rest = prefix
            for c in contained:
                rest = rest.replace(text[c.start : c.end], "")
            if label in (Label.PRODUCT, Label.MODEL) and not rest.strip(" 0123456789"):
                continue  # 以太坊ETF: a kind of product named after a token, not a product name
            if label is Label.INITIATIVE and (
                self.boundaries.search(lowered, e, e + 4) == (e, e + 1)
                or re.match(r"\s*(?:在|将|于|明年|今年|下周|推出|发布|上线|开始)", text[e : e + 4])
            ):
                continue  # "Tether计划在…推出": 计划 is the verb "plans to"
            if label is Label.AGENCY:
                place = any(c.start == left and c.label in (Label.COUNTRY, Label.AGENCY) for c in contained)
                if not (place or self.agency_domain.search(prefix)):
                    continue  # 共享部 is no ministry, 首尔办公室 no agency; 财政部, 美国政府 are
            if label is Label.SECTOR:
                follow = lowered[e : e + 2]
                if self.sector_blockers.search(follow) and self.sector_blockers.search(follow)[0] == 0:
                    continue  # 行业格局, 行业巨头: the suffix starts another noun
                if len(sectors) == 1 and not contained and sectors[0].start == left:
                    base = sectors[0]  # 能源 + 板块 is the catalog sector energy
                    out.append(_Cand(left, e, base.label, base.name, base.key, True, 1.0, "catalog", 3))
                    continue
            name = text[left:e]
            if label in (Label.PRODUCT, Label.MODEL, Label.TOKEN) and re.fullmatch(r"[A-Za-z0-9 .\-]+", prefix):
                name = prefix  # "Dia 浏览器" is Dia; the full form stays a surface
            elif label is Label.COMPANY and suffix in ("公司", "企业") and re.fullmatch(r"[A-Za-z0-9 .&\-]+", prefix):
                name = prefix  # "Rivos公司" is Rivos
            rank = 3 if contained else 1
            cand = self._make(left, e, label, name, 0.7, rank=rank)
            if cand is not None:
                out.append(cand)
        return out

    def _left_edge(self, text: str, lowered: str, s: int, catalog: list[_Cand]) -> int:
        left = s
        floor = max(0, s - self.max_zh_name)
        while left > floor and _is_cjk(text[left - 1]):
            left -= 1
        # stop after the last boundary word inside the stretch (收购|浏览器公司)
        cut = False
        for _bs, be in self.boundaries.finditer(lowered, left, s):
            left, cut = max(left, be), True
        # a catalog name cut by the boundary is taken whole
        for cand in catalog:
            if cand.start < left < cand.end:
                left, cut = cand.start, False
        if cut:
            return left
        # a Latin word (Agent创作助手, OpenAI基金会) and a catalog name (英伟达AI芯片) before it
        for _ in range(2):
            m = re.search(
                r"(?<![A-Za-z])(?:[A-Z0-9]|[a-z]+[A-Z0-9])[A-Za-z0-9.\-]*(?:[ \t][A-Z0-9][A-Za-z0-9.\-]*)*[ \t]?$",
                text[max(0, left - 40) : left],
            )
            # a generic word (Agent创作助手) starts the name; it does not join one before it
            # (香港证监会|Q2虚拟资产ETF), unless it sits right before the suffix (英伟达AI芯片)
            attach = not (m is not None and self.is_generic(m.group(0).strip()) and left != s)
            if m is not None and m.group(0).strip():
                left -= len(m.group(0))
            if not attach:
                break
            ends_here = [c for c in catalog if c.end == left and c.label is not Label.SECTOR]
            if ends_here:
                left = ends_here[0].start
            elif m is None:
                break
        return left

    def tickers(self, text: str) -> list[_Cand]:
        out = []
        for match in _TICKER.finditer(text):
            cand = self._make(match.start(), match.end(), Label.TOKEN, match.group(1), 0.8, rank=1)
            if cand is not None:
                out.append(cand)
        return out

    def people_zh(self, text: str, lowered: str) -> list[_Cand]:
        out = []
        for match in _DOT_NAME.finditer(text):
            s, e = match.span()
            dot = text.index(match.group()[match.group().find("·") if "·" in match.group() else 0], s)
            for bs, _be in self.boundaries.finditer(lowered, dot + 1, e):
                e = bs  # 约翰·泽塔|表示
                break
            for i in range(dot + 3, e):
                if text[i] in _VERB_START:
                    e = i  # 马斯克|说
                    break
            # trim a boundary prefix: 埃隆·马斯克 keeps all; 的埃隆·马斯克 drops 的
            cut = s
            for _bs, be in self.boundaries.finditer(lowered, s, text.index("·", s) if "·" in text[s:e] else e):
                cut = max(cut, be)
            cand = self._make(cut, e, Label.PERSON, text[cut:e], 0.7, rank=1)
            if cand:
                out.append(cand)
        for s, e in self.titles.finditer(lowered):
            tail = text[e : e + 4]
            tail = tail.lstrip(" ")
            offset = e + (len(text[e : e + 4]) - len(tail))
            m = re.match(r"[\u4e00-\u9fff]{2,3}", tail)
            if not m or not any(_is_cjk(c) for c in text[max(0, s - 6) : s + 1] + tail[:1]):
                continue
            name = m.group()
            if name[0] not in _SURNAMES and len(name) == 2:
                continue
            if len(name) == 3 and name[2] in _VERB_START:
                name = name[:2]
            if name[0] in _VERB_START or self.is_generic(name):
                continue
            cand = self._make(offset, offset + len(name), Label.PERSON, name, 0.6, rank=1)
            if cand:
                out.append(cand)
        return out

    def quoted(self, text: str, lowered: str) -> list[_Cand]:
        out = []
        for match in _QUOTED.finditer(text):
            after = lowered[match.end() : match.end() + 6]
            hit = self.initiative_words.search(after)
            if hit is None or after[: hit[0]].strip():
                continue
            inner = match.group(1).strip()
            if len(inner) > 20 or self.is_generic(inner):
                continue
            end = match.end() + hit[1]
            cand = self._make(match.start(1), end, Label.INITIATIVE, inner, 0.7, rank=1)
            if cand:
                out.append(cand)
        return out

    # -- the component ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = masked_text(doc)  # discovery never looks inside links, images and tags
        lowered = fold_lower(text)
        folded = fold(text)
        known = [_cand_of(span, 2) for span in mentions(doc)]
        sent_starts = {start for start, _end in sentence_bounds(doc)}
        cands = list(known)
        cands += self.zh_suffixed(folded, lowered, known)
        cands += self.tickers(folded)
        cands += self.people_zh(folded, lowered)
        cands += self.quoted(folded, lowered)
        cands += self.latin_runs(doc, folded, lowered, known, sent_starts)
        # a discovered name that is a catalog alias is the catalog entity
        catalog = _catalog_of(self.nlp)
        for cand in cands:
            if cand.source == "discovery" and catalog is not None:
                entries = catalog.lookup(cand.name)
                if entries:
                    entry = entries[0]
                    cand.key, cand.name, cand.label, cand.known = entry.id, entry.name, entry.label, True
                    cand.weak, cand.confidence = False, max(cand.confidence, 0.9)
        _harmonise(cands)
        _set_ents(doc, cands)
        self._acronyms(doc, folded)
        self._coordination(doc, folded)
        return doc

    def _acronyms(self, doc: Doc, text: str) -> None:
        """``Name (ACR)``: ACR is another surface of Name, here and later in the item."""
        aliases: dict[str, _Cand] = {}
        cands = [_cand_of(span, 2 if span._.newsgraph_known else 1) for span in mentions(doc)]
        # guesses (an acronym typed by default) give way to the alias; cue-typed names do not
        guesses = {(c.start, c.end) for c in cands if c.source == "discovery" and c.confidence <= 0.55}
        taken = bytearray(len(text) + 1)
        for cand in cands:
            if (cand.start, cand.end) not in guesses:
                taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        for cand in list(cands):
            match = _ACRONYM_AFTER.match(text[cand.end : cand.end + 20])
            if not match:
                continue
            acr = match.group(1)
            s = cand.end + match.start(1)
            e = s + len(acr)
            if any(taken[s:e]) or self.is_generic(acr):
                continue
            alias = _Cand(s, e, cand.label, cand.name, cand.key, cand.known, cand.confidence, cand.source, 4, cand.weak)
            cands.append(alias)
            taken[s:e] = b"\x01" * (e - s)
            aliases[acr] = cand
        for acr, cand in aliases.items():
            flags = re.IGNORECASE if len(acr) >= 3 else 0  # DOW, later DoW
            for match in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(acr)}(?![A-Za-z0-9])", text, flags):
                s, e = match.span()
                if any(taken[s:e]):
                    continue
                cands.append(
                    _Cand(s, e, cand.label, cand.name, cand.key, cand.known, cand.confidence, cand.source, 4, cand.weak)
                )
                taken[s:e] = b"\x01" * (e - s)
        if aliases:
            doc._.newsgraph_aliases = {acr: cand.key for acr, cand in aliases.items()}
            _set_ents(doc, cands)

    def _coordination(self, doc: Doc, text: str) -> None:
        """A guessed name listed with typed names (AMD、英特尔) takes their type."""
        ents = mentions(doc)
        changed = False
        for i, span in enumerate(ents):
            if span._.newsgraph_source != "discovery" or span._.newsgraph_confidence > 0.55:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(ents):
                    continue
                other = ents[j]
                if other._.newsgraph_source == "discovery" and other._.newsgraph_confidence <= 0.55:
                    continue
                lo, hi = (other.end_char, span.start_char) if j < i else (span.end_char, other.start_char)
                if not _COORD.match(text[lo:hi]):
                    continue
                label = Label(other.label_)
                if label in (Label.SECTOR, Label.INITIATIVE):
                    continue
                name = span._.newsgraph_name
                new = Span(doc, span.start, span.end, label=label.value)
                new._.newsgraph_key = span._.newsgraph_key if span._.newsgraph_known else entity_id(label, name)
                new._.newsgraph_name = name
                new._.newsgraph_known = span._.newsgraph_known
                new._.newsgraph_confidence = 0.6
                new._.newsgraph_source = "discovery"
                new._.newsgraph_weak = False
                ents[i] = new
                changed = True
                break
        if changed:
            doc.set_ents(ents, default="outside")
            doc.spans[MENTIONS] = ents


def _harmonise(cands: list[_Cand]) -> None:
    """One name, one entity per item: every mention of a discovered name takes the type of
    its best-supported mention (a cue beats a default guess)."""
    groups: dict[str, list[_Cand]] = {}
    for cand in cands:
        if cand.source == "discovery" and not cand.known:
            groups.setdefault(normalise_name(cand.name), []).append(cand)
    for group in groups.values():
        if len(group) < 2:
            continue
        best = max(group, key=lambda c: (not c.weak, c.confidence, c.rank, -c.start))
        for cand in group:
            cand.label, cand.key, cand.name = best.label, best.key, best.name
            cand.weak, cand.confidence = best.weak, best.confidence


def _catalog_of(nlp: Language) -> Catalog | None:
    if "newsgraph_catalog_ruler" in nlp.pipe_names:
        return nlp.get_pipe("newsgraph_catalog_ruler").catalog
    return None


# --------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------

_CLAUSE_ZH = re.compile(r"[，,；;：:]")
_CLAUSE_EN = re.compile(r"[;:]|,\s+(?:but|while|whereas|and\s+(?:it|they|the|this))\b")
_ATTRIBUTION = re.compile(
    r"\s*(?:根据|依据|据|来自|援引|according to|per|citing|as reported by|via)(?![a-z])", re.IGNORECASE
)
_PREPOSITION = re.compile(
    r"(?:与|和|同|跟|及|\bwith|\bbetween|\band)\s*[*_“\"]*\s*(?:[\u4e00-\u9fff]{0,6}[*_“\"]*)?\s*$", re.IGNORECASE
)
_PREP_BEFORE = re.compile(
    r"(?:来自|对|向|从|与|和|跟|同|被|由|给|为|在|于|比|\bof|\bfrom|\bwith|\bby|\bagainst|\bfor|\bto|\bthan|\blike)\s*[*_“\"]*\s*$"
)
_LATTER = re.compile(r"(后者|前者|the latter|the former)", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"\s*(?:的|'s|’s)\s*")
_UNDIRECTED = frozenset({RelType.PARTNERS_WITH, RelType.COMPETES_WITH})
_AGENCY_ANAPHOR = re.compile(
    r"[\s—–\-,:(]*(?:the|its)\s+(?:Department|Ministry|Agency|Commission|Administration|Bureau|Office|Government|"
    r"Authority)['’]s\s+(?:initiative|program|programme|mission|project|plan|effort)"
    r"|[\s—–\-,:(]*(?:该部|该部门|该机构|该委员会|该局)(?:的|主导的|牵头的)\s*(?:计划|项目|任务|行动|倡议)"
)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    label: Label
    key: str
    weak: bool


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    rule: RelationRule
    index: int  # the rule's place in the lexicon


@Language.factory("newsgraph_relations", default_config={"lexicon_path": None, "rumour_confidence": 0.6})
def make_relations(nlp: Language, name: str, lexicon_path: str | None, rumour_confidence: float) -> RelationRules:
    return RelationRules(load_lexicon(lexicon_path), rumour_confidence=rumour_confidence)


class RelationRules:
    """Relation facts from trigger words, scoped to a sentence.

    The head is the subject (the entity group before the trigger in its clause, else the
    sentence's first entity, else the previous sentence's in the same paragraph: Chinese
    drops repeated subjects), the tail the object (the entity group after the trigger; in
    Chinese also the one between 对/向 and a nominal trigger, and the head noun of
    ``A的开发商B``). Passive markers (被/由/by) swap them. Denials (否认, denies) drop the
    fact; negations between subject and trigger (拒绝, 未, rejected, not) block it; rumour
    words (据传, reportedly) lower its confidence. Where triggers overlap, the longest wins
    (投资者 is an investor, not 投资).
    """

    def __init__(self, lexicon: Lexicon, *, rumour_confidence: float = 0.6) -> None:
        self.lexicon = lexicon
        self.rumour_confidence = rumour_confidence
        self.rules = [(rule, WordMatcher(rule.triggers.all())) for rule in lexicon.relations]
        self.passive = {id(rule): WordMatcher(rule.passive.all()) for rule in lexicon.relations}
        self.raise_any = WordMatcher([w for rule in lexicon.relations for w in rule.raise_.all()])
        # words that end an object phrase: any other predicate (relation or impact trigger)
        self.predicates = WordMatcher(
            [w for rule in lexicon.relations if rule.pattern != "maker" for w in rule.triggers.all()]
            + lexicon.impacts.all()
        )
        self.denial = WordMatcher(lexicon.denial.all())
        self.negation = WordMatcher(lexicon.negation.all())
        self.rumour = WordMatcher(lexicon.rumour.all())
        self.titles = WordMatcher(lexicon.titles.all())
        disc = lexicon.discovery
        self.maker_words = WordMatcher(
            [w for rule in lexicon.relations if rule.pattern == "maker" for w in rule.triggers.all()]
        )
        # words that cannot sit inside one noun phrase (verbs, prepositions, particles)
        self.clause_words = WordMatcher(
            [
                *(w for rule in lexicon.relations if rule.pattern != "maker" for w in rule.triggers.zh),
                *(w for rule in lexicon.relations for w in rule.raise_.zh),
                *(w for rule in lexicon.relations for w in rule.passive.zh),
                *(w for w in lexicon.impacts.all() if any(_is_cjk(c) for c in w)),
                *disc.zh_boundaries,
            ]
        )
        self.product_nouns = WordMatcher(
            [
                *disc.type_nouns.get(Label.PRODUCT, Words()).all(),
                *disc.suffixes.get(Label.PRODUCT, Words()).all(),
                *lexicon.product_words.all(),
            ]
        )

    def strip_makers(self, gap: str) -> str:
        """A gap with 的 and maker nouns (开发商, developer) blanked: ``A的开发商B`` is one noun phrase."""
        low = fold_lower(gap).replace("的", " ")
        for s, e in sorted(self.maker_words.finditer(low), reverse=True):
            low = low[:s] + " " * (e - s) + low[e:]
        return low

    def triggers(self, lowered: str) -> list[_Trigger]:
        """All trigger words of the text; overlapping ones keep the longest (then the first rule)."""
        found = [
            _Trigger(s, e, rule, index)
            for index, (rule, matcher) in enumerate(self.rules)
            for s, e in matcher.finditer(lowered)
        ]
        found.sort(key=lambda t: (-(t.end - t.start), t.start, t.index))
        taken: list[_Trigger] = []
        for trig in found:
            clash = [t for t in taken if t.start < trig.end and trig.start < t.end]
            if all(t.start == trig.start and t.end == trig.end for t in clash):
                taken.append(trig)  # the same word in two rules (投资 for svo and investor)
        return sorted(taken, key=lambda t: (t.start, t.index))

    @staticmethod
    def groups(mentions: list[_Mention], text: str) -> list[list[_Mention]]:
        """Mentions joined by coordinators (A、B 和 C; A, B and C) or adjacent (中国电信TeleAI)."""
        groups: list[list[_Mention]] = []
        for mention in mentions:
            if groups:
                prev = groups[-1][-1]
                gap = text[prev.end : mention.start]
                if prev.key == mention.key and re.fullmatch(r"\s*[(（]\s*", gap):
                    continue  # US Department of Energy (DOE): one mention
                if _COORD.match(gap) and "\n" not in gap:
                    if prev.key != mention.key:
                        groups[-1].append(mention)
                    continue
            groups.append([mention])
        return groups

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = fold_lower(text)
        hits: list[RelationHit] = []
        blocked: set[tuple[RelType, str, str]] = set()
        ents = [
            _Mention(span.start_char, span.end_char, Label(span.label_), span._.newsgraph_key, span._.newsgraph_weak)
            for span in mentions(doc)
        ]
        prev_topic: list[_Mention] = []
        funded: _Mention | None = None
        triggers = self.triggers(lowered)
        for s0, s1 in sentence_bounds(doc):
            if not text[s0:s1].strip():
                continue
            in_sent = [m for m in ents if s0 <= m.start and m.end <= s1]
            evidence = text[s0:s1].strip()
            ctx = _SentenceContext(self, text, lowered, s0, s1, in_sent, self.groups(in_sent, text), prev_topic)
            funded = ctx.funded(self.raise_any) or funded
            for trig in triggers:
                ts, te, rule = trig.start, trig.end, trig.rule
                if ts < s0 or te > s1 or ctx.inside_mention(ts, te):
                    continue
                if rule.pattern == "investor":
                    found = ctx.investor(rule, ts, te, funded)
                elif rule.pattern == "symmetric":
                    found = ctx.symmetric(rule, ts, te)
                elif rule.pattern == "maker":
                    found = ctx.maker(rule, ts, te)
                else:
                    found = ctx.svo(rule, ts, te, self.passive[id(rule)])
                if not found:
                    continue
                negated = ctx.negated(ts, found)
                conf = self.rumour_confidence if ctx.rumoured(ts) else 1.0
                for rtype, head, tail, c in found:
                    if head.key == tail.key or (head.weak and tail.weak):
                        continue
                    if negated:
                        blocked.add((rtype, head.key, tail.key))
                        continue
                    hits.append(RelationHit(rtype, head.key, tail.key, evidence, min(c, conf), ts))
            hits.extend(ctx.leads_by_title())
            hits.extend(ctx.leads_by_ownership())
            hits.extend(ctx.agency_initiative())
            topic = ctx.topic_group()
            if "\n" in text[s0:s1].strip(" \t")[-1:] + text[s1 : s1 + 2] or not text[s1:].strip():
                prev_topic = []  # a subject carries over sentences of one paragraph only
            elif topic:
                prev_topic = topic
        hits.extend(self.anaphoric_leads(text, ents))
        doc._.newsgraph_relations = _finish_relations(hits, blocked)
        return doc

    @staticmethod
    def anaphoric_leads(text: str, ents: list[_Mention]) -> list[RelationHit]:
        """``the Genesis Mission — the Department's initiative``: the agency named last runs it."""
        out = []
        for match in _AGENCY_ANAPHOR.finditer(text):
            initiatives = [m for m in ents if m.label is Label.INITIATIVE and 0 <= match.start() - m.end <= 4]
            agencies = [m for m in ents if m.label is Label.AGENCY and m.end <= match.start()]
            if initiatives and agencies:
                line_start = text.rfind("\n", 0, match.start()) + 1
                line_end = text.find("\n", match.end())
                evidence = text[line_start : len(text) if line_end < 0 else line_end].strip()
                out.append(
                    RelationHit(RelType.LEADS, agencies[-1].key, initiatives[-1].key, evidence, 0.7, match.start())
                )
        return out


def _finish_relations(hits: list[RelationHit], blocked: set[tuple[RelType, str, str]]) -> list[RelationHit]:
    """Deduplicate (either order for undirected types), apply blocks, resolve overlaps."""
    best: dict[tuple[RelType, str, str], RelationHit] = {}
    for hit in hits:
        pair = tuple(sorted((hit.head, hit.tail))) if hit.type in _UNDIRECTED else (hit.head, hit.tail)
        key = (hit.type, *pair)
        if (hit.type, hit.head, hit.tail) in blocked or (
            hit.type in _UNDIRECTED and (hit.type, hit.tail, hit.head) in blocked
        ):
            continue
        old = best.get(key)
        if old is None:
            best[key] = hit
        elif hit.confidence > old.confidence:
            best[key] = RelationHit(hit.type, old.head, old.tail, old.evidence, hit.confidence, old.start)
    out = list(best.values())
    leads = {(h.head, h.tail) for h in out if h.type is RelType.LEADS}
    out = [h for h in out if not (h.type is RelType.PARTICIPATES_IN and (h.head, h.tail) in leads)]
    return sorted(out, key=lambda h: (h.start, h.type.value, h.head, h.tail))


class _SentenceContext:
    """One sentence: its mentions, their coordinated groups, and the structural helpers."""

    def __init__(self, rules: RelationRules, text, lowered, s0, s1, mentions, groups, prev_topic):
        self.rules = rules
        self.text = text
        self.lowered = lowered
        self.s0, self.s1 = s0, s1
        self.mentions = mentions
        self.groups = groups
        self.prev_topic = prev_topic
        self.zh = _mostly_cjk(text, s0, s0) if s1 > s0 else False
        self.evidence = text[s0:s1].strip()
        self.regulating = False

    # -- geometry -----------------------------------------------------------------------

    def inside_mention(self, s: int, e: int) -> bool:
        return any(m.start < e and s < m.end for m in self.mentions)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        pattern = _CLAUSE_ZH if self.zh else _CLAUSE_EN
        lo = self.s0
        for match in pattern.finditer(self.text, self.s0, pos):
            if not self._in_brackets(match.start()):
                lo = match.end()
        hi = self.s1
        for match in pattern.finditer(self.text, pos, self.s1):
            if not self._in_brackets(match.start()):
                hi = match.start()
                break
        return lo, hi

    def _in_brackets(self, pos: int) -> bool:
        before = self.text[self.s0 : pos]
        return before.count("(") + before.count("（") > before.count(")") + before.count("）")

    def group_of(self, mention: _Mention) -> list[_Mention]:
        for group in self.groups:
            if mention in group:
                return group
        return [mention]

    def allowed(self, group: list[_Mention], labels) -> list[_Mention]:
        """Members with an allowed label; a bare sector word (weak) only as what a regulator
        rules on (稳定币牌照, 监管加密)."""
        return [
            m for m in group if m.label in labels and (not m.weak or m.label is not Label.SECTOR or self.regulating)
        ]

    def before(self, pos: int, labels, lo: int) -> list[_Mention]:
        """The nearest group ending before ``pos`` (from ``lo``) with an allowed member."""
        for group in reversed(self.groups):
            if group[-1].end <= pos and group[0].start >= lo:
                members = self.allowed(group, labels)
                if members:
                    return members
            elif group[0].start < lo:
                break
        return []

    def after(self, pos: int, labels, hi: int, *, possessive: bool = True) -> list[_Mention]:
        """The nearest allowed group after ``pos``, before any other predicate; in Chinese the
        head noun of ``A的开发商B`` / ``RISC-V新锐Rivos``; not a modifier of a product noun
        (比特币期货合约)."""
        candidates = [g for g in self.groups if g[0].start >= pos and g[-1].end <= hi]
        for index, group in enumerate(candidates):
            members = self.allowed(group, labels)
            if self.rules.predicates.search(self.lowered, pos, group[0].start) is not None:
                return []  # another predicate comes first: its object, not ours
            if not members:
                continue
            follow = self.lowered[group[-1].end : group[-1].end + 8]
            if possessive and not self.zh and index + 1 < len(candidates):
                nxt = candidates[index + 1]
                if self.allowed(nxt, labels) and _POSSESSIVE_GAP.fullmatch(self.text[group[-1].end : nxt[0].start]):
                    continue  # Saudi Arabia's Humain: the possessed is the object
            if self.zh and index + 1 < len(candidates):
                nxt = candidates[index + 1]
                gap = self.text[group[-1].end : nxt[0].start]
                if (
                    self.allowed(nxt, labels)
                    and len(gap) <= 10
                    and not re.search(r"[，,。；;、和与及]|以及|\s{2,}", gap)
                    and self.rules.clause_words.search(self.rules.strip_makers(gap)) is None
                ):
                    continue  # a modifier: the head noun comes later
            hit = self.rules.product_nouns.search(follow)
            if (
                self.zh
                and hit is not None
                and hit[0] <= 4
                and not re.search(r"[，,。；;、的]", follow[: hit[0]])
                and members[0].label in (Label.TOKEN, Label.SECTOR, Label.COMPANY)
            ):
                return []  # 比特币和以太坊连续期货合约: the object is the product
            return members
        return []

    def topic(self, labels, pos: int, *, carry: bool = True) -> list[_Mention]:
        """The sentence's subject (its first allowed group before pos, outside a source
        clause), else the previous sentence's (same paragraph)."""
        for group in self.groups:
            if group[0].start >= pos:
                break
            if self.attribution(group[0]):
                continue
            members = self.allowed(group, labels)
            if members:
                return members
        return self.allowed(self.prev_topic, labels) if carry else []

    def attribution(self, mention: _Mention) -> bool:
        """Can the mention not be a subject: inside a source clause (根据 X 爆料, according to
        X), after a preposition (来自 X, with X) or in brackets?"""
        lo, _hi = self.clause_bounds(mention.start)
        if _ATTRIBUTION.match(self.lowered[lo : mention.start]):
            return True
        if self._in_brackets(mention.start):
            return True
        return bool(_PREP_BEFORE.search(self.lowered[max(self.s0, mention.start - 8) : mention.start]))

    def topic_group(self) -> list[_Mention]:
        """Subjects for the next sentences: the first group before any predicate (zero
        subject: none, and the previous topic carries on), plus the first organisation."""
        out: list[_Mention] = []
        actors = (Label.COMPANY, Label.AGENCY, Label.COUNTRY, Label.PERSON)
        for group in self.groups:
            if self.attribution(group[0]):
                continue
            lo, _hi = self.clause_bounds(group[0].start)
            if self.rules.predicates.search(self.lowered, lo, group[0].start) is not None:
                continue
            members = [m for m in group if m.label in actors]
            if members:
                out = members
                break
        if not out:
            return []
        for m in self.mentions:
            if m.label in (Label.COMPANY, Label.AGENCY) and m not in out and not self.attribution(m):
                out = [*out, m]
                break
        return out

    # -- modifiers ----------------------------------------------------------------------

    def negated(self, ts: int, found) -> bool:
        if self.rules.denial.search(self.lowered, self.s0, ts):
            return True
        heads = [h for _, h, _, _ in found if h.end <= ts]
        lo = max((h.end for h in heads), default=self.clause_bounds(ts)[0])
        lo = min(lo, max(self.s0, ts - 3))
        for _s, e in self.rules.negation.finditer(self.lowered, lo, ts):
            if not re.match(r"\s*(?:just|only|merely|simply)\b", self.lowered[e : e + 10]):
                return True
        return False

    def rumoured(self, ts: int) -> bool:
        """A rumour word before the trigger, or in the trigger's clause."""
        _lo, hi = self.clause_bounds(ts)
        return self.rules.rumour.search(self.lowered, self.s0, hi) is not None

    # -- typing -------------------------------------------------------------------------

    @staticmethod
    def _retype(rtype: RelType, head: _Mention, tail: _Mention) -> RelType | None:
        """Label-driven corrections: an agency 'launching' an initiative leads it, etc."""
        if rtype is RelType.RELEASED and head.label in (Label.AGENCY, Label.COUNTRY):
            if tail.label is Label.INITIATIVE:
                return RelType.LEADS
            if tail.label in (Label.SECTOR, Label.COMPANY, Label.TOKEN, Label.PRODUCT):
                return RelType.REGULATES
            return None
        if rtype is RelType.RELEASED and tail.label is Label.INITIATIVE:
            return RelType.PARTICIPATES_IN if head.label is Label.COMPANY else None
        if rtype is RelType.PARTNERS_WITH and Label.INITIATIVE in (head.label, tail.label):
            if tail.label is Label.INITIATIVE and head.label is not Label.INITIATIVE:
                return RelType.PARTICIPATES_IN
            return None
        if rtype is RelType.PARTNERS_WITH and Label.COUNTRY in (head.label, tail.label):
            return None  # working *in* a country is not a partnership with it
        if rtype is RelType.LEADS:
            if head.label is Label.PERSON and tail.label in (Label.COMPANY, Label.AGENCY):
                return rtype
            if head.label in (Label.AGENCY, Label.COUNTRY) and tail.label is Label.INITIATIVE:
                return rtype
            return None
        if rtype is RelType.COMPETES_WITH and head.label is not tail.label:
            return None
        return rtype

    def _typed(self, found):
        out = []
        for rtype, head, tail, conf in found:
            new = self._retype(rtype, head, tail)
            if new is not None:
                if new is RelType.PARTICIPATES_IN and head.label is Label.INITIATIVE:
                    head, tail = tail, head
                out.append((new, head, tail, conf))
        return out

    @staticmethod
    def _pairs(rtype, heads, tails, conf=1.0):
        return [(rtype, h, t, conf) for h in heads for t in tails if h.key != t.key]

    # -- patterns -----------------------------------------------------------------------

    def svo(self, rule: RelationRule, ts: int, te: int, passive: WordMatcher):
        self.regulating = rule.type is RelType.REGULATES
        try:
            return self._svo(rule, ts, te, passive)
        finally:
            self.regulating = False

    def _svo(self, rule: RelationRule, ts: int, te: int, passive: WordMatcher):
        lo, hi = self.clause_bounds(ts)
        head_labels, tail_labels = rule.head, rule.tail
        carry = rule.type is not RelType.REGULATES  # a regulator is named in its sentence
        # passive: X was acquired by Y ; funding from Y
        if not self.zh:
            by_after = passive.search(self.lowered[te : min(hi, te + 6)])
            if by_after is not None and by_after[0] <= 2:
                heads = self.after(te + by_after[1], head_labels, self.s1)
                tails = self.before(ts, tail_labels, lo) or self.topic(tail_labels, ts, carry=carry)
                if heads and tails:
                    return self._typed(self._pairs(rule.type, heads, tails))
        else:
            # X 被/由 Y 收购
            for ps, pe in passive.finditer(self.lowered, lo, ts):
                heads = [m for g in self.groups for m in g if pe <= m.start and m.end <= ts and m.label in head_labels]
                if not heads and self.lowered[ps:pe] in ("遭遇", "遭到", "受到", "遭"):
                    # X 在 Y 遭遇封禁: the agent sits before the marker
                    heads = self.before(ps, head_labels, lo)
                    tails = [t for t in self.topic(tail_labels, ps, carry=False) if t not in heads]
                    if heads and tails:
                        return self._typed(self._pairs(rule.type, heads, tails))
                    continue
                if heads:
                    tails = self.before(ps, tail_labels, lo) or self.topic(tail_labels, ps, carry=carry)
                    tails = [t for t in tails if t.end <= ps]
                    if tails:
                        return self._typed(self._pairs(rule.type, heads, tails))
        heads = self.before(ts, head_labels, lo)
        tails = self.after(te, tail_labels, hi)
        if not tails and self.zh:
            # nominal trigger: 对 X 启动调查 / 比特币增持 / 稳定币牌照
            start = heads[-1].end if heads else lo
            tails = [m for m in self.before(ts, tail_labels, start) if m not in heads]
        if not tails and not self.zh:
            tails = self.after(te, tail_labels, self.s1)
        if rule.type is RelType.RELEASED:
            # a release list: "LG 的 K-Exagone、Upstage 的 Solar Open" -> a maker per product
            pairs = self.possessive_pairs(te, head_labels, tail_labels)
            if len(pairs) >= 2 or (pairs and not heads):
                return self._typed([(rule.type, h, t, 1.0) for h, t in pairs])
        if not heads:
            heads = [h for h in self.topic(head_labels, ts, carry=carry) if h not in tails]
        if not tails and self.zh and heads and rule.type is RelType.REGULATES:
            # 引发英国、法国等多国监管: the regulated is what the sentence is about
            tails = [t for t in self.topic(tail_labels, heads[0].start, carry=False) if t not in heads]
        # a bare sector word is ruled on only right next to the trigger (稳定币牌照, 监管加密)
        tails = [
            t
            for t in tails
            if not (t.weak and t.label is Label.SECTOR) or t.end == ts or (t.start == te and self._ends_phrase(t.end))
        ]
        if not heads or not tails:
            return []
        return self._typed(self._pairs(rule.type, heads, tails))

    def _ends_phrase(self, pos: int) -> bool:
        return bool(re.match(r"\s*(?:[，,。；;、和与及等]|$)", self.text[pos : pos + 2]))

    def possessive_pairs(self, te, head_labels, tail_labels):
        pairs = []
        ms = [m for m in self.mentions if m.start >= te]
        for a, b in itertools.pairwise(ms):
            if (
                a.label in head_labels
                and b.label in tail_labels
                and _POSSESSIVE_GAP.fullmatch(self.text[a.end : b.start])
            ):
                pairs.append((a, b))
        return pairs

    def symmetric(self, rule: RelationRule, ts: int, te: int):
        lo, hi = self.clause_bounds(ts)
        labels = [*rule.head, *(lab for lab in rule.tail if lab not in rule.head)]
        before = self.before(ts, labels, self.s0 if self.zh else lo)
        after = self.after(te, labels, hi, possessive=False)
        after = [m for m in after if m.key not in {b.key for b in before}]
        if not self.zh and after and after[0].start - te > 40:
            after = []  # "collaboration titan ... Weavy": too far to be the partner
        lead = self.text[te : after[0].start] if after else ""
        if len(after) >= 2 and re.fullmatch(r"[\s—\-:：*]*(?:是|为|are|were|between)?[\s—\-:：*]*", lead):
            # 两大死对头——A 和 B / a partnership between A and B
            return self._typed([(rule.type, a, b, 1.0) for i, a in enumerate(after) for b in after[i + 1 :]])
        if before:
            pre = self.text[max(self.s0, before[0].start - 12) : before[0].start]
            gap = self.text[before[-1].end : ts]
            if re.search(r"\b(?:other|others)\b", gap):
                return []  # "A, B, amongst other partners": a list of something else
            if _PREPOSITION.search(pre) or re.search(r"等", gap):
                # 公司与 A 及 B 合作 / A、B 等合作伙伴: partners of the subject
                subject = [m for m in self.topic(rule.head, before[0].start) if m not in before]
                if subject:
                    return self._typed(self._pairs(rule.type, subject, before))
                return []
        if len(before) >= 2:
            found = [(rule.type, a, b, 1.0) for i, a in enumerate(before) for b in before[i + 1 :]]
            if after:
                found += self._pairs(rule.type, before, after)
            return self._typed(found)
        if before and after:
            return self._typed(self._pairs(rule.type, before, after))
        single = before or after
        if single:
            # 与 X 达成合作 / partners with X: the other side is the subject
            same = [single[0].label] if single[0].label is not Label.INITIATIVE else list(rule.head)
            subject = [m for m in self.topic(same, single[0].start) if m not in single]
            if subject:
                return self._typed(self._pairs(rule.type, subject, single))
        return []

    def maker(self, rule: RelationRule, ts: int, te: int):
        """``P 的开发商 C`` / ``C, the developer of P`` / ``P's parent company C``; ``后者是 P
        的开发者`` refers back to the last company named."""
        lo, hi = self.clause_bounds(ts)
        makers_after = self.after(te, rule.head, hi)
        product = self.before(ts, rule.tail, lo)
        if makers_after and product and re.search(r"(?:的|'s|’s)\s*[\w\s]{0,6}$", self.text[product[-1].end : ts]):
            return self._pairs(rule.type, makers_after[:1], product)
        if re.match(r"\s*(?:of|behind)\s", self.lowered[te : te + 8]):
            products = self.after(te, rule.tail, self.s1)
            makers = self.before(ts, rule.head, self.s0)
            if products and makers:
                return self._pairs(rule.type, makers[-1:], products[:1])
        if product and not makers_after and re.search(r"的\s*$", self.text[product[-1].end : ts]):
            ref = _LATTER.search(self.text, lo, product[0].start)
            if ref is not None:
                named = [m for m in self.mentions if m.end <= ref.start() and m.label in rule.head]
                if named:
                    pick = named[-1] if ref.group(1) in ("后者", "the latter") else named[0]
                    return self._pairs(rule.type, [pick], product)
                return []
            makers = [m for m in self.topic(rule.head, product[0].start) if m not in product]
            if makers:
                return self._pairs(rule.type, makers[:1], product)
        return []

    def funded(self, raise_matcher: WordMatcher) -> _Mention | None:
        """The company that raised money in this sentence (subject of 融资 / raised)."""
        for rs, _re in raise_matcher.finditer(self.lowered, self.s0, self.s1):
            subject = self.before(rs, [Label.COMPANY], self.clause_bounds(rs)[0]) or self.topic([Label.COMPANY], rs)
            if subject:
                return subject[0]
        return None

    def investor(self, rule: RelationRule, ts: int, te: int, funded: _Mention | None):
        if funded is None:
            topic = self.topic([Label.COMPANY], ts)
            if not topic:
                return []
            funded = topic[0]
        lo, hi = self.clause_bounds(ts)
        labels = rule.head
        word = self.lowered[ts:te]
        if self.zh and word in ("领投", "参投", "跟投", "共同领投", "联合领投", "出资"):
            investors = self.before(ts, labels, lo)  # 由 A 和 B 领投
        elif self.zh and word == "吸引了":
            investors = self.after(te, labels, self.s1)
        elif self.zh:
            # A、B 都是基石投资者 / A 和 B 作为新投资者加入 / 投资者包括 A
            investors = self.before(ts, labels, lo) or self.after(te, labels, hi)
        else:
            investors = self.after(te, labels, self.s1) or self.before(ts, labels, lo)
        if investors and not self.zh:
            group = self.group_of(investors[0])  # A, B, C and D
            investors = [m for m in group if m.label in labels] or investors
        return [(rule.type, inv, funded, 1.0) for inv in investors if inv.key != funded.key]

    # -- LEADS without a verb -------------------------------------------------------------

    def leads_by_title(self) -> list[RelationHit]:
        """``OpenAI CEO 奥特曼``, ``Nvidia CEO Jensen Huang``, ``X, Anthropic's Chief Executive``,
        ``Jensen Huang, CEO of Nvidia``, ``太子集团创始人陈智``."""
        out = []
        orgs = (Label.COMPANY, Label.AGENCY)
        for ts, te in self.rules.titles.finditer(self.lowered, self.s0, self.s1):
            if self.inside_mention(ts, te):
                continue
            orgs_before = [m for m in self.mentions if m.end <= ts and m.label in orgs]
            people_after = [m for m in self.mentions if m.start >= te and m.label is Label.PERSON]
            people_before = [m for m in self.mentions if m.end <= ts and m.label is Label.PERSON]
            orgs_after = [m for m in self.mentions if m.start >= te and m.label in orgs]
            pair = None
            if orgs_before and people_after:
                org, person = orgs_before[-1], people_after[0]
                if re.fullmatch(r"\s*(?:的|'s|’s)?\s*", self.text[org.end : ts]) and re.fullmatch(
                    r"[\s,*]*", self.text[te : person.start]
                ):
                    pair = (person, org)
            if pair is None and people_before and orgs_before and people_before[-1].end <= orgs_before[-1].start:
                person, org = people_before[-1], orgs_before[-1]
                if re.fullmatch(r"\s*,\s*(?:the\s+)?", self.text[person.end : org.start]) and re.fullmatch(
                    r"\s*(?:'s|’s)\s*", self.text[org.end : ts]
                ):
                    pair = (person, org)
            if pair is None and people_before and orgs_after:
                person, org = people_before[-1], orgs_after[0]
                if re.fullmatch(r"\s*,\s*(?:the\s+)?(?:[\w-]+\s+){0,2}", self.text[person.end : ts]) and re.fullmatch(
                    r"\s+(?:of|at)\s+(?:the\s+)?", self.text[te : org.start]
                ):
                    pair = (person, org)
            if pair is not None:
                out.append(RelationHit(RelType.LEADS, pair[0].key, pair[1].key, self.evidence, 0.9, ts))
        return out

    def leads_by_ownership(self) -> list[RelationHit]:
        """``马斯克的人工智能公司xAI`` / ``Musk's xAI``: the person runs the company."""
        out = []
        for a, b in zip(self.mentions, self.mentions[1:], strict=False):
            if a.label is not Label.PERSON or b.label is not Label.COMPANY:
                continue
            gap = self.text[a.end : b.start]
            if re.fullmatch(r"\s*(?:'s|’s)\s*", gap) or re.fullmatch(
                r"\s*(?:的|旗下的?|创办的|创立的)\s*[\u4e00-\u9fffA-Za-z]{0,8}(?:公司|企业|初创|实验室)\s*[*_]*\s*", gap
            ):
                out.append(RelationHit(RelType.LEADS, a.key, b.key, self.evidence, 0.8, a.start))
        return out

    def agency_initiative(self) -> list[RelationHit]:
        """``美国能源部(DOE)的“创世纪任务”``, ``the Department's initiative``: the agency runs it."""
        out = []
        merged: list[_Mention] = []
        for m in self.mentions:  # 美国能源部 + (DOE) are one mention here
            if (
                merged
                and merged[-1].key == m.key
                and re.fullmatch(r"\s*[(（]?\s*", self.text[merged[-1].end : m.start])
            ):
                merged[-1] = _Mention(merged[-1].start, m.end, m.label, m.key, m.weak)
            else:
                merged.append(m)
        for a, b in itertools.pairwise(merged):
            if a.label not in (Label.AGENCY, Label.COUNTRY) or b.label is not Label.INITIATIVE:
                continue
            gap = self.text[a.end : b.start]
            if re.fullmatch(r"\s*[)）]?\s*(?:的|'s|’s)?\s*[“\"「『《*]*\s*", gap):
                out.append(RelationHit(RelType.LEADS, a.key, b.key, self.evidence, 0.8, a.start))
        return out


# --------------------------------------------------------------------------------------
# Impacts
# --------------------------------------------------------------------------------------

_IMPACT_TARGETS = (Label.SECTOR, Label.TOKEN)
_IMPACT_NEAR = (Label.COMPANY, Label.PRODUCT, Label.MODEL, Label.COUNTRY)
_CLAUSE_IMPACT = re.compile(r"[，,；;：:]")
_CHAIN_START = re.compile(r"\s*(?:以及|及|和|与|还有|并且|and\b|as well as\b|plus\b)", re.IGNORECASE)
_AUX = re.compile(
    r"[\s*_“”\"'‘’]|的|将|已|正|也|或|会|能|可能|将会|有望|都|均|正在|开始|出现|进一步|迅速|大幅|持续|再度|首次|同样|"
    r"\b(?:is|are|was|were|will|would|could|may|might|be|been|being|has|have|had|to|also|further|sharply|likely)\b"
)
_FROM = re.compile(r"(?:从|由|\bfrom)\s*$", re.IGNORECASE)
_PIVOT = re.compile(r"(?:让|使|令|使得|帮助|助|\bhelps?|\bhelped|\blets?|\bmakes?)\s*[*_“\"]*\s*$", re.IGNORECASE)
_BENEFICIARY_NOUN = re.compile(
    r"^['’]?s?\s*(?:customers|clients|users|investors|shareholders|holders|employees|developers|partners|"
    r"用户|客户|投资者|股东|员工|开发者|持有者)",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(r"(?:在|于|\bin|\bat)\s*[*_]*\s*$", re.IGNORECASE)
_OBJECT_PREP_AT = re.compile(r"(?:对于|对|为|给)")
_CAUSAL = re.compile(
    r"导致|使得|使|让|造成|引发|意味着|因为|由于|\b(?:causing|caused|leading to|led to|because|due to|while)\b"
)


@dataclass(frozen=True, slots=True)
class _ImpactTrigger:
    start: int
    end: int
    kind: RelType
    side: str  # subject / object / flow


@Language.factory("newsgraph_impacts", default_config={"lexicon_path": None})
def make_impacts(nlp: Language, name: str, lexicon_path: str | None) -> ImpactRules:
    return ImpactRules(load_lexicon(lexicon_path))


class ImpactRules:
    """BENEFITS / HURTS statements.

    A trigger word affects its subject (X 受益, X 将迎来价值重估, X surges) or its object
    (利好 X, 推动 X, boosts X); money flows (从 X 转向 Y) hurt X and benefit Y. Sectors and
    tokens are the usual targets; companies, products, models and countries count only
    right next to the trigger. In an impact field (可能的影响 / Possible impact) the trigger
    reaches every sector and token on its side of the clause chain (clauses joined by 以及,
    和, and); elsewhere only the nearest one. Modifiers (X 领域的 Y: Y) and examples in
    brackets give way to the head noun; a negation right before the trigger drops it.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        impacts = lexicon.impacts
        self.matchers = [
            (RelType.BENEFITS, "subject", WordMatcher(impacts.BENEFITS.subject.all())),
            (RelType.BENEFITS, "object", WordMatcher(impacts.BENEFITS.object.all())),
            (RelType.HURTS, "subject", WordMatcher(impacts.HURTS.subject.all())),
            (RelType.HURTS, "object", WordMatcher(impacts.HURTS.object.all())),
            (RelType.BENEFITS, "flow", WordMatcher(impacts.flows.all())),
        ]
        self.negation = WordMatcher(lexicon.negation.all())
        self.rumour = WordMatcher(lexicon.rumour.all())

    def triggers(self, lowered: str, ents: list[Span]) -> list[_ImpactTrigger]:
        found = [
            _ImpactTrigger(s, e, kind, side)
            for kind, side, matcher in self.matchers
            for s, e in matcher.finditer(lowered)
            if not any(span.start_char < e and s < span.end_char for span in ents)
        ]
        found.sort(key=lambda t: (-(t.end - t.start), t.start))
        kept: list[_ImpactTrigger] = []
        for trig in found:  # overlapping words: the longest wins
            if not any(k.start < trig.end and trig.start < k.end for k in kept):
                kept.append(trig)
        return sorted(kept, key=lambda t: t.start)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = fold_lower(text)
        ents = mentions(doc)
        triggers = self.triggers(lowered, ents)
        hits: list[ImpactHit] = []
        for s0, s1 in sentence_bounds(doc):
            here = [t for t in triggers if s0 <= t.start and t.end <= s1]
            if not here:
                continue
            in_sent = [span for span in ents if s0 <= span.start_char and span.end_char <= s1]
            chains = self._chains(text, s0, s1)
            in_field = field_at(doc, s0) == "impact"
            evidence = text[s0:s1].strip()
            base = 0.9 if in_field else 0.7
            if self.rumour.search(lowered, s0, s1):
                base -= 0.1
            for trig in here:
                negation = self.negation.search(lowered, max(s0, trig.start - 3), trig.start)
                if negation is not None:
                    continue
                lo, hi = next(((a, b) for a, b in chains if a <= trig.start < b), (s0, s1))
                for span, kind in self._targets(text, trig, in_sent, lo, hi, in_field):
                    hits.append(ImpactHit(kind, span._.newsgraph_key, evidence, base, span.start_char))
        best: dict[tuple[RelType, str], ImpactHit] = {}
        for hit in hits:
            key = (hit.type, hit.target)
            if key not in best or hit.confidence > best[key].confidence:
                best[key] = hit
        doc._.newsgraph_impacts = sorted(best.values(), key=lambda h: (h.start, h.type.value, h.target))
        return doc

    @staticmethod
    def _chains(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
        """Clauses of the sentence, joined when the next one starts with a coordinator."""
        cuts = [s0]
        depth = 0
        for i in range(s0, s1):
            char = text[i]
            if char in "(（":
                depth += 1
            elif char in ")）":
                depth = max(0, depth - 1)
            elif depth == 0 and _CLAUSE_IMPACT.match(char) and not _CHAIN_START.match(text, i + 1):
                cuts.append(i + 1)
        cuts.append(s1)
        return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    @staticmethod
    def _eligible(span: Span) -> bool:
        label = Label(span.label_)
        return label in _IMPACT_TARGETS or label in _IMPACT_NEAR

    def _targets(self, text, trig: _ImpactTrigger, spans, lo, hi, in_field):
        before = [s for s in spans if lo <= s.start_char and s.end_char <= trig.start and self._eligible(s)]
        after = [s for s in spans if trig.end <= s.start_char and s.end_char <= hi and self._eligible(s)]
        before, after = self._heads(text, before), self._heads(text, after)
        out = []
        if trig.side == "flow":
            source = [s for s in before if _FROM.search(text[max(lo, s.start_char - 4) : s.start_char])]
            out += [(s, RelType.HURTS) for s in self._pick(text, source, trig, "subject", True)]
            out += [(s, RelType.BENEFITS) for s in self._pick(text, after, trig, "object", in_field)]
            return out
        if trig.side == "subject":
            # 让 Meta 在 AI 硬件战场如虎添翼: the one after 让/使 is who fares well (or badly)
            for span in before:
                if (
                    _PIVOT.search(text[max(lo, span.start_char - 4) : span.start_char])
                    and len(text[span.end_char : trig.start]) <= 16
                ):
                    return [(span, trig.kind)]
            before = [s for s in before if not _LOCATIVE.search(text[max(lo, s.start_char - 3) : s.start_char])]
            return [(s, trig.kind) for s in self._pick(text, before, trig, "subject", in_field)]
        picked = [
            s
            for s in self._pick(text, after, trig, "object", in_field)
            if not _BENEFICIARY_NOUN.match(text[s.end_char : s.end_char + 14].lstrip(" *"))
        ]  # "benefits for ASML customers": the customers, not ASML
        if not picked:
            # 对 X 形成冲击 / 为 X 铺平道路 / 对 X 更看重: the object sits between 对/为 and the trigger
            for match in _OBJECT_PREP_AT.finditer(text, max(lo, trig.start - 64), trig.start):
                inside = [s for s in before if s.start_char >= match.end()]
                if inside and inside[0].start_char - match.end() <= 12:
                    group = [inside[0]]
                    for nxt in inside[1:]:
                        if _COORD.match(text[group[-1].end_char : nxt.start_char]):
                            group.append(nxt)
                    return [(s, trig.kind) for s in group]
        return [(s, trig.kind) for s in picked]

    @staticmethod
    def _heads(text: str, spans: list[Span]) -> list[Span]:
        """Drop modifiers (Crypto 领域的 去中心化 AI: the latter is the head noun)."""
        out = []
        for i, span in enumerate(spans):
            if i + 1 < len(spans):
                gap = text[span.end_char : spans[i + 1].start_char]
                if len(gap) <= 8 and re.fullmatch(r"\s*(?:领域|行业|市场|板块|世界|里|中|上)?\s*的\s*", gap):
                    continue
            out.append(span)
        return out

    @staticmethod
    def _pick(text, spans, trig, side, wide):
        """All targets on the trigger's side (impact field), else the nearest one (and its
        coordinated group); companies and the like only right next to the trigger."""
        if not spans:
            return []
        ordered = spans if side == "object" else list(reversed(spans))
        out = []
        for span in ordered:
            gap = text[trig.end : span.start_char] if side == "object" else text[span.end_char : trig.start]
            gap = re.sub(r"[(（][^)）]*[)）]", "", gap)
            near = len(_AUX.sub("", gap)) <= (2 if side == "subject" else 3)
            label = Label(span.label_)
            if side == "object" and not near and label in _IMPACT_TARGETS and not out and len(gap) <= 40:
                near = not re.search(r"[。；;!?！？]", gap) and not _CAUSAL.search(gap)  # 看好 ... 的 DePIN 算力层
            if label in _IMPACT_NEAR or (span._.newsgraph_weak and not wide):
                if near and not out:
                    out.append(span)
                break
            if (
                wide
                or near
                or (
                    out
                    and _COORD.match(
                        text[out[-1].end_char : span.start_char]
                        if side == "object"
                        else text[span.end_char : out[-1].start_char]
                    )
                )
            ):
                out.append(span)
            elif not out:
                break
        return out


# --------------------------------------------------------------------------------------
# Event typing
# --------------------------------------------------------------------------------------

_REL_EVENT = {
    RelType.ACQUIRES: "acquisition",
    RelType.INVESTS_IN: "funding",
    RelType.PARTNERS_WITH: "partnership",
    RelType.PARTICIPATES_IN: "partnership",
    RelType.RELEASED: "release",
    RelType.REGULATES: "regulation",
}


@Language.factory("newsgraph_event_typer", default_config={"lexicon_path": None})
def make_event_typer(nlp: Language, name: str, lexicon_path: str | None) -> EventTyper:
    return EventTyper(load_lexicon(lexicon_path))


class EventTyper:
    """The item's event kind: cue words weighted by place (title and first sentence count
    most) plus the relation types found; ``other`` when nothing speaks."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.matchers = {kind: WordMatcher(words.all()) for kind, words in lexicon.events.items()}

    def scores(self, doc: Doc, title: str = "") -> dict[str, float]:
        text = doc_text(doc)
        lowered = fold_lower(text)
        sentences = sentence_bounds(doc)
        first_end = sentences[0][1] if sentences else len(text)
        # the 'what happened' field leads when there is one
        for _start, end, name in doc._.newsgraph_fields or ():
            if name == "what":
                first_end = max(first_end, end)
                break
        scores = dict.fromkeys(EVENT_KINDS, 0.0)
        title_low = fold_lower(title)
        for kind, matcher in self.matchers.items():
            for _ in matcher.finditer(title_low):
                scores[kind] += 3.0
            for s, _e in matcher.finditer(lowered):
                field = field_at(doc, s)
                if field in ("why", "impact", "source", "date"):
                    continue
                scores[kind] += 2.0 if s < first_end else 1.0
        for hit in doc._.newsgraph_relations or ():
            kind = _REL_EVENT.get(hit.type)
            if kind:
                scores[kind] += 2.5 if hit.start < first_end else 1.0
        return scores

    def __call__(self, doc: Doc) -> Doc:
        scores = self.scores(doc, doc.user_data.get("newsgraph_title", ""))
        doc._.newsgraph_event_scores = scores
        best = max(EVENT_KINDS, key=lambda k: (scores[k], -EVENT_KINDS.index(k)))
        doc._.newsgraph_event_kind = best if scores[best] > 0 else "other"
        return doc
