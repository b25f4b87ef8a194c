"""What the extractor finds in one item, before it is resolved into graph records.

Entities are keyed by ``key``: the catalog id when the catalog knows the entity, else a
provisional id built by :func:`newsgraph.graph.model.entity_id` from the label and name.
Relations and impacts refer to entities by that key.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.graph.model import Label, RelType

__all__ = ["ExtractedEntity", "ExtractedImpact", "ExtractedRelation", "Extraction"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExtractedEntity(_Record):
    key: str
    label: Label
    name: str = Field(description="canonical name (catalog) or the cleaned surface form")
    surfaces: list[str] = Field(default_factory=list, description="forms seen in this item")
    known: bool = Field(description="True when the catalog knows it")
    confidence: float = Field(1.0, ge=0.0, le=1.0)


class ExtractedRelation(_Record):
    type: RelType
    head: str
    tail: str
    evidence: str = Field(description="the sentence that states the fact")
    confidence: float = Field(1.0, ge=0.0, le=1.0)


class ExtractedImpact(_Record):
    type: RelType = Field(description="BENEFITS or HURTS")
    target: str
    evidence: str
    confidence: float = Field(1.0, ge=0.0, le=1.0)


class Extraction(_Record):
    item_id: str
    lang: str
    entities: list[ExtractedEntity] = Field(default_factory=list)
    relations: list[ExtractedRelation] = Field(default_factory=list)
    impacts: list[ExtractedImpact] = Field(default_factory=list)
    event_kind: str = "other"
    event_title: str = ""
    participants: list[str] = Field(default_factory=list, description="entity keys the event INVOLVES")
    roles: dict[str, str] = Field(default_factory=dict, description="entity key -> role in the event")
    participant_evidence: dict[str, str] = Field(
        default_factory=dict, description="entity key -> the sentence that makes it a participant"
    )
