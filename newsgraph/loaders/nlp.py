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

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import spacy
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
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
    descriptors: Words = Field(default_factory=Words)


class Lexicon(_Model):
    """The trigger lexicons (``data/lexicon.yaml``)."""

    version: int
    relations: list[RelationRule]
    titles: Words
    ownership: Words
    denial: Words
    negation: Words
    rumour: Words
    impacts: dict[Literal["BENEFITS", "HURTS"], Words]
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


class WordMatcher:
    """One compiled regular expression for a word list, run over the folded, lowered text."""

    def __init__(self, words: Iterable[str]) -> None:
        parts: list[tuple[int, str]] = []
        for word in dict.fromkeys(words):
            if word.startswith("re:"):
                parts.append((len(word), word[3:]))
                continue
            low = fold_lower(word)
            pattern = re.escape(low).replace(r"\*", r"[a-z0-9\-]*").replace(r"\ ", r"\s+")
            if re.match(r"[a-z0-9]", low):
                pattern = r"(?<![a-z0-9])" + pattern
            if re.search(r"[a-z0-9*]$", low) or low.endswith("*"):
                pattern = pattern + r"(?![a-z0-9])"
            parts.append((len(low), pattern))
        parts.sort(key=lambda p: -p[0])
        self.regex = re.compile("|".join(p for _, p in parts)) if parts else None

    def finditer(self, lowered: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        if self.regex is None:
            return
        for match in self.regex.finditer(lowered, start, len(lowered) if end is None else end):
            if match.end() > match.start():
                yield match.start(), match.end()

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
        for token, norm in zip(doc, norms, strict=True):
            if token.norm_ != norm:
                token.norm_ = norm
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
    taken = bytearray(len(doc.text) + 1)
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


# --------------------------------------------------------------------------------------
# Sentencizer
# --------------------------------------------------------------------------------------

_FIELD_LINE = re.compile(
    r"^[ \t>*#\-]*(?P<label>"
    + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True))
    + r")[ \t*]*[:：]",
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
        text = doc.text
        starts = self.boundaries(text)
        fields = []
        for match in _FIELD_LINE.finditer(text):
            end = text.find("\n", match.end())
            fields.append((match.start(), len(text) if end < 0 else end, FIELDS[match["label"].casefold()]))
        doc._.newsgraph_fields = fields
        index = 0
        for token in doc:
            if token.i == 0:
                token.is_sent_start = True
                continue
            is_start = False
            while index < len(starts) and starts[index] <= token.idx:
                if starts[index] > doc[token.i - 1].idx:
                    is_start = True
                index += 1
            # whitespace-only tokens stay with the sentence before them
            token.is_sent_start = is_start and not token.is_space
            if is_start and token.is_space:
                index -= 1
                while index < len(starts) and starts[index] <= token.idx:
                    index += 1
                # the next non-space token opens the sentence
                starts.insert(index, token.idx + len(token.text))
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
    default_config={"catalog_files": [], "min_ticker_length": 3},
)
def make_catalog_ruler(nlp: Language, name: str, catalog_files: list[str], min_ticker_length: int) -> CatalogRuler:
    catalog = load_catalog(catalog_files) if catalog_files else default_catalog()
    return CatalogRuler(nlp, catalog, min_ticker_length=min_ticker_length)


class CatalogRuler:
    """Catalog names and aliases as phrase patterns over token norms (case- and script-folded).

    Capitalised forms must keep their capitals in the text (the verb "render" is not the
    token Render, "base" is not Base); tickers match case-sensitively, bare (3+ letters)
    or as ``$TICKER``.
    """

    def __init__(self, nlp: Language, catalog: Catalog, *, min_ticker_length: int = 3) -> None:
        self.nlp = nlp
        self.min_ticker_length = min_ticker_length
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
                if not toks:
                    continue
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
        _set_ents(doc, self.candidates(doc))
        return doc


# --------------------------------------------------------------------------------------
# Discovery of entities the catalog does not know
# --------------------------------------------------------------------------------------

