"""Turn one item's :class:`Extraction` into graph records, using the catalog.

The item becomes an ``Item`` node that MENTIONS its entities and REPORTS one ``Event``;
the event INVOLVES its participants and BENEFITS/HURTS its impact targets; relations
between entities become facts carrying the item, the date and the evidence sentence.
Catalog knowledge (sector membership, the sector tree above each sector touched) is
added as facts owned by the catalog, so that a sector's members are reachable from it.
"""

from __future__ import annotations

import re

from newsgraph.graph.catalog import Catalog
from newsgraph.graph.model import Entity, Event, Fact, GraphBatch, Item, Label, RelType
from newsgraph.loaders.dedupe import supported_names
from newsgraph.loaders.digest import FIELDS
from newsgraph.loaders.extraction import Extraction

__all__ = ["event_id", "event_title", "resolve", "sector_tree_batch"]


def event_id(item: Item) -> str:
    """One event per item until clustering merges reports of the same happening."""
    return "event:" + item.id.split(":", 1)[1]


_SECTION_TITLES = {"intro": "Digest intro", "headline": "Headlines", "view": "Author's view", "watch": "Watch list"}


def event_title(item: Item, extraction: Extraction) -> str:
    """The extractor's title, the item's, a digest section's name, or the first sentence."""
    title = item.title
    if not title and item.kind in _SECTION_TITLES:  # a digest's headline list, view, watch list
        title = f"{_SECTION_TITLES[item.kind]} {item.date or ''}".strip()
    title = title or extraction.event_title
    if not title:
        first = (item.sections.get("what") or item.text).strip()
        title = re.split(r"(?<=[。！？!?])|(?<=[.;；])\s|\n", first, maxsplit=1)[0] if first else item.id
    return title.strip()[:120]


_FIELD_LABEL = re.compile(
    r"^\s*(?:" + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True)) + r")\s*[:：]\s*", re.IGNORECASE
)


def _sentence(evidence: str) -> str:
    """The evidence without a digest field label in front (可能的影响: ...)."""
    return _FIELD_LABEL.sub("", evidence).strip()


def _catalog_entity(catalog: Catalog, entity_id: str) -> Entity:
    entry = catalog.entries[entity_id]
    return Entity(id=entry.id, label=entry.label, name=entry.name, aliases=entry.surface_forms[1:])


def sector_tree_batch(catalog: Catalog, sector_ids: set[str]) -> GraphBatch:
    """The given sectors, every sector above them, and their SUBSECTOR_OF facts."""
    batch = GraphBatch()
    seen: set[str] = set()
    stack = sorted(sector_ids)
    while stack:
        sector_id = stack.pop()
        if sector_id in seen or sector_id not in catalog:
            continue
        seen.add(sector_id)
        batch.entities.append(_catalog_entity(catalog, sector_id))
        for parent in catalog.entries[sector_id].sectors:
            batch.facts.append(
                Fact(
                    type=RelType.SUBSECTOR_OF,
                    source_id=sector_id,
                    source_label=Label.SECTOR,
                    target_id=parent,
                    target_label=Label.SECTOR,
                )
            )
            stack.append(parent)
    return batch


def resolve(item: Item, extraction: Extraction, catalog: Catalog, *, event: str | None = None) -> GraphBatch:
    """Graph records for one item. Pure: the same input always gives the same batch.

    ``event`` is the id of the event the item reports when clustering found one
    (:mod:`newsgraph.loaders.events`); by default the item gets an event of its own.
    """
    batch = GraphBatch(items=[item])
    labels: dict[str, Label] = {}
    sectors_touched: set[str] = set()
    for found in extraction.entities:
        entry = catalog.get(found.key) if found.known else None
        aliases = list(entry.surface_forms[1:]) if entry else []
        # the forms seen that the name or the catalog vouch for (not a neighbour's name); the
        # store keeps them apart from whatever name the node already has
        forms = supported_names(found.label.value, found.name, found.surfaces, catalog, entry.id if entry else None)
        aliases += [s for s in forms if s not in aliases and (entry is None or s != entry.name)]
        batch.entities.append(
            Entity(
                id=found.key,
                label=found.label,
                name=entry.name if entry else found.name,
                aliases=aliases,
                first_seen=item.date,
                last_seen=item.date,
            )
        )
        labels[found.key] = found.label
        batch.facts.append(
            Fact(
                type=RelType.MENTIONS,
                source_id=item.id,
                source_label=Label.ITEM,
                target_id=found.key,
                target_label=found.label,
                item_id=item.id,
                date=item.date,
                confidence=found.confidence,
            )
        )
        if entry is None:
            continue
        if found.label is Label.SECTOR:
            sectors_touched.add(entry.id)
        else:
            for sector in entry.sectors:
                sectors_touched.add(sector)
                batch.facts.append(
                    Fact(
                        type=RelType.IN_SECTOR,
                        source_id=entry.id,
                        source_label=entry.label,
                        target_id=sector,
                        target_label=Label.SECTOR,
                        evidence=f"catalog: {entry.name} is in {catalog.entries[sector].name}",
                    )
                )

    stated = [r for r in extraction.relations if r.head in labels and r.tail in labels and r.head != r.tail]
    for relation in stated:
        batch.facts.append(
            Fact(
                type=relation.type,
                source_id=relation.head,
                source_label=labels[relation.head],
                target_id=relation.tail,
                target_label=labels[relation.tail],
                item_id=item.id,
                date=item.date,
                confidence=relation.confidence,
                evidence=_sentence(relation.evidence),
            )
        )

    # Sectors are what events affect (BENEFITS/HURTS), not who takes part in them.
    participants = [key for key in extraction.participants if key in labels and labels[key] is not Label.SECTOR]
    impacts = [impact for impact in extraction.impacts if impact.target in labels]
    if participants or impacts or stated:
        node = Event(
            id=event or event_id(item),
            title=event_title(item, extraction),
            date=item.date,
            kind=extraction.event_kind,
            summary=(item.sections.get("what") or item.text)[:500],
        )
        batch.events.append(node)
        batch.facts.append(
            Fact(
                type=RelType.REPORTS,
                source_id=item.id,
                source_label=Label.ITEM,
                target_id=node.id,
                target_label=Label.EVENT,
                item_id=item.id,
                date=item.date,
            )
        )
        for key in participants:
            batch.facts.append(
                Fact(
                    type=RelType.INVOLVES,
                    source_id=node.id,
                    source_label=Label.EVENT,
                    target_id=key,
                    target_label=labels[key],
                    item_id=item.id,
                    date=item.date,
                    role=extraction.roles.get(key, "participant"),
                    evidence=_sentence(extraction.participant_evidence.get(key, "")),
                )
            )
        for impact in impacts:
            batch.facts.append(
                Fact(
                    type=impact.type,
                    source_id=node.id,
                    source_label=Label.EVENT,
                    target_id=impact.target,
                    target_label=labels[impact.target],
                    item_id=item.id,
                    date=item.date,
                    confidence=impact.confidence,
                    evidence=_sentence(impact.evidence),
                )
            )
    batch.extend(sector_tree_batch(catalog, sectors_touched))
    return batch
