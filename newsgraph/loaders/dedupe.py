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
import unicodedata
from functools import lru_cache

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import ENTITY_LABELS, Label, entity_id, normalise_name, to_simplified
from newsgraph.graph.store import GraphStore
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.nlp.text import VARIANT_WORDS, strip_enumerator

__all__ = [
    "REVIEW_THRESHOLD",
    "Candidate",
    "EntityIndex",
    "canonical_id",
    "duplicate_candidates",
    "match_key",
    "model_key",
    "story_key",
    "supported_names",
]

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


#: middle dots of other scripts (萨姆・奥尔特曼, Sam•Altman) fold like "·"
_DOTS = str.maketrans({"・": "·", "•": "·", "‧": "·", "･": "·"})


#: the key functions below are pure and called for the same few thousand names again and
#: again (every mention of an entity, every item): cached, they return the same values
_KEY_CACHE = 1 << 16


@lru_cache(maxsize=_KEY_CACHE)
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
    bare = strip_enumerator(to_simplified(name.strip())).translate(_DOTS)
    stripped = _CJK_FORMS.sub("", _LATIN_FORMS.sub("", bare))
    return normalise_name(stripped) or normalise_name(name)


_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Za-z]+(?:[\s-][A-Za-z]+){1,2}$")


@lru_cache(maxsize=_KEY_CACHE)
def person_keys(name: str) -> frozenset[str]:
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
        return frozenset({"py:" + "".join(syllables), "py:" + "".join(syllables[1:] + syllables[:1])})
    if _LATIN_NAME.match(name):
        parts = re.split(r"[\s-]+", name.casefold())
        return frozenset({"py:" + "".join(parts), "py:" + "".join(parts[1:] + parts[:1])})
    return frozenset()


#: "Claude系列大模型", "Llama models": the family, not another thing
_MODEL_SUFFIX = re.compile(r"(?:系列大模型|系列模型|大模型|系列|模型|\s+(?:models?|series|family))$", re.IGNORECASE)
_MODEL_TOKEN = re.compile(r"[a-z]+|[\u4e00-\u9fff]+|\d+(?:\.\d+)*")


def model_parts(name: str) -> tuple[list[str], list[str]]:
    """A model name as (words, versions), versions without trailing ``.0``.

    >>> model_parts("Claude 4.5 Haiku"), model_parts("Gemini 3.0"), model_parts("Claude-Opus-4-1")
    ((['claude', 'haiku'], ['4.5']), (['gemini'], ['3']), (['claude', 'opus'], ['4.1']))
    """
    text = unicodedata.normalize("NFKC", to_simplified(strip_enumerator(name.strip()))).casefold()
    text = _MODEL_SUFFIX.sub("", text).strip() or text
    text = re.sub(r"(?<=\d)-(?=\d(?!\d))", ".", text)  # Claude-Opus-4-1 is version 4.1
    text = re.sub(r"(?<![a-z])v(?=\d)", " ", text)  # Nemotron Nano v2 is version 2
    words, versions = [], []
    for token in _MODEL_TOKEN.findall(text):
        if token[0].isdigit():
            versions.append(re.sub(r"(?:\.0)+$", "", token))
        else:
            words.append(token)
    return words, versions


@lru_cache(maxsize=_KEY_CACHE)
def model_key(name: str) -> str:
    """Family, tier and version in any word order: ``Claude 4.5 Haiku`` = ``Claude Haiku 4.5``,
    ``Gemini 3.0`` = ``Gemini 3``; ``GPT-4`` and ``GPT-4o`` differ.

    >>> model_key("Claude 4.5 Haiku") == model_key("Claude Haiku 4.5")
    True
    >>> model_key("Gemini 3.0") == model_key("Gemini 3"), model_key("GPT-4") == model_key("GPT-4o")
    (True, False)
    >>> model_key("Claude系列大模型") == model_key("Claude")
    True
    """
    words, versions = model_parts(name)
    return "m:" + " ".join(sorted(words)) + "|" + " ".join(versions)


@lru_cache(maxsize=_KEY_CACHE)
def story_key(name: str) -> str | None:
    """A versioned model's release, whichever variant is named (GPT-5.2 Pro = GPT-5.2); None
    for a name without a version (a family says nothing about which release)."""
    words, versions = model_parts(name)
    if not versions or not words:
        return None
    return " ".join(sorted(w for w in words if w not in VARIANT_WORDS)) + "|" + " ".join(versions)


