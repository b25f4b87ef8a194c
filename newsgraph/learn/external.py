"""Recall on the labelled outside data sets, on the types that map to ours.

- FinRE (``finre-zh/valid.txt``; TSV ``head, tail, relation, sentence``): 收购 / 拟收购 ->
  ACQUIRES, 被收购 / 被拟收购 -> ACQUIRES reversed, 注资 / 入股 / 增持 -> INVESTS_IN (被… reversed),
  合作 -> PARTNERS_WITH, 竞争 -> COMPETES_WITH. Entities: head and tail found (any type).
- FIRE (``fire-financial-re-en/fire_dev.json``): ActionBuy between two companies -> ACQUIRES,
  Productof (product -> company) -> RELEASED (company -> product). Entities: Company ->
  Company, Person -> Person, Product -> Product or Model.

Their labels are not exhaustive (a pair not labelled may still be a fact), so only recall
is measured: a labelled fact counts when the extraction of its sentence holds it.

Run: ``python -m newsgraph.learn.external ../shared/corpora`` (prints a table).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newsgraph.eval import _forms, gold_norm
from newsgraph.loaders.extract import extract_text
from newsgraph.loaders.extraction import Extraction

__all__ = ["finre_recall", "fire_recall"]

_FINRE = {
    "收购": ("ACQUIRES", False),
    "拟收购": ("ACQUIRES", False),
    "被收购": ("ACQUIRES", True),
    "被拟收购": ("ACQUIRES", True),
    "注资": ("INVESTS_IN", False),
    "被注资": ("INVESTS_IN", True),
    "入股": ("INVESTS_IN", False),
    "被入股": ("INVESTS_IN", True),
    "增持": ("INVESTS_IN", False),
    "被增持": ("INVESTS_IN", True),
    "合作": ("PARTNERS_WITH", False),
    "竞争": ("COMPETES_WITH", False),
}
_FIRE_TYPES = {"Company": {"Company"}, "Person": {"Person"}, "Product": {"Product", "Model"}}


def _keys_named(ex: Extraction, name: str, types: set[str] | None = None) -> set[str]:
    want = gold_norm(name)
    return {
        e.key for e in ex.entities if want in _forms([e.name], e.surfaces) and (types is None or e.label.value in types)
    }


def _has_fact(ex: Extraction, rtype: str, head: str, tail: str) -> bool:
    heads, tails = _keys_named(ex, head), _keys_named(ex, tail)
    undirected = rtype in ("PARTNERS_WITH", "COMPETES_WITH")
    return any(
        r.type.value == rtype
        and ((r.head in heads and r.tail in tails) or (undirected and r.head in tails and r.tail in heads))
        for r in ex.relations
    )


def finre_recall(path: Path) -> dict[str, Counter]:
    """Counts ``found`` / ``total`` per mapped relation type, and ``entities`` (head and tail found)."""
    out: dict[str, Counter] = {}
    seen: set[tuple[str, str, str]] = set()
    for record in path.read_text("utf-8").split("\n"):
        parts = record.split("\t")
        if len(parts) != 4 or parts[2] not in _FINRE:
            continue
        head, tail, relation, sentence = parts
        rtype, reverse = _FINRE[relation]
        if reverse:
            head, tail = tail, head
        key = (
            (head, tail, sentence)
            if rtype not in ("PARTNERS_WITH", "COMPETES_WITH")
            else (
                *sorted((head, tail)),
                sentence,
            )
        )
        if key in seen:  # FinRE lists a pair in both directions (收购 / 被收购)
            continue
        seen.add(key)
        ex = extract_text(sentence.replace("<N>", ""), "zh")
        counts = out.setdefault(rtype, Counter())
        counts["total"] += 1
        counts["found"] += _has_fact(ex, rtype, head, tail)
        ents = out.setdefault("entities", Counter())
        for name in (head, tail):
            ents["total"] += 1
            ents["found"] += bool(_keys_named(ex, name))
    return out


def fire_recall(path: Path) -> dict[str, Counter]:
    """Counts ``found`` / ``total`` per mapped relation and entity type."""
    out: dict[str, Counter] = {}
    for record in json.loads(path.read_text("utf-8")):
        sentence = " ".join(record["tokens"])
        ents = record["entities"]
        ex = extract_text(sentence, "en")
        for ent in ents:
            if ent["type"] in _FIRE_TYPES:
                counts = out.setdefault(f"entity {ent['type']}", Counter())
                counts["total"] += 1
                counts["found"] += bool(_keys_named(ex, ent["text"], _FIRE_TYPES[ent["type"]]))
        for rel in record["relations"]:
            head, tail = ents[rel["head"]], ents[rel["tail"]]
            if rel["type"] == "ActionBuy" and head["type"] == tail["type"] == "Company":
                rtype, h, t = "ACQUIRES", head["text"], tail["text"]
            elif rel["type"] == "Productof" and head["type"] == "Product" and tail["type"] == "Company":
                rtype, h, t = "RELEASED", tail["text"], head["text"]
            else:
                continue
            counts = out.setdefault(rtype, Counter())
            counts["total"] += 1
            counts["found"] += _has_fact(ex, rtype, h, t)
    return out


def _print(title: str, table: dict[str, Counter]) -> None:
    print(title)
    for name in sorted(table):
        c = table[name]
        print(f"  {name:<22} {c['found']:>5} / {c['total']:<5} recall {c['found'] / max(c['total'], 1):.3f}")


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path("../shared/corpora")
    _print("FinRE valid.txt (zh)", finre_recall(root / "finre-zh" / "valid.txt"))
    _print("FIRE fire_dev.json (en)", fire_recall(root / "fire-financial-re-en" / "fire_dev.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
