"""The graph model: labels, relationship types and the records that flow between stages.

Every record is pure pydantic data (``extra="forbid"``); no record knows about a store.
Ids are stable and readable (``company:openai``, ``sector:compute``) so that re-ingesting
the same input converges on the same graph.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ENTITY_LABELS",
    "EVENT_KINDS",
    "FACT_TYPES",
    "UNDIRECTED",
    "Entity",
    "Event",
    "Fact",
    "GraphBatch",
    "Item",
    "Label",
    "RelType",
    "WriteStats",
    "entity_id",
    "normalise_name",
    "parse_rel_type",
    "slug",
    "to_simplified",
]


class Label(StrEnum):
    """Node labels. Every entity label also carries ``Entity`` in Neo4j."""

    COMPANY = "Company"
    MODEL = "Model"
    PRODUCT = "Product"
    AGENCY = "Agency"
    TOKEN = "Token"
    SECTOR = "Sector"
    PERSON = "Person"
    COUNTRY = "Country"
    INITIATIVE = "Initiative"
    EVENT = "Event"
    ITEM = "Item"


ENTITY_LABELS: tuple[Label, ...] = tuple(label for label in Label if label not in (Label.EVENT, Label.ITEM))


class RelType(StrEnum):
    """Relationship types, UPPER_SNAKE in the graph."""

    PARTNERS_WITH = "PARTNERS_WITH"
    RELEASED = "RELEASED"
    REGULATES = "REGULATES"
    BENEFITS = "BENEFITS"
    HURTS = "HURTS"
    INVESTS_IN = "INVESTS_IN"
    ACQUIRES = "ACQUIRES"
    COMPETES_WITH = "COMPETES_WITH"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    LEADS = "LEADS"
    IN_SECTOR = "IN_SECTOR"
    SUBSECTOR_OF = "SUBSECTOR_OF"
    INVOLVES = "INVOLVES"
    REPORTS = "REPORTS"
    MENTIONS = "MENTIONS"


#: Types whose direction carries no meaning; writers store them head < tail by id.
UNDIRECTED = frozenset({RelType.PARTNERS_WITH, RelType.COMPETES_WITH})

#: Facts between two entities that the extractor states from a sentence (not impacts,
#: membership, event links or provenance).
FACT_TYPES: tuple[RelType, ...] = (
    RelType.PARTNERS_WITH,
    RelType.RELEASED,
    RelType.REGULATES,
    RelType.INVESTS_IN,
    RelType.ACQUIRES,
    RelType.COMPETES_WITH,
    RelType.PARTICIPATES_IN,
    RelType.LEADS,
)

EVENT_KINDS = (
    "partnership",
    "release",
    "regulation",
    "funding",
    "acquisition",
    "security",
    "market",
    "policy",
    "other",
)


def parse_rel_type(text: str) -> RelType:
    """Accept ``partners-with``, ``partners_with`` or ``PARTNERS_WITH``.

    >>> parse_rel_type("partners-with")
    <RelType.PARTNERS_WITH: 'PARTNERS_WITH'>
    """
    key = text.strip().upper().replace("-", "_")
    try:
        return RelType(key)
    except ValueError:
        from newsgraph.errors import UnknownNameError

        raise UnknownNameError("relationship type", text, [t.value for t in RelType]) from None


_PUNCT = re.compile(r"[\s\-_·.,，、/'\"“”‘’()（）]+")


def _t2s_changing(opencc_module) -> frozenset[str] | None:
    """The characters OpenCC's ``t2s`` can change: those where a dictionary entry's key and
    value differ (every character of an entry that changes the length). A text with none of
    them comes out of the conversion as it went in. ``None`` when the package's dictionaries
    cannot be read (the conversion then always runs)."""
    import json
    from pathlib import Path

    base = Path(opencc_module.__file__).parent
    try:
        config = json.loads((base / "config" / "t2s.json").read_text(encoding="utf-8"))
        files = [d["file"] for step in config["conversion_chain"] for d in step["dict"].get("dicts", [step["dict"]])]
        changing: set[str] = set()
        for name in files:
            for line in (base / "dictionary" / name).read_text(encoding="utf-8").splitlines():
                key, _, values = line.strip().partition("\t")
                value = values.split(" ")[0]
                if len(key) == len(value):
                    changing.update(k for k, v in zip(key, value, strict=True) if k != v)
                else:
                    changing.update(key)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return frozenset(changing)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    convert = opencc.OpenCC("t2s").convert
    changing = _t2s_changing(opencc)
    if changing is None:
        return convert
    # nine in ten Chinese news texts hold no traditional character: no conversion to run
    return lambda text: text if changing.isdisjoint(text) else convert(text)


def to_simplified(text: str) -> str:
    """Traditional Chinese to simplified (OpenCC ``t2s``); text without a character the
    conversion can change is returned as is.

    >>> to_simplified("美國證券交易委員會")
    '美国证券交易委员会'
    """
    return text if text.isascii() else _t2s()(text)


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Fold a surface form for matching: traditional to simplified, NFKC, case fold, and no
    spaces or ``-_·.`` punctuation (the rule of the gold format).

    >>> normalise_name("Google  DeepMind")
    'googledeepmind'
    >>> normalise_name("ＯｐｅｎＡＩ")
    'openai'
    >>> normalise_name("美國能源部") == normalise_name("美国能源部")
    True
    """
    return _PUNCT.sub("", unicodedata.normalize("NFKC", to_simplified(text)).casefold())


