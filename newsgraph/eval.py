"""Score the extractor against a gold file, exactly as ``../shared/gold/FORMAT.md`` says.

- Names compare after traditional -> simplified Chinese, Unicode NFKC, case folding, and
  removing whitespace and the punctuation ``-_·.`` (:func:`gold_norm`).
- A predicted entity matches a gold entity when the types are equal and any of its
  canonical name, catalog aliases or surface forms in the item equals the gold ``name`` or
  one of its ``aliases``. Each gold entity matches at most one predicted entity (and each
  predicted entity at most one gold entity): a maximum bipartite matching.
- A predicted relation matches when its type is equal and its head and tail match the gold
  head and tail entities (either order for PARTNERS_WITH and COMPETES_WITH); an impact when
  its type is equal and its target matches.
- Precision, recall and F1 are micro-averaged over the file, overall and per type.

``evaluate(path)`` returns an :class:`EvalReport`; ``format_report(report, errors)`` renders
it as a plain-text table; ``report.as_json()`` is the ``--json`` object.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsgraph.errors import InputError
from newsgraph.graph.catalog import Catalog, default_catalog
from newsgraph.graph.model import UNDIRECTED, to_simplified
from newsgraph.loaders.extraction import Extraction

__all__ = [
    "EvalReport",
    "GoldEntity",
    "GoldItem",
    "ItemErrors",
    "Scores",
    "argument_matcher",
    "evaluate",
    "format_report",
    "gold_norm",
    "make_report",
    "read_gold",
    "score_item",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------
# Gold records
# --------------------------------------------------------------------------------------


class GoldEntity(_Model):
    type: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class GoldRelation(_Model):
    type: str
    head: str
    tail: str


class GoldImpact(_Model):
    type: str
    target: str


class GoldItem(_Model):
    id: str
    lang: str = Field(pattern="^(zh|en)$")
    date: str | None = None
    title: str = ""
    text: str
    entities: list[GoldEntity] = Field(default_factory=list)
    relations: list[GoldRelation] = Field(default_factory=list)
    impacts: list[GoldImpact] = Field(default_factory=list)


def read_gold(path: str | Path) -> list[GoldItem]:
    """Read and validate a gold JSON Lines file; errors name the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file: {exc.strerror}") from None
    items: list[GoldItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = GoldItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", f"line {number}") from None
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise InputError(str(path), f"field {field!r}: {err['msg']}", f"line {number}") from None
        if item.id in seen:
            raise InputError(str(path), f"duplicate id {item.id!r}", f"line {number}")
        seen.add(item.id)
        items.append(item)
    return items


# --------------------------------------------------------------------------------------
# Normalisation and matching
# --------------------------------------------------------------------------------------

_STRIP = re.compile(r"[\s\-_·.]+")


@lru_cache(maxsize=1 << 16)
def gold_norm(name: str) -> str:
    """The comparison form of a name (FORMAT.md): t2s, NFKC, casefold, no space or ``-_·.``.

    >>> gold_norm("Google  Deep-Mind")
    'googledeepmind'
    >>> gold_norm("輝達") == gold_norm("辉达")
    True
    """
    text = to_simplified(name)
    return _STRIP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _forms(*groups: Iterable[str]) -> frozenset[str]:
    return frozenset(f for group in groups for name in group if (f := gold_norm(name)))


def _max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths), left index -> right index; deterministic."""
    adjacency = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    match_right: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacency[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_right or augment(match_right[j], seen):
                match_right[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in match_right.items()}


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


class PRF(_Model):
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def finish(self) -> PRF:
        self.precision = round(self.tp / (self.tp + self.fp), 4) if self.tp + self.fp else 0.0
        self.recall = round(self.tp / (self.tp + self.fn), 4) if self.tp + self.fn else 0.0
        p, r = self.tp / (self.tp + self.fp or 1), self.tp / (self.tp + self.fn or 1)
        self.f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
        return self


class Scores(PRF):
    by_type: dict[str, PRF] = Field(default_factory=dict)

    def add(self, kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        row = self.by_type.setdefault(kind, PRF())
        row.tp, row.fp, row.fn = row.tp + tp, row.fp + fp, row.fn + fn

    def finish(self) -> Scores:
        super().finish()
        self.by_type = {k: self.by_type[k].finish() for k in sorted(self.by_type)}
        return self


class ItemErrors(_Model):
    """What one item got wrong: gold facts missed and predicted facts with no gold match."""

    id: str
    missed_entities: list[str] = Field(default_factory=list)
    false_entities: list[str] = Field(default_factory=list)
    missed_relations: list[str] = Field(default_factory=list)
    false_relations: list[str] = Field(default_factory=list)
    missed_impacts: list[str] = Field(default_factory=list)
    false_impacts: list[str] = Field(default_factory=list)

    def empty(self) -> bool:
        return not any(
            (
                self.missed_entities,
                self.false_entities,
                self.missed_relations,
                self.false_relations,
                self.missed_impacts,
                self.false_impacts,
            )
        )


class EvalReport(_Model):
    gold_path: str
    items: int
    entities: Scores
    relations: Scores
    impacts: Scores
    errors: list[ItemErrors] = Field(default_factory=list)
    seconds: float = 0.0
    items_per_second: float = 0.0

    def as_json(self, errors: bool = False) -> dict:
        """The ``--json`` object: ``entities``, ``relations``, ``impacts`` (and ``errors``)."""
        out = {
            "entities": self.entities.model_dump(),
            "relations": self.relations.model_dump(),
            "impacts": self.impacts.model_dump(),
        }
        if errors:
            out["errors"] = [e.model_dump() for e in self.errors if not e.empty()]
        return out


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------


def _pred_forms(extraction: Extraction, catalog: Catalog) -> dict[str, frozenset[str]]:
    forms = {}
    for entity in extraction.entities:
        entry = catalog.get(entity.key) if entity.known else None
        aliases = entry.aliases if entry is not None else []
        forms[entity.key] = _forms([entity.name], aliases, entity.surfaces)
    return forms


def argument_matcher(
    gold: GoldItem, pred_forms: dict[str, frozenset[str]], labels: dict[str, str]
) -> Callable[[str, str], bool]:
    """``ok(gold_name, key)``: does the predicted entity ``key`` stand for the gold argument
    ``gold_name``? Gold names in relations and impacts refer to gold entities (by name, else
    by alias); the types must agree and a form must be shared (a name not among the gold
    entities compares by name alone). ``pred_forms`` and ``labels`` are keyed by entity key."""
    by_name: dict[str, int] = {}
    for gi, g in enumerate(gold.entities):
        by_name.setdefault(gold_norm(g.name), gi)
    for gi, g in enumerate(gold.entities):
        for alias in g.aliases:
            by_name.setdefault(gold_norm(alias), gi)
    gold_forms = [_forms([g.name], g.aliases) for g in gold.entities]

    def ok(gold_name: str, key: str) -> bool:
        gi = by_name.get(gold_norm(gold_name))
        if key not in pred_forms:
            return False
        if gi is None:
            return gold_norm(gold_name) in pred_forms[key]
        return gold.entities[gi].type == labels[key] and bool(gold_forms[gi] & pred_forms[key])

    return ok


def score_item(
    gold: GoldItem,
    extraction: Extraction,
    catalog: Catalog,
    entities: Scores,
    relations: Scores,
    impacts: Scores,
) -> ItemErrors:
    """Add one item's counts to the three score tables; return its errors."""
    errors = ItemErrors(id=gold.id)
    pred_forms = _pred_forms(extraction, catalog)
    pred = extraction.entities
    gold_forms = [_forms([g.name], g.aliases) for g in gold.entities]

    def ent_ok(gi: int, pj: int) -> bool:
        return gold.entities[gi].type == pred[pj].label.value and bool(gold_forms[gi] & pred_forms[pred[pj].key])

    _tally(
        entities,
        gold.entities,
        pred,
        ent_ok,
        lambda g: (g.type, f"{g.type}:{g.name}"),
        lambda p: (p.label.value, f"{p.label.value}:{p.name} {p.surfaces}"),
        errors.missed_entities,
        errors.false_entities,
    )

    labels = {e.key: e.label.value for e in pred}
    names = {e.key: e.name for e in pred}
    arg_ok = argument_matcher(gold, pred_forms, labels)

    def rel_ok(gi: int, pj: int) -> bool:
        g, p = gold.relations[gi], extraction.relations[pj]
        if g.type != p.type.value:
            return False
        if arg_ok(g.head, p.head) and arg_ok(g.tail, p.tail):
            return True
        return p.type in UNDIRECTED and arg_ok(g.head, p.tail) and arg_ok(g.tail, p.head)

    _tally(
        relations,
        gold.relations,
        extraction.relations,
        rel_ok,
        lambda g: (g.type, f"{g.type}({g.head} -> {g.tail})"),
        lambda p: (p.type.value, f"{p.type.value}({names.get(p.head, p.head)} -> {names.get(p.tail, p.tail)})"),
        errors.missed_relations,
        errors.false_relations,
    )

    def imp_ok(gi: int, pj: int) -> bool:
        g, p = gold.impacts[gi], extraction.impacts[pj]
        return g.type == p.type.value and arg_ok(g.target, p.target)

    _tally(
        impacts,
        gold.impacts,
        extraction.impacts,
        imp_ok,
        lambda g: (g.type, f"{g.type}({g.target})"),
        lambda p: (p.type.value, f"{p.type.value}({names.get(p.target, p.target)})"),
        errors.missed_impacts,
        errors.false_impacts,
    )
    return errors