#: a handle is one token (``@AnthropicAI``, ``OpenAIDevs``); its stem must name an entity already known
_HANDLE = re.compile(r"^@?[A-Za-z][A-Za-z0-9_]{4,}$")
_HANDLE_SUFFIX = re.compile(r"_?(?:ai|hq|labs|official|devs?|app|inc)$", re.IGNORECASE)
MIN_HANDLE_STEM = 5


def handle_stem(name: str) -> str | None:
    """The name a social-media handle stands for (``AnthropicAI`` -> ``anthropic``), or None.

    >>> handle_stem("@AnthropicAI"), handle_stem("OpenAI"), handle_stem("Anthropic")
    ('anthropic', None, None)
    """
    if not _HANDLE.match(name):
        return None
    stem = _HANDLE_SUFFIX.sub("", name.lstrip("@"))
    return normalise_name(stem) if len(stem) >= MIN_HANDLE_STEM and stem != name.lstrip("@") else None


@lru_cache(maxsize=_KEY_CACHE)
def _keys(label: str, name: str) -> frozenset[tuple[str, str]]:
    keys = {(label, match_key(name))}
    if label == "Person":
        keys |= {(label, key) for key in person_keys(name)}
    if label == "Model":
        keys.add((label, model_key(name)))
    return frozenset(keys)


def canonical_id(label: str, name: str) -> str:
    """The id of a discovered entity, from its match key: the same whichever spelling comes
    first (``Deep Research`` and ``DeepResearch`` are both ``company:deepresearch``).

    >>> canonical_id("Company", "Deep Research") == canonical_id("Company", "DeepResearch, Inc.")
    True
    >>> canonical_id("Model", "Claude 4.5 Haiku")
    'model:claude-haiku-4-5'
    >>> canonical_id("Person", "Cai Haoyu") == canonical_id("Person", "蔡浩宇")
    True
    """
    if label == "Model":
        words, versions = model_parts(name)
        fragment = "-".join(sorted(words) + versions)
    elif label == "Person" and person_keys(name):
        fragment = min(person_keys(name)).removeprefix("py:")
    else:
        fragment = match_key(name)
    return entity_id(label, fragment or name)


def supported_names(
    label: str, name: str, surfaces: list[str], catalog: Catalog, entity_id_: str | None = None
) -> list[str]:
    """The forms of an entity that its name or the catalog vouch for: the name, spellings with
    the same match key (or model key, or pinyin), and the catalog's own forms of it. A form the
    catalog gives to another entity, or that merely sat next to the name, is not an alias.

    >>> cat = Catalog([])
    >>> supported_names("Company", "Hugging Face", ["Hugging Face", "HuggingFace", "AI21Labs"], cat)
    ['Hugging Face', 'HuggingFace']
    """
    entry = catalog.get(entity_id_) if entity_id_ else None
    vouched = set().union(*(_keys(label, n) for n in [name, *(entry.surface_forms if entry else [])]))
    kept = []
    for form in dict.fromkeys([name, *surfaces]):
        if not form:
            continue
        others = {e.id for e in catalog.lookup(form)}
        if others and entity_id_ not in others and form != name:
            continue  # the catalog's name for something else
        if form == name or entity_id_ in others or _keys(label, form) & vouched:
            kept.append(form)
    return kept


_SHORT_FORM = re.compile(r"\s+(?:ai|labs)\s*$", re.IGNORECASE)


def short_form(name: str) -> str | None:
    """The match key of a company name without a separate " AI" / " Labs" word, or None.

    >>> short_form("Moonshot AI"), short_form("OpenAI"), short_form("AI")
    ('moonshot', None, None)
    """
    bare = _SHORT_FORM.sub("", name)
    return match_key(bare) if bare != name and len(match_key(bare)) >= 3 else None


#: labels one name is often given in turn (Google Drive as a Company, a Model and a Product):
#: a discovered name already known under one of them is that node, not a second one
CONFUSED_LABELS = ("Company", "Model", "Product")


@lru_cache(maxsize=4)
def _catalog_index(catalog: Catalog) -> tuple[dict, dict, dict]:
    """The :class:`EntityIndex` tables of ``catalog``'s entries alone (copied by each index)."""
    index = EntityIndex.__new__(EntityIndex)
    index._by_key, index._labels, index._short = {}, {}, {}
    for entry in catalog.entries.values():
        index.add(entry.label.value, entry.id, entry.surface_forms)
    return index._by_key, index._labels, index._short


