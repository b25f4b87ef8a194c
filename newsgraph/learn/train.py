"""Training the fact models from gold items (``newsgraph train``; each CV fold).

1. Every gold item runs through the rule pipeline (the learned component passes the rule
   verdicts through), giving entity mentions and the rules' facts.
2. Each candidate (:mod:`.features`) is labelled from the gold: a pair takes the type and
   direction of a gold relation whose head and tail its two mentions stand for (the
   evaluation's own argument matching, :func:`newsgraph.eval.argument_matcher`); a mention
   takes the type of a gold impact on it; everything else is ``none``.
3. A softmax regression is fitted per task (:mod:`.linear`). The decision threshold is
   chosen on the training items only: out-of-fold probabilities from a grouped inner
   cross-validation, two thresholds (facts the rules also proposed, and the others) with the
   best F-beta (beta < 1 favours precision) over item-level facts, gold facts the
   candidates cannot reach counted as misses.

Everything is deterministic: sorted vocabularies, zero-initialised L-BFGS, seeded folds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsgraph.errors import InputError
from newsgraph.eval import GoldItem, _forms, argument_matcher, gold_norm
from newsgraph.graph.catalog import Catalog, default_catalog
from newsgraph.learn import SHIPPED_TASKS
from newsgraph.learn.entities import DROP, ENTITY_CLASSES, decided, label_mentions
from newsgraph.learn.features import impact_candidates, pair_candidates
from newsgraph.learn.folds import group_keys, make_folds
from newsgraph.learn.linear import LinearModel
from newsgraph.learn.models import (
    IMPACT_CLASSES,
    NONE,
    UNDIRECTED_TYPES,
    LearnedModels,
    build_cues,
    install,
    load_models,
    packaged_models_dir,
    relation_classes,
)
from newsgraph.loaders.nlp.lexicon import load_lexicon

__all__ = [
    "TrainSettings",
    "default_gold_files",
    "label_items",
    "train_fact_models",
    "train_names",
    "train_to_dir",
]


@dataclass(frozen=True, slots=True)
class TrainSettings:
    l2: float = 3.0
    min_count: int = 2
    inner_folds: int = 2
    seed: int = 13
    beta: float = 0.8  # F-beta of the fact thresholds; below 1 favours precision
    entity_beta: float = 0.5  # F-beta of the entity decider's threshold
    tasks: tuple[str, ...] = SHIPPED_TASKS  # which models to train (the rules decide the others)


@dataclass(slots=True)
class ItemExamples:
    """One gold item's candidates: features, labels, and the item-level fact each stands for."""

    pair_rows: list[list[str]] = field(default_factory=list)
    pair_labels: list[str] = field(default_factory=list)
    pair_keys: list[tuple[str, str]] = field(default_factory=list)
    impact_rows: list[list[str]] = field(default_factory=list)
    impact_labels: list[str] = field(default_factory=list)
    impact_keys: list[str] = field(default_factory=list)
    gold_relations: int = 0
    gold_impacts: int = 0


def _pred_forms(doc, catalog: Catalog) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    from newsgraph.loaders.nlp.extensions import mentions

    names: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for span in mentions(doc):
        key = span._.newsgraph_key
        group = names.setdefault(key, [span._.newsgraph_name])
        group.append(" ".join(span.text.split()).strip("*_ "))
        labels.setdefault(key, span.label_)
        if span._.newsgraph_known:
            entry = catalog.get(key)
            if entry is not None:
                group.extend(entry.aliases)
    return {k: _forms(v) for k, v in names.items()}, labels


