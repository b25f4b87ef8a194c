"""``CatalogRuler``: catalog names, aliases and tickers as entity mentions.

Phrase patterns over token norms (case- and script-folded), with the capitals of a
capitalised catalog form checked against the text, so that the verb "render" is not the
token Render; a sector word is weak unless it is used as a market.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsgraph.graph.catalog import Catalog, CatalogEntry, default_catalog
from newsgraph.graph.model import Label, normalise_name
from newsgraph.loaders.nlp.extensions import _Cand, _set_ents, doc_text, masked_text
from newsgraph.loaders.nlp.lexicon import Lexicon, load_lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.senses import wrong_sense
from newsgraph.loaders.nlp.spanindex import SpanIndex
from newsgraph.loaders.nlp.text import SECTOR_DESCRIBES, _is_cjk, fold, fold_lower, title_case_lines
from newsgraph.loaders.nlp.tokenizer import MixedTokenizer
from newsgraph.loaders.nlp.wordfreqs import common_en, common_zh

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


def _dotted(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` glued by a dot to a word before it (BMNR.US, 0700.HK) or a
    letter after it (x.ai, US.stocks): a part of a code or an address? ("GPT-5" in "GPT-5.2"
    is not: a digit after the dot is a version.)"""
    before = start >= 2 and text[start - 1] == "." and text[start - 2].isascii() and text[start - 2].isalnum()
    after = text[end : end + 1] == "." and text[end + 1 : end + 2].isascii() and text[end + 1 : end + 2].isalpha()
    return before or after