class EntityIndex:
    """Entities already in the graph, by (label, match key), plus recorded merges."""

    def __init__(self, catalog: Catalog, merges: dict[str, str] | None = None) -> None:
        self.catalog = catalog
        self.merges = dict(merges or {})
        # Catalog names first: a discovered "1. Gemini 3 Flash" is the catalog's Gemini 3 Flash.
        # (Indexed once per catalog and process: about 0.4 s, most of an ingest's setup.)
        by_key, labels, short = _catalog_index(catalog)
        self._by_key: dict[tuple[str, str], str] = dict(by_key)
        self._labels: dict[str, str] = dict(labels)
        self._short: dict[tuple[str, str], str] = dict(short)  # (label, key without " AI") -> id
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
        self._labels.setdefault(entity_id, label)
        for name in names:
            for key in _keys(label, name) if name else ():
                self._by_key.setdefault(key, entity_id)
            base = short_form(name) if label == "Company" and name else None
            if base:
                self._short.setdefault((label, base), entity_id)

    def find(self, label: str, names: list[str]) -> str | None:
        """The id of an indexed entity that one of ``names`` designates, or None: the same key
        in the same label; a handle whose stem is a known name (``AnthropicAI``); or the same
        key under another of :data:`CONFUSED_LABELS`."""
        keys = [key for name in names for key in sorted(_keys(label, name))]
        found = next((self._by_key[k] for k in keys if k in self._by_key), None)
        if found is None:
            stems = [(label, stem) for stem in map(handle_stem, names) if stem]
            found = next(
                (self._by_key.get(k) or self._short[k] for k in stems if k in self._by_key or k in self._short), None
            )
        if found is None and label == "Company":  # "Moonshot" is Moonshot AI (never "Google Labs" Google)
            found = next(
                (self._short[(label, match_key(n))] for n in names if (label, match_key(n)) in self._short), None
            )
        if found is None and label in CONFUSED_LABELS:
            others = [(other, match_key(n)) for other in CONFUSED_LABELS if other != label for n in names]
            found = next((self._by_key[k] for k in others if k in self._by_key), None)
        return found

    def canonical(self, extraction: Extraction) -> Extraction:
        """The extraction with every entity key sent to its surviving id; duplicates folded.
        A discovered entity nobody knows yet gets :func:`canonical_id` (order-independent)."""
        mapping: dict[str, str] = {}
        labels: dict[str, str] = {}
        for entity in extraction.entities:
            label = entity.label.value
            key = self.merges.get(entity.key, entity.key)
            if not entity.known and key == entity.key:
                names = supported_names(label, entity.name, entity.surfaces, self.catalog)
                found = self.find(label, names)
                key = self.merges.get(found, found) if found else canonical_id(label, entity.name)
                if found:
                    self.redirects[entity.key] = key
                self.add(self._labels.get(key, label), key, names)
            mapping[entity.key] = key
            labels[key] = self._labels.get(key, label)
        if all(k == v for k, v in mapping.items()):
            return extraction
        entities = {}
        for entity in extraction.entities:
            new = mapping[entity.key]
            if new in entities:
                merged = entities[new]
                merged.surfaces.extend(s for s in entity.surfaces if s not in merged.surfaces)
            else:
                entities[new] = entity.model_copy(
                    update={"key": new, "label": Label(labels[new]), "known": new in self.catalog or entity.known}
                )
        return extraction.model_copy(
            update={
                "entities": list(entities.values()),
                "relations": [
                    r.model_copy(update={"head": mapping.get(r.head, r.head), "tail": mapping.get(r.tail, r.tail)})
                    for r in extraction.relations
                    if mapping.get(r.head, r.head) != mapping.get(r.tail, r.tail)
                ],
                "impacts": [
                    i.model_copy(update={"target": mapping.get(i.target, i.target)}) for i in extraction.impacts
                ],
                "participants": list(dict.fromkeys(mapping.get(p, p) for p in extraction.participants)),
                "roles": {mapping.get(k, k): v for k, v in extraction.roles.items()},
                "participant_evidence": {mapping.get(k, k): v for k, v in extraction.participant_evidence.items()},
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


#: how sure each kind of evidence makes a pair, for ranking (fuzzy pairs score their similarity)
SAME_KEY, SAME_MODEL, PLURAL, HANDLE, SHORT_FORM, ALIAS = 100.0, 99.0, 98.0, 97.0, 96.0, 86.0
_WORDS = re.compile(r"[a-z]+|\d+|[\u4e00-\u9fff]+")


def _words(name: str) -> list[str]:
    """The name's words, folded, in order, plural ``s`` dropped (Skills = Skill)."""
    text = re.sub(r"\bv(?=\d)", " ", unicodedata.normalize("NFKC", to_simplified(name)).casefold())  # v2 = 2
    words = _WORDS.findall(text)
    return [w[:-1] if len(w) > 3 and w.endswith("s") and w.isascii() else w for w in words]


def _short_word_differs(left: str, right: str) -> bool:
    """Google Pay / Google Play, LingBot-VA / LingBot-VLA: the names differ in a short Latin
    word, which is a different thing far more often than a typo."""
    a, b = set(_words(left)), set(_words(right))
    diff = (a - b) | (b - a)
    return bool(a - b) and bool(b - a) and all(w.isascii() and w.isalpha() and len(w) <= 4 for w in diff)


def _pair_reason(label: str, left: dict, right: dict, keys: tuple[str, str], fuzzy: float, threshold: float):
    """(score, reason) for a pair, or None: the strongest evidence that the two are one thing."""
    if keys[0] == keys[1]:
        return SAME_KEY, "same name once case, spacing, punctuation and legal form are folded"
    names = (left["name"] or left["id"], right["name"] or right["id"])
    if label == "Model" and model_key(names[0]) == model_key(names[1]):
        return SAME_MODEL, "same model: family, tier and version in another order"
    words = _words(names[0])
    if len(words) >= 2 and words == _words(names[1]):  # one word: Canva is not Canvas
        return PLURAL, "same words up to a plural"
    if handle_stem(names[0]) == keys[1] or handle_stem(names[1]) == keys[0]:
        return HANDLE, "one is the other's social-media handle"
    # the bare name of a curated company plus Labs / AI is as often a division (Google Labs)
    bare = right if short_form(names[0]) == keys[1] else left if short_form(names[1]) == keys[0] else None
    if label == "Company" and bare is not None and not bare["catalog"]:
        return SHORT_FORM, "one is the other without its AI / Labs"
    if fuzzy >= _threshold_for(keys[0], keys[1], threshold) and not _short_word_differs(*names):
        return round(fuzzy, 1), f"similar names ({fuzzy:.0f}/100)"
    left_aliases = {match_key(a) for a in left["aliases"] or []}
    right_aliases = {match_key(a) for a in right["aliases"] or []}
    if keys[0] in right_aliases or keys[1] in left_aliases:
        return ALIAS, "one's name is among the other's aliases (check the alias)"
    return None


def duplicate_candidates(
    store: GraphStore, catalog: Catalog, *, threshold: float = REVIEW_THRESHOLD, limit: int = 100
) -> list[Candidate]:
    """Pairs of one label whose names are alike; at least one side unknown to the catalog.

    Ranked by the strength of the evidence, so the first suggestions are the likeliest: the
    same folded name, the same model name in another order, a handle, then alike names by
    similarity, and last a name found among the other's aliases (aliases can be wrong)."""
    rows = store.run_named("entities", labels=[label.value for label in ENTITY_LABELS])
    by_label: dict[str, list[dict]] = {}
    for row in rows:
        by_label.setdefault(row["label"], []).append(row)
    found: list[Candidate] = []
    for label, group in sorted(by_label.items()):
        group.sort(key=lambda r: r["id"])
        keys = [match_key(r["name"] or r["id"]) for r in group]
        scores = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        exact: dict[str, list[int]] = {}
        for i, row in enumerate(group):
            exact.setdefault(model_key(row["name"] or row["id"]) if label == "Model" else keys[i], []).append(i)
            for alias in row["aliases"] or []:
                exact.setdefault("alias:" + match_key(alias), []).append(i)
            for base in (handle_stem(row["name"] or ""), short_form(row["name"] or "") if label == "Company" else None):
                if base:
                    exact.setdefault(base, []).append(i)
        pairs = {(i, j) for i, j in zip(*scores.nonzero(), strict=True) if i < j}
        for i, key in enumerate(keys):
            pairs |= {tuple(sorted((i, j))) for j in exact.get(key, []) + exact.get("alias:" + key, []) if j != i}
        for members in exact.values():
            pairs |= {(a, b) for a in members for b in members if a < b}
        for i, j in sorted(pairs):
            left, right = group[i], group[j]
            left["catalog"], right["catalog"] = left["id"] in catalog, right["id"] in catalog
            if left["id"] in catalog and right["id"] in catalog:
                continue  # curated entries are distinct on purpose
            judged = _pair_reason(label, left, right, (keys[i], keys[j]), float(scores[i][j]), threshold)
            if judged is None:
                continue
            found.append(
                Candidate(
                    label=label,
                    a=left["id"],
                    a_name=left["name"] or "",
                    b=right["id"],
                    b_name=right["name"] or "",
                    score=judged[0],
                    reason=judged[1],
                    a_aliases=left["aliases"] or [],
                    b_aliases=right["aliases"] or [],
                )
            )
    found.sort(key=lambda c: (-c.score, c.label, c.a, c.b))
    return found[:limit]