def _label_doc(gold: GoldItem, doc, catalog: Catalog, cues) -> ItemExamples:
    forms, labels = _pred_forms(doc, catalog)
    ok = argument_matcher(gold, forms, labels)
    ex = ItemExamples(gold_relations=len(gold.relations), gold_impacts=len(gold.impacts))
    rule_rel = {(h.type.value, h.head, h.tail) for h in doc._.newsgraph_rule_relations or ()}
    rule_imp = {(h.type.value, h.target) for h in doc._.newsgraph_rule_impacts or ()}
    for cand in pair_candidates(doc, cues, rule_rel):
        a, b = cand.first._.newsgraph_key, cand.second._.newsgraph_key
        label = NONE
        for rel in gold.relations:
            undirected = rel.type in {t.value for t in UNDIRECTED_TYPES}
            if ok(rel.head, a) and ok(rel.tail, b):
                label = rel.type if undirected else f"{rel.type}>"
            elif ok(rel.head, b) and ok(rel.tail, a):
                label = rel.type if undirected else f"{rel.type}<"
            if label != NONE:
                break
        ex.pair_rows.append(cand.features)
        ex.pair_labels.append(label)
        ex.pair_keys.append((a, b))
    for cand in impact_candidates(doc, cues, rule_imp):
        key = cand.mention._.newsgraph_key
        label = next((imp.type for imp in gold.impacts if ok(imp.target, key)), NONE)
        ex.impact_rows.append(cand.features)
        ex.impact_labels.append(label)
        ex.impact_keys.append(key)
    return ex


def _docs(items: Sequence[GoldItem], catalog: Catalog, models: LearnedModels | None):
    from newsgraph.loaders.extract import new_pipeline, process_text

    pipes = {}
    for item in items:
        nlp = pipes.get(item.lang)
        if nlp is None:
            nlp = pipes[item.lang] = new_pipeline(item.lang, catalog)
            install(nlp, models)
        yield item, process_text(nlp, item.text, item.title)


def label_items(
    items: Sequence[GoldItem], catalog: Catalog | None = None, entity_models: LearnedModels | None = None
) -> list[ItemExamples]:
    """Run the pipeline (rule verdicts; the entity decider of ``entity_models`` if given) over
    gold items and label their relation and impact candidates (steps 1 and 2)."""
    catalog = catalog if catalog is not None else default_catalog()
    cues = build_cues(load_lexicon())
    return [_label_doc(item, doc, catalog, cues) for item, doc in _docs(items, catalog, entity_models)]


def _gold_types(item: GoldItem) -> list[tuple[str, frozenset[str]]]:
    return [(g.type, _forms([g.name], g.aliases)) for g in item.entities]


def train_entity_model(
    items: Sequence[GoldItem],
    groups: list[int],
    catalog: Catalog,
    settings: TrainSettings,
    checker: LearnedModels | None = None,
) -> tuple[LinearModel, float]:
    """Fit the entity decider on the rule mentions of ``items`` (after the name checker of
    ``checker``, if given); its threshold (over the weak catalog mentions it decides) from inner CV."""
    per_item = [label_mentions(doc, _gold_types(item)) for item, doc in _docs(items, catalog, checker)]
    model = _fit([f for x in per_item for f, _ in x], [c for x in per_item for _, c in x], ENTITY_CLASSES, settings)
    scored: list[tuple[float, bool, bool]] = []
    gold_total = 0
    k = min(settings.inner_folds, len(set(groups)))
    if k < 2:
        return model, 0.5
    for fold in make_folds(groups, k, settings.seed):
        held = set(fold)
        rows = [f for i, x in enumerate(per_item) if i not in held for f, _ in x]
        inner = _fit(rows, [c for i, x in enumerate(per_item) if i not in held for _, c in x], ENTITY_CLASSES, settings)
        for i in fold:
            weak = [(f, c) for f, c in per_item[i] if decided(f)]
            gold_total += sum(1 for _, c in weak if c != DROP)
            if weak:
                probs = inner.predict([f for f, _ in weak])
                scored.extend(
                    (1.0 - float(row[0]), gold != DROP, False) for (_f, gold), row in zip(weak, probs, strict=True)
                )
    _t, threshold = _choose_thresholds(scored, gold_total, settings.entity_beta)
    return model, threshold


