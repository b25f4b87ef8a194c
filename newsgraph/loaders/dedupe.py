"""One node per real thing: matching discovered entities to the ones already in the graph.

Catalog entities are matched by the extractor (aliases in both scripts and languages).
Entities the catalog does not know get an id from their label and name; this module
catches the other spellings of them, conservatively and never across labels:

- :func:`match_key` folds a name (traditional -> simplified, width, case, spacing,
  punctuation) and drops legal-form words (Inc., Ltd, Labs, 公司, 集团 ...): two discovered
  entities of one label with the same key are the same thing, and ingest sends the second
  spelling to the first id (:class:`EntityIndex`). People are also matched across scripts
  by pinyin (:func:`person_keys`: 蔡浩宇 = Cai Haoyu = Haoyu Cai), since digests in the two
  languages name the same person both ways. Recorded merges (``newsgraph merge``)
  redirect too, so a decision survives later ingests.
- :func:`duplicate_candidates` proposes likelier-than-not pairs for a person to review
  (``newsgraph review``): same label, fuzzy name similarity over ``REVIEW_THRESHOLD``
  (rapidfuzz), or one's name among the other's aliases. Nothing is merged automatically.
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import ENTITY_LABELS, normalise_name, to_simplified
from newsgraph.graph.store import GraphStore
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.nlp.text import strip_enumerator

__all__ = ["REVIEW_THRESHOLD", "Candidate", "EntityIndex", "duplicate_candidates", "match_key"]

#: Fuzzy name similarity (rapidfuzz ``token_sort_ratio`` on folded names) from which a pair is
#: shown for review; chosen by measurement (docs/resolution.md).
REVIEW_THRESHOLD = 88.0
#: Names folded to fewer characters than this need ``SHORT_THRESHOLD`` (one letter is a lot).
SHORT_NAME = 8
SHORT_THRESHOLD = 95.0

_LATIN_FORMS = re.compile(
    r"[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|gmbh|s\.?a|ag|holdings?|group)"
    r"\.?\s*$",
    re.IGNORECASE,
)
_CJK_FORMS = re.compile(r"(?<=..)(?:有限责任公司|股份有限公司|有限公司|控股|集团|公司)$")


def match_key(name: str) -> str:
    """The folded name without a list number in front or a legal form behind it.

    >>> match_key("Menlo Ventures, Inc.") == match_key("menlo  ventures")
    True
    >>> match_key("字节跳动有限公司") == match_key("字节跳动")
    True
    >>> match_key("Cisco") == match_key("Cis Co")
    False
    >>> match_key("1. 纳斯达克") == match_key("纳斯达克")
    True
    >>> match_key("01.AI") == match_key("AI")
    False
    """
    bare = strip_enumerator(to_simplified(name.strip()))
    stripped = _CJK_FORMS.sub("", _LATIN_FORMS.sub("", bare))
    return normalise_name(stripped) or normalise_name(name)


_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Za-z]+(?:[\s-][A-Za-z]+){1,2}$")


def person_keys(name: str) -> set[str]:
    """Script-independent keys of a person's name: pinyin of a Chinese name, and a Latin name
    in both orders (Chinese names are written family name first or last in English).

    >>> person_keys("蔡浩宇") & person_keys("Cai Haoyu") == person_keys("Haoyu Cai") & person_keys("蔡浩宇")
    True
    >>> bool(person_keys("蔡浩宇") & person_keys("Cai Haoyu"))
    True
    """
    from pypinyin import lazy_pinyin

    name = to_simplified(name.strip())
    if _HAN_NAME.match(name):
        syllables = lazy_pinyin(name)
        return {"py:" + "".join(syllables), "py:" + "".join(syllables[1:] + syllables[:1])}
    if _LATIN_NAME.match(name):
        parts = re.split(r"[\s-]+", name.casefold())
        return {"py:" + "".join(parts), "py:" + "".join(parts[1:] + parts[:1])}
    return set()


def _keys(label: str, name: str) -> set[tuple[str, str]]:
    keys = {(label, match_key(name))}
    if label == "Person":
        keys |= {(label, key) for key in person_keys(name)}
    return keys


class EntityIndex:
    """Discovered entities already in the graph, by (label, match key), plus recorded merges."""

    def __init__(self, catalog: Catalog, merges: dict[str, str] | None = None) -> None:
        self.catalog = catalog
        self.merges = dict(merges or {})
        self._by_key: dict[tuple[str, str], str] = {}
        # Catalog names first: a discovered "1. Gemini 3 Flash" is the catalog's Gemini 3 Flash.
        for entry in catalog.entries.values():
            self.add(entry.label.value, entry.id, entry.surface_forms)
        #: provisional id -> the existing id it was sent to (for reporting)
        self.redirects: dict[str, str] = {}

    @classmethod
    def from_store(cls, store: GraphStore, catalog: Catalog, merges: dict[str, str]) -> EntityIndex:
        index = cls(catalog, merges)
        for row in store.run_named("entities", labels=[label.value for label in ENTITY_LABELS]):
            if row["id"] not in catalog:
                index.add(row["label"], row["id"], [row["name"] or "", *(row["aliases"] or [])])
        return index

    def add(self, label: str, entity_id: str, names: list[str]) -> None:
        for name in names:
            for key in _keys(label, name) if name else ():
                self._by_key.setdefault(key, entity_id)

    def canonical(self, extraction: Extraction) -> Extraction:
        """The extraction with every entity key sent to its surviving id; duplicates folded."""
        mapping: dict[str, str] = {}
        for entity in extraction.entities:
            key = self.merges.get(entity.key, entity.key)
            if not entity.known and key == entity.key:
                keys = [k for n in [entity.name, *entity.surfaces] for k in sorted(_keys(entity.label.value, n))]
                found = next((self._by_key[k] for k in keys if k in self._by_key), None)
                key = self.merges.get(found, found) if found else key
            if key != entity.key:
                self.redirects[entity.key] = key
            mapping[entity.key] = key
            if not entity.known:
                self.add(entity.label.value, key, [entity.name, *entity.surfaces])
        if all(k == v for k, v in mapping.items()):
            return extraction
        entities = {}
        for entity in extraction.entities:
            new = mapping[entity.key]
            if new in entities:
                merged = entities[new]
                merged.surfaces.extend(s for s in entity.surfaces if s not in merged.surfaces)
            else:
                entities[new] = entity.model_copy(update={"key": new, "known": new in self.catalog or entity.known})
        return extraction.model_copy(
            update={
                "entities": list(entities.values()),
                "relations": [
                    r.model_copy(update={"head": mapping.get(r.head, r.head), "tail": mapping.get(r.tail, r.tail)})
                    for r in extraction.relations
                ],
                "impacts": [
                    i.model_copy(update={"target": mapping.get(i.target, i.target)}) for i in extraction.impacts
                ],
                "participants": list(dict.fromkeys(mapping.get(p, p) for p in extraction.participants)),
                "roles": {mapping.get(k, k): v for k, v in extraction.roles.items()},
            }
        )


class Candidate(BaseModel):
    """A likely duplicate pair, with what a reviewer needs to decide."""

    label: str
    a: str
    a_name: str
    b: str
    b_name: str
    score: float
    reason: str
    a_aliases: list[str]
    b_aliases: list[str]


_DIGITS = re.compile(r"\d+")


def _threshold_for(left: str, right: str, threshold: float) -> float:
    """Stricter for short names (OpenAI/OpenAPI); never for different numbers (Claude 3.7/4)."""
    if _DIGITS.findall(left) != _DIGITS.findall(right):
        return 101.0
    return max(threshold, SHORT_THRESHOLD) if min(len(left), len(right)) < SHORT_NAME else threshold


def duplicate_candidates(
    store: GraphStore, catalog: Catalog, *, threshold: float = REVIEW_THRESHOLD, limit: int = 100
) -> list[Candidate]:
    """Pairs of one label whose names are alike; at least one side unknown to the catalog."""
    rows = store.run_named("entities", labels=[label.value for label in ENTITY_LABELS])
    by_label: dict[str, list[dict]] = {}
    for row in rows:
        by_label.setdefault(row["label"], []).append(row)
    found: list[Candidate] = []
    for label, group in sorted(by_label.items()):
        group.sort(key=lambda r: r["id"])
        keys = [match_key(r["name"] or r["id"]) for r in group]
        scores = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        alias_keys = [{match_key(a) for a in r["aliases"] or []} for r in group]
        for i, left in enumerate(group):
            for j in range(i + 1, len(group)):
                right = group[j]
                if left["id"] in catalog and right["id"] in catalog:
                    continue  # curated entries are distinct on purpose
                if keys[i] in alias_keys[j] or keys[j] in alias_keys[i]:
                    score, reason = 100.0, "one's name is the other's alias"
                elif scores[i][j] >= _threshold_for(keys[i], keys[j], threshold):
                    score, reason = float(scores[i][j]), "similar names"
                else:
                    continue
                found.append(
                    Candidate(
                        label=label,
                        a=left["id"],
                        a_name=left["name"] or "",
                        b=right["id"],
                        b_name=right["name"] or "",
                        score=round(score, 1),
                        reason=reason,
                        a_aliases=left["aliases"] or [],
                        b_aliases=right["aliases"] or [],
                    )
                )
    found.sort(key=lambda c: (-c.score, c.label, c.a, c.b))
    return found[:limit]
