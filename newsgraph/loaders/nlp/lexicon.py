"""The trigger lexicons (``data/lexicon.yaml``): their pydantic schema and the loader.

:func:`load_lexicon` reads the packaged file, or the one named by its argument or by
``NEWSGRAPH_LEXICON``, and raises :class:`~newsgraph.errors.CatalogError` naming the field
when it does not validate.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsgraph.errors import CatalogError
from newsgraph.graph.model import EVENT_KINDS, FACT_TYPES, Label, RelType


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
        if value not in FACT_TYPES:
            raise ValueError(f"{value} is not a relation the extractor finds; one of {sorted(FACT_TYPES)}")
        return value


class MakerFamily(_Model):
    """A family of models or products and its known makers (catalog ids)."""

    names: list[str] = Field(min_length=1)
    makers: list[str] = Field(min_length=1)

    @field_validator("makers")
    @classmethod
    def _ids(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"(?:company|agency):[^\s:]+", value):
                raise ValueError(f"{value!r} is not a company or agency id")
        return values


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
    role_nouns: list[str] = Field(default_factory=list)
    person_titles: Words = Field(default_factory=Words)
    term_nouns: Words = Field(default_factory=Words)
    glued_product: list[str] = Field(default_factory=list)
    transliteration: str = ""
    crypto_words: Words = Field(default_factory=Words)


class ImpactWords(_Model):
    subject: Words = Field(default_factory=Words)
    object: Words = Field(default_factory=Words)

    def all(self) -> list[str]:
        return [*self.subject.all(), *self.object.all()]


class Incidents(_Model):
    """Outages, hacks and bugs: ``affecting`` verbs hurt their object after an incident word."""

    words: Words = Field(default_factory=Words)
    affecting: Words = Field(default_factory=Words)


class Impacts(_Model):
    BENEFITS: ImpactWords
    HURTS: ImpactWords
    flows: Words = Field(default_factory=Words)
    incidents: Incidents = Field(default_factory=Incidents)

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
    makers: list[MakerFamily] = Field(default_factory=list)

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
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~8x faster
        return Lexicon.model_validate(raw)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{name}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise CatalogError(f"{name}: field {where!r}: {err['msg']}") from None