def _fit(rows, labels, classes, settings: TrainSettings) -> LinearModel:
    return LinearModel.fit(rows, labels, classes, l2=settings.l2, min_count=settings.min_count)


def _ruled(cls: str, row: list[str]) -> bool:
    """Did the rule components propose this class's fact for this candidate?"""
    if cls.endswith((">", "<")) or cls in ("BENEFITS", "HURTS"):
        return f"rule={cls}" in row
    return f"rule={cls}>" in row or f"rule={cls}<" in row


def _item_facts(probs: np.ndarray, classes: list[str], rows, keys, labels) -> list[tuple[float, bool, bool]]:
    """Item-level facts of one item's candidates: (best probability, gold fact?, rule-proposed?)."""
    best: dict[tuple, tuple[float, bool, bool]] = {}
    for row, prob, key, label in zip(rows, probs, keys, labels, strict=True):
        for ci, cls in enumerate(classes):
            if cls == NONE:
                continue
            fact = (cls, key)
            p, right, ruled = best.get(fact, (0.0, False, False))
            best[fact] = (max(p, float(prob[ci])), right or label == cls, ruled or _ruled(cls, row))
    return list(best.values())


_GRID = [round(float(t), 3) for t in np.arange(0.10, 0.951, 0.025)]


def _choose_thresholds(scored: list[tuple[float, bool, bool]], gold_total: int, beta: float) -> tuple[float, float]:
    """Thresholds (rule-proposed facts, other facts) with the best F-beta over item-level
    facts; ties go to the higher thresholds (precision first)."""
    b2 = beta * beta
    best, best_f = (0.5, 0.5), -1.0
    ruled = sorted((p, right) for p, right, r in scored if r)
    free = sorted((p, right) for p, right, r in scored if not r)

    def counts(facts: list[tuple[float, bool]], t: float) -> tuple[int, int]:
        tp = sum(1 for p, right in facts if p >= t and right)
        return tp, sum(1 for p, _right in facts if p >= t) - tp

    free_counts = {t: counts(free, t) for t in _GRID}
    for t_rule in _GRID:
        tp_r, fp_r = counts(ruled, t_rule)
        for t_free in _GRID:
            tp_f, fp_f = free_counts[t_free]
            tp, fp = tp_r + tp_f, fp_r + fp_f
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / gold_total if gold_total else 0.0
            f = (1 + b2) * prec * rec / (b2 * prec + rec) if prec + rec else 0.0
            if f >= best_f - 1e-9:
                best, best_f = (t_rule, t_free), f
    return best


def _task(examples: list[ItemExamples], task: str):
    if task == "relations":
        return [(e.pair_rows, e.pair_labels, e.pair_keys, e.gold_relations) for e in examples], relation_classes()
    return [(e.impact_rows, e.impact_labels, e.impact_keys, e.gold_impacts) for e in examples], IMPACT_CLASSES


def _fit_task(examples: list[ItemExamples], groups: list[int], task: str, settings: TrainSettings):
    per_item, classes = _task(examples, task)
    rows = [r for rs, _l, _k, _g in per_item for r in rs]
    labels = [x for _r, ls, _k, _g in per_item for x in ls]
    model = _fit(rows, labels, classes, settings)
    # the threshold: out-of-fold probabilities over the training items only
    scored: list[tuple[float, bool, bool]] = []
    gold_total = 0
    k = min(settings.inner_folds, len(set(groups)))
    if k < 2:
        return model, (0.5, 0.5)
    for fold in make_folds(groups, k, settings.seed):
        held = set(fold)
        inner = _fit(
            [r for i, (rs, _l, _k, _g) in enumerate(per_item) if i not in held for r in rs],
            [x for i, (_r, ls, _k, _g) in enumerate(per_item) if i not in held for x in ls],
            classes,
            settings,
        )
        for i in fold:
            rs, ls, ks, g = per_item[i]
            gold_total += g
            if rs:
                scored.extend(_item_facts(inner.predict(rs), classes, rs, ks, ls))
    return model, _choose_thresholds(scored, gold_total, settings.beta)