def _tally(
    scores: Scores,
    gold: list,
    pred: list,
    ok: Callable[[int, int], bool],
    describe_gold: Callable[[Any], tuple[str, str]],
    describe_pred: Callable[[Any], tuple[str, str]],
    missed: list[str],
    false: list[str],
) -> None:
    """Match gold to predictions one to one; count TP/FN/FP per type; list misses and false hits.

    ``describe_*`` give an element's type and the text shown for it with ``--errors``.
    """
    matched = _max_matching(len(gold), len(pred), ok)
    for gi, g in enumerate(gold):
        kind, text = describe_gold(g)
        if gi in matched:
            scores.add(kind, tp=1)
        else:
            scores.add(kind, fn=1)
            missed.append(text)
    hit = set(matched.values())
    for pj, p in enumerate(pred):
        if pj not in hit:
            kind, text = describe_pred(p)
            scores.add(kind, fp=1)
            false.append(text)


Extractor = Callable[[GoldItem], Extraction]


def _default_extractor(catalog: Catalog) -> Extractor:
    from newsgraph.loaders.extract import extract_text

    def run(item: GoldItem) -> Extraction:
        return extract_text(item.text, item.lang, item_id=item.id, title=item.title, catalog=catalog)

    return run


def _rules_extractor(catalog: Catalog) -> Extractor:
    from newsgraph.learn.models import install
    from newsgraph.loaders.extract import doc_to_extraction, new_pipeline, process_text

    pipes = {}
    for lang in ("zh", "en"):
        pipes[lang] = new_pipeline(lang, catalog)
        install(pipes[lang], None)

    def run(item: GoldItem) -> Extraction:
        doc = process_text(pipes[item.lang], item.text, item.title)
        return doc_to_extraction(doc, item.id, item.lang, item.title)

    return run


