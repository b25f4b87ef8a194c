"""``LearnedEntities`` and ``LearnedFacts``: trained models decide the entity mentions and
the relations and impacts of a ``Doc``.

``LearnedEntities`` runs after discovery: the name checker drops the discovered Chinese names
it finds cut at the wrong place or no name (:mod:`newsgraph.learn.names`), and the entity
decider keeps the weak sector words it finds used as a market (:mod:`newsgraph.learn.entities`).

The rule components (:mod:`.relations`, :mod:`.impacts`) run first; this component keeps
their verdicts in ``doc._.newsgraph_rule_relations`` / ``newsgraph_rule_impacts`` (features
for the models) and replaces ``doc._.newsgraph_relations`` / ``newsgraph_impacts`` with the
verdicts of :class:`~newsgraph.learn.models.LearnedModels`. Without fact models (none are
packaged: they measured below the rules, or ``set_models(None)``) the rule verdicts stand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsgraph.loaders.nlp.lexicon import Lexicon

if TYPE_CHECKING:
    from newsgraph.learn.models import LearnedModels

__all__ = ["LearnedEntities", "LearnedFacts"]


class LearnedFacts:
    """Relation and impact verdicts from trained models (see the module doc)."""

    def __init__(self, lexicon: Lexicon, models_dir: str | None = None) -> None:
        # imported here: newsgraph.learn builds on this package's modules
        from newsgraph.learn.models import build_cues, load_models, packaged_models_dir

        self.cues = build_cues(lexicon)
        self.models: LearnedModels | None = load_models(str(Path(models_dir) if models_dir else packaged_models_dir()))

    def set_models(self, models: LearnedModels | None) -> None:
        self.models = models

    def __call__(self, doc: Doc) -> Doc:
        doc._.newsgraph_rule_relations = list(doc._.newsgraph_relations or ())
        doc._.newsgraph_rule_impacts = list(doc._.newsgraph_impacts or ())
        if self.models is not None:
            self.models.apply(doc, self.cues)
        return doc


class LearnedEntities:
    """Drops the discovered Chinese names the name checker rejects (:mod:`newsgraph.learn.names`)
    and keeps the weak sector words the entity decider finds used as a market
    (:mod:`newsgraph.learn.entities`); without the models, the rule mentions stand."""

    def __init__(self, models_dir: str | None = None) -> None:
        from newsgraph.learn.models import load_models, packaged_models_dir

        self.models: LearnedModels | None = load_models(str(Path(models_dir) if models_dir else packaged_models_dir()))

    def set_models(self, models: LearnedModels | None) -> None:
        self.models = models

    def __call__(self, doc: Doc) -> Doc:
        if self.models is not None and self.models.names is not None:
            from newsgraph.learn.names import check_names

            check_names(doc, self.models.names, self.models.name_threshold)
        if self.models is not None and self.models.entities is not None:
            from newsgraph.learn.entities import apply_entity_model

            apply_entity_model(doc, self.models.entities, self.models.entity_threshold)
        return doc