def train_fact_models(
    items: Sequence[GoldItem],
    catalog: Catalog | None = None,
    settings: TrainSettings | None = None,
    examples: list[ItemExamples] | None = None,
    names: tuple[LinearModel, float] | None = None,
) -> LearnedModels:
    """Fit the models of ``settings.tasks`` on ``items`` (thresholds from their inner CV); the
    other tasks get no model (the rules decide them). The name checker ``names`` (model,
    threshold; default: the packaged one, never trained on the gold) runs before them and is
    part of the result."""
    settings = settings or TrainSettings()
    catalog = catalog if catalog is not None else default_catalog()
    groups = group_keys(items, [frozenset(gold_norm(e.name) for e in it.entities) for it in items])
    models = LearnedModels()
    if names is None:
        packaged = load_models(str(packaged_models_dir()))
        names = (packaged.names, packaged.name_threshold) if packaged is not None and packaged.names else None
    if names is not None:
        models.names, models.name_threshold = names
    if "entities" in settings.tasks:
        checker = LearnedModels(names=models.names, name_threshold=models.name_threshold)
        models.entities, models.entity_threshold = train_entity_model(items, groups, catalog, settings, checker)
    if "relations" in settings.tasks or "impacts" in settings.tasks:
        examples = examples if examples is not None else label_items(items, catalog, models)
    if "relations" in settings.tasks:
        models.relations, models.relation_threshold = _fit_task(examples, groups, "relations", settings)
    if "impacts" in settings.tasks:
        models.impacts, models.impact_threshold = _fit_task(examples, groups, "impacts", settings)
    return models


DEFAULT_GOLD = ("dev.jsonl", "train.jsonl", "train2.jsonl")


def default_gold_files() -> list[Path]:
    """``../shared/gold/{dev,train,train2}.jsonl`` next to the project checkout, if present."""
    root = Path(__file__).resolve().parents[2].parent / "shared" / "gold"
    return [root / name for name in DEFAULT_GOLD]


def train_to_dir(
    paths: Sequence[str | Path],
    out: Path,
    catalog: Catalog | None = None,
    settings: TrainSettings | None = None,
    names: tuple[LinearModel, float] | None = None,
) -> LearnedModels:
    """Read the gold files, train every model on all their items, and write them to ``out``
    with the name checker ``names`` (default: the packaged one)."""
    from newsgraph.learn.cv import read_gold_files

    items = read_gold_files(paths)
    if not items:
        raise InputError(", ".join(str(p) for p in paths), "no gold items to train on")
    models = train_fact_models(items, catalog, settings, names=names)
    models.save(Path(out))
    return models


def train_names(cluener_dir: Path, catalog: Catalog | None = None) -> tuple[LinearModel, float, dict[str, float]]:
    """Train the name checker (:mod:`.names`) on CLUENER's ``train.json`` and ``dev.json`` in
    ``cluener_dir``, from the names the rule pipeline proposes in its sentences."""
    from newsgraph.learn.names import checked, cue_of, read_cluener, train_name_model
    from newsgraph.loaders.extract import new_pipeline, process_text
    from newsgraph.loaders.nlp.extensions import mentions

    records = {}
    for name in ("train.json", "dev.json"):
        path = cluener_dir / name
        if not path.is_file():
            raise InputError(str(path), "no such CLUENER file (the name checker trains on train.json and dev.json)")
        try:
            records[name] = read_cluener(path)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(str(path), f"not CLUENER's format: {exc}") from None
    nlp = new_pipeline("zh", catalog if catalog is not None else default_catalog())
    install(nlp, None)  # the rules' proposals, before any checker

    def propose(text: str) -> list[tuple[int, int, str, str]]:
        doc = process_text(nlp, text, "")
        return [(s.start_char, s.end_char, s.label_, cue_of(s)) for s in mentions(doc) if checked(s)]

    return train_name_model(records["train.json"], records["dev.json"], propose)
