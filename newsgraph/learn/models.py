"""The trained fact models and the verdicts they give on a processed ``Doc``.

:class:`LearnedModels` holds a relation model (pair candidates -> one of the eight fact types
in a direction, or none) and an impact model (mention -> BENEFITS / HURTS / none), each with
two decision thresholds chosen on its training data: one for facts the rules also proposed,
one for the others. A fact is kept when its probability reaches its threshold; its
confidence is that probability. Models live in a directory as
``relations.{json,npz}``, ``impacts.{json,npz}`` and ``entities.{json,npz}`` (:mod:`.linear`); the packaged ones are
in ``newsgraph/loaders/data/models/``. Each task is optional: a directory may hold any of the
three, and for a task without a model the rule verdicts stand. ``names.{json,npz}`` is the
name checker (:mod:`.names`), trained on CLUENER rather than the gold; it is kept, not
removed, when the gold tasks are saved without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.graph.model import RelType
from newsgraph.learn.entities import ENTITY_CLASSES
from newsgraph.learn.features import Cues, ImpactCand, PairCand, impact_candidates, pair_candidates
from newsgraph.learn.linear import LinearModel, ModelFileError
from newsgraph.learn.names import NAME_CLASSES
from newsgraph.loaders.nlp.extensions import ImpactHit, RelationHit, doc_text
from newsgraph.loaders.nlp.lexicon import Lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher

__all__ = [
    "NONE",
    "TASKS",
    "UNDIRECTED_TYPES",
    "LearnedModels",
    "build_cues",
    "install",
    "load_models",
    "packaged_models_dir",
    "parse_tasks",
    "relation_classes",
]

NONE = "none"
UNDIRECTED_TYPES = (RelType.PARTNERS_WITH, RelType.COMPETES_WITH)
_DIRECTED = (
    RelType.RELEASED,
    RelType.INVESTS_IN,
    RelType.ACQUIRES,
    RelType.REGULATES,
    RelType.LEADS,
    RelType.PARTICIPATES_IN,
)
IMPACT_CLASSES = [NONE, RelType.BENEFITS.value, RelType.HURTS.value]
TASKS = ("entities", "relations", "impacts")  # the learned tasks, each optional


def parse_tasks(text: str) -> tuple[str, ...]:
    """``"entities,relations"`` -> the tasks in :data:`TASKS` order; ValueError on an unknown or empty list."""
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(names - set(TASKS))
    if unknown or not names:
        raise ValueError(f"tasks must be a comma list of {', '.join(TASKS)}; got {text!r}")
    return tuple(t for t in TASKS if t in names)


def relation_classes() -> list[str]:
    """``none``, ``T>`` / ``T<`` for directed types (head first / second), ``T`` for undirected."""
    out = [NONE]
    for t in _DIRECTED:
        out += [f"{t.value}>", f"{t.value}<"]
    out += [t.value for t in UNDIRECTED_TYPES]
    return out


def packaged_models_dir() -> Path:
    return Path(str(resources.files("newsgraph.loaders") / "data" / "models"))


@lru_cache(maxsize=4)
def load_models(directory: str) -> LearnedModels | None:
    """The models in ``directory`` (cached; any subset of the tasks), or None when it holds none."""
    path = Path(directory)
    if not any((path / f"{task}.json").exists() for task in (*TASKS, "names")):
        return None
    return LearnedModels.load(path)


def install(nlp: Language, models: LearnedModels | None) -> None:
    """Give ``nlp``'s learned components these models (None: the rules decide)."""
    for name in ("newsgraph_learned_entities", "newsgraph_learned_facts"):
        if name in nlp.pipe_names:
            nlp.get_pipe(name).set_models(models)


def build_cues(lexicon: Lexicon) -> Cues:
    by_type: dict[str, list[str]] = {}
    for rule in lexicon.relations:
        by_type.setdefault(rule.type.value, []).extend(rule.triggers.all())
    imp = lexicon.impacts
    impact_words = {
        "BENEFITS:subject": imp.BENEFITS.subject.all(),
        "BENEFITS:object": imp.BENEFITS.object.all(),
        "HURTS:subject": imp.HURTS.subject.all(),
        "HURTS:object": imp.HURTS.object.all(),
        "flow": imp.flows.all(),
    }
    return Cues(
        relation_triggers=[(k, WordMatcher(v)) for k, v in sorted(by_type.items()) if v],
        impact_triggers=[(k, WordMatcher(v)) for k, v in impact_words.items() if v],
        negation=WordMatcher(lexicon.negation.all()),
        denial=WordMatcher(lexicon.denial.all()),
        rumour=WordMatcher(lexicon.rumour.all()),
    )


def _thresholds(meta: dict, directory: Path) -> tuple[float, float]:
    value = meta.get("threshold")
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value)):
        raise ModelFileError(f"{directory}: a model's threshold is not a pair of numbers")
    return float(value[0]), float(value[1])


def _ruled(label: str, features: list[str]) -> bool:
    if label.endswith((">", "<")) or label in ("BENEFITS", "HURTS"):
        return f"rule={label}" in features
    return f"rule={label}>" in features or f"rule={label}<" in features


def _evidence(doc: Doc, sentence: tuple[int, int]) -> str:
    return doc_text(doc)[sentence[0] : sentence[1]].strip()


