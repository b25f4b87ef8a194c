"""``newsgraph eval --cv K``: grouped K-fold cross-validation of the learned extractor.

For each fold the models are trained from scratch on the other folds' items only
(:func:`newsgraph.learn.train.train_fact_models`), then the fold's items are extracted with
those models and scored; counts are summed over folds (micro-average). Folds come from
:mod:`.folds` (a story never spans two folds) with a fixed seed. ``rules_only`` scores the
rule verdicts over the same folds (no training), the baseline; ``settings.tasks`` picks
which models are trained (the rules decide the other tasks).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from newsgraph.eval import EvalReport, GoldItem, Scores, gold_norm, make_report, read_gold, score_item
from newsgraph.graph.catalog import Catalog, default_catalog
from newsgraph.learn.folds import group_keys, make_folds
from newsgraph.learn.train import TrainSettings, train_fact_models

__all__ = ["cross_validate", "read_gold_files"]


def read_gold_files(paths: Sequence[str | Path]) -> list[GoldItem]:
    items: list[GoldItem] = []
    for path in paths:
        items.extend(read_gold(path))
    return items


_STATE: dict = {}  # what forked fold workers read (set before the pool starts)


def _fold(index: int) -> tuple[Scores, Scores, Scores, list, float]:
    """Train on every fold but ``index``, then extract and score fold ``index``."""
    from newsgraph.learn.models import install
    from newsgraph.loaders.extract import doc_to_extraction, new_pipeline, process_text

    items, folds, catalog = _STATE["items"], _STATE["folds"], _STATE["catalog"]
    held = set(folds[index])
    train_items = [it for i, it in enumerate(items) if i not in held]
    models = None if _STATE["rules_only"] else train_fact_models(train_items, catalog, _STATE["settings"])
    entities, relations, impacts = Scores(), Scores(), Scores()
    errors = []
    pipes = {}
    started = time.perf_counter()
    for i in folds[index]:
        item = items[i]
        nlp = pipes.get(item.lang)
        if nlp is None:
            nlp = pipes[item.lang] = new_pipeline(item.lang, catalog)
            install(nlp, models)
        doc = process_text(nlp, item.text, item.title)
        extraction = doc_to_extraction(doc, item.id, item.lang, item.title)
        errors.append(score_item(item, extraction, catalog, entities, relations, impacts))
    return entities, relations, impacts, errors, time.perf_counter() - started


def _merge(total: Scores, part: Scores) -> None:
    for kind, prf in part.by_type.items():
        total.add(kind, tp=prf.tp, fp=prf.fp, fn=prf.fn)


def cross_validate(
    paths: Sequence[str | Path],
    k: int = 5,
    *,
    seed: int = 13,
    catalog: Catalog | None = None,
    rules_only: bool = False,
    settings: TrainSettings | None = None,
    jobs: int = 1,
) -> EvalReport:
    """Micro-averaged scores over ``k`` grouped folds (see the module doc); ``jobs`` folds at
    a time in forked processes (the same figures as one at a time)."""
    catalog = catalog if catalog is not None else default_catalog()
    items = read_gold_files(paths)
    groups = group_keys(items, [frozenset(gold_norm(e.name) for e in it.entities) for it in items])
    folds = make_folds(groups, k, seed)
    _STATE.update(items=items, folds=folds, catalog=catalog, rules_only=rules_only, settings=settings)
    try:
        if jobs > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(min(jobs, k)) as pool:
                parts = pool.map(_fold, range(k))
        else:
            parts = [_fold(index) for index in range(k)]
    finally:
        _STATE.clear()
    entities, relations, impacts = Scores(), Scores(), Scores()
    errors = []
    seconds = 0.0
    for ent, rel, imp, errs, secs in parts:
        _merge(entities, ent)
        _merge(relations, rel)
        _merge(impacts, imp)
        errors.extend(errs)
        seconds += secs
    name = " + ".join(str(p) for p in paths)
    if rules_only:
        which = ", rules only"
    else:
        tasks = (settings or TrainSettings()).tasks
        which = f", learned: {','.join(tasks)}"
    label = f"{name} ({k}-fold grouped CV, seed {seed}{which})"
    return make_report(label, len(items), entities, relations, impacts, errors, seconds)