_CAP = (
    r"(?:(?:[A-Z]\.){2,}|[A-Z\u00C0-\u00DE][A-Za-z0-9\u00C0-\u024F]*(?:[''][A-Z][A-Za-z]*)?"
    r"|[a-z]{1,3}[A-Z][A-Za-z0-9]*|\d+[A-Za-z][A-Za-z0-9]*)"
)
_VER = r"(?:\d+(?:\.\d+)*[A-Za-z]?\+?|[A-Z]\d+(?:\.\d+)?)"
_JOIN = r"(?:[ \t]?[-.][ \t]?|[ \t]|[ \t]+(?:of|for|and|&|de|du|del|la|le|on|the)[ \t]+(?:the[ \t]+)?|[ \t]*&[ \t]*)"
_RUN = re.compile(rf"(?<![A-Za-z0-9\u00C0-\u024F$])(?:{_CAP})(?:{_JOIN}(?:{_CAP}|{_VER})(?![A-Za-z0-9]))*")
_HAS_VERSION = re.compile(r"(?:^|[ \-])(?:\d+(?:\.\d+)*[A-Za-z]?|[A-Z]\d+(?:\.\d+)?)(?:$|[ \-])|[A-Za-z]\d+(?:\.\d+)?$")
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
_COORD = re.compile(
    r"^(?:[\s*_\"'“”‘’「」《》]*(?:和|与|及|以及|、|&|and|or|或|跟|同|plus|as well as|,)?[\s*_\"'“”‘’「」《》]*(?:the\s+)?)$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[*_`~#>\[\]]+")


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
        self.boundaries = WordMatcher(disc.zh_boundaries)
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
                    if re.search(r"[。！？；;\n]", gap) or len(gap.strip(" *_\"'“”‘’,，、")) > 6:
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
        if not name or self.is_generic(name):
            return None
        return _Cand(start, end, label, name, entity_id(label, name), False, confidence, "discovery", rank, weak)

    # -- generators ---------------------------------------------------------------------

    def latin_runs(self, doc: Doc, text: str, lowered: str, taken: list[_Cand], sent_starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        catalog_at = sorted((c.start, c.end, c) for c in taken)
        for match in _RUN.finditer(text):
            for seg_start, seg_end, base in self._segments(text, match.start(), match.end(), catalog_at):
                cand = self._type_run(doc, text, lowered, seg_start, seg_end, base, sent_starts)
                if cand is not None:
                    out.append(cand)
        return out

    def _segments(self, text, start, end, catalog_at):
        """Split a run around catalog names, unless the run extends the name with a cue."""
        inside = [(s, e, c) for s, e, c in catalog_at if s < end and e > start]
        if not inside:
            yield start, end, None
            return
        pos = start
        for s, e, cand in inside:
            if s > pos:
                # text between: keep it separate
                yield pos, s, None
            # catalog name followed by more capitalised words in the same run
            if e < end and s >= start:
                yield s, end, cand
            pos = max(pos, e)
        if pos < end:
            yield pos, end, None

    def _type_run(self, doc, text, lowered, start, end, base: _Cand | None, sent_starts) -> _Cand | None:
        raw = text[start:end]
        words = raw.split()
        # cut leading stopwords and titles
        while words and (words[0].lower() in self.leading or words[0].lower().rstrip(".") in {"ceo", "cto", "cfo"}):
            start = text.index(words[0], start) + len(words[0])
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
        zh_context = any(_is_cjk(c) for c in text[max(0, start - 3) : end + 3])
        suffix_label = self.en_suffix.get(last) if nwords > 1 else None
        if suffix_label is None and nwords > 1:
            for word in raw.split()[:-1]:
                if self.en_suffix.get(word.lower()) is Label.AGENCY and re.search(r"\bof\b", raw):
                    suffix_label = Label.AGENCY
                    break
        if base is not None:
            # a catalog name extended: keep the longer name only with a cue that says so
            tail = text[base.end : end].strip()
            if not tail:
                return None
            if suffix_label is not None:
                return self._make(start, end, suffix_label, raw, 0.8, rank=3)
            if base.label in (Label.MODEL, Label.PRODUCT) and _HAS_VERSION.search(" " + tail + " "):
                return self._make(start, end, Label.MODEL if base.label is Label.MODEL else base.label, raw, 0.8, rank=3)
            near = self._near_type(lowered, start, end)
            if near in (Label.MODEL, Label.PRODUCT) and base.label in (Label.COMPANY, Label.MODEL, Label.PRODUCT):
                return self._make(start, end, near, raw, 0.7, rank=3)
            # otherwise the catalog name stands and the rest is typed on its own
            return self._type_run(doc, text, lowered, base.end, end, None, sent_starts)
        if suffix_label is not None:
            return self._make(start, end, suffix_label, raw, 0.8, rank=1)
        if nwords == 1 and self.en_suffix.get(last) is not None and not raw[:1].isupper():
            return None
        if nwords == 1 and last in self.en_suffix:
            return None
        near = self._near_type(lowered, start, end)
        version = _HAS_VERSION.search(" " + raw + " ") and not re.fullmatch(r"[\d. ]+", raw)
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
        sentence_initial = start in sent_starts or text[max(0, start - 3) : start].strip(" *_\"'“‘#>-") == "" and (
            start == 0 or text[: start].rstrip(" *_\"'“‘#>-").endswith(("\n", ".", "!", "?", ":"))
        )
        if zh_context:
            if raw.isupper() and len(raw.replace(" ", "")) <= 4:
                return self._make(start, end, Label.COMPANY, raw, 0.4, rank=0, weak=True)
            return self._make(start, end, Label.COMPANY, raw, 0.55, rank=0)
        if sentence_initial and nwords == 1:
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
        if after.startswith((",", " ,")):
            return self.titles.search(after, 0, 48) is not None
        return False

    def _said_near(self, lowered: str, start: int, end: int) -> bool:
        before = lowered[max(0, start - 12) : start]
        after = lowered[end : end + 12]
        return bool(re.search(r"\b(said|says|told|by|according to)\s*$", before) or re.match(r",?\s*(said|says|told)\b", after))

    def zh_suffixed(self, text: str, lowered: str, taken: list[_Cand]) -> list[_Cand]:
        out = []
        for s, e in self.zh_suffix_re.finditer(lowered):
            suffix = lowered[s:e]
            label = self.zh_suffix_label.get(suffix)
            if label is None:
                continue
            # the name extends left from the suffix over CJK characters (and a Latin word)
            left = s
            floor = max(0, s - self.max_zh_name)
            for cand in taken:  # never cut a catalog name: take it whole
                if cand.start < s <= cand.end:
                    left = cand.start
            while left > floor and _is_cjk(text[left - 1]):
                left -= 1
            # stop after the last boundary word inside the stretch
            cut = left
            for bs, be in self.boundaries.finditer(lowered, left, s):
                cut = max(cut, be)
            left = cut
            for cand in taken:
                if cand.start < left < cand.end:
                    left = cand.start
            if left == s:
                # a Latin name right before the suffix: Dia 浏览器, OpenAI基金会, RGB协议
                m = re.search(r"([A-Z][A-Za-z0-9.\-]*(?:[ \t][A-Z][A-Za-z0-9.\-]*)*)[ \t]?$", text[max(0, s - 40) : s])
                if m is None:
                    continue
                left = s - (len(m.group(0)))
                # include a catalog name that ends there
            prefix = text[left:s].strip()
            if not prefix or self.is_generic(prefix) or self.is_generic(text[left:e]):
                continue
            cjk_prefix = sum(1 for c in prefix if _is_cjk(c))
            if cjk_prefix == 1 and not re.search(r"[A-Za-z]", prefix):
                continue
            name = text[left:e]
            if label in (Label.PRODUCT, Label.MODEL, Label.TOKEN) and re.fullmatch(r"[A-Za-z0-9 .\-]+", prefix):
                # "Dia 浏览器" is Dia; "RGB协议" keeps its word as an alias
                cand = self._make(left, e, label, prefix, 0.7, rank=1)
            else:
                cand = self._make(left, e, label, name, 0.7, rank=1)
            if cand is not None:
                out.append(cand)
        return out

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
            # trim a boundary prefix: 埃隆·马斯克 keeps all; 的埃隆·马斯克 drops 的
            cut = s
            for bs, be in self.boundaries.finditer(lowered, s, text.index("·", s) if "·" in text[s:e] else e):
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
        init = self.lexicon.discovery.suffixes.get(Label.INITIATIVE, Words())
        init_re = WordMatcher(init.all())
        for match in _QUOTED.finditer(text):
            after = lowered[match.end() : match.end() + 6]
            hit = init_re.search(after)
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
        text = doc.text
        lowered = fold_lower(text)
        folded = fold(text)
        known = [_cand_of(span, 2) for span in doc.ents]
        sent_starts = {sent.start_char for sent in doc.sents} if doc.has_annotation("SENT_START") else {0}
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
        _set_ents(doc, cands)
        self._acronyms(doc, folded)
        self._coordination(doc, folded)
        return doc

    def _acronyms(self, doc: Doc, text: str) -> None:
        """``Name (ACR)``: ACR is another surface of Name, here and later in the item."""
        aliases: dict[str, _Cand] = {}
        cands = [_cand_of(span, 2 if span._.newsgraph_known else 1) for span in doc.ents]
        taken = bytearray(len(text) + 1)
        for cand in cands:
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
            alias = _Cand(s, e, cand.label, cand.name, cand.key, cand.known, cand.confidence, cand.source, 1, cand.weak)
            cands.append(alias)
            taken[s:e] = b"\x01" * (e - s)
            aliases[acr] = cand
        for acr, cand in aliases.items():
            for match in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(acr)}(?![A-Za-z0-9])", text):
                s, e = match.span()
                if any(taken[s:e]):
                    continue
                cands.append(
                    _Cand(s, e, cand.label, cand.name, cand.key, cand.known, cand.confidence, cand.source, 1, cand.weak)
                )
                taken[s:e] = b"\x01" * (e - s)
        if aliases:
            doc._.newsgraph_aliases = {acr: cand.key for acr, cand in aliases.items()}
            _set_ents(doc, cands)

    def _coordination(self, doc: Doc, text: str) -> None:
        """A guessed name listed with typed names (AMD、英特尔) takes their type."""
        ents = list(doc.ents)
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


