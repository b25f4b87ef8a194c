"""Merging duplicate entities, reversibly, on either store.

``merge_entities(store, a, b)`` folds entity ``a`` into ``b``: every relationship of ``a``
is re-asserted on ``b`` item by item (so counts, dates and evidence accumulate exactly as if
the items had named ``b``), ``a``'s names become ``b``'s aliases, and ``a`` is deleted. The
decision is stored in the graph as a ``MergeDecision`` node holding a snapshot of ``a``
and of what the merge added to ``b``, which is what makes it reversible
(:func:`unmerge_entity`) and lets later ingests send ``a``'s mentions to ``b``
(:func:`merge_map`). Entities of different labels are never merged.
"""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel

from newsgraph.errors import NewsgraphError
from newsgraph.graph.model import UNDIRECTED, Entity, Fact, GraphBatch, Label, RelType
from newsgraph.graph.store import GraphStore

__all__ = ["MergeRecord", "merge_entities", "merge_map", "unmerge_entity"]

ALL_TYPES = [t.value for t in RelType]


class MergeRecord(BaseModel):
    from_id: str
    into_id: str
    label: str
    decided_at: str
    relationships: int


def merge_map(store: GraphStore) -> dict[str, str]:
    """``{merged id: surviving id}`` for every recorded merge, chains followed to the end."""
    direct = {row["from_id"]: row["into_id"] for row in store.run_named("merges")}
    resolved = {}
    for source in direct:
        target, seen = direct[source], {source}
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        resolved[source] = target
    return resolved


def _edges(store: GraphStore, node_id: str) -> list[dict]:
    """Every relationship of a node, as ``{type, src, dst, other, other_label, ...}``."""
    rows = []
    for query, way in (("edges_out", "out"), ("edges_in", "in")):
        for edge in store.run_named(query, ids=[node_id], types=ALL_TYPES):
            src, dst = (node_id, edge["id"]) if way == "out" else (edge["id"], node_id)
            rows.append({**edge, "src": src, "dst": dst, "way": way, "other": edge["id"], "other_label": edge["label"]})
    return rows


def _facts(edge: dict, source: str, target: str, labels: tuple[str, str]) -> list[Fact]:
    """One fact per item that asserted the relationship (catalog facts have item ``catalog``)."""
    evidence, dates = edge.get("evidence") or [], edge.get("dates") or []
    return [
        Fact(
            type=RelType(edge["type"]),
            source_id=source,
            source_label=Label(labels[0]),
            target_id=target,
            target_label=Label(labels[1]),
            item_id=item,
            confidence=edge.get("confidence") or 0.0,
            date=dt.date.fromisoformat(dates[i]) if i < len(dates) and dates[i] else None,
            evidence=evidence[i] if i < len(evidence) else "",
            role=edge.get("role") or "",
        )
        for i, item in enumerate(edge.get("item_ids") or [])
    ]


def merge_entities(store: GraphStore, from_id: str, into_id: str) -> MergeRecord:
    """Fold ``from_id`` into ``into_id`` and record the decision. Raises if labels differ."""
    source, target = (store.run_named("node_props", id=i) for i in (from_id, into_id))
    if not source or not target:
        missing = from_id if not source else into_id
        raise NewsgraphError(f"no entity {missing!r} in the graph")
    source, target = source[0], target[0]
    if source["label"] != target["label"]:
        raise NewsgraphError(
            f"refusing to merge a {source['label']} into a {target['label']}: "
            "entities of different types are never merged"
        )
    if from_id == into_id:
        raise NewsgraphError("an entity cannot be merged into itself")
    props = {k: v for k, v in source["props"].items() if not k.startswith("_")}
    edges = _edges(store, from_id)
    target_edges = {(e["type"], e["src"], e["dst"]): set(e.get("item_ids") or []) for e in _edges(store, into_id)}
    batch = GraphBatch()
    added: list[dict] = []
    for edge in edges:
        if edge["other"] == into_id:
            continue  # a relationship between the two becomes a self-loop: dropped, kept in the snapshot
        src = into_id if edge["src"] == from_id else edge["src"]
        dst = into_id if edge["dst"] == from_id else edge["dst"]
        labels = (
            (target["label"], edge["other_label"]) if edge["way"] == "out" else (edge["other_label"], target["label"])
        )
        batch.facts.extend(_facts(edge, src, dst, labels))
        if RelType(edge["type"]) in UNDIRECTED and dst < src:
            src, dst = dst, src  # stored head < tail, as the writer does
        before = target_edges.get((edge["type"], src, dst), set())
        added.append(
            {
                "type": edge["type"],
                "src": src,
                "dst": dst,
                "items": [i for i in edge.get("item_ids") or [] if i not in before],
            }
        )
    names = [props.get("name") or from_id, *(props.get("aliases") or [])]
    have = set(target["props"].get("aliases") or []) | {target["props"].get("name")}
    new_aliases = [n for n in dict.fromkeys(names) if n and n not in have]
    batch.entities.append(
        Entity(
            id=into_id, label=Label(target["label"]), name=target["props"].get("name") or into_id, aliases=new_aliases
        )
    )
    store.write(batch)
    store.run_named("delete_node", id=from_id)
    decided = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    snapshot = {"node": props, "label": source["label"], "edges": edges, "added": added, "aliases_added": new_aliases}
    store.run_named(
        "record_merge",
        id=f"merge:{from_id}",
        from_id=from_id,
        into_id=into_id,
        label=source["label"],
        decided_at=decided,
        snapshot=json.dumps(snapshot, ensure_ascii=False),
    )
    return MergeRecord(
        from_id=from_id, into_id=into_id, label=source["label"], decided_at=decided, relationships=len(edges)
    )


