"""The trained fact models and the verdicts they give on a processed ``Doc``.

:class:`LearnedModels` holds a relation model (pair candidates -> one of the eight fact types
in a direction, or none) and an impact model (mention -> BENEFITS / HURTS / none), each with
two decision thresholds chosen on its training data: one for facts the rules also proposed,
one for the others. A fact is kept when its probability reaches its threshold; its
confidence is that probability. Models live in a directory as
``relations.{json,npz}``, ``impacts.{json,npz}`` and ``entities.{json,npz}`` (:mod:`.linear`); the packaged ones are
in ``newsgraph/loaders/data/models/``.
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
from newsgraph.loaders.nlp.extensions import ImpactHit, RelationHit, doc_text
from newsgraph.loaders.nlp.lexicon import Lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher

__all__ = [
    "NONE",
    "UNDIRECTED_TYPES",
    "LearnedModels",
    "build_cues",
    "install",
    "load_models",
    "packaged_models_dir",
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
    """The models in ``directory`` (cached), or None when it holds none."""
    path = Path(directory)
    if not (path / "relations.json").exists():
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

    # -- files ----------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        if self.relations is None or self.impacts is None:
            raise ModelFileError(f"{directory}: only a complete set of models is saved")
        self.relations.save(directory, "relations", {"threshold": list(self.relation_threshold)})
        self.impacts.save(directory, "impacts", {"threshold": list(self.impact_threshold)})
        if self.entities is not None:
            self.entities.save(directory, "entities", {"threshold": self.entity_threshold})

    @classmethod
    def load(cls, directory: Path) -> LearnedModels:
        rel, rel_meta = LinearModel.load(directory, "relations")
        imp, imp_meta = LinearModel.load(directory, "impacts")
        if rel.classes != relation_classes() or imp.classes != IMPACT_CLASSES:
            raise ModelFileError(f"{directory}: the models' classes are not the extractor's")
        models = cls(rel, _thresholds(rel_meta, directory), imp, _thresholds(imp_meta, directory))
        if (directory / "entities.json").exists():
            ent, ent_meta = LinearModel.load(directory, "entities")
            if ent.classes != ENTITY_CLASSES:
                raise ModelFileError(f"{directory}: the entity model's classes are not the extractor's")
            models.entities, models.entity_threshold = ent, float(ent_meta.get("threshold", 0.5))
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
        """Replace the rule verdicts on ``doc`` with the models' (the rules' stay as features)."""
        if self.relations is None or self.impacts is None:
            return
        rule_rel = {(h.type.value, h.head, h.tail) for h in doc._.newsgraph_rule_relations or ()}
        rule_imp = {(h.type.value, h.target) for h in doc._.newsgraph_rule_impacts or ()}
        doc._.newsgraph_relations = self.relation_hits(doc, pair_candidates(doc, cues, rule_rel))
        doc._.newsgraph_impacts = self.impact_hits(doc, impact_candidates(doc, cues, rule_imp))