def _catalog_of(nlp: Language) -> Catalog | None:
    if "newsgraph_catalog_ruler" in nlp.pipe_names:
        return nlp.get_pipe("newsgraph_catalog_ruler").catalog
    return None


# --------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------

_CLAUSE_ZH = re.compile(r"[，,；;：:]")
_CLAUSE_EN = re.compile(r"[;:]|,\s+(?:but|while|whereas|and\s+(?:it|they|the|this))\b")


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    label: Label
    key: str
    span: Span


@Language.factory("newsgraph_relations", default_config={"lexicon_path": None, "rumour_confidence": 0.6})
def make_relations(nlp: Language, name: str, lexicon_path: str | None, rumour_confidence: float) -> RelationRules:
    return RelationRules(load_lexicon(lexicon_path), rumour_confidence=rumour_confidence)


class RelationRules:
    """Relation facts from trigger words, scoped to a sentence.

    The head is the subject (the entity group before the trigger in its clause, else the
    sentence's first entity, else the previous sentence's: Chinese drops repeated
    subjects), the tail the object (the entity group after the trigger; in Chinese also the
    one between 对/向 and a nominal trigger). Passive markers (被/由/by) swap them. Denials
    (否认, denies) drop the fact; negations between subject and trigger (拒绝, 未, rejected,
    not) block it; rumour words (据传, reportedly) lower its confidence.
    """

    def __init__(self, lexicon: Lexicon, *, rumour_confidence: float = 0.6) -> None:
        self.lexicon = lexicon
        self.rumour_confidence = rumour_confidence
        self.rules = [(rule, WordMatcher(rule.triggers.all())) for rule in lexicon.relations]
        self.passive = {id(rule): WordMatcher(rule.passive.all()) for rule in lexicon.relations}
        self.raise_ = {id(rule): WordMatcher(rule.raise_.all()) for rule in lexicon.relations}
        self.denial = WordMatcher(lexicon.denial.all())
        self.negation = WordMatcher(lexicon.negation.all())
        self.rumour = WordMatcher(lexicon.rumour.all())
        self.titles = WordMatcher(lexicon.titles.all())
        self.coord = _COORD

    # -- structure helpers --------------------------------------------------------------

    def groups(self, mentions: list[_Mention], text: str) -> list[list[_Mention]]:
        """Mentions joined by coordinators (A、B 和 C; A, B and C) or adjacent (中国电信TeleAI)."""
        groups: list[list[_Mention]] = []
        for mention in mentions:
            if groups:
                prev = groups[-1][-1]
                gap = text[prev.end : mention.start]
                if self.coord.match(gap) and "\n" not in gap:
                    groups[-1].append(mention)
                    continue
            groups.append([mention])
        return groups

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        lowered = fold_lower(text)
        hits: list[RelationHit] = []
        blocked: set[tuple[RelType, str, str]] = set()
        ents = [
            _Mention(span.start_char, span.end_char, Label(span.label_), span._.newsgraph_key, span) for span in doc.ents
        ]
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        prev_topic: list[_Mention] = []
        item_topic: list[_Mention] = []
        zh = doc.lang_ == "zh"
        funded: _Mention | None = None
        for sent in sentences:
            s0, s1 = sent.start_char, sent.end_char
            mentions = [m for m in ents if s0 <= m.start and m.end <= s1]
            if not mentions and not sent.text.strip():
                continue
            groups = self.groups(mentions, text)
            ctx = _SentenceContext(self, doc, text, lowered, s0, s1, mentions, groups, prev_topic, item_topic, zh)
            for rule, matcher in self.rules:
                for ts, te in matcher.finditer(lowered, s0, s1):
                    if ctx.inside_mention(ts, te):
                        continue
                    if rule.pattern == "investor":
                        new_funded = ctx.funded(self.raise_[id(rule)], rule) or funded
                        found = ctx.investor(rule, ts, te, new_funded)
                        if new_funded is not None:
                            funded = new_funded
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
                        if head.key == tail.key:
                            continue
                        if negated:
                            blocked.add((rtype, head.key, tail.key))
                            continue
                        hits.append(RelationHit(rtype, head.key, tail.key, sent.text.strip(), min(c, conf), ts))
            if not any(ctx.funded_here for _ in [0]):
                pass
            hits.extend(ctx.leads_by_title())
            hits.extend(ctx.leads_by_ownership())
            hits.extend(ctx.agency_initiative())
            topic = ctx.topic_group()
            if topic:
                prev_topic = topic
                if not item_topic:
                    item_topic = topic
        doc._.newsgraph_relations = _finish_relations(hits, blocked)
        return doc