def evaluate(
    gold_path: str | Path,
    *,
    catalog: Catalog | None = None,
    extractor: Extractor | None = None,
    rules_only: bool = False,
) -> EvalReport:
    """Run the extractor on every gold item's text and score it (see the module doc).

    ``rules_only`` scores the rule verdicts alone (the learned models switched off)."""
    catalog = catalog if catalog is not None else default_catalog()
    items = read_gold(gold_path)
    if extractor is None and rules_only:
        extractor = _rules_extractor(catalog)
    if extractor is None:
        from newsgraph.loaders.extract import build_pipeline

        for lang in sorted({item.lang for item in items}):
            build_pipeline(lang, catalog)  # built once, outside the timing
        extractor = _default_extractor(catalog)
    entities, relations, impacts = Scores(), Scores(), Scores()
    errors = []
    started = time.perf_counter()
    extractions = [extractor(item) for item in items]
    seconds = time.perf_counter() - started
    for item, extraction in zip(items, extractions, strict=True):
        errors.append(score_item(item, extraction, catalog, entities, relations, impacts))
    return make_report(str(gold_path), len(items), entities, relations, impacts, errors, seconds)


def make_report(
    gold_path: str, items: int, entities: Scores, relations: Scores, impacts: Scores, errors: list, seconds: float
) -> EvalReport:
    """The report of ``items`` scored items that took ``seconds`` to extract."""
    return EvalReport(
        gold_path=gold_path,
        items=items,
        entities=entities.finish(),
        relations=relations.finish(),
        impacts=impacts.finish(),
        errors=errors,
        seconds=round(seconds, 3),
        items_per_second=round(items / seconds, 1) if seconds else 0.0,
    )


def _row(name: str, prf: PRF) -> str:
    return f"  {name:<18} {prf.precision:>6.3f} {prf.recall:>6.3f} {prf.f1:>6.3f} {prf.tp:>5} {prf.fp:>5} {prf.fn:>5}"


def format_report(report: EvalReport, errors: bool = False) -> str:
    """The report as a plain-text table; with ``errors``, each item's misses and false hits."""
    lines = [f"{report.gold_path}: {report.items} items, {report.items_per_second} items/s"]
    header = f"  {'':<18} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"
    for title, scores in (("entities", report.entities), ("relations", report.relations), ("impacts", report.impacts)):
        lines.append("")
        lines.append(header.replace(" " * 18, f"{title:<18}", 1))
        lines.append(_row("all", scores))
        for kind, prf in scores.by_type.items():
            lines.append(_row(kind, prf))
    if errors:
        for item in report.errors:
            if item.empty():
                continue
            lines.append("")
            lines.append(f"== {item.id}")
            for label, values in (
                ("missed entity", item.missed_entities),
                ("false entity", item.false_entities),
                ("missed relation", item.missed_relations),
                ("false relation", item.false_relations),
                ("missed impact", item.missed_impacts),
                ("false impact", item.false_impacts),
            ):
                for value in values:
                    lines.append(f"  {label:<16} {value}")
    return "\n".join(lines)
