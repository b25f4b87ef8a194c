"""Sense checks: a catalog form that also means something else is the entity only in context.

寒武纪 is Cambricon, but 寒武纪大爆发 is the Cambrian explosion; a Bitcoin miner's 算力 is its
hashrate, not the compute sector; 元宇宙 is the metaverse, blockchain gaming only beside
crypto words. The cues are data (``data/senses.yaml``: what follows or precedes the form,
what else its clause or sentence says), not code, so a new ambiguity is one more entry.

    >>> wrong_sense("这被视为AI智能体寒武纪大爆发的前奏", 9, 12, "company:cambricon")
    True
    >>> wrong_sense("寒武纪发布新一代AI芯片", 0, 3, "company:cambricon")
    False
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Sense", "load_senses", "wrong_sense"]

_CLAUSE = re.compile(r"[，,；;。！？!?\n]")
_SENTENCE = re.compile(r"[。！？!?\n]|\.\s")
_SKIP = " \t\"'“”‘’「」《》*_"


class Sense(BaseModel):
    """The context cues that mark the other reading of an entity's ambiguous forms."""

    model_config = ConfigDict(extra="forbid")

    entity: str
    forms: list[str]
    other: str = Field(description="what the form means when it is not the entity")
    not_followed_by: list[str] = Field(default_factory=list)
    not_preceded_by: list[str] = Field(default_factory=list)
    not_in_clause: list[str] = Field(default_factory=list)
    only_in_sentence: list[str] = Field(default_factory=list)


@lru_cache(maxsize=1)
def load_senses() -> dict[str, list[Sense]]:
    """entity id -> its sense checks, from ``newsgraph/loaders/data/senses.yaml``."""
    text = (resources.files("newsgraph.loaders") / "data" / "senses.yaml").read_text(encoding="utf-8")
    found: dict[str, list[Sense]] = {}
    for raw in yaml.safe_load(text)["senses"]:
        sense = Sense.model_validate(raw)
        found.setdefault(sense.entity, []).append(sense)
    return found


def _span(text: str, start: int, end: int, stops: re.Pattern) -> str:
    left = max((m.end() for m in stops.finditer(text, 0, start)), default=0)
    right = stops.search(text, end)
    return text[left : right.start() if right else len(text)]


def _has(haystack: str, cues: list[str]) -> bool:
    low = haystack.casefold()
    return any(cue.casefold() in low for cue in cues)


def wrong_sense(text: str, start: int, end: int, entity: str) -> bool:
    """Whether the mention ``text[start:end]`` of ``entity`` reads as something else here."""
    senses = load_senses().get(entity)
    if not senses:
        return False
    form = text[start:end].casefold()
    for sense in senses:
        if not any(f.casefold() == form for f in sense.forms):
            continue
        after = text[end : end + 12].lstrip(_SKIP).casefold()
        before = text[max(0, start - 12) : start].rstrip(_SKIP).casefold()
        if any(after.startswith(c.casefold()) for c in sense.not_followed_by):
            return True
        if any(before.endswith(c.casefold()) for c in sense.not_preceded_by):
            return True
        if sense.not_in_clause and _has(_span(text, start, end, _CLAUSE), sense.not_in_clause):
            return True
        if sense.only_in_sentence and not _has(_span(text, start, end, _SENTENCE), sense.only_in_sentence):
            return True
    return False