def slug(text: str) -> str:
    """A readable id fragment: lowercase latin words joined by ``-``; CJK kept (simplified).

    >>> slug("Google DeepMind")
    'google-deepmind'
    >>> slug("美國能源部")
    '美国能源部'
    """
    text = unicodedata.normalize("NFKC", to_simplified(text)).casefold()
    text = re.sub(r"[^\w\u4e00-\u9fff]+", "-", text)
    return text.strip("-_") or hashlib.sha1(text.encode()).hexdigest()[:10]


def entity_id(label: Label | str, name: str) -> str:
    """The id of an entity the catalog does not know: ``label:slug``.

    >>> entity_id(Label.COMPANY, "Menlo Ventures")
    'company:menlo-ventures'
    """
    return f"{Label(label).value.lower()}:{slug(name)}"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Item(_Record):
    """One news item as read from a source file."""

    id: str = Field(description="hash of source and normalised content; stable across reruns")
    source: str = Field(description="the file (or feed) the item came from")
    location: str = Field("", description="where in the source: 'line 12', 'entry 3'")
    title: str = ""
    url: str | None = None
    urls: list[str] = Field(default_factory=list)
    date: dt.date | None = None
    lang: str = Field("zh", pattern="^(zh|en)$")
    kind: str = Field("news", description="news, headline, view or watch (digest sections)")
    sections: dict[str, str] = Field(default_factory=dict)
    text: str = ""
    content_hash: str = ""


class Entity(_Record):
    id: str
    label: Label
    name: str
    aliases: list[str] = Field(default_factory=list)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


class Event(_Record):
    id: str
    title: str
    date: dt.date | None = None
    kind: str = "other"
    summary: str = ""


class Fact(_Record):
    """One assertion of a relationship by one item (or by the catalog, with no item).

    Stores accumulate facts: one relationship per (source, type, target) carrying the
    count of items, first/last seen dates, the highest confidence, item ids and evidence.
    """

    type: RelType
    source_id: str
    source_label: Label
    target_id: str
    target_label: Label
    item_id: str = ""
    date: dt.date | None = None
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    evidence: str = ""
    role: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source_id, self.type.value, self.target_id)


class GraphBatch(_Record):
    """Nodes and relationships to write, as pure data."""

    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)

    def extend(self, other: GraphBatch) -> None:
        self.entities.extend(other.entities)
        self.events.extend(other.events)
        self.items.extend(other.items)
        self.facts.extend(other.facts)

    def __len__(self) -> int:
        return len(self.entities) + len(self.events) + len(self.items) + len(self.facts)


class WriteStats(_Record):
    nodes: int = 0
    relationships: int = 0