def _tokens_of(nlp: Language) -> Callable[[str], list[tuple[str, str, bool]]]:
    """(text, norm, is_space) of each token of a phrase: the project's tokenizer gives them
    without making a ``Doc``; any other tokenizer through one."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, MixedTokenizer):
        return tokenizer.tokens
    return lambda text: [(t.text, t.norm_, t.is_space) for t in tokenizer(text)]


def _straddles(text: str, start: int, end: int) -> bool:
    """Is the two-character Chinese match ``text[start:end]`` the end of one common word and
    the start of the next (增强|生成 around 强生, 完美|图像 around 美图)? The text then reads as
    those two words, not as the name."""
    if end - start != 2 or start == 0 or end >= len(text) or not _is_cjk(text[start]) or not _is_cjk(text[start + 1]):
        return False
    return common_zh(text[start - 1 : start + 1]) and common_zh(text[end - 1 : end + 1])


#: the names of laws, bills and regulations
_LAW_NAME = re.compile(r"\b(?:Act|Bill|Ordinance|Regulation|Directive)\b|法案|条例|法规|^SB ?\d+$")


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


class CatalogRuler:
    """Catalog names and aliases as phrase patterns over token norms (case- and script-folded).

    Capitalised forms must keep their capitals in the text (the verb "render" is not the
    token Render, "base" is not Base); tickers match case-sensitively, bare (3+ letters)
    or as ``$TICKER``.
    """

    def __init__(
        self, nlp: Language, catalog: Catalog | None, *, min_ticker_length: int = 3, lexicon: Lexicon | None = None
    ) -> None:
        self.nlp = nlp
        self.min_ticker_length = min_ticker_length
        lexicon = lexicon or load_lexicon()
        self.generic = {normalise_name(w) for w in lexicon.discovery.generic.all()}
        self.sector_cues = WordMatcher(lexicon.sector_cues.all())
        self.set_catalog(catalog)

    def set_catalog(self, catalog: Catalog | None) -> None:
        """Use ``catalog`` (None: the packaged one, loaded when first needed); its phrase
        patterns are built on first use (a pipeline made for another catalog sets it right
        after the factory: one build, and the packaged catalog is never read for nothing)."""
        self._catalog = catalog
        self._laws: dict[str, bool] = {}
        self._matcher: PhraseMatcher | None = None
        self.forms: dict[str, list[_Form]] = {}

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = default_catalog()
        return self._catalog

    @property
    def matcher(self) -> PhraseMatcher:
        if self._matcher is None:
            self._build()
        return self._matcher

    def _build(self) -> None:
        catalog = self.catalog
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.forms = {}
        patterns: dict[str, list[int]] = {}
        tokens_of = _tokens_of(self.nlp)
        strings = self.nlp.vocab.strings
        for entry in sorted(catalog.entries.values(), key=lambda e: e.id):
            names = {normalise_name(entry.name)}
            surface = [(form, False) for form in entry.surface_forms]
            surface += [(ticker, True) for ticker in entry.tickers]
            surface += [("$" + ticker, True) for ticker in entry.tickers]
            for form, ticker in surface:
                if ticker and not form.startswith("$") and len(form) < self.min_ticker_length:
                    continue
                tokens = tokens_of(form)
                toks = tuple(fold(text) for text, _norm, space in tokens if not space)
                if not toks or (len(toks) == 1 and _is_cjk(toks[0])):
                    continue  # one Chinese character (美) is part of too many words (美元)
                key = "\x1f".join(norm for _text, norm, space in tokens if not space)
                sensitive = ticker or any(_LATIN_TOKEN.match(t) and not t.islower() for t in toks)
                spec = _Form(entry.id, toks, sensitive, normalise_name(form) in names, ticker)
                bucket = self.forms.setdefault(key, [])
                if spec not in bucket:
                    bucket.append(spec)
                if key not in patterns:
                    patterns[key] = [strings.add(norm) for _text, norm, _space in tokens]
        # every pattern under one match key (one key each would make a lexeme each): a match's
        # forms are found again by the norms of the tokens it matched
        self._matcher.add("catalog", list(patterns.values()))  # patterns as NORM hashes

    def entry_for(self, seen: tuple[str, ...], key: str) -> CatalogEntry | None:
        if self._matcher is None:
            self._build()
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
        for _match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            words = [t for t in span if not t.is_space]
            seen = tuple(fold(t.text) for t in words)
            entry = self.entry_for(seen, "\x1f".join(t.norm_ for t in words))
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
        text = doc_text(doc)
        cands = [part for cand in self.candidates(doc) for part in self._maker_split(text, cand)]
        masked = masked_text(doc)
        lowered = fold_lower(text)
        kept = []
        lines = title_case_lines(text)
        headlines = SpanIndex(lines, lines)
        for cand in cands:
            if not masked[cand.start : cand.end].strip():
                continue
            # no capital is a cue in a headline
            headline = any(ls <= cand.start < le for ls, le in headlines.around(cand.start, cand.start))
            if not headline and self._inside_other_name(text, cand, cands):
                continue
            if wrong_sense(text, cand.start, cand.end, cand.key):  # 寒武纪大爆发 is not Cambricon
                continue
            if _dotted(text, cand.start, cand.end):
                continue  # BMNR.US, 0700.HK, x.ai: a part of a dotted code or address is no name
            if _straddles(text, cand.start, cand.end):
                continue  # 检索增强生成 holds 强生 (Johnson & Johnson), 推动视频 动视: two words, no name
            if cand.label is Label.SECTOR:
                surface = text[cand.start : cand.end]
                if normalise_name(surface) in self.generic:
                    continue  # "AI 行业": a research domain, not a market (gold convention)
                cand.weak = not self._named_market(surface, lowered, cand.end)
            elif cand.label is Label.INITIATIVE and self._law(cand.key):
                cand.weak = True  # the GENIUS Act, 欧盟人工智能法案: a law is no entity (nor a party of a fact)
            kept.append(cand)
        _set_ents(doc, kept)
        return doc

    def _law(self, key: str) -> bool:
        """Is the catalog initiative ``key`` a law, a bill or a regulation (the gold's
        convention labels none of them)? Told by its names (Act, Bill, Ordinance, 法案, 条例)."""
        law = self._laws.get(key)
        if law is None:
            entry = self.catalog.get(key)
            names = [entry.name, *entry.aliases] if entry is not None else []
            law = self._laws[key] = any(_LAW_NAME.search(name) for name in names)
        return law

    def _maker_split(self, text: str, cand: _Cand) -> list[_Cand]:
        """``OpenAI o3``, ``Google Veo 3``: a model or product named with its maker in front is
        two mentions, the maker and the model, when the rest alone is also a form of the
        model (so the maker is named too; ``Amazon Nova`` stays one name)."""
        if cand.label not in (Label.MODEL, Label.PRODUCT):
            return [cand]
        surface = text[cand.start : cand.end]
        head, sep, rest = surface.partition(" ")
        if not sep or not rest.strip():
            return [cand]
        makers = [e for e in self.catalog.lookup(head) if e.label is Label.COMPANY]
        if not makers or cand.key not in {e.id for e in self.catalog.lookup(rest.strip())}:
            return [cand]
        maker = makers[0]
        rest_start = cand.start + len(head) + len(sep) + (len(rest) - len(rest.lstrip()))
        end = cand.start + len(head)
        company = _Cand(cand.start, end, Label.COMPANY, maker.name, maker.id, True, 1.0, "catalog", 2)
        model = _Cand(rest_start, cand.end, cand.label, cand.name, cand.key, True, 1.0, "catalog", 2)
        return [company, model]

    def _named_market(self, surface: str, lowered: str, end: int) -> bool:
        """Is a sector word used as a market (能源板块, AI 算力基础设施, the energy sector)?

        A sector word names a market only with a market word in it or next to it (or as three
        English words and more: "AI compute infrastructure"); otherwise the mention is weak:
        kept when an impact or relation uses it.
        """
        low = fold_lower(surface)
        if self.sector_cues.search(low) is not None:
            return True
        if SECTOR_DESCRIBES.match(lowered, end):
            return False  # 生物技术初创公司, 数据中心芯片: it describes what follows
        after = lowered[end : end + (6 if _is_cjk(surface[-1:]) else 12)]  # 板块 right after; " market" in English
        hit = self.sector_cues.search(after)
        if hit is not None and not after[: hit[0]].strip(" 的"):
            return True
        # A longer Chinese word is no market by its length (数据中心 being built, 开源 AI, AI 编程工具
        # as a tool): without a market word it waits for an impact or a relation. Capitals are
        # no cue either: "AI agents", "Social media" at a line's start, "Energy" in a heading.
        cjk = sum(1 for c in surface if _is_cjk(c))
        return not cjk and len(surface.split()) >= 3 and bool(re.search(r"[A-Za-z]", surface))

    @staticmethod
    def _inside_other_name(text: str, cand: _Cand, cands: list[_Cand]) -> bool:
        """``Knowledge Base`` is not the token Base, ``Solar Open`` not the sector solar: a
        one-word alias inside a longer capitalised name the catalog does not know is part of
        that name (a capitalised alias only at the end of it: "Nvidia Blackwell" keeps Nvidia)."""
        surface = text[cand.start : cand.end]
        if (
            cand.label is Label.SECTOR
            and surface[:1].isupper()
            and re.search(r"[A-Za-z0-9]-$", text[max(0, cand.start - 2) : cand.start])
        ):
            return True  # "GWM-Robotics": a capitalised sector word glued on by a hyphen ends a name
        # "Quill K2 模型" is not the alias "K2 模型": a version-like start continues a name
        versionish = bool(re.match(r"[A-Z]\d+(?:\.\d+)?(?![A-Za-z0-9])", surface))
        if versionish:
            surface = re.match(r"[A-Z]\d+(?:\.\d+)?", surface).group()
        # a name of several words that opens with a capitalised word of the language ("Capital
        # Group", "General Atlantic") is as open to a longer name: "Baron Capital Group"
        words = surface.split()
        opens_common = (
            len(words) > 1 and words[0][:1].isupper() and all(map(_LATIN_TOKEN.match, words)) and common_en(words[0])
        )
        if (
            not versionish
            and not opens_common
            and (not _LATIN_TOKEN.match(surface) or surface.isupper() or not surface[:1].isupper())
        ):
            return False
        match = re.search(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9]*)[ \t]$", text[max(0, cand.start - 30) : cand.start])
        if match is not None:
            prev_start = cand.start - len(match.group(0))
            if not any(c.start <= prev_start < c.end for c in cands) and match.group(1).lower() not in _NOT_NAME_START:
                return True
        if opens_common:
            return False
        # a sector word (matched case-insensitively) or a country (Jordan Schneider, China
        # Mobile) before a capitalised word the catalog lacks is part of that name
        before_name = cand.label in (Label.SECTOR, Label.COUNTRY)
        follow = re.match(r"[ \t]([A-Z][A-Za-z0-9]*)", text[cand.end : cand.end + 30])
        if before_name and follow is not None:
            next_start = cand.end + 1
            return not any(c.start <= next_start < c.end for c in cands)
        return False