def _finish_relations(hits: list[RelationHit], blocked: set[tuple[RelType, str, str]]) -> list[RelationHit]:
    """Deduplicate (either order for undirected types), apply blocks, resolve overlaps."""
    undirected = {RelType.PARTNERS_WITH, RelType.COMPETES_WITH}
    best: dict[tuple[RelType, str, str], RelationHit] = {}
    for hit in hits:
        key = (hit.type, *sorted((hit.head, hit.tail))) if hit.type in undirected else (hit.type, hit.head, hit.tail)
        if (hit.type, hit.head, hit.tail) in blocked or (hit.type in undirected and (hit.type, hit.tail, hit.head) in blocked):
            continue
        old = best.get(key)
        if old is None or hit.confidence > old.confidence:
            best[key] = hit if old is None else RelationHit(hit.type, old.head, old.tail, old.evidence, hit.confidence, old.start)
    out = list(best.values())
    leads = {(h.head, h.tail) for h in out if h.type is RelType.LEADS}
    out = [h for h in out if not (h.type is RelType.PARTICIPATES_IN and (h.head, h.tail) in leads)]
    return sorted(out, key=lambda h: (h.start, h.type.value, h.head, h.tail))


class _SentenceContext:
    """Everything one sentence's rules need, with the structural helpers."""

    def __init__(self, rules, doc, text, lowered, s0, s1, mentions, groups, prev_topic, item_topic, zh):
        self.rules = rules
        self.doc = doc
        self.text = text
        self.lowered = lowered
        self.s0, self.s1 = s0, s1
        self.mentions = mentions
        self.groups = groups
        self.prev_topic = prev_topic
        self.item_topic = item_topic
        self.zh = zh or any(_is_cjk(c) for c in text[s0:s1])
        self.funded_here = None
        self.evidence = text[s0:s1].strip()

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

    @staticmethod
    def allowed(group: list[_Mention], labels: list[Label]) -> list[_Mention]:
        return [m for m in group if m.label in labels]

    def before(self, pos: int, labels: list[Label], lo: int) -> list[_Mention]:
        """The nearest group ending before ``pos`` (from ``lo``) with an allowed member."""
        for group in reversed(self.groups):
            if group[-1].end <= pos and group[0].start >= lo:
                members = self.allowed(group, labels)
                if members:
                    return members
            elif group[0].start < lo:
                break
        return []

    def after(self, pos: int, labels: list[Label], hi: int) -> list[_Mention]:
        """The nearest allowed group after ``pos``; in Chinese the head noun of ``A的B`` / ``A新锐B``."""
        candidates = [g for g in self.groups if g[0].start >= pos and g[-1].end <= hi]
        for index, group in enumerate(candidates):
            members = self.allowed(group, labels)
            if not members:
                continue
            if self.zh and index + 1 < len(candidates):
                nxt = candidates[index + 1]
                gap = self.text[group[-1].end : nxt[0].start]
                if (
                    self.allowed(nxt, labels)
                    and len(gap) <= 10
                    and not re.search(r"[，,。；;、和与及]|以及|\s{2,}", gap)
                    and not self._verbish(gap)
                ):
                    continue  # a modifier: the head noun comes later
            return members
        return []

    def _verbish(self, gap: str) -> bool:
        low = fold_lower(gap)
        for rule, matcher in self.rules.rules:
            if matcher.search(low):
                return True
        return False

    def topic(self, labels: list[Label], pos: int) -> list[_Mention]:
        """The sentence's subject (its first allowed group before pos), else the previous sentence's."""
        for group in self.groups:
            if group[0].start >= pos:
                break
            members = self.allowed(group, labels)
            if members:
                return members
        for fallback in (self.prev_topic, self.item_topic):
            members = self.allowed(fallback, labels)
            if members:
                return members
        return []

    def topic_group(self) -> list[_Mention]:
        for group in self.groups:
            members = [m for m in group if m.label in (Label.COMPANY, Label.AGENCY, Label.COUNTRY, Label.PERSON)]
            if members:
                return members
        return []

    # -- modifiers ----------------------------------------------------------------------

    def negated(self, ts: int, found) -> bool:
        if self.rules.denial.search(self.lowered, self.s0, ts):
            return True
        heads = [h for _, h, _, _ in found if h.end <= ts]
        lo = max([h.end for h in heads], default=max(self.s0, ts - 8))
        lo = min(lo, max(self.s0, ts - 3))
        lo = max(lo, self.clause_bounds(ts)[0]) if not heads else lo
        for s, e in self.rules.negation.finditer(self.lowered, lo, ts):
            return True
        return False

    def rumoured(self, ts: int) -> bool:
        return self.rules.rumour.search(self.lowered, self.s0, self.s1) is not None

    # -- patterns -----------------------------------------------------------------------

    def _pairs(self, rtype, heads, tails, conf=1.0):
        return [(rtype, h, t, conf) for h in heads for t in tails if h.key != t.key]

    def _retype(self, rtype: RelType, head: _Mention, tail: _Mention) -> RelType | None:
        """Label-driven corrections: an agency 'launching' an initiative leads it, etc."""
        if rtype is RelType.RELEASED and head.label in (Label.AGENCY, Label.COUNTRY):
            if tail.label is Label.INITIATIVE:
                return RelType.LEADS
            if tail.label in (Label.SECTOR, Label.COMPANY, Label.TOKEN):
                return RelType.REGULATES
            return None
        if rtype is RelType.RELEASED and tail.label is Label.INITIATIVE:
            return RelType.PARTICIPATES_IN if head.label is Label.COMPANY else None
        if rtype is RelType.PARTNERS_WITH and Label.INITIATIVE in (head.label, tail.label):
            return None  # handled by PARTICIPATES_IN
        if rtype is RelType.LEADS:
            if head.label is Label.PERSON and tail.label in (Label.COMPANY, Label.AGENCY):
                return rtype
            if head.label in (Label.AGENCY, Label.COUNTRY) and tail.label is Label.INITIATIVE:
                return rtype
            return None
        if rtype is RelType.COMPETES_WITH and head.label is not tail.label:
            if {head.label, tail.label} - {Label.COMPANY, Label.MODEL, Label.PRODUCT}:
                return None
            return rtype if Label.COMPANY in (head.label, tail.label) and head.label is tail.label else None
        return rtype

    def _typed(self, found):
        out = []
        for rtype, head, tail, conf in found:
            new = self._retype(rtype, head, tail)
            if new is not None:
                out.append((new, head, tail, conf))
        return out

    def svo(self, rule: RelationRule, ts: int, te: int, passive: WordMatcher):
        lo, hi = self.clause_bounds(ts)
        heads_labels = list(rule.head)
        tails_labels = list(rule.tail)
        # passive: X 被/由 Y trigger ; X was acquired by Y ; funding from Y
        after_text = self.lowered[te : min(hi, te + 6)]
        by_after = passive.search(after_text)
        if by_after is not None and by_after[0] <= 2 and not self.zh:
            heads = self.after(te + by_after[1], heads_labels, self.s1)
            tails = self.before(ts, tails_labels, lo) or self.topic(tails_labels, ts)
            if heads and tails:
                return self._typed(self._pairs(rule.type, heads, tails))
        if self.zh:
            for ps, pe in passive.finditer(self.lowered, lo, ts):
                heads = [m for g in self.groups for m in g if pe <= m.start and m.end <= ts and m.label in heads_labels]
                if heads:
                    tails = self.before(ps, tails_labels, lo) or self.topic(tails_labels, ps)
                    tails = [t for t in tails if t.end <= ps]
                    if tails:
                        return self._typed(self._pairs(rule.type, heads, tails))
        heads = self.before(ts, heads_labels, lo)
        tails = self.after(te, tails_labels, hi)
        if not tails and self.zh:
            # nominal trigger: 对 X 启动调查 / 比特币增持 / X 牌照
            start = heads[-1].end if heads else lo
            tails = [m for m in self.before(ts, tails_labels, start) if m not in heads]
        if not tails and not self.zh:
            tails = self.after(te, tails_labels, self.s1)
        if not heads:
            heads = self.topic(heads_labels, ts)
            heads = [h for h in heads if h not in tails]
        if not heads or not tails:
            return []
        # a release list: "LG 的 K-Exagone、Upstage 的 Solar Open" -> maker per product
        if rule.type is RelType.RELEASED:
            pairs = self.possessive_pairs(te, hi, heads_labels, tails_labels)
            if len(pairs) >= 2:
                return self._typed([(rule.type, h, t, 1.0) for h, t in pairs])
        return self._typed(self._pairs(rule.type, heads, tails))

    def possessive_pairs(self, te, hi, heads_labels, tails_labels):
        pairs = []
        ms = [m for m in self.mentions if m.start >= te and m.end <= self.s1]
        for a, b in zip(ms, ms[1:], strict=False):
            gap = self.text[a.end : b.start].strip()
            if a.label in heads_labels and b.label in tails_labels and gap in ("的", "'s", "’s"):
                pairs.append((a, b))
        return pairs

    def symmetric(self, rule: RelationRule, ts: int, te: int):
        lo, hi = self.clause_bounds(ts)
        labels = list(rule.head)
        tail_labels = list(rule.tail)
        found = []
        # A 与 B 合作 / A and B partner: the coordinated group before the trigger
        before = self.before(ts, labels + tail_labels, self.s0 if self.zh else lo)
        after = self.after(te, labels + tail_labels, hi)
        if len(before) >= 2:
            group = before
            found += [(rule.type, a, b, 1.0) for i, a in enumerate(group) for b in group[i + 1 :]]
            if after:
                found += self._pairs(rule.type, group, after)
            return self._typed(found)
        if len(after) >= 2 and not before:
            # partnership between A and B / 两大死对头——A 和 B
            found += [(rule.type, a, b, 1.0) for i, a in enumerate(after) for b in after[i + 1 :]]
            return self._typed(found)
        if before and after:
            return self._typed(self._pairs(rule.type, before, after))
        single = before or after
        if single:
            # 与 X 达成合作 / partners with X: the other side is the subject
            subject = [m for m in self.topic(labels, single[0].start) if m not in single]
            if subject:
                return self._typed(self._pairs(rule.type, subject, single))
        return []

    def maker(self, rule: RelationRule, ts: int, te: int):
        """``P 的开发商 C`` / ``C, the developer of P`` / ``P's parent company C``."""
        lo, hi = self.clause_bounds(ts)
        after = self.after(te, list(rule.head), hi)
        product = self.before(ts, list(rule.tail), lo)
        if after and product and re.search(r"(的|'s|’s)\s*[\w\s]{0,6}$", self.text[product[-1].end : ts]):
            return self._pairs(rule.type, after[:1], product)
        # en: C, the developer of P
        m = re.match(r"\s*(?:of|behind)\s", self.lowered[te : te + 8])
        if m:
            products = self.after(te, list(rule.tail), self.s1)
            makers = self.before(ts, list(rule.head), self.s0)
            if products and makers:
                return self._pairs(rule.type, makers[-1:], products[:1])
        # 后者是 P 的开发者: the maker is the item's subject of the previous clause
        if product and not after:
            makers = [m for m in self.topic(list(rule.head), product[0].start) if m not in product]
            if makers and re.search(r"的\s*$", self.text[product[-1].end : ts]):
                return self._pairs(rule.type, makers[:1], product)
        return []

    def funded(self, raise_matcher: WordMatcher, rule: RelationRule) -> _Mention | None:
        """The company that raised money in this sentence (subject of 融资 / raised)."""
        for rs, _re in raise_matcher.finditer(self.lowered, self.s0, self.s1):
            subject = self.before(rs, [Label.COMPANY], self.clause_bounds(rs)[0]) or self.topic([Label.COMPANY], rs)
            if subject:
                self.funded_here = subject[0]
                return subject[0]
        return None

    def investor(self, rule: RelationRule, ts: int, te: int, funded: _Mention | None):
        if funded is None:
            funded_list = self.topic([Label.COMPANY], ts)
            if not funded_list:
                return []
            funded = funded_list[0]
        lo, hi = self.clause_bounds(ts)
        labels = list(rule.head)
        word = self.lowered[ts:te]
        investors: list[_Mention] = []
        if self.zh and word in ("领投", "参投", "跟投", "共同领投", "联合领投", "出资"):
            # 由 A 和 B 领投 / A 领投
            investors = self.before(ts, labels, lo)
        elif self.zh and word == "吸引了":
            investors = self.after(te, labels, self.s1)
        elif self.zh:
            # A、B 都是基石投资者 / A 和 B 作为新投资者加入 / 投资者包括 A
            investors = self.before(ts, labels, lo) or self.after(te, labels, hi)
        else:
            investors = self.after(te, labels, self.s1)
            if not investors:
                investors = self.before(ts, labels, lo)
        # a coordinated list continues over commas in English: A, B, C and D
        if investors and not self.zh:
            group = self.group_of(investors[0])
            investors = [m for m in group if m.label in labels] or investors
        investors = [m for m in investors if m.key != funded.key]
        return [(rule.type, inv, funded, 1.0) for inv in investors]

    # -- LEADS without a verb -------------------------------------------------------------

    def leads_by_title(self) -> list[RelationHit]:
        """``OpenAI CEO 奥特曼``, ``Nvidia CEO Jensen Huang``, ``X, Anthropic's Chief Science Officer``."""
        out = []
        for ts, te in self.rules.titles.finditer(self.lowered, self.s0, self.s1):
            orgs_before = [m for m in self.mentions if m.end <= ts and m.label in (Label.COMPANY, Label.AGENCY)]
            people_after = [m for m in self.mentions if m.start >= te and m.label is Label.PERSON]
            if orgs_before and people_after:
                org, person = orgs_before[-1], people_after[0]
                gap1 = self.text[org.end : ts]
                gap2 = self.text[te : person.start]
                if re.fullmatch(r"\s*(?:的|'s|’s)?\s*[\w\s]{0,3}", gap1) and re.fullmatch(r"[\s,]*", gap2):
                    out.append(RelationHit(RelType.LEADS, person.key, org.key, self.evidence, 0.9, ts))
                    continue
            people_before = [m for m in self.mentions if m.end <= ts and m.label is Label.PERSON]
            if people_before and orgs_before:
                person, org = people_before[-1], orgs_before[-1]
                if person.end <= org.start:
                    gap1 = self.text[person.end : org.start]
                    gap2 = self.text[org.end : ts]
                    if re.fullmatch(r"\s*,\s*(?:the\s+)?", gap1) and re.fullmatch(r"\s*(?:'s|’s)\s*[\w\s]{0,20}", gap2):
                        out.append(RelationHit(RelType.LEADS, person.key, org.key, self.evidence, 0.9, ts))
                        continue
            orgs_after = [m for m in self.mentions if m.start >= te and m.label in (Label.COMPANY, Label.AGENCY)]
            if people_before and orgs_after:
                # Jensen Huang, CEO of Nvidia
                person, org = people_before[-1], orgs_after[0]
                if re.fullmatch(r"\s*,\s*(?:the\s+)?(?:[\w-]+\s+){0,2}", self.text[person.end : ts]) and re.fullmatch(
                    r"\s+(?:of|at)\s+", self.text[te : org.start]
                ):
                    out.append(RelationHit(RelType.LEADS, person.key, org.key, self.evidence, 0.9, ts))
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
        for a, b in zip(self.mentions, self.mentions[1:], strict=False):
            if a.label not in (Label.AGENCY,) or b.label is not Label.INITIATIVE:
                continue
            gap = self.text[a.end : b.start]
            if re.fullmatch(r"\s*(?:[(（][^)）]{1,12}[)）])?\s*(?:的|'s|’s)?\s*[“\"「『《*]*\s*", gap):
                out.append(RelationHit(RelType.LEADS, a.key, b.key, self.evidence, 0.8, a.start))
        return out