@dataclass(slots=True)
class LearnedModels:
    relations: LinearModel | None = None
    relation_threshold: tuple[float, float] = (0.5, 0.5)  # (facts the rules also proposed, other facts)
    impacts: LinearModel | None = None
    impact_threshold: tuple[float, float] = (0.5, 0.5)
    entities: LinearModel | None = None  # the entity decider (:mod:`.entities`)
    entity_threshold: float = 0.5
    names: LinearModel | None = None  # the name checker (:mod:`.names`), trained on CLUENER, not the gold
    name_threshold: float = 0.5

    # -- files ----------------------------------------------------------------------------

    def tasks(self) -> tuple[str, ...]:
        """The tasks that have a model."""
        return tuple(t for t in TASKS if getattr(self, t) is not None)

    def save(self, directory: Path) -> None:
        """Write the models present; the files of a task without a model are removed, so the
        directory holds exactly these models."""
        directory.mkdir(parents=True, exist_ok=True)
        if not self.tasks():
            raise ModelFileError(f"{directory}: no model to save")
        for task in TASKS:
            if getattr(self, task) is None:
                for suffix in ("json", "npz"):
                    (directory / f"{task}.{suffix}").unlink(missing_ok=True)
        if self.relations is not None:
            self.relations.save(directory, "relations", {"threshold": list(self.relation_threshold)})
        if self.impacts is not None:
            self.impacts.save(directory, "impacts", {"threshold": list(self.impact_threshold)})
        if self.entities is not None:
            self.entities.save(directory, "entities", {"threshold": self.entity_threshold})
        if self.names is not None:
            self.names.save(directory, "names", {"threshold": self.name_threshold})

    @classmethod
    def load(cls, directory: Path) -> LearnedModels:
        """The models in ``directory``; a task whose files are absent has none."""
        models = cls()
        if (directory / "relations.json").exists():
            rel, rel_meta = LinearModel.load(directory, "relations")
            if rel.classes != relation_classes():
                raise ModelFileError(f"{directory}: the relation model's classes are not the extractor's")
            models.relations, models.relation_threshold = rel, _thresholds(rel_meta, directory)
        if (directory / "impacts.json").exists():
            imp, imp_meta = LinearModel.load(directory, "impacts")
            if imp.classes != IMPACT_CLASSES:
                raise ModelFileError(f"{directory}: the impact model's classes are not the extractor's")
            models.impacts, models.impact_threshold = imp, _thresholds(imp_meta, directory)
        if (directory / "entities.json").exists():
            ent, ent_meta = LinearModel.load(directory, "entities")
            if ent.classes != ENTITY_CLASSES:
                raise ModelFileError(f"{directory}: the entity model's classes are not the extractor's")
            models.entities, models.entity_threshold = ent, float(ent_meta.get("threshold", 0.5))
        if (directory / "names.json").exists():
            names, names_meta = LinearModel.load(directory, "names")
            if names.classes != NAME_CLASSES:
                raise ModelFileError(f"{directory}: the name checker's classes are not the extractor's")
            models.names, models.name_threshold = names, float(names_meta.get("threshold", 0.5))
        return models

    # -- verdicts -------------------------------------------------------------------------

    def relation_hits(self, doc: Doc, cands: list[PairCand]) -> list[RelationHit]:
        probs = self.relations.predict([c.features for c in cands])
        best: dict[tuple[RelType, str, str], RelationHit] = {}
        for cand, row in zip(cands, probs, strict=True):
            for ci, label in enumerate(self.relations.classes):
                p = float(row[ci])
                if label == NONE or p < self.relation_threshold[0 if _ruled(label, cand.features) else 1]:
                    continue
                a, b = cand.first._.newsgraph_key, cand.second._.newsgraph_key
                rtype = RelType(label.rstrip("<>"))
                head, tail = (b, a) if label.endswith("<") else (a, b)
                if rtype in UNDIRECTED_TYPES:
                    head, tail = sorted((head, tail))
                key = (rtype, head, tail)
                old = best.get(key)
                if old is None or p > old.confidence:
                    best[key] = RelationHit(rtype, head, tail, _evidence(doc, cand.sentence), p, cand.first.start_char)
        return sorted(best.values(), key=lambda h: (h.start, h.type.value, h.head, h.tail))

    def impact_hits(self, doc: Doc, cands: list[ImpactCand]) -> list[ImpactHit]:
        probs = self.impacts.predict([c.features for c in cands])
        best: dict[str, ImpactHit] = {}
        for cand, row in zip(cands, probs, strict=True):
            ci = int(row[1:].argmax()) + 1
            p = float(row[ci])
            if p < self.impact_threshold[0 if _ruled(self.impacts.classes[ci], cand.features) else 1]:
                continue
            key = cand.mention._.newsgraph_key
            old = best.get(key)
            if old is None or p > old.confidence:
                rtype = RelType(self.impacts.classes[ci])
                best[key] = ImpactHit(rtype, key, _evidence(doc, cand.sentence), p, cand.mention.start_char)
        return sorted(best.values(), key=lambda h: (h.start, h.type.value, h.target))

    def apply(self, doc: Doc, cues: Cues) -> None:
        """Replace the rule verdicts on ``doc`` with the models' (the rules' stay as features);
        for a task without a model the rule verdicts stand."""
        if self.relations is not None:
            rule_rel = {(h.type.value, h.head, h.tail) for h in doc._.newsgraph_rule_relations or ()}
            doc._.newsgraph_relations = self.relation_hits(doc, pair_candidates(doc, cues, rule_rel))
        if self.impacts is not None:
            rule_imp = {(h.type.value, h.target) for h in doc._.newsgraph_rule_impacts or ()}
            doc._.newsgraph_impacts = self.impact_hits(doc, impact_candidates(doc, cues, rule_imp))
