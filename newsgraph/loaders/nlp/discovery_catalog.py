"""``CatalogNames``: names built from the catalog's own words.

Groups of stocks named by a sector or token word (加密货币相关股票, 银行股, AI概念股, crypto
stocks) and model identifiers written in lower case after a model family the catalog knows
(gpt-4o-realtime-preview, llama-3.1-8b-instruct): capitals and suffixes find neither.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Label
from newsgraph.loaders.nlp.discovery_cues import NameCues
from newsgraph.loaders.nlp.extensions import _Cand
from newsgraph.loaders.nlp.latin_words import MODIFIER_TAIL
from newsgraph.loaders.nlp.text import _is_cjk
from newsgraph.loaders.nlp.wordfreqs import common_en

#: a lower-case identifier: letters and digits joined by hyphens or dots, not inside a path,
#: an address or a longer identifier
_MODEL_ID = re.compile(r"(?<![\w/.@:-])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+(?![\w/@-]|\.[A-Za-z])")
#: a word for stocks after a sector or token word: 加密股票, 加密货币相关股票, 银行股, AI概念股, crypto stocks
_STOCKS = re.compile(r"(?:相关|概念)?(?:股票|概念股|股(?![价东份权息市指票民]))|(?<=[A-Za-z])[ \t]+(?:stocks|shares)\b")


class CatalogNames(NameCues):
    """The catalog-word finders of :class:`~newsgraph.loaders.nlp.discovery.EntityDiscovery`."""

    def stock_groups(self, text: str, catalog: Catalog | None) -> list[_Cand]:
        """A sector or token word and a word for stocks name a group of stocks, a market of its
        own (``加密货币相关股票``, ``银行股``, ``AI概念股``, ``crypto stocks``): the gold labels it a
        sector, and it is what moves up or down (``加密股票同步下跌``). The word before is the
        longest catalog sector or token form ending there (a generic one too: 银行, 加密货币),
        or ``AI``."""
        if catalog is None:
            return []
        out = []
        for stocks in _STOCKS.finditer(text):
            at = stocks.start()
            found = None
            for form in _forms_before(text, at):
                if form in ("AI", "人工智能"):
                    found = (form, "AI")
                    break
                entries = [e for e in catalog.lookup(form) if e.label in (Label.SECTOR, Label.TOKEN)]
                if entries:
                    found = (form, re.sub(r" industry$", "", entries[0].name))
                    break
            if found is not None:
                cand = self._make(at - len(found[0]), stocks.end(), Label.SECTOR, f"{found[1]} stocks", 0.8, rank=3)
                if cand is not None:
                    out.append(cand)
        return out

    def model_ids(self, text: str, known: list[_Cand], catalog: Catalog | None) -> list[_Cand]:
        """Model identifiers as APIs and model hubs write them, in lower case after a family the
        catalog knows: ``gpt-4o-realtime-preview``, ``gemini-exp-1121``,
        ``deepseek-v4-flash-vision-exp``, ``llama-3.1-8b-instruct`` (a hyphen or a dot, a digit,
        no part of a path or address). Capitals find the other names; these have none."""
        families = _model_families(catalog) if catalog is not None else frozenset()
        out = []
        for match in _MODEL_ID.finditer(text):
            start, end = match.span()
            ident = match.group()
            family = re.match(r"[a-z]+", ident.lower())
            if family is None or family.group() not in families or not re.search(r"\d", ident):
                continue
            if MODIFIER_TAIL.search(ident):
                continue  # "GPT-5-backed workflows": a modifier made from the name
            if ident[0].isupper() and not re.search(r"-[a-z]", ident):
                continue  # "DeepSeek-V3.2": written with capitals, the capitalised runs find it
            if any(c.start < end and start < c.end and (c.end - c.start) >= (end - start) for c in known):
                continue
            cand = self._make(start, end, Label.MODEL, ident, 0.7, rank=3)
            if cand is not None:
                out.append(cand)
        return out


@lru_cache(maxsize=4)
def _model_families(catalog: Catalog) -> frozenset[str]:
    """The leading letters of the catalog's model names (gpt, claude, llama, qwen, deepseek,
    ...): three or more, and no word of the language (``stable`` of Stable Diffusion)."""
    out = set()
    for entry in catalog.entries.values():
        if entry.label is not Label.MODEL:
            continue
        for form in (entry.name, *entry.aliases):
            lead = re.match(r"[a-z]+", form.lower())
            if lead and len(lead.group()) >= 3 and form[:1].isascii() and not common_en(lead.group()):
                out.add(lead.group())
    return frozenset(out)


def _forms_before(text: str, at: int) -> list[str]:
    """The words ending right at ``at``, longest first: up to six Chinese characters, or up
    to three Latin words (what a word for stocks may follow)."""
    run = re.search(r"[\u4e00-\u9fff]{1,6}$|(?:[A-Za-z][\w\-]*[ \t]+){0,2}[A-Za-z][\w\-]*$", text[max(0, at - 30) : at])
    if run is None:
        return []
    words = run.group()
    if _is_cjk(words[-1]):
        return [words[k:] for k in range(len(words))]
    parts = words.split()
    return [" ".join(parts[k:]) for k in range(len(parts))]