# --------------------------------------------------------------------------------------
# Impacts
# --------------------------------------------------------------------------------------

_IMPACT_TARGETS = (Label.SECTOR, Label.TOKEN)
_IMPACT_NEAR = (Label.COMPANY, Label.PRODUCT, Label.MODEL, Label.COUNTRY)


@Language.factory("newsgraph_impacts", default_config={"lexicon_path": None})
def make_impacts(nlp: Language, name: str, lexicon_path: str | None) -> ImpactRules:
    return ImpactRules(load_lexicon(lexicon_path))


class ImpactRules:
    """BENEFITS / HURTS: trigger words give a polarity to the sectors and tokens of their
    clause (of the whole sentence in an impact field, 可能的影响 / Possible impact, when the
    sentence has one polarity); companies, products and countries count only when they sit
    right next to the trigger."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.matchers = {RelType(kind): WordMatcher(words.all()) for kind, words in lexicon.impacts.items()}
        self.negation = WordMatcher(lexicon.negation.all())
        self.rumour = WordMatcher(lexicon.rumour.all())

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        lowered = fold_lower(text)
        hits: list[ImpactHit] = []
        ents = list(doc.ents)
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sentences:
            s0, s1 = sent.start_char, sent.end_char
            triggers = []
            for kind, matcher in self.matchers.items():
                for ts, te in matcher.finditer(lowered, s0, s1):
                    if any(span.start_char < te and ts < span.end_char for span in ents):
                        continue
                    triggers.append((ts, te, kind))
            if not triggers:
                continue
            triggers.sort()
            mentions = [span for span in ents if s0 <= span.start_char and span.end_char <= s1]
            in_field = field_at(doc, s0) == "impact"
            zh = any(_is_cjk(c) for c in sent.text)
            kinds = {k for _, _, k in triggers}
            evidence = sent.text.strip()
            for span in mentions:
                label = Label(span.label_)
                if label not in _IMPACT_TARGETS and label not in _IMPACT_NEAR:
                    continue
                kind = None
                if in_field and len(kinds) == 1 and label in _IMPACT_TARGETS:
                    kind = next(iter(kinds))
                else:
                    kind = self._nearest(text, span, triggers, label, zh)
                if kind is None:
                    continue
                conf = 0.9 if in_field else 0.7
                if self.rumour.search(lowered, s0, s1):
                    conf -= 0.1
                hits.append(ImpactHit(kind, span._.newsgraph_key, evidence, conf, span.start_char))
        best: dict[tuple[RelType, str], ImpactHit] = {}
        for hit in hits:
            key = (hit.type, hit.target)
            if key not in best or hit.confidence > best[key].confidence:
                best[key] = hit
        doc._.newsgraph_impacts = sorted(best.values(), key=lambda h: (h.start, h.type.value, h.target))
        return doc

    def _nearest(self, text, span, triggers, label, zh) -> RelType | None:
        pattern = _CLAUSE_ZH if zh else re.compile(r"[;:,]")
        best: tuple[int, RelType] | None = None
        for ts, te, kind in triggers:
            if te <= span.start_char:
                gap = text[te : span.start_char]
            elif ts >= span.end_char:
                gap = text[span.end_char : ts]
            else:
                continue
            if pattern.search(gap) and not _balanced_inside(gap):
                continue
            if label in _IMPACT_NEAR and len(gap.strip()) > 8:
                continue
            dist = len(gap)
            if best is None or dist < best[0]:
                best = (dist, kind)
        return best[1] if best else None


def _balanced_inside(gap: str) -> bool:
    """Commas inside brackets (如 Excel、Salesforce) do not end a clause."""
    depth = 0
    for char in gap:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth -= 1
        elif char in ",，;；:：" and depth <= 0:
            return False
    return True


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
        text = doc.text
        lowered = fold_lower(text)
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        first_end = sentences[0].end_char if sentences else len(text)
        # the 'what happened' field leads when there is one
        for start, end, name in doc._.newsgraph_fields or ():
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