def unmerge_entity(store: GraphStore, from_id: str) -> MergeRecord:
    """Undo the merge of ``from_id``: restore it and take its items back off the survivor."""
    record = next((r for r in store.run_named("merges") if r["from_id"] == from_id), None)
    if record is None:
        raise NewsgraphError(f"no recorded merge of {from_id!r}; 'newsgraph merges' lists them")
    snapshot = json.loads(record["snapshot"])
    into_id = record["into_id"]
    for change in snapshot["added"]:
        _remove_items(store, change["type"], change["src"], change["dst"], set(change["items"]))
    survivor = store.run_named("node_props", id=into_id)
    if survivor:
        keep = [a for a in survivor[0]["props"].get("aliases") or [] if a not in set(snapshot["aliases_added"])]
        store.run_named("set_aliases", id=into_id, aliases=keep)
    node = snapshot["node"]
    batch = GraphBatch(
        entities=[
            Entity(
                id=from_id,
                label=Label(snapshot["label"]),
                name=node.get("name") or from_id,
                aliases=node.get("aliases") or [],
                first_seen=dt.date.fromisoformat(node["first_seen"]) if node.get("first_seen") else None,
                last_seen=dt.date.fromisoformat(node["last_seen"]) if node.get("last_seen") else None,
            )
        ]
    )
    for edge in snapshot["edges"]:
        labels = (
            (snapshot["label"], edge["other_label"])
            if edge["way"] == "out"
            else (edge["other_label"], snapshot["label"])
        )
        batch.facts.extend(_facts(edge, edge["src"], edge["dst"], labels))
    store.write(batch)
    store.run_named("delete_merge", id=record["id"])
    return MergeRecord(
        from_id=from_id,
        into_id=into_id,
        label=record["label"],
        decided_at=record["decided_at"],
        relationships=len(snapshot["edges"]),
    )


def _remove_items(store: GraphStore, rel_type: str, src: str, dst: str, items: set[str]) -> None:
    """Take ``items`` off one relationship; delete it when no item is left."""
    if not items:
        return
    edge = next((e for e in store.run_named("edges_out", ids=[src], types=[rel_type]) if e["id"] == dst), None)
    if edge is None:
        return
    ids, dates, evidence = edge["item_ids"] or [], edge["dates"] or [], edge["evidence"] or []
    keep = [i for i, item in enumerate(ids) if item not in items]
    if not keep:
        store.run_named("delete_rel", types=[rel_type], src=src, dst=dst)
        return
    kept_dates = [dates[i] for i in keep if i < len(dates)]
    real = sorted(d for d in kept_dates if d)
    store.run_named(
        "set_rel",
        types=[rel_type],
        src=src,
        dst=dst,
        count=len(keep),
        item_ids=[ids[i] for i in keep],
        dates=kept_dates,
        evidence=[evidence[i] for i in keep if i < len(evidence)],
        first_seen=real[0] if real else None,
        last_seen=real[-1] if real else None,
    )
