"""``EntityDiscovery``: entities the catalog does not know, typed by cue words.

Runs the finders of :mod:`~newsgraph.loaders.nlp.discovery_latin`,
:mod:`~newsgraph.loaders.nlp.discovery_zh` and :mod:`~newsgraph.loaders.nlp.discovery_catalog`
plus ``$TICKER``, maps a discovered name that is
a catalog alias to the catalog entity, gives every mention of one name one type, then adds
acronyms in brackets (… Authority (QIA)) and types guesses by coordination (AMD、英特尔).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Label, entity_id, normalise_name
from newsgraph.loaders.nlp.discovery_catalog import CatalogNames
from newsgraph.loaders.nlp.discovery_latin import LatinNames
from newsgraph.loaders.nlp.discovery_zh import ChineseNames
from newsgraph.loaders.nlp.extensions import (
    _Cand,
    _cand_of,
    _set_ents,
    masked_text,
    mentions,
    sentence_bounds,
    set_mentions,
    values_of,
)
from newsgraph.loaders.nlp.latin_words import CONTEST_WORDS
from newsgraph.loaders.nlp.text import _COORD, _is_cjk, fold, fold_lower
from newsgraph.loaders.nlp.wordfreqs import common_en, common_words, common_zh_words

#: a word or mark that lists names (A、B, A and B)
_COORD_WORD = re.compile(r"和|与|及|、|[,，&]|或|跟|同|\b(?:and|or|plus|as well as)\b", re.IGNORECASE)
_TICKER = re.compile(r"(?<![A-Za-z0-9])\$([A-Z][A-Z0-9]{1,9})(?![A-Za-z0-9])")
#: a term and its acronym in brackets: up to 12 Chinese characters or a few words before it
_BRACKETED_ACRONYM = re.compile(r"[(（][ \t]*(?P<acr>[A-Z]{2,6})[ \t]*[)）]")
#: the term right before a bracketed acronym (searched back from the bracket, which is rare,
#: rather than tried at every character)
_GLOSS_BEFORE = re.compile(
    r"(?P<desc>[\u4e00-\u9fff]{2,12}|(?:[A-Za-z][A-Za-z\-]*[ \t]+){1,5}?[A-Za-z][A-Za-z\-]*)[ \t]*$"
)
#: an acronym and its term in brackets after it: DPO (Direct Preference Optimization), LLM（大语言模型）
_GLOSS_AFTER = re.compile(
    r"(?<![A-Za-z0-9])(?P<acr>[A-Z]{2,6})[ \t]*[(（][ \t]*"
    r"(?P<desc>[\u4e00-\u9fff]{2,12}|(?:[A-Za-z][A-Za-z\-]*[ \t]+){1,5}[A-Za-z][A-Za-z\-]*)[ \t]*[)）]"
)
_ACRONYM_AFTER = re.compile(r"^\s*[(（]\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*[)）]")


#: forces or officials of a state named after its country (美国军方, the US military, US
#: senators): the country is attributive
_FORCES_AFTER = re.compile(
    r"[ \t]*(?:军方|空军|海军|陆军|军队|国防部门|情报机构|参议员|众议员|议员|官员|检察官"
    r"|(?:military|army|navy|air force|intelligence|troops|armed forces"
    r"|senators?|lawmakers?|congress(?:wo)?man|officials?|prosecutors?)\b)",
    re.IGNORECASE,
)


def _last_parts(desc: str, n: int) -> str:
    """The end of ``desc`` holding its last ``n`` words, a hyphen's parts counted apart
    ("Retrieval-Augmented Generation" is three)."""
    desc = desc.strip()
    starts = [0, *(m.start() for m in re.finditer(r"(?<=[ \t-])[^ \t-]", desc))]
    return desc[starts[-n] :] if len(starts) >= n else desc


def _attributive_countries(doc: Doc, text: str) -> None:
    """A country named only as the attribute of its forces or officials (美国军方, the US
    military, US intelligence agencies, US senators, 美国官员) is no entity of the item (the
    gold's convention: attributive "US"): its mentions become weak, kept only when a fact uses
    them."""
    spans = mentions(doc)
    attributive: dict[str, bool] = {}
    for span in spans:
        if span.label_ == Label.COUNTRY.value:
            key = values_of(span).key
            forces = _FORCES_AFTER.match(text, span.end_char) is not None
            attributive[key] = attributive.get(key, True) and forces
    if not attributive:
        return
    for span in spans:
        if attributive.get(values_of(span).key):
            span._.newsgraph_weak = True


@lru_cache(maxsize=4)
def _crypto_ids(catalog: Catalog) -> frozenset[str]:
    """The catalog's crypto sectors (``sector:crypto`` and below) and the entries filed under
    one of them (every token, Tether, Coinbase, ...)."""
    sectors = set(catalog.subsectors("sector:crypto"))
    return frozenset(
        entry.id
        for entry in catalog.entries.values()
        if entry.id in sectors or entry.label is Label.TOKEN or sectors.intersection(entry.sectors)
    )


def _ordinary_words(surface: str) -> bool:
    """Is ``surface`` made of English words of the language at large (Flow, Cosmos, SOL; not
    XRP, Solana or a Chinese name)?"""
    words = re.findall(r"[A-Za-z]+", surface)
    return bool(words) and all(word.lower() in common_words("en", 3.0) for word in words)


class EntityDiscovery(LatinNames, ChineseNames, CatalogNames):
    """Finds names the catalog does not list and types them by cue words.

    Cues: type suffixes (爱诗科技, OpenAI基金会, Menlo Ventures, Balancer协议, Department of
    War), versioned model names (GPT-5.1, Kimi K2, Nemotron 3), ``$TICKER``, nouns in
    apposition (AI 编程工具 Cursor, the design platform Figma), people's titles (CEO 奥特曼,
    Jensen Huang, Nvidia's CEO), ``·`` in transliterated names, coordination with a typed
    entity (AMD、英特尔), acronyms in brackets after a name (… Authority (QIA)), a country's
    possessive (Argentina's Central Bank), examples after a kind (aircraft like the F-35), and
    the catalog's own words (加密货币相关股票, gpt-4o-realtime-preview).
    Generic words never become entities, whatever their capitals.
    """

    def tickers(self, text: str) -> list[_Cand]:
        out = []
        for match in _TICKER.finditer(text):
            cand = self._make(match.start(), match.end(), Label.TOKEN, match.group(1), 0.8, rank=1)
            if cand is not None:
                out.append(cand)
        return out

    # -- the component ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = masked_text(doc)  # discovery never looks inside links, images and tags
        lowered = fold_lower(text)
        folded = fold(text)
        known = [_cand_of(span, 2) for span in mentions(doc)]
        sent_starts = {start for start, _end in sentence_bounds(doc)}
        catalog = _catalog_of(self.nlp)
        cands = list(known)
        cands += self.zh_suffixed(folded, lowered, known)
        cands += self.tickers(folded)
        cands += self.model_ids(folded, known, catalog)
        cands += self.stock_groups(folded, catalog)
        cands += self.people_zh(folded, lowered)
        cands += self.listed_zh(folded, lowered, known)
        cands += self.listed_people_zh(folded, [*known, *(c for c in cands if c.label is Label.PERSON)])
        cands += self.quoted(folded, lowered)
        cands += self.latin_runs(folded, lowered, known, sent_starts)
        terms = self._glossed_terms(folded) | self._tested_names(lowered, cands)
        cands = [c for c in cands if not (c.source == "discovery" and c.name in terms)]
        # a discovered name that is a catalog alias is the catalog entity
        for cand in cands:
            if cand.source == "discovery" and catalog is not None:
                entries = catalog.lookup(cand.name)
                if entries:
                    entry = entries[0]
                    cand.key, cand.name, cand.label, cand.known = entry.id, entry.name, entry.label, True
                    cand.weak, cand.confidence = False, max(cand.confidence, 0.9)
        _harmonise(cands)
        _set_ents(doc, self._tokens_in_context(text, lowered, cands, catalog))
        self._acronyms(doc, folded)
        self._coordination(doc, folded)
        _attributive_countries(doc, folded)
        return doc

    def _tokens_in_context(self, text: str, lowered: str, cands: list[_Cand], catalog: Catalog | None) -> list[_Cand]:
        """A token some other reading could explain, where nothing in the item is about crypto,
        is none: one that only a cue word typed (Tensor Network, Session Initiation Protocol,
        AG-UI 协议, Tokenmaxxing, $HOME), or a catalog token whose name is also a word of the
        language (NVIDIA's Cosmos, Flow Engineering, the robot Neo, SOL in a GPU kernel
        thread). The item is about crypto when it has a word of crypto talk (``crypto_words``:
        BTC, 区块链, stablecoin, ...) or names, beyond doubt, something the catalog files under
        crypto (XRP, 以太坊, Tether, the layer-2 sector; not a bare sector word: the L1 and L2
        of a CPU's caches)."""
        tokens = [c for c in cands if c.label is Label.TOKEN]
        if not tokens or self.crypto_words.search(lowered) is not None:
            return cands
        doubtful = {id(c) for c in tokens if not c.known or _ordinary_words(text[c.start : c.end])}
        crypto = _crypto_ids(catalog) if catalog is not None else frozenset()
        if any(c.known and not c.weak and id(c) not in doubtful and c.key in crypto for c in cands):
            return cands
        return [c for c in cands if id(c) not in doubtful]

    def _glossed_terms(self, text: str) -> set[str]:
        """Acronyms glossed by a term of common words, before or after them: ``商品通道指数
        （CCI）``, ``DPO (Direct Preference Optimization)``: an indicator or a method, not a
        name, wherever the item uses it. A gloss that ends in an organisation word (…公司（ABC）,
        … Authority (FCA), SEC（美国证券交易委员会）) names."""
        found: list[tuple[str, str]] = []
        done = 0  # where the last term and its acronym ended (matches do not overlap)
        for bracket in _BRACKETED_ACRONYM.finditer(text):
            before = _GLOSS_BEFORE.search(text, max(done, bracket.start() - 120), bracket.start())
            if before is not None:
                found.append((before.group("desc"), bracket.group("acr")))
                done = bracket.end()
        found += [(m.group("desc"), m.group("acr")) for m in _GLOSS_AFTER.finditer(text)]
        terms = set()
        for desc, acr in found:
            if self._term_gloss(desc, acr):
                terms.add(acr)
                terms.add(_last_parts(desc, len(acr)))  # VLM (Vision Language Model): both
        return terms

    def _tested_names(self, lowered: str, cands: list[_Cand]) -> set[str]:
        """Latin names the item uses once as a test ("58.1% on WebArena", "the benchmark
        WebArena"): a test wherever else the item names it ("WebArena utilizes ..."). Not a
        name before the word (a model's "X Benchmark" results)."""
        out = set()
        for name in {c.name for c in cands if c.source == "discovery" and c.name[:1].isascii()}:
            low = fold_lower(name)
            at = lowered.find(low)
            while at >= 0:
                end = at + len(low)
                whole = not (lowered[at - 1 : at].isalnum() or lowered[end : end + 1].isalnum())
                if whole and self.tested_on(lowered, at):
                    out.add(name)
                    break
                at = lowered.find(low, at + len(low))
        return out

    def _term_gloss(self, desc: str, acr: str) -> bool:
        if _is_cjk(desc[-1]):
            if self.zh_suffix_re.search(fold_lower(desc[-3:])) is not None:
                return False
            return any(common_zh_words(desc[-n:], 3.0) for n in range(min(len(desc), 8), 3, -1))
        words = re.split(r"[ \t-]+", _last_parts(desc, len(acr)))
        initials = len(words) == len(acr) and "".join(w[0] for w in words).upper() == acr
        if initials and (self.is_generic(acr) or words[-1].lower() in CONTEST_WORDS):
            # RAG (Retrieval-Augmented Generation): a term of the trade spelled out; International
            # Mathematical Olympiad (IMO): a contest, named by its acronym after
            return True
        return (
            initials
            and words[-1].lower().rstrip(".") not in self.en_suffix  # Code World Model (CWM) names
            and all(w.lower() in common_words("en", 3.0) for w in words)  # optimization 3.9
        )

    def _acronyms(self, doc: Doc, text: str) -> None:
        """``Name (ACR)``: ACR is another surface of Name, here and later in the item."""
        aliases: dict[str, _Cand] = {}
        cands = [_cand_of(span, 2 if values_of(span).known else 1) for span in mentions(doc)]
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
            if not acr.isupper() and common_en(acr):
                continue  # "Pilot Base (Medical)": a word of the language in brackets glosses, it is no alias
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
        # in English a list needs a word, a mark or a line break between its names ("United
        # States Military and National Security users" lists nothing); Chinese text often sets
        # Latin names side by side (谷歌 Gemini Deep Think)
        english = doc.lang_ == "en"
        for i, span in enumerate(ents):
            values = values_of(span)
            if values.source != "discovery" or values.confidence > 0.55:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(ents):
                    continue
                other = ents[j]
                theirs = values_of(other)
                if theirs.source == "discovery" and theirs.confidence <= 0.55:
                    continue
                lo, hi = (other.end_char, span.start_char) if j < i else (span.end_char, other.start_char)
                gap = text[lo:hi]
                if not _COORD.match(gap) or (english and not gap.strip(" \t*_\"'“”‘’)")):
                    continue
                if (gap.strip(" \t*_") or not gap) and not _COORD_WORD.search(gap):
                    # 比特币“OG巨鲸”, 比特币OG: side by side only with spaces (or markup) between
                    continue

                label = Label(other.label_)
                if label in (Label.SECTOR, Label.INITIATIVE):
                    continue
                if label in (Label.AGENCY, Label.COUNTRY) and not _COORD_WORD.search(gap):
                    continue  # 美军YFQ-44A: what an agency fields or a country makes, not a second agency
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
            set_mentions(doc, ents)


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
